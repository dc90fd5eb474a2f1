import Testing
@testable import PlacerCore

/// The sparse learner rows and column-major listing features the blocked
/// scorer multiplies hold exactly the dense rows' values.
@Suite struct FeatureSpaceTests {
  @Test(arguments: [UInt64(1), 2, 3, 4])
  func sparseLearnerRowsEqualDenseRows(seed: UInt64) {
    let market = constraintMarket(seed: seed, learners: 60, listings: 40)
    let features = FeatureSpace(market: market)
    let sparse = features.learnerMatrix(market.learners)
    #expect(sparse.rows == market.learners.count)
    var dense = Matrix(rows: 1, columns: features.width)
    for i in market.learners.indices {
      features.fillLearnerRows(market.learners, range: i..<(i + 1), into: &dense)
      var fromSparse = [Float](repeating: 0, count: features.width)
      let stored = sparse.rowStarts[i]..<sparse.rowStarts[i + 1]
      var previous: Int32 = -1
      for k in stored {
        #expect(sparse.columnIndices[k] > previous, "columns ascend")
        previous = sparse.columnIndices[k]
        fromSparse[Int(sparse.columnIndices[k])] = sparse.values[k]
      }
      #expect(fromSparse == dense.values, "seed \(seed) learner \(i)")
      #expect(stored.count == dense.values.filter { $0 != 0 }.count)
    }
  }

  @Test(arguments: [UInt64(1), 2, 3])
  func listingColumnsAreTheTransposedRows(seed: UInt64) {
    let market = constraintMarket(seed: seed, learners: 10, listings: 50)
    let features = FeatureSpace(market: market)
    var rng = PlacerCore.SplitMix64(seed: seed)
    let order = market.listings.indices.map { Int32($0) }.shuffled(using: &rng)
    let weights = ScoringOptions().learnerWeights
    let rows = features.listingRows(market.listings, order: order, weights: weights)
    let columns = features.listingColumns(
      market.listings, order: order, weights: weights)
    #expect(columns.rows == features.width && columns.columns == order.count)
    for r in 0..<order.count {
      for k in 0..<features.width {
        #expect(columns[k, r] == rows[r, k], "seed \(seed) row \(r) column \(k)")
      }
    }
  }

  /// A learner naming a skill twice at different levels gets the union of
  /// the thresholds, in both forms.
  @Test func repeatedSkillKeepsEveryThresholdOnce() {
    var market = constraintMarket(seed: 9, learners: 5, listings: 5)
    let skill = market.listings[0].requiredSkills.first?.skill ?? "python"
    market.listings[0].requiredSkills = [SkillLevel(skill, level: 4)]
    market.learners[0].skills = [
      SkillLevel(skill, level: 3), SkillLevel(skill, level: 1),
    ]
    let features = FeatureSpace(market: market)
    let sparse = features.learnerMatrix(market.learners)
    let s = features.skillIndex[skill]! * FeatureSpace.levels
    let stored = Array(
      sparse.columnIndices[sparse.rowStarts[0]..<sparse.rowStarts[1]])
    #expect(stored.filter { (s..<(s + 5)).contains(Int($0)) }
      == [Int32(s), Int32(s + 1), Int32(s + 2)])
  }
}
