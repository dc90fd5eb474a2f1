import Testing

@testable import PlacerCore

@Suite struct ScoreWeightsTests {
  @Test func normalizedWeightsSumToOne() {
    let weights = ScoreWeights.learnerDefault
    let sum = ScoreComponent.allCases.reduce(Float(0)) {
      $0 + weights.normalized($1)
    }
    #expect(abs(sum - 1) < 1e-6)
    #expect(weights.normalized(.goals) == Float(0.45))
  }

  @Test func hugeWeightsKeepTheirRatios() {
    // Two weights of 1e308 overflowed the sum to infinity, so every
    // normalized weight, and every utility, was 0.
    var weights = ScoreWeights.learnerDefault
    weights.goals = 1e308
    weights.skills = 1e308
    #expect(weights.normalized(.goals) == 0.5)
    #expect(weights.normalized(.skills) == 0.5)
    #expect(weights.normalized(.location) == 0)
    weights.skills = .greatestFiniteMagnitude
    #expect(weights.normalized(.goals) > 0)
    #expect(weights.normalized(.skills) > weights.normalized(.goals))
  }

  @Test func allZeroWeightsGiveZero() {
    var weights = ScoreWeights.learnerDefault
    for component in ScoreComponent.allCases { weights[component] = 0 }
    for component in ScoreComponent.allCases {
      #expect(weights.normalized(component) == 0)
    }
  }
}
