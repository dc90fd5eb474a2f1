// Blocked scoring over constraint classes: products only where a pair can
// be eligible (sparse for the linear components, GEMM for the latent
// ones), then a top-K selection with exact rescoring.

import Dispatch
import Foundation

/// Scores every learner against every eligible listing in blocks of
/// learners, keeping only each learner's top K; never holds the n x m
/// matrix.
///
/// Listings are sorted into constraint classes (`ListingClasses`) and
/// learners into blocks of similar learners (`LearnerBlocks`). Per block,
/// classes that no learner of the block can use are skipped; the rest are
/// merged into runs of consecutive listing positions, which become the
/// columns of the block's products. Two kinds of product fill them:
/// - the learner view's linear components (skills, preferred skills,
///   TF-IDF goals, sectors) by a sparse product: a learner row stores a
///   few dozen features, and each is met only by the block's feasible
///   listings that hold it (`FeaturePostings`, restricted per block), so
///   the work is the number of non-zero feature products;
/// - the latent components (LSA goals, related skills; dense `d`-vectors
///   compared by a clamped cosine) by one `cblas_sgemm` per part and pass:
///   the block's learner vectors times the feasible listings' vectors,
///   clamped and weighted into the products.
///
/// Each learner then skips the classes it cannot use, checks every
/// remaining pair exactly, adds location and stated ranks, and keeps its K
/// best by (learner utility desc, lottery number asc). The grouping only
/// prunes work that is certain to be wasted; which pairs are eligible and
/// every kept score are exactly what a pair-by-pair scan gives.
/// - Complexity: O(f·n·m·(z + d)) for a feasible share f of pairs, z
///   non-zero feature products per pair and latent dimension d (plus
///   O(n·C) class tests for C classes); memory O((n + m)·d + nnz + n·K)
///   for nnz stored features.
public struct CandidateScorer: Sendable {
  public let scorer: PairScorer
  public let options: ScoringOptions
  /// Learner-view listing features by feature, over listing positions.
  let postings: FeaturePostings
  /// Every learner's feature row, sparse.
  let learnerRows: SparseMatrix
  let listingClasses: ListingClasses
  let learnerBlocks: LearnerBlocks
  let places: PlaceAtlas
  /// Latent parts (LSA goals, related skills) that weigh in the learner
  /// view.
  let latentParts: [LatentProduct]

  public init(market: Market, options: ScoringOptions) {
    let features = FeatureSpace(market: market, options: options)
    let eligibility = Eligibility(market: market)
    scorer = PairScorer(
      market: market, features: features, eligibility: eligibility,
      distanceScaleKm: options.distanceScaleKm)
    self.options = options
    let places = PlaceAtlas(eligibility)
    self.places = places
    let classes = ListingClasses(eligibility, places: places)
    listingClasses = classes
    learnerBlocks = LearnerBlocks(
      eligibility, size: max(1, options.blockSize), places: places)
    latentParts = features.latentParts.compactMap { part in
      let weight = options.learnerWeights.normalized(part.component)
      guard weight > 0 else { return nil }
      return LatentProduct(part, order: classes.order, weight: weight)
    }
    // Only the learner view shortlists (the employer view is rescored
    // exactly), so only its features are stored, in class order.
    postings = FeaturePostings(
      features: features.width,
      rows: classes.order.map {
        features.listingEntries(
          market.listings[Int($0)], text: Int($0),
          weights: options.learnerWeights)
      })
    learnerRows = features.learnerMatrix(market.learners)
  }

  /// The candidate lists of all learners; `progress` receives the number
  /// of learners scored so far after each block.
  ///
  /// Blocks are shared out among `options.threads` workers (one per core
  /// by default), each making its own single-threaded BLAS calls, so one
  /// worker's products overlap another's selection; the BLAS provider's
  /// thread count is restored afterwards.
  public func candidates(
    progress: (@Sendable (Int) -> Void)? = nil
  ) -> CandidateLists {
    candidatesWithStatistics(progress: progress).lists
  }

  /// `candidates(progress:)` with figures on the work done.
  public func candidatesWithStatistics(
    progress: (@Sendable (Int) -> Void)? = nil
  ) -> (lists: CandidateLists, statistics: ScoringStatistics) {
    let n = scorer.market.learners.count
    var perLearner = Array(repeating: [CandidateEntry](), count: n)
    var eligible = Array(repeating: Int32(0), count: n)
    let blocks = learnerBlocks.blocks
    let workers = max(
      1,
      min(
        blocks.count,
        options.threads > 0
          ? options.threads : ProcessInfo.processInfo.activeProcessorCount))
    let blasThreads = BLAS.threadCount
    if workers > 1 { BLAS.setThreadCount(1) }
    defer { if let blasThreads { BLAS.setThreadCount(blasThreads) } }
    let counter = BlockCounter()
    let totals = ScoringTotals()
    perLearner.withUnsafeMutableBufferPointer { results in
      eligible.withUnsafeMutableBufferPointer { eligible in
        let out = SelectionOutput(results: results, eligible: eligible)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
          var workspace = BlockWorkspace()
          var statistics = ScoringStatistics()
          while let b = counter.next(below: blocks.count) {
            score(
              block: blocks[b], workspace: &workspace, out: out,
              statistics: &statistics)
            let done = counter.finished(blocks[b].count)
            progress?(done)
          }
          totals.add(statistics)
        }
      }
    }

    var statistics = totals.sum
    statistics.pairs = n * scorer.market.listings.count
    statistics.featureWidth = postings.features
    statistics.latentDimensions = latentParts.map(\.dimensions)
    statistics.eligiblePairs = eligible.reduce(0) { $0 + Int($1) }
    var result = CandidateLists()
    result.eligibleCount = eligible
    let kept = perLearner.reduce(0) { $0 + $1.count }
    result.listings.reserveCapacity(kept)
    result.learnerUtility.reserveCapacity(kept)
    result.employerUtility.reserveCapacity(kept)
    result.offsets.reserveCapacity(n + 1)
    for i in 0..<n {
      for entry in perLearner[i] {
        result.listings.append(entry.listing)
        result.learnerUtility.append(entry.learnerUtility)
        result.employerUtility.append(entry.employerUtility)
      }
      perLearner[i] = []
      result.offsets.append(result.listings.count)
    }
    return (result, statistics)
  }

  /// Far above single-precision product error on sums of unit-bounded
  /// terms.
  static let shortlistSlack: Float = 1e-4
  /// Runs of feasible listing positions separated by fewer positions than
  /// this are one run (the gap costs less than another run).
  static let mergeGap = 4
  /// Most product values held per block (64 MiB), and as many again for
  /// a latent product.
  static let productBudget = 1 << 24
}

/// One kept candidate of one learner.
struct CandidateEntry: Sendable {
  var listing: Int32
  var learnerUtility: Float
  var employerUtility: Float
}

/// A latent part as the blocked scorer multiplies it: the learners'
/// vectors, the listings' vectors in class order, and the part's weight.
struct LatentProduct: Sendable {
  let vectors: LatentVectors
  /// `m x d`, row `p` the listing at position `p`.
  let listingsByPosition: Matrix
  let weight: Float

  init(_ vectors: LatentVectors, order: [Int32], weight: Float) {
    self.vectors = vectors
    self.weight = weight
    let d = vectors.listings.columns
    var values = [Float](repeating: 0, count: order.count * d)
    for (p, j) in order.enumerated() {
      for c in 0..<d {
        values[p * d + c] = vectors.listings.values[Int(j) * d + c]
      }
    }
    listingsByPosition = Matrix(rows: order.count, columns: d, values: values)
  }

  var dimensions: Int { listingsByPosition.columns }
}

/// Buffers reused from block to block.
struct BlockWorkspace {
  var products: [Float] = []
  var postings = RestrictedPostings()
  /// Per latent part, the block's feasible listing vectors (`width x d`).
  var latentListings: [[Float]] = []
  /// The pass's learner vectors (`rows x d`) and latent product.
  var latentLearners: [Float] = []
  var latentProduct: [Float] = []
}

/// Where one feasible class's products sit: learner row `r`, class member
/// `q` is at `products[r * plan.width + column + q]`.
struct ClassPiece: Sendable {
  var classIndex: Int
  var column: Int
}

/// The product columns of one block: runs of feasible listing positions,
/// side by side.
struct BlockPlan {
  /// Ascending, disjoint position ranges, each with the product column of
  /// its first position.
  var runs: [(positions: Range<Int>, column: Int)] = []
  var pieces: [ClassPiece] = []
  /// Product values per learner row.
  var width = 0
}

extension CandidateScorer {
  /// The runs and pieces for the classes a block may use.
  func plan(for profile: BlockProfile) -> BlockPlan {
    var plan = BlockPlan()
    for (c, listingClass) in listingClasses.classes.enumerated()
    where profile.mayMatch(listingClass, in: listingClasses) {
      let positions = listingClass.positions
      if let last = plan.runs.last,
        positions.lowerBound - last.positions.upperBound < Self.mergeGap
      {
        plan.runs[plan.runs.count - 1].positions =
          last.positions.lowerBound..<positions.upperBound
      } else {
        plan.runs.append((positions, plan.width))
      }
      let run = plan.runs[plan.runs.count - 1]
      plan.pieces.append(
        ClassPiece(
          classIndex: c,
          column: run.column + positions.lowerBound - run.positions.lowerBound))
      plan.width = run.column + run.positions.count
    }
    return plan
  }

  /// Scores one block of learners (positions in `learnerBlocks.order`).
  fileprivate func score(
    block: Range<Int>,
    workspace: inout BlockWorkspace,
    out: SelectionOutput,
    statistics: inout ScoringStatistics
  ) {
    let clock = ContinuousClock()
    var mark = clock.now
    let learners = learnerBlocks.order[block].map { Int($0) }
    let plan = plan(
      for: BlockProfile(scorer.eligibility, learners: learners, atlas: places))
    statistics.products += learners.count * plan.width
    workspace.postings.startBlock(features: postings.features)
    gatherLatentListings(plan, workspace: &workspace)
    statistics.productSeconds += seconds(clock.now - mark)
    mark = clock.now

    // Rows per pass, so the products stay within budget.
    let rowsPerPass = max(
      1, min(learners.count, Self.productBudget / max(1, plan.width)))
    for start in stride(from: 0, to: learners.count, by: rowsPerPass) {
      let part = Array(
        learners[start..<min(learners.count, start + rowsPerPass)])
      multiplySparse(
        part, plan: plan, workspace: &workspace, statistics: &statistics)
      statistics.productSeconds += seconds(clock.now - mark)
      mark = clock.now
      for k in latentParts.indices {
        multiplyLatent(
          k, part, plan: plan, workspace: &workspace, statistics: &statistics)
      }
      mark = clock.now
      workspace.products.withUnsafeBufferPointer { products in
        for (r, i) in part.enumerated() {
          let (entries, count) = selectRow(
            learner: i, row: r, plan: plan, products: products)
          out.results[i] = entries
          out.eligible[i] = count
        }
      }
      statistics.topKSeconds += seconds(clock.now - mark)
      mark = clock.now
    }
  }

  /// Row `r` of the products is learner `learners[r]`'s linear learner
  /// utility against every product column: the sum, over the learner's
  /// stored features, of the feature's value times each feasible listing's
  /// value of it (`RestrictedPostings`).
  private func multiplySparse(
    _ learners: [Int],
    plan: BlockPlan,
    workspace: inout BlockWorkspace,
    statistics: inout ScoringStatistics
  ) {
    let width = plan.width
    let needed = learners.count * width
    if workspace.products.count < needed {
      workspace.products = Array(repeating: 0, count: needed)
    }
    // Every range first (it may grow the restricted lists), then the sums.
    var ranges: [Range<Int>] = []
    let starts = learnerRows.rowStarts
    for i in learners {
      for e in starts[i]..<starts[i + 1] {
        ranges.append(
          workspace.postings.range(
            Int(learnerRows.columnIndices[e]), of: postings, runs: plan.runs))
      }
    }
    var multiplyAdds = 0
    var next = 0
    let restricted = workspace.postings
    workspace.products.withUnsafeMutableBufferPointer { products in
      restricted.columns.withUnsafeBufferPointer { columns in
        restricted.values.withUnsafeBufferPointer { values in
          learnerRows.values.withUnsafeBufferPointer { learnerValues in
            for (r, i) in learners.enumerated() {
              let row = products.baseAddress! + r * width
              row.update(repeating: 0, count: width)
              for e in starts[i]..<starts[i + 1] {
                let x = learnerValues[e]
                let range = ranges[next]
                next += 1
                multiplyAdds += range.count
                for k in range { row[Int(columns[k])] += x * values[k] }
              }
            }
          }
        }
      }
    }
    statistics.sparseMultiplyAdds += multiplyAdds
  }

  /// Copies each latent part's vectors of the plan's listings, run by
  /// run, into the workspace (`width x d`).
  private func gatherLatentListings(
    _ plan: BlockPlan,
    workspace: inout BlockWorkspace
  ) {
    if workspace.latentListings.count != latentParts.count {
      workspace.latentListings = Array(repeating: [], count: latentParts.count)
    }
    for (k, part) in latentParts.enumerated() {
      let d = part.dimensions
      if workspace.latentListings[k].count < plan.width * d {
        workspace.latentListings[k] = Array(repeating: 0, count: plan.width * d)
      }
      part.listingsByPosition.values.withUnsafeBufferPointer { source in
        workspace.latentListings[k].withUnsafeMutableBufferPointer { target in
          for run in plan.runs {
            (target.baseAddress! + run.column * d).update(
              from: source.baseAddress! + run.positions.lowerBound * d,
              count: run.positions.count * d)
          }
        }
      }
    }
  }

  /// Adds latent part `k`, weighted and clamped to `0...1`, to the
  /// products: one `cblas_sgemm` of the learners' vectors (`rows x d`)
  /// with the gathered listing vectors (`width x d`).
  private func multiplyLatent(
    _ k: Int,
    _ learners: [Int],
    plan: BlockPlan,
    workspace: inout BlockWorkspace,
    statistics: inout ScoringStatistics
  ) {
    let clock = ContinuousClock()
    var mark = clock.now
    let part = latentParts[k]
    let d = part.dimensions
    let rows = learners.count
    let width = plan.width
    if workspace.latentLearners.count < rows * d {
      workspace.latentLearners = Array(repeating: 0, count: rows * d)
    }
    if workspace.latentProduct.count < rows * width {
      workspace.latentProduct = Array(repeating: 0, count: rows * width)
    }
    part.vectors.learners.values.withUnsafeBufferPointer { source in
      workspace.latentLearners.withUnsafeMutableBufferPointer { target in
        for (r, i) in learners.enumerated() {
          (target.baseAddress! + r * d).update(
            from: source.baseAddress! + i * d, count: d)
        }
      }
    }
    statistics.productSeconds += seconds(clock.now - mark)
    mark = clock.now
    workspace.latentLearners.withUnsafeBufferPointer { a in
      workspace.latentListings[k].withUnsafeBufferPointer { b in
        workspace.latentProduct.withUnsafeMutableBufferPointer { c in
          BLAS.multiplyTransposed(
            m: rows, n: width, k: d, a.baseAddress!, b.baseAddress!,
            into: c.baseAddress!, ldc: width)
        }
      }
    }
    statistics.gemmCalls += 1
    statistics.gemmFlops += 2 * Double(rows) * Double(width) * Double(d)
    statistics.gemmSeconds += seconds(clock.now - mark)
    mark = clock.now
    let weight = part.weight
    workspace.latentProduct.withUnsafeBufferPointer { latent in
      workspace.products.withUnsafeMutableBufferPointer { products in
        for q in 0..<(rows * width) {
          products[q] += weight * clampedUnit(latent[q])
        }
      }
    }
    statistics.productSeconds += seconds(clock.now - mark)
  }
}

/// Per-learner result slots; each learner is written by one worker only.
private struct SelectionOutput: @unchecked Sendable {
  let results: UnsafeMutableBufferPointer<[CandidateEntry]>
  let eligible: UnsafeMutableBufferPointer<Int32>
}

/// Hands out block indices and counts finished learners across workers.
private final class BlockCounter: @unchecked Sendable {
  private let lock = NSLock()
  private var nextBlock = 0
  private var learners = 0

  func next(below count: Int) -> Int? {
    lock.lock()
    defer { lock.unlock() }
    guard nextBlock < count else { return nil }
    nextBlock += 1
    return nextBlock - 1
  }

  func finished(_ count: Int) -> Int {
    lock.lock()
    defer { lock.unlock() }
    learners += count
    return learners
  }
}

/// Figures on one scoring run, for the summary and benchmarks.
public struct ScoringStatistics: Sendable {
  /// Learner-listing pairs in the market (n·m).
  public var pairs = 0
  /// Pairs passing every hard constraint.
  public var eligiblePairs = 0
  /// Learner-listing products computed (the rest were pruned by
  /// constraint classes).
  public var products = 0
  /// Columns of the feature rows.
  public var featureWidth = 0
  /// Multiply-adds of the sparse products (stored learner entries times
  /// the listings each was multiplied with).
  public var sparseMultiplyAdds = 0
  /// Dimensions of the latent parts multiplied by GEMM (LSA goals,
  /// related skills), those with a learner weight.
  public var latentDimensions: [Int] = []
  public var gemmCalls = 0
  /// Floating-point operations of the GEMMs (the latent parts).
  public var gemmFlops = 0.0
  /// Thread-seconds inside `cblas_sgemm`.
  public var gemmSeconds = 0.0
  /// Thread-seconds building products outside the GEMMs: the sparse
  /// product, gathering latent vectors, clamping latent products.
  public var productSeconds = 0.0
  /// Thread-seconds in eligibility checks, top-K selection and rescoring.
  public var topKSeconds = 0.0

  public init() {}
}

/// Sums the workers' statistics.
private final class ScoringTotals: @unchecked Sendable {
  private let lock = NSLock()
  private(set) var sum = ScoringStatistics()

  func add(_ part: ScoringStatistics) {
    lock.lock()
    defer { lock.unlock() }
    sum.products += part.products
    sum.gemmCalls += part.gemmCalls
    sum.gemmFlops += part.gemmFlops
    sum.sparseMultiplyAdds += part.sparseMultiplyAdds
    sum.productSeconds += part.productSeconds
    sum.gemmSeconds += part.gemmSeconds
    sum.topKSeconds += part.topKSeconds
  }
}

/// A duration in seconds.
func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds)
    + Double(duration.components.attoseconds) * 1e-18
}
