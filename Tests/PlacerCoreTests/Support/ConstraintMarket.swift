// Seeded random markets that exercise every hard constraint, and
// pair-by-pair references written straight from CONTRACT.md §1 and §2.

import Foundation
@testable import PlacerCore

/// A random market with every constraint in play: type and mode subsets,
/// terms, places in two regions (some within commuting distance), relocation,
/// distance limits, years, programs, exclusions and stated lists.
func constraintMarket(seed: UInt64, learners n: Int, listings m: Int)
  -> Market
{
  var rng = SplitMix64(seed: seed)
  func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
  func pick<T>(_ items: [T]) -> T {
    items[Int.random(in: 0..<items.count, using: &rng)]
  }
  func subset<T>(_ items: [T]) -> [T] { items.filter { _ in chance(0.5) } }
  let places: [(String, Double, Double)] = [
    ("alpha", 40.0, -74.0), ("beta", 40.3, -74.2), ("gamma", 40.9, -73.1),
    ("delta", 47.6, -122.3), ("eps", 47.2, -122.0), ("", 0, 0),
  ]
  let terms = ["fall", "spring", "summer", ""]
  let programs = ["nursing", "software", "welding", "design"]
  let skills = ["python", "sql", "welding", "cad", "care", "excel"]
  let words = ["data", "health", "energy", "code", "care", "build", "teach"]
  func point(_ place: (String, Double, Double)) -> Coordinate? {
    guard !place.0.isEmpty, chance(0.7) else { return nil }
    return Coordinate(
      latitude: place.1 + Double.random(in: -0.2...0.2, using: &rng),
      longitude: place.2 + Double.random(in: -0.2...0.2, using: &rng))
  }
  func skillList(_ count: Int) -> [SkillLevel] {
    Array(Set((0..<count).map { _ in pick(skills) })).sorted().map {
      SkillLevel($0, level: Int.random(in: 1...5, using: &rng))
    }
  }
  func text() -> String {
    (0..<Int.random(in: 0...5, using: &rng)).map { _ in pick(words) }
      .joined(separator: " ")
  }

  var listings: [Listing] = []
  for j in 0..<m {
    var listing = Listing(
      id: "J\(j)", line: j + 2, type: pick(ListingType.allCases),
      capacity: Int.random(in: 0...3, using: &rng))
    listing.mode = pick(WorkMode.allCases)
    let place = pick(places)
    listing.location = place.0
    listing.coordinate = point(place)
    listing.term = pick(terms)
    listing.minYear = chance(0.3) ? Int.random(in: 1...4, using: &rng) : nil
    listing.programs = chance(0.3) ? subset(programs) : []
    listing.requiredSkills = skillList(Int.random(in: 0...3, using: &rng))
    listing.preferredSkills = skillList(Int.random(in: 0...2, using: &rng))
    listing.title = text()
    listing.description = text()
    listing.sectors = chance(0.5) ? [pick(["tech", "health"])] : []
    if chance(0.1) { listing.excluded = ["L\(Int.random(in: 0..<n, using: &rng))"] }
    listings.append(listing)
  }
  var learners: [Learner] = []
  for i in 0..<n {
    var learner = Learner(id: "L\(i)", line: i + 2)
    learner.types = chance(0.5) ? subset(ListingType.allCases) : []
    learner.modes = chance(0.5) ? subset(WorkMode.allCases) : []
    let place = pick(places)
    learner.location = place.0
    learner.coordinate = point(place)
    learner.relocate = chance(0.2)
    if learner.coordinate != nil && chance(0.5) {
      learner.maxDistanceKm = pick([10.0, 40, 80, 150, 5_000])
    }
    learner.term = pick(terms)
    learner.program = chance(0.8) ? pick(programs) : ""
    learner.year = chance(0.85) ? Int.random(in: 1...4, using: &rng) : nil
    learner.skills = skillList(Int.random(in: 0...4, using: &rng))
    learner.goals = text()
    learner.sectors = chance(0.5) ? [pick(["tech", "health"])] : []
    learner.preferences = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
      "J\(Int.random(in: 0..<max(1, m), using: &rng))"
    }
    learners.append(learner)
  }
  var warnings: [Diagnostic] = []
  return try! Market(learners: learners, listings: listings, warnings: &warnings)
}

/// The first failed constraint of CONTRACT.md §1, from the models alone.
func referenceFailure(_ market: Market, _ i: Int, _ j: Int) -> Constraint? {
  let learner = market.learners[i]
  let listing = market.listings[j]
  if !learner.types.isEmpty && !learner.types.contains(listing.type) {
    return .type
  }
  if !learner.modes.isEmpty && !learner.modes.contains(listing.mode) {
    return .mode
  }
  if listing.mode != .remote {
    var distance: Double?
    if let a = learner.coordinate, let b = listing.coordinate {
      distance = haversineKm(a, b)
    }
    if let distance, let limit = learner.maxDistanceKm {
      if distance > limit { return .distance }
    } else if !(learner.location.isEmpty || listing.location.isEmpty
      || learner.location == listing.location || learner.relocate)
    {
      return .location
    }
  }
  if !learner.term.isEmpty && !listing.term.isEmpty
    && learner.term != listing.term
  {
    return .term
  }
  if let minYear = listing.minYear, (learner.year ?? 0) < minYear {
    return .year
  }
  if !listing.programs.isEmpty && !listing.programs.contains(learner.program)
  {
    return .program
  }
  if listing.excluded.contains(learner.id) { return .exclusion }
  return nil
}

/// Every component of §2 from the models, by name lookups.
func referenceScores(
  _ market: Market,
  _ features: FeatureSpace,
  _ i: Int,
  _ j: Int,
  scaleKm: Double
) -> PairScores {
  let learner = market.learners[i]
  let listing = market.listings[j]
  var levels: [String: Int] = [:]
  for entry in learner.skills { levels[entry.skill] = entry.level }
  func coverage(_ required: [SkillLevel]) -> Float {
    guard !required.isEmpty else { return 0 }
    var sum: Float = 0
    for entry in required {
      sum += Float(min(levels[entry.skill] ?? 0, entry.level))
        / Float(entry.level)
    }
    return sum / Float(required.count)
  }
  func stated(_ list: [Int32], _ item: Int) -> Float {
    guard let r = list.firstIndex(of: Int32(item)) else { return 0 }
    return 1 - Float(r) / Float(list.count)
  }
  var s = PairScores()
  s.skills = listing.requiredSkills.isEmpty ? 1 : coverage(listing.requiredSkills)
  s.preferredSkills = coverage(listing.preferredSkills)
  s.goals = features.goalSimilarity(i, j)
  s.relatedSkills = features.relatedSkills?.cosine(i, j) ?? 0
  if !listing.sectors.isEmpty {
    let shared = listing.sectors.filter { learner.sectors.contains($0) }.count
    s.sectors = Float(shared) / Float(listing.sectors.count)
  }
  if listing.mode == .remote
    || !learner.location.isEmpty && learner.location == listing.location
  {
    s.location = 1
  } else if let a = learner.coordinate, let b = listing.coordinate {
    s.location = Float(exp(-haversineKm(a, b) / scaleKm))
  }
  s.stated = stated(market.learnerStated[i], j)
  s.listingStated = stated(market.listingStated[j], i)
  return s
}
