import Testing
@testable import PlacerCore

@Suite struct ScoringTests {
  /// Each learner's top K by scoring every pair on its own.
  func naiveLists(_ market: Market, _ options: ScoringOptions)
    -> [[(listing: Int32, learner: Float, employer: Float)]]
  {
    let features = FeatureSpace(market: market, options: options)
    let eligibility = Eligibility(market: market)
    let scorer = PairScorer(
      market: market, features: features, eligibility: eligibility,
      distanceScaleKm: options.distanceScaleKm)
    return market.learners.indices.map { i in
      var entries: [(listing: Int32, learner: Float, employer: Float,
        lottery: UInt64)] = []
      for j in market.listings.indices where eligibility.isEligible(i, j) {
        let s = scorer.scores(i, j)
        let u = quantized(s.utility(options.learnerWeights, employerView: false))
        guard u >= Float(options.minScore) else { continue }
        entries.append((Int32(j), u,
          quantized(s.utility(options.employerWeights, employerView: true)),
          options.tieBreaker.learnerSide(learner: i, listing: j)))
      }
      entries.sort {
        $0.learner != $1.learner ? $0.learner > $1.learner
          : $0.lottery != $1.lottery ? $0.lottery < $1.lottery
          : $0.listing < $1.listing
      }
      return entries.prefix(options.topK).map { ($0.listing, $0.learner, $0.employer) }
    }
  }

  @Test(arguments: [UInt64(1), 2, 3, 4, 5])
  func blockedScoringEqualsNaive(seed: UInt64) {
    let market = randomMarket(seed: seed, learners: 40, listings: 25)
    var options = ScoringOptions()
    options.topK = 6
    options.blockSize = 7
    let candidates = CandidateScorer(market: market, options: options)
      .candidates()
    let naive = naiveLists(market, options)
    for i in market.learners.indices {
      let got = candidates.entries(of: i).map {
        (candidates.listings[$0], candidates.learnerUtility[$0],
          candidates.employerUtility[$0])
      }
      #expect(got.count == naive[i].count, "seed \(seed) learner \(i)")
      for (a, b) in zip(got, naive[i]) {
        #expect(abs(a.1 - b.learner) <= 2e-6, "seed \(seed) learner \(i)")
        #expect(abs(a.2 - b.employer) <= 2e-6, "seed \(seed) learner \(i)")
      }
      let gaps = zip(naive[i], naive[i].dropFirst()).map { $0.learner - $1.learner }
      if gaps.allSatisfy({ $0 == 0 || $0 > 1e-5 }) {
        #expect(got.map(\.0) == naive[i].map(\.listing),
          "seed \(seed) learner \(i)")
      }
    }
  }

  @Test func blockSizeDoesNotChangeResults() {
    let market = randomMarket(seed: 11, learners: 60, listings: 30)
    var options = ScoringOptions()
    options.topK = 8
    var results: [CandidateLists] = []
    for size in [1, 5, 64, 1000] {
      options.blockSize = size
      results.append(CandidateScorer(market: market, options: options).candidates())
    }
    for other in results.dropFirst() { #expect(other == results[0]) }
  }

  @Test func skillCoverageIsMeanOfCappedLevelRatios() {
    var learner = Learner(id: "a", line: 2)
    learner.skills = [SkillLevel("python", level: 2), SkillLevel("sql", level: 5)]
    var listing = Listing(id: "x", line: 2, type: .internship, capacity: 1)
    listing.requiredSkills = [
      SkillLevel("python", level: 4), SkillLevel("sql", level: 3),
      SkillLevel("git", level: 1),
    ]
    listing.preferredSkills = [SkillLevel("python", level: 2)]
    var warnings: [Diagnostic] = []
    let market = try! Market(learners: [learner], listings: [listing],
      warnings: &warnings)
    var options = ScoringOptions()
    options.learnerWeights = ScoreWeights(skills: 1, preferredSkills: 0,
      goals: 0, sectors: 0, location: 0, stated: 0)
    options.employerWeights = ScoreWeights(skills: 0, preferredSkills: 1,
      goals: 0, sectors: 0, location: 0, stated: 0)
    let c = CandidateScorer(market: market, options: options).candidates()
    // (2/4 + 3/3 + 0/1) / 3 = 0.5 by GEMM; preferred: min(2,2)/2 = 1.
    #expect(abs(c.learnerUtility[0] - 0.5) < 1e-6)
    #expect(abs(c.employerUtility[0] - 1) < 1e-6)
  }

  @Test func emptyVectorsScoreZeroNotNaN() {
    let learner = Learner(id: "a", line: 2)
    let listing = Listing(id: "x", line: 2, type: .coop, capacity: 1)
    var warnings: [Diagnostic] = []
    let market = try! Market(learners: [learner], listings: [listing],
      warnings: &warnings)
    let features = FeatureSpace(market: market)
    let scorer = PairScorer(market: market, features: features,
      eligibility: Eligibility(market: market), distanceScaleKm: 50)
    let s = scorer.scores(0, 0)
    #expect(s.goals == 0 && s.sectors == 0 && s.preferredSkills == 0)
    #expect(s.skills == 1)  // nothing required
    let c = CandidateScorer(market: market, options: ScoringOptions()).candidates()
    #expect(c.learnerUtility.allSatisfy { $0.isFinite })
  }

  @Test func ineligiblePairsAreNeverCandidates() {
    for seed in UInt64(20)..<UInt64(25) {
      let market = randomMarket(seed: seed, learners: 30, listings: 20)
      let eligibility = Eligibility(market: market)
      let c = CandidateScorer(market: market, options: ScoringOptions()).candidates()
      for i in market.learners.indices {
        for e in c.entries(of: i) {
          #expect(eligibility.isEligible(i, Int(c.listings[e])), "seed \(seed)")
        }
        let eligible = market.listings.indices.filter { eligibility.isEligible(i, $0) }
        #expect(Int(c.eligibleCount[i]) == eligible.count, "seed \(seed)")
      }
    }
  }
}
