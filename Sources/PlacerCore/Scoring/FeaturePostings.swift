// The listing side of the linear score components, stored by feature: for
// each feature column, the listing positions that hold it.

/// Listing features of one view in compressed sparse column form over
/// listing positions (class order): feature `f` is held by the positions
/// `positions[starts[f] ..< starts[f + 1]]`, ascending, with `values`.
///
/// This is the transpose of the listings' sparse feature rows; memory is
/// the number of non-zero entries, whatever the vocabulary or skill count.
struct FeaturePostings: Sendable {
  let features: Int
  let starts: [Int]
  let positions: [Int32]
  let values: [Float]

  /// The postings of `rows[p]`, the sparse feature row of the listing at
  /// position `p`, each with ascending distinct columns below `features`.
  init(features: Int, rows: [[(column: Int32, value: Float)]]) {
    self.features = features
    var counts = [Int](repeating: 0, count: features + 1)
    for row in rows {
      for entry in row { counts[Int(entry.column) + 1] += 1 }
    }
    for f in 0..<features { counts[f + 1] += counts[f] }
    var next = counts
    var positions = [Int32](repeating: 0, count: counts[features])
    var values = [Float](repeating: 0, count: counts[features])
    // Positions are visited in order, so every posting list ascends.
    for (p, row) in rows.enumerated() {
      for entry in row {
        let f = Int(entry.column)
        positions[next[f]] = Int32(p)
        values[next[f]] = entry.value
        next[f] += 1
      }
    }
    starts = counts
    self.positions = positions
    self.values = values
  }

  /// Stored entries.
  var nonzeroCount: Int { positions.count }
}

/// The postings of a block's feasible listing positions, each renamed to
/// its column in the block's products; built feature by feature, only for
/// the features the block's learners hold.
struct RestrictedPostings {
  /// Per feature: the block serial its range below was built for.
  private var built: [Int32] = []
  private var lower: [Int32] = []
  private var upper: [Int32] = []
  private(set) var columns: [Int32] = []
  private(set) var values: [Float] = []
  private var serial: Int32 = 0

  /// Forgets every range; the next `range` calls build for `runs`.
  mutating func startBlock(features: Int) {
    if built.count != features {
      built = Array(repeating: -1, count: features)
      lower = Array(repeating: 0, count: features)
      upper = Array(repeating: 0, count: features)
      serial = 0
    } else {
      serial &+= 1
      if serial == Int32.max {
        for f in built.indices { built[f] = -1 }
        serial = 0
      }
    }
    columns.removeAll(keepingCapacity: true)
    values.removeAll(keepingCapacity: true)
  }

  /// Indices into `columns` and `values` of feature `f`'s postings that
  /// fall in `runs` (ascending, disjoint position ranges, each with the
  /// product column of its first position).
  @inline(__always)
  mutating func range(
    _ f: Int,
    of postings: FeaturePostings,
    runs: [(positions: Range<Int>, column: Int)]
  ) -> Range<Int> {
    if built[f] != serial {
      built[f] = serial
      lower[f] = Int32(columns.count)
      restrict(f, postings, runs)
      upper[f] = Int32(columns.count)
    }
    return Int(lower[f])..<Int(upper[f])
  }

  /// A merge of the posting list with the runs, each side skipping ahead
  /// by binary search, so a long list meeting few runs (or the reverse)
  /// costs little more than what it keeps.
  private mutating func restrict(
    _ f: Int,
    _ postings: FeaturePostings,
    _ runs: [(positions: Range<Int>, column: Int)]
  ) {
    var c = postings.starts[f]
    let end = postings.starts[f + 1]
    var k = 0
    while c < end && k < runs.count {
      let p = Int(postings.positions[c])
      let run = runs[k].positions
      if p < run.lowerBound {
        c = Self.firstPosting(atLeast: run.lowerBound, postings, c + 1, end)
      } else if p >= run.upperBound {
        k = Self.firstRun(endingAfter: p, runs, k + 1)
      } else {
        columns.append(Int32(runs[k].column + p - run.lowerBound))
        values.append(postings.values[c])
        c += 1
      }
    }
  }

  private static func firstPosting(
    atLeast position: Int,
    _ postings: FeaturePostings,
    _ from: Int,
    _ end: Int
  ) -> Int {
    var low = from
    var high = end
    while low < high {
      let mid = (low + high) / 2
      if Int(postings.positions[mid]) < position { low = mid + 1 } else {
        high = mid
      }
    }
    return low
  }

  private static func firstRun(
    endingAfter position: Int,
    _ runs: [(positions: Range<Int>, column: Int)],
    _ from: Int
  ) -> Int {
    var low = from
    var high = runs.count
    while low < high {
      let mid = (low + high) / 2
      if runs[mid].positions.upperBound <= position { low = mid + 1 } else {
        high = mid
      }
    }
    return low
  }
}
