import Foundation
import PlacerTestSupport
import Testing

/// `--goal-method`, `--goal-dimensions` and the `related_skills` column.
@Suite(.serialized) struct GoalMethodCommandTests {
  let files = ["allocations.csv", "unmatched.csv", "fill.csv",
    "learner_preferences.csv", "listing_preferences.csv"]

  /// Runs `allocate` on a fixture: GSoC where threads could matter (its
  /// products are big enough for OpenBLAS to thread), else the sample.
  /// The output goes to a new path in `scratch`.
  func allocate(
    _ extra: [String],
    fixture: String = "sample",
    environment: [String: String] = [:],
    in scratch: ScratchDirectory
  ) throws -> String {
    let out = scratch.newPath("goals")
    let result = try runPlacer(
      ["allocate", "--learners", "Fixtures/\(fixture)/learners.csv",
        "--listings", "Fixtures/\(fixture)/listings.csv", "--out", out,
        "--save-preferences", "--quiet"] + extra,
      environment: environment)
    #expect(result.status == 0, "\(result.stderr)")
    return out
  }

  func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
  }

  @Test func lsaOutputsIgnoreThreadsAndBlockSize() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let a = try allocate(["--goal-method", "lsa"], fixture: "gsoc-2024",
      environment: ["OPENBLAS_NUM_THREADS": "1"], in: scratch)
    let b = try allocate(["--goal-method", "lsa", "--block-size", "5"],
      fixture: "gsoc-2024", environment: ["OPENBLAS_NUM_THREADS": "2"],
      in: scratch)
    for file in files {
      #expect(try bytes(a + "/" + file) == bytes(b + "/" + file), "\(file)")
    }
  }

  @Test func goalMethodsDifferAndAreRecorded() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let lsa = try allocate(
      ["--goal-method", "lsa", "--goal-dimensions", "16"], in: scratch)
    let tfidf = try allocate(["--goal-method", "tfidf"], in: scratch)
    #expect(try bytes(lsa + "/allocations.csv")
      != bytes(tfidf + "/allocations.csv"))
    let summary = try JSONSerialization.jsonObject(
      with: bytes(lsa + "/summary.json")) as! [String: Any]
    let manifest = summary["manifest"] as! [String: Any]
    let configuration = manifest["configuration"] as! [String: Any]
    #expect(configuration["goal_method"] as? String == "lsa")
    #expect(configuration["goal_dimensions"] as? Int == 16)
    let timings = manifest["timings_seconds"] as! [String: Any]
    #expect(timings["lsa"] is Double)
  }

  @Test func relatedSkillsIsTheLastColumnAndCanWeigh() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let plain = try allocate([], in: scratch)
    let related = try allocate(
      ["--weight", "learner.related_skills=0.4",
        "--weight", "employer.related_skills=0.4"],
      in: scratch)
    let header = try String(contentsOfFile: plain + "/allocations.csv",
      encoding: .utf8).split(separator: "\n")[0]
    #expect(header.hasSuffix(
      "skills,preferred_skills,goals,sectors,location,stated,"
        + "listing_stated,related_skills"))
    let rows = try readRows(related + "/allocations.csv")
    let values = rows.map { Double($0["related_skills"]!)! }
    #expect(values.allSatisfy { $0 >= 0 && $0 <= 1 })
    #expect(values.contains { $0 > 0 })
    #expect(try bytes(plain + "/allocations.csv")
      != bytes(related + "/allocations.csv"))
  }

  @Test func badGoalOptionsAreUsageErrors() throws {
    let method = try runPlacer(
      ["allocate", "--learners", "x", "--listings", "y", "--out", "z",
        "--goal-method", "word2vec"])
    #expect(method.status == 64)
    #expect(method.stderr.contains("tfidf"))
    let dimensions = try runPlacer(
      ["allocate", "--learners", "x", "--listings", "y", "--out", "z",
        "--goal-dimensions", "0"])
    #expect(dimensions.status == 64)
    let huge = try runPlacer(
      ["allocate", "--learners", "x", "--listings", "y", "--out", "z",
        "--goal-method", "lsa", "--goal-dimensions", "1025"])
    #expect(huge.status == 64)
    #expect(huge.stderr.contains("1025"), "\(huge.stderr)")
  }

  @Test func goalDimensionsWithoutLSAIsAUsageError() throws {
    // '--goal-dimensions 2' without '--goal-method lsa' ran TF-IDF and
    // changed nothing, without a word.
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("dims")
    let base = ["allocate", "--learners", "Fixtures/sample/learners.csv",
      "--listings", "Fixtures/sample/listings.csv", "--out", out]
    let alone = try runPlacer(base + ["--goal-dimensions", "2"])
    #expect(alone.status == 64)
    #expect(alone.stderr.contains("add --goal-method lsa"))
    let tfidf = try runPlacer(
      base + ["--goal-method", "tfidf", "--goal-dimensions", "2"])
    #expect(tfidf.status == 64)
    #expect(!FileManager.default.fileExists(atPath: out))
    let config = try scratch.newFile(
      "lsa.json", containing: #"{"goal_method": "lsa"}"#)
    let fromConfig = try runPlacer(
      base + ["--config", config, "--goal-dimensions", "2", "--quiet"])
    #expect(fromConfig.status == 0, "\(fromConfig.stderr)")
  }
}
