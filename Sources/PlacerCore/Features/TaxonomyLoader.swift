// Reads the published ESCO skills CSV and O*NET Technology Skills files.

/// A taxonomy file to load: its published format and path.
public struct TaxonomySource: Sendable, Equatable, Codable {
  /// The published layouts Placer reads.
  public enum Format: String, Sendable, Codable, CaseIterable {
    /// ESCO skills CSV (`skills_en.csv` or a skills collection):
    /// `preferredLabel`, with `altLabels` and `hiddenLabels` holding
    /// alternatives separated by line breaks or ` | `.
    case esco
    /// O*NET `Technology Skills.txt`: tab-separated, `Example` (a product,
    /// the skill) and `Commodity Title` (its family).
    case onet
  }

  public var format: Format
  public var path: String

  public init(format: Format, path: String) {
    self.format = format
    self.path = path
  }

  /// Parses `FORMAT:PATH` as given to `--taxonomy`; nil when malformed.
  public init?(argument: String) {
    guard let colon = argument.firstIndex(of: ":"),
      let format = Format(rawValue: String(argument[..<colon]).lowercased())
    else { return nil }
    let path = String(argument[argument.index(after: colon)...])
    guard !path.isEmpty else { return nil }
    self.init(format: format, path: path)
  }
}

/// Loads taxonomy files into `SkillTaxonomy` values.
public enum TaxonomyLoader {
  /// The taxonomy in `source`, with the SHA-256 of the file's bytes.
  /// - Throws: `InputErrors`: `.unreadable` (exit 66) for a missing file;
  ///   `.malformed`, `.missingColumn` or `.invalidValue` (exit 65), with
  ///   file and line, for a file that is not in the stated format.
  public static func load(_ source: TaxonomySource)
    throws(InputErrors) -> (taxonomy: SkillTaxonomy, sha256: String)
  {
    let bytes = try MarketLoader.readBytes(source.path)
    let concepts: [SkillConcept]
    switch source.format {
    case .esco:
      let table = try parse(
        bytes, source.path, separator: ",", required: ["preferredLabel"])
      concepts = try escoConcepts(table)
    case .onet:
      let table = try parse(
        bytes, source.path, separator: "\t",
        required: ["Example", "Commodity Title"])
      concepts = try onetConcepts(table)
    }
    let name = "\(source.format.rawValue):\(source.path)"
    return (SkillTaxonomy(name: name, concepts: concepts), sha256Hex(bytes))
  }

  /// The table in `bytes`. A file in another format usually breaks the
  /// CSV structure too; then only the missing header names are reported,
  /// since they say what is wrong.
  private static func parse(
    _ bytes: [UInt8],
    _ file: String,
    separator: Character,
    required: [String]
  ) throws(InputErrors) -> CSVTable {
    do {
      return try CSVReader.parse(
        bytes, file: file, separator: separator.asciiValue!)
    } catch {
      let firstLine = String(
        decoding: bytes.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
      let names = Set(
        firstLine.split(separator: separator).map {
          String($0).trimmingWhitespace
            .trimmingCharacters(in: ["\"", "\u{FEFF}"])
        })
      let missing = required.filter { !names.contains($0) }
      guard missing.isEmpty else {
        throw InputErrors(
          missing.map { .missingColumn(file: file, column: $0) })
      }
      throw error
    }
  }

  /// ESCO rows: preferred label, alternative and hidden labels, and the
  /// first broader concept as group.
  static func escoConcepts(_ table: CSVTable) throws(InputErrors)
    -> [SkillConcept]
  {
    let columns = try Columns(
      table, required: ["preferredLabel"],
      optional: ["altLabels", "hiddenLabels", "broaderConceptPT"])
    var concepts: [SkillConcept] = []
    var problems: [InputError] = []
    for record in table.records {
      let preferred = columns.cell("preferredLabel", record)
      guard !preferred.isEmpty else {
        problems.append(columns.emptyLabel("preferredLabel", record))
        continue
      }
      let alternatives =
        escoLabels(columns.cell("altLabels", record))
        + escoLabels(columns.cell("hiddenLabels", record))
      let group = escoLabels(columns.cell("broaderConceptPT", record))
      concepts.append(
        SkillConcept(
          preferred: preferred, alternatives: alternatives,
          group: group.first ?? ""))
    }
    guard problems.isEmpty else { throw InputErrors(problems) }
    return concepts
  }

  /// The labels of an ESCO list cell: the published download separates
  /// them by line breaks, some redistributions by ` | `; both are read.
  static func escoLabels(_ cell: String) -> [String] {
    cell.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "|" })
      .map { String($0).trimmingWhitespace }
      .filter { !$0.isEmpty }
  }

  /// O*NET rows: each distinct product (`Example`) is a concept grouped
  /// under its `Commodity Title`; each commodity title is also a concept
  /// of its own, after all products, so a product name always wins.
  static func onetConcepts(_ table: CSVTable) throws(InputErrors)
    -> [SkillConcept]
  {
    let columns = try Columns(
      table, required: ["Example", "Commodity Title"], optional: [])
    var concepts: [SkillConcept] = []
    var families: [String] = []
    var seenFamilies = Set<String>()
    var problems: [InputError] = []
    for record in table.records {
      let example = columns.cell("Example", record)
      let family = columns.cell("Commodity Title", record)
      guard !example.isEmpty else {
        problems.append(columns.emptyLabel("Example", record))
        continue
      }
      concepts.append(SkillConcept(preferred: example, group: family))
      if !family.isEmpty && seenFamilies.insert(family).inserted {
        families.append(family)
      }
    }
    guard problems.isEmpty else { throw InputErrors(problems) }
    return concepts + families.map { SkillConcept(preferred: $0) }
  }
}

/// Header positions of a taxonomy table.
private struct Columns {
  let table: CSVTable
  var positions: [String: Int] = [:]

  /// - Throws: `InputErrors` with one `.missingColumn` per absent
  ///   required column (the file is not in the stated format).
  init(_ table: CSVTable, required: [String], optional: [String])
    throws(InputErrors)
  {
    self.table = table
    for name in required + optional {
      positions[name] = table.index(of: name)
    }
    let missing = required.filter { positions[$0] == nil }
    guard missing.isEmpty else {
      throw InputErrors(
        missing.map { .missingColumn(file: table.file, column: $0) })
    }
  }

  func cell(_ name: String, _ record: CSVRecord) -> String {
    guard let position = positions[name] else { return "" }
    return record.fields[position].trimmingWhitespace
  }

  func emptyLabel(_ name: String, _ record: CSVRecord) -> InputError {
    .invalidValue(
      InputLocation(file: table.file, line: record.line, column: name),
      value: "", expected: "a non-empty label")
  }
}

extension InputFormat {
  /// Loads `taxonomies` into `skills`, in order; returns each file's path
  /// and SHA-256 for the manifest.
  /// - Throws: `InputErrors` from `TaxonomyLoader.load`.
  public mutating func loadTaxonomies()
    throws(InputErrors) -> [(path: String, digest: String)]
  {
    var digests: [(path: String, digest: String)] = []
    skills.taxonomies = []
    for source in taxonomies {
      let loaded = try TaxonomyLoader.load(source)
      skills.taxonomies.append(loaded.taxonomy)
      digests.append((source.path, loaded.sha256))
    }
    return digests
  }
}
