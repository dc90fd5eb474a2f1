// Synthetic listings.csv rows.

extension SyntheticPlan {
  static let listingHeader = [
    "listing_id", "type", "capacity", "employer", "title", "description",
    "required_skills", "preferred_skills", "sectors", "mode", "location",
    "lat", "lon", "term", "min_year", "programs", "reserve", "preferences",
    "excluded",
  ]

  /// The fields of listing `j`, in `listingHeader` order.
  func listingRow(_ j: Int) -> [String] {
    var random = listingStream(j)
    let sketch = ListingSketch(&random, plan: self)
    let cluster = SkillCluster.all[sketch.cluster]
    let other: SkillCluster? =
      random.chance(0.2) ? random.pick(SkillCluster.all) : nil
    let city = CityAtlas.shared.cities[sketch.city]

    // Text: the role, then a description mostly in the cluster's words.
    let typeNoun: String
    switch sketch.type {
    case .internship: typeNoun = "Intern"
    case .apprenticeship: typeNoun = "Apprentice"
    case .coop: typeNoun = "Co-op"
    }
    let title = random.pick(cluster.roles) + " " + typeNoun
    let description = prose(
      &random,
      leads: ["You will", "Join us to", "Help our team with", "Expect"],
      words: random.int(in: 14...28), primary: cluster.words,
      secondary: other?.words, share: 0.62)

    // Skills and sectors.
    let required = random.distinct(random.int(in: 1...4), of: cluster.skills)
    let requiredLevels = required.map { _ in
      drawLevel(&random, highest: 4)
    }
    let preferredPool = (other ?? cluster).skills.filter {
      !required.contains($0)
    }
    let preferred = random.distinct(random.int(in: 0...2), of: preferredPool)
    let preferredLevels = preferred.map { _ in drawLevel(&random) }
    var sectors = [cluster.sector]
    if let other, other.sector != cluster.sector, random.chance(0.5) {
      sectors.append(other.sector)
    }

    // Place: remote work often names no city.
    var location = city.name
    var hasCoordinate = random.chance(0.8)
    if sketch.mode == .remote && random.chance(0.7) {
      location = ""
      hasCoordinate = false
    }
    let latitude = city.latitude + random.int(in: -800...800)
    let longitude = city.longitude + random.int(in: -800...800)

    // Rules, reserves and the employer's statements.
    let yearRoll = random.unit()
    let minYear = yearRoll < 0.1 ? "2" : yearRoll < 0.18 ? "3" : ""
    let programs =
      random.chance(0.25)
      ? random.distinct(random.int(in: 1...2), of: cluster.programs) : []
    let reserve =
      sketch.capacity >= 2 && random.chance(0.1)
      ? random.pick(SkillCluster.groups) + ":1" : ""
    let preferences =
      random.chance(0.02)
      ? statedLearners(&random, cluster: sketch.cluster) : []
    let excluded =
      random.chance(0.01) && learnerCount > 0
      ? (0..<random.int(in: 1...3)).map { _ in
        learnerID(random.below(learnerCount))
      } : []

    return [
      listingID(j), sketch.type.rawValue, String(sketch.capacity),
      employerName(&random), title, description,
      skillCell(required, levels: requiredLevels),
      skillCell(preferred, levels: preferredLevels),
      sectors.joined(separator: ";"), sketch.mode.rawValue, location,
      hasCoordinate ? degrees(latitude) : "",
      hasCoordinate ? degrees(longitude) : "",
      sketch.term >= 0 ? SkillCluster.terms[sketch.term] : "", minYear,
      programs.joined(separator: ";"), reserve,
      preferences.joined(separator: ";"), excluded.joined(separator: ";"),
    ]
  }

  /// Up to five learners of `cluster`, found by sampling learner streams.
  private func statedLearners(
    _ random: inout SyntheticRandom,
    cluster: Int
  ) -> [String] {
    guard learnerCount > 0 else { return [] }
    var chosen: [Int] = []
    let wanted = random.int(in: 1...5)
    for _ in 0..<400 where chosen.count < wanted {
      let i = random.below(learnerCount)
      if learnerCluster(i) == cluster && !chosen.contains(i) {
        chosen.append(i)
      }
    }
    return chosen.map(learnerID)
  }

  private func employerName(_ random: inout SyntheticRandom) -> String {
    let first = [
      "Maple", "Harbor", "Summit", "Bright", "Iron", "Blue", "Granite",
      "Willow", "Copper", "Lumen", "Prairie", "Atlas", "Nova", "Beacon",
    ]
    let second = ["stack", "field", "works", "line", "point", "path", "wave"]
    let kind = [
      "Labs", "Group", "Systems", "Health", "Partners", "Industries",
      "Services", "Co", "Solutions", "Collective",
    ]
    return random.pick(first) + random.pick(second) + " " + random.pick(kind)
  }
}
