// How one contract field is read from an office's export: which headers,
// constants, defaults, value maps, list separators.

/// The recipe for one contract field, from a config's `learner_columns` or
/// `listing_columns` section.
///
/// In JSON a rule is either a header name (`"listing_id": "Id"`, a plain
/// rename) or an object with these keys, all optional:
///
/// | key | meaning |
/// |---|---|
/// | `column` | the export header to read (`""` names an unnamed column) |
/// | `columns` | several headers, read in order and combined |
/// | `value` | a constant, for a field the export lacks (no `column`) |
/// | `default` | used when the cells give nothing |
/// | `separator` | splits each cell into entries (e.g. `","`) |
/// | `strip` | characters trimmed from both ends of each entry |
/// | `values` | entry -> contract value; keys match case-insensitively |
/// | `otherwise` | replaces entries that `values` does not name |
/// | `join` | joins the entries into one cell |
///
/// Entries that end up empty are dropped. What is left becomes a list
/// for list fields (joined with the list separator), text joined by a
/// space for text fields, and the first entry for single-value fields,
/// unless `join` is given.
public struct ColumnRule: Sendable, Equatable {
  /// Export headers read, in order; empty for a constant.
  public var columns: [String] = []
  /// The constant value (`value`).
  public var constant: String?
  /// The value used when the cells give nothing (`default`).
  public var defaultValue: String?
  public var separator: String?
  public var strip: String?
  /// Folded entry (see `normalizedLabel`) -> contract value.
  public var values: [String: String] = [:]
  public var otherwise: String?
  public var join: String?

  /// A plain rename: the field is read from `header` as it is.
  public init(header: String) {
    columns = [header]
  }

  /// An empty rule, to be filled in field by field.
  public init() {}

  /// True when the rule only renames a header.
  public var isRename: Bool {
    columns.count == 1 && constant == nil && defaultValue == nil
      && separator == nil && strip == nil && values.isEmpty
      && otherwise == nil && join == nil
  }

  /// The object keys a rule accepts, in the order they are rendered.
  static let keys = [
    "column", "columns", "value", "default", "separator", "strip", "values",
    "otherwise", "join",
  ]
}

/// How the entries of a field become one cell.
enum FieldShape {
  /// Entries joined with the list separator.
  case list
  /// Entries joined with a space.
  case text
  /// The first entry.
  case single

  static let learnerLists: Set = [
    "skills", "sectors", "types", "modes", "preferences",
  ]
  static let listingLists: Set = [
    "required_skills", "preferred_skills", "sectors", "programs", "reserve",
    "preferences", "excluded",
  ]
  static let texts: Set = ["goals", "employer", "title", "description"]

  init(field: String, lists: Set<String>) {
    if lists.contains(field) {
      self = .list
    } else if Self.texts.contains(field) {
      self = .text
    } else {
      self = .single
    }
  }
}

/// A rule whose headers have been found in one table.
struct BoundRule {
  let rule: ColumnRule
  /// Positions of `rule.columns` in the header.
  let positions: [Int]
  let shape: FieldShape
  let listSeparator: Character
  /// Characters trimmed from entries: `strip` plus white space.
  private let trimmed: Set<Character>

  init(
    _ rule: ColumnRule,
    positions: [Int],
    shape: FieldShape,
    listSeparator: Character
  ) {
    self.rule = rule
    self.positions = positions
    self.shape = shape
    self.listSeparator = listSeparator
    trimmed = Set(rule.strip ?? "")
  }

  /// The field's cell for `record`, in contract form (untrimmed entries
  /// are trimmed; lists use the contract list separator).
  func cell(_ record: CSVRecord) -> String {
    var entries: [String] = []
    if let constant = rule.constant {
      entries = [constant]
    }
    for position in positions {
      for entry in split(record.fields[position]) {
        let value = mapped(entry)
        if !value.isEmpty { entries.append(value) }
      }
    }
    if entries.isEmpty, let fallback = rule.defaultValue {
      entries = [fallback]
    }
    if let join = rule.join {
      return entries.joined(separator: join)
    }
    switch shape {
    case .list: return entries.joined(separator: String(listSeparator))
    case .text: return entries.joined(separator: " ")
    case .single: return entries.first ?? ""
    }
  }

  /// Entries of one cell, trimmed of `strip` and white space.
  private func split(_ cell: String) -> [String] {
    let parts: [Substring]
    if let separator = rule.separator, !separator.isEmpty {
      parts = cell.split(separator: separator)
    } else {
      parts = [Substring(cell)]
    }
    return parts.compactMap { part in
      let entry = part.drop {
        $0.isWhitespace || trimmed.contains($0)
      }
      guard
        let last = entry.lastIndex(where: {
          !$0.isWhitespace && !trimmed.contains($0)
        })
      else { return nil }
      return String(entry[...last])
    }
  }

  /// `entry` through the value map.
  private func mapped(_ entry: String) -> String {
    if rule.values.isEmpty && rule.otherwise == nil { return entry }
    return rule.values[normalizedLabel(entry)] ?? rule.otherwise ?? entry
  }
}
