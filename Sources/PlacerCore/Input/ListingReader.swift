// listings.csv -> [Listing], validating every row (CONTRACT.md §1).

/// Reads and validates the listing file.
public enum ListingReader {
  /// Contract field names of listings.csv.
  public static let fields = [
    "listing_id", "type", "capacity", "employer", "title", "description",
    "required_skills", "preferred_skills", "sectors", "mode", "location",
    "lat", "lon", "term", "min_year", "programs", "reserve", "preferences",
    "excluded",
  ]

  /// The largest capacity accepted; larger values are almost surely typos.
  public static let maxCapacity = 1_000_000

  /// Listings of `table`, or every problem found in it.
  /// - Throws: `InputErrors` listing each bad cell.
  public static func listings(
    from table: CSVTable,
    format: InputFormat,
    warnings: inout [Diagnostic]
  ) throws(InputErrors) -> [Listing] {
    try readRows(
      of: table, known: fields,
      required: ["listing_id", "type", "capacity"],
      mapping: format.listingColumns,
      lists: FieldShape.listingLists, listSeparator: format.listSeparator,
      idField: "listing_id",
      warnings: &warnings
    ) { id, row, problems in
      listing(id: id, row: row, format: format, &problems)
    }
  }

  private static func listing(
    id: String,
    row: RowCells,
    format: InputFormat,
    _ problems: inout [InputError]
  ) -> Listing? {
    let typeText = row.text("type")
    let type: ListingType? =
      typeText.isEmpty
      ? nil : row.choice(typeText, field: "type", problems: &problems)
    if typeText.isEmpty {
      problems.append(
        .invalidValue(row.location("type"), value: "",
          expected: "one of 'internship', 'apprenticeship', 'co-op'"))
    }
    let seats = "a whole number of seats from 0 to \(maxCapacity)"
    let capacity = row.integer(
      "capacity", in: 0...maxCapacity, expected: seats, problems: &problems)
    if row.text("capacity").isEmpty {
      problems.append(
        .invalidValue(row.location("capacity"), value: "", expected: seats))
    }
    guard let type, let capacity else { return nil }

    var listing = Listing(
      id: id, line: row.record.line, type: type, capacity: capacity)
    listing.employer = row.text("employer")
    listing.title = row.text("title")
    listing.description = row.text("description")
    listing.requiredSkills = row.skills(
      "required_skills", format: format, problems: &problems)
    listing.preferredSkills = row.skills(
      "preferred_skills", format: format, problems: &problems)
    listing.sectors = row.labels("sectors", format: format)
    let modeText = row.text("mode")
    if !modeText.isEmpty,
      let mode: WorkMode = row.choice(modeText, field: "mode",
        problems: &problems)
    {
      listing.mode = mode
    }
    listing.location = normalizedLabel(row.text("location"))
    listing.coordinate = row.coordinate(problems: &problems)
    listing.term = normalizedLabel(row.text("term"))
    listing.minYear = row.integer(
      "min_year", in: 1...20, expected: "an integer year of study >= 1",
      problems: &problems)
    listing.programs = splitList(
      row.text("programs"), separator: format.listSeparator
    ).map(normalizedLabel)
    listing.reserves = reserves(row, capacity, format, &problems)
    listing.preferences = row.list(
      "preferences", separator: format.listSeparator)
    listing.excluded = row.list("excluded", separator: format.listSeparator)
    return listing
  }

  /// `group:seats` entries, their sum at most the capacity.
  private static func reserves(
    _ row: RowCells,
    _ capacity: Int,
    _ format: InputFormat,
    _ problems: inout [InputError]
  ) -> [SeatReserve] {
    var result: [SeatReserve] = []
    for entry in row.list("reserve", separator: format.listSeparator) {
      let parts = entry.split(
        separator: format.levelSeparator, omittingEmptySubsequences: false)
      let group = normalizedLabel(String(parts[0]))
      guard parts.count == 2, !group.isEmpty,
        let seats = Int(String(parts[1]).trimmingWhitespace), seats >= 0
      else {
        problems.append(
          .invalidValue(row.location("reserve"), value: entry,
            expected: "'group\(format.levelSeparator)seats' with seats an "
              + "integer >= 0"))
        continue
      }
      if let same = result.firstIndex(where: { $0.group == group }) {
        result[same].seats += seats
      } else {
        result.append(SeatReserve(group: group, seats: seats))
      }
    }
    let total = result.reduce(0) { $0 + $1.seats }
    if total > capacity {
      problems.append(
        .invalidValue(row.location("reserve"), value: row.text("reserve"),
          expected: "reserved seats summing to at most the capacity "
            + "(\(capacity)); these sum to \(total)"))
    }
    return result
  }
}
