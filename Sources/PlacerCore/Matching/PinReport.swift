// What pins cost everyone else: displaced learners and the blocking pairs
// that exist only because pinned placements are fixed.

/// Why a blocking pair exists only because of pins.
public enum PinBlockingCause: String, Sendable, CaseIterable {
  /// The listing holds a pinned learner it ranks below the learner of the
  /// pair (or does not rank at all), so it would rather give that seat to
  /// the learner, who would rather have it.
  case pinnedSeat = "pinned_seat"
  /// The learner of the pair is pinned: it and the listing would rather be
  /// matched to each other than the learner stay at its pinned listing.
  case pinnedLearner = "pinned_learner"
}

/// A blocking pair that pins cause, with its cause.
public struct PinBlockingPair: Sendable, Hashable {
  /// The learner, pinned only when `cause` is `.pinnedLearner`.
  public var learner: Int32
  /// The listing both would rather be matched through.
  public var listing: Int32
  /// Which pin makes the pair block.
  public var cause: PinBlockingCause

  /// Names a pair (indices are not checked).
  public init(learner: Int32, listing: Int32, cause: PinBlockingCause) {
    self.learner = learner
    self.listing = listing
    self.cause = cause
  }
}

/// The effect of pins on an allocation, against the same algorithm run
/// with the pins removed.
///
/// Definitions (the README's "Pins" section says the same):
///
/// - **Without pins**: the matching the same algorithm gives on the same
///   lists, reserves and seed when no learner is pinned; pinned learners
///   then take part through their own lists like everyone else.
/// - **Displaced**: a learner that is not pinned and is worse off, by its
///   own list, than without pins; being unmatched is worse than any
///   listing. `betterOff` counts the opposite, which pins can also cause
///   (a pinned learner may vacate a seat it would otherwise have taken).
/// - **Blocking pairs caused by pins**: the pairs that block the
///   allocation when the pinned placements are judged like any other
///   placement (a pinned learner counts as holding its listing, ranked
///   where that listing ranks it, and may itself block), minus the pairs
///   that block it with pins honoured, as `checkAllocation` judges them.
///   A deferred-acceptance result has no pairs of the second kind, so for
///   it these are all the pairs that pins alone create.
public struct PinReport: Sendable {
  /// The matching computed with the pins removed.
  public var withoutPins: Matching
  /// Displaced learners, ascending.
  public var displaced: [Int32]
  /// Learners, not pinned, better off than without pins, ascending.
  public var betterOff: [Int32]
  /// Blocking pairs caused by pins, by learner and then the learner's
  /// preference order.
  public var blockingPairs: [PinBlockingPair]

  /// Compares `matching` (computed with `pinned`) with `withoutPins`.
  ///
  /// - Precondition: both matchings and `pinned` have one entry per
  ///   learner of `profile`; `reserves` matches the profile's sizes.
  /// - Complexity: two runs of `checkAllocation` plus O(n·K), K the
  ///   longest learner list.
  public init(
    matching: Matching,
    withoutPins: Matching,
    profile: PreferenceProfile,
    pinned: [Int32],
    reserves: SeatReserves? = nil
  ) {
    let n = profile.learnerCount
    precondition(
      matching.learnerCount == n && withoutPins.learnerCount == n,
      "PinReport: matchings sized \(matching.learnerCount), "
        + "\(withoutPins.learnerCount) for \(n) learners")
    self.withoutPins = withoutPins

    // Compare every non-pinned learner's two outcomes by its own list.
    displaced = []
    betterOff = []
    for i in 0..<n where pinned[i] < 0 {
      let now = Self.rank(matching, i, profile)
      let before = Self.rank(withoutPins, i, profile)
      if now > before { displaced.append(Int32(i)) }
      if now < before { betterOff.append(Int32(i)) }
    }

    // Pairs blocking only when pins are judged as ordinary placements.
    let honoured = Set(
      PlacerCore.blockingPairs(
        in: matching, profile: profile, pinned: pinned, reserves: reserves))
    let ordinary = PlacerCore.blockingPairs(
      in: matching, profile: profile, pinned: nil, reserves: reserves)
    blockingPairs = ordinary.filter { !honoured.contains($0) }.map { pair in
      PinBlockingPair(
        learner: pair.learner, listing: pair.listing,
        cause: pinned[Int(pair.learner)] >= 0 ? .pinnedLearner : .pinnedSeat)
    }
  }

  /// Learner i's 0-based rank of its listing; `Int.max` when unmatched or
  /// matched outside its list.
  static func rank(_ matching: Matching, _ i: Int, _ profile: PreferenceProfile)
    -> Int
  {
    let j = matching.listingOf[i]
    guard j >= 0 else { return Int.max }
    return profile.learnerRank(of: Int(j), for: i) ?? Int.max
  }
}
