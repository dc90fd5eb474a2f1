// How an office's export is laid out: column names and separators.

/// Column mapping and separators for one pair of input files.
public struct InputFormat: Sendable {
  /// Separator between entries of a list cell.
  public var listSeparator: Character = ";"
  /// Separator between a skill and its level (`python:4`).
  public var levelSeparator: Character = ":"
  /// Contract field name -> how the export gives it (see `ColumnRule`).
  public var learnerColumns: [String: ColumnRule] = [:]
  public var listingColumns: [String: ColumnRule] = [:]
  /// Normalizes skill and sector names.
  public var skills = SkillNormalizer()
  /// Skill taxonomy files to load into `skills` before reading.
  public var taxonomies: [TaxonomySource] = []

  public init() {}
}

/// Reads one row's cells by contract field name, collecting problems.
struct RowCells {
  let table: CSVTable
  let record: CSVRecord
  let positions: [String: Int]
  /// Fields built by column rules beyond a rename.
  var derived: [String: BoundRule] = [:]

  /// The trimmed cell for `field`, or "" when the column is absent.
  func text(_ field: String) -> String {
    if let position = positions[field] {
      return record.fields[position].trimmingWhitespace
    }
    guard let rule = derived[field] else { return "" }
    return rule.cell(record).trimmingWhitespace
  }

  /// Where `field` of this row sits, for messages: the export header(s)
  /// it comes from, or the field itself for a constant.
  func location(_ field: String) -> InputLocation {
    var header = positions[field].map { table.header[$0] } ?? field
    if let rule = derived[field], !rule.positions.isEmpty {
      header = rule.positions.map { table.header[$0] }
        .joined(separator: "+")
    }
    return InputLocation(file: table.file, line: record.line, column: header)
  }
}

/// Header lookup shared by both readers.
struct ColumnPositions {
  /// Field -> position in the header.
  var positions: [String: Int] = [:]
  /// Field -> rule, for fields built by more than a rename.
  var derived: [String: BoundRule] = [:]
  var problems: [InputError] = []
  var warnings: [Diagnostic] = []

  init(
    table: CSVTable,
    known: [String],
    required: [String],
    mapping: [String: ColumnRule],
    lists: Set<String> = [],
    listSeparator: Character = ";"
  ) {
    var claimed = Set<Int>()
    for field in known {
      if let rule = mapping[field] {
        let shape = FieldShape(field: field, lists: lists)
        claimed.formUnion(
          bind(field, rule, table, shape: shape, separator: listSeparator))
      } else if let position = table.index(of: field) {
        positions[field] = position
        claimed.insert(position)
      }
    }
    if let other = Self.otherSeparator(table), mapping.isEmpty {
      // One header naming several columns: the file is not comma-separated.
      problems.append(
        .malformed(
          InputLocation(file: table.file, line: 1),
          problem: "the header is the single column '\(table.header[0])'; "
            + "the file separates columns with \(other), but Placer reads "
            + "comma-separated CSV; save it as CSV with ',' between columns"))
      return
    }
    let swapped = ["learner_id": "listing_id", "listing_id": "learner_id"]
    if let id = required.first, let other = swapped[id], mapping.isEmpty,
      positions[id] == nil, table.index(of: other) != nil
    {
      // The other side's file: one error, not one per missing column.
      problems.append(
        .malformed(
          InputLocation(file: table.file, line: 1, column: id),
          problem: "the header has '\(other)' but no '\(id)': this looks "
            + "like the other input; are --learners and --listings swapped?"))
      return
    }
    for field in required
    where positions[field] == nil && derived[field] == nil
      && mapping[field] == nil
    {
      problems.append(.missingColumn(file: table.file, column: field))
    }
    for (position, name) in table.header.enumerated()
    where !claimed.contains(position) {
      var message = "unknown column '\(name)' is ignored"
      if mapping[name] != nil {
        message = "column '\(name)' is ignored: the column mapping gives "
          + "field '\(name)' from elsewhere"
      } else if let near = nearestName(to: name, among: known) {
        message += "; did you mean '\(near)'?"
      }
      warnings.append(
        Diagnostic(
          .warning, kind: "unknown_column",
          at: InputLocation(file: table.file, line: 1), message))
    }
  }
}

extension ColumnPositions {
  /// The separator a one-column header seems to use instead of ',', named
  /// for messages (';' from a European spreadsheet, a tab from a TSV).
  static func otherSeparator(_ table: CSVTable) -> String? {
    guard table.header.count == 1 else { return nil }
    let header = table.header[0]
    if header.contains(";") { return "';'" }
    if header.contains("\t") { return "tabs" }
    return nil
  }

  /// Finds the headers `rule` reads; returns their positions, or none
  /// (after recording a problem) when one is missing.
  fileprivate mutating func bind(
    _ field: String,
    _ rule: ColumnRule,
    _ table: CSVTable,
    shape: FieldShape,
    separator: Character
  ) -> [Int] {
    let found = rule.columns.map { table.index(of: $0) }
    for (header, position) in zip(rule.columns, found) where position == nil {
      problems.append(missingMapped(header, field: field, table: table))
    }
    let sources = found.compactMap { $0 }
    guard sources.count == found.count else { return [] }
    if rule.isRename {
      positions[field] = sources[0]
    } else {
      derived[field] = BoundRule(
        rule, positions: sources, shape: shape, listSeparator: separator)
    }
    return sources
  }
}

/// A mapped header that the export does not have.
private func missingMapped(
  _ header: String,
  field: String,
  table: CSVTable
) -> InputError {
  var problem =
    "the column mapping reads field '\(field)' from this column, but the "
    + "header has no such column"
  if let near = nearestName(to: header, among: table.header) {
    problem += "; did you mean '\(near)'?"
  }
  return .malformed(
    InputLocation(file: table.file, line: 1, column: header),
    problem: problem)
}

/// Rows of `table` turned into models by `build`, after checking the header
/// and each row's id (non-empty, unique); every problem is collected and
/// thrown once.
/// - Throws: `InputErrors` for missing columns, bad ids and bad cells.
func readRows<Model>(
  of table: CSVTable,
  known: [String],
  required: [String],
  mapping: [String: ColumnRule],
  lists: Set<String>,
  listSeparator: Character,
  idField: String,
  warnings: inout [Diagnostic],
  build: (String, RowCells, inout [InputError]) -> Model?
) throws(InputErrors) -> [Model] {
  let columns = ColumnPositions(
    table: table, known: known, required: required, mapping: mapping,
    lists: lists, listSeparator: listSeparator)
  warnings += columns.warnings
  var problems = columns.problems
  guard problems.isEmpty else { throw InputErrors(problems) }

  var models: [Model] = []
  models.reserveCapacity(table.records.count)
  var firstLine: [String: Int] = [:]
  for record in table.records {
    let row = RowCells(
      table: table, record: record, positions: columns.positions,
      derived: columns.derived)
    let id = row.text(idField)
    if id.isEmpty {
      problems.append(
        .invalidValue(row.location(idField), value: "",
          expected: "a non-empty id"))
      continue
    }
    if let first = firstLine[id] {
      problems.append(
        .duplicateID(row.location(idField), id: id, firstLine: first))
      continue
    }
    firstLine[id] = record.line
    if let model = build(id, row, &problems) { models.append(model) }
  }
  guard problems.isEmpty else { throw InputErrors(problems) }
  return models
}

/// The known name closest to `name` by edit distance, ignoring case, if it
/// is close.
package func nearestName(to name: String, among known: [String]) -> String? {
  let target = Array(name.lowercased())
  guard !target.isEmpty else { return nil }
  var best: (name: String, distance: Int)?
  for candidate in known {
    let distance = editDistance(target, Array(candidate.lowercased()))
    if distance < (best?.distance ?? Int.max) {
      best = (candidate, distance)
    }
  }
  guard let best, best.distance <= max(2, target.count / 3) else {
    return nil
  }
  return best.name
}

/// Levenshtein distance between two character arrays.
package func editDistance(_ a: [Character], _ b: [Character]) -> Int {
  if a.isEmpty { return b.count }
  var previous = Array(0...b.count)
  var current = previous
  for i in 1...a.count {
    current[0] = i
    for j in stride(from: 1, through: b.count, by: 1) {
      let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
      current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
    }
    swap(&previous, &current)
  }
  return previous[b.count]
}

extension String {
  /// The string without leading and trailing white space.
  var trimmingWhitespace: String {
    // Most cells start and end with a visible ASCII byte: nothing to trim,
    // and no Unicode property lookups.
    if let first = utf8.first, let last = utf8.last,
      (0x21..<0x7F).contains(first), (0x21..<0x7F).contains(last)
    {
      return self
    }
    guard let first = firstIndex(where: { !$0.isWhitespace }) else {
      return ""
    }
    let last = lastIndex(where: { !$0.isWhitespace })!
    return String(self[first...last])
  }
}
