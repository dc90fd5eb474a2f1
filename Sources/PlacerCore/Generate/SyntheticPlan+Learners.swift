// Synthetic learners.csv rows.

/// Listings by (cluster, term), for stated preferences and pins.
struct ListingDirectory: Sendable {
  /// Index `cluster * (terms + 1) + term + 1` -> listing indices.
  let byClusterTerm: [[Int32]]
  let capacities: [Int32]

  init(plan: SyntheticPlan) {
    let terms = SkillCluster.terms.count + 1
    var lists = Array(
      repeating: [Int32](), count: SkillCluster.all.count * terms)
    var capacities: [Int32] = []
    capacities.reserveCapacity(plan.listingCount)
    for j in 0..<plan.listingCount {
      var random = plan.listingStream(j)
      let sketch = ListingSketch(&random, plan: plan)
      lists[sketch.cluster * terms + sketch.term + 1].append(Int32(j))
      capacities.append(Int32(sketch.capacity))
    }
    byClusterTerm = lists
    self.capacities = capacities
  }

  func listings(cluster: Int, term: Int) -> [Int32] {
    byClusterTerm[cluster * (SkillCluster.terms.count + 1) + term + 1]
  }
}

extension SyntheticPlan {
  static let learnerHeader = [
    "learner_id", "skills", "goals", "sectors", "types", "modes", "location",
    "relocate", "lat", "lon", "max_distance_km", "term", "program", "year",
    "group", "preferences", "pinned",
  ]

  /// The fields of learner `i`, in `learnerHeader` order.
  func learnerRow(_ i: Int, directory: ListingDirectory) -> [String] {
    var random = learnerStream(i)
    let primary = learnerClusters.draw(&random)
    let cluster = SkillCluster.all[primary]
    let second =
      random.chance(0.4) ? learnerClusters.draw(&random) : primary
    let other: SkillCluster? =
      second == primary ? nil : SkillCluster.all[second]

    // Skills and goals, mostly from the primary cluster.
    var skills = random.distinct(random.int(in: 3...6), of: cluster.skills)
    if let other {
      skills += random.distinct(random.int(in: 1...2), of: other.skills)
        .filter { !skills.contains($0) }
    }
    let levels = skills.map { _ in drawLevel(&random) }
    let goals = prose(
      &random,
      leads: ["I want to", "Interested in", "Hoping to learn",
        "My goal is", "Looking for"],
      words: random.int(in: 8...18), primary: cluster.words,
      secondary: other?.words, share: 0.65)
    var sectors = [cluster.sector]
    if let other, other.sector != cluster.sector { sectors.append(other.sector) }

    // Accepted types and modes; empty means all.
    let typeCount = random.unit()
    var types: [ListingType] = []
    if typeCount >= 0.4 {
      types.append(drawType(&random))
      if typeCount >= 0.8 {
        let extra = drawType(&random)
        if extra != types[0] { types.append(extra) }
      }
    }
    let modeRoll = random.unit()
    let modes: [WorkMode] =
      modeRoll < 0.55 ? []
      : modeRoll < 0.7 ? [.remote]
      : modeRoll < 0.8 ? [.onsite]
      : modeRoll < 0.9 ? [.onsite, .hybrid] : [.hybrid, .remote]

    // Home, mobility and distance limit.
    let city = CityAtlas.shared.cities[
      CityAtlas.shared.population.draw(&random)]
    let location = random.chance(0.97) ? city.name : ""
    let relocate = random.chance(0.15)
    let hasCoordinate = !location.isEmpty && random.chance(0.7)
    let latitude = city.latitude + random.int(in: -1_500...1_500)
    let longitude = city.longitude + random.int(in: -1_500...1_500)
    let maxDistance =
      hasCoordinate && !relocate && random.chance(0.5)
      ? random.pick([25, 40, 60, 80, 120, 200]) : nil

    // Study, group and statements.
    let term =
      random.chance(0.95) ? random.below(SkillCluster.terms.count) : -1
    let programRoll = random.unit()
    let program =
      programRoll < 0.85 ? random.pick(cluster.programs)
      : programRoll < 0.95 ? random.pick(random.pick(SkillCluster.all).programs)
      : ""
    let yearRoll = random.unit()
    let year =
      yearRoll < 0.08 ? "" : yearRoll < 0.35 ? "1" : yearRoll < 0.62 ? "2"
      : yearRoll < 0.85 ? "3" : "4"
    let group =
      random.chance(0.3) ? random.pick(SkillCluster.groups) : ""
    var preferences: [String] = []
    if random.chance(0.12) {
      let pool = directory.listings(cluster: primary, term: term)
      preferences = random.distinct(random.int(in: 1...5), of: pool)
        .map { listingID(Int($0)) }
    }

    return [
      learnerID(i), skillCell(skills, levels: levels), goals,
      sectors.joined(separator: ";"),
      types.map(\.rawValue).joined(separator: ";"),
      modes.map(\.rawValue).joined(separator: ";"), location,
      relocate ? "yes" : "no",
      hasCoordinate ? degrees(latitude) : "",
      hasCoordinate ? degrees(longitude) : "",
      maxDistance.map(String.init) ?? "",
      term >= 0 ? SkillCluster.terms[term] : "", program, year, group,
      preferences.joined(separator: ";"), pin(i, directory: directory),
    ]
  }

  /// About one learner in a thousand is pinned. The t-th pinned learner
  /// takes listing `(t * stride + 13) mod m`, a map that is one-to-one
  /// while t < m (stride prime and not dividing m), so no listing gets
  /// more pins than seats.
  private func pin(_ i: Int, directory: ListingDirectory) -> String {
    let period = 997
    let m = listingCount
    guard i % period == 500, m > 0 else { return "" }
    let t = i / period
    let stride = m % 7919 == 0 ? 7907 : 7919
    guard t < m else { return "" }
    let j = (t * stride + 13) % m
    return directory.capacities[j] > 0 ? listingID(j) : ""
  }
}
