// Reading column rules from a config file and writing them to the manifest.

extension ColumnRule: Codable {
  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// A header name, or an object with the keys of `ColumnRule.keys`.
  /// - Throws: `ConfigurationError` for unknown keys, a rule with both a
  ///   column and a constant, or value-map keys that fold together.
  public init(from decoder: any Decoder) throws {
    if let header = try? decoder.singleValueContainer().decode(String.self) {
      self.init(header: header)
      return
    }
    let c = try decoder.container(keyedBy: Key.self)
    self.init()
    for key in c.allKeys where !Self.keys.contains(key.stringValue) {
      var message = "unknown column rule key '\(key.stringValue)'"
      if let near = nearestName(to: key.stringValue, among: Self.keys) {
        message += "; did you mean '\(near)'?"
      }
      throw ConfigurationError(message)
    }
    func text(_ name: String) throws -> String? {
      try c.decodeIfPresent(String.self, forKey: Key(stringValue: name))
    }
    if let column = try text("column") { columns = [column] }
    if let more = try c.decodeIfPresent(
      [String].self, forKey: Key(stringValue: "columns"))
    {
      columns += more
    }
    constant = try text("value")
    defaultValue = try text("default")
    separator = try text("separator")
    strip = try text("strip")
    otherwise = try text("otherwise")
    join = try text("join")
    let map =
      try c.decodeIfPresent(
        [String: String].self, forKey: Key(stringValue: "values")) ?? [:]
    try setValues(map)
    try check()
  }

  /// Folds the value-map keys; two keys folding together are an error,
  /// since JSON object order cannot say which one wins.
  private mutating func setValues(_ map: [String: String]) throws {
    for key in map.keys.sorted() {
      let folded = normalizedLabel(key)
      guard values[folded] == nil else {
        throw ConfigurationError(
          "column rule 'values' names '\(folded)' twice (keys match "
            + "ignoring case and spacing)")
      }
      values[folded] = map[key]!
    }
  }

  private func check() throws {
    if constant != nil && !columns.isEmpty {
      throw ConfigurationError(
        "a column rule has either 'value' (a constant) or 'column'/"
          + "'columns', not both")
    }
    if constant == nil && columns.isEmpty {
      throw ConfigurationError(
        "a column rule needs 'column', 'columns' or 'value'")
    }
  }

  public func encode(to encoder: any Encoder) throws {
    if isRename {
      var c = encoder.singleValueContainer()
      try c.encode(columns[0])
      return
    }
    var c = encoder.container(keyedBy: Key.self)
    for (key, value) in jsonMembers {
      switch value {
      case .string(let s): try c.encode(s, forKey: Key(stringValue: key))
      case .array(let items):
        let strings = items.compactMap { item -> String? in
          if case .string(let s) = item { return s }
          return nil
        }
        try c.encode(strings, forKey: Key(stringValue: key))
      case .object(let members):
        let map = Dictionary(
          uniqueKeysWithValues: members.compactMap {
            member -> (String, String)? in
            if case .string(let s) = member.1 { return (member.0, s) }
            return nil
          })
        try c.encode(map, forKey: Key(stringValue: key))
      default: break
      }
    }
  }

  /// The rule as the manifest records it: a string for a rename, else an
  /// object with keys in a fixed order (value-map keys sorted).
  public var jsonValue: JSONValue {
    isRename ? .string(columns[0]) : .object(jsonMembers)
  }

  private var jsonMembers: [(String, JSONValue)] {
    var members: [(String, JSONValue)] = []
    if columns.count == 1 {
      members.append(("column", .string(columns[0])))
    } else if columns.count > 1 {
      members.append(("columns", .array(columns.map { .string($0) })))
    }
    let texts: [(String, String?)] = [
      ("value", constant), ("default", defaultValue),
      ("separator", separator), ("strip", strip),
    ]
    for case (let key, let value?) in texts {
      members.append((key, .string(value)))
    }
    if !values.isEmpty {
      members.append(
        (
          "values",
          .object(
            values.keys.sorted().map {
              ($0, .string(values[$0]!))
            })
        ))
    }
    for case (let key, let value?) in [
      ("otherwise", otherwise), ("join", join),
    ] {
      members.append((key, .string(value)))
    }
    return members
  }
}

/// Checks that every key of a column section names a contract field.
/// - Throws: `ConfigurationError` naming the section, the unknown field and
///   the nearest known one.
package func checkColumnFields(
  _ rules: [String: ColumnRule],
  section: String,
  known: [String]
) throws(ConfigurationError) {
  for field in rules.keys.sorted() where !known.contains(field) {
    var message = "\(section): unknown field '\(field)'"
    if let near = nearestName(to: field, among: known) {
      message += "; did you mean '\(near)'?"
    }
    throw ConfigurationError(
      message + "; known fields: "
        + known.joined(separator: ", "))
  }
}
