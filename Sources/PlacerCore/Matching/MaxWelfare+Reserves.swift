// Maximum-weight assignment that fills reserved seats with their groups
// first: a lexicographic objective solved on a split copy of the profile.

/// The welfare optimum with soft reserves honoured as lower bounds.
///
/// Among all matchings (mutually acceptable pairs, capacities, pins seated
/// first), it maximizes first the number of reserved seats held by members
/// of the seat's group, and then the total weight. So a reserved seat goes
/// to its group whenever some acceptable member can take it without
/// costing another group member a reserved seat, even at a loss of
/// weight; seats the groups cannot fill are open to anyone, as in
/// `SeatReserves`. Pinned members use their group's reserve first, and
/// reserves are trimmed to the seats left exactly as there. The
/// precedence of `reserves` does not matter here: it orders a listing's
/// choice among applicants, which an optimum does not make.
///
/// Each listing j is split into an open part (its seats left minus its
/// reserved seats) and one part per reserve (that reserve's seats). A
/// learner may take any part of any listing on its list at the pair's
/// weight; in the part reserved for its own group the weight carries a
/// bonus B larger than any difference in total weight between two
/// matchings (B = 1 + 2·Σ_i max_k |w_ik|), which makes the single
/// objective of `maxWelfareAssignment` on the split profile lexicographic.
///
/// - Parameters:
///   - profile, weights, pinned: as in
///     `maxWelfareAssignment(_:weights:pinned:)`.
///   - reserves: reserved seats; `nil` or no reserved seat gives exactly
///     `maxWelfareAssignment(_:weights:pinned:)`.
/// - Returns: the matching; `reservedFilled` counts, per listing, seats held
///   by members of the reserving group through the reserve (pinned members
///   included); `proposals` is 0.
/// - Complexity: that of `maxWelfareAssignment` on a profile with one
///   copy of each pair per part of its listing (1 + reserves at the
///   listing). With B in the costs, totals are exact up to rounding of
///   about 1e-16·B·(path length).
public func maxWelfareAssignment(
  _ profile: PreferenceProfile,
  weights: [Double],
  pinned: [Int32]?,
  reserves: SeatReserves?
) -> MatchingResult {
  let plain = {
    maxWelfareAssignment(profile, weights: weights, pinned: pinned)
  }
  guard let reserves else { return plain() }
  let plan = SeatPlan(profile: profile, pinned: pinned, reserves: reserves)
  guard plan.hasReserveStages else {
    // Only pinned members can hold reserved seats.
    var result = plain()
    result.reservedFilled = plan.reservedByPins
    return result
  }
  precondition(
    weights.count == profile.pairCount && weights.allSatisfy(\.isFinite),
    "maxWelfareAssignment: \(weights.count) weights for "
      + "\(profile.pairCount) pairs, or a non-finite one")

  let split = ReserveSplit(plan: plan, listingCount: profile.listingCount)
  var bonus = 1.0
  for i in 0..<profile.learnerCount {
    let range = profile.learnerOffsets[i]..<profile.learnerOffsets[i + 1]
    bonus += 2 * (range.map { abs(weights[$0]) }.max() ?? 0)
  }

  // Split lists and weights; pinned learners take no further part.
  let isPinned = { (i: Int) in (pinned?[i] ?? -1) >= 0 }
  var learnerLists: [[Int32]] = []
  var splitWeights: [Double] = []
  for i in 0..<profile.learnerCount {
    var list: [Int32] = []
    if !isPinned(i) {
      for k in profile.learnerOffsets[i]..<profile.learnerOffsets[i + 1] {
        for part in split.parts(of: Int(profile.learnerListings[k])) {
          list.append(Int32(part))
          let own = split.isReserved(part, for: plan.learnerGroup[i])
          splitWeights.append(weights[k] + (own ? bonus : 0))
        }
      }
    }
    learnerLists.append(list)
  }
  let listingLists = split.parent.map { j in
    profile.listingList(Int(j)).filter { !isPinned(Int($0)) }
  }
  let splitProfile = PreferenceProfile(
    learnerLists: learnerLists, listingLists: listingLists,
    capacities: split.capacity)
  let solved = maxWelfareAssignment(splitProfile, weights: splitWeights)

  // Back to listings; count reserved seats held by their own group.
  var listingOf = pinned ?? [Int32](repeating: -1, count: profile.learnerCount)
  var reservedFilled = plan.reservedByPins
  for (i, part) in solved.matching.listingOf.enumerated() where part >= 0 {
    let j = split.parent[Int(part)]
    listingOf[i] = j
    if split.isReserved(Int(part), for: plan.learnerGroup[i]) {
      reservedFilled[Int(j)] += 1
    }
  }
  let matching = Matching(listingOf: listingOf)
  return MatchingResult(
    matching: matching, proposals: 0, reservedFilled: reservedFilled,
    filled: matching.filledSeats(listingCount: profile.listingCount),
    pinOverflow: plan.pinOverflow)
}

/// Each listing's parts: the open part first, then one per reserve stage.
private struct ReserveSplit {
  /// Per listing, its parts are `offsets[j]..<offsets[j + 1]`.
  var offsets = [0]
  /// Per part: its listing, the group it is reserved for (or
  /// `SeatPlan.anyGroup` for the open part), and its seats.
  var parent: [Int32] = []
  var group: [Int32] = []
  var capacity: [Int] = []

  init(plan: SeatPlan, listingCount m: Int) {
    for j in 0..<m {
      let reserved = plan.stages(of: j).filter {
        plan.stageGroup[$0] != SeatPlan.anyGroup
      }
      let reservedSeats = reserved.reduce(0) { $0 + plan.stageSeats[$1] }
      append(
        j, group: SeatPlan.anyGroup, seats: plan.seatsLeft[j] - reservedSeats)
      for s in reserved {
        append(j, group: plan.stageGroup[s], seats: plan.stageSeats[s])
      }
      offsets.append(parent.count)
    }
  }

  private mutating func append(_ j: Int, group g: Int32, seats: Int) {
    parent.append(Int32(j))
    group.append(g)
    capacity.append(seats)
  }

  func parts(of j: Int) -> Range<Int> { offsets[j]..<offsets[j + 1] }

  /// True when `part` is reserved for `learnerGroup` (never for -1).
  func isReserved(_ part: Int, for learnerGroup: Int32) -> Bool {
    group[part] != SeatPlan.anyGroup && group[part] == learnerGroup
  }
}
