// Runs `placer allocate` on every folder of Fixtures/invalid/ and on two
// inputs generated at run time (a 10 MB cell, a million rows).

import Foundation
import PlacerCore
import PlacerTestSupport
import Testing

/// One row of Fixtures/invalid/cases.csv (built by
/// scripts/build_invalid_fixtures.py).
struct InvalidCase: CustomTestStringConvertible, Sendable {
  var name: String
  var exit: Int32
  var strictExit: Int32
  /// The file, line and column the first message names; nil for inputs
  /// that must load without any diagnostic.
  var file: String?
  var line: Int?
  var column: String?
  var fragment: String

  var testDescription: String { name }

  static let folder = "Fixtures/invalid"

  static let all: [InvalidCase] = {
    guard
      let table = try? CSVReader.read(
        path: repositoryRoot.appendingPathComponent(folder + "/cases.csv")
          .path)
    else { return [] }
    return table.records.map { record in
      let cell = Dictionary(
        uniqueKeysWithValues: zip(table.header, record.fields))
      return InvalidCase(
        name: cell["case"]!, exit: Int32(cell["exit"]!)!,
        strictExit: Int32(cell["strict_exit"]!)!,
        file: cell["file"]!.isEmpty ? nil : cell["file"],
        line: Int(cell["line"]!),
        column: cell["column"]!.isEmpty ? nil : cell["column"],
        fragment: cell["message"]!)
    }
  }()

  func path(_ file: String) -> String { "\(Self.folder)/\(name)/\(file)" }

  /// `file:line: column 'name': ` as the message must start.
  var location: String? {
    guard let file, let line else { return nil }
    var text = "\(path(file)):\(line): "
    if let column { text += "column '\(column)': " }
    return text
  }
}

@Suite struct InvalidFixtureTests {
  /// Runs `allocate` with its output at a new path in `scratch`.
  func allocate(
    _ learners: String,
    _ listings: String,
    _ extra: [String],
    in scratch: ScratchDirectory
  ) throws -> (RunResult, out: String) {
    let out = scratch.newPath("out")
    let result = try runPlacer(
      [
        "allocate", "--learners", learners, "--listings", listings, "--out",
        out,
      ] + extra)
    return (result, out)
  }

  @Test func everyFixtureFolderHasACase() throws {
    let root = repositoryRoot.appendingPathComponent(InvalidCase.folder)
    let folders = try FileManager.default.contentsOfDirectory(
      atPath: root.path
    ).filter { !$0.contains(".") }
    #expect(InvalidCase.all.count >= 25)
    #expect(Set(folders) == Set(InvalidCase.all.map(\.name)))
  }

  @Test(arguments: InvalidCase.all, [false, true])
  func exitCodeAndLocation(of fixture: InvalidCase, strict: Bool) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let (result, out) = try allocate(
      fixture.path("learners.csv"), fixture.path("listings.csv"),
      strict ? ["--strict"] : [], in: scratch)
    let expected = strict ? fixture.strictExit : fixture.exit
    #expect(result.status == expected, "\(result.stderr)")

    guard let location = fixture.location else {
      // Valid input: loads silently and writes every output.
      #expect(result.stderr.isEmpty, "\(result.stderr)")
      #expect(FileManager.default.fileExists(atPath: out + "/fill.csv"))
      return
    }
    let level = expected == 0 ? "warning" : "error"
    let line = result.stderr.split(separator: "\n").first.map(String.init)
    #expect(
      line?.hasPrefix("placer: \(level): \(location)") == true,
      "\(result.stderr)")
    #expect(line?.contains(fixture.fragment) == true, "\(result.stderr)")
    if strict && fixture.exit == 0 {
      #expect(line?.hasSuffix("(an error under --strict)") == true)
    }
    #expect(
      FileManager.default.fileExists(atPath: out + "/fill.csv")
        == (expected == 0))
    if expected != 0 {
      #expect(!FileManager.default.fileExists(atPath: out))
      #expect(result.stderr.contains("1 problem in the input"))
    }
  }

  @Test func warningsAreCountedInTheSummary() throws {
    let fixture = "Fixtures/invalid/empty-list-entry"
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let (result, out) = try allocate(
      fixture + "/learners.csv", fixture + "/listings.csv", [], in: scratch)
    #expect(result.status == 0)
    let data = try Data(contentsOf: URL(fileURLWithPath: out + "/summary.json"))
    let summary = try JSONSerialization.jsonObject(with: data) as! [String: Any]
    let warnings = summary["warnings"] as! [String: Any]
    let kinds = warnings["by_kind"] as! [String: Int]
    #expect(kinds == ["empty_list_entry": 1])
  }

  @Test func strictConfigKeyAndCheckCommand() throws {
    let fixture = "Fixtures/invalid/unknown-excluded-id"
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let config = try scratch.newFile(
      "config.json", containing: #"{"strict": true}"#)
    let learners = fixture + "/learners.csv"
    let listings = fixture + "/listings.csv"
    let (byConfig, _) = try allocate(
      learners, listings, ["--config", config], in: scratch)
    #expect(byConfig.status == 65)
    #expect(byConfig.stderr.contains("\(listings):2: column 'excluded': "))

    let (good, out) = try allocate(learners, listings, [], in: scratch)
    #expect(good.status == 0)
    let check = [
      "check", "--learners", learners, "--listings", listings,
      "--allocations", out + "/allocations.csv",
    ]
    #expect(try runPlacer(check).status == 0)
    let strict = try runPlacer(check + ["--strict"])
    #expect(strict.status == 65)
    #expect(strict.stderr.contains("(an error under --strict)"))
  }

  /// A learner file whose data rows are `rows`, written to `scratch`.
  func learnersFile(
    _ rows: some Sequence<String>,
    in scratch: ScratchDirectory
  ) throws -> String {
    var text = "learner_id,skills,goals\n"
    for row in rows { text += row + "\n" }
    return try scratch.newFile("learners.csv", containing: text)
  }

  @Test func printsFiftyProblemsThenTheCount() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let learners = try learnersFile(
      (1...120).map { "l\($0),sql:0," }, in: scratch)
    let (result, out) = try allocate(
      learners, "Fixtures/invalid/bom/listings.csv", [], in: scratch)
    #expect(result.status == 65)
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.count == 52)
    #expect(lines[49].hasPrefix("placer: error: \(learners):51: column "))
    #expect(lines[50] == "placer: error: ... and 70 more problems")
    #expect(
      lines[51] == "placer: error: 120 problems in the input; "
        + "nothing was written")
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func tenMegabyteCellIsRefusedWithItsLocation() throws {
    let big = String(repeating: "very long goals ", count: 655_360)
    #expect(big.utf8.count == 10_485_760)
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let learners = try learnersFile(
      ["a,python:3,short", "b,sql:2,\"\(big)\"", "c,sql:2,fine"],
      in: scratch)
    let (result, out) = try allocate(
      learners, "Fixtures/invalid/bom/listings.csv", [], in: scratch)
    #expect(result.status == 65)
    #expect(
      result.stderr.contains(
        "\(learners):3: column 'goals': the field is 10.0 MiB long"))
    #expect(result.stderr.contains("1 problem in the input"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  /// One million learner rows after a record with a quoted line break;
  /// only the last row is bad. The bad row is structural (a field too
  /// many), so a debug build finds it in about a second; per-cell
  /// validation at this size is measured by Benchmarks/bench-parse.
  @Test func millionRowsReportTheLastRowsLine() throws {
    let count = 1_000_000
    var text = "learner_id,skills\nl0,\"python:3;\nsql:2\"\n"
    text.reserveCapacity(count * 10)
    for i in 1..<count { text += "l\(i),\n" }
    text += "l\(count),python:3,extra\n"
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.newFile("learners.csv", containing: text)

    let (result, out) = try allocate(
      path, "Fixtures/invalid/bom/listings.csv", [], in: scratch)
    #expect(result.status == 65)
    // Header, a two-line record, then rows 1...count.
    #expect(
      result.stderr.hasPrefix(
        "placer: error: \(path):\(count + 3): column 'skills': "
          + "expected 2 fields as in the header, found 3"))
    #expect(result.stderr.contains("1 problem in the input"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
