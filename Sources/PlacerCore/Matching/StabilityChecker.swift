// Judges any allocation against a profile: validity and stability.

/// A learner and a listing that would both rather be matched to each other.
public struct BlockingPair: Sendable, Hashable {
  /// The learner, never a pinned one.
  public var learner: Int32
  /// The listing the learner prefers to its own and that would choose it.
  public var listing: Int32

  /// Names a pair (indices are not checked).
  public init(learner: Int32, listing: Int32) {
    self.learner = learner
    self.listing = listing
  }
}

/// A matched learner and listing that are not mutually acceptable.
public struct UnacceptablePair: Sendable, Hashable {
  /// The learner, never a pinned one.
  public var learner: Int32
  /// The listing it is matched to.
  public var listing: Int32

  /// Names a pair (indices are not checked).
  public init(learner: Int32, listing: Int32) {
    self.learner = learner
    self.listing = listing
  }
}

/// Everything wrong with an allocation; empty lists mean none found.
public struct AllocationProblems: Sendable {
  /// Listings holding more learners than `max(capacity, pinned learners)`,
  /// ascending. Overflow caused by pins alone is not a violation.
  public var capacityViolations: [Int32]
  /// Matched pairs that are not mutually acceptable, pins excluded; by
  /// learner.
  public var unacceptablePairs: [UnacceptablePair]
  /// Pinned learners not matched to their pinned listing, ascending.
  public var pinViolations: [Int32]
  /// Blocking pairs, by learner and then the learner's preference order.
  public var blockingPairs: [BlockingPair]

  /// True when nothing at all was found.
  public var isValidAndStable: Bool {
    capacityViolations.isEmpty && unacceptablePairs.isEmpty
      && pinViolations.isEmpty && blockingPairs.isEmpty
  }
}

/// Checks capacities, acceptability, pins, and stability of `matching`.
///
/// A pair (i, j) blocks when it is mutually acceptable, learner i is not
/// pinned, i is unmatched or prefers j to its listing, and listing j would
/// choose i from its current learners plus i. Without reserves that means j
/// has a free seat or ranks i above its worst non-pinned learner (the
/// standard many-to-one definition of Roth 1984, "The Evolution of the
/// Labor Market for Medical Interns and Residents", J. Political Economy
/// 92(6):991–1016). With reserves it is the same test against the staged
/// choice rule of `SeatReserves`, which reduces to the former when no
/// listing has reserved seats.
///
/// Pinned learners never block as the learner side but their seats count
/// as filled. A learner matched to an unacceptable listing counts as
/// unmatched (it would leave for any acceptable listing), and such a
/// learner takes no seat in the listing's choice.
///
/// - Precondition: `matching` has one entry per learner, each -1 or a
///   listing index; `pinned` and `reserves` match the profile's sizes.
/// - Complexity: O(n + m + L + n log c), L the number of acceptable pairs
///   and c the largest capacity.
public func checkAllocation(
  _ matching: Matching,
  profile: PreferenceProfile,
  pinned: [Int32]? = nil,
  reserves: SeatReserves? = nil
) -> AllocationProblems {
  let n = profile.learnerCount
  let m = profile.listingCount
  precondition(
    matching.learnerCount == n,
    "checkAllocation: \(matching.learnerCount) learners, profile has \(n)")
  let plan = SeatPlan(profile: profile, pinned: pinned, reserves: reserves)
  var problems = AllocationProblems(
    capacityViolations: [], unacceptablePairs: [], pinViolations: [],
    blockingPairs: [])

  // Pins and acceptability; each acceptable non-pinned learner's entry.
  var currentEntry = [Int](repeating: -1, count: n)
  for (i, j) in matching.listingOf.enumerated() {
    let pin = pinned?[i] ?? -1
    if pin >= 0 {
      if j != pin { problems.pinViolations.append(Int32(i)) }
      continue
    }
    guard j >= 0 else { continue }
    if let k = profile.entry(learner: i, listing: Int(j)) {
      currentEntry[i] = k
    } else {
      problems.unacceptablePairs.append(
        UnacceptablePair(learner: Int32(i), listing: j))
    }
  }

  // Capacities, counting every learner the matching places.
  for (j, filled) in matching.filledSeats(listingCount: m).enumerated()
  where filled > max(profile.capacities[j], plan.pinnedCount[j]) {
    problems.capacityViolations.append(Int32(j))
  }

  problems.blockingPairs = blockingPairs(
    profile: profile, plan: plan, currentEntry: currentEntry,
    isPinned: pinned.map { $0.map { $0 >= 0 } }
      ?? [Bool](repeating: false, count: n))
  return problems
}

/// The blocking pairs of `matching`, as defined at `checkAllocation`.
///
/// - Complexity: O(n + m + L + n log c).
public func blockingPairs(
  in matching: Matching,
  profile: PreferenceProfile,
  pinned: [Int32]? = nil,
  reserves: SeatReserves? = nil
) -> [BlockingPair] {
  checkAllocation(
    matching, profile: profile, pinned: pinned, reserves: reserves
  ).blockingPairs
}

/// Stages each listing's acceptable learners through its choice rule, then
/// tests every entry a learner prefers to its own.
private func blockingPairs(
  profile: PreferenceProfile,
  plan: SeatPlan,
  currentEntry: [Int],
  isPinned: [Bool]
) -> [BlockingPair] {
  var seats = StagedSeats(profile: profile, plan: plan)
  var found: [BlockingPair] = []
  seats.withHeaps { heaps in
    for (i, k) in currentEntry.enumerated() where k >= 0 {
      let j = Int(profile.learnerListings[k])
      _ = heaps.admit(
        SeatKey(rank: profile.rankAtListing[k], learner: i), at: j)
    }
    for i in 0..<profile.learnerCount where !isPinned[i] {
      let start = profile.learnerOffsets[i]
      let end =
        currentEntry[i] >= 0 ? currentEntry[i] : profile.learnerOffsets[i + 1]
      for k in start..<end {
        let j = Int(profile.learnerListings[k])
        let bound = heaps.admissionBound(at: j, group: plan.learnerGroup[i])
        if profile.rankAtListing[k] < bound {
          found.append(BlockingPair(learner: Int32(i), listing: Int32(j)))
        }
      }
    }
  }
  return found
}
