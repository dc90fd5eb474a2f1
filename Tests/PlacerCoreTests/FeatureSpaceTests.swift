import Testing
@testable import PlacerCore

/// The sparse learner rows and listing postings the blocked scorer
/// multiplies hold exactly the dense rows' values.
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

  /// The postings the blocked scorer reads are the dense listing rows,
  /// transposed: feature `f` at position `p` holds row `p`'s column `f`,
  /// every non-zero is stored, and each list ascends.
  @Test(arguments: [UInt64(1), 2, 3])
  func postingsAreTheTransposedRows(seed: UInt64) {
    let market = constraintMarket(seed: seed, learners: 10, listings: 50)
    let features = FeatureSpace(market: market)
    var rng = PlacerCore.SplitMix64(seed: seed)
    let order = market.listings.indices.map { Int32($0) }.shuffled(using: &rng)
    let weights = ScoringOptions().learnerWeights
    let rows = features.listingRows(market.listings, order: order, weights: weights)
    let entries = order.map {
      features.listingEntries(
        market.listings[Int($0)], text: Int($0), weights: weights)
    }
    for row in entries {
      #expect(zip(row, row.dropFirst()).allSatisfy { $0.column < $1.column })
    }
    let postings = FeaturePostings(features: features.width, rows: entries)
    var fromPostings = Matrix(rows: order.count, columns: features.width)
    for f in 0..<features.width {
      let stored = postings.starts[f]..<postings.starts[f + 1]
      #expect(zip(stored, stored.dropFirst()).allSatisfy {
        postings.positions[$0] < postings.positions[$1]
      })
      for k in stored {
        fromPostings[Int(postings.positions[k]), f] = postings.values[k]
      }
    }
    #expect(fromPostings == rows, "seed \(seed)")
    #expect(postings.nonzeroCount == rows.values.filter { $0 != 0 }.count)
  }

  /// Restricting postings to a block's runs keeps exactly the postings
  /// inside them, renamed to product columns, whatever the runs.
  @Test(arguments: [UInt64(1), 2, 3, 4, 5])
  func restrictedPostingsKeepExactlyThoseInTheRuns(seed: UInt64) {
    var rng = PlacerCore.SplitMix64(seed: seed)
    let positions = 300
    let features = 12
    var rows: [[(column: Int32, value: Float)]] = []
    for _ in 0..<positions {
      var row: [(column: Int32, value: Float)] = []
      for f in 0..<features where rng.next() % 3 == 0 {
        row.append((Int32(f), Float(rng.next() % 100 + 1)))
      }
      rows.append(row)
    }
    let postings = FeaturePostings(features: features, rows: rows)
    var restricted = RestrictedPostings()
    for round in 0..<20 {
      // Random disjoint runs, from none to many, some of one position.
      var runs: [(positions: Range<Int>, column: Int)] = []
      var p = Int(rng.next() % 20)
      var column = 0
      while p < positions && runs.count < round {
        let length = 1 + Int(rng.next() % 30)
        let run = p..<min(positions, p + length)
        runs.append((run, column))
        column += run.count
        p = run.upperBound + 1 + Int(rng.next() % 40)
      }
      restricted.startBlock(features: features)
      for f in (0..<features).reversed() {
        let range = restricted.range(f, of: postings, runs: runs)
        let got = range.map { (restricted.columns[$0], restricted.values[$0]) }
        var expected: [(Int32, Float)] = []
        for run in runs {
          for q in run.positions {
            if let entry = rows[q].first(where: { $0.column == Int32(f) }) {
              expected.append(
                (Int32(run.column + q - run.positions.lowerBound), entry.value))
            }
          }
        }
        #expect(got.map(\.0) == expected.map(\.0), "seed \(seed) round \(round)")
        #expect(got.map(\.1) == expected.map(\.1), "seed \(seed) round \(round)")
        // Asking again gives the same range, not a second copy.
        #expect(restricted.range(f, of: postings, runs: runs) == range)
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
