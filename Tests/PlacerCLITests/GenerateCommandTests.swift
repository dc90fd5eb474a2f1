import Foundation
import PlacerTestSupport
import Testing

@Suite(.serialized) struct GenerateCommandTests {
  /// Runs `placer` with extra environment variables.
  func run(_ arguments: [String], environment: [String: String] = [:]) throws
    -> RunResult
  {
    try runPlacer(arguments, environment: environment)
  }

  func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path))
  }

  @Test func helpAndUsageErrors() throws {
    let help = try run(["generate", "--help"])
    #expect(help.status == 0 && help.stdout.contains("--learners N"))
    let missing = try run(["generate", "--listings", "5", "--out", "x"])
    #expect(missing.status == 64 && missing.stderr.contains("--learners"))
    let bad = try run(
      ["generate", "--learners", "-3", "--listings", "5", "--out", "x"])
    #expect(bad.status == 64)
    // '--listings 0' wrote a header-only listings.csv that allocate then
    // rejected with exit 65.
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    for sizes in [["0", "5"], ["5", "0"]] {
      let out = scratch.newPath("gen-zero")
      let zero = try run(
        ["generate", "--learners", sizes[0], "--listings", sizes[1],
          "--out", out])
      #expect(zero.status == 64)
      #expect(zero.stderr.contains("an integer from 1 to 100000000, got '0'"))
      #expect(!FileManager.default.fileExists(atPath: out))
    }
    // A stray word was ignored: '--learners 10 20' generated 10 learners.
    let out = scratch.newPath("gen-stray")
    let stray = try run(
      ["generate", "--learners", "10", "20", "--listings", "5", "--out", out])
    #expect(stray.status == 64)
    #expect(stray.stderr.contains("unexpected argument '20'"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func sameSeedSameBytesAndNoSilentOverwrite() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let a = scratch.newPath("gen-a")
    let b = scratch.newPath("gen-b")
    for out in [a, b] {
      let result = try run(
        ["generate", "--learners", "400", "--listings", "60", "--seed", "5",
          "--out", out])
      #expect(result.status == 0, "\(result.stderr)")
    }
    for file in ["learners.csv", "listings.csv"] {
      #expect(try bytes(a + "/" + file) == bytes(b + "/" + file), "\(file)")
    }
    let again = try run(
      ["generate", "--learners", "4", "--listings", "6", "--out", a])
    #expect(again.status == 73)
    #expect(
      try bytes(a + "/learners.csv") == bytes(b + "/learners.csv"),
      "a refused run must leave the directory alone")
  }

  @Test func blockSizeAndThreadsDoNotChangeOutputBytes() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let market = scratch.newPath("gen-market")
    let generated = try run(
      ["generate", "--learners", "900", "--listings", "120", "--seed", "3",
        "--out", market])
    #expect(generated.status == 0)
    var outputs: [String] = []
    for (block, threads) in [("256", "2"), ("7", "1"), ("1000", "1")] {
      let out = scratch.newPath("gen-run")
      let result = try run(
        ["allocate", "--learners", market + "/learners.csv", "--listings",
          market + "/listings.csv", "--out", out, "--block-size", block,
          "--save-preferences"],
        environment: ["OPENBLAS_NUM_THREADS": threads])
      #expect(result.status == 0, "\(result.stderr)")
      outputs.append(out)
    }
    for file in ["allocations.csv", "unmatched.csv", "fill.csv",
      "learner_preferences.csv", "listing_preferences.csv"]
    {
      let first = try bytes(outputs[0] + "/" + file)
      for other in outputs.dropFirst() {
        #expect(try bytes(other + "/" + file) == first, "\(file)")
      }
    }
  }
}
