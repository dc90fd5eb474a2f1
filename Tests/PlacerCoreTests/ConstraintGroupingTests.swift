import Testing
@testable import PlacerCore

@Suite(.serialized) struct ConstraintGroupingTests {
  static let seeds: [UInt64] = [1, 2, 3, 4, 5, 6, 7, 8]

  /// Each learner's top K from the references alone, pair by pair.
  func naiveLists(_ market: Market, _ options: ScoringOptions)
    -> (lists: [[CandidateEntry]], eligible: [Int32])
  {
    let features = FeatureSpace(market: market)
    var lists: [[CandidateEntry]] = []
    var eligible: [Int32] = []
    for i in market.learners.indices {
      var entries: [SelectedEntry] = []
      var count: Int32 = 0
      for j in market.listings.indices
      where referenceFailure(market, i, j) == nil {
        count += 1
        let s = referenceScores(
          market, features, i, j, scaleKm: options.distanceScaleKm)
        let u = quantized(s.utility(options.learnerWeights, employerView: false))
        guard u >= Float(options.minScore) else { continue }
        entries.append(
          SelectedEntry(
            listing: Int32(j), learnerUtility: u,
            employerUtility: quantized(
              s.utility(options.employerWeights, employerView: true)),
            lottery: options.tieBreaker.learnerSide(learner: i, listing: j)))
      }
      entries.sort { $0.isBetter(than: $1) }
      lists.append(
        entries.prefix(options.topK).map {
          CandidateEntry(
            listing: $0.listing, learnerUtility: $0.learnerUtility,
            employerUtility: $0.employerUtility)
        })
      eligible.append(count)
    }
    return (lists, eligible)
  }

  @Test(arguments: seeds)
  func fastEligibilityEqualsReference(seed: UInt64) {
    let market = constraintMarket(seed: seed, learners: 60, listings: 50)
    let eligibility = Eligibility(market: market)
    for i in market.learners.indices {
      for j in market.listings.indices {
        #expect(
          eligibility.firstFailure(i, j) == referenceFailure(market, i, j),
          "seed \(seed) pair \(i),\(j)")
      }
    }
  }

  @Test(arguments: seeds)
  func pairScoresEqualReferenceExactly(seed: UInt64) {
    let market = constraintMarket(seed: seed, learners: 30, listings: 30)
    let features = FeatureSpace(market: market)
    let scorer = PairScorer(
      market: market, features: features,
      eligibility: Eligibility(market: market), distanceScaleKm: 35)
    for i in market.learners.indices {
      for j in market.listings.indices {
        // Same operations in the same order: bit-identical, not just close.
        #expect(
          scorer.scores(i, j)
            == referenceScores(market, features, i, j, scaleKm: 35),
          "seed \(seed) pair \(i),\(j)")
      }
    }
  }

  @Test(arguments: seeds)
  func groupedScoringEqualsNaiveScan(seed: UInt64) {
    let market = constraintMarket(seed: seed, learners: 90, listings: 70)
    var options = ScoringOptions()
    options.topK = 5
    options.blockSize = 16
    options.minScore = seed % 2 == 0 ? 0 : 0.3
    options.tieBreaker = TieBreaker(seed: seed, rule: .multiple)
    let got = CandidateScorer(market: market, options: options).candidates()
    let naive = naiveLists(market, options)
    #expect(got.eligibleCount == naive.eligible, "seed \(seed)")
    for i in market.learners.indices {
      let entries = got.entries(of: i).map {
        CandidateEntry(
          listing: got.listings[$0], learnerUtility: got.learnerUtility[$0],
          employerUtility: got.employerUtility[$0])
      }
      #expect(entries == naive.lists[i], "seed \(seed) learner \(i)")
    }
  }

  @Test(arguments: seeds)
  func prunedClassesHoldNoEligiblePair(seed: UInt64) {
    let market = constraintMarket(seed: seed, learners: 50, listings: 60)
    let e = Eligibility(market: market)
    let atlas = PlaceAtlas(e)
    let classes = ListingClasses(e, places: atlas)
    let blocks = LearnerBlocks(e, size: 8, places: atlas)
    for block in blocks.blocks {
      let learners = blocks.order[block].map { Int($0) }
      let profile = BlockProfile(e, learners: learners, atlas: atlas)
      for c in classes.classes {
        let members = classes.order[c.positions].map { Int($0) }
        for i in learners
        where !profile.mayMatch(c, in: classes) || !e.mayMatch(i, c, in: classes) {
          #expect(
            !members.contains { e.isEligible(i, $0) }, "seed \(seed) learner \(i)")
        }
      }
    }
  }

  /// The per-class shortcuts agree with the pair checks: a class admitted
  /// whole holds only eligible listings, a shared location is every
  /// member's location, and the by-position pair check equals the
  /// reference.
  @Test(arguments: seeds)
  func classShortcutsAgreeWithPairChecks(seed: UInt64) {
    let market = constraintMarket(seed: seed, learners: 60, listings: 70)
    let e = Eligibility(market: market)
    let classes = ListingClasses(e, places: PlaceAtlas(e))
    var whole = 0
    var shared = 0
    for i in market.learners.indices {
      for c in classes.classes where e.mayMatch(i, c, in: classes) {
        let admitted = e.admitsWholeClass(i, c)
        let location = e.classLocation(i, c)
        if admitted { whole += 1 }
        if location != nil { shared += 1 }
        for p in c.positions {
          let j = Int(classes.order[p])
          let eligible = referenceFailure(market, i, j) == nil
          #expect(
            classes.admits(e, i, position: p, listing: j, in: c) == eligible,
            "seed \(seed) pair \(i),\(j)")
          if admitted { #expect(eligible, "seed \(seed) pair \(i),\(j)") }
          #expect(
            classes.locationScore(e, i, position: p, in: c, scaleKm: 35)
              == e.locationScore(i, j, scaleKm: 35))
          if let location {
            #expect(location == e.locationScore(i, j, scaleKm: 35))
          }
        }
      }
    }
    // Both shortcuts are taken on these markets, so the checks bite.
    #expect(whole > 0 && shared > 0, "seed \(seed)")
  }

  @Test func blockSizeAndThreadsDoNotChangeCandidates() {
    let market = constraintMarket(seed: 42, learners: 120, listings: 80)
    var options = ScoringOptions()
    options.topK = 7
    var results: [CandidateLists] = []
    for (size, threads, blas) in [(256, 0, 2), (1, 1, 1), (5, 3, 1), (33, 2, 2)] {
      options.blockSize = size
      options.threads = threads
      BLAS.setThreadCount(blas)
      results.append(
        CandidateScorer(market: market, options: options).candidates())
    }
    BLAS.setThreadCount(2)
    for other in results.dropFirst() { #expect(other == results[0]) }
  }

  @Test func classesPruneMostProductsOnAGeneratedMarket() throws {
    let market = try syntheticMarket(learners: 3_000, listings: 600, seed: 2)
    let (lists, statistics) = CandidateScorer(
      market: market, options: ScoringOptions()
    ).candidatesWithStatistics()
    #expect(statistics.pairs == 3_000 * 600)
    #expect(statistics.eligiblePairs < statistics.products)
    #expect(
      Double(statistics.products) < 0.3 * Double(statistics.pairs),
      "products \(statistics.products) of \(statistics.pairs)")
    #expect(lists.learnerCount == 3_000)
  }
}

extension CandidateEntry: Equatable {
  public static func == (a: CandidateEntry, b: CandidateEntry) -> Bool {
    a.listing == b.listing && a.learnerUtility == b.learnerUtility
      && a.employerUtility == b.employerUtility
  }
}
