import Testing

@testable import PlacerCore

@Suite struct MatchingMaxWelfareReservesTests {
  typealias F = MatchingFixtures

  /// One seat, reserved for group 0. Learner 0 (group 0) adds 1, learner
  /// 1 (no group) adds 5: the reserve wins over weight.
  @Test func reservedSeatGoesToTheGroupAtALossOfWeight() {
    let profile = PreferenceProfile(
      learnerLists: [[0], [0]], listingLists: [[0, 1]], capacities: [1])
    let weights: [Double] = [1, 5]
    let reserves = SeatReserves(
      learnerGroup: [0, -1], reserves: [[(0, 1)]], precedence: .openFirst)
    let without = maxWelfareAssignment(profile, weights: weights)
    #expect(without.matching.listingOf == [-1, 0])
    let with = maxWelfareAssignment(
      profile, weights: weights, pinned: nil, reserves: reserves)
    #expect(with.matching.listingOf == [0, -1])
    #expect(with.reservedFilled == [1])
  }

  /// No member of the group finds the listing acceptable: the reserved
  /// seat is open to anyone (soft reserve).
  @Test func unfillableReserveIsOpen() {
    let profile = PreferenceProfile(
      learnerLists: [[], [0]], listingLists: [[0, 1]], capacities: [1])
    let reserves = SeatReserves(
      learnerGroup: [0, -1], reserves: [[(0, 1)]],
      precedence: .reservedFirst)
    let result = maxWelfareAssignment(
      profile, weights: [5], pinned: nil, reserves: reserves)
    #expect(result.matching.listingOf == [-1, 0])
    #expect(result.reservedFilled == [0])
  }

  /// Against every feasible matching: the solver's (reserved seats held
  /// by their group, total weight) is the lexicographic maximum. Seats
  /// are scarce, so reserves often decide who is placed.
  @Test(arguments: 0..<150)
  func lexicographicOptimumMatchesBruteForce(seed: UInt64) {
    var rng = F.SplitMix64(seed: 9700 + seed)
    let market = F.randomMarket(
      learners: Int.random(in: 4...7, using: &rng),
      listings: Int.random(in: 1...2, using: &rng),
      capacities: 1...2, listLength: 1...2, using: &rng)
    let profile = market.profile
    let pins = MatchingPinReportTests.randomPins(profile, using: &rng)
    let reserves = F.randomReserves(
      for: profile, groups: 2,
      precedence: Bool.random(using: &rng) ? .openFirst : .reservedFirst,
      using: &rng)
    // Group members weigh less, so reserves often cost weight.
    let integral = seed % 2 == 0
    var weights: [Double] = []
    for i in 0..<profile.learnerCount {
      let base = reserves.learnerGroup[i] >= 0 ? 0.0 : 2.0
      for _ in profile.learnerList(i) {
        weights.append(
          base
            + (integral
              ? Double(Int.random(in: 0...4, using: &rng))
              : Double.random(in: 0..<4, using: &rng)))
      }
    }

    let result = maxWelfareAssignment(
      profile, weights: weights, pinned: pins, reserves: reserves)
    let problems = checkAllocation(
      result.matching, profile: profile, pinned: pins)
    #expect(problems.capacityViolations.isEmpty, "seed \(seed)")
    #expect(problems.unacceptablePairs.isEmpty, "seed \(seed)")
    #expect(problems.pinViolations.isEmpty, "seed \(seed)")

    // Reserve seats held by their group: the reserved-first choice rule
    // applied to the learners a listing holds counts exactly those.
    let byFill = reserves.with(precedence: .reservedFirst)
    func fill(_ listingOf: [Int32]) -> Int {
      (0..<profile.listingCount).reduce(0) { sum, j in
        let held = (0..<profile.learnerCount).filter {
          pins[$0] < 0 && listingOf[$0] == Int32(j)
        }
        return sum
          + F.naiveChoice(
            at: j, from: held, profile: profile, pinned: pins,
            reserves: byFill
          ).viaReserve
      }
    }
    func welfare(_ listingOf: [Int32]) -> Double {
      totalWelfare(
        Matching(listingOf: listingOf), profile: profile, weights: weights)
    }
    let all = F.allMatchings(profile, pinned: pins)
    let bestFill = all.map(fill).max()!
    let bestWelfare = all.filter { fill($0) == bestFill }.map(welfare).max()!
    let got = result.matching.listingOf
    #expect(fill(got) == bestFill, "seed \(seed)")
    #expect(
      result.reservedFilled.reduce(0, +) == bestFill,
      "seed \(seed)")
    #expect(
      abs(welfare(got) - bestWelfare) <= 1e-9,
      "seed \(seed): \(welfare(got)) vs \(bestWelfare)")
  }
}
