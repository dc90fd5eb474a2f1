import Testing

@testable import PlacerCore

@Suite struct MatchingSeatReservesTests {
  typealias F = MatchingFixtures

  /// One listing, capacity 2, one seat reserved for group 1. Learner 0
  /// (group 1) is ranked first, learner 1 (no group) second, learner 2
  /// (group 1) third.
  static let oneListing = PreferenceProfile(
    learnerLists: [[0], [0], [0]],
    listingLists: [[0, 1, 2]],
    capacities: [2])

  static func reserves(
    _ precedence: ReservePrecedence,
    groups: [Int32] = [1, -1, 1],
    seats: [(group: Int32, seats: Int)] = [(1, 1)]
  ) -> SeatReserves {
    SeatReserves(
      learnerGroup: groups, reserves: [seats], precedence: precedence)
  }

  @Test(arguments: ProposingSide.allCases)
  func precedenceChangesWhoGetsTheSecondSeat(side: ProposingSide) {
    // Reserved-first: learner 0 fills the reserve, learner 1 the open seat.
    let reservedFirst = deferredAcceptance(
      Self.oneListing, proposing: side, reserves: Self.reserves(.reservedFirst))
    #expect(reservedFirst.matching.listingOf == [0, 0, -1])
    #expect(reservedFirst.reservedFilled == [1])
    // Open-first: learner 0 takes the open seat, so the reserve goes to
    // learner 2 even though learner 1 outranks it.
    let openFirst = deferredAcceptance(
      Self.oneListing, proposing: side, reserves: Self.reserves(.openFirst))
    #expect(openFirst.matching.listingOf == [0, -1, 0])
    #expect(openFirst.reservedFilled == [1])
  }

  @Test(arguments: ProposingSide.allCases, ReservePrecedence.allCases)
  func reserveGoesToGroupMemberEvenWhenOutranked(
    side: ProposingSide, precedence: ReservePrecedence
  ) {
    // Capacity 1, all reserved for group 1; the non-member ranks first.
    let profile = PreferenceProfile(
      learnerLists: [[0], [0]], listingLists: [[0, 1]], capacities: [1])
    let reserves = SeatReserves(
      learnerGroup: [-1, 1], reserves: [[(1, 1)]], precedence: precedence)
    let result = deferredAcceptance(
      profile, proposing: side, reserves: reserves)
    #expect(result.matching.listingOf == [-1, 0])
    #expect(result.reservedFilled == [1])
  }

  @Test(arguments: ProposingSide.allCases, ReservePrecedence.allCases)
  func unfilledReserveIsReleasedToOpenCompetition(
    side: ProposingSide, precedence: ReservePrecedence
  ) {
    let result = deferredAcceptance(
      Self.oneListing, proposing: side,
      reserves: Self.reserves(precedence, groups: [-1, -1, -1]))
    #expect(result.matching.listingOf == [0, 0, -1])
    #expect(result.reservedFilled == [0])
  }

  @Test(arguments: ProposingSide.allCases)
  func pinnedGroupMemberUsesTheReserve(side: ProposingSide) {
    // Learner 0 (group 1) is pinned: it takes the reserved seat, so the
    // remaining open seat goes to learner 1, not group member 2.
    let result = deferredAcceptance(
      Self.oneListing, proposing: side, pinned: [0, -1, -1],
      reserves: Self.reserves(.reservedFirst))
    #expect(result.matching.listingOf == [0, 0, -1])
    #expect(result.reservedFilled == [1])
  }

  @Test(arguments: ProposingSide.allCases)
  func reservesBeyondCapacityAreTrimmedFromTheEnd(side: ProposingSide) {
    // Capacity 1 with a seat for group 0 then one for group 1: the
    // group 1 reserve is trimmed, so group 0's learner 1 wins.
    let profile = PreferenceProfile(
      learnerLists: [[0], [0]], listingLists: [[0, 1]], capacities: [1])
    let reserves = SeatReserves(
      learnerGroup: [1, 0], reserves: [[(0, 1), (1, 1)]],
      precedence: .reservedFirst)
    let result = deferredAcceptance(
      profile, proposing: side, reserves: reserves)
    #expect(result.matching.listingOf == [-1, 0])
  }

  @Test(arguments: ProposingSide.allCases)
  func pinsShrinkSeatsBeforeReservesAreTrimmed(side: ProposingSide) {
    // Capacity 2 with seats for group 0 then group 1; a pinned learner
    // outside both groups leaves one seat, so group 1's reserve is
    // trimmed and group 0's member wins over the better-ranked group 1
    // member.
    let profile = PreferenceProfile(
      learnerLists: [[0], [0], []],
      listingLists: [[0, 1]],
      capacities: [2])
    let reserves = SeatReserves(
      learnerGroup: [1, 0, -1], reserves: [[(0, 1), (1, 1)]],
      precedence: .reservedFirst)
    let result = deferredAcceptance(
      profile, proposing: side, pinned: [-1, -1, 0], reserves: reserves)
    #expect(result.matching.listingOf == [-1, 0, 0])
    #expect(result.reservedFilled == [1])
    #expect(
      checkAllocation(
        result.matching, profile: profile, pinned: [-1, -1, 0],
        reserves: reserves
      ).isValidAndStable)
  }

  /// The incremental staged heaps agree with the choice rule's text on
  /// every prefix of a random arrival order.
  @Test(arguments: 0..<30)
  func stagedSeatsAgreeWithNaiveChoice(seed: UInt64) {
    var rng = F.SplitMix64(seed: 3000 + seed)
    let market = F.randomMarket(
      learners: 14, listings: 2, capacities: 0...6, listLength: 1...2,
      using: &rng)
    let profile = market.profile
    for precedence in ReservePrecedence.allCases {
      let reserves = F.randomReserves(
        for: profile, groups: 3, precedence: precedence, using: &rng)
      let plan = SeatPlan(profile: profile, pinned: nil, reserves: reserves)
      var seats = StagedSeats(profile: profile, plan: plan)
      for j in 0..<profile.listingCount {
        var arrived: [Int] = []
        for i in profile.listingList(j).shuffled(using: &rng).map({ Int($0) }) {
          arrived.append(i)
          _ = seats.withHeaps { heaps in
            heaps.admit(
              SeatKey(
                rank: Int32(profile.listingRank(of: i, for: j)!), learner: i),
              at: j)
          }
          let naive = F.naiveChoice(
            at: j, from: arrived, profile: profile, pinned: nil,
            reserves: reserves)
          #expect(
            Set(seats.heldLearners(at: j)) == naive.chosen,
            "seed \(seed), \(precedence)")
          #expect(
            seats.reserveStageCount(at: j) == naive.viaReserve,
            "seed \(seed), \(precedence)")
        }
      }
    }
  }

  /// Substitutability: whoever is chosen from a set is still chosen from
  /// any subset containing it.
  @Test(arguments: 0..<30)
  func choiceRuleIsSubstitutable(seed: UInt64) {
    var rng = F.SplitMix64(seed: 4000 + seed)
    let market = F.randomMarket(
      learners: 12, listings: 1, capacities: 1...6, listLength: 1...1,
      using: &rng)
    let profile = market.profile
    for precedence in ReservePrecedence.allCases {
      let reserves = F.randomReserves(
        for: profile, groups: 2, precedence: precedence, using: &rng)
      let everyone = profile.listingList(0).map { Int($0) }
      let chosen = F.naiveChoice(
        at: 0, from: everyone, profile: profile, pinned: nil,
        reserves: reserves
      ).chosen
      #expect(
        chosen.count == min(everyone.count, profile.capacities[0]),
        "seed \(seed)")
      for _ in 0..<10 {
        let subset = everyone.filter { _ in Bool.random(using: &rng) }
        let fromSubset = F.naiveChoice(
          at: 0, from: subset, profile: profile, pinned: nil,
          reserves: reserves
        ).chosen
        #expect(
          chosen.intersection(subset).isSubset(of: fromSubset),
          "seed \(seed), \(precedence)")
      }
    }
  }

  @Test(arguments: 0..<60)
  func randomReservesGiveStableResults(seed: UInt64) {
    var rng = F.SplitMix64(seed: 5000 + seed)
    let market = F.randomMarket(
      learners: 40, listings: 6, capacities: 0...6, listLength: 0...5,
      using: &rng)
    let profile = market.profile
    let pins = (0..<40).map { _ in
      Int.random(in: 0..<8, using: &rng) == 0
        ? Int32.random(in: 0..<6, using: &rng) : -1
    }
    for precedence in ReservePrecedence.allCases {
      let reserves = F.randomReserves(
        for: profile, groups: 2, precedence: precedence, using: &rng)
      let results = ProposingSide.allCases.map {
        deferredAcceptance(
          profile, proposing: $0, pinned: pins, reserves: reserves)
      }
      for result in results {
        let listingOf = result.matching.listingOf
        let problems = checkAllocation(
          result.matching, profile: profile, pinned: pins, reserves: reserves)
        #expect(problems.isValidAndStable, "seed \(seed), \(precedence)")
        #expect(
          F.naiveBlockingPairs(
            listingOf, profile: profile, pinned: pins, reserves: reserves
          ).isEmpty, "seed \(seed), \(precedence)")
        for j in 0..<profile.listingCount {
          let assigned = Matching(listingOf: listingOf).learners(of: j)
            .map { Int($0) }.filter { pins[$0] < 0 }
          let naive = F.naiveChoice(
            at: j, from: assigned, profile: profile, pinned: pins,
            reserves: reserves)
          #expect(
            result.reservedFilled[j] == naive.viaReserve,
            "seed \(seed), \(precedence), listing \(j)")
        }
      }
      for i in 0..<profile.learnerCount where pins[i] < 0 {
        #expect(
          F.learnerRank(results[0].matching.listingOf, i, profile)
            <= F.learnerRank(results[1].matching.listingOf, i, profile),
          "seed \(seed), \(precedence), learner \(i)")
      }
    }
  }

  /// With reserves the stable set (under the choice rule) is still a
  /// lattice: learner-proposing gives each learner its best stable
  /// partner and listing-proposing its worst.
  @Test(arguments: 0..<150)
  func tinyReserveMarketsAgreeWithBruteForce(seed: UInt64) {
    var rng = F.SplitMix64(seed: 6000 + seed)
    let market = F.randomMarket(
      learners: Int.random(in: 1...5, using: &rng),
      listings: Int.random(in: 1...3, using: &rng),
      capacities: 0...3, listLength: 0...3, using: &rng)
    let profile = market.profile
    let precedence = ReservePrecedence.allCases.randomElement(using: &rng)!
    let reserves = F.randomReserves(
      for: profile, groups: 2, precedence: precedence, using: &rng)
    let stable = F.allMatchings(profile).filter {
      F.naiveBlockingPairs($0, profile: profile, reserves: reserves).isEmpty
    }
    let byLearners = deferredAcceptance(
      profile, proposing: .learners, reserves: reserves
    ).matching.listingOf
    let byListings = deferredAcceptance(
      profile, proposing: .listings, reserves: reserves
    ).matching.listingOf
    #expect(stable.contains(byLearners), "seed \(seed)")
    #expect(stable.contains(byListings), "seed \(seed)")
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
}
