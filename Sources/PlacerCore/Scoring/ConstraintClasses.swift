// Learners and listings grouped by hard constraints, so blocked scoring
// multiplies only blocks that can hold an eligible pair.

/// Listings sorted into classes that share type, mode, term and (for
/// onsite and hybrid work) place and whether coordinates are given.
///
/// A class keeps conservative summaries of what it does not share (lowest
/// `min_year`, union of programs, a circle around its coordinates), so a
/// test on a class can say "no pair here is eligible" for certain; it never
/// says a pair is eligible. Classes occupy consecutive positions of
/// `order`, sorted by term, type, remote first, then place, so the classes
/// a block of similar learners can use tend to be neighbours.
struct ListingClasses: Sendable {
  struct Class: Sendable {
    /// Positions in `order`.
    var positions: Range<Int>
    var typeBit: UInt8
    var modeBit: UInt8
    var term: Int32
    /// -1 for remote classes and listings without a location.
    var place: Int32
    var hasPoints: Bool
    var lowestMinYear: Int
    /// Sorted program codes the class admits, nil when some listing admits
    /// every program.
    var programs: [Int32]?
    /// A circle holding every listing's coordinates (when `hasPoints`).
    var center: GeoPoint?
    var radiusKm: Double

    var isRemote: Bool { modeBit == Eligibility.remoteBit }
  }

  /// Listing indices in class order.
  let order: [Int32]
  let classes: [Class]

  init(_ e: Eligibility) {
    let m = e.listingType.count
    func key(_ j: Int) -> [Int] {
      let remote = e.listingMode[j] == Eligibility.remoteBit
      return [
        Int(e.listingTerm[j]), Int(e.listingType[j]), remote ? 0 : 1,
        remote ? -1 : Int(e.listingPlace[j]), Int(e.listingMode[j]),
        remote ? 0 : (e.listingPoint[j] == nil ? 0 : 1),
      ]
    }
    let keys = (0..<m).map(key)
    let order = (0..<m).sorted {
      keys[$0] != keys[$1]
        ? keys[$0].lexicographicallyPrecedes(keys[$1]) : $0 < $1
    }
    var classes: [Class] = []
    var start = 0
    while start < m {
      var end = start + 1
      while end < m && keys[order[end]] == keys[order[start]] { end += 1 }
      classes.append(
        Self.summary(
          e, members: order[start..<end], positions: start..<end))
      start = end
    }
    self.order = order.map { Int32($0) }
    self.classes = classes
  }

  private static func summary(
    _ e: Eligibility,
    members: ArraySlice<Int>,
    positions: Range<Int>
  ) -> Class {
    let first = members.first!
    let remote = e.listingMode[first] == Eligibility.remoteBit
    var programs: Set<Int32>? = []
    for j in members {
      let range = e.programStart[j]..<e.programStart[j + 1]
      if range.isEmpty { programs = nil }
      programs?.formUnion(e.programs[range])
    }
    let center = remote ? nil : e.listingPoint[first]
    var radius = 0.0
    if let center {
      for j in members {
        radius = max(radius, center.distanceKm(to: e.listingPoint[j]!))
      }
    }
    return Class(
      positions: positions, typeBit: e.listingType[first],
      modeBit: e.listingMode[first], term: e.listingTerm[first],
      place: remote ? -1 : e.listingPlace[first], hasPoints: center != nil,
      lowestMinYear: members.map { e.listingMinYear[$0] }.min()!,
      programs: programs.map { $0.sorted() }, center: center,
      radiusKm: radius)
  }
}

/// Slack on distance bounds, far above haversine rounding error.
private let distanceMarginKm = 1e-3

extension Eligibility {
  /// A learner with coordinates and `max_distance_km`: for listings with
  /// coordinates the distance alone decides location.
  @inline(__always)
  func hasDistanceLimit(_ i: Int) -> Bool {
    !learnerLimit[i].isNaN && learnerPoint[i] != nil
  }

  /// Place rules that do not need coordinates: either side empty, the same
  /// place, or the learner relocates.
  @inline(__always)
  func isMobile(_ i: Int) -> Bool {
    learnerPlace[i] < 0 || learnerRelocates[i]
  }

  /// False only when no listing of `c` is eligible for learner `i`.
  func mayMatch(_ i: Int, _ c: ListingClasses.Class) -> Bool {
    if learnerTypes[i] & c.typeBit == 0 { return false }
    if learnerModes[i] & c.modeBit == 0 { return false }
    if learnerTerm[i] >= 0 && c.term >= 0 && learnerTerm[i] != c.term {
      return false
    }
    if learnerYear[i] < c.lowestMinYear { return false }
    if let programs = c.programs,
      !programs.contains(learnerProgram[i])
    {
      return false
    }
    if c.isRemote { return true }
    if c.hasPoints && hasDistanceLimit(i) {
      let gap = learnerPoint[i]!.distanceKm(to: c.center!) - c.radiusKm
      return gap <= learnerLimit[i] + distanceMarginKm
    }
    return isMobile(i) || c.place < 0 || c.place == learnerPlace[i]
  }
}

/// What a block of learners has in common, summarized so that a listing
/// class can be ruled out for the whole block at once.
struct BlockProfile {
  var types: UInt8 = 0
  var modes: UInt8 = 0
  var anyTerm = false
  var terms: Set<Int32> = []
  var highestYear = Int.min
  var programs: Set<Int32> = []
  /// Learners judged by place rules for listings with coordinates.
  var hasPlaceRuled = false
  var placeRuledMobile = false
  var placeRuledPlaces: Set<Int32> = []
  /// All learners, for listings without coordinates.
  var anyMobile = false
  var places: Set<Int32> = []
  /// Learners with a distance limit: a circle around their points.
  var center: GeoPoint?
  var radiusKm = 0.0
  var highestLimit = -Double.infinity

  init(_ e: Eligibility, learners: some Sequence<Int>) {
    for i in learners {
      types |= e.learnerTypes[i]
      modes |= e.learnerModes[i]
      if e.learnerTerm[i] < 0 { anyTerm = true } else {
        terms.insert(e.learnerTerm[i])
      }
      highestYear = max(highestYear, e.learnerYear[i])
      programs.insert(e.learnerProgram[i])
      anyMobile = anyMobile || e.isMobile(i)
      places.insert(e.learnerPlace[i])
      if e.hasDistanceLimit(i) {
        let point = e.learnerPoint[i]!
        if let center {
          radiusKm = max(radiusKm, center.distanceKm(to: point))
        } else {
          center = point
        }
        highestLimit = max(highestLimit, e.learnerLimit[i])
      } else {
        hasPlaceRuled = true
        placeRuledMobile = placeRuledMobile || e.isMobile(i)
        placeRuledPlaces.insert(e.learnerPlace[i])
      }
    }
  }

  /// False only when no learner of the block may match a listing of `c`.
  func mayMatch(_ c: ListingClasses.Class) -> Bool {
    if types & c.typeBit == 0 || modes & c.modeBit == 0 { return false }
    if c.term >= 0 && !anyTerm && !terms.contains(c.term) { return false }
    if highestYear < c.lowestMinYear { return false }
    if let admitted = c.programs,
      !admitted.contains(where: programs.contains)
    {
      return false
    }
    if c.isRemote || c.place < 0 && !c.hasPoints { return true }
    guard c.hasPoints else { return anyMobile || places.contains(c.place) }
    if hasPlaceRuled
      && (placeRuledMobile || c.place < 0
        || placeRuledPlaces.contains(c.place))
    {
      return true
    }
    guard let center else { return false }
    let gap = center.distanceKm(to: c.center!) - radiusKm - c.radiusKm
    return gap <= highestLimit + distanceMarginKm
  }
}

/// Learners sorted so that neighbours share the constraints that prune
/// most: term, accepted types and modes, mobility, then place.
struct LearnerBlocks: Sendable {
  /// Learner indices in block order.
  let order: [Int32]
  /// Positions in `order`, each at most `size` long, never mixing learners
  /// that differ in term, types, modes or mobility.
  let blocks: [Range<Int>]

  init(_ e: Eligibility, size: Int) {
    let n = e.learnerTypes.count
    func coarse(_ i: Int) -> [Int] {
      let mobile = e.isMobile(i) && !e.hasDistanceLimit(i)
      return [
        Int(e.learnerTerm[i]), Int(e.learnerTypes[i]),
        Int(e.learnerModes[i]), mobile ? 0 : 1,
      ]
    }
    let keys = (0..<n).map { coarse($0) + [Int(e.learnerPlace[$0])] }
    let order = (0..<n).sorted {
      keys[$0] != keys[$1]
        ? keys[$0].lexicographicallyPrecedes(keys[$1]) : $0 < $1
    }
    var blocks: [Range<Int>] = []
    var start = 0
    while start < n {
      var end = start + 1
      let group = keys[order[start]].dropLast()
      while end < n && end - start < size
        && keys[order[end]].dropLast() == group
      {
        end += 1
      }
      blocks.append(start..<end)
      start = end
    }
    self.order = order.map { Int32($0) }
    self.blocks = blocks
  }
}
