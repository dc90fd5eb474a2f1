// Repairable input problems: found as warnings, refused under `--strict`.

extension Diagnostic {
  /// Warning kinds that describe the input files themselves and that
  /// Placer repairs by ignoring something: an unknown column, an unknown
  /// or repeated id in a preference or exclusion list, an empty list entry.
  ///
  /// `--strict` turns exactly these into errors. Findings about the
  /// market rather than the files (a stated preference for an ineligible
  /// listing) stay warnings.
  public static let repairableKinds: Set<String> = [
    "unknown_column", "unknown_listing_id", "repeated_listing_id",
    "unknown_learner_id", "repeated_learner_id", "empty_list_entry",
  ]

  /// True when `--strict` refuses this warning.
  public var isRepairableInputProblem: Bool {
    severity == .warning && Self.repairableKinds.contains(kind)
  }
}

extension LoadedMarket {
  /// Throws the repairable problems among `warnings` as errors.
  /// - Throws: `InputErrors` of `.strict` cases, in the order found.
  public func enforceStrict() throws(InputErrors) {
    let refused = warnings.filter(\.isRepairableInputProblem)
    guard refused.isEmpty else {
      throw InputErrors(refused.map { InputError.strict($0) })
    }
  }
}

/// List cells (by contract field) checked for empty entries.
let learnerListFields = ["skills", "sectors", "types", "modes", "preferences"]
let listingListFields = [
  "required_skills", "preferred_skills", "sectors", "programs", "reserve",
  "preferences", "excluded",
]

/// One warning per list cell holding an empty entry (`a;;b`, `a;`, `;a`);
/// the entries are dropped when the cell is read.
///
/// Fields built by a column rule other than a rename are skipped: the rule
/// splits and drops entries in its own way.
func emptyListEntryWarnings(
  in table: CSVTable,
  fields: [String],
  mapping: [String: ColumnRule],
  separator: Character
) -> [Diagnostic] {
  let columns = fields.compactMap { field in
    MarketLoader.plainHeader(field, mapping).flatMap { table.index(of: $0) }
  }
  var warnings: [Diagnostic] = []
  for record in table.records {
    for column in columns where column < record.fields.count {
      let cell = record.fields[column]
      guard hasEmptyEntry(cell, separator), cell.contains(separator) else {
        continue
      }
      warnings.append(
        Diagnostic(
          .warning, kind: "empty_list_entry",
          at: InputLocation(
            file: table.file, line: record.line,
            column: table.header[column]),
          "'\(cell.clipped)' has an empty entry (a doubled, leading or "
            + "trailing '\(separator)'); it is ignored"))
    }
  }
  return warnings
}

private func hasEmptyEntry(_ cell: String, _ separator: Character) -> Bool {
  // Byte scan for ASCII cells (nearly all); Unicode white space otherwise.
  guard let sep = separator.asciiValue, cell.utf8.allSatisfy({ $0 < 0x80 })
  else {
    return cell.split(separator: separator, omittingEmptySubsequences: false)
      .contains { $0.allSatisfy(\.isWhitespace) }
  }
  var entryHasText = false
  for byte in cell.utf8 {
    if byte == sep {
      if !entryHasText { return true }
      entryHasText = false
    } else if byte != 0x20 && !(0x09...0x0D).contains(byte) {
      entryHasText = true
    }
  }
  return !entryHasText
}
