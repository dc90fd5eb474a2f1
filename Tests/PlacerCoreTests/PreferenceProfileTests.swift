import Testing

@testable import PlacerCore

@Suite struct MatchingPreferenceProfileTests {
  typealias F = MatchingFixtures

  @Test func keepsOnlyMutuallyAcceptablePairsInOrder() {
    // Learner 0 lists 2, 0, 1 but listing 1 does not rank it; listing 2
    // ranks learner 1, who never listed it.
    let profile = PreferenceProfile(
      learnerLists: [[2, 0, 1], [0]],
      listingLists: [[1, 0], [1], [1, 0]],
      capacities: [1, 1, 1])
    #expect(profile.learnerCount == 2)
    #expect(profile.listingCount == 3)
    #expect(profile.pairCount == 3)
    #expect(Array(profile.learnerList(0)) == [2, 0])
    #expect(Array(profile.learnerList(1)) == [0])
    #expect(Array(profile.listingList(0)) == [1, 0])
    #expect(profile.listingList(1).isEmpty)
    #expect(Array(profile.listingList(2)) == [0])
    #expect(profile.learnerRank(of: 0, for: 0) == 1)
    #expect(profile.learnerRank(of: 1, for: 0) == nil)
    // Ranks are positions in the filtered lists.
    #expect(profile.listingRank(of: 0, for: 2) == 0)
    #expect(profile.listingRank(of: 0, for: 0) == 1)
    #expect(profile.listingRank(of: 1, for: 2) == nil)
  }

  /// The stored cross ranks agree with looking each pair up by hand.
  @Test(arguments: 0..<10)
  func crossRanksMatchTheRawLists(seed: UInt64) {
    var rng = F.SplitMix64(seed: 100 + seed)
    let market = F.randomMarket(
      learners: 30, listings: 10, capacities: 0...3, listLength: 0...7,
      using: &rng)
    let profile = market.profile
    var pairs = 0
    for i in 0..<30 {
      for j in market.learnerLists[i] {
        let acceptable = market.listingLists[Int(j)].contains(Int32(i))
        #expect(
          (profile.learnerRank(of: Int(j), for: i) != nil) == acceptable,
          "seed \(seed)")
        if acceptable { pairs += 1 }
      }
      for (rank, j) in profile.learnerList(i).enumerated() {
        let list = profile.listingList(Int(j))
        let position = list.firstIndex(of: Int32(i))! - list.startIndex
        #expect(profile.listingRank(of: i, for: Int(j)) == position)
        #expect(profile.learnerRank(of: Int(j), for: i) == rank)
        let entry = profile.listingOffsets[Int(j)] + position
        #expect(profile.rankAtLearner[entry] == Int32(rank), "seed \(seed)")
      }
    }
    #expect(profile.pairCount == pairs)
  }
}
