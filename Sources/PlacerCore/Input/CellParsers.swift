// Typed values from cells: lists, skills, numbers, flags, enumerations.

extension RowCells {
  /// The cell split on `separator`, entries trimmed, empty ones dropped.
  func list(_ field: String, separator: Character) -> [String] {
    splitList(text(field), separator: separator)
  }

  /// Normalized labels, de-duplicated in first-seen order.
  func labels(_ field: String, format: InputFormat) -> [String] {
    var seen = Set<String>()
    return list(field, separator: format.listSeparator)
      .map { format.skills.normalizeTag($0) }
      .filter { !$0.isEmpty && seen.insert($0).inserted }
  }

  /// `skill[:level]` entries; a missing level is 3.
  func skills(
    _ field: String,
    format: InputFormat,
    problems: inout [InputError]
  ) -> [SkillLevel] {
    var result: [SkillLevel] = []
    var position: [String: Int] = [:]
    for entry in list(field, separator: format.listSeparator) {
      var name = entry
      var level = 3
      if let cut = entry.lastIndex(of: format.levelSeparator) {
        let sep = format.levelSeparator
        name = String(entry[..<cut]).trimmingWhitespace
        let levelText = String(entry[entry.index(after: cut)...])
          .trimmingWhitespace
        // 'c++:3:4' was read as the skill 'c++:3' at level 4, silently.
        let separatorInName =
          sep.asciiValue.map { name.utf8.contains($0) } ?? name.contains(sep)
        let parsed = Int(levelText).flatMap { (1...5).contains($0) ? $0 : nil }
        guard let parsed, !separatorInName else {
          problems.append(
            .invalidValue(
              location(field), value: entry,
              expected: separatorInName
                ? "one skill and one level, with a single '\(sep)' "
                  + "(e.g. 'c++\(sep)4')"
                : "a skill level from 1 to 5 after '\(sep)' "
                  + "(e.g. 'python\(sep)4')"))
          continue
        }
        level = parsed
      }
      let skill = format.skills.normalize(name)
      guard !skill.isEmpty else { continue }
      // A skill listed twice keeps its highest level.
      if let seen = position[skill] {
        result[seen].level = max(result[seen].level, level)
      } else {
        position[skill] = result.count
        result.append(SkillLevel(skill, level: level))
      }
    }
    return result
  }

  /// An integer in `range`, or nil when the cell is empty.
  func integer(
    _ field: String,
    in range: ClosedRange<Int>,
    expected: String,
    problems: inout [InputError]
  ) -> Int? {
    let cell = text(field)
    if cell.isEmpty { return nil }
    guard let value = Int(cell), range.contains(value) else {
      problems.append(
        .invalidValue(location(field), value: cell, expected: expected))
      return nil
    }
    return value
  }

  /// A finite number in `range`, or nil when the cell is empty.
  func number(
    _ field: String,
    in range: ClosedRange<Double>,
    expected: String,
    problems: inout [InputError]
  ) -> Double? {
    let cell = text(field)
    if cell.isEmpty { return nil }
    // Decimal notation only: `Double` also reads hexadecimal ("0x1A").
    guard cell.allSatisfy({ "0123456789+-.eE".contains($0) }),
      let value = Double(cell), value.isFinite, range.contains(value)
    else {
      problems.append(
        .invalidValue(location(field), value: cell, expected: expected))
      return nil
    }
    return value
  }

  /// `yes`/`no` (also true/false, 1/0, y/n); empty gives `defaultValue`.
  func flag(
    _ field: String,
    default defaultValue: Bool,
    problems: inout [InputError]
  ) -> Bool {
    let cell = text(field).lowercased()
    switch cell {
    case "": return defaultValue
    case "yes", "y", "true", "1": return true
    case "no", "n", "false", "0": return false
    default:
      problems.append(
        .invalidValue(location(field), value: cell, expected: "'yes' or 'no'"))
      return defaultValue
    }
  }

  /// One value of a closed vocabulary, ignoring case, spaces, `-` and `_`
  /// (`Co-op`, `CO OP`, `co_op`, `coop`; `On-site`, `on site`).
  func choice<T: RawRepresentable & CaseIterable>(
    _ raw: String,
    field: String,
    problems: inout [InputError]
  ) -> T? where T.RawValue == String {
    let folded = raw.lowercased().withoutWordBreaks
    if let value = T.allCases.first(where: {
      $0.rawValue.withoutWordBreaks == folded
    }) {
      return value
    }
    let allowed = T.allCases.map { "'\($0.rawValue)'" }
      .joined(separator: ", ")
    problems.append(
      .invalidValue(location(field), value: raw, expected: "one of \(allowed)"))
    return nil
  }

  /// A list of vocabulary values, de-duplicated.
  func choices<T: RawRepresentable & CaseIterable & Hashable>(
    _ field: String,
    format: InputFormat,
    problems: inout [InputError]
  ) -> [T] where T.RawValue == String {
    var seen = Set<T>()
    return list(field, separator: format.listSeparator).compactMap {
      let value: T? = choice($0, field: field, problems: &problems)
      guard let value, seen.insert(value).inserted else { return nil }
      return value
    }
  }

  /// Coordinates from `lat` and `lon`, both or neither.
  func coordinate(problems: inout [InputError]) -> Coordinate? {
    let lat = number(
      "lat", in: -90...90, expected: "a latitude in degrees (-90 to 90)",
      problems: &problems)
    let lon = number(
      "lon", in: -180...180, expected: "a longitude in degrees (-180 to 180)",
      problems: &problems)
    switch (lat, lon) {
    case (let lat?, let lon?):
      return Coordinate(latitude: lat, longitude: lon)
    case (nil, .some) where text("lat").isEmpty:
      problems.append(
        .invalidValue(location("lat"), value: "",
          expected: "a latitude, since 'lon' is set"))
    case (.some, nil) where text("lon").isEmpty:
      problems.append(
        .invalidValue(location("lon"), value: "",
          expected: "a longitude, since 'lat' is set"))
    default: break
    }
    return nil
  }
}

/// Entries of a list cell, trimmed, empty entries dropped.
func splitList(_ cell: String, separator: Character) -> [String] {
  if cell.isEmpty { return [] }
  // An ASCII separator never occurs inside a multi-byte UTF-8 sequence,
  // so splitting the bytes is exact and skips grapheme breaking.
  guard let byte = separator.asciiValue else {
    return cell.split(separator: separator, omittingEmptySubsequences: true)
      .map { String($0).trimmingWhitespace }
      .filter { !$0.isEmpty }
  }
  return cell.utf8.split(separator: byte, omittingEmptySubsequences: true)
    .map { String(Substring($0)).trimmingWhitespace }
    .filter { !$0.isEmpty }
}

extension String {
  fileprivate var withoutWordBreaks: String {
    String(filter { $0 != "-" && $0 != "_" && !$0.isWhitespace })
  }
}
