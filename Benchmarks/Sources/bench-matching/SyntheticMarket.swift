// Seeded synthetic preference profiles for the matching benchmark.

import PlacerCore

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny seedable generator, so a
/// size and seed always give the same market.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return SplitMix64.mix(state)
  }

  /// The SplitMix64 output function; also a good 64-bit hash.
  static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A random-utility market: both sides' lists, capacities and the pair
/// weights max-welfare maximizes.
///
/// - Learner i ranks a listing j by `quality[j] + noise`: listings share a
///   common quality (so demand is correlated and contested) plus a private
///   taste term. Each learner draws `listLength` distinct listings, popular
///   (low-index) listings more often, and ranks them by that utility.
/// - Listing j ranks its applicants by `ability[i] + 0.5 · h(i, j)`, a
///   common ability plus a pair-specific term from a hash, so listings
///   broadly agree on who is strong without ranking identically.
/// - Capacities are uniform in 1...8 (mean 4.5); with 4.8 learners per
///   listing the seats cover about 94% of learners.
///
/// Every pair is on both lists, so the profile keeps all of them.
struct SyntheticMarket {
  var learnerLists: [[Int32]]
  var listingLists: [[Int32]]
  var capacities: [Int]
  let ability: [Double]
  let seed: UInt64

  init(learners n: Int, listings m: Int, listLength: Int, seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let quality = (0..<m).map { _ in Double.random(in: 0..<1, using: &rng) }
    let ability = (0..<n).map { _ in Double.random(in: 0..<1, using: &rng) }
    self.ability = ability
    self.seed = seed
    capacities = (0..<m).map { _ in Int.random(in: 1...8, using: &rng) }
    let length = min(listLength, m)

    // Learner lists: skewed draws without repeats, ordered by utility.
    var seen = [Int32](repeating: -1, count: m)
    var learnerLists: [[Int32]] = []
    learnerLists.reserveCapacity(n)
    var applicantCount = [Int](repeating: 0, count: m)
    for i in 0..<n {
      var picks: [(listing: Int32, utility: Double)] = []
      picks.reserveCapacity(length)
      while picks.count < length {
        let u = Double.random(in: 0..<1, using: &rng)
        let j = min(m - 1, Int(Double(m) * u * u))
        guard seen[j] != Int32(i) else { continue }
        seen[j] = Int32(i)
        let taste = Double.random(in: 0..<1, using: &rng)
        picks.append((Int32(j), quality[j] + taste))
      }
      picks.sort { $0.utility > $1.utility }
      for pick in picks { applicantCount[Int(pick.listing)] += 1 }
      learnerLists.append(picks.map(\.listing))
    }

    // Listing lists: every applicant, by the listing's score.
    let score = { (i: Int, j: Int) in
      Self.score(ability: ability[i], i, j, seed: seed)
    }
    var applicants = applicantCount.map { count -> [Int32] in
      var list: [Int32] = []
      list.reserveCapacity(count)
      return list
    }
    for (i, list) in learnerLists.enumerated() {
      for j in list { applicants[Int(j)].append(Int32(i)) }
    }
    listingLists = applicants.enumerated().map { j, list in
      list.map { (Int($0), score(Int($0), j)) }
        .sorted { $0.1 > $1.1 }
        .map { Int32($0.0) }
    }
    self.learnerLists = learnerLists
  }

  /// Listing j's score of learner i: ability plus a pair term in [0, 0.5).
  static func score(
    ability: Double, _ i: Int, _ j: Int, seed: UInt64
  ) -> Double {
    let h = SplitMix64.mix((UInt64(i) << 32 | UInt64(j)) ^ seed)
    return ability + 0.5 * Double(h >> 11) / Double(1 << 53)
  }

  /// Max-welfare weights in the profile's learner-list order (every pair
  /// is kept, so that is the raw list order): learner utility (1 at the
  /// top of the list, falling linearly) plus the listing's score, in
  /// [0, 2.5).
  func weights() -> [Double] {
    var weights: [Double] = []
    for (i, list) in learnerLists.enumerated() {
      for (r, j) in list.enumerated() {
        weights.append(
          1 - Double(r) / Double(list.count)
            + Self.score(ability: ability[i], i, Int(j), seed: seed))
      }
    }
    return weights
  }
}
