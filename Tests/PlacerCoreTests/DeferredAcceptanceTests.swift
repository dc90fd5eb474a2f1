import Testing

@testable import PlacerCore

@Suite struct MatchingDeferredAcceptanceTests {
  typealias F = MatchingFixtures

  /// The cyclic 3×3 marriage market: everyone's first choice differs
  /// between the two sides, so the learner- and listing-optimal stable
  /// matchings are disjoint (there is a third stable matching between).
  static let cyclic = PreferenceProfile(
    learnerLists: [[0, 1, 2], [1, 2, 0], [2, 0, 1]],
    listingLists: [[1, 2, 0], [2, 0, 1], [0, 1, 2]],
    capacities: [1, 1, 1])

  @Test func cyclicMarketLearnerProposingGivesLearnersFirstChoices() {
    let result = deferredAcceptance(Self.cyclic, proposing: .learners)
    #expect(result.matching.listingOf == [0, 1, 2])
    #expect(result.proposals == 3)
    #expect(result.filled == [1, 1, 1])
  }

  @Test func cyclicMarketListingProposingGivesListingsFirstChoices() {
    let result = deferredAcceptance(Self.cyclic, proposing: .listings)
    #expect(result.matching.listingOf == [2, 0, 1])
    #expect(result.proposals == 3)
  }

  /// Two listings with two seats each; worked by hand:
  /// learner 0 is turned away by listing 0 once learner 3 arrives, and
  /// learner 4 loses its seat at listing 1 to learner 0.
  @Test func capacitatedExampleByHand() {
    let profile = PreferenceProfile(
      learnerLists: [[0, 1], [0, 1], [0], [1, 0], [1]],
      listingLists: [[3, 2, 0, 1], [0, 1, 4, 3]],
      capacities: [2, 2])
    let byLearners = deferredAcceptance(profile, proposing: .learners)
    #expect(byLearners.matching.listingOf == [1, 1, 0, 0, -1])
    #expect(byLearners.proposals == 8)
    let byListings = deferredAcceptance(profile, proposing: .listings)
    #expect(byListings.matching.listingOf == [1, 1, 0, 0, -1])
    #expect(byListings.matching.learners(of: 0) == [2, 3])
    #expect(
      byListings.matching.learnersByListing(listingCount: 2) == [
        [2, 3], [0, 1],
      ])
  }

  @Test func zeroCapacityAndEmptyListsLeavePeopleUnmatched() {
    let profile = PreferenceProfile(
      learnerLists: [[0, 1], [], [0]],
      listingLists: [[0, 1, 2], [0]],
      capacities: [0, 1])
    for side in ProposingSide.allCases {
      let result = deferredAcceptance(profile, proposing: side)
      #expect(result.matching.listingOf == [1, -1, -1], "\(side)")
      #expect(result.filled == [0, 1])
    }
  }

  @Test func hugeCapacityIsOneSeatPerApplicant() {
    let profile = PreferenceProfile(
      learnerLists: [[0], [0], [0]],
      listingLists: [[2, 1, 0]],
      capacities: [Int.max])
    for side in ProposingSide.allCases {
      let result = deferredAcceptance(profile, proposing: side)
      #expect(result.matching.listingOf == [0, 0, 0], "\(side)")
      #expect(
        checkAllocation(result.matching, profile: profile).isValidAndStable)
    }
    let welfare = maxWelfareAssignment(profile, weights: [1, 2, 3])
    #expect(welfare.matching.listingOf == [0, 0, 0])
  }

  @Test func emptyMarket() {
    let profile = PreferenceProfile(
      learnerLists: [], listingLists: [], capacities: [])
    for side in ProposingSide.allCases {
      let result = deferredAcceptance(profile, proposing: side)
      #expect(result.matching.listingOf.isEmpty)
      #expect(result.proposals == 0)
    }
  }

  @Test(arguments: 0..<40)
  func randomResultsAreStableAndPolarized(seed: UInt64) {
    var rng = F.SplitMix64(seed: seed)
    let market = F.randomMarket(
      learners: 30, listings: 8, capacities: 0...4, listLength: 0...6,
      using: &rng)
    let profile = market.profile
    let byLearners = deferredAcceptance(profile, proposing: .learners)
    let byListings = deferredAcceptance(profile, proposing: .listings)

    // Each learner proposes down to its final listing, or through its
    // whole list when unmatched.
    let expectedProposals = (0..<profile.learnerCount).reduce(0) { sum, i in
      let j = byLearners.matching.listingOf[i]
      return sum
        + (j < 0
          ? profile.learnerList(i).count
          : profile.learnerRank(of: Int(j), for: i)! + 1)
    }
    #expect(byLearners.proposals == expectedProposals, "seed \(seed)")

    for result in [byLearners, byListings] {
      let problems = checkAllocation(result.matching, profile: profile)
      #expect(problems.isValidAndStable, "seed \(seed)")
      #expect(
        F.textbookBlockingPairs(result.matching.listingOf, profile: profile)
          .isEmpty, "seed \(seed)")
      #expect(result.proposals <= profile.pairCount, "seed \(seed)")
      #expect(
        result.filled == result.matching.filledSeats(listingCount: 8),
        "seed \(seed)")
    }

    // Every learner weakly prefers the learner-optimal matching.
    for i in 0..<profile.learnerCount {
      #expect(
        F.learnerRank(byLearners.matching.listingOf, i, profile)
          <= F.learnerRank(byListings.matching.listingOf, i, profile),
        "seed \(seed), learner \(i)")
    }
    // Every listing weakly prefers the listing-optimal matching, seat by
    // seat (both fill the same number of seats: rural hospitals).
    for j in 0..<profile.listingCount {
      let ranks = { (matching: Matching) in
        matching.learners(of: j).map {
          profile.listingRank(of: Int($0), for: j)!
        }
        .sorted()
      }
      let fromListings = ranks(byListings.matching)
      let fromLearners = ranks(byLearners.matching)
      #expect(fromListings.count == fromLearners.count, "seed \(seed)")
      #expect(
        zip(fromListings, fromLearners).allSatisfy { $0 <= $1 },
        "seed \(seed), listing \(j)")
    }
  }

  /// Brute force over every matching of tiny markets: the stable ones,
  /// their learner-optimal and learner-pessimal members, and the rural
  /// hospitals theorem.
  @Test(arguments: 0..<60)
  func tinyMarketsAgreeWithBruteForce(seed: UInt64) {
    var rng = F.SplitMix64(seed: 1000 + seed)
    let market = F.randomMarket(
      learners: Int.random(in: 1...5, using: &rng),
      listings: Int.random(in: 1...3, using: &rng),
      capacities: 0...2, listLength: 0...3, using: &rng)
    let profile = market.profile
    let stable = F.allMatchings(profile).filter {
      F.textbookBlockingPairs($0, profile: profile).isEmpty
    }
    let byLearners = deferredAcceptance(profile, proposing: .learners)
      .matching.listingOf
    let byListings = deferredAcceptance(profile, proposing: .listings)
      .matching.listingOf
    #expect(stable.contains(byLearners), "seed \(seed)")
    #expect(stable.contains(byListings), "seed \(seed)")
    expectOptimal(byLearners, byListings, among: stable, profile, seed)

    // Rural hospitals: the same learners are matched in every stable
    // matching, and a listing with a free seat has the same learners.
    for other in stable {
      for i in 0..<profile.learnerCount {
        #expect((other[i] >= 0) == (byLearners[i] >= 0), "seed \(seed)")
      }
      for j in 0..<profile.listingCount {
        let a = Matching(listingOf: byLearners).learners(of: j)
        let b = Matching(listingOf: other).learners(of: j)
        #expect(a.count == b.count, "seed \(seed)")
        if a.count < profile.capacities[j] { #expect(a == b, "seed \(seed)") }
      }
    }
  }

  /// Learner-proposing gives each learner its best stable partner, and
  /// listing-proposing its worst (listing-optimal is learner-pessimal).
  func expectOptimal(
    _ byLearners: [Int32],
    _ byListings: [Int32],
    among stable: [[Int32]],
    _ profile: PreferenceProfile,
    _ seed: UInt64
  ) {
    for i in 0..<profile.learnerCount {
      let ranks = stable.map { F.learnerRank($0, i, profile) }
      #expect(
        F.learnerRank(byLearners, i, profile) == ranks.min(),
        "seed \(seed), learner \(i)")
      #expect(
        F.learnerRank(byListings, i, profile) == ranks.max(),
        "seed \(seed), learner \(i)")
    }
  }

  // MARK: Pins

  @Test func pinnedLearnerKeepsItsSeatAndDisplacesTheWorst() {
    // Listing 0 has two seats and ranks learner 2 last; learner 2 is
    // pinned there anyway, so learner 1 (ranked below 0) loses out.
    let profile = PreferenceProfile(
      learnerLists: [[0], [0, 1], [1]],
      listingLists: [[0, 1, 2], [2, 1]],
      capacities: [2, 1])
    for side in ProposingSide.allCases {
      let result = deferredAcceptance(
        profile, proposing: side, pinned: [-1, -1, 0])
      #expect(result.matching.listingOf == [0, 1, 0], "\(side)")
      #expect(result.pinOverflow.isEmpty)
      let problems = checkAllocation(
        result.matching, profile: profile, pinned: [-1, -1, 0])
      #expect(problems.isValidAndStable, "\(side)")
    }
  }

  @Test func pinsOutsideTheListAndOverflowAreReported() {
    let profile = PreferenceProfile(
      learnerLists: [[1], [1], [0]],
      listingLists: [[2], [0, 1]],
      capacities: [1, 1])
    // Both learners 0 and 1 pinned to listing 0, which neither listed.
    let pins: [Int32] = [0, 0, -1]
    for side in ProposingSide.allCases {
      let result = deferredAcceptance(profile, proposing: side, pinned: pins)
      #expect(result.matching.listingOf == [0, 0, -1], "\(side)")
      #expect(result.pinOverflow == [0])
      #expect(result.filled == [2, 0])
      let problems = checkAllocation(
        result.matching, profile: profile, pinned: pins)
      #expect(problems.isValidAndStable, "\(side)")
    }
  }

  @Test(arguments: 0..<20)
  func randomPinsGiveStableResults(seed: UInt64) {
    var rng = F.SplitMix64(seed: 2000 + seed)
    let market = F.randomMarket(
      learners: 25, listings: 6, capacities: 0...3, listLength: 0...5,
      using: &rng)
    let pins = (0..<25).map { _ in
      Int.random(in: 0..<5, using: &rng) == 0
        ? Int32.random(in: 0..<6, using: &rng) : -1
    }
    for side in ProposingSide.allCases {
      let result = deferredAcceptance(
        market.profile, proposing: side, pinned: pins)
      let problems = checkAllocation(
        result.matching, profile: market.profile, pinned: pins)
      #expect(problems.isValidAndStable, "seed \(seed), \(side)")
      #expect(
        F.naiveBlockingPairs(
          result.matching.listingOf, profile: market.profile, pinned: pins
        ).isEmpty, "seed \(seed), \(side)")
      for (i, pin) in pins.enumerated() where pin >= 0 {
        #expect(result.matching.listingOf[i] == pin, "seed \(seed)")
      }
    }
  }
}
