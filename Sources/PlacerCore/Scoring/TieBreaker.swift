// Seeded lottery numbers that break ties in preference lists.

/// How lottery numbers are drawn (CONTRACT.md §3).
public enum TieBreakRule: String, Sendable, Codable, CaseIterable {
  /// One number per learner shared by all listings, and one per listing
  /// shared by all learners.
  case single
  /// A fresh number for every learner-listing pair and side.
  case multiple
}

/// Lottery numbers from a seed; a smaller number wins a tie.
///
/// Numbers come from a SplitMix64-style finalizer over the seed and the
/// indices (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
/// generators", OOPSLA), so they depend on nothing but those inputs.
public struct TieBreaker: Sendable, Equatable {
  public var seed: UInt64
  public var rule: TieBreakRule

  public init(seed: UInt64, rule: TieBreakRule) {
    self.seed = seed
    self.rule = rule
  }

  /// Orders listings that learner `i` values equally.
  public func learnerSide(learner i: Int, listing j: Int) -> UInt64 {
    switch rule {
    case .single: mix(seed, 0x4c49_5354, UInt64(j))
    case .multiple: mix(seed, 0x4c50_4149 ^ UInt64(i) << 32, UInt64(j))
    }
  }

  /// Orders learners that listing `j` values equally.
  public func listingSide(listing j: Int, learner i: Int) -> UInt64 {
    switch rule {
    case .single: mix(seed, 0x4c45_4152, UInt64(i))
    case .multiple: mix(seed, 0x4a50_4149 ^ UInt64(j) << 32, UInt64(i))
    }
  }
}

/// SplitMix64 output function applied to a combination of three words.
func mix(_ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
  var z = a &+ 0x9e37_79b9_7f4a_7c15 &* (b &+ 1)
  z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
  z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
  z ^= z >> 31
  z = z &+ 0x9e37_79b9_7f4a_7c15 &* (c &+ 1)
  z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
  z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
  return z ^ (z >> 31)
}

/// A seeded SplitMix64 generator for synthetic data and random tests.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  public init(seed: UInt64) {
    state = seed
  }

  public mutating func next() -> UInt64 {
    state = state &+ 0x9e37_79b9_7f4a_7c15
    var z = state
    z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
    z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
    return z ^ (z >> 31)
  }
}
