// One learner's top K from a block's products: shortlist, then exact
// rescoring.

extension CandidateScorer {
  /// Learner `i`'s candidates, best first, and its eligible-listing count.
  ///
  /// Product values carry float noise that depends on the block shape
  /// (GEMM) and summation order, so they only shortlist. Pass 1 forms each
  /// eligible pair's approximate utility and keeps those that can still
  /// reach the K-th best minus `shortlistSlack`; a pair whose bound
  /// (product plus the class's location term, or its largest when it
  /// decays with distance, plus the largest stated term) is already below
  /// that line is never
  /// completed, which changes nothing, since it would fall below the final
  /// line too and cannot move the K-th value. Pass 2 rescores the
  /// shortlist exactly with `PairScorer`, and the exact values decide.
  /// Results are therefore the same for any block size, thread count or
  /// BLAS provider.
  func selectRow(
    learner i: Int,
    row r: Int,
    plan: BlockPlan,
    products: UnsafeBufferPointer<Float>
  ) -> ([CandidateEntry], Int32) {
    let eligibility = scorer.eligibility
    let tables = scorer.tables
    let classes = listingClasses.classes
    let order = listingClasses.order
    let k = max(0, min(options.topK, scorer.market.listings.count))
    let learnerView = WeightVector(options.learnerWeights)
    let employerView = WeightVector(options.employerWeights)
    let minScore = Float(options.minScore)
    let wLocation = options.learnerWeights.normalized(.location)
    let wStated = options.learnerWeights.normalized(.stated)
    let hasStated = !tables.learnerStated.range(i).isEmpty
    let statedBonus = (hasStated ? wStated : 0) + 1e-6
    let baseLine = max(minScore, 0) - Self.shortlistSlack

    // Pass 1: approximate utilities of eligible pairs that may qualify.
    var eligible: Int32 = 0
    var shortlist = Shortlist(capacity: k, baseLine: baseLine)
    for piece in plan.pieces {
      let listingClass = classes[piece.classIndex]
      guard eligibility.mayMatch(i, listingClass, in: listingClasses) else {
        continue
      }
      let count = listingClass.positions.count
      let whole = eligibility.admitsWholeClass(i, listingClass)
      if whole {
        eligible += Int32(count)
        if k == 0 { continue }
      }
      // Location is one value for the whole class unless it decays with
      // distance; the bound then takes its largest value.
      let location = eligibility.classLocation(i, listingClass)
      let bonus = wLocation * (location ?? 1) + statedBonus
      let start = r * plan.width + piece.column
      let first = listingClass.positions.lowerBound
      for q in 0..<count {
        let p = first + q
        if !whole {
          guard
            listingClasses.admits(
              eligibility, i, position: p, listing: Int(order[p]),
              in: listingClass)
          else { continue }
          eligible += 1
          if k == 0 { continue }
        }
        var u = products[start + q]
        if u + bonus < shortlist.line { continue }
        let j = order[p]
        u +=
          wLocation
          * (location
            ?? listingClasses.locationScore(
              eligibility, i, position: p, in: listingClass,
              scaleKm: options.distanceScaleKm))
        if hasStated, let s = tables.learnerStated.statedRank(i, j) {
          u += wStated * s
        }
        shortlist.offer(j, u)
      }
    }
    guard k > 0 else { return ([], eligible) }

    // Pass 2: exact scores for everything that could be in the top K.
    let floor = max(minScore, shortlist.kthBest ?? 0) - Self.shortlistSlack
    var best = TopKHeap(capacity: k)
    let related = learnerView.relatedSkills != 0 || employerView.relatedSkills != 0
    for (j, approximate) in shortlist.entries where approximate >= floor {
      let scores = scorer.scores(i, Int(j), relatedSkills: related)
      let u = quantized(learnerView.utility(scores, stated: scores.stated))
      guard u >= minScore else { continue }
      best.offer(
        SelectedEntry(
          listing: j, learnerUtility: u,
          employerUtility: quantized(
            employerView.utility(scores, stated: scores.listingStated)),
          lottery: options.tieBreaker.learnerSide(learner: i, listing: Int(j))))
    }
    let entries = best.sortedBestFirst().map {
      CandidateEntry(
        listing: $0.listing, learnerUtility: $0.learnerUtility,
        employerUtility: $0.employerUtility)
    }
    return (entries, eligible)
  }
}

/// Pass 1 of `selectRow`: approximate utilities offered one by one, the
/// K-th best so far, and every offer that may still reach it.
struct Shortlist {
  /// The K best approximate utilities so far.
  private var best: FloatTopK
  let baseLine: Float
  /// Offers below this can no longer reach the K-th best minus the
  /// slack.
  private(set) var line: Float
  private(set) var entries: [(listing: Int32, utility: Float)] = []

  init(capacity: Int, baseLine: Float) {
    best = FloatTopK(capacity: capacity)
    self.baseLine = baseLine
    line = baseLine
  }

  /// The K-th best approximate utility, once K were offered.
  var kthBest: Float? { best.isFull ? best.smallest : nil }

  @inline(__always)
  mutating func offer(_ listing: Int32, _ utility: Float) {
    best.offer(utility)
    entries.append((listing, utility))
    if best.isFull {
      line = max(baseLine, best.smallest - CandidateScorer.shortlistSlack)
    }
    if entries.count >= 4 * best.capacity + 64 {
      let line = line
      entries.removeAll { $0.utility < line }
    }
  }
}

/// The K largest values offered (a bounded min-heap of floats).
struct FloatTopK {
  let capacity: Int
  private var items: [Float] = []

  init(capacity: Int) {
    self.capacity = capacity
    items.reserveCapacity(capacity)
  }

  var isFull: Bool { capacity > 0 && items.count == capacity }

  /// The smallest value kept; only when not empty.
  var smallest: Float { items[0] }

  @inline(__always)
  mutating func offer(_ x: Float) {
    guard capacity > 0 else { return }
    if items.count < capacity {
      items.append(x)
      var child = items.count - 1
      while child > 0 {
        let parent = (child - 1) / 2
        guard items[child] < items[parent] else { return }
        items.swapAt(parent, child)
        child = parent
      }
      return
    }
    guard x > items[0] else { return }
    items[0] = x
    var parent = 0
    while true {
      var least = parent
      let left = 2 * parent + 1
      if left < capacity && items[left] < items[least] { least = left }
      if left + 1 < capacity && items[left + 1] < items[least] {
        least = left + 1
      }
      if least == parent { return }
      items.swapAt(parent, least)
      parent = least
    }
  }
}

/// A view's normalized weights, read once: `utility` is
/// `PairScores.utility` with the same operations in the same order, so the
/// values are bit-identical.
struct WeightVector {
  let skills, preferredSkills, goals, sectors, location, stated: Float
  let relatedSkills: Float

  init(_ weights: ScoreWeights) {
    skills = weights.normalized(.skills)
    preferredSkills = weights.normalized(.preferredSkills)
    goals = weights.normalized(.goals)
    sectors = weights.normalized(.sectors)
    location = weights.normalized(.location)
    stated = weights.normalized(.stated)
    relatedSkills = weights.normalized(.relatedSkills)
  }

  @inline(__always)
  func utility(_ s: PairScores, stated statedValue: Float) -> Float {
    var sum = skills * s.skills
    sum += preferredSkills * s.preferredSkills
    sum += goals * s.goals
    sum += sectors * s.sectors
    sum += location * s.location
    sum += stated * statedValue
    sum += relatedSkills * s.relatedSkills
    return sum
  }
}

/// One kept candidate with its lottery number.
struct SelectedEntry: Sendable {
  var listing: Int32 = -1
  var learnerUtility: Float = 0
  var employerUtility: Float = 0
  var lottery: UInt64 = 0

  /// True when `self` ranks above `other` in the learner's list.
  @inline(__always)
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

  var isFull: Bool { capacity > 0 && items.count == capacity }

  /// The worst kept entry; only when not empty.
  var worst: SelectedEntry { items[0] }

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
      let left = 2 * parent + 1
      let right = left + 1
      if left < items.count && items[worst].isBetter(than: items[left]) {
        worst = left
      }
      if right < items.count && items[worst].isBetter(than: items[right]) {
        worst = right
      }
      if worst == parent { return }
      items.swapAt(parent, worst)
      parent = worst
    }
  }
}
