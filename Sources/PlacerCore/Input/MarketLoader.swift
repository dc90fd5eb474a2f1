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
    var format = format
    let taxonomyDigests = try format.loadTaxonomies()
    // Each file's bytes live only until its table is parsed, and each
    // table only until its rows are built: bytes, table and models of one
    // file are never all in memory at once (see Benchmarks/bench-parse).
    var learnerBytes: Data? = try readData(learnersPath)
    var listingBytes: Data? = try readData(listingsPath)
    let sha256 = [
      (learnersPath, sha256Hex(learnerBytes!)),
      (listingsPath, sha256Hex(listingBytes!)),
    ] + taxonomyDigests
    var problems: [InputError] = []
    var learnerTable = parseTable(learnerBytes!, file: learnersPath, &problems)
    learnerBytes = nil
    var listingTable = parseTable(listingBytes!, file: listingsPath, &problems)
    listingBytes = nil

    var warnings: [Diagnostic] = []
    let readFormat = format  // taxonomies loaded; read by concurrent chunks
    let learners = buildRows(
      &learnerTable, id: plainHeader("learner_id", readFormat.learnerColumns),
      what: "learner", &warnings, &problems
    ) { table, warnings throws(InputErrors) in
      try LearnerReader.learners(
        from: table, format: readFormat, warnings: &warnings)
    } listWarnings: {
      emptyListEntryWarnings(
        in: $0, fields: learnerListFields, mapping: readFormat.learnerColumns,
        separator: readFormat.listSeparator)
    }
    let listings = buildRows(
      &listingTable, id: plainHeader("listing_id", readFormat.listingColumns),
      what: "listing", &warnings, &problems
    ) { table, warnings throws(InputErrors) in
      try ListingReader.listings(
        from: table, format: readFormat, warnings: &warnings)
    } listWarnings: {
      emptyListEntryWarnings(
        in: $0, fields: listingListFields, mapping: readFormat.listingColumns,
        separator: readFormat.listSeparator)
    }
    guard problems.isEmpty else { throw InputErrors(problems) }

    var market = try Market(
      learners: learners, listings: listings,
      learnerFile: learnersPath,
      listingFile: listingsPath, warnings: &warnings)
    market.skillCoverage = SkillCoverage(
      market: market, normalizer: format.skills)
    let loaded = LoadedMarket(
      market: market, warnings: warnings, sha256: sha256)
    if strict { try loaded.enforceStrict() }
    return loaded
  }

  /// One file's table, or nil with its problems added to `problems`.
  private static func parseTable(
    _ bytes: Data,
    file: String,
    _ problems: inout [InputError]
  ) -> CSVTable? {
    let result = bytes.withUnsafeBytes { raw in
      CSVReader.parse(
        raw.bindMemory(to: UInt8.self), file: file,
        separator: UInt8(ascii: ","), maxFieldBytes: maxFieldBytes)
    }
    switch result {
    case .success(let table): return table
    case .failure(let errors):
      problems += errors.errors
      return nil
    }
  }

  /// Rows handed to a reader at a time; each chunk's cells are freed as
  /// soon as its models exist, so a large file's table and models are
  /// never both whole in memory.
  static let chunkRows = 65_536

  /// One file's models; its problems (and an empty table) are added to
  /// `problems` instead of thrown, so both files are reported together.
  /// Takes the table out of `table`, leaving nil.
  ///
  /// `read` sees the rows in chunks: findings about the header (line 1)
  /// are kept from the first chunk only, and an id repeated across chunks
  /// is reported here, as the reader reports one within a chunk.
  private static func buildRows<Model>(
    _ table: inout CSVTable?,
    id: String?,
    what: String,
    _ warnings: inout [Diagnostic],
    _ problems: inout [InputError],
    read: @Sendable (CSVTable, inout [Diagnostic]) throws(InputErrors) -> [Model],
    listWarnings: (CSVTable) -> [Diagnostic]
  ) -> [Model] {
    guard var whole = table else { return [] }
    table = nil
    warnings += listWarnings(whole)
    let repeated = repeatedAcrossChunks(whole, id: id)
    // An id built by a column rule can only be checked whole.
    let size = id == nil ? max(whole.records.count, 1) : chunkRows
    var chunks = stride(from: 0, to: whole.records.count, by: size)
      .map { start in
        whole.records[start..<min(start + size, whole.records.count)]
          .filter { !repeated.dropped.contains($0.line) }
      }
    if chunks.isEmpty { chunks = [[]] }
    let (file, header) = (whole.file, whole.header)
    let isEmpty = whole.records.isEmpty
    var models: [Model] = []
    models.reserveCapacity(whole.records.count)
    whole.records = []

    var fileProblems = repeated.errors
    // Chunks are read in waves, one chunk per core at a time, and merged
    // in file order, so the result is the same as reading them in turn.
    let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
    var wave = 0..<0
    reading: while wave.upperBound < chunks.count {
      wave = wave.upperBound..<min(chunks.count, wave.upperBound + workers)
      var outcomes = [ChunkOutcome<Model>](
        repeating: ChunkOutcome(), count: wave.count)
      let parts = wave.map {
        CSVTable(file: file, header: header, records: chunks[$0])
      }
      outcomes.withUnsafeMutableBufferPointer { slots in
        let slots = SendableSlots(slots)
        DispatchQueue.concurrentPerform(iterations: parts.count) { w in
          let part = parts[w]
          var outcome = ChunkOutcome<Model>()
          do throws(InputErrors) {
            outcome.models = try read(part, &outcome.found)
          } catch {
            outcome.errors = error.errors
          }
          slots.buffer[w] = outcome
        }
      }
      for (w, outcome) in outcomes.enumerated() {
        let k = wave.lowerBound + w
        chunks[k] = []
        models += outcome.models
        let header = outcome.errors.filter { $0.location.line == 1 }
        fileProblems += k == 0 ? outcome.errors : outcome.errors.filter {
          $0.location.line != 1
        }
        warnings += k == 0 ? outcome.found : outcome.found.filter {
          $0.location?.line != 1
        }
        // A header problem fails every chunk the same way.
        if !header.isEmpty { break reading }
      }
    }
    // File order; the sort is stable, so one line keeps its order.
    problems += fileProblems.sorted {
      ($0.location.line ?? 0) < ($1.location.line ?? 0)
    }
    if isEmpty { problems.append(emptyTable(file, what: what)) }
    return models
  }

  /// What reading one chunk gave.
  private struct ChunkOutcome<Model> {
    var models: [Model] = []
    var errors: [InputError] = []
    var found: [Diagnostic] = []
  }

  /// Result slots written by concurrent readers, each slot by one only.
  private struct SendableSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
  }

  /// Records whose id already appeared in an earlier chunk: their lines
  /// (to drop them) and one `.duplicateID` each.
  private static func repeatedAcrossChunks(_ table: CSVTable, id: String?)
    -> (dropped: Set<Int>, errors: [InputError])
  {
    guard let id, let column = table.index(of: id),
      table.records.count > chunkRows
    else { return ([], []) }
    var first: [String: (line: Int, chunk: Int)] = [:]
    var result: (dropped: Set<Int>, errors: [InputError]) = ([], [])
    for (r, record) in table.records.enumerated()
    where column < record.fields.count {
      let value = record.fields[column].trimmingWhitespace
      guard !value.isEmpty else { continue }
      guard let seen = first[value] else {
        first[value] = (record.line, r / chunkRows)
        continue
      }
      guard seen.chunk < r / chunkRows else { continue }
      result.dropped.insert(record.line)
      result.errors.append(
        .duplicateID(
          InputLocation(file: table.file, line: record.line, column: id),
          id: value, firstLine: seen.line))
    }
    return result
  }

  /// The export header `field` is read from when its rule (if any) is a
  /// plain rename; nil when a column rule builds the field.
  static func plainHeader(_ field: String, _ mapping: [String: ColumnRule])
    -> String?
  {
    guard let rule = mapping[field] else { return field }
    return rule.isRename ? rule.columns[0] : nil
  }

  /// The whole file as bytes, or `.unreadable` naming it.
  static func readBytes(_ path: String) throws(InputErrors) -> [UInt8] {
    [UInt8](try readData(path))
  }

  /// The whole file, or `.unreadable` naming it.
  static func readData(_ path: String) throws(InputErrors) -> Data {
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
    guard let data = fileContents(atPath: path) else {
      throw InputErrors([
        .unreadable(file: path, reason: "permission denied or read error")
      ])
    }
    return data
  }

  private static func emptyTable(_ file: String, what: String) -> InputError {
    .malformed(
      InputLocation(file: file, line: 2),
      problem: "the file has a header but no \(what) rows; add at least one")
  }
}
