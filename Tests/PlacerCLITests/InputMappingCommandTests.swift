import Foundation
import PlacerTestSupport
import Testing

@Suite(.serialized) struct InputMappingCommandTests {
  static let onet = "Fixtures/taxonomies/onet-technology-skills.txt"

  func summary(_ out: String) throws -> [String: Any] {
    try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: out + "/summary.json")))
      as! [String: Any]
  }

  static let lookalike = "Fixtures/internshala/listings-lookalike.csv"

  /// The real Internshala scrape, which may not be redistributed: present
  /// only where the shared data folder is (PLACER_REAL_DATA or
  /// ../shared/data/real beside the repository).
  static let realScrape: String? = {
    let environment = ProcessInfo.processInfo.environment["PLACER_REAL_DATA"]
    let folder = environment
      ?? repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/data/real").path
    let path = folder + "/internshala-scrape/whole_Internshala_scraped2.csv"
    return FileManager.default.fileExists(atPath: path) ? path : nil
  }()

  /// The HR enrollees against listings in the Internshala export's shape,
  /// each read through its own committed mapping, with no edits to the data.
  @Test func realExportsAllocateThroughTheirMappingConfigs() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("real")
    let result = try runPlacer([
      "allocate", "--learners", "Fixtures/hr-jobchange/learners.csv",
      "--listings", Self.lookalike,
      "--config", "Fixtures/hr-jobchange/config.json",
      "--columns", "Fixtures/internshala/config.json", "--out", out,
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let counts = try summary(out)["counts"] as! [String: Any]
    #expect(counts["learners"] as? Int == 533)
    #expect(counts["listings"] as? Int == 832)
    #expect(counts["seats"] as? Int == 832)
    let matched = try #require(counts["matched"] as? Int)
    #expect(matched > 0)

    // One warning per unmapped header: 7 in the HR file, 6 in the scrape.
    let lines = result.stderr.split(separator: "\n")
    #expect(lines.filter { $0.contains("unknown column") }.count == 13)
    #expect(
      lines.contains {
        $0.contains("listings-lookalike.csv:1: unknown column 'Stipend'")
      })

    // City codes never equal Internshala cities and nobody relocates, so
    // every placement is at a work-from-home listing.
    var remote = Set<String>()
    for row in try readRows(Self.lookalike)
    where row["Location"] == "[['Work From Home']]" {
      remote.insert(row[""]!)
    }
    #expect(remote.count == 320)
    let placed = try readRows(out + "/allocations.csv")
    #expect(placed.count == matched)
    #expect(placed.allSatisfy { remote.contains($0["listing_id"]!) })
  }

  /// The committed config on the whole real scrape, where it is present:
  /// every record loads, with the remote share the provenance note gives.
  @Test(
    .enabled(
      if: realScrape != nil,
      "the real scrape may not be redistributed: read only where it exists"))
  func wholeRealScrapeLoadsThroughTheConfig() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let learners = try scratch.newFile(
      "two.csv", containing: "learner_id,skills,modes\nA,,remote\nB,,onsite\n")
    let out = scratch.newPath("scrape")
    let result = try runPlacer([
      "allocate", "--learners", learners, "--listings", Self.realScrape!,
      "--columns", "Fixtures/internshala/config.json", "--out", out,
      "--top-k", "1",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let counts = try summary(out)["counts"] as! [String: Any]
    #expect(counts["listings"] as? Int == 6_656)
    let placed = try readRows(out + "/allocations.csv")
    #expect(placed.count == 2)
  }

  @Test func taxonomyFlagReportsUnmappedSkills() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("taxonomy")
    let result = try runPlacer([
      "allocate", "--learners", "Fixtures/sample/learners.csv",
      "--listings", "Fixtures/sample/listings.csv", "--out", out,
      "--taxonomy", "onet:\(Self.onet)", "--quiet",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let document = try summary(out)
    let skills = try #require(document["skills"] as? [String: Any])
    #expect(skills["taxonomies"] as? [String] == ["onet:\(Self.onet)"])
    let distinct = try #require(skills["distinct_skills"] as? Int)
    let unmapped = try #require(skills["unmapped"] as? [String: Any])
    let recognized = try #require(skills["recognized"] as? [String: Any])
    let missed = try #require(unmapped["distinct"] as? Int)
    #expect(missed > 0 && missed < distinct)
    #expect(missed + (recognized["distinct"] as! Int) == distinct)
    let top = try #require(unmapped["top"] as? [[String: Any]])
    let counts = top.map { $0["count"] as! Int }
    #expect(counts == counts.sorted(by: >))
    #expect(
      top.allSatisfy {
        ($0["count"] as! Int) == ($0["learners"] as! Int)
          + ($0["listings"] as! Int)
      })
    // The taxonomy file is an input of the run: hashed in the manifest.
    let manifest = document["manifest"] as! [String: Any]
    let inputs = manifest["inputs"] as! [[String: Any]]
    #expect(inputs.contains { $0["path"] as? String == Self.onet })
  }

  @Test func withoutTaxonomyUnmappedIsNull() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("plain")
    let result = try runPlacer([
      "allocate", "--learners", "Fixtures/sample/learners.csv",
      "--listings", "Fixtures/sample/listings.csv", "--out", out, "--quiet",
    ])
    #expect(result.status == 0)
    let skills = try #require(try summary(out)["skills"] as? [String: Any])
    #expect(skills["unmapped"] is NSNull)
    #expect((skills["distinct_skills"] as? Int ?? 0) > 0)
  }

  @Test func configTaxonomyPathsAreRelativeToTheConfigFile() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let folder = scratch.newPath("cfg")
    try FileManager.default.createDirectory(
      atPath: folder, withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Self.onet, toPath: folder + "/tech.txt")
    try #"{"taxonomies": [{"format": "onet", "path": "tech.txt"}]}"#
      .write(
        toFile: folder + "/config.json", atomically: true,
        encoding: .utf8)
    let out = scratch.newPath("cfg-out")
    let result = try runPlacer([
      "allocate", "--learners", "Fixtures/sample/learners.csv",
      "--listings", "Fixtures/sample/listings.csv", "--out", out,
      "--config", folder + "/config.json", "--quiet",
    ])
    #expect(result.status == 0, "\(result.stderr)")
    let skills = try summary(out)["skills"] as! [String: Any]
    #expect(skills["taxonomies"] as? [String] == ["onet:\(folder)/tech.txt"])
  }

  @Test func taxonomyLoadingErrorsUseTheInputExitCodes() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    func allocate(_ taxonomy: String) throws -> RunResult {
      try runPlacer([
        "allocate", "--learners", "Fixtures/sample/learners.csv",
        "--listings", "Fixtures/sample/listings.csv",
        "--out", scratch.newPath("bad"), "--taxonomy", taxonomy,
      ])
    }
    let missing = try allocate("esco:/nonexistent/skills.csv")
    #expect(missing.status == 66)
    #expect(missing.stderr.contains("/nonexistent/skills.csv"))

    let wrong = try allocate("esco:\(Self.onet)")
    #expect(wrong.status == 65)
    #expect(
      wrong.stderr.contains(
        "\(Self.onet):1: column 'preferredLabel'"))

    let label = try scratch.newFile(
      "empty.csv", containing: "preferredLabel\npython\n\"\"\n")
    let empty = try allocate("esco:\(label)")
    #expect(empty.status == 65)
    #expect(empty.stderr.contains("\(label):3: column 'preferredLabel'"))

    let usage = try allocate("isco:x.csv")
    #expect(usage.status == 64)
    #expect(usage.stderr.contains("FORMAT:PATH"))
  }

  @Test func badColumnsFileIsAUsageError() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let file = try scratch.newFile(
      "columns.json",
      containing: #"{"listing_columns": {"capacty": {"value": "1"}}}"#)
    let result = try runPlacer([
      "allocate", "--learners", "Fixtures/sample/learners.csv",
      "--listings", "Fixtures/sample/listings.csv",
      "--out", scratch.newPath("o"), "--columns", file,
    ])
    #expect(result.status == 64)
    #expect(result.stderr.contains("did you mean 'capacity'"))

    let extra = try scratch.newFile(
      "columns.json", containing: #"{"top_k": 3}"#)
    let other = try runPlacer([
      "allocate", "--learners", "Fixtures/sample/learners.csv",
      "--listings", "Fixtures/sample/listings.csv",
      "--out", scratch.newPath("o"), "--columns", extra,
    ])
    #expect(other.status == 64)
    #expect(other.stderr.contains("unknown key 'top_k'"))
  }
}
