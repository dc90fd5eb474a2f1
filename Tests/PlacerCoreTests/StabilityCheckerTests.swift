import Testing

@testable import PlacerCore

@Suite struct MatchingStabilityCheckerTests {
  typealias F = MatchingFixtures

  /// Two learners who both prefer listing 0; both listings prefer learner
  /// 0. The only stable matching is learner 0 → 0, learner 1 → 1.
  static let twoByTwo = PreferenceProfile(
    learnerLists: [[0, 1], [0, 1]],
    listingLists: [[0, 1], [0, 1]],
    capacities: [1, 1])

  @Test func stableMatchingPasses() {
    let problems = checkAllocation(
      Matching(listingOf: [0, 1]), profile: Self.twoByTwo)
    #expect(problems.isValidAndStable)
  }

  @Test func swappedMatchingHasExactlyThePlantedBlockingPair() {
    let problems = checkAllocation(
      Matching(listingOf: [1, 0]), profile: Self.twoByTwo)
    #expect(problems.capacityViolations.isEmpty)
    #expect(problems.unacceptablePairs.isEmpty)
    #expect(problems.blockingPairs == [BlockingPair(learner: 0, listing: 0)])
    #expect(!problems.isValidAndStable)
  }

  @Test func unmatchingALearnerOpensAVacancyThatBlocks() {
    // The capacitated hand example's stable matching is [1, 1, 0, 0, -1];
    // emptying learner 2's seat at listing 0 lets every learner who
    // prefers listing 0 block with it.
    let profile = PreferenceProfile(
      learnerLists: [[0, 1], [0, 1], [0], [1, 0], [1]],
      listingLists: [[3, 2, 0, 1], [0, 1, 4, 3]],
      capacities: [2, 2])
    #expect(
      checkAllocation(
        Matching(listingOf: [1, 1, 0, 0, -1]), profile: profile
      ).isValidAndStable)
    let pairs = blockingPairs(
      in: Matching(listingOf: [1, 1, -1, 0, -1]), profile: profile)
    #expect(
      pairs == [
        BlockingPair(learner: 0, listing: 0),
        BlockingPair(learner: 1, listing: 0),
        BlockingPair(learner: 2, listing: 0),
      ])
  }

  @Test func capacityViolationIsReported() {
    let problems = checkAllocation(
      Matching(listingOf: [0, 0]), profile: Self.twoByTwo)
    #expect(problems.capacityViolations == [0])
    #expect(problems.unacceptablePairs.isEmpty)
    #expect(!problems.isValidAndStable)
  }

  @Test func unacceptablePairIsReportedAndSeatCountsAsFree() {
    // Listing 1 does not rank learner 1, so (1, 1) is not acceptable.
    let profile = PreferenceProfile(
      learnerLists: [[0, 1], [0, 1]],
      listingLists: [[1, 0], [0]],
      capacities: [1, 1])
    let problems = checkAllocation(
      Matching(listingOf: [-1, 1]), profile: profile)
    #expect(
      problems.unacceptablePairs == [UnacceptablePair(learner: 1, listing: 1)])
    // Learner 1 counts as unmatched: it blocks with listing 0, and
    // learner 0 blocks with both listings.
    #expect(
      problems.blockingPairs == [
        BlockingPair(learner: 0, listing: 0),
        BlockingPair(learner: 0, listing: 1),
        BlockingPair(learner: 1, listing: 0),
      ])
  }

  @Test func pinsAreRespectedAndReported() {
    // Learner 1 is pinned to listing 1; its seat counts as filled, and it
    // does not block with listing 0 although it prefers it.
    let pins: [Int32] = [-1, 1]
    let good = checkAllocation(
      Matching(listingOf: [0, 1]), profile: Self.twoByTwo, pinned: pins)
    #expect(good.isValidAndStable)
    let moved = checkAllocation(
      Matching(listingOf: [0, -1]), profile: Self.twoByTwo, pinned: pins)
    #expect(moved.pinViolations == [1])
  }

  @Test func overflowFromPinsAloneIsNotAViolation() {
    let pins: [Int32] = [0, 0]
    let problems = checkAllocation(
      Matching(listingOf: [0, 0]), profile: Self.twoByTwo, pinned: pins)
    #expect(problems.isValidAndStable)
  }

  @Test func reserveBlockingUsesTheChoiceRule() {
    // Capacity 1 reserved for group 1: non-member learner 0 holds the seat
    // while member learner 1 is unmatched, so (1, 0) blocks even though
    // the listing ranks learner 0 first.
    let profile = PreferenceProfile(
      learnerLists: [[0], [0]], listingLists: [[0, 1]], capacities: [1])
    let reserves = SeatReserves(
      learnerGroup: [-1, 1], reserves: [[(1, 1)]], precedence: .reservedFirst)
    let plain = checkAllocation(Matching(listingOf: [0, -1]), profile: profile)
    #expect(plain.isValidAndStable)
    let reserved = checkAllocation(
      Matching(listingOf: [0, -1]), profile: profile, reserves: reserves)
    #expect(reserved.blockingPairs == [BlockingPair(learner: 1, listing: 0)])
  }

  /// Arbitrary feasible matchings: the checker finds exactly the pairs the
  /// textbook definition and the choice-rule definition find.
  @Test(arguments: 0..<40)
  func agreesWithReferenceOnArbitraryMatchings(seed: UInt64) {
    var rng = F.SplitMix64(seed: 7000 + seed)
    let market = F.randomMarket(
      learners: 5, listings: 3, capacities: 0...2, listLength: 0...3,
      using: &rng)
    let profile = market.profile
    let matchings = F.allMatchings(profile)
    let reserves = F.randomReserves(
      for: profile, groups: 2,
      precedence: ReservePrecedence.allCases.randomElement(using: &rng)!,
      using: &rng)
    for listingOf in matchings.shuffled(using: &rng).prefix(15) {
      let matching = Matching(listingOf: listingOf)
      let found = blockingPairs(in: matching, profile: profile)
      #expect(
        Set(found) == F.textbookBlockingPairs(listingOf, profile: profile),
        "seed \(seed), \(listingOf)")
      #expect(found.count == Set(found).count, "seed \(seed)")
      let withReserves = blockingPairs(
        in: matching, profile: profile, reserves: reserves)
      #expect(
        Set(withReserves)
          == F.naiveBlockingPairs(
            listingOf, profile: profile, reserves: reserves),
        "seed \(seed), \(listingOf)")
    }
  }

  /// A stable matching with one learner removed: the checker reports the
  /// same pairs as the definition, and at least the removed learner's own.
  @Test(arguments: 0..<20)
  func catchesPlantedVacancies(seed: UInt64) {
    var rng = F.SplitMix64(seed: 8000 + seed)
    let market = F.randomMarket(
      learners: 20, listings: 5, capacities: 1...3, listLength: 1...4,
      using: &rng)
    let profile = market.profile
    var matching = deferredAcceptance(profile, proposing: .learners).matching
    guard
      let victim = matching.listingOf.indices.filter({
        matching.listingOf[$0] >= 0
      }).randomElement(using: &rng)
    else { return }
    let listing = matching.listingOf[victim]
    matching.listingOf[victim] = -1
    let found = blockingPairs(in: matching, profile: profile)
    #expect(
      found.contains(BlockingPair(learner: Int32(victim), listing: listing)),
      "seed \(seed)")
    #expect(
      Set(found)
        == F.textbookBlockingPairs(matching.listingOf, profile: profile),
      "seed \(seed)")
  }
}
