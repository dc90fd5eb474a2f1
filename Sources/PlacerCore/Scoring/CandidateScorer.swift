// Blocked scoring over constraint classes: products only where a pair can
// be eligible, then a top-K selection with exact rescoring.

import Dispatch
import Foundation

/// Scores every learner against every eligible listing in blocks of
/// learners, keeping only each learner's top K; never holds the n x m
/// matrix.
///
/// Listings are sorted into constraint classes (`ListingClasses`) and
/// learners into blocks of similar learners (`LearnerBlocks`). Per block,
/// classes that no learner of the block can use are skipped; the rest are
/// merged into runs of consecutive listing positions, and the learner
/// view's linear components (skills, preferred skills, TF-IDF goals,
/// sectors) of every learner against every run come from a sparse
/// product: a learner row stores a few dozen of its ~1,600 feature
/// columns, so summing the listing columns it stores does 2-3% of a dense
/// GEMM's work (the dense GEMM this replaced spent ~97% of its flops on
/// zeros). Each learner then skips the classes it cannot use, checks every
/// remaining pair exactly, adds location and stated ranks, and keeps its K
/// best by (learner utility desc, lottery number asc). The grouping only
/// prunes work that is certain to be wasted; which pairs are eligible and
/// every kept score are exactly what a pair-by-pair scan gives.
/// - Complexity: O(f·n·m·s + f·n·m) for a feasible share f of pairs and s
///   stored entries per learner row (plus O(n·C) class tests for C
///   classes); memory O((n + m)·d + n·K).
public struct CandidateScorer: Sendable {
  public let scorer: PairScorer
  public let options: ScoringOptions
  /// Learner-view listing features in class order, one row per feature
  /// (`width x m`).
  let listingColumns: Matrix
  /// Every learner's feature row, sparse.
  let learnerRows: SparseMatrix
  let listingClasses: ListingClasses
  let learnerBlocks: LearnerBlocks
  let places: PlaceAtlas
  /// Latent parts (LSA goals, related skills) that weigh in the learner
  /// view, with their weights. Their cosines are clamped, which no linear
  /// product can do, so `selectRow` adds them pair by pair, exactly as
  /// `PairScorer` computes them.
  let latentParts: [(vectors: LatentVectors, weight: Float)]

  public init(market: Market, options: ScoringOptions) {
    let features = FeatureSpace(market: market, options: options)
    let eligibility = Eligibility(market: market)
    scorer = PairScorer(
      market: market, features: features, eligibility: eligibility,
      distanceScaleKm: options.distanceScaleKm)
    self.options = options
    latentParts = features.latentParts.compactMap { part in
      let weight = options.learnerWeights.normalized(part.component)
      return weight > 0 ? (part, weight) : nil
    }
    let places = PlaceAtlas(eligibility)
    self.places = places
    let classes = ListingClasses(eligibility, places: places)
    listingClasses = classes
    learnerBlocks = LearnerBlocks(
      eligibility, size: max(1, options.blockSize), places: places)
    // Only the learner view shortlists (the employer view is rescored
    // exactly), so only its rows are built, in class order.
    listingColumns = features.listingColumns(
      market.listings, order: classes.order, weights: options.learnerWeights)
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
    statistics.featureWidth = listingColumns.rows
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

  /// Far above single-precision GEMM error on sums of unit-bounded terms.
  static let shortlistSlack: Float = 1e-4
  /// Runs of feasible listing rows separated by fewer rows than this are
  /// multiplied as one (the gap costs less than another call).
  static let mergeGap = 4
  /// Runs shorter than this are gathered into one product. Gathering
  /// costs a copy of 4·d bytes per listing row against 2·block·d flops,
  /// and one call with a wide product runs faster than many narrow ones,
  /// so only very long runs are multiplied in place.
  static let directRows = 8_192
  /// Most product values held per block (128 MiB).
  static let productBudget = 1 << 25
}

/// One kept candidate of one learner.
struct CandidateEntry: Sendable {
  var listing: Int32
  var learnerUtility: Float
  var employerUtility: Float
}

/// Buffers reused from block to block.
struct BlockWorkspace {
  var products: [Float] = []
}

/// Where one feasible class's products sit: learner row `r`, class member
/// `q` is at `products[base + r * width + column + q]`.
struct ClassPiece: Sendable {
  var classIndex: Int
  var base: Int
  var width: Int
  var column: Int
}

/// The products of one block: long runs of listing positions, each its
/// own product matrix, and the short runs side by side in one more.
struct BlockPlan {
  var direct: [(rows: Range<Int>, base: Int)] = []
  var gatheredRuns: [Range<Int>] = []
  var gatheredWidth = 0
  var gatheredBase = 0
  var pieces: [ClassPiece] = []
  /// Product values per learner row.
  var width = 0
}

extension CandidateScorer {
  /// The runs and pieces for the classes a block may use.
  func plan(for profile: BlockProfile) -> BlockPlan {
    let classes = listingClasses.classes
    var feasible: [Int] = []
    for (c, listingClass) in classes.enumerated()
    where profile.mayMatch(listingClass) {
      feasible.append(c)
    }

    // Runs of consecutive positions, short gaps bridged.
    var runs: [(positions: Range<Int>, classes: [Int])] = []
    for c in feasible {
      let positions = classes[c].positions
      if let last = runs.last,
        positions.lowerBound - last.positions.upperBound < Self.mergeGap
      {
        runs[runs.count - 1].positions =
          last.positions.lowerBound..<positions.upperBound
        runs[runs.count - 1].classes.append(c)
      } else {
        runs.append((positions, [c]))
      }
    }

    var plan = BlockPlan()
    var offset = 0
    for run in runs where run.positions.count >= Self.directRows {
      plan.direct.append((run.positions, offset))
      for c in run.classes {
        plan.pieces.append(
          ClassPiece(
            classIndex: c, base: offset, width: run.positions.count,
            column: classes[c].positions.lowerBound
              - run.positions.lowerBound))
      }
      offset += run.positions.count
    }
    let short = runs.filter { $0.positions.count < Self.directRows }
    plan.gatheredWidth = short.reduce(0) { $0 + $1.positions.count }
    plan.gatheredBase = offset
    var column = 0
    for run in short {
      plan.gatheredRuns.append(run.positions)
      for c in run.classes {
        plan.pieces.append(
          ClassPiece(
            classIndex: c, base: offset, width: plan.gatheredWidth,
            column: column + classes[c].positions.lowerBound
              - run.positions.lowerBound))
      }
      column += run.positions.count
    }
    plan.width = offset + plan.gatheredWidth
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
    let start = clock.now
    let learners = learnerBlocks.order[block].map { Int($0) }
    let plan = plan(
      for: BlockProfile(scorer.eligibility, learners: learners, atlas: places))
    statistics.products += learners.count * plan.width
    var mark = clock.now
    statistics.productSeconds += seconds(mark - start)

    // Rows per pass, so the products stay within budget.
    let rowsPerPass = max(
      1, min(learners.count, Self.productBudget / max(1, plan.width)))
    for start in stride(from: 0, to: learners.count, by: rowsPerPass) {
      let part = Array(
        learners[start..<min(learners.count, start + rowsPerPass)])
      multiply(
        part, plan: plan, workspace: &workspace, statistics: &statistics)
      statistics.productSeconds += seconds(clock.now - mark)
      mark = clock.now
      workspace.products.withUnsafeBufferPointer { products in
        for (r, i) in part.enumerated() {
          let (entries, count) = selectRow(
            learner: i, row: r, rows: part.count, plan: plan,
            products: products)
          out.results[i] = entries
          out.eligible[i] = count
        }
      }
      statistics.topKSeconds += seconds(clock.now - mark)
      mark = clock.now
    }
  }

  /// Every product of the plan for `learners`: row `r` of each product
  /// matrix is learner `r`'s sparse feature row times the listing
  /// columns of the run, accumulated one stored entry at a time.
  private func multiply(
    _ learners: [Int],
    plan: BlockPlan,
    workspace: inout BlockWorkspace,
    statistics: inout ScoringStatistics
  ) {
    let needed = learners.count * plan.width
    if workspace.products.count < needed {
      workspace.products = Array(repeating: 0, count: needed)
    }
    let rows = learners.count
    let m = listingColumns.columns
    var multiplyAdds = 0
    workspace.products.withUnsafeMutableBufferPointer { products in
      listingColumns.values.withUnsafeBufferPointer { columns in
        learnerRows.columnIndices.withUnsafeBufferPointer { indices in
          learnerRows.values.withUnsafeBufferPointer { values in
            let out = products.baseAddress!
            for (r, i) in learners.enumerated() {
              let stored = learnerRows.rowStarts[i]..<learnerRows.rowStarts[i + 1]
              multiplyAdds += stored.count * plan.width
              let entries = SparseRow(
                indices: indices.baseAddress! + stored.lowerBound,
                values: values.baseAddress! + stored.lowerBound,
                count: stored.count)
              for run in plan.direct {
                entries.accumulate(
                  columns.baseAddress!, stride: m, from: run.rows.lowerBound,
                  count: run.rows.count,
                  into: out + run.base * rows + r * run.rows.count)
              }
              var target = out + plan.gatheredBase * rows + r * plan.gatheredWidth
              for run in plan.gatheredRuns {
                entries.accumulate(
                  columns.baseAddress!, stride: m, from: run.lowerBound,
                  count: run.count, into: target)
                target += run.count
              }
            }
          }
        }
      }
    }
    statistics.sparseMultiplyAdds += multiplyAdds
  }
}

/// One learner's stored feature entries.
private struct SparseRow {
  let indices: UnsafePointer<Int32>
  let values: UnsafePointer<Float>
  let count: Int

  /// `target[q] = Σ_e values[e] · columns[indices[e] · stride + from + q]`
  /// for `q < count`, summed in the order of the stored entries.
  @inline(__always)
  func accumulate(
    _ columns: UnsafePointer<Float>,
    stride: Int,
    from: Int,
    count n: Int,
    into target: UnsafeMutablePointer<Float>
  ) {
    target.update(repeating: 0, count: n)
    for e in 0..<count {
      let x = values[e]
      let source = columns + Int(indices[e]) * stride + from
      for q in 0..<n { target[q] += x * source[q] }
    }
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
  public var gemmCalls = 0
  /// Floating-point operations of the GEMMs (the latent parts).
  public var gemmFlops = 0.0
  /// Thread-seconds building products: sparse products and GEMMs.
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
    sum.topKSeconds += part.topKSeconds
  }
}

/// A duration in seconds.
func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds)
    + Double(duration.components.attoseconds) * 1e-18
}
