import Foundation
import PlacerTestSupport
import Testing

@Suite struct DiagnoseCommandTests {
  static let files = [
    "learners_without_listing.csv", "underdemanded_listings.csv",
    "supply_demand.csv", "ineligible_preferences.csv",
  ]

  func diagnose(_ fixture: String, _ extra: [String] = []) throws
    -> RunResult
  {
    try runPlacer(
      [
        "diagnose", "--learners", "Fixtures/\(fixture)/learners.csv",
        "--listings", "Fixtures/\(fixture)/listings.csv",
      ] + extra)
  }

  /// Learners diagnose strands are exactly those allocate leaves unmatched
  /// with `no_eligible_listing`.
  @Test(arguments: ["sample", "gsoc-2024"])
  func agreesWithAllocate(fixture: String) throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("diagnosis")
    let result = try diagnose(fixture, ["--out", out])
    #expect(result.status == 0, "\(result.stderr)")
    #expect(result.stdout.isEmpty)
    for file in Self.files {
      #expect(FileManager.default.fileExists(atPath: out + "/" + file))
    }
    let digest = result.stderr.split(separator: "\n")
    #expect(digest.first?.hasPrefix("placer: diagnose: ") == true)

    let run = scratch.newPath("run")
    let allocated = try runPlacer(
      [
        "allocate", "--learners", "Fixtures/\(fixture)/learners.csv",
        "--listings", "Fixtures/\(fixture)/listings.csv", "--out", run,
      ])
    #expect(allocated.status == 0)
    let stranded = try readRows(out + "/learners_without_listing.csv")
      .map { $0["learner_id"]! }
    let noListing = try readRows(run + "/unmatched.csv")
      .filter { $0["reason"] == "no_eligible_listing" }
      .map { $0["learner_id"]! }
    #expect(stranded.sorted() == noListing.sorted())
    #expect(stranded.isEmpty == (fixture == "gsoc-2024"))

    // The `all` row of supply_demand.csv holds the market's totals.
    let learners = try readRows("Fixtures/\(fixture)/learners.csv")
    let listings = try readRows("Fixtures/\(fixture)/listings.csv")
    let all = try readRows(out + "/supply_demand.csv")
      .first { $0["dimension"] == "all" }
    #expect(all?["learners"] == String(learners.count))
    #expect(all?["listings"] == String(listings.count))
    let seats = listings.reduce(0) { $0 + Int($1["capacity"]!)! }
    #expect(all?["seats"] == String(seats))
    #expect(
      all?["eligible_learners"]
        == String(learners.count - stranded.count))
  }

  /// The HR learner export and the Internshala stand-in, read through
  /// their mapping configs alone: no city matches, so onsite listings
  /// have no eligible learner and location is what removed them.
  @Test func runsOnRealExportsThroughMappingConfigs() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("diagnosis")
    let result = try runPlacer(
      [
        "diagnose", "--quiet",
        "--learners", "Fixtures/hr-jobchange/learners.csv",
        "--listings", "Fixtures/internshala/listings-lookalike.csv",
        "--columns", "Fixtures/hr-jobchange/config.json",
        "--columns", "Fixtures/internshala/config.json", "--out", out,
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let short = try readRows(out + "/underdemanded_listings.csv")
    #expect(!short.isEmpty)
    #expect(short.allSatisfy { $0["main_constraint"] == "location" })
    let remote = try readRows(out + "/supply_demand.csv")
      .first { $0["value"] == "(remote)" }
    #expect(remote?["eligible_learners"] == remote?["learners"])
  }

  @Test func withoutOutOnlyTheDigest() throws {
    let result = try diagnose("sample")
    #expect(result.status == 0)
    #expect(
      result.stderr.contains(
        "placer: diagnose: 2 learners have no eligible listing"))
    #expect(
      result.stderr.contains(
        "asked for but no seats: location "
          + "'kingston' (4 learners)"))
  }

  @Test func badInputWritesNothing() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("diagnosis")
    let result = try runPlacer(
      [
        "diagnose", "--learners", "Fixtures/invalid/level-six/learners.csv",
        "--listings", "Fixtures/invalid/level-six/listings.csv", "--out",
        out,
      ])
    #expect(result.status == 65)
    #expect(result.stderr.contains("learners.csv:4: column 'skills'"))
    #expect(!FileManager.default.fileExists(atPath: out))
    let strict = try runPlacer(
      [
        "diagnose", "--strict", "--learners",
        "Fixtures/invalid/unknown-column/learners.csv",
        "--listings", "Fixtures/invalid/unknown-column/listings.csv",
      ])
    #expect(strict.status == 65)
    #expect(strict.stderr.contains("learners.csv:1: unknown column 'email'"))
  }

  @Test func refusesNonEmptyOutAndHasHelp() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("full")
    try FileManager.default.createDirectory(
      atPath: out, withIntermediateDirectories: true)
    try Data("keep".utf8).write(to: URL(fileURLWithPath: out + "/mine.txt"))
    #expect(try diagnose("sample", ["--out", out]).status == 73)
    #expect(try diagnose("sample", ["--out", out, "--force"]).status == 0)
    #expect(!FileManager.default.fileExists(atPath: out + "/mine.txt"))
    let help = try runPlacer(["diagnose", "--help"])
    #expect(help.status == 0)
    #expect(help.stdout.contains("learners_without_listing.csv"))
    #expect(help.stdout.contains("EXIT CODES"))
  }
}
