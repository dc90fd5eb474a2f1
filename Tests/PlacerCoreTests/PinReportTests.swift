import Testing

@testable import PlacerCore

@Suite struct MatchingPinReportTests {
  typealias F = MatchingFixtures

  /// Learners 0, 1, 2; listings X = 0 and Y = 1, one seat each. Learner 2
  /// is pinned to X. Without the pin learner 0 gets X; with it, X's seat
  /// is gone, Y prefers learner 1, and learner 0 ends unmatched although
  /// X ranks it above the pinned learner.
  static let displacing = PreferenceProfile(
    learnerLists: [[0, 1], [1], [0]],
    listingLists: [[0, 2], [1, 0]],
    capacities: [1, 1])

  @Test(arguments: ProposingSide.allCases)
  func pinDisplacesLearnerZeroAndCreatesOneBlockingPair(side: ProposingSide) {
    let pins: [Int32] = [-1, -1, 0]
    let profile = Self.displacing
    let with = deferredAcceptance(profile, proposing: side, pinned: pins)
    let without = deferredAcceptance(profile, proposing: side)
    #expect(with.matching.listingOf == [-1, 1, 0])
    #expect(without.matching.listingOf == [0, 1, -1])

    let report = PinReport(
      matching: with.matching, withoutPins: without.matching,
      profile: profile, pinned: pins)
    #expect(report.displaced == [0])
    #expect(report.betterOff.isEmpty)
    #expect(
      report.blockingPairs == [
        PinBlockingPair(learner: 0, listing: 0, cause: .pinnedSeat)
      ])
    // With the pin honoured, the allocation is stable.
    #expect(
      checkAllocation(with.matching, profile: profile, pinned: pins)
        .isValidAndStable)
  }

  /// Learner 1 is pinned to X but prefers Y, which has a free seat; X
  /// prefers learner 0, who is left out. Both causes appear.
  @Test func pinnedLearnerAndPinnedSeatCauses() {
    let profile = PreferenceProfile(
      learnerLists: [[0], [1, 0]],
      listingLists: [[0, 1], [1]],
      capacities: [1, 1])
    let pins: [Int32] = [-1, 0]
    let with = deferredAcceptance(profile, proposing: .learners, pinned: pins)
    let without = deferredAcceptance(profile, proposing: .learners)
    #expect(with.matching.listingOf == [-1, 0])
    #expect(without.matching.listingOf == [0, 1])
    let report = PinReport(
      matching: with.matching, withoutPins: without.matching,
      profile: profile, pinned: pins)
    #expect(report.displaced == [0])
    #expect(
      Set(report.blockingPairs) == [
        PinBlockingPair(learner: 0, listing: 0, cause: .pinnedSeat),
        PinBlockingPair(learner: 1, listing: 1, cause: .pinnedLearner),
      ])
  }

  /// On random markets with random pins, the report agrees with the
  /// definitions computed by the slow reference code.
  @Test(arguments: 0..<60)
  func reportMatchesTheDefinitions(seed: UInt64) {
    var rng = F.SplitMix64(seed: 7100 + seed)
    let market = F.randomMarket(
      learners: Int.random(in: 1...8, using: &rng),
      listings: Int.random(in: 1...4, using: &rng),
      capacities: 0...3, listLength: 0...4, using: &rng)
    let profile = market.profile
    let pins = Self.randomPins(profile, using: &rng)
    let reserves: SeatReserves? =
      seed % 2 == 0
      ? nil
      : F.randomReserves(
        for: profile, groups: 2, precedence: .reservedFirst, using: &rng)
    for side in ProposingSide.allCases {
      let with = deferredAcceptance(
        profile, proposing: side, pinned: pins, reserves: reserves)
      let without = deferredAcceptance(
        profile, proposing: side, reserves: reserves)
      let report = PinReport(
        matching: with.matching, withoutPins: without.matching,
        profile: profile, pinned: pins, reserves: reserves)

      let ordinary = F.naiveBlockingPairs(
        with.matching.listingOf, profile: profile, reserves: reserves)
      let honoured = F.naiveBlockingPairs(
        with.matching.listingOf, profile: profile, pinned: pins,
        reserves: reserves)
      #expect(honoured.isEmpty, "seed \(seed) \(side)")
      let reported = Set(
        report.blockingPairs.map {
          BlockingPair(learner: $0.learner, listing: $0.listing)
        })
      #expect(reported == ordinary.subtracting(honoured), "seed \(seed)")
      for pair in report.blockingPairs {
        let isPinned = pins[Int(pair.learner)] >= 0
        #expect(
          pair.cause == (isPinned ? .pinnedLearner : .pinnedSeat),
          "seed \(seed)")
        // A pinned-seat pair's listing holds a pinned learner.
        #expect(
          isPinned || pins.contains(pair.listing), "seed \(seed) \(side)")
      }

      let worse = (0..<profile.learnerCount).filter {
        pins[$0] < 0
          && F.learnerRank(with.matching.listingOf, $0, profile)
            > F.learnerRank(without.matching.listingOf, $0, profile)
      }
      #expect(report.displaced == worse.map { Int32($0) }, "seed \(seed)")
    }
  }

  @Test func noPinsMeansAnEmptyReport() {
    var rng = F.SplitMix64(seed: 7000)
    let market = F.randomMarket(
      learners: 12, listings: 4, capacities: 1...3, listLength: 1...4,
      using: &rng)
    let pins = [Int32](repeating: -1, count: 12)
    let result = deferredAcceptance(market.profile, proposing: .learners)
    let report = PinReport(
      matching: result.matching, withoutPins: result.matching,
      profile: market.profile, pinned: pins)
    #expect(report.displaced.isEmpty && report.betterOff.isEmpty)
    #expect(report.blockingPairs.isEmpty)
  }

  /// About a third of learners pinned, never beyond a listing's capacity
  /// (the input reader rejects that), to listings on or off their lists.
  static func randomPins(
    _ profile: PreferenceProfile,
    using rng: inout F.SplitMix64
  ) -> [Int32] {
    var left = profile.capacities
    return (0..<profile.learnerCount).map { _ in
      guard Int.random(in: 0..<3, using: &rng) == 0 else { return -1 }
      let j = Int.random(in: 0..<profile.listingCount, using: &rng)
      guard left[j] > 0 else { return -1 }
      left[j] -= 1
      return Int32(j)
    }
  }
}
