// Maximum-weight many-to-one assignment by successive shortest paths.

/// The matching that maximizes the total weight of its matched pairs.
///
/// Each learner takes at most one listing, each listing at most its
/// capacity, only mutually acceptable pairs are used, and leaving a learner
/// unmatched is allowed (it adds 0). Stability is not considered.
///
/// The problem is a min-cost flow on the sparse graph source → learner →
/// listing → sink, with cost -weight on each acceptable pair and the
/// listing's seats on its sink arc, plus an arc of cost 0 from each learner
/// straight to the sink for "unmatched". Learners are added one at a time
/// and each is routed along a shortest augmenting path found by Dijkstra's
/// algorithm on reduced costs with node potentials, stopping the search as
/// soon as the sink is settled; this is the successive shortest path method
/// of Ahuja, Magnanti & Orlin (1993), *Network Flows: Theory, Algorithms,
/// and Applications*, Prentice Hall, §9.7, with the potential update of
/// Jonker & Volgenant (1987), "A shortest augmenting path algorithm for
/// dense and sparse linear assignment problems", Computing 38(4):325–340.
/// No seat copies are made: a listing node carries its load.
///
/// Pinned learners are seated first exactly as in `deferredAcceptance`
/// and their seats are unavailable.
///
/// Reserved seats are not applied here: every seat is open to every
/// acceptable learner. `maxWelfareAssignment(_:weights:pinned:reserves:)`
/// honours them.
///
/// - Parameters:
///   - profile: the acceptable pairs and capacities.
///   - weights: one finite weight per learner-list entry, aligned with
///     `profile.learnerList(i)` for i in order (`profile.pairCount` in
///     all), typically learner utility + employer utility. A pair with a
///     negative weight is never matched; one with weight 0 may or may not
///     be.
///   - pinned: per learner, a listing index or -1; `nil` for no pins.
/// - Returns: the matching, with `proposals` and `reservedFilled` all 0.
/// - Precondition: `weights.count == profile.pairCount`, all finite.
/// - Complexity: O(n · (L + (n + m) log(n + m))) in the worst case, L the
///   number of acceptable pairs; the early stop makes typical searches
///   much smaller.
///
/// Arithmetic is in `Double`. Reduced costs are clamped at 0 against
/// rounding, so with fractional weights the total is optimal up to
/// rounding (about 1e-12 relative to the sum of weights); with
/// integer-valued weights whose sums stay below 2^53 it is exact.
public func maxWelfareAssignment(
  _ profile: PreferenceProfile,
  weights: [Double],
  pinned: [Int32]? = nil
) -> MatchingResult {
  precondition(
    weights.count == profile.pairCount,
    "maxWelfareAssignment: \(weights.count) weights for "
      + "\(profile.pairCount) pairs")
  precondition(
    weights.allSatisfy { $0.isFinite },
    "maxWelfareAssignment: non-finite weight")
  let plan = SeatPlan(profile: profile, pinned: pinned, reserves: nil)
  var flow = WelfareFlow(profile: profile, weights: weights, plan: plan)
  for i in 0..<profile.learnerCount where (pinned?[i] ?? -1) < 0 {
    if profile.learnerOffsets[i] < profile.learnerOffsets[i + 1] {
      flow.route(learner: i)
    }
  }

  var listingOf = pinned ?? [Int32](repeating: -1, count: profile.learnerCount)
  for (i, k) in flow.assignedEntry.enumerated() where k >= 0 {
    listingOf[i] = profile.learnerListings[k]
  }
  let matching = Matching(listingOf: listingOf)
  return MatchingResult(
    matching: matching,
    proposals: 0,
    reservedFilled: [Int](repeating: 0, count: profile.listingCount),
    filled: matching.filledSeats(listingCount: profile.listingCount),
    pinOverflow: plan.pinOverflow)
}

/// The total weight of the matched pairs of `matching`.
///
/// Pairs that are not mutually acceptable (for example a pinned learner
/// outside its list) add 0; `weights` is aligned as in
/// `maxWelfareAssignment`.
///
/// - Complexity: O(L).
public func totalWelfare(
  _ matching: Matching,
  profile: PreferenceProfile,
  weights: [Double]
) -> Double {
  precondition(
    weights.count == profile.pairCount,
    "totalWelfare: \(weights.count) weights, \(profile.pairCount) pairs")
  var total = 0.0
  for (i, j) in matching.listingOf.enumerated() where j >= 0 {
    if let k = profile.entry(learner: i, listing: Int(j)) {
      total += weights[k]
    }
  }
  return total
}

/// Residual-graph state for `maxWelfareAssignment`.
///
/// Nodes: learners `0..<n`, listings `n..<n+m` and the sink `n+m`.
/// Residual arcs: learner → listing for unused pairs (cost -w), listing →
/// learner for assigned pairs (cost +w), a listing with a free seat →
/// sink (0), and a learner routed so far → sink (0, "drop to unmatched").
struct WelfareFlow {
  let learnerOffsets: [Int]
  let learnerListings: [Int32]
  let weights: [Double]
  let seatsLeft: [Int]
  let n: Int
  let sink: Int

  /// Per learner, the learner-list entry it is assigned through, or -1.
  var assignedEntry: [Int]
  /// Per listing, its assigned learners in `members[memberBase[j]...]`.
  var memberBase: [Int]
  var memberCount: [Int]
  var members: [Int32]
  /// Per learner, its slot in `members` while assigned.
  var slotOf: [Int]
  /// Node potentials keeping every residual reduced cost ≥ 0.
  var potential: [Double]

  // Per search: distances, predecessors, and stamps saying which entries
  // belong to the current search.
  var distance: [Double]
  var predecessor: [Int]
  var predecessorEntry: [Int]
  var reached: [Int]
  var settled: [Int]
  var search = 0
  var touched: [Int] = []
  var queue = DistanceHeap()

  init(profile: PreferenceProfile, weights: [Double], plan: SeatPlan) {
    learnerOffsets = profile.learnerOffsets
    learnerListings = profile.learnerListings
    self.weights = weights
    seatsLeft = plan.seatsLeft
    n = profile.learnerCount
    let m = profile.listingCount
    sink = n + m
    assignedEntry = [Int](repeating: -1, count: n)
    memberBase = [Int](repeating: 0, count: m)
    memberCount = [Int](repeating: 0, count: m)
    var total = 0
    for j in 0..<m {
      memberBase[j] = total
      total += min(seatsLeft[j], profile.listingList(j).count)
    }
    members = [Int32](repeating: 0, count: total)
    slotOf = [Int](repeating: -1, count: n)
    let nodes = n + m + 1
    potential = [Double](repeating: 0, count: nodes)
    distance = [Double](repeating: 0, count: nodes)
    predecessor = [Int](repeating: -1, count: nodes)
    predecessorEntry = [Int](repeating: -1, count: nodes)
    reached = [Int](repeating: -1, count: nodes)
    settled = [Int](repeating: -1, count: nodes)
  }

  /// Adds learner `start` and reroutes along a shortest augmenting path.
  mutating func route(learner start: Int) {
    // A potential for the new node that makes its arcs' reduced costs ≥ 0.
    var p = potential[sink]
    for k in learnerOffsets[start]..<learnerOffsets[start + 1] {
      p = max(p, potential[n + Int(learnerListings[k])] + weights[k])
    }
    potential[start] = p

    let sinkDistance = shortestPathToSink(from: start)

    // Shift potentials of nodes settled before the sink (others keep
    // theirs, which is the same as adding min(d, D) and subtracting D).
    for v in touched where settled[v] == search && distance[v] < sinkDistance {
      potential[v] += distance[v] - sinkDistance
    }
    augment()
  }

  /// Dijkstra from `start` on reduced costs; returns the sink's distance.
  private mutating func shortestPathToSink(from start: Int) -> Double {
    search += 1
    touched.removeAll(keepingCapacity: true)
    queue.removeAll()
    relax(start, from: -1, entry: -1, to: 0)
    while let (d, u) = queue.popMin() {
      guard settled[u] != search, d <= distance[u] else { continue }
      settled[u] = search
      if u == sink { return d }
      if u < n {
        expandLearner(u, at: d, isStart: u == start)
      } else {
        expandListing(u - n, at: d)
      }
    }
    preconditionFailure("maxWelfareAssignment: sink unreachable")
  }

  private mutating func expandLearner(_ u: Int, at d: Double, isStart: Bool) {
    let pu = potential[u]
    for k in learnerOffsets[u]..<learnerOffsets[u + 1]
    where k != assignedEntry[u] {
      let v = n + Int(learnerListings[k])
      relax(
        v, from: u, entry: k, to: d + max(0, pu - weights[k] - potential[v]))
    }
    if isStart || assignedEntry[u] >= 0 {
      relax(sink, from: u, entry: -1, to: d + max(0, pu - potential[sink]))
    }
  }

  private mutating func expandListing(_ j: Int, at d: Double) {
    let v = n + j
    let pv = potential[v]
    if memberCount[j] < seatsLeft[j] {
      relax(sink, from: v, entry: -1, to: d + max(0, pv - potential[sink]))
    }
    for slot in memberBase[j]..<(memberBase[j] + memberCount[j]) {
      let u = Int(members[slot])
      let w = weights[assignedEntry[u]]
      relax(u, from: v, entry: -1, to: d + max(0, w + pv - potential[u]))
    }
  }

  /// Offers node `v` distance `d` via `u` (and learner-list entry `k`
  /// when the arc is learner → listing).
  private mutating func relax(
    _ v: Int, from u: Int, entry k: Int, to d: Double
  ) {
    if reached[v] == search {
      guard d < distance[v], settled[v] != search else { return }
    } else {
      reached[v] = search
      touched.append(v)
    }
    distance[v] = d
    predecessor[v] = u
    predecessorEntry[v] = k
    queue.push(d, v)
  }

  /// Applies the path found by the last search, walking back from the sink
  /// so every listing loses a learner before it gains one.
  private mutating func augment() {
    var v = predecessor[sink]
    if v < n {
      unassign(v)
      v = predecessor[v]
    }
    while v >= 0 {
      let u = predecessor[v]
      unassign(u)
      assign(u, entry: predecessorEntry[v])
      v = predecessor[u]
    }
  }

  private mutating func unassign(_ u: Int) {
    let k = assignedEntry[u]
    guard k >= 0 else { return }
    let j = Int(learnerListings[k])
    memberCount[j] -= 1
    let last = memberBase[j] + memberCount[j]
    let moved = members[last]
    members[slotOf[u]] = moved
    slotOf[Int(moved)] = slotOf[u]
    slotOf[u] = -1
    assignedEntry[u] = -1
  }

  private mutating func assign(_ u: Int, entry k: Int) {
    let j = Int(learnerListings[k])
    let slot = memberBase[j] + memberCount[j]
    memberCount[j] += 1
    members[slot] = Int32(u)
    slotOf[u] = slot
    assignedEntry[u] = k
  }
}

/// A binary min-heap of (distance, node) with lazy deletion by the caller.
struct DistanceHeap {
  private var keys: [Double] = []
  private var nodes: [Int] = []

  mutating func removeAll() {
    keys.removeAll(keepingCapacity: true)
    nodes.removeAll(keepingCapacity: true)
  }

  mutating func push(_ key: Double, _ node: Int) {
    keys.append(key)
    nodes.append(node)
    var child = keys.count - 1
    while child > 0 {
      let parent = (child - 1) / 2
      guard keys[parent] > key else { break }
      keys[child] = keys[parent]
      nodes[child] = nodes[parent]
      child = parent
    }
    keys[child] = key
    nodes[child] = node
  }

  mutating func popMin() -> (Double, Int)? {
    guard let top = keys.first else { return nil }
    let topNode = nodes[0]
    let key = keys.removeLast()
    let node = nodes.removeLast()
    let size = keys.count
    if size > 0 {
      var hole = 0
      while true {
        var child = 2 * hole + 1
        guard child < size else { break }
        if child + 1 < size && keys[child + 1] < keys[child] { child += 1 }
        guard keys[child] < key else { break }
        keys[hole] = keys[child]
        nodes[hole] = nodes[child]
        hole = child
      }
      keys[hole] = key
      nodes[hole] = node
    }
    return (top, topNode)
  }
}
