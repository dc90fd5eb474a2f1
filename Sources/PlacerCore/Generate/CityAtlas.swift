// Invented cities for synthetic markets: names, coordinates, Zipf sizes.

/// A few hundred invented cities in regional clusters, with Zipf-like
/// populations, the same for every seed.
///
/// Cities sit within a few hundred kilometres of a region centre, so some
/// lie inside a commuting radius of each other and `max_distance_km`
/// matters. Coordinates are integers in units of 1e-4 degree, so they print
/// exactly.
struct CityAtlas: Sendable {
  struct City: Sendable {
    var name: String
    /// Latitude and longitude in 1e-4 degree.
    var latitude: Int
    var longitude: Int
  }

  let cities: [City]
  /// Draws a city index with probability proportional to its population.
  let population: WeightedChoice

  static let shared = CityAtlas(count: 300)

  init(count: Int) {
    let prefixes = [
      "North", "South", "East", "West", "New", "Port", "Lake", "Fort",
      "Mount", "Glen", "Bay", "Green", "Red", "Stone", "Oak", "Pine",
      "River", "Elm", "Maple", "Cedar", "Ash", "Clear", "Silver", "Fair",
    ]
    let suffixes = [
      "field", "ford", "ton", "ville", "bury", "wood", "haven", "bridge",
      "dale", "port", "view", "mouth", "stead", "worth", "ham", "brook",
      "crest", "gate", "land", "more",
    ]
    precondition(count <= prefixes.count * suffixes.count, "CityAtlas: count")
    // A fixed stream: geography does not depend on the market's seed.
    var random = SyntheticRandom(seed: 0x4349_5459)
    let regions = (0..<14).map { _ in
      (random.int(in: 290_000...510_000), random.int(in: -1_230_000...(-700_000)))
    }
    var names = Set<String>()
    var cities: [City] = []
    while cities.count < count {
      let name = random.pick(prefixes) + random.pick(suffixes)
      guard names.insert(name).inserted else { continue }
      let (latitude, longitude) = random.pick(regions)
      cities.append(
        City(
          name: name,
          latitude: latitude + random.int(in: -20_000...20_000),
          longitude: longitude + random.int(in: -25_000...25_000)))
    }
    // Sizes are independent of position: shuffle before ranking.
    for k in cities.indices.reversed() where k > 0 {
      cities.swapAt(k, random.below(k + 1))
    }
    self.cities = cities
    population = WeightedChoice.zipf(count: count)
  }
}
