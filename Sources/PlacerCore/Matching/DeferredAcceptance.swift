// Many-to-one deferred acceptance, entry point and learner-proposing form.

/// Computes a stable matching by deferred acceptance.
///
/// Gale & Shapley (1962), "College Admissions and the Stability of
/// Marriage", Amer. Math. Monthly 69(1):9–15, in the capacitated form of
/// Roth (1984), "The Evolution of the Labor Market for Medical Interns and
/// Residents", J. Political Economy 92(6):991–1016.
///
/// - `.learners`: each free learner proposes to the next listing on its
///   list; the listing keeps its best applicants up to its seats and turns
///   away the rest, who propose further. The result is the learner-optimal
///   stable matching: no learner does better in any stable matching.
/// - `.listings`: each listing offers its free seats down its list; a
///   learner keeps its best offer and declines the rest, and a declined or
///   released seat is offered again further down. The result is the
///   listing-optimal stable matching (equivalently, learner-pessimal).
///
/// Both results are unique, so they do not depend on processing order.
/// Only mutually acceptable pairs are ever matched; an empty list or a
/// capacity of 0 simply leaves that side unmatched.
///
/// **Pins.** A learner with `pinned[i] == j` is seated at j first, takes a
/// seat there whether or not j is on its list, and takes no other part:
/// it proposes to nobody and receives no offers. When pins alone exceed a
/// listing's capacity, the listing holds exactly its pinned learners and is
/// listed in `MatchingResult.pinOverflow`.
///
/// **Reserves.** With `reserves`, a listing chooses among its applicants
/// with the staged rule described at `SeatReserves` rather than simply the
/// best by rank; both proposing sides honour it. Because that rule is
/// substitutable and obeys the law of aggregate demand, the result is
/// stable with respect to it (see `checkAllocation`) and the learner- and
/// listing-optimal properties carry over (Roth 1984, "Stability and
/// polarization of interests in job matching", Econometrica 52(1):47–57).
///
/// - Parameters:
///   - profile: the mutually acceptable pairs and capacities.
///   - proposing: which side makes offers.
///   - pinned: per learner, a listing index or -1; `nil` for no pins.
///   - reserves: reserved seats; `nil` for none.
/// - Precondition: `pinned` and `reserves` match the profile's sizes.
/// - Complexity: O(n + m + L·s·log c) for learners proposing and
///   O(n + m + L·s) for listings proposing, where L is the number of
///   acceptable pairs, c the largest capacity, and s the most seat stages
///   at one listing (1 without reserves; at most 2 + its reserved groups).
///   Memory beyond the profile is O(n + m + L) for listings proposing
///   (a status byte per pair) and O(n + m + Σ min(c, list length)) for
///   learners proposing.
public func deferredAcceptance(
  _ profile: PreferenceProfile,
  proposing: ProposingSide,
  pinned: [Int32]? = nil,
  reserves: SeatReserves? = nil
) -> MatchingResult {
  let plan = SeatPlan(profile: profile, pinned: pinned, reserves: reserves)
  var listingOf = [Int32](repeating: -1, count: profile.learnerCount)
  var isPinned = [Bool](repeating: false, count: profile.learnerCount)
  for (i, j) in (pinned ?? []).enumerated() where j >= 0 {
    listingOf[i] = j
    isPinned[i] = true
  }

  var proposals = 0
  let reservedByStage: [Int]
  switch proposing {
  case .learners:
    var seats = StagedSeats(profile: profile, plan: plan)
    proposals = proposeFromLearners(
      profile, seats: &seats, isPinned: isPinned, listingOf: &listingOf)
    reservedByStage = (0..<profile.listingCount).map {
      seats.reserveStageCount(at: $0)
    }
  case .listings:
    var offers = ListingOffers(
      profile: profile, plan: plan, isPinned: isPinned)
    proposals = offers.run()
    offers.record(into: &listingOf)
    reservedByStage = (0..<profile.listingCount).map {
      offers.reserveStageCount(at: $0)
    }
  }

  let matching = Matching(listingOf: listingOf)
  return MatchingResult(
    matching: matching,
    proposals: proposals,
    reservedFilled: zip(reservedByStage, plan.reservedByPins).map { $0 + $1 },
    filled: matching.filledSeats(listingCount: profile.listingCount),
    pinOverflow: plan.pinOverflow)
}

/// Learner-proposing deferred acceptance; returns the number of proposals.
///
/// A learner turned away takes over the current proposing "thread", so no
/// queue of free learners is needed: each learner is started once, and
/// every proposal consumes one list entry, so there are at most L.
private func proposeFromLearners(
  _ profile: PreferenceProfile,
  seats: inout StagedSeats,
  isPinned: [Bool],
  listingOf: inout [Int32]
) -> Int {
  let offsets = profile.learnerOffsets
  let listings = profile.learnerListings
  let rankAtListing = profile.rankAtListing
  var next = Array(offsets.dropLast())
  var proposals = 0
  seats.withHeaps { heaps in
    for start in 0..<profile.learnerCount where !isPinned[start] {
      var proposer = start
      while next[proposer] < offsets[proposer + 1] {
        let k = next[proposer]
        next[proposer] = k + 1
        proposals += 1
        let j = Int(listings[k])
        let key = SeatKey(rank: rankAtListing[k], learner: proposer)
        let rejected = heaps.admit(key, at: j)
        if rejected == key { continue }
        listingOf[proposer] = Int32(j)
        if rejected < 0 { break }
        proposer = rejected.learner
        listingOf[proposer] = -1
      }
    }
  }
  return proposals
}
