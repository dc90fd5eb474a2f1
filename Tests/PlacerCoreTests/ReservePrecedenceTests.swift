import Testing

@testable import PlacerCore

@Suite struct MatchingReservePrecedenceTests {
  typealias F = MatchingFixtures

  /// Listings X = 0 (two seats, one reserved for group 0) and Y = 1 (one
  /// seat). Learners a1 = 0 and a2 = 2 are in group 0; b1 = 1 and b2 = 3
  /// are not. X ranks a1, b1, a2, b2; Y ranks b2, a2. a1 and b1 list only
  /// X; a2 and b2 list X then Y.
  static let market = PreferenceProfile(
    learnerLists: [[0], [0], [0, 1], [0, 1]],
    listingLists: [[0, 1, 2, 3], [3, 2]],
    capacities: [2, 1])
  static let groups: [Int32] = [0, -1, 0, -1]

  static func reserves(_ precedence: ReservePrecedence) -> SeatReserves {
    SeatReserves(
      learnerGroup: groups, reserves: [[(0, 1)], []], precedence: precedence)
  }

  /// Reserved-first spends the reserve on a1, who would have won an open
  /// seat anyway, so group 0 places one learner; open-first gives a1 the
  /// open seat and the reserve to a2, so group 0 places two. Each result
  /// is checked against brute force: the learner-optimal matching among
  /// all matchings with no blocking pair under that precedence.
  @Test func openFirstPlacesMoreOfTheReservedGroupHere() {
    let outcomes = compareReservePrecedences(
      Self.market, proposing: .learners, pinned: nil,
      reserves: Self.reserves(.reservedFirst)
    ).outcomes
    #expect(outcomes.map(\.precedence) == [.reservedFirst, .openFirst])

    let expected: [ReservePrecedence: [Int32]] = [
      .reservedFirst: [0, 0, -1, 1],
      .openFirst: [0, -1, 0, 1],
    ]
    for outcome in outcomes {
      let reserves = Self.reserves(outcome.precedence)
      let stable = F.allMatchings(Self.market).filter {
        F.naiveBlockingPairs($0, profile: Self.market, reserves: reserves)
          .isEmpty
      }
      let best = stable.first { candidate in
        stable.allSatisfy { other in
          (0..<4).allSatisfy {
            F.learnerRank(candidate, $0, Self.market)
              <= F.learnerRank(other, $0, Self.market)
          }
        }
      }
      #expect(best == expected[outcome.precedence])
      #expect(outcome.matching.listingOf == expected[outcome.precedence])
      #expect(outcome.reserveSeatsByGroup == [1])
    }
    let groupZeroPlaced = outcomes.map { outcome in
      (0..<4).filter {
        Self.groups[$0] == 0 && outcome.matching.listingOf[$0] >= 0
      }.count
    }
    #expect(groupZeroPlaced == [1, 2])
  }

  /// At one listing with one reserved group, open-first never gives the
  /// group fewer seats than reserved-first (Dur, Kominers, Pathak &
  /// Sönmez 2018), whichever side proposes.
  @Test(arguments: 0..<150)
  func openFirstNeverPlacesFewerAtOneListing(seed: UInt64) {
    var rng = F.SplitMix64(seed: 8300 + seed)
    let n = Int.random(in: 1...9, using: &rng)
    let capacity = Int.random(in: 0...5, using: &rng)
    let listing = (0..<Int32(n)).shuffled(using: &rng)
      .filter { _ in Int.random(in: 0..<5, using: &rng) != 0 }
    let profile = PreferenceProfile(
      learnerLists: Array(repeating: [0], count: n),
      listingLists: [listing], capacities: [capacity])
    let groups = (0..<n).map { _ in Int32.random(in: -1...0, using: &rng) }
    let reserves = SeatReserves(
      learnerGroup: groups,
      reserves: [[(0, Int.random(in: 0...capacity, using: &rng))]],
      precedence: .reservedFirst)
    for side in ProposingSide.allCases {
      let outcomes = compareReservePrecedences(
        profile, proposing: side, pinned: nil, reserves: reserves
      ).outcomes
      let placed = outcomes.map { outcome in
        (0..<n).filter {
          groups[$0] == 0 && outcome.matching.listingOf[$0] >= 0
        }.count
      }
      #expect(placed[0] <= placed[1], "seed \(seed) \(side)")
    }
  }

  /// Seats by group, recovered from the matching alone, add up per run to
  /// the seats deferred acceptance itself counted through reserves.
  @Test(arguments: 0..<60)
  func reserveSeatsByGroupAgreeWithTheRun(seed: UInt64) {
    var rng = F.SplitMix64(seed: 8600 + seed)
    let market = F.randomMarket(
      learners: Int.random(in: 2...14, using: &rng),
      listings: Int.random(in: 1...4, using: &rng),
      capacities: 0...4, listLength: 0...4, using: &rng)
    let profile = market.profile
    let pins = MatchingPinReportTests.randomPins(profile, using: &rng)
    for precedence in ReservePrecedence.allCases {
      let reserves = F.randomReserves(
        for: profile, groups: 3, precedence: precedence, using: &rng)
      for side in ProposingSide.allCases {
        let result = deferredAcceptance(
          profile, proposing: side, pinned: pins, reserves: reserves)
        let byGroup = reserveSeatsByGroup(
          result.matching, profile: profile, pinned: pins,
          reserves: reserves)
        #expect(
          byGroup.reduce(0, +) == result.reservedFilled.reduce(0, +),
          "seed \(seed) \(precedence) \(side)")
        // Each group's count is at most its members placed.
        for g in byGroup.indices {
          let placed = (0..<profile.learnerCount).filter {
            reserves.learnerGroup[$0] == Int32(g)
              && result.matching.listingOf[$0] >= 0
          }.count
          #expect(byGroup[g] <= placed, "seed \(seed) group \(g)")
        }
      }
    }
  }
}
