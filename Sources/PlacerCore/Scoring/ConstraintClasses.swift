// Learners and listings grouped by hard constraints, so blocked scoring
// multiplies only blocks that can hold an eligible pair.

import Foundation

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
    var highestMinYear: Int
    /// True when no listing of the class restricts programs.
    var everyProgram: Bool
    /// Where the sorted program codes the class admits sit in
    /// `ListingClasses.classPrograms`; nil when some listing admits every
    /// program. (A range, not an array, so a class is plain data and
    /// copying one costs no reference counting.)
    var programs: Range<Int>?
    /// A circle holding every listing's coordinates (when `hasPoints`).
    var center: GeoPoint?
    var radiusKm: Double

    var isRemote: Bool { modeBit == Eligibility.remoteBit }
  }

  /// Listing indices in class order.
  let order: [Int32]
  let classes: [Class]
  /// The program codes of every class that restricts them (`Class.programs`).
  let classPrograms: [Int32]
  /// What `admits` reads per pair, by position, so that a scan over a
  /// class reads forward rather than at scattered listing indices:
  /// `min_year` (`Int.min` for none), program codes (position `p`'s at
  /// `programs[programStart[p] ..< programStart[p + 1]]`, none for all)
  /// and coordinates.
  let minYear: [Int]
  let programStart: [Int]
  let programs: [Int32]
  let points: [GeoPoint?]

  init(_ e: Eligibility, places: PlaceAtlas) {
    let m = e.listingType.count
    func key(_ j: Int) -> [Int] {
      let remote = e.listingMode[j] == Eligibility.remoteBit
      return [
        Int(e.listingTerm[j]), Int(e.listingType[j]), remote ? 0 : 1,
        remote ? -1 : places.rank(e.listingPlace[j]), Int(e.listingMode[j]),
        remote ? 0 : (e.listingPoint[j] == nil ? 0 : 1),
      ]
    }
    let keys = (0..<m).map(key)
    let order = (0..<m).sorted {
      keys[$0] != keys[$1]
        ? keys[$0].lexicographicallyPrecedes(keys[$1]) : $0 < $1
    }
    var classes: [Class] = []
    var classPrograms: [Int32] = []
    var start = 0
    while start < m {
      var end = start + 1
      while end < m && keys[order[end]] == keys[order[start]] { end += 1 }
      classes.append(
        Self.summary(
          e, members: order[start..<end], positions: start..<end,
          programs: &classPrograms))
      start = end
    }
    self.classPrograms = classPrograms
    self.order = order.map { Int32($0) }
    self.classes = classes
    minYear = order.map { e.listingMinYear[$0] }
    points = order.map { e.listingPoint[$0] }
    var programStart = [0]
    var programs: [Int32] = []
    programStart.reserveCapacity(m + 1)
    for j in order {
      programs += e.programs[e.programStart[j]..<e.programStart[j + 1]]
      programStart.append(programs.count)
    }
    self.programStart = programStart
    self.programs = programs
  }

  /// Whether learner `i` is eligible for listing `j` at position `p` of
  /// class `c`, for a class with `e.mayMatch(i, c, in: self)`: type, mode, term and
  /// place are shared by the whole class and were judged exactly there,
  /// so only the distance limit, year, program and exclusion are left.
  @inline(__always)
  func admits(
    _ e: Eligibility,
    _ i: Int,
    position p: Int,
    listing j: Int,
    in c: Class
  ) -> Bool {
    if e.learnerYear[i] < minYear[p] { return false }
    if programStart[p] != programStart[p + 1] {
      let program = e.learnerProgram[i]
      var found = false
      for k in programStart[p]..<programStart[p + 1] where programs[k] == program {
        found = true
        break
      }
      if !found { return false }
    }
    if !c.isRemote && c.hasPoints && e.hasDistanceLimit(i) {
      let distance = e.learnerPoint[i]!.distanceKm(to: points[p]!)
      if distance > e.learnerLimit[i] { return false }
    }
    return !e.isExcluded(i, j)
  }

  /// The `location` component of learner `i` and the listing at position
  /// `p`: `Eligibility.locationScore` with the listing's coordinates read
  /// by position.
  @inline(__always)
  func locationScore(
    _ e: Eligibility,
    _ i: Int,
    position p: Int,
    in c: Class,
    scaleKm: Double
  ) -> Float {
    if let shared = e.classLocation(i, c) { return shared }
    let distance = e.learnerPoint[i]!.distanceKm(to: points[p]!)
    return Float(exp(-distance / max(scaleKm, 1e-9)))
  }

  private static func summary(
    _ e: Eligibility,
    members: ArraySlice<Int>,
    positions: Range<Int>,
    programs codes: inout [Int32]
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
      highestMinYear: members.map { e.listingMinYear[$0] }.max()!,
      everyProgram: members.allSatisfy {
        e.programStart[$0] == e.programStart[$0 + 1]
      },
      programs: programs.map { union in
        codes += union.sorted()
        return (codes.count - union.count)..<codes.count
      }, center: center,
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

  /// Whether learner `i` is eligible for every listing of class `c`, for a
  /// class with `mayMatch(i, c)`: every member lies within the learner's
  /// distance limit (or none applies), the learner meets the class's
  /// highest `min_year`, no member restricts programs and the learner has
  /// no exclusions. Then `isEligible` holds for each member.
  func admitsWholeClass(_ i: Int, _ c: ListingClasses.Class) -> Bool {
    guard learnerYear[i] >= c.highestMinYear && c.everyProgram
      && excludedStart[i] == excludedStart[i + 1]
    else { return false }
    if c.isRemote || !c.hasPoints || !hasDistanceLimit(i) { return true }
    let farthest = learnerPoint[i]!.distanceKm(to: c.center!) + c.radiusKm
    return farthest <= learnerLimit[i] - distanceMarginKm
  }

  /// The `location` component shared by every listing of class `c` for
  /// learner `i`, or nil when it decays with each listing's distance.
  @inline(__always)
  func classLocation(_ i: Int, _ c: ListingClasses.Class) -> Float? {
    if c.isRemote { return 1 }
    if learnerPlace[i] >= 0 && learnerPlace[i] == c.place { return 1 }
    return c.hasPoints && learnerPoint[i] != nil ? nil : 0
  }

  /// False only when no listing of `c` is eligible for learner `i`; for a
  /// class's shared constraints (type, mode, term, place rules) the answer
  /// is exact.
  func mayMatch(
    _ i: Int,
    _ c: ListingClasses.Class,
    in classes: ListingClasses
  ) -> Bool {
    if learnerTypes[i] & c.typeBit == 0 { return false }
    if learnerModes[i] & c.modeBit == 0 { return false }
    if learnerTerm[i] >= 0 && c.term >= 0 && learnerTerm[i] != c.term {
      return false
    }
    if learnerYear[i] < c.lowestMinYear { return false }
    if let programs = c.programs,
      !classes.classPrograms[programs].contains(learnerProgram[i])
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
  /// Learners with a distance limit, as circles (one per grid cell):
  /// centre, radius and the largest limit inside.
  var circles: [(center: GeoPoint, radiusKm: Double, limit: Double)] = []
  /// Per place code: whether some circle may reach a listing there.
  var reachable: [Bool] = []

  init(_ e: Eligibility, learners: some Sequence<Int>, atlas: PlaceAtlas) {
    var circleOfCell: [Int: Int] = [:]
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
        let cell = PlaceAtlas.cell(point.coordinate)
        if let k = circleOfCell[cell] {
          circles[k].radiusKm = max(
            circles[k].radiusKm, circles[k].center.distanceKm(to: point))
          circles[k].limit = max(circles[k].limit, e.learnerLimit[i])
        } else {
          circleOfCell[cell] = circles.count
          circles.append((point, 0, e.learnerLimit[i]))
        }
      } else {
        hasPlaceRuled = true
        placeRuledMobile = placeRuledMobile || e.isMobile(i)
        placeRuledPlaces.insert(e.learnerPlace[i])
      }
    }
    if !circles.isEmpty {
      reachable = atlas.listingCircles.map { circle in
        guard let circle else { return false }
        return reaches(circle.center, circle.radiusKm)
      }
    }
  }

  /// True when some circle may come within its limit of a point within
  /// `radius` of `center`.
  func reaches(_ center: GeoPoint, _ radius: Double) -> Bool {
    circles.contains {
      $0.center.distanceKm(to: center) - $0.radiusKm - radius
        <= $0.limit + distanceMarginKm
    }
  }

  /// False only when no learner of the block may match a listing of `c`.
  func mayMatch(_ c: ListingClasses.Class, in classes: ListingClasses) -> Bool
  {
    if types & c.typeBit == 0 || modes & c.modeBit == 0 { return false }
    if c.term >= 0 && !anyTerm && !terms.contains(c.term) { return false }
    if highestYear < c.lowestMinYear { return false }
    if let admitted = c.programs,
      !classes.classPrograms[admitted].contains(where: programs.contains)
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
    if circles.isEmpty { return false }
    if c.place >= 0 && !reachable[Int(c.place)] { return false }
    return reaches(c.center!, c.radiusKm)
  }
}

/// Places ordered so that neighbours on the map are neighbours in the
/// order, with a circle around each place's listing coordinates.
struct PlaceAtlas: Sendable {
  /// Place code -> position in map order.
  let ranks: [Int]
  /// Place code -> circle holding its listings' coordinates, if any.
  let listingCircles: [(center: GeoPoint, radiusKm: Double)?]

  init(_ e: Eligibility) {
    let count = Int(
      max(
        e.learnerPlace.max() ?? -1, e.listingPlace.max() ?? -1)) + 1
    var circles: [(center: GeoPoint, radiusKm: Double)?] = Array(
      repeating: nil, count: count)
    for (j, place) in e.listingPlace.enumerated() where place >= 0 {
      guard let point = e.listingPoint[j] else { continue }
      if let circle = circles[Int(place)] {
        circles[Int(place)]!.radiusKm = max(
          circle.radiusKm, circle.center.distanceKm(to: point))
      } else {
        circles[Int(place)] = (point, 0)
      }
    }
    // A place's map cell: its listings' centre, else a learner's point.
    var cells = circles.map { $0.map { Self.cell($0.center.coordinate) } }
    for (i, place) in e.learnerPlace.enumerated()
    where place >= 0 && cells[Int(place)] == nil {
      cells[Int(place)] = e.learnerPoint[i].map { Self.cell($0.coordinate) }
    }
    let order = (0..<count).sorted {
      let a = cells[$0] ?? Int.max
      let b = cells[$1] ?? Int.max
      return a != b ? a < b : $0 < $1
    }
    var ranks = Array(repeating: 0, count: count)
    for (rank, place) in order.enumerated() { ranks[place] = rank }
    self.ranks = ranks
    listingCircles = circles
  }

  /// Position of `place` in map order; -1 for no place.
  func rank(_ place: Int32) -> Int { place < 0 ? -1 : ranks[Int(place)] }

  /// A Z-order (Morton) index of the 1-degree grid cell holding a point,
  /// so that sorting by it keeps nearby points together.
  static func cell(_ point: Coordinate) -> Int {
    let row = UInt32(max(0, min(511, Int(point.latitude + 90))))
    let column = UInt32(max(0, min(511, Int(point.longitude + 180))))
    var code = 0
    for bit in 0..<9 {
      code |= Int((row >> bit) & 1) << (2 * bit + 1)
      code |= Int((column >> bit) & 1) << (2 * bit)
    }
    return code
  }
}

/// Learners sorted so that neighbours share the constraints that prune
/// most: term, accepted types and modes, how location is judged, then
/// position on the map.
struct LearnerBlocks: Sendable {
  /// Learner indices in block order.
  let order: [Int32]
  /// Positions in `order`, each at most `size` long, never mixing learners
  /// that differ in term, types, modes or how location is judged
  /// (mobile, by place, by distance); then by map position.
  let blocks: [Range<Int>]

  init(_ e: Eligibility, size: Int, places: PlaceAtlas) {
    let n = e.learnerTypes.count
    func key(_ i: Int) -> [Int] {
      let kind =
        e.hasDistanceLimit(i) ? 2 : e.isMobile(i) ? 0 : 1
      let near =
        kind == 2 ? PlaceAtlas.cell(e.learnerPoint[i]!.coordinate)
        : kind == 1 ? places.rank(e.learnerPlace[i]) : 0
      return [
        Int(e.learnerTerm[i]), Int(e.learnerTypes[i]),
        Int(e.learnerModes[i]), kind, near, places.rank(e.learnerPlace[i]),
      ]
    }
    let keys = (0..<n).map(key)
    let order = (0..<n).sorted {
      keys[$0] != keys[$1]
        ? keys[$0].lexicographicallyPrecedes(keys[$1]) : $0 < $1
    }
    var blocks: [Range<Int>] = []
    var start = 0
    while start < n {
      var end = start + 1
      let group = keys[order[start]].prefix(4)
      while end < n && end - start < size
        && keys[order[end]].prefix(4) == group
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
