// Listing-proposing deferred acceptance, with reserve stages as cursors.

/// The state of listing-proposing deferred acceptance.
///
/// Each listing offers its seats to its current choice from the learners
/// who have not declined it. Under the staged rule of `SeatReserves` every
/// stage's holders form a prefix of the listing's list (restricted to the
/// stage's group, minus declined learners and earlier stages' holders), so
/// each stage keeps a cursor that only moves forward. When a learner
/// declines, its stage refills from the cursor, possibly taking a learner
/// who already holds an offer through a later stage (no new offer), and
/// the later stages refill in turn.
struct ListingOffers {
  private static let notOffered: UInt8 = 0
  private static let declined: UInt8 = 1
  /// Status `firstStage + t` means "held through the listing's t-th stage".
  private static let firstStage: UInt8 = 2

  let plan: SeatPlan
  let learnerOffsets: [Int]
  let learnerListings: [Int32]
  let rankAtListing: [Int32]
  let listingOffsets: [Int]
  let listingLearners: [Int32]
  let rankAtLearner: [Int32]
  /// Per learner, whether it is pinned (and so never receives offers).
  let isPinned: [Bool]
  /// Per stage, the next position in its listing's list to consider.
  var cursor: [Int]
  /// Per stage, learners holding an offer through it.
  var count: [Int]
  /// Per listing-list entry, what became of it (see the constants).
  var status: [UInt8]
  /// Per learner, the learner-list entry of the offer it holds, or -1.
  var heldEntry: [Int]
  /// Offers not yet seen by their learner: (learner, learner-list entry).
  var pending: [(learner: Int, entry: Int)] = []
  var proposals = 0

  init(profile: PreferenceProfile, plan: SeatPlan, isPinned: [Bool]) {
    self.plan = plan
    self.isPinned = isPinned
    learnerOffsets = profile.learnerOffsets
    learnerListings = profile.learnerListings
    rankAtListing = profile.rankAtListing
    listingOffsets = profile.listingOffsets
    listingLearners = profile.listingLearners
    rankAtLearner = profile.rankAtLearner
    for j in 0..<profile.listingCount {
      precondition(
        plan.stages(of: j).count < Int(UInt8.max - ListingOffers.firstStage),
        "deferredAcceptance: too many reserve groups at listing \(j)")
    }
    cursor = [Int](repeating: 0, count: plan.stageSeats.count)
    count = [Int](repeating: 0, count: plan.stageSeats.count)
    status = [UInt8](repeating: 0, count: listingLearners.count)
    heldEntry = [Int](repeating: -1, count: profile.learnerCount)
  }

  /// Runs offers to completion and returns how many were made.
  mutating func run() -> Int {
    for j in 0..<(listingOffsets.count - 1) {
      fill(j)
    }
    while let offer = pending.popLast() {
      let current = heldEntry[offer.learner]
      // Within one learner's list a smaller entry index is a better rank.
      if current < 0 || offer.entry < current {
        heldEntry[offer.learner] = offer.entry
        if current >= 0 { decline(entry: current) }
      } else {
        decline(entry: offer.entry)
      }
    }
    return proposals
  }

  /// Writes each learner's held listing into `listingOf`.
  func record(into listingOf: inout [Int32]) {
    for (i, k) in heldEntry.enumerated() where k >= 0 {
      listingOf[i] = learnerListings[k]
    }
  }

  /// Seats at `j` held through a group's reserve stage.
  func reserveStageCount(at j: Int) -> Int {
    plan.stages(of: j).reduce(0) { sum, s in
      plan.stageGroup[s] == SeatPlan.anyGroup ? sum : sum + count[s]
    }
  }

  /// Frees the seat behind a declined or released offer and refills.
  private mutating func decline(entry k: Int) {
    let j = Int(learnerListings[k])
    let e = listingOffsets[j] + Int(rankAtListing[k])
    let stage = plan.stageOffsets[j] + Int(status[e] - ListingOffers.firstStage)
    count[stage] -= 1
    status[e] = ListingOffers.declined
    fill(j)
  }

  /// Brings every stage of listing `j` up to its seats, in stage order.
  private mutating func fill(_ j: Int) {
    let stages = plan.stages(of: j)
    let pool = stages.upperBound - 1
    let base = listingOffsets[j]
    let length = listingOffsets[j + 1] - base
    var heldBefore = 0
    for s in stages {
      let own = ListingOffers.firstStage + UInt8(s - stages.lowerBound)
      let admits = plan.stageGroup[s]
      let target =
        s == pool ? plan.seatsLeft[j] - heldBefore : plan.stageSeats[s]
      while count[s] < target && cursor[s] < length {
        let e = base + cursor[s]
        cursor[s] += 1
        let state = status[e]
        let i = Int(listingLearners[e])
        if state == ListingOffers.declined || (state != 0 && state < own) {
          continue
        }
        if admits != SeatPlan.anyGroup && plan.learnerGroup[i] != admits {
          continue
        }
        if isPinned[i] {
          status[e] = ListingOffers.declined
          continue
        }
        if state == ListingOffers.notOffered {
          proposals += 1
          pending.append((i, learnerOffsets[i] + Int(rankAtLearner[e])))
        } else {
          // Already offered through a later stage: move it up, no new offer.
          count[stages.lowerBound + Int(state - ListingOffers.firstStage)] -= 1
        }
        status[e] = own
        count[s] += 1
      }
      heldBefore += count[s]
    }
  }
}
