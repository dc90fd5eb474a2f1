// Hard constraints of CONTRACT.md §1, folded to codes for fast pair checks.

import Foundation

/// The hard constraints that decide whether a pair may ever be matched.
public enum Constraint: String, Sendable, CaseIterable {
  case type, mode, location, distance, term, year, program, exclusion
}

/// Eligibility of learner-listing pairs, with every label folded to an
/// integer code once, so a pair check reads a few flat arrays.
///
/// Location rule for onsite and hybrid listings: compatible when both
/// locations are equal, either is empty, the learner relocates, or the
/// learner's `max_distance_km` reaches the listing; `max_distance_km` is
/// also a hard limit whenever both sides have coordinates.
public struct Eligibility: Sendable {
  let market: Market
  /// Accepted types and modes as bit masks (all bits when the list is
  /// empty), and each listing's own type and mode bit.
  let learnerTypes: [UInt8]
  let learnerModes: [UInt8]
  let listingType: [UInt8]
  let listingMode: [UInt8]
  /// Term, place and program codes; -1 for an empty label.
  let learnerTerm: [Int32]
  let listingTerm: [Int32]
  let learnerPlace: [Int32]
  let listingPlace: [Int32]
  let learnerProgram: [Int32]
  let learnerRelocates: [Bool]
  /// `year ?? 0`, and `min_year` or `Int.min` when absent.
  let learnerYear: [Int]
  let listingMinYear: [Int]
  /// `max_distance_km`, NaN when absent.
  let learnerLimit: [Double]
  let learnerPoint: [GeoPoint?]
  let listingPoint: [GeoPoint?]
  /// Listing `j`'s program codes are `programs[programStart[j] ..<
  /// programStart[j + 1]]`; none means all programs.
  let programStart: [Int]
  let programs: [Int32]
  /// Learner `i`'s excluding listings, ascending, at
  /// `excluded[excludedStart[i] ..< excludedStart[i + 1]]`.
  let excludedStart: [Int]
  let excluded: [Int32]

  public init(market: Market) {
    self.market = market
    var codes: [String: Int32] = [:]
    func code(_ kind: String, _ label: String) -> Int32 {
      if label.isEmpty { return -1 }
      let label = kind + ":" + label
      if let known = codes[label] { return known }
      codes[label] = Int32(codes.count)
      return Int32(codes.count - 1)
    }
    let learners = market.learners
    let listings = market.listings
    learnerTypes = learners.map { mask($0.types, of: ListingType.allCases) }
    learnerModes = learners.map { mask($0.modes, of: WorkMode.allCases) }
    listingType = listings.map { mask([$0.type], of: ListingType.allCases) }
    listingMode = listings.map { mask([$0.mode], of: WorkMode.allCases) }
    learnerTerm = learners.map { code("term", $0.term) }
    listingTerm = listings.map { code("term", $0.term) }
    learnerPlace = learners.map { code("place", $0.location) }
    listingPlace = listings.map { code("place", $0.location) }
    learnerProgram = learners.map { code("program", $0.program) }
    learnerRelocates = learners.map(\.relocate)
    learnerYear = learners.map { $0.year ?? 0 }
    listingMinYear = listings.map { $0.minYear ?? Int.min }
    learnerLimit = learners.map { $0.maxDistanceKm ?? .nan }
    learnerPoint = learners.map { $0.coordinate.map(GeoPoint.init) }
    listingPoint = listings.map { $0.coordinate.map(GeoPoint.init) }
    var programStart = [0]
    var programs: [Int32] = []
    for listing in listings {
      programs += listing.programs.map { code("program", $0) }
      programStart.append(programs.count)
    }
    self.programStart = programStart
    self.programs = programs
    var excludedStart = [0]
    var excluded: [Int32] = []
    for list in market.excludedBy {
      excluded += list.sorted()
      excludedStart.append(excluded.count)
    }
    self.excludedStart = excludedStart
    self.excluded = excluded
  }

  /// True when no hard constraint rules the pair out.
  @inline(__always)
  public func isEligible(_ i: Int, _ j: Int) -> Bool {
    firstFailure(i, j) == nil
  }

  /// The first constraint the pair fails, in the order of `Constraint`.
  public func firstFailure(_ i: Int, _ j: Int) -> Constraint? {
    if learnerTypes[i] & listingType[j] == 0 { return .type }
    if learnerModes[i] & listingMode[j] == 0 { return .mode }
    if listingMode[j] != Self.remoteBit, let failure = placeFailure(i, j) {
      return failure
    }
    if learnerTerm[i] >= 0 && listingTerm[j] >= 0
      && learnerTerm[i] != listingTerm[j]
    {
      return .term
    }
    if learnerYear[i] < listingMinYear[j] { return .year }
    if !admitsProgram(i, j) { return .program }
    if isExcluded(i, j) { return .exclusion }
    return nil
  }

  private func placeFailure(_ i: Int, _ j: Int) -> Constraint? {
    let limit = learnerLimit[i]
    if !limit.isNaN, let distance = distanceKm(i, j) {
      // A limit with coordinates on both sides decides alone.
      return distance > limit ? .distance : nil
    }
    let compatible =
      learnerPlace[i] < 0 || listingPlace[j] < 0
      || learnerPlace[i] == listingPlace[j] || learnerRelocates[i]
    return compatible ? nil : .location
  }

  @inline(__always)
  func admitsProgram(_ i: Int, _ j: Int) -> Bool {
    let range = programStart[j]..<programStart[j + 1]
    if range.isEmpty { return true }
    let program = learnerProgram[i]
    for k in range where programs[k] == program { return true }
    return false
  }

  @inline(__always)
  func isExcluded(_ i: Int, _ j: Int) -> Bool {
    let target = Int32(truncatingIfNeeded: j)
    for k in excludedStart[i]..<excludedStart[i + 1]
    where excluded[k] == target {
      return true
    }
    return false
  }

  /// Great-circle distance when both sides have coordinates.
  @inline(__always)
  public func distanceKm(_ i: Int, _ j: Int) -> Double? {
    guard let a = learnerPoint[i], let b = listingPoint[j] else { return nil }
    return a.distanceKm(to: b)
  }

  /// The `location` component: 1 for remote work or the same place, a decay
  /// `exp(-d / scale)` with coordinates, else 0.
  public func locationScore(_ i: Int, _ j: Int, scaleKm: Double) -> Float {
    if listingMode[j] == Self.remoteBit { return 1 }
    if learnerPlace[i] >= 0 && learnerPlace[i] == listingPlace[j] { return 1 }
    guard let distance = distanceKm(i, j) else { return 0 }
    return Float(exp(-distance / max(scaleKm, 1e-9)))
  }

  static let remoteBit = mask([WorkMode.remote], of: WorkMode.allCases)
}

/// Bit `k` set for each `allCases[k]` in `items`; all bits for none.
func mask<T: Equatable>(_ items: [T], of allCases: [T]) -> UInt8 {
  if items.isEmpty { return UInt8((1 << allCases.count) - 1) }
  var bits: UInt8 = 0
  for (k, item) in allCases.enumerated() where items.contains(item) {
    bits |= 1 << k
  }
  return bits
}

/// A coordinate with its latitude's cosine precomputed; distances are
/// bit-identical to `haversineKm`.
struct GeoPoint: Sendable {
  let coordinate: Coordinate
  let cosLatitude: Double

  init(_ coordinate: Coordinate) {
    self.coordinate = coordinate
    cosLatitude = cos(coordinate.latitude * (Double.pi / 180))
  }

  /// `haversineKm(self.coordinate, other.coordinate)`, same operations in
  /// the same order, with the two cosines read instead of computed.
  @inline(__always)
  func distanceKm(to other: GeoPoint) -> Double {
    let radians = Double.pi / 180
    let a = coordinate
    let b = other.coordinate
    let dLat = (b.latitude - a.latitude) * radians
    let dLon = (b.longitude - a.longitude) * radians
    let h =
      sin(dLat / 2) * sin(dLat / 2)
      + cosLatitude * other.cosLatitude * sin(dLon / 2) * sin(dLon / 2)
    return 2 * 6371 * asin(min(1, h.squareRoot()))
  }
}

/// Haversine great-circle distance on a sphere of radius 6,371 km.
public func haversineKm(_ a: Coordinate, _ b: Coordinate) -> Double {
  let radians = Double.pi / 180
  let dLat = (b.latitude - a.latitude) * radians
  let dLon = (b.longitude - a.longitude) * radians
  let h =
    sin(dLat / 2) * sin(dLat / 2)
    + cos(a.latitude * radians) * cos(b.latitude * radians)
    * sin(dLon / 2) * sin(dLon / 2)
  return 2 * 6371 * asin(min(1, h.squareRoot()))
}
