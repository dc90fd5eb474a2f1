import Testing

@testable import PlacerCore

@Suite struct MatchingMaxWelfareTests {
  typealias F = MatchingFixtures

  @Test func beatsGreedyWhenTheBestPairBlocksTwoGoodOnes() {
    // Greedy takes (0, 0) = 10 and is left with (1, 1) = 1; the optimum
    // is (0, 1) + (1, 0) = 9 + 9.
    let profile = PreferenceProfile(
      learnerLists: [[0, 1], [0, 1]],
      listingLists: [[0, 1], [0, 1]],
      capacities: [1, 1])
    let weights: [Double] = [10, 9, 9, 1]
    let result = maxWelfareAssignment(profile, weights: weights)
    #expect(result.matching.listingOf == [1, 0])
    #expect(
      totalWelfare(result.matching, profile: profile, weights: weights) == 18)
  }

  @Test func leavesLearnersUnmatchedWhenThatPaysAndFillsSeats() {
    // Listing 0 has two seats; learner 2's only pair has negative weight.
    let profile = PreferenceProfile(
      learnerLists: [[0], [0], [1]],
      listingLists: [[0, 1], [2]],
      capacities: [2, 1])
    let weights: [Double] = [3, 5, -1]
    let result = maxWelfareAssignment(profile, weights: weights)
    #expect(result.matching.listingOf == [0, 0, -1])
    #expect(result.filled == [2, 0])
  }

  @Test func capacityZeroAndEmptyListsAreHonoured() {
    let profile = PreferenceProfile(
      learnerLists: [[0, 1], []],
      listingLists: [[0], [0]],
      capacities: [0, 1])
    let result = maxWelfareAssignment(profile, weights: [7, 2])
    #expect(result.matching.listingOf == [1, -1])
  }

  @Test func pinsTakeSeatsFirst() {
    // Learner 1 is pinned to listing 0 (one seat), so learner 0 must take
    // its second-best pair.
    let profile = PreferenceProfile(
      learnerLists: [[0, 1], [0]],
      listingLists: [[0, 1], [0]],
      capacities: [1, 1])
    let result = maxWelfareAssignment(
      profile, weights: [10, 4, 1], pinned: [-1, 0])
    #expect(result.matching.listingOf == [1, 0])
    #expect(result.pinOverflow.isEmpty)
  }

  /// The solver's total equals the best total over every feasible
  /// matching, for integer and fractional weights.
  @Test(arguments: 0..<80)
  func matchesBruteForceOnTinyMarkets(seed: UInt64) {
    var rng = F.SplitMix64(seed: 9000 + seed)
    let market = F.randomMarket(
      learners: Int.random(in: 1...5, using: &rng),
      listings: Int.random(in: 1...3, using: &rng),
      capacities: 0...2, listLength: 0...3, using: &rng)
    let profile = market.profile
    let integral = seed % 2 == 0
    let weights = (0..<profile.pairCount).map { _ in
      integral
        ? Double(Int.random(in: 0...6, using: &rng))
        : Double.random(in: 0..<1, using: &rng)
    }
    let result = maxWelfareAssignment(profile, weights: weights)
    let problems = checkAllocation(result.matching, profile: profile)
    #expect(problems.capacityViolations.isEmpty, "seed \(seed)")
    #expect(problems.unacceptablePairs.isEmpty, "seed \(seed)")

    let best = F.allMatchings(profile).map {
      totalWelfare(Matching(listingOf: $0), profile: profile, weights: weights)
    }.max()!
    let total = totalWelfare(
      result.matching, profile: profile, weights: weights)
    if integral {
      #expect(total == best, "seed \(seed)")
    } else {
      #expect(abs(total - best) <= 1e-9, "seed \(seed): \(total) vs \(best)")
    }
  }

  /// A mid-sized market: never below deferred acceptance's welfare, and
  /// within capacity.
  @Test(arguments: 0..<5)
  func atLeastAsGoodAsDeferredAcceptance(seed: UInt64) {
    var rng = F.SplitMix64(seed: 9500 + seed)
    let market = F.randomMarket(
      learners: 120, listings: 20, capacities: 0...5, listLength: 0...8,
      using: &rng)
    let profile = market.profile
    let weights = (0..<profile.pairCount).map { _ in
      Double.random(in: 0..<2, using: &rng)
    }
    let result = maxWelfareAssignment(profile, weights: weights)
    let problems = checkAllocation(result.matching, profile: profile)
    #expect(problems.capacityViolations.isEmpty, "seed \(seed)")
    #expect(problems.unacceptablePairs.isEmpty, "seed \(seed)")
    for side in ProposingSide.allCases {
      let stable = deferredAcceptance(profile, proposing: side).matching
      #expect(
        totalWelfare(result.matching, profile: profile, weights: weights)
          >= totalWelfare(stable, profile: profile, weights: weights) - 1e-9,
        "seed \(seed)")
    }
  }
}
