// learners.csv -> [Learner], validating every row (CONTRACT.md §1).

/// Reads and validates the learner file.
public enum LearnerReader {
  /// Contract field names of learners.csv.
  public static let fields = [
    "learner_id", "skills", "goals", "sectors", "types", "modes", "location",
    "relocate", "lat", "lon", "max_distance_km", "term", "program", "year",
    "group", "preferences", "pinned",
  ]

  /// Learners of `table`, or every problem found in it.
  /// - Throws: `InputErrors` listing each bad cell.
  public static func learners(
    from table: CSVTable,
    format: InputFormat,
    warnings: inout [Diagnostic]
  ) throws(InputErrors) -> [Learner] {
    try readRows(
      of: table, known: fields, required: ["learner_id", "skills"],
      mapping: format.learnerColumns,
      lists: FieldShape.learnerLists, listSeparator: format.listSeparator,
      idField: "learner_id",
      warnings: &warnings
    ) { id, row, problems in
      learner(id: id, row: row, format: format, &problems)
    }
  }

  private static func learner(
    id: String,
    row: RowCells,
    format: InputFormat,
    _ problems: inout [InputError]
  ) -> Learner {
    var learner = Learner(id: id, line: row.record.line)
    learner.skills = row.skills("skills", format: format, problems: &problems)
    learner.goals = row.text("goals")
    learner.sectors = row.labels("sectors", format: format)
    learner.types = row.choices("types", format: format, problems: &problems)
    learner.modes = row.choices("modes", format: format, problems: &problems)
    learner.location = normalizedLabel(row.text("location"))
    learner.relocate = row.flag(
      "relocate", default: false, problems: &problems)
    learner.coordinate = row.coordinate(problems: &problems)
    learner.maxDistanceKm = row.number(
      "max_distance_km", in: 0...40_075,
      expected: "a distance in km from 0 to 40075", problems: &problems)
    learner.term = normalizedLabel(row.text("term"))
    learner.program = normalizedLabel(row.text("program"))
    learner.year = row.integer(
      "year", in: 1...20, expected: "a year of study, an integer >= 1",
      problems: &problems)
    learner.group = normalizedLabel(row.text("group"))
    learner.preferences = row.list(
      "preferences", separator: format.listSeparator)
    learner.pinned = row.text("pinned")
    return learner
  }
}
