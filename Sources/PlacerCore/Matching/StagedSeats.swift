// The listings' choice rule kept incrementally: one bounded max-heap of
// listing ranks per seat stage, so the worst holder is found in O(1).

/// Every listing's currently chosen learners, split by seat stage.
///
/// Keys are the listing's ranks of its learners (smaller is better); the
/// learner is `profile.listingLearners[listingOffsets[j] + rank]`. Because
/// the choice rule is substitutable and path independent, choosing from
/// "held ∪ {newcomer}" after every arrival gives the same set as choosing
/// once from everyone who ever arrived.
struct StagedSeats {
  let plan: SeatPlan
  let listingOffsets: [Int]
  let listingLearners: [Int32]
  /// Per stage, where its heap lives in `keys`.
  var heapBase: [Int]
  /// Per stage, how many keys its heap holds.
  var heapSize: [Int32]
  /// Max-heaps of listing ranks, one segment per stage.
  var keys: [Int32]
  /// Per listing, learners held across all stages (pins excluded).
  var held: [Int]

  init(profile: PreferenceProfile, plan: SeatPlan) {
    self.plan = plan
    listingOffsets = profile.listingOffsets
    listingLearners = profile.listingLearners
    let m = profile.listingCount

    // A stage never holds more learners than its listing's list has.
    var base = [Int](repeating: 0, count: plan.stageSeats.count)
    var total = 0
    for j in 0..<m {
      let listLength = listingOffsets[j + 1] - listingOffsets[j]
      for s in plan.stages(of: j) {
        base[s] = total
        total += min(plan.stageSeats[s], listLength)
      }
    }
    heapBase = base
    heapSize = [Int32](repeating: 0, count: base.count)
    keys = [Int32](repeating: 0, count: total)
    held = [Int](repeating: 0, count: m)
  }

  /// Offers listing `j` the learner it ranks `rank` (group `group`) and
  /// returns the rank of the learner it turns away, or -1 when it keeps
  /// everyone. The newcomer may be the one turned away.
  ///
  /// - Complexity: O(stages of j · log seats).
  mutating func admit(rank: Int32, group: Int32, at j: Int) -> Int32 {
    let stages = plan.stages(of: j)
    let pool = stages.upperBound - 1
    held[j] += 1
    let isOver = held[j] > plan.seatsLeft[j]
    var carry = rank
    var carryGroup = group

    // Pass the newcomer through the reserve stages; a better arrival
    // displaces a stage's worst holder, which moves on in its place.
    for s in stages.lowerBound..<pool {
      let admits = plan.stageGroup[s]
      guard admits == SeatPlan.anyGroup || admits == carryGroup else {
        continue
      }
      if Int(heapSize[s]) < plan.stageSeats[s] {
        push(carry, into: s)
        carry = -1
        break
      }
      if keys[heapBase[s]] > carry {
        carry = replaceTop(of: s, with: carry)
        carryGroup = plan.learnerGroup[learner(rank: carry, at: j)]
      }
    }

    // Whoever is left goes to the pool; an over-full listing drops the
    // pool's worst, which is never a reserve-stage holder.
    var rejected: Int32 = -1
    if carry < 0 {
      if isOver { rejected = popTop(of: pool) }
    } else if !isOver {
      push(carry, into: pool)
    } else if heapSize[pool] > 0 && keys[heapBase[pool]] > carry {
      rejected = replaceTop(of: pool, with: carry)
    } else {
      rejected = carry
    }
    if rejected >= 0 { held[j] -= 1 }
    return rejected
  }

  /// The rank below which a newcomer of `group` would be chosen at `j`
  /// (`Int32.max` when any acceptable newcomer would be).
  func admissionBound(at j: Int, group: Int32) -> Int32 {
    if held[j] < plan.seatsLeft[j] { return Int32.max }
    var bound: Int32 = -1
    for s in plan.stages(of: j) {
      let admits = plan.stageGroup[s]
      guard admits == SeatPlan.anyGroup || admits == group else { continue }
      let isPool = s == plan.stageOffsets[j + 1] - 1
      if !isPool && Int(heapSize[s]) < plan.stageSeats[s] {
        return Int32.max
      }
      if heapSize[s] > 0 { bound = max(bound, keys[heapBase[s]]) }
    }
    return bound
  }

  /// Seats at `j` held through a group's reserve stage.
  func reserveStageCount(at j: Int) -> Int {
    plan.stages(of: j).reduce(0) { sum, s in
      plan.stageGroup[s] == SeatPlan.anyGroup ? sum : sum + Int(heapSize[s])
    }
  }

  /// The learner listing `j` ranks `rank`.
  func learner(rank: Int32, at j: Int) -> Int {
    Int(listingLearners[listingOffsets[j] + Int(rank)])
  }

  // MARK: Heap primitives on one stage's segment

  private mutating func push(_ key: Int32, into s: Int) {
    let base = heapBase[s]
    var child = Int(heapSize[s])
    heapSize[s] += 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard keys[base + parent] < key else { break }
      keys[base + child] = keys[base + parent]
      child = parent
    }
    keys[base + child] = key
  }

  private mutating func popTop(of s: Int) -> Int32 {
    let base = heapBase[s]
    let top = keys[base]
    heapSize[s] -= 1
    let last = keys[base + Int(heapSize[s])]
    if heapSize[s] > 0 { siftDown(last, in: s) }
    return top
  }

  private mutating func replaceTop(of s: Int, with key: Int32) -> Int32 {
    let top = keys[heapBase[s]]
    siftDown(key, in: s)
    return top
  }

  /// Places `key` at the root of stage `s` and restores the heap order.
  private mutating func siftDown(_ key: Int32, in s: Int) {
    let base = heapBase[s]
    let size = Int(heapSize[s])
    var hole = 0
    while true {
      var child = 2 * hole + 1
      guard child < size else { break }
      if child + 1 < size && keys[base + child + 1] > keys[base + child] {
        child += 1
      }
      guard keys[base + child] > key else { break }
      keys[base + hole] = keys[base + child]
      hole = child
    }
    keys[base + hole] = key
  }
}
