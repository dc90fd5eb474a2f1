// Seeded random markets for property tests.

@testable import PlacerCore

/// A small random market with clustered skills, text, sectors and places.
func randomMarket(
  seed: UInt64,
  learners n: Int,
  listings m: Int,
  constrained: Bool = true
) -> Market {
  var rng = SplitMix64(seed: seed)
  let skills = ["python", "sql", "excel", "welding", "cad", "nursing", "git",
    "statistics", "sales", "design"]
  let words = ["data", "health", "energy", "software", "finance", "design",
    "robots", "care", "research", "build", "teach", "market"]
  let places = ["north", "south", "east", ""]
  let sectors = ["tech", "health", "energy", "finance"]
  func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &rng)] }
  func text() -> String {
    (0..<Int.random(in: 0...6, using: &rng)).map { _ in pick(words) }
      .joined(separator: " ")
  }
  func skillList(_ count: Int) -> [SkillLevel] {
    var seen = Set<String>()
    return (0..<count).compactMap { _ in
      let name = pick(skills)
      guard seen.insert(name).inserted else { return nil }
      return SkillLevel(name, level: Int.random(in: 1...5, using: &rng))
    }
  }
  var listings: [Listing] = []
  for j in 0..<m {
    var listing = Listing(
      id: "J\(j)", line: j + 2, type: pick(ListingType.allCases),
      capacity: Int.random(in: 0...3, using: &rng))
    listing.requiredSkills = skillList(Int.random(in: 0...3, using: &rng))
    listing.preferredSkills = skillList(Int.random(in: 0...2, using: &rng))
    listing.title = text()
    listing.description = text()
    listing.sectors = Array(Set((0..<Int.random(in: 0...2, using: &rng))
      .map { _ in pick(sectors) })).sorted()
    if constrained {
      listing.mode = pick(WorkMode.allCases)
      listing.location = pick(places)
      if Bool.random(using: &rng) {
        listing.coordinate = Coordinate(
          latitude: Double.random(in: 40...41, using: &rng),
          longitude: Double.random(in: -74...(-73), using: &rng))
      }
      listing.minYear = Int.random(in: 0...3, using: &rng) == 0 ? 2 : nil
    }
    listings.append(listing)
  }
  var learners: [Learner] = []
  for i in 0..<n {
    var learner = Learner(id: "L\(i)", line: i + 2)
    learner.skills = skillList(Int.random(in: 0...4, using: &rng))
    learner.goals = text()
    learner.sectors = Array(Set((0..<Int.random(in: 0...2, using: &rng))
      .map { _ in pick(sectors) })).sorted()
    if constrained {
      if Bool.random(using: &rng) { learner.types = [pick(ListingType.allCases)] }
      learner.location = pick(places)
      learner.relocate = Int.random(in: 0...3, using: &rng) == 0
      learner.year = Int.random(in: 1...4, using: &rng)
      if Bool.random(using: &rng) {
        learner.coordinate = Coordinate(
          latitude: Double.random(in: 40...41, using: &rng),
          longitude: Double.random(in: -74...(-73), using: &rng))
        learner.maxDistanceKm = Bool.random(using: &rng) ? 60 : nil
      }
    }
    learner.preferences = (0..<Int.random(in: 0...2, using: &rng)).map { _ in
      "J\(Int.random(in: 0..<max(1, m), using: &rng))"
    }
    learners.append(learner)
  }
  var warnings: [Diagnostic] = []
  return try! Market(learners: learners, listings: listings, warnings: &warnings)
}
