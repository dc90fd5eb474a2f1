// Preference lists read back from `--save-preferences` files.

extension PreferenceProfile {
  /// The profile saved by `placer allocate --save-preferences` in
  /// `directory` (`learner_preferences.csv`, `listing_preferences.csv`).
  /// - Throws: `InputErrors` for unreadable files, missing columns, unknown
  ///   ids or ranks that are not whole numbers >= 1.
  public static func saved(in directory: String, market: Market)
    throws(InputErrors) -> PreferenceProfile
  {
    let learnerLists = try readLists(
      "\(directory)/learner_preferences.csv", owner: "learner_id",
      ownerIndex: market.learnerIndex, item: "listing_id",
      itemIndex: market.listingIndex)
    let listingLists = try readLists(
      "\(directory)/listing_preferences.csv", owner: "listing_id",
      ownerIndex: market.listingIndex, item: "learner_id",
      itemIndex: market.learnerIndex)
    return PreferenceProfile(
      learnerLists: learnerLists, listingLists: listingLists,
      capacities: market.listings.map(\.capacity))
  }
}

/// One side's lists: rows `owner, rank, item`, ordered by rank. A list
/// must be strict: an item or a rank given twice for one owner is an error.
private func readLists(
  _ path: String,
  owner: String,
  ownerIndex: [String: Int32],
  item: String,
  itemIndex: [String: Int32]
) throws(InputErrors) -> [[Int32]] {
  let table = try CSVReader.read(path: path)
  var problems: [InputError] = []
  for column in [owner, "rank", item] where table.index(of: column) == nil {
    problems.append(.missingColumn(file: table.file, column: column))
  }
  guard problems.isEmpty else { throw InputErrors(problems) }
  let (o, r, t) = (
    table.index(of: owner)!, table.index(of: "rank")!, table.index(of: item)!
  )
  var entries = Array(
    repeating: [(rank: Int, item: Int32)](), count: ownerIndex.count)
  // (owner, item) and (owner, rank) -> line of the first row giving it.
  var itemLine: [OwnerValue: Int] = [:]
  var rankLine: [OwnerValue: Int] = [:]
  for record in table.records {
    func at(_ column: String) -> InputLocation {
      InputLocation(file: table.file, line: record.line, column: column)
    }
    let ownerID = record.fields[o].trimmingWhitespace
    let itemID = record.fields[t].trimmingWhitespace
    guard let a = ownerIndex[ownerID] else {
      problems.append(.invalidValue(at(owner), value: ownerID,
        expected: "an id from the inputs"))
      continue
    }
    guard let b = itemIndex[itemID] else {
      problems.append(.invalidValue(at(item), value: itemID,
        expected: "an id from the inputs"))
      continue
    }
    guard let rank = Int(record.fields[r].trimmingWhitespace), rank >= 1
    else {
      problems.append(.invalidValue(at("rank"), value: record.fields[r],
        expected: "a whole number >= 1"))
      continue
    }
    let itemKey = OwnerValue(owner: a, value: Int(b))
    if let first = itemLine[itemKey] {
      problems.append(.invalidValue(at(item), value: itemID,
        expected: "each id once per \(owner) '\(ownerID)' (first on line "
          + "\(first))"))
      continue
    }
    let rankKey = OwnerValue(owner: a, value: rank)
    if let first = rankLine[rankKey] {
      problems.append(.invalidValue(at("rank"), value: String(rank),
        expected: "each rank once per \(owner) '\(ownerID)', as lists are "
          + "strict (first on line \(first))"))
      continue
    }
    itemLine[itemKey] = record.line
    rankLine[rankKey] = record.line
    entries[Int(a)].append((rank, b))
  }
  guard problems.isEmpty else { throw InputErrors(problems) }
  return entries.map { list in
    list.sorted { $0.rank < $1.rank }.map(\.item)
  }
}

/// An owner's item or rank, as a dictionary key.
private struct OwnerValue: Hashable {
  var owner: Int32
  var value: Int
}
