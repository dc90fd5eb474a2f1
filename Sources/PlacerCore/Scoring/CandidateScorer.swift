// Blocked scoring: one GEMM per block of learners, then a top-K selection.

import Dispatch

/// Scores every learner against every listing in blocks of learners,
/// keeping only each learner's top K; never holds the n x m matrix.
///
/// Per block: learner feature rows are built, one `cblas_sgemm` against the
/// stacked listing rows of both views gives the linear components, one more
/// per latent part (LSA goals, related skills) with a learner weight gives
/// cosines that are clamped per pair, then each learner's row adds
/// location and stated ranks, masks ineligible pairs and keeps its K best
/// by (learner utility desc, lottery number asc).
/// - Complexity: O(n·m·d / BLAS speed + n·m·log K); memory
///   O(m·d + block·m + n·K).
public struct CandidateScorer: Sendable {
  public let scorer: PairScorer
  public let options: ScoringOptions
  let listingRows: Matrix
  /// Latent parts that weigh in the learner view, with their weights.
  let latentParts: [(vectors: LatentVectors, weight: Float)]

  public init(market: Market, options: ScoringOptions) {
    let features = FeatureSpace(market: market, options: options)
    scorer = PairScorer(
      market: market, features: features,
      eligibility: Eligibility(market: market),
      distanceScaleKm: options.distanceScaleKm)
    self.options = options
    listingRows = features.listingMatrix(
      market.listings, learnerView: options.learnerWeights,
      employerView: options.employerWeights)
    latentParts = features.latentParts.compactMap { part in
      let weight = options.learnerWeights.normalized(part.component)
      return weight > 0 ? (part, weight) : nil
    }
  }

  /// The candidate lists of all learners.
  public func candidates(progress: ((Int) -> Void)? = nil) -> CandidateLists {
    let n = scorer.market.learners.count
    let m = scorer.market.listings.count
    let k = max(0, min(options.topK, m))
    let blockSize = max(1, options.blockSize)
    var result = CandidateLists()
    result.eligibleCount = Array(repeating: 0, count: n)
    var block = Matrix(rows: blockSize, columns: scorer.features.width)
    var products = Array(repeating: Float(0), count: blockSize * 2 * m)
    var latent = Array(
      repeating: Float(0), count: latentParts.count * blockSize * m)
    var selected = Array(
      repeating: SelectedEntry(), count: blockSize * max(k, 1))
    var counts = Array(repeating: 0, count: blockSize)

    for start in stride(from: 0, to: n, by: blockSize) {
      let range = start..<min(n, start + blockSize)
      scorer.features.fillLearnerRows(
        scorer.market.learners, range: range, into: &block)
      BLAS.multiplyTransposed(
        block, rows: 0..<range.count, by: listingRows, into: &products)
      for (p, part) in latentParts.enumerated() {
        BLAS.multiplyTransposed(
          part.vectors.learners, rows: range, by: part.vectors.listings,
          into: &latent, at: p * blockSize * m)
      }
      selectTopK(
        range: range, k: k, products: products, selected: &selected,
        counts: &counts, eligible: &result.eligibleCount, latent: latent)
      for (offset, _) in range.enumerated() {
        for entry in selected[(offset * k)..<(offset * k + counts[offset])] {
          result.listings.append(entry.listing)
          result.learnerUtility.append(entry.learnerUtility)
          result.employerUtility.append(entry.employerUtility)
        }
        result.offsets.append(result.listings.count)
      }
      progress?(range.upperBound)
    }
    return result
  }

  /// Fills `selected[offset*k ..< offset*k + counts[offset]]` for each
  /// learner of the block, in parallel over learners.
  private func selectTopK(
    range: Range<Int>,
    k: Int,
    products: [Float],
    selected: inout [SelectedEntry],
    counts: inout [Int],
    eligible: inout [Int32],
    latent: [Float]
  ) {
    products.withUnsafeBufferPointer { products in
      selected.withUnsafeMutableBufferPointer { selected in
        counts.withUnsafeMutableBufferPointer { counts in
          eligible.withUnsafeMutableBufferPointer { eligible in
            latent.withUnsafeBufferPointer { latent in
              let work = BlockWork(
                products: products, selected: selected, counts: counts,
                eligible: eligible, latent: latent,
                latentStride: latent.count / max(1, latentParts.count))
              DispatchQueue.concurrentPerform(iterations: range.count) {
                offset in
                selectRow(
                  learner: range.lowerBound + offset, offset: offset, k: k,
                  work: work)
              }
            }
          }
        }
      }
    }
  }

  /// Selects learner `i`'s top K in two passes. GEMM values carry float
  /// noise that depends on the block shape, so they only shortlist: every
  /// listing within `shortlistSlack` of the K-th GEMM value is rescored
  /// exactly by `PairScorer`, and the exact values decide. Results are then
  /// the same for any block size, thread count or BLAS provider.
  private func selectRow(learner i: Int, offset: Int, k: Int, work: BlockWork)
  {
    let m = scorer.market.listings.count
    let row = offset * 2 * m
    let wLocL = options.learnerWeights.normalized(.location)
    let wStatedL = options.learnerWeights.normalized(.stated)
    var stated: [Int32: Float] = [:]
    let statedList = scorer.market.learnerStated[i]
    for (r, j) in statedList.enumerated() {
      stated[j] = 1 - Float(r) / Float(statedList.count)
    }

    // Pass 1: approximate learner utility of every eligible listing.
    var approximate = [Float](repeating: -.infinity, count: m)
    var eligibleCount: Int32 = 0
    var shortlist = TopKHeap(capacity: k)
    for j in 0..<m where scorer.eligibility.isEligible(i, j) {
      eligibleCount += 1
      var u = work.products[row + j]
      u += wLocL * scorer.eligibility.locationScore(
        i, j, scaleKm: options.distanceScaleKm)
      if let s = stated[Int32(j)] { u += wStatedL * s }
      for (p, part) in latentParts.enumerated() {
        let cosine = work.latent[p * work.latentStride + offset * m + j]
        u += part.weight * clampedUnit(cosine)
      }
      approximate[j] = u
      shortlist.offer(
        SelectedEntry(listing: Int32(j), learnerUtility: u, lottery: 0))
    }
    work.eligible[i] = eligibleCount

    // Pass 2: exact scores for everything that could be in the top K.
    let floor = max(
      Float(options.minScore),
      shortlist.items.count == k ? shortlist.items[0].learnerUtility : 0)
      - Self.shortlistSlack
    let levels = scorer.skillLevels(of: i)
    var best = TopKHeap(capacity: k)
    for j in 0..<m where approximate[j] >= floor {
      let scores = scorer.scores(i, j, levels: levels)
      let u = quantized(
        scores.utility(options.learnerWeights, employerView: false))
      guard u >= Float(options.minScore) else { continue }
      best.offer(
        SelectedEntry(
          listing: Int32(j), learnerUtility: u,
          employerUtility: quantized(
            scores.utility(options.employerWeights, employerView: true)),
          lottery: options.tieBreaker.learnerSide(learner: i, listing: j)))
    }
    let sorted = best.sortedBestFirst()
    for (r, entry) in sorted.enumerated() {
      work.selected[offset * k + r] = entry
    }
    work.counts[offset] = sorted.count
  }

  /// Far above single-precision GEMM error on sums of unit-bounded terms.
  static let shortlistSlack: Float = 1e-4
}

/// Shared buffers of one block; each learner writes only its own slots.
private struct BlockWork: @unchecked Sendable {
  let products: UnsafeBufferPointer<Float>
  let selected: UnsafeMutableBufferPointer<SelectedEntry>
  let counts: UnsafeMutableBufferPointer<Int>
  let eligible: UnsafeMutableBufferPointer<Int32>
  /// Latent cosines, part `p` of learner offset `o` at
  /// `p * latentStride + o * m`.
  let latent: UnsafeBufferPointer<Float>
  let latentStride: Int
}

/// One kept candidate.
struct SelectedEntry: Sendable {
  var listing: Int32 = -1
  var learnerUtility: Float = 0
  var employerUtility: Float = 0
  var lottery: UInt64 = 0

  /// True when `self` ranks above `other` in the learner's list.
  func isBetter(than other: SelectedEntry) -> Bool {
    if learnerUtility != other.learnerUtility {
      return learnerUtility > other.learnerUtility
    }
    if lottery != other.lottery { return lottery < other.lottery }
    return listing < other.listing
  }
}

/// A bounded min-heap keeping the K best entries seen.
struct TopKHeap {
  let capacity: Int
  private(set) var items: [SelectedEntry] = []

  init(capacity: Int) {
    self.capacity = capacity
    items.reserveCapacity(capacity)
  }

  mutating func offer(_ entry: SelectedEntry) {
    guard capacity > 0 else { return }
    if items.count < capacity {
      items.append(entry)
      siftUp(items.count - 1)
    } else if entry.isBetter(than: items[0]) {
      items[0] = entry
      siftDown(0)
    }
  }

  func sortedBestFirst() -> [SelectedEntry] {
    items.sorted { $0.isBetter(than: $1) }
  }

  // The root holds the worst kept entry.
  private mutating func siftUp(_ start: Int) {
    var child = start
    while child > 0 {
      let parent = (child - 1) / 2
      guard items[parent].isBetter(than: items[child]) else { return }
      items.swapAt(parent, child)
      child = parent
    }
  }

  private mutating func siftDown(_ start: Int) {
    var parent = start
    while true {
      var worst = parent
      for child in [2 * parent + 1, 2 * parent + 2]
      where child < items.count && items[worst].isBetter(than: items[child]) {
        worst = child
      }
      if worst == parent { return }
      items.swapAt(parent, worst)
      parent = worst
    }
  }
}
