// Building a PreferenceProfile: joining the two sides' raw lists.
//
// Each pass below touches every entry once, mostly at scattered addresses.
// The loops run on unsafe buffers because, with nested `[[Int32]]` input,
// the optimizer re-checks array uniqueness inside them, which at tens of
// millions of entries cost more than the work itself.

/// Both sides' kept lists in CSR form, with cross ranks.
struct ProfileJoin {
  var learnerOffsets: [Int] = []
  var learnerListings: [Int32] = []
  var rankAtListing: [Int32] = []
  var listingOffsets: [Int] = []
  var listingLearners: [Int32] = []
  var rankAtLearner: [Int32] = []

  /// Per listing, where its raw entries would start if concatenated.
  private var rawOffsets: [Int] = []
  /// Per raw listing entry: first the learner's kept rank of the listing
  /// (-1 when the pair is dropped), later the entry's kept position.
  private var atRawEntry: [Int32] = []

  init(learnerLists: [[Int32]], listingLists: [[Int32]]) {
    let naming = ListingsNaming(listingLists, learnerCount: learnerLists.count)
    rawOffsets = naming.rawOffsets
    keepLearnerEntries(learnerLists, naming: naming)
    keepListingEntries(listingLists)

    // rankAtListing holds raw positions until here; map them to kept ones.
    let offsets = rawOffsets
    let kept = atRawEntry
    learnerListings.withUnsafeBufferPointer { listings in
      rankAtListing.withUnsafeMutableBufferPointer { ranks in
        for k in 0..<ranks.count {
          ranks[k] = kept[offsets[Int(listings[k])] + Int(ranks[k])]
        }
      }
    }
  }

  /// Keeps each learner's mutually acceptable listings in order. Leaves
  /// the listing's raw position in `rankAtListing` and the learner's kept
  /// rank in `atRawEntry`.
  private mutating func keepLearnerEntries(
    _ learnerLists: [[Int32]],
    naming: ListingsNaming
  ) {
    var rawTotal = 0
    for list in learnerLists { rawTotal += list.count }
    precondition(rawTotal < Int(Int32.max), "PreferenceProfile: lists too long")
    let bound = min(rawTotal, naming.named.count)
    var kept = [ListingsNaming.Entry](
      repeating: ListingsNaming.Entry(listing: 0, position: 0), count: bound)
    var atRaw = [Int32](repeating: -1, count: naming.named.count)
    var offsets = [Int](repeating: 0, count: learnerLists.count + 1)
    kept.withUnsafeMutableBufferPointer { kept in
      atRaw.withUnsafeMutableBufferPointer { atRaw in
        Self.keep(
          learnerLists, naming: naming, into: kept, atRawEntry: atRaw,
          offsets: &offsets)
      }
    }
    kept.removeLast(bound - offsets[learnerLists.count])
    learnerOffsets = offsets
    learnerListings = kept.map(\.listing)
    rankAtListing = kept.map(\.position)
    atRawEntry = atRaw
  }

  /// The loop of `keepLearnerEntries`: per learner, marks where each
  /// listing ranks it, then walks its own list against the marks.
  private static func keep(
    _ learnerLists: [[Int32]],
    naming: ListingsNaming,
    into kept: UnsafeMutableBufferPointer<ListingsNaming.Entry>,
    atRawEntry: UnsafeMutableBufferPointer<Int32>,
    offsets: inout [Int]
  ) {
    let m = naming.rawOffsets.count - 1
    // positionAt[j]: where j ranks the current learner (-1: not at all);
    // -2 marks j as already seen in the learner's own list.
    let positionAt = UnsafeMutableBufferPointer<Int32>.allocate(capacity: m)
    positionAt.initialize(repeating: -1)
    defer { positionAt.deallocate() }
    var count = 0
    for (i, list) in learnerLists.enumerated() {
      let named = naming.named[naming.start[i]..<naming.start[i + 1]]
      for entry in named { positionAt[Int(entry.listing)] = entry.position }
      let base = count
      for j in list {
        precondition(
          j >= 0 && Int(j) < m,
          "PreferenceProfile: learner \(i) names listing \(j), out of 0..<\(m)")
        let p = positionAt[Int(j)]
        precondition(
          p != -2, "PreferenceProfile: learner \(i) names listing \(j) twice")
        positionAt[Int(j)] = -2
        guard p >= 0 else { continue }
        atRawEntry[naming.rawOffsets[Int(j)] + Int(p)] = Int32(count - base)
        kept[count] = ListingsNaming.Entry(listing: j, position: p)
        count += 1
      }
      offsets[i + 1] = count
      for j in list { positionAt[Int(j)] = -1 }
      for entry in named { positionAt[Int(entry.listing)] = -1 }
    }
  }

  /// Keeps each listing's acceptable learners in order, recording the
  /// learner's rank of it and rewriting `atRawEntry` to kept positions.
  private mutating func keepListingEntries(_ listingLists: [[Int32]]) {
    let total = learnerListings.count
    var offsets = [Int](repeating: 0, count: listingLists.count + 1)
    var learners = [Int32](repeating: 0, count: total)
    var ranks = [Int32](repeating: 0, count: total)
    var count = 0
    let rawOffsets = rawOffsets
    learners.withUnsafeMutableBufferPointer { learners in
      ranks.withUnsafeMutableBufferPointer { ranks in
        atRawEntry.withUnsafeMutableBufferPointer { atRaw in
          for (j, list) in listingLists.enumerated() {
            let base = count
            let raw = rawOffsets[j]
            for (p, i) in list.enumerated() {
              let rank = atRaw[raw + p]
              guard rank >= 0 else { continue }
              atRaw[raw + p] = Int32(count - base)
              learners[count] = i
              ranks[count] = rank
              count += 1
            }
            offsets[j + 1] = count
          }
        }
      }
    }
    listingOffsets = offsets
    listingLearners = learners
    rankAtLearner = ranks
  }
}

/// The listing lists transposed: for each learner, which listings rank it
/// and at which raw position. Validates the listing lists on the way.
struct ListingsNaming {
  /// Per listing, where its raw entries would start if concatenated.
  var rawOffsets: [Int]
  /// Per learner, its entries in `named` are `start[i]..<start[i + 1]`.
  var start: [Int]
  /// Grouped by learner: a listing naming the learner, and where.
  var named: [Entry]

  /// One (listing, position) pair; packed so a scattered write of it
  /// touches one cache line.
  struct Entry {
    var listing: Int32
    var position: Int32
  }

  init(_ listingLists: [[Int32]], learnerCount n: Int) {
    let m = listingLists.count
    var rawOffsets = [Int](repeating: 0, count: m + 1)
    var start = [Int](repeating: 0, count: n + 1)
    // lastSeen[i] == j + 1 when learner i already appeared in j's list.
    var lastSeen = [Int32](repeating: 0, count: n)
    start.withUnsafeMutableBufferPointer { start in
      lastSeen.withUnsafeMutableBufferPointer { lastSeen in
        for (j, list) in listingLists.enumerated() {
          for i in list {
            precondition(
              i >= 0 && Int(i) < n,
              "PreferenceProfile: listing \(j) names learner \(i), "
                + "out of 0..<\(n)")
            precondition(
              lastSeen[Int(i)] != Int32(j + 1),
              "PreferenceProfile: listing \(j) names learner \(i) twice")
            lastSeen[Int(i)] = Int32(j + 1)
            start[Int(i) + 1] += 1
          }
          rawOffsets[j + 1] = rawOffsets[j] + list.count
        }
        for i in 0..<n { start[i + 1] += start[i] }
      }
    }
    precondition(
      rawOffsets[m] < Int(Int32.max), "PreferenceProfile: lists too long")

    var fill = start
    var named = [Entry](
      repeating: Entry(listing: 0, position: 0), count: rawOffsets[m])
    fill.withUnsafeMutableBufferPointer { fill in
      named.withUnsafeMutableBufferPointer { named in
        for (j, list) in listingLists.enumerated() {
          for (p, i) in list.enumerated() {
            let slot = fill[Int(i)]
            named[slot] = Entry(listing: Int32(j), position: Int32(p))
            fill[Int(i)] = slot + 1
          }
        }
      }
    }
    self.rawOffsets = rawOffsets
    self.start = start
    self.named = named
  }

  /// Runs `body` on read-only views of `start` and `named`.
  func withBuffers<R>(
    _ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Entry>) -> R
  ) -> R {
    start.withUnsafeBufferPointer { start in
      named.withUnsafeBufferPointer { named in body(start, named) }
    }
  }
}
