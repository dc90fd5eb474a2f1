// Runs every worked example of README.md and compares what it quotes.
//
// An example is a ```console block whose first line is `$ placer ...`
// (continued with `\`). For `allocate` the quoted lines are
// `learner -> listing` or `learner -> unmatched (reason)`, by learner id,
// optionally followed by `pins.csv:` and that file's lines; for `check`
// they are its stdout and then `(exit status N)`.

import Foundation
import PlacerTestSupport
import Testing

struct ReadmeExample: CustomStringConvertible {
  var arguments: [String]
  var expected: [String]
  var description: String { "placer " + arguments.joined(separator: " ") }

  /// Every example in README.md, in order.
  static func all() throws -> [ReadmeExample] {
    let text = try String(
      contentsOf: repositoryRoot.appendingPathComponent("README.md"),
      encoding: .utf8)
    var examples: [ReadmeExample] = []
    var block: [String]?
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line == "```console" {
        block = []
      } else if line.hasPrefix("```"), let lines = block {
        if let example = parse(lines) { examples.append(example) }
        block = nil
      } else {
        block?.append(String(line))
      }
    }
    return examples
  }

  private static func parse(_ lines: [String]) -> ReadmeExample? {
    guard let first = lines.first, first.hasPrefix("$ placer ") else {
      return nil
    }
    var command = String(first.dropFirst("$ placer ".count))
    var rest = lines.dropFirst()
    while command.hasSuffix("\\"), let next = rest.first {
      command =
        command.dropLast() + " "
        + next.trimmingCharacters(in: .whitespaces)
      rest = rest.dropFirst()
    }
    return ReadmeExample(
      arguments: command.split(separator: " ").map(String.init),
      expected: Array(rest))
  }

  /// Runs the example (with `--out` redirected to a new path in `scratch`)
  /// and renders the result in the README's form.
  func run(in scratch: ScratchDirectory) throws -> [String] {
    var arguments = arguments
    let out = scratch.newPath("readme")
    if let k = arguments.firstIndex(of: "--out") { arguments[k + 1] = out }
    let result = try runPlacer(arguments)
    if arguments.first == "check" {
      return result.stdout.split(separator: "\n").map(String.init)
        + ["(exit status \(result.status))"]
    }
    guard result.status == 0 else {
      return ["placer exited with \(result.status): \(result.stderr)"]
    }
    var lines: [(String, String)] = []
    for row in try readRows(out + "/allocations.csv") {
      lines.append((row["learner_id"]!, row["listing_id"]!))
    }
    for row in try readRows(out + "/unmatched.csv") {
      lines.append((row["learner_id"]!, "unmatched (\(row["reason"]!))"))
    }
    var rendered = lines.sorted { $0.0 < $1.0 }.map { "\($0.0) -> \($0.1)" }
    if expected.contains("pins.csv:") {
      let pins = try String(contentsOfFile: out + "/pins.csv", encoding: .utf8)
      rendered += ["pins.csv:"] + pins.split(separator: "\n").map(String.init)
    }
    return rendered
  }
}

@Suite(.serialized) struct ReadmeExampleTests {
  @Test func everyWorkedExamplePrintsWhatTheReadmeQuotes() throws {
    let examples = try ReadmeExample.all()
    // One per option of the matching section, at least.
    #expect(examples.count >= 14, "found \(examples.count) examples")
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for example in examples {
      #expect(try example.run(in: scratch) == example.expected, "\(example)")
    }
  }

  /// The reserve example's group counts, quoted in the README's text.
  @Test func reserveExampleGroupCounts() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("reserve")
    let result = try runPlacer(
      [
        "allocate", "--learners", "Fixtures/examples/reserve/learners.csv",
        "--listings", "Fixtures/examples/reserve/listings.csv",
        "--preferences", "stated", "--out", out,
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
      as! [String: Any]
    let comparison = summary["reserve_precedence"] as! [String: Any]
    #expect(comparison["used"] as? String == "reserved-first")
    let groups = comparison["groups"] as! [String: [String: Any]]
    func count(_ group: String, _ precedence: String, _ key: String) -> Int? {
      (groups[group]?[precedence] as? [String: Any])?[key] as? Int
    }
    #expect(count("first-gen", "reserved-first", "matched") == 1)
    #expect(count("first-gen", "open-first", "matched") == 2)
    #expect(count("first-gen", "reserved-first", "reserved_filled") == 1)
    #expect(count("(none)", "reserved-first", "matched") == 2)
    #expect(count("(none)", "open-first", "matched") == 1)
  }

  /// The max-welfare example's price of stability, quoted in the README.
  @Test func maxWelfareExamplePriceOfStability() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("welfare")
    let result = try runPlacer(
      [
        "allocate", "--learners", "Fixtures/examples/market/learners.csv",
        "--listings", "Fixtures/examples/market/listings.csv",
        "--preferences", "stated", "--algorithm", "max-welfare",
        "--out", out,
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
      as! [String: Any]
    let stability = summary["stability"] as! [String: Any]
    let price = stability["price_of_stability"] as! [String: [String: Any]]
    let share = price["listing-proposing"]!["share_of_optimum"] as! Double
    #expect(abs(share - 0.634) < 0.0005)
    #expect(price["learner-proposing"]!["share_of_optimum"] as? Double == 1)
  }
}

@Suite struct MatchingReportFileTests {
  func summary(_ out: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
      as! [String: Any]
  }

  /// The sample cohort pins nobody and reserves a seat at J08.
  @Test func noPinsMeansNoPinsFileAndANullReport() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("sample")
    let result = try runPlacer(
      [
        "allocate", "--learners", "Fixtures/sample/learners.csv",
        "--listings", "Fixtures/sample/listings.csv", "--out", out,
      ])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out + "/pins.csv"))
    let json = try summary(out)
    #expect(json["pins"] is NSNull)
    let comparison = json["reserve_precedence"] as? [String: Any]
    let groups = comparison?["groups"] as? [String: [String: Any]]
    #expect(groups?["first-gen"]?["open-first"] != nil)
    #expect(groups?["first-gen"]?["reserved-first"] != nil)
  }

  @Test func pinsFileIsByteIdenticalAcrossRuns() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let runs = try (0..<2).map { k -> Data in
      let out = scratch.newPath("pins-\(k)")
      let result = try runPlacer(
        [
          "allocate", "--learners", "Fixtures/examples/pins/learners.csv",
          "--listings", "Fixtures/examples/pins/listings.csv",
          "--seed", "3", "--out", out,
        ])
      #expect(result.status == 0, "\(result.stderr)")
      return try Data(contentsOf: URL(fileURLWithPath: out + "/pins.csv"))
    }
    #expect(runs[0] == runs[1])
    #expect(!runs[0].isEmpty)
  }
}
