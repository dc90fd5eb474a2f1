// Seats against demand by type, sector, location and group.

/// Accumulates `MarketDiagnosis.SupplyDemand` rows: listings and seats when
/// created, learners and eligible learners one learner at a time.
struct SupplyDemandTable {
  static let dimensions = ["all", "type", "sector", "location", "group"]
  static let remote = "(remote)"
  static let unspecified = "(unspecified)"

  let market: Market
  private(set) var rows: [MarketDiagnosis.SupplyDemand] = []
  private var index: [String: [String: Int]] = [:]
  /// Per listing: the rows it belongs to.
  private(set) var rowsOfListing: [[Int]] = []
  /// Rows of the types some listing offers.
  private var offeredTypeRows: [Int] = []

  init(market: Market) {
    self.market = market
    rowsOfListing = market.listings.map { listing in
      var keys = [("all", ""), ("type", listing.type.rawValue)]
      keys += listing.sectors.map { ("sector", $0) }
      if listing.mode == .remote {
        keys.append(("location", Self.remote))
      } else {
        let place = listing.location
        keys.append(("location", place.isEmpty ? Self.unspecified : place))
      }
      keys += listing.reserves.map { ("group", $0.group) }
      return keys.map { row($0.0, $0.1) }
    }
    for (j, listing) in market.listings.enumerated() {
      for r in rowsOfListing[j] {
        rows[r].listings += 1
        rows[r].seats +=
          rows[r].dimension == "group"
          ? listing.reserves.first { $0.group == rows[r].value }!.seats
          : listing.capacity
      }
    }
    offeredTypeRows = ListingType.allCases.compactMap {
      index["type"]?[$0.rawValue]
    }
  }

  /// The row for `value` of `dimension`, created empty when new.
  private mutating func row(_ dimension: String, _ value: String) -> Int {
    if let r = index[dimension]?[value] { return r }
    rows.append(
      MarketDiagnosis.SupplyDemand(
        dimension: dimension, value: value, listings: 0, seats: 0,
        learners: 0, eligibleLearners: 0))
    index[dimension, default: [:]][value] = rows.count - 1
    return rows.count - 1
  }

  /// Counts learner `i` in each row it asks for; as eligible in those of
  /// `reached` (the rows of its eligible listings).
  mutating func count(learner i: Int, reaching reached: Set<Int>) {
    let learner = market.learners[i]
    var asked = [row("all", "")]
    // Empty types accept every type offered; a named type gets a row even
    // when no listing offers it.
    if learner.types.isEmpty {
      asked += offeredTypeRows
    } else {
      asked += learner.types.map { row("type", $0.rawValue) }
    }
    asked += learner.sectors.map { row("sector", $0) }
    if !learner.location.isEmpty {
      asked.append(row("location", learner.location))
    }
    if learner.modes.isEmpty || learner.modes.contains(.remote),
      let r = index["location"]?[Self.remote]
    {
      asked.append(r)
    }
    if !learner.group.isEmpty { asked.append(row("group", learner.group)) }
    for r in asked {
      rows[r].learners += 1
      if reached.contains(r) { rows[r].eligibleLearners += 1 }
    }
  }

  /// The rows by dimension (in `dimensions` order), then by value.
  func sortedRows() -> [MarketDiagnosis.SupplyDemand] {
    rows.sorted {
      let a = Self.dimensions.firstIndex(of: $0.dimension)!
      let b = Self.dimensions.firstIndex(of: $1.dimension)!
      return a != b ? a < b : $0.value < $1.value
    }
  }
}
