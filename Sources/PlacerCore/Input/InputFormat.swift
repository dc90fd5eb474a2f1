// How an office's export is laid out: column names and separators.

/// Column mapping and separators for one pair of input files.
public struct InputFormat: Sendable {
  /// Separator between entries of a list cell.
  public var listSeparator: Character = ";"
  /// Separator between a skill and its level (`python:4`).
  public var levelSeparator: Character = ":"
  /// Contract field name -> the header the export uses for it.
  public var learnerColumns: [String: String] = [:]
  public var listingColumns: [String: String] = [:]
  /// Normalizes skill and sector names.
  public var skills = SkillNormalizer()

  public init() {}
}

/// Reads one row's cells by contract field name, collecting problems.
struct RowCells {
  let table: CSVTable
  let record: CSVRecord
  let positions: [String: Int]

  /// The trimmed cell for `field`, or "" when the column is absent.
  func text(_ field: String) -> String {
    guard let position = positions[field] else { return "" }
    return record.fields[position].trimmingWhitespace
  }

  /// Where `field` of this row sits, for messages.
  func location(_ field: String) -> InputLocation {
    let header = positions[field].map { table.header[$0] } ?? field
    return InputLocation(file: table.file, line: record.line, column: header)
  }
}

/// Header lookup shared by both readers.
struct ColumnPositions {
  /// Field -> position in the header.
  var positions: [String: Int] = [:]
  var problems: [InputError] = []
  var warnings: [Diagnostic] = []

  init(
    table: CSVTable,
    known: [String],
    required: [String],
    mapping: [String: String]
  ) {
    var claimed = Set<Int>()
    for field in known {
      let header = mapping[field] ?? field
      if let position = table.index(of: header) {
        positions[field] = position
        claimed.insert(position)
      }
    }
    for field in required where positions[field] == nil {
      problems.append(
        .missingColumn(file: table.file, column: mapping[field] ?? field))
    }
    for (position, name) in table.header.enumerated()
    where !claimed.contains(position) {
      var message = "unknown column; it is ignored"
      if let near = nearestName(to: name, among: known) {
        message += "; did you mean '\(near)'?"
      }
      warnings.append(
        Diagnostic(
          .warning, kind: "unknown_column",
          at: InputLocation(file: table.file, line: 1, column: name),
          message))
    }
  }
}

/// Rows of `table` turned into models by `build`, after checking the header
/// and each row's id (non-empty, unique); every problem is collected and
/// thrown once.
/// - Throws: `InputErrors` for missing columns, bad ids and bad cells.
func readRows<Model>(
  of table: CSVTable,
  known: [String],
  required: [String],
  mapping: [String: String],
  idField: String,
  warnings: inout [Diagnostic],
  build: (String, RowCells, inout [InputError]) -> Model?
) throws(InputErrors) -> [Model] {
  let columns = ColumnPositions(
    table: table, known: known, required: required, mapping: mapping)
  warnings += columns.warnings
  var problems = columns.problems
  guard problems.isEmpty else { throw InputErrors(problems) }

  var models: [Model] = []
  models.reserveCapacity(table.records.count)
  var firstLine: [String: Int] = [:]
  for record in table.records {
    let row = RowCells(
      table: table, record: record, positions: columns.positions)
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

/// The known name closest to `name` by edit distance, if it is close.
package func nearestName(to name: String, among known: [String]) -> String? {
  let target = Array(name.lowercased())
  guard !target.isEmpty else { return nil }
  var best: (name: String, distance: Int)?
  for candidate in known {
    let distance = editDistance(target, Array(candidate))
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
