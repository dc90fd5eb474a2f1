// Reads both input files, validates them together, and hashes them.

import Foundation

/// A validated market with what was learned while reading it.
public struct LoadedMarket: Sendable {
  public var market: Market
  public var warnings: [Diagnostic]
  /// File path -> SHA-256 of its bytes.
  public var sha256: [(path: String, digest: String)]
}

/// Reads learners.csv and listings.csv into a `Market`.
public enum MarketLoader {
  /// The longest cell accepted, in bytes (1 MiB). No learner or listing
  /// cell is legitimately this long; such a cell is almost always a stray
  /// quote that swallowed many rows, so it is an error, not a value.
  public static let maxFieldBytes = 1 << 20

  /// Reads, validates and resolves both files; problems of both files are
  /// reported together. With `strict`, repairable problems
  /// (`Diagnostic.repairableKinds`) are errors too.
  /// - Throws: `InputErrors` (unreadable files first, then bad rows).
  public static func load(
    learnersPath: String,
    listingsPath: String,
    format: InputFormat,
    strict: Bool = false
  ) throws(InputErrors) -> LoadedMarket {
    let learnerBytes = try readBytes(learnersPath)
    let listingBytes = try readBytes(listingsPath)
    var warnings: [Diagnostic] = []
    var problems: [InputError] = []
    let learners = readSide(
      learnerBytes, file: learnersPath, what: "learner", &warnings,
      &problems
    ) { table, warnings throws(InputErrors) in
      warnings += emptyListEntryWarnings(
        in: table, fields: learnerListFields, mapping: format.learnerColumns,
        separator: format.listSeparator)
      return try LearnerReader.learners(
        from: table, format: format, warnings: &warnings)
    }
    let listings = readSide(
      listingBytes, file: listingsPath, what: "listing", &warnings,
      &problems
    ) { table, warnings throws(InputErrors) in
      warnings += emptyListEntryWarnings(
        in: table, fields: listingListFields, mapping: format.listingColumns,
        separator: format.listSeparator)
      return try ListingReader.listings(
        from: table, format: format, warnings: &warnings)
    }
    guard problems.isEmpty else { throw InputErrors(problems) }

    let market = try Market(
      learners: learners, listings: listings,
      learnerFile: learnersPath,
      listingFile: listingsPath, warnings: &warnings)
    let loaded = LoadedMarket(
      market: market, warnings: warnings,
      sha256: [
        (learnersPath, sha256Hex(learnerBytes)),
        (listingsPath, sha256Hex(listingBytes)),
      ])
    if strict { try loaded.enforceStrict() }
    return loaded
  }

  /// One file's models; its problems (and an empty table) are added to
  /// `problems` instead of thrown, so both files are reported together.
  private static func readSide<Model>(
    _ bytes: [UInt8],
    file: String,
    what: String,
    _ warnings: inout [Diagnostic],
    _ problems: inout [InputError],
    read: (CSVTable, inout [Diagnostic]) throws(InputErrors) -> [Model]
  ) -> [Model] {
    do {
      let table = try CSVReader.parse(
        bytes, file: file, maxFieldBytes: maxFieldBytes)
      let models = try read(table, &warnings)
      if table.records.isEmpty {
        problems.append(emptyTable(table.file, what: what))
      }
      return models
    } catch {
      problems += error.errors
      return []
    }
  }

  /// The whole file, or `.unreadable` naming it.
  static func readBytes(_ path: String) throws(InputErrors) -> [UInt8] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path,
      isDirectory: &isDirectory)
    else {
      throw InputErrors([.unreadable(file: path, reason: "no such file")])
    }
    guard !isDirectory.boolValue else {
      throw InputErrors([
        .unreadable(file: path, reason: "it is a directory, not a CSV file")
      ])
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw InputErrors([
        .unreadable(file: path, reason: "permission denied or read error")
      ])
    }
    return [UInt8](data)
  }

  private static func emptyTable(_ file: String, what: String) -> InputError {
    .malformed(
      InputLocation(file: file, line: 2),
      problem: "the file has a header but no \(what) rows; add at least one")
  }
}
