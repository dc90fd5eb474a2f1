// The diagnosis as CSV files and as a short digest for the terminal.

import Foundation

extension MarketDiagnosis {
  /// File name -> CSV bytes, in the order they are best read.
  public func files() -> [(name: String, bytes: [UInt8])] {
    [
      ("learners_without_listing.csv", learnersWithoutListingCSV()),
      ("underdemanded_listings.csv", underdemandedListingsCSV()),
      ("supply_demand.csv", supplyDemandCSV()),
      ("ineligible_preferences.csv", ineligiblePreferencesCSV()),
    ]
  }

  private static var removedColumns: [String] {
    Constraint.allCases.map { "removed_by_\($0.rawValue)" }
  }

  /// learner_id, line, main_constraint, last_constraint, then the listings
  /// charged to each constraint.
  public func learnersWithoutListingCSV() -> [UInt8] {
    var csv = CSVWriter(
      header: ["learner_id", "line", "main_constraint", "last_constraint"]
        + Self.removedColumns)
    for stranded in strandedLearners {
      let learner = market.learners[stranded.learner]
      csv.append(
        [
          learner.id, String(learner.line),
          stranded.mainConstraint?.rawValue ?? "",
          stranded.lastConstraint?.rawValue ?? "",
        ]
          + stranded.removed.map(String.init))
    }
    return csv.bytes
  }

  /// listing_id, line, capacity, eligible_learners, shortfall,
  /// main_constraint, then the learners charged to each constraint.
  public func underdemandedListingsCSV() -> [UInt8] {
    var csv = CSVWriter(
      header: [
        "listing_id", "line", "capacity", "eligible_learners",
        "shortfall", "main_constraint",
      ] + Self.removedColumns)
    for short in underdemandedListings {
      let listing = market.listings[short.listing]
      csv.append(
        [
          listing.id, String(listing.line), String(short.capacity),
          String(short.eligibleLearners), String(short.shortfall),
          short.mainConstraint?.rawValue ?? "",
        ]
          + short.removed.map(String.init))
    }
    return csv.bytes
  }

  /// dimension, value, listings, seats, learners, eligible_learners,
  /// seats_per_learner (empty when no learner asks for the row).
  public func supplyDemandCSV() -> [UInt8] {
    var csv = CSVWriter(
      header: [
        "dimension", "value", "listings", "seats", "learners",
        "eligible_learners", "seats_per_learner",
      ])
    for row in supplyDemand {
      csv.append(
        [
          row.dimension, row.value, String(row.listings), String(row.seats),
          String(row.learners), String(row.eligibleLearners),
          row.seatsPerLearner.map { String(format: "%.3f", $0) } ?? "",
        ])
    }
    return csv.bytes
  }

  /// side, id, line, rank, named_id, reason.
  public func ineligiblePreferencesCSV() -> [UInt8] {
    var csv = CSVWriter(
      header: ["side", "id", "line", "rank", "named_id", "reason"])
    for problem in preferenceProblems {
      let (id, line) =
        problem.side == .learner
        ? (
          market.learners[problem.owner].id,
          market.learners[problem.owner].line
        )
        : (
          market.listings[problem.owner].id,
          market.listings[problem.owner].line
        )
      csv.append(
        [
          problem.side.rawValue, id, String(line), String(problem.rank),
          problem.named, problem.reason,
        ])
    }
    return csv.bytes
  }

  /// A few lines with the headline numbers, without a prefix; the caller
  /// prints them. Deterministic: no timings, no paths.
  public func digest() -> [String] {
    let seats = market.listings.reduce(0) { $0 + $1.capacity }
    var lines = [
      "\(market.learners.count) learners, \(market.listings.count) "
        + "listings, \(seats) seats; \(learnersWithListing) learners have "
        + "at least one eligible listing"
    ]
    if !strandedLearners.isEmpty {
      let counts = tally(strandedLearners.compactMap(\.mainConstraint))
      lines.append(
        "\(strandedLearners.count) learners have no eligible listing; "
          + "main constraint: \(counts)")
    }
    if !underdemandedListings.isEmpty {
      let short = underdemandedListings.reduce(0) { $0 + $1.shortfall }
      lines.append(
        "\(underdemandedListings.count) listings have fewer eligible "
          + "learners than seats (\(short) seats cannot be filled)")
    }
    let asked = supplyDemand.filter {
      $0.dimension != "all" && $0.learners > 0
    }
    let scarce = asked.filter { $0.seats > 0 }.sorted {
      ($0.seatsPerLearner!, $0.dimension, $0.value)
        < ($1.seatsPerLearner!, $1.dimension, $1.value)
    }
    if !scarce.isEmpty {
      let text = scarce.prefix(3).map {
        "\($0.dimension) '\($0.value)' \(count($0.seats, "seat")) for "
          + count($0.learners, "learner")
      }
      lines.append("scarcest: " + text.joined(separator: "; "))
    }
    let unoffered = asked.filter { $0.seats == 0 }.sorted {
      ($1.learners, $0.dimension, $0.value)
        < ($0.learners, $1.dimension, $1.value)
    }
    if !unoffered.isEmpty {
      var text = unoffered.prefix(3).map {
        "\($0.dimension) '\($0.value)' (\(count($0.learners, "learner")))"
      }.joined(separator: "; ")
      if unoffered.count > 3 { text += "; and \(unoffered.count - 3) more" }
      lines.append("asked for but no seats: " + text)
    }
    if !preferenceProblems.isEmpty {
      let counts = tally(preferenceProblems.map(\.reason))
      lines.append(
        "\(preferenceProblems.count) stated preferences cannot be "
          + "honoured: \(counts)")
    }
    return lines
  }
}

extension MarketDiagnosis.SupplyDemand {
  /// Seats per learner asking, nil when nobody asks.
  public var seatsPerLearner: Double? {
    learners == 0 ? nil : Double(seats) / Double(learners)
  }
}

/// `1 seat`, `2 seats`.
private func count(_ n: Int, _ noun: String) -> String {
  n == 1 ? "1 \(noun)" : "\(n) \(noun)s"
}

/// `a 3, b 1`: counts of each value, most frequent first, then by name.
private func tally<T: RawRepresentable>(_ values: [T]) -> String
where T.RawValue == String {
  tally(values.map(\.rawValue))
}

private func tally(_ values: [String]) -> String {
  var counts: [String: Int] = [:]
  for value in values { counts[value, default: 0] += 1 }
  return counts.sorted {
    $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key
  }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
}
