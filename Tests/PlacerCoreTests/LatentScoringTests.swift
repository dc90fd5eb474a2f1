import Testing
@testable import PlacerCore

/// Blocked scoring with the dense, clamped parts: LSA goals and
/// related-skill credit.
@Suite(.serialized) struct LatentScoringTests {
  func latentOptions(related: Double) -> ScoringOptions {
    var options = ScoringOptions()
    options.goalMethod = .lsa
    options.goalDimensions = 8
    options.learnerWeights.relatedSkills = related
    options.employerWeights.relatedSkills = related
    return options
  }

  @Test(arguments: [UInt64(1), 2, 3, 4])
  func blockedScoringEqualsNaiveWithLatentParts(seed: UInt64) {
    let market = randomMarket(seed: seed, learners: 40, listings: 25)
    var options = latentOptions(related: 0.3)
    options.topK = 6
    options.blockSize = 7
    let candidates = CandidateScorer(market: market, options: options)
      .candidates()
    let naive = ScoringTests().naiveLists(market, options)
    for i in market.learners.indices {
      let got = candidates.entries(of: i).map {
        (candidates.listings[$0], candidates.learnerUtility[$0],
          candidates.employerUtility[$0])
      }
      #expect(got.count == naive[i].count, "seed \(seed) learner \(i)")
      for (a, b) in zip(got, naive[i]) {
        #expect(a.0 == b.listing, "seed \(seed) learner \(i)")
        #expect(a.1 == b.learner && a.2 == b.employer,
          "seed \(seed) learner \(i)")
      }
    }
  }

  @Test func latentComponentsStayInUnitRange() {
    let market = randomMarket(seed: 8, learners: 30, listings: 20)
    let features = FeatureSpace(
      market: market, options: latentOptions(related: 0))
    #expect(features.goalMethod == .lsa)
    #expect(features.relatedSkills != nil)
    var negativeCosines = 0
    for part in features.latentParts {
      for i in market.learners.indices {
        for j in market.listings.indices {
          let value = part.cosine(i, j)
          #expect(value >= 0 && value <= 1, "\(part.component) \(i) \(j)")
          var raw: Float = 0
          for c in 0..<part.learners.columns {
            raw += part.learners[i, c] * part.listings[j, c]
          }
          if raw < -1e-3 { negativeCosines += 1 }
        }
      }
    }
    // The clamp is exercised: latent cosines do go below 0.
    #expect(negativeCosines > 0)
  }

  @Test func blockSizeAndThreadsDoNotChangeLatentResults() {
    let market = randomMarket(seed: 12, learners: 300, listings: 60)
    var options = latentOptions(related: 0.2)
    options.topK = 8
    let previous = BLAS.threadCount ?? 1
    defer { BLAS.setThreadCount(previous) }
    var results: [CandidateLists] = []
    for (size, threads) in [(1, 1), (5, 2), (64, 1), (1000, 2)] {
      BLAS.setThreadCount(threads)
      options.blockSize = size
      results.append(
        CandidateScorer(market: market, options: options).candidates())
    }
    for other in results.dropFirst() { #expect(other == results[0]) }
  }

  @Test func relatedSkillWeightChangesOnlyWhenSet() throws {
    let market = randomMarket(seed: 5, learners: 30, listings: 20)
    var options = ScoringOptions()
    let plain = CandidateScorer(market: market, options: options)
    options.learnerWeights = try options.learnerWeights.applying(
      ["related_skills": 0], view: "learner")
    #expect(CandidateScorer(market: market, options: options).candidates()
      == plain.candidates())
    options.learnerWeights = try options.learnerWeights.applying(
      ["related_skills": 5], view: "learner")
    #expect(CandidateScorer(market: market, options: options).candidates()
      != plain.candidates())
  }
}
