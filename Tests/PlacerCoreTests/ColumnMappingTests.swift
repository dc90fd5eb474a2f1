import Foundation
import Testing

@testable import PlacerCore

/// The path of a committed fixture file, found from this file's path.
func fixture(_ name: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/" + name).path
}

@Suite struct ColumnMappingTests {
  /// A configuration decoded from JSON text, as a config file gives it.
  func configuration(_ json: String) throws -> RunConfiguration {
    try JSONDecoder().decode(RunConfiguration.self, from: Data(json.utf8))
  }

  func listings(
    _ csv: String,
    _ columns: String,
    warnings: inout [Diagnostic]
  ) throws -> [Listing] {
    let format = try configuration(#"{"listing_columns": \#(columns)}"#)
      .inputFormat
    let table = try CSVReader.parse(Array(csv.utf8), file: "listings.csv")
    return try ListingReader.listings(
      from: table, format: format, warnings: &warnings)
  }

  func listings(_ csv: String, _ columns: String) throws -> [Listing] {
    var warnings: [Diagnostic] = []
    return try listings(csv, columns, warnings: &warnings)
  }

  func learners(_ csv: String, _ columns: String) throws -> [Learner] {
    let format = try configuration(#"{"learner_columns": \#(columns)}"#)
      .inputFormat
    let table = try CSVReader.parse(Array(csv.utf8), file: "learners.csv")
    var warnings: [Diagnostic] = []
    return try LearnerReader.learners(
      from: table, format: format, warnings: &warnings)
  }

  /// The errors thrown by `body`.
  func errors(_ body: () throws -> Void) -> [InputError] {
    do {
      try body()
      return []
    } catch let error as InputErrors {
      return error.errors
    } catch {
      Issue.record("unexpected error \(error)")
      return []
    }
  }

  @Test func plainRenameReadsTheNamedHeader() throws {
    let rows = try listings(
      "Id,Kind,Seats\nx,co-op,2\n",
      #"{"listing_id": "Id", "type": "Kind", "capacity": "Seats"}"#)
    #expect(rows.map(\.id) == ["x"])
    #expect(rows[0].type == .coop)
    #expect(rows[0].capacity == 2)
  }

  @Test func constantsFillFieldsTheExportLacks() throws {
    let rows = try listings(
      "Id\na\nb\n",
      #"{"listing_id": "Id", "type": {"value": "internship"},"#
        + #" "capacity": {"value": "1"}}"#)
    #expect(rows.map(\.capacity) == [1, 1])
    #expect(rows.allSatisfy { $0.type == .internship })
  }

  @Test func defaultFillsOnlyEmptyCells() throws {
    let rows = try listings(
      "listing_id,type,Openings\na,internship,4\nb,internship,\n",
      #"{"capacity": {"column": "Openings", "default": "1"}}"#)
    #expect(rows.map(\.capacity) == [4, 1])
  }

  @Test func valueMapIgnoresCaseAndSpacingAndUsesOtherwise() throws {
    let rows = try listings(
      "listing_id,type,capacity,Where\na,internship,1,Work From Home\n"
        + "b,internship,1,work  from home\nc,internship,1,Pune\n",
      #"{"mode": {"column": "Where", "values": {"Work From Home": "remote"},"#
        + #" "otherwise": "onsite"}}"#)
    #expect(rows.map(\.mode) == [.remote, .remote, .onsite])
  }

  @Test func unmatchedValuesPassThroughWithoutOtherwise() throws {
    let rows = try listings(
      "listing_id,type,capacity,Mode\na,internship,1,WFH\nb,internship,1,hybrid\n",
      #"{"mode": {"column": "Mode", "values": {"WFH": "remote"}}}"#)
    #expect(rows.map(\.mode) == [.remote, .hybrid])
  }

  @Test func perFieldSeparatorAndStripSplitAPythonStyleList() throws {
    let csv = """
      listing_id,type,capacity,Tags,Location
      a,internship,1,"['Design', 'Media']","[['Goa', 'Pune']]"

      """
    let rows = try listings(
      csv,
      #"{"sectors": {"column": "Tags", "separator": ",", "strip": "[]'"},"#
        + #" "location": {"column": "Location", "separator": ",","#
        + #" "strip": "[]'"}}"#)
    // A list field keeps every entry; a single-value field the first.
    #expect(rows[0].sectors == ["design", "media"])
    #expect(rows[0].location == "goa")
  }

  @Test func valuesMapEachEntryAndEmptyResultsAreDropped() throws {
    let csv = """
      listing_id,type,capacity,Skills
      a,internship,1,Excel | none | SQL

      """
    let rows = try listings(
      csv,
      #"{"required_skills": {"column": "Skills", "separator": "|","#
        + #" "values": {"none": ""}}}"#)
    #expect(rows[0].requiredSkills.map(\.skill) == ["excel", "sql"])
  }

  @Test func severalColumnsCombineIntoOneTextField() throws {
    let rows = try learners(
      "id,major,level\na,STEM,Masters\nb,,Graduate\n",
      #"{"learner_id": "id", "skills": {"value": ""},"#
        + #" "goals": {"columns": ["major", "level"]}}"#)
    #expect(rows.map(\.goals) == ["STEM Masters", "Graduate"])
    #expect(rows.allSatisfy { $0.skills.isEmpty })
  }

  @Test func joinOverridesTheFieldShape() throws {
    let rows = try learners(
      "id,a,b\nx,python,sql\n",
      #"{"learner_id": "id", "skills": {"columns": ["a", "b"],"#
        + #" "join": ";"}, "goals": {"columns": ["a", "b"], "join": "/"}}"#)
    #expect(rows[0].skills.map(\.skill) == ["python", "sql"])
    #expect(rows[0].goals == "python/sql")
  }

  @Test func valueMapTurnsLevelsIntoYears() throws {
    let rows = try learners(
      "id,education\na,Graduate\nb,Primary School\nc,phd\n",
      #"{"learner_id": "id", "skills": {"value": ""}, "year": {"#
        + #""column": "education", "values": {"Graduate": "4","#
        + #" "Primary School": "", "Phd": "6"}}}"#)
    #expect(rows.map(\.year) == [4, nil, 6])
  }

  @Test func missingMappedHeaderIsAnErrorOnLineOne() {
    let found = errors {
      _ = try listings(
        "listing_id,type,capacity,Title\na,internship,1,x\n",
        #"{"employer": "Company", "title": {"columns": ["Title", "Titel"]}}"#)
    }
    #expect(found.count == 2)
    #expect(
      found.compactMap(\.location.column).sorted() == ["Company", "Titel"])
    #expect(found.allSatisfy { $0.location.line == 1 })
    #expect(found.contains { $0.message.contains("did you mean 'Title'") })
  }

  @Test func badMappedValueNamesTheExportHeader() {
    let found = errors {
      _ = try listings(
        "listing_id,type,Openings\na,internship,many\n",
        #"{"capacity": {"column": "Openings", "default": "1"}}"#)
    }
    #expect(found.count == 1)
    #expect(
      found.first?.location
        == InputLocation(
          file: "listings.csv", line: 2, column: "Openings"))
    #expect(found.first?.message.contains("'many'") == true)
  }

  @Test func unknownHeadersWarnOnceEachWithTheNearestField() throws {
    var warnings: [Diagnostic] = []
    _ = try listings(
      "Id,type,capacity,titel,Stipend,Where\na,internship,1,x,5,Pune\n",
      #"{"listing_id": "Id", "location": {"column": "Where"}}"#,
      warnings: &warnings)
    let unknown = warnings.filter { $0.kind == "unknown_column" }
    #expect(unknown.count == 2)
    #expect(unknown[0].message.contains("'titel'"))
    #expect(unknown[0].message.contains("did you mean 'title'"))
    #expect(unknown[1].message.contains("'Stipend'"))
  }

  @Test func aFieldHeaderShadowedByTheMappingSaysSo() throws {
    // Was "unknown column 'listing_id' is ignored; did you mean 'listing_id'?"
    var warnings: [Diagnostic] = []
    let rows = try listings(
      "Id,listing_id,type,capacity\na,z,internship,1\n",
      #"{"listing_id": "Id"}"#, warnings: &warnings)
    #expect(rows.map(\.id) == ["a"])
    let unknown = warnings.filter { $0.kind == "unknown_column" }
    #expect(unknown.count == 1)
    #expect(unknown.first?.message.contains("column mapping gives") == true)
    #expect(unknown.first?.message.contains("did you mean") == false)
  }

  @Test func configRejectsUnknownFieldsAndKeys() {
    #expect(throws: ConfigurationError.self) {
      _ = try configuration(#"{"listing_columns": {"capacty": "Seats"}}"#)
    }
    #expect(throws: ConfigurationError.self) {
      _ = try configuration(
        #"{"listing_columns": {"capacity": {"colum": "Seats"}}}"#)
    }
    #expect(throws: ConfigurationError.self) {
      _ = try configuration(
        #"{"listing_columns": {"capacity": {"column": "S", "value": "1"}}}"#)
    }
    #expect(throws: ConfigurationError.self) {
      _ = try configuration(#"{"listing_columns": {"capacity": {}}}"#)
    }
    #expect(throws: ConfigurationError.self) {
      _ = try configuration(
        #"{"listing_columns": {"mode": {"column": "M","#
          + #" "values": {"WFH": "remote", "wfh": "remote"}}}}"#)
    }
    let error = #expect(throws: ConfigurationError.self) {
      _ = try configuration(#"{"learner_columns": {"skils": "S"}}"#)
    }
    #expect(error?.description.contains("did you mean 'skills'") == true)
  }

  @Test func effectiveConfigurationReadsBackAsTheSameRules() throws {
    let json = try String(
      contentsOfFile: fixture("internshala/config.json"), encoding: .utf8)
    let config = try configuration(json)
    let rendered = config.jsonValue.rendered()
    let again = try configuration(rendered)
    #expect(again.listingColumns == config.listingColumns)
    #expect(again.jsonValue.rendered() == rendered)
    #expect(config.listingColumns["title"]?.isRename == true)
    #expect(config.listingColumns["mode"]?.isRename == false)
  }

  /// The committed stand-in has the real scrape's header, formats and
  /// defects (the real file may not be redistributed).
  @Test func internshalaShapedExportLoadsThroughItsConfig() throws {
    let config = try configuration(
      String(
        contentsOfFile: fixture("internshala/config.json"),
        encoding: .utf8))
    let table = try CSVReader.read(
      path: fixture("internshala/listings-lookalike.csv"))
    var warnings: [Diagnostic] = []
    let rows = try ListingReader.listings(
      from: table, format: config.inputFormat, warnings: &warnings)
    #expect(rows.count == 832)
    #expect(rows.allSatisfy { $0.capacity == 1 && $0.type == .internship })
    let remote = rows.filter { $0.mode == .remote }
    #expect(remote.count == 320)
    #expect(remote.allSatisfy { $0.location.isEmpty })
    #expect(
      rows.filter { $0.mode == .onsite }.allSatisfy {
        !$0.location.isEmpty && !$0.location.contains("[")
      })
    // Row 0 works from home; row 6 is offered in five cities and keeps
    // the first.
    #expect(rows[0].id == "0" && rows[0].mode == .remote)
    #expect(rows[0].title == "Fashion Design")
    #expect(rows[6].location == "hyderabad" && rows[6].mode == .onsite)
    #expect(warnings.filter { $0.kind == "unknown_column" }.count == 6)
  }

  @Test func realHRExportLoadsThroughItsConfig() throws {
    let config = try configuration(
      String(
        contentsOfFile: fixture("hr-jobchange/config.json"),
        encoding: .utf8))
    let table = try CSVReader.read(
      path: fixture("hr-jobchange/learners.csv"))
    var warnings: [Diagnostic] = []
    let rows = try LearnerReader.learners(
      from: table, format: config.inputFormat, warnings: &warnings)
    #expect(rows.count == 533)
    #expect(rows.allSatisfy { $0.types == [.internship] && $0.skills.isEmpty })
    let groups = Set(rows.map(\.group))
    #expect(
      groups.isSubset(of: [
        "not enrolled", "full time", "part time", "not stated",
      ]))
    #expect(rows.contains { $0.year == 4 } && rows.contains { $0.year == 5 })
    #expect(rows.allSatisfy { $0.program != "no major" })
    #expect(
      rows.contains {
        $0.goals.hasPrefix("science technology engineering mathematics")
      })
  }
}
