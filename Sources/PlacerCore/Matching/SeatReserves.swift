/// The order in which a listing fills reserved and open seats.
public enum ReservePrecedence: String, Sendable, CaseIterable {
  /// Each group's reserved seats go first to that group's best applicants;
  /// then the rest compete for the remaining seats.
  case reservedFirst = "reserved-first"
  /// The open seats go first to the best applicants of any group; then each
  /// group's reserved seats go to its best remaining applicants.
  case openFirst = "open-first"
}

/// Seats held at each listing for equity groups, and how they are filled.
///
/// A listing with capacity q and reserves r_g has q - Σ r_g open seats. When
/// the listing chooses from a set of applicants it fills seats in stages,
/// each stage taking its best eligible applicants by the listing's rank:
///
/// - `reservedFirst`: each group's reserved seats (members of that group
///   only), then every seat still free (anyone);
/// - `openFirst`: the open seats (anyone), then each group's reserved seats
///   (members of that group only), then every seat still free (anyone).
///
/// The last stage makes these **soft** reserves: reserved seats that the
/// group cannot fill are released to open competition, so a listing never
/// leaves a seat empty while an acceptable applicant is turned away. A
/// learner belongs to at most one group.
///
/// This is a slot-by-slot choice rule in the sense of Kominers & Sönmez
/// (2016), "Matching with slot-specific priorities: theory", Theoretical
/// Economics 11(2):683–710; the two precedence orders are those compared by
/// Dur, Kominers, Pathak & Sönmez (2018), "Reserve design: unintended
/// consequences and the demise of Boston's walk zones", J. Political Economy
/// 126(6):2457–2479, and soft reserves are those of Hafalir, Yenmez &
/// Yildirim (2013), "Effective affirmative action in school choice",
/// Theoretical Economics 8(2):325–363. With one contract per pair the rule is
/// substitutable and chooses min(q, applicants) learners (law of aggregate
/// demand), so deferred acceptance with it stays stable and
/// learner-proposing stays learner-optimal.
///
/// Pinned learners are seated before any choice: a pinned member of group g
/// takes one of g's reserved seats while any remain, other pinned learners
/// take open seats. When the reserved seats left exceed the seats left
/// (including a capacity below Σ r_g), reserves are trimmed starting from
/// the last one listed for that listing.
public struct SeatReserves: Sendable {
  /// Per learner, its group (a non-negative id), or -1 for none.
  public let learnerGroup: [Int32]
  /// How each listing orders reserved and open seats.
  public let precedence: ReservePrecedence
  /// Per listing, where its reserves start in `groups` and `seats`.
  let offsets: [Int]
  let groups: [Int32]
  let seats: [Int]

  /// Collects the reserves.
  ///
  /// - Parameters:
  ///   - learnerGroup: per learner, its group id (≥ 0) or -1.
  ///   - reserves: per listing, `(group, seats)` pairs; an empty list means
  ///     no reserved seats.
  ///   - precedence: the seat-filling order used at every listing.
  /// - Precondition: groups are ≥ 0 and distinct within one listing, seats
  ///   are ≥ 0, learner groups are ≥ -1.
  public init(
    learnerGroup: [Int32],
    reserves: [[(group: Int32, seats: Int)]],
    precedence: ReservePrecedence
  ) {
    precondition(
      learnerGroup.allSatisfy { $0 >= -1 },
      "SeatReserves: learner group below -1")
    var offsets = [0]
    var groups: [Int32] = []
    var seats: [Int] = []
    for (j, list) in reserves.enumerated() {
      for (k, reserve) in list.enumerated() {
        precondition(
          reserve.group >= 0 && reserve.seats >= 0,
          "SeatReserves: listing \(j) has a negative group or seat count")
        precondition(
          !list[..<k].contains { $0.group == reserve.group },
          "SeatReserves: listing \(j) reserves group \(reserve.group) twice")
        groups.append(reserve.group)
        seats.append(reserve.seats)
      }
      offsets.append(groups.count)
    }
    self.learnerGroup = learnerGroup
    self.precedence = precedence
    self.offsets = offsets
    self.groups = groups
    self.seats = seats
  }

  /// The number of listings described.
  public var listingCount: Int { offsets.count - 1 }

  /// Listing `j`'s reserves as given, in order.
  public func reserves(at j: Int) -> [(group: Int32, seats: Int)] {
    (offsets[j]..<offsets[j + 1]).map { (groups[$0], seats[$0]) }
  }
}

/// How each listing's seats split into choice stages once pins are seated.
///
/// Stages of one listing are consecutive; the last is always the pool, open
/// to anyone, bounded only by `seatsLeft`. Without reserves every listing
/// has the pool alone, which is plain "best `seatsLeft` by rank".
struct SeatPlan {
  /// Marks a stage open to every group.
  static let anyGroup: Int32 = -1

  /// Per listing, capacity minus pinned learners, at least 0.
  var seatsLeft: [Int]
  /// Per listing, pinned learners seated there.
  var pinnedCount: [Int]
  /// Per listing, reserved seats taken by pinned members of the group.
  var reservedByPins: [Int]
  /// Listings whose pins exceed the capacity, ascending.
  var pinOverflow: [Int32]
  /// Per listing, its stages are `stageOffsets[j]..<stageOffsets[j + 1]`.
  var stageOffsets: [Int]
  /// Per stage, the group it admits, or `anyGroup`.
  var stageGroup: [Int32]
  /// Per stage, its seats (the pool's is the listing's `seatsLeft`).
  var stageSeats: [Int]
  /// Per learner, its group or -1 (all -1 without reserves).
  var learnerGroup: [Int32]

  init(
    profile: PreferenceProfile,
    pinned: [Int32]?,
    reserves: SeatReserves?
  ) {
    let n = profile.learnerCount
    let m = profile.listingCount
    if let pinned { validatePins(pinned, learners: n, listings: m) }
    if let reserves {
      precondition(
        reserves.listingCount == m && reserves.learnerGroup.count == n,
        "SeatPlan: reserves sized \(reserves.listingCount)x"
          + "\(reserves.learnerGroup.count), profile \(m)x\(n)")
    }
    learnerGroup = reserves?.learnerGroup ?? [Int32](repeating: -1, count: n)

    // Seat the pins, letting a pinned group member use its group's reserve.
    pinnedCount = [Int](repeating: 0, count: m)
    var reserveLeft = reserves?.seats ?? []
    var pinUse = [Int](repeating: 0, count: reserveLeft.count)
    for (i, j) in (pinned ?? []).enumerated() where j >= 0 {
      pinnedCount[Int(j)] += 1
      guard let reserves, learnerGroup[i] >= 0 else { continue }
      for r in reserves.offsets[Int(j)]..<reserves.offsets[Int(j) + 1]
      where reserves.groups[r] == learnerGroup[i] && reserveLeft[r] > 0 {
        reserveLeft[r] -= 1
        pinUse[r] += 1
      }
    }

    // Per listing: trim reserves to the seats left, then lay out stages.
    seatsLeft = [Int](repeating: 0, count: m)
    reservedByPins = [Int](repeating: 0, count: m)
    pinOverflow = []
    stageOffsets = [0]
    stageGroup = []
    stageSeats = []
    for j in 0..<m {
      let capacity = profile.capacities[j]
      if pinnedCount[j] > capacity { pinOverflow.append(Int32(j)) }
      let left = max(0, capacity - pinnedCount[j])
      seatsLeft[j] = left
      var range = 0..<0
      if let reserves { range = reserves.offsets[j]..<reserves.offsets[j + 1] }
      reservedByPins[j] = pinUse[range].reduce(0, +)
      var excess = reserveLeft[range].reduce(0, +) - left
      for r in range.reversed() where excess > 0 {
        let cut = min(excess, reserveLeft[r])
        reserveLeft[r] -= cut
        excess -= cut
      }
      let reserved = reserveLeft[range].reduce(0, +)
      let openFirst = reserves?.precedence == .openFirst
      if openFirst && reserved > 0 && left > reserved {
        appendStage(group: SeatPlan.anyGroup, seats: left - reserved)
      }
      for r in range where reserveLeft[r] > 0 {
        appendStage(group: reserves?.groups[r] ?? 0, seats: reserveLeft[r])
      }
      appendStage(group: SeatPlan.anyGroup, seats: left)
      stageOffsets.append(stageGroup.count)
    }
  }

  private mutating func appendStage(group: Int32, seats: Int) {
    stageGroup.append(group)
    stageSeats.append(seats)
  }

  /// Listing `j`'s stages; the last one is its pool.
  func stages(of j: Int) -> Range<Int> {
    stageOffsets[j]..<stageOffsets[j + 1]
  }

  /// True when some listing has a stage besides its pool.
  var hasReserveStages: Bool { stageGroup.count > seatsLeft.count }
}

/// Checks a per-learner pin array against the profile's sizes.
func validatePins(_ pinned: [Int32], learners n: Int, listings m: Int) {
  precondition(
    pinned.count == n, "pins: \(pinned.count) entries for \(n) learners")
  precondition(
    pinned.allSatisfy { $0 >= -1 && Int($0) < m },
    "pins: listing index out of -1..<\(m)")
}
