// Hard constraints of CONTRACT.md §1, precomputed for fast pair checks.

import Foundation

/// The hard constraints that decide whether a pair may ever be matched.
public enum Constraint: String, Sendable, CaseIterable {
  case type, mode, location, distance, term, year, program, exclusion
}

/// Eligibility of learner-listing pairs, with labels folded to codes once.
///
/// Location rule for onsite and hybrid listings: compatible when both
/// locations are equal, either is empty, the learner relocates, or the
/// learner's `max_distance_km` reaches the listing; `max_distance_km` is
/// also a hard limit whenever both sides have coordinates.
public struct Eligibility: Sendable {
  let market: Market
  private let learnerTerm: [Int32]
  private let listingTerm: [Int32]
  private let learnerPlace: [Int32]
  private let listingPlace: [Int32]
  private let learnerProgram: [Int32]
  private let listingPrograms: [[Int32]]

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
    learnerTerm = market.learners.map { code("term", $0.term) }
    listingTerm = market.listings.map { code("term", $0.term) }
    learnerPlace = market.learners.map { code("place", $0.location) }
    listingPlace = market.listings.map { code("place", $0.location) }
    learnerProgram = market.learners.map { code("program", $0.program) }
    listingPrograms = market.listings.map {
      $0.programs.map { code("program", $0) }
    }
  }

  /// True when no hard constraint rules the pair out.
  public func isEligible(_ i: Int, _ j: Int) -> Bool {
    firstFailure(i, j) == nil
  }

  /// The first constraint the pair fails, in the order of `Constraint`.
  public func firstFailure(_ i: Int, _ j: Int) -> Constraint? {
    let learner = market.learners[i]
    let listing = market.listings[j]
    if !learner.types.isEmpty && !learner.types.contains(listing.type) {
      return .type
    }
    if !learner.modes.isEmpty && !learner.modes.contains(listing.mode) {
      return .mode
    }
    if listing.mode != .remote, let failure = placeFailure(i, j) {
      return failure
    }
    if learnerTerm[i] >= 0 && listingTerm[j] >= 0
      && learnerTerm[i] != listingTerm[j]
    {
      return .term
    }
    if let minYear = listing.minYear, (learner.year ?? 0) < minYear {
      return .year
    }
    if !listingPrograms[j].isEmpty
      && !listingPrograms[j].contains(learnerProgram[i])
    {
      return .program
    }
    if market.excludedBy[i].contains(Int32(j)) { return .exclusion }
    return nil
  }

  private func placeFailure(_ i: Int, _ j: Int) -> Constraint? {
    let learner = market.learners[i]
    let distance = distanceKm(i, j)
    if let distance, let limit = learner.maxDistanceKm, distance > limit {
      return .distance
    }
    let compatible =
      learnerPlace[i] < 0 || listingPlace[j] < 0
      || learnerPlace[i] == listingPlace[j] || learner.relocate
      || (distance != nil && learner.maxDistanceKm != nil)
    return compatible ? nil : .location
  }

  /// Great-circle distance when both sides have coordinates.
  public func distanceKm(_ i: Int, _ j: Int) -> Double? {
    guard let a = market.learners[i].coordinate,
      let b = market.listings[j].coordinate
    else { return nil }
    return haversineKm(a, b)
  }

  /// The `location` component: 1 for remote work or the same place, a decay
  /// `exp(-d / scale)` with coordinates, else 0.
  public func locationScore(_ i: Int, _ j: Int, scaleKm: Double) -> Float {
    if market.listings[j].mode == .remote { return 1 }
    if learnerPlace[i] >= 0 && learnerPlace[i] == listingPlace[j] { return 1 }
    guard let distance = distanceKm(i, j) else { return 0 }
    return Float(exp(-distance / max(scaleKm, 1e-9)))
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
