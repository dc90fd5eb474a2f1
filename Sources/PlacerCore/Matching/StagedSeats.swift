// The listings' choice rule kept incrementally: one bounded max-heap of
// listing ranks per seat stage, so the worst holder is found in O(1).

/// Every listing's currently chosen learners, split by seat stage.
///
/// A heap key is a `SeatKey`: the listing's rank of a learner (smaller is
/// better) in the high half and the learner in the low half, so keys order
/// by rank and an evicted learner is known without another lookup. Because
/// the choice rule is substitutable and path independent, choosing from
/// "held ∪ {newcomer}" after every arrival gives the same set as choosing
/// once from everyone who ever arrived.
///
/// State is packed per listing, with a copy of the pool's worst key, so a
/// proposal that a full listing without reserves turns away (most of them,
/// in a large market) reads one cache line.
struct StagedSeats {
  /// A listing's seats: its pool heap inline, reserve stages by range.
  struct ListingSeats {
    var seatsLeft: Int32
    var held: Int32
    var poolBase: Int32
    var poolSize: Int32
    var reserveStages: Range<Int32>
    /// `keys[poolBase]` while the pool is not empty.
    var poolTop: SeatKey
  }

  /// One reserve-or-open stage before the pool.
  struct Stage {
    var base: Int32
    var size: Int32
    var seats: Int32
    /// The group it admits, or `SeatPlan.anyGroup`.
    var group: Int32
  }

  let learnerGroup: [Int32]
  var listings: [ListingSeats]
  var stages: [Stage]
  /// Max-heaps of seat keys, one segment per stage and per pool.
  var keys: [SeatKey]

  init(profile: PreferenceProfile, plan: SeatPlan) {
    learnerGroup = plan.learnerGroup
    let listingOffsets = profile.listingOffsets
    listings = []
    listings.reserveCapacity(profile.listingCount)
    stages = []

    // A heap never holds more learners than its listing's list has.
    var total = 0
    for j in 0..<profile.listingCount {
      let listLength = listingOffsets[j + 1] - listingOffsets[j]
      let planned = plan.stages(of: j)
      let first = Int32(stages.count)
      for s in planned.dropLast() {
        stages.append(
          Stage(
            base: Int32(total), size: 0,
            seats: Int32(min(plan.stageSeats[s], Int(Int32.max))),
            group: plan.stageGroup[s]))
        total += min(plan.stageSeats[s], listLength)
      }
      let seatsLeft = min(plan.seatsLeft[j], Int(Int32.max))
      listings.append(
        ListingSeats(
          seatsLeft: Int32(seatsLeft), held: 0, poolBase: Int32(total),
          poolSize: 0, reserveStages: first..<Int32(stages.count),
          poolTop: -1))
      total += min(seatsLeft, listLength)
    }
    precondition(total < Int(Int32.max), "StagedSeats: too many seats")
    keys = [SeatKey](repeating: 0, count: total)
  }

  /// Runs `body` with unchecked access to the heaps (see `SeatHeaps`).
  mutating func withHeaps<R>(_ body: (SeatHeaps) -> R) -> R {
    let group = learnerGroup
    return listings.withUnsafeMutableBufferPointer { listings in
      stages.withUnsafeMutableBufferPointer { stages in
        keys.withUnsafeMutableBufferPointer { keys in
          group.withUnsafeBufferPointer { group in
            body(
              SeatHeaps(
                listings: listings, stages: stages, keys: keys,
                learnerGroup: group))
          }
        }
      }
    }
  }

  /// Seats at `j` held through a group's reserve stage.
  func reserveStageCount(at j: Int) -> Int {
    let range = listings[j].reserveStages
    return (Int(range.lowerBound)..<Int(range.upperBound)).reduce(0) {
      stages[$1].group == SeatPlan.anyGroup ? $0 : $0 + Int(stages[$1].size)
    }
  }

  /// The learners listing `j` holds, in no particular order.
  func heldLearners(at j: Int) -> [Int] {
    let listing = listings[j]
    var segments = [(listing.poolBase, listing.poolSize)]
    for s in listing.reserveStages {
      segments.append((stages[Int(s)].base, stages[Int(s)].size))
    }
    return segments.flatMap { base, size in
      (Int(base)..<Int(base + size)).map { keys[$0].learner }
    }
  }
}

/// Unchecked views of `StagedSeats`, valid only inside `withHeaps`.
///
/// The deferred-acceptance loop calls `admit` once per proposal; through
/// arrays each call paid uniqueness and bounds checks on five of them,
/// which was most of its cost.
struct SeatHeaps {
  let listings: UnsafeMutableBufferPointer<StagedSeats.ListingSeats>
  let stages: UnsafeMutableBufferPointer<StagedSeats.Stage>
  let keys: UnsafeMutableBufferPointer<SeatKey>
  let learnerGroup: UnsafeBufferPointer<Int32>

  /// Offers listing `j` the learner with `key` and returns the key of the
  /// learner it turns away, or -1 when it keeps everyone. The newcomer may
  /// be the one turned away.
  ///
  /// - Complexity: O(stages of j · log seats).
  func admit(_ key: SeatKey, at j: Int) -> SeatKey {
    var listing = listings[j]
    let isFull = listing.held >= listing.seatsLeft
    if isFull && listing.reserveStages.isEmpty
      && (listing.poolSize == 0 || listing.poolTop < key)
    {
      return key
    }
    listing.held += 1
    let isOver = listing.held > listing.seatsLeft
    var carry = key

    // Pass the newcomer through the reserve stages; a better arrival
    // displaces a stage's worst holder, which moves on in its place.
    for s in listing.reserveStages {
      var stage = stages[Int(s)]
      guard
        stage.group == SeatPlan.anyGroup
          || stage.group == learnerGroup[carry.learner]
      else { continue }
      if stage.size < stage.seats {
        push(carry, base: Int(stage.base), size: &stage.size)
        stages[Int(s)] = stage
        carry = -1
        break
      }
      if keys[Int(stage.base)] > carry {
        carry = replaceTop(with: carry, base: Int(stage.base), size: stage.size)
      }
    }

    // Whoever is left goes to the pool; an over-full listing drops the
    // pool's worst, which is never a reserve-stage holder.
    let pool = Int(listing.poolBase)
    var rejected: SeatKey = -1
    if carry < 0 {
      if isOver { rejected = popTop(base: pool, size: &listing.poolSize) }
    } else if !isOver {
      push(carry, base: pool, size: &listing.poolSize)
    } else if listing.poolSize > 0 && listing.poolTop > carry {
      rejected = replaceTop(with: carry, base: pool, size: listing.poolSize)
    } else {
      rejected = carry
    }
    if rejected >= 0 { listing.held -= 1 }
    listing.poolTop = listing.poolSize > 0 ? keys[pool] : -1
    listings[j] = listing
    return rejected
  }

  /// The rank below which a newcomer of `group` would be chosen at `j`
  /// (`Int32.max` when any acceptable newcomer would be).
  func admissionBound(at j: Int, group: Int32) -> Int32 {
    let listing = listings[j]
    if listing.held < listing.seatsLeft { return Int32.max }
    var bound: Int32 = -1
    for s in listing.reserveStages {
      let stage = stages[Int(s)]
      guard stage.group == SeatPlan.anyGroup || stage.group == group
      else { continue }
      if stage.size < stage.seats { return Int32.max }
      bound = max(bound, keys[Int(stage.base)].rank)
    }
    if listing.poolSize > 0 { bound = max(bound, listing.poolTop.rank) }
    return bound
  }

  // MARK: Heap primitives on one segment of `keys`

  private func push(_ key: SeatKey, base: Int, size: inout Int32) {
    var child = Int(size)
    size += 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard keys[base + parent] < key else { break }
      keys[base + child] = keys[base + parent]
      child = parent
    }
    keys[base + child] = key
  }

  private func popTop(base: Int, size: inout Int32) -> SeatKey {
    let top = keys[base]
    size -= 1
    if size > 0 {
      _ = replaceTop(with: keys[base + Int(size)], base: base, size: size)
    }
    return top
  }

  /// Puts `key` at the root, restores the heap order, returns the old root.
  private func replaceTop(
    with key: SeatKey, base: Int, size: Int32
  ) -> SeatKey {
    let top = keys[base]
    let count = Int(size)
    var hole = 0
    while true {
      var child = 2 * hole + 1
      guard child < count else { break }
      if child + 1 < count && keys[base + child + 1] > keys[base + child] {
        child += 1
      }
      guard keys[base + child] > key else { break }
      keys[base + hole] = keys[base + child]
      hole = child
    }
    keys[base + hole] = key
    return top
  }
}

/// A listing's rank of a learner (high half) and the learner (low half).
typealias SeatKey = Int64

extension SeatKey {
  init(rank: Int32, learner: Int) {
    self = Int64(rank) << 32 | Int64(learner)
  }

  var rank: Int32 { Int32(truncatingIfNeeded: self >> 32) }
  var learner: Int { Int(self & 0xFFFF_FFFF) }
}
