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
  static let notOffered: UInt8 = 0
  static let declined: UInt8 = 1
  /// Status `firstStage + t` means "held through the listing's t-th stage".
  static let firstStage: UInt8 = 2

  let plan: SeatPlan
  let profile: PreferenceProfile
  /// Per stage, the next position in its listing's list to consider.
  var cursor: [Int]
  /// Per stage, learners holding an offer through it.
  var count: [Int]
  /// Per listing-list entry, what became of it (see the constants).
  var status: [UInt8]
  /// Per learner, the offer it holds (`listingEntry` -1 for none).
  var held: [HeldOffer]

  /// Prepares the run; pinned learners are marked as having declined
  /// every listing, so they never receive offers.
  init(profile: PreferenceProfile, plan: SeatPlan, isPinned: [Bool]) {
    self.plan = plan
    self.profile = profile
    for j in 0..<profile.listingCount {
      precondition(
        plan.stages(of: j).count < Int(UInt8.max - ListingOffers.firstStage),
        "deferredAcceptance: too many reserve groups at listing \(j)")
    }
    cursor = [Int](repeating: 0, count: plan.stageSeats.count)
    count = [Int](repeating: 0, count: plan.stageSeats.count)
    status = [UInt8](repeating: 0, count: profile.pairCount)
    held = [HeldOffer](
      repeating: HeldOffer(listingEntry: -1, listing: -1, rank: 0),
      count: profile.learnerCount)
    for i in 0..<profile.learnerCount where isPinned[i] {
      for k in profile.learnerOffsets[i]..<profile.learnerOffsets[i + 1] {
        let j = Int(profile.learnerListings[k])
        let e = profile.listingOffsets[j] + Int(profile.rankAtListing[k])
        status[e] = ListingOffers.declined
      }
    }
  }

  /// Runs offers to completion and returns how many were made.
  mutating func run() -> Int {
    let plan = plan
    let profile = profile
    return cursor.withUnsafeMutableBufferPointer { cursor in
      count.withUnsafeMutableBufferPointer { count in
        status.withUnsafeMutableBufferPointer { status in
          held.withUnsafeMutableBufferPointer { held in
            var round = OfferRound(
              plan: plan, profile: profile, cursor: cursor, count: count,
              status: status, held: held)
            return round.run()
          }
        }
      }
    }
  }

  /// Writes each learner's held listing into `listingOf`.
  func record(into listingOf: inout [Int32]) {
    for (i, offer) in held.enumerated() where offer.listingEntry >= 0 {
      listingOf[i] = offer.listing
    }
  }

  /// Seats at `j` held through a group's reserve stage.
  func reserveStageCount(at j: Int) -> Int {
    plan.stages(of: j).reduce(0) { sum, s in
      plan.stageGroup[s] == SeatPlan.anyGroup ? sum : sum + count[s]
    }
  }
}

/// One run of listing-proposing deferred acceptance over unchecked views
/// of `ListingOffers`' state (valid only inside `ListingOffers.run`); the
/// per-offer work is a handful of scattered reads, and array uniqueness
/// checks on every write were a large share of it.
private struct OfferRound {
  let plan: SeatPlan
  let profile: PreferenceProfile
  let cursor: UnsafeMutableBufferPointer<Int>
  let count: UnsafeMutableBufferPointer<Int>
  let status: UnsafeMutableBufferPointer<UInt8>
  let held: UnsafeMutableBufferPointer<HeldOffer>
  /// Offers not yet seen by their learner.
  var pending: [(learner: Int, offer: HeldOffer)] = []
  var proposals = 0

  init(
    plan: SeatPlan,
    profile: PreferenceProfile,
    cursor: UnsafeMutableBufferPointer<Int>,
    count: UnsafeMutableBufferPointer<Int>,
    status: UnsafeMutableBufferPointer<UInt8>,
    held: UnsafeMutableBufferPointer<HeldOffer>
  ) {
    self.plan = plan
    self.profile = profile
    self.cursor = cursor
    self.count = count
    self.status = status
    self.held = held
  }

  mutating func run() -> Int {
    for j in 0..<profile.listingCount { fill(j) }
    while let (learner, offer) = pending.popLast() {
      let current = held[learner]
      if current.listingEntry < 0 || offer.rank < current.rank {
        held[learner] = offer
        if current.listingEntry >= 0 { decline(current) }
      } else {
        decline(offer)
      }
    }
    return proposals
  }

  /// Frees the seat behind a declined or released offer and refills.
  private mutating func decline(_ offer: HeldOffer) {
    let j = Int(offer.listing)
    let e = offer.listingEntry
    let stage = Int(status[e] - ListingOffers.firstStage)
    count[plan.stageOffsets[j] + stage] -= 1
    status[e] = ListingOffers.declined
    fill(j)
  }

  /// Brings every stage of listing `j` up to its seats, in stage order.
  private mutating func fill(_ j: Int) {
    let stages = plan.stages(of: j)
    let pool = stages.upperBound - 1
    let base = profile.listingOffsets[j]
    let length = profile.listingOffsets[j + 1] - base
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
        if state == ListingOffers.declined || (state != 0 && state < own) {
          continue
        }
        let i = Int(profile.listingLearners[e])
        if admits != SeatPlan.anyGroup && plan.learnerGroup[i] != admits {
          continue
        }
        if state == ListingOffers.notOffered {
          proposals += 1
          let offer = HeldOffer(
            listingEntry: e, listing: Int32(j), rank: profile.rankAtLearner[e])
          pending.append((i, offer))
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

/// An offer as its learner sees it: where it sits in the listing's list
/// (so a decline frees the seat without reading the learner's list), the
/// listing, and the learner's rank of it (smaller is better).
struct HeldOffer {
  var listingEntry: Int
  var listing: Int32
  var rank: Int32
}
