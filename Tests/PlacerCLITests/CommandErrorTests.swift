import Foundation
import PlacerTestSupport
import Testing

@Suite struct CommandErrorTests {
  @Test func badRowsExit65WithLocationAndWriteNothing() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let learners = try scratch.newFile(
      "l.csv", containing: "learner_id,skills\na,python:9\nb,sql\n")
    let listings = try scratch.newFile(
      "j.csv",
      containing: "listing_id,type,capacity\nx,internship,-1\ny,job,2\n")
    let out = scratch.newPath("out")
    let result = try runPlacer(
      ["allocate", "--learners", learners, "--listings", listings, "--out", out])
    #expect(result.status == 65)
    #expect(result.stderr.contains("\(learners):2: column 'skills': expected"))
    #expect(result.stderr.contains("\(listings):2: column 'capacity':"))
    #expect(result.stderr.contains("\(listings):3: column 'type':"))
    #expect(result.stderr.contains("3 problems"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func missingInputExits66() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let result = try runPlacer(
      ["allocate", "--learners", "/nonexistent/l.csv", "--listings",
        "Fixtures/sample/listings.csv", "--out", scratch.newPath("o")])
    #expect(result.status == 66)
    #expect(result.stderr.contains("/nonexistent/l.csv"))
  }

  @Test func missingConfigOrColumnsFileExits66() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let base = ["allocate", "--learners", "Fixtures/sample/learners.csv",
      "--listings", "Fixtures/sample/listings.csv", "--out",
      scratch.newPath("o")]
    for option in ["--config", "--columns"] {
      let missing = try runPlacer(base + [option, "/nonexistent/c.json"])
      #expect(missing.status == 66)
      #expect(missing.stderr.contains("'/nonexistent/c.json': no such file"))
      let folder = try runPlacer(base + [option, "Fixtures"])
      #expect(folder.status == 66)
      #expect(folder.stderr.contains("it is a directory"))
    }
  }

  @Test func usageErrorsExit64() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let unknown = try runPlacer(["allocate", "--learnrs", "x"])
    #expect(unknown.status == 64)
    #expect(unknown.stderr.contains("did you mean '--learners'"))
    let missing = try runPlacer(["allocate", "--learners", "x"])
    #expect(missing.status == 64)
    let badWeight = try runPlacer(
      ["allocate", "--learners", "a", "--listings", "b", "--out", "c",
        "--weight", "learner.charm=1"])
    #expect(badWeight.status == 64)
    #expect(badWeight.stderr.contains("unknown score component"))
    #expect(try runPlacer(["frobnicate"]).status == 64)
    // An empty value (an unset shell variable) was taken as a path:
    // '--out ""' failed with "  is not empty" (73), '--learners ""' with 66.
    for option in ["--out", "--learners", "--seed"] {
      var arguments = ["allocate", "--learners", "a", "--listings", "b",
        "--out", scratch.newPath("empty-value")]
      arguments += [option, ""]
      let empty = try runPlacer(arguments)
      #expect(empty.status == 64)
      #expect(empty.stderr.contains("\(option) needs a value, got ''"))
    }
  }

  @Test func weightAndConfigErrorsNameTheirOptionAndTheFix() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let base = ["allocate", "--learners", "Fixtures/sample/learners.csv",
      "--listings", "Fixtures/sample/listings.csv", "--out",
      scratch.newPath("weights")]
    // Each message lacked the option it came from, or the fix.
    for (weight, message) in [
      ("learner.goals=nan", "--weight 'learner.goals=nan': weight"),
      ("learner.goalz=1", "did you mean 'learner.goals'?"),
      ("learner.GOALS=1", "did you mean 'learner.goals'?"),
      ("employer.listing_stated=1", "did you mean 'employer.stated'"),
      ("listing.goals=1", "or 'employer' (how listings rank learners)"),
    ] {
      let result = try runPlacer(base + ["--weight", weight])
      #expect(result.status == 64)
      #expect(result.stderr.contains(message), "\(result.stderr)")
    }
    let config = try scratch.newFile(
      "dims.json", containing: #"{"goal_dimensions": 0}"#)
    let fromConfig = try runPlacer(base + ["--config", config])
    #expect(fromConfig.status == 64)
    #expect(fromConfig.stderr.contains(
      "--config '\(config)': goal_dimensions must be from 1"))
  }

  @Test func internalFailureExits1() throws {
    // A trap used to end placer with a signal (status 132/133 in the
    // shell), not the exit code 1 that the exit-code table promises.
    let result = try runPlacer(
      ["allocate", "--help"],
      environment: ["PLACER_TEST_INTERNAL_FAILURE": "1"])
    #expect(result.status == 1)
    #expect(result.stderr.contains("placer: internal failure: this is a bug"))
    let normal = try runPlacer(
      ["allocate", "--help"],
      environment: ["PLACER_TEST_INTERNAL_FAILURE": "0"])
    #expect(normal.status == 0)
  }

  @Test func strayArgumentsExit64() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("stray")
    for command in [
      ["allocate", "--learners", "Fixtures/sample/learners.csv", "--listings",
        "Fixtures/sample/listings.csv", "--out", out],
      ["diagnose", "--learners", "Fixtures/sample/learners.csv", "--listings",
        "Fixtures/sample/listings.csv"],
    ] {
      let result = try runPlacer(command + ["extra.csv"])
      #expect(result.status == 64)
      #expect(result.stderr.contains("unexpected argument 'extra.csv'"))
    }
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func badConfigValuesExit64BeforeAnyWork() throws {
    let base = ["allocate", "--learners", "Fixtures/sample/learners.csv",
      "--listings", "Fixtures/sample/listings.csv"]
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let zeroK = try scratch.newFile("zero-k.json", containing: #"{"top_k": 0}"#)
    let out = scratch.newPath("bad-config")
    let crashed = try runPlacer(base + ["--out", out, "--config", zeroK])
    #expect(crashed.status == 64)
    #expect(crashed.stderr.contains("top_k must be from 1 to 100000, got 0"))
    for (json, message) in [
      (#"{"seed": -1}"#, "seed must be a whole number >= 0, got -1"),
      (#"{"top_k": 5.5}"#, "top_k must be a whole number >= 0, got 5.5"),
      (#"{"goal_dimensions": 1e20}"#, "goal_dimensions is too large"),
      // 100,000 was accepted, and the SVD then ran out of memory.
      (#"{"goal_dimensions": 1025}"#,
        "goal_dimensions must be from 1 to 1024, got 1025"),
    ] {
      // Both were reported as "The given data was not valid JSON."
      let config = try scratch.newFile("numbers.json", containing: json)
      let result = try runPlacer(base + ["--out", out, "--config", config])
      #expect(result.status == 64)
      #expect(result.stderr.contains(message))
      #expect(!result.stderr.contains("not valid JSON"))
    }
    let typo = try scratch.newFile("typo.json", containing: #"{"topk": 5}"#)
    let ignored = try runPlacer(base + ["--out", out, "--config", typo])
    #expect(ignored.status == 64)
    #expect(ignored.stderr.contains("did you mean 'top_k'?"))
    let columns = try scratch.newFile(
      "columns.json", containing: #"{"list_separator": ":"}"#)
    let clash = try runPlacer(base + ["--out", out, "--columns", columns])
    #expect(clash.status == 64)
    #expect(clash.stderr.contains("must differ"))
    #expect(!FileManager.default.fileExists(atPath: out))
  }

  @Test func nonEmptyOutputNeedsForce() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let out = scratch.newPath("full")
    try FileManager.default.createDirectory(
      atPath: out, withIntermediateDirectories: true)
    try "keep".write(toFile: out + "/mine.txt", atomically: true, encoding: .utf8)
    let args = ["allocate", "--learners", "Fixtures/sample/learners.csv",
      "--listings", "Fixtures/sample/listings.csv", "--out", out]
    let refused = try runPlacer(args)
    #expect(refused.status == 73)
    #expect(FileManager.default.fileExists(atPath: out + "/mine.txt"))
    let forced = try runPlacer(args + ["--force"])
    #expect(forced.status == 0)
    #expect(!FileManager.default.fileExists(atPath: out + "/mine.txt"))
    #expect(FileManager.default.fileExists(atPath: out + "/allocations.csv"))
  }

  @Test func forceNeverReplacesADirectoryHoldingTheInputs() throws {
    // '--out data --force' with the inputs in data/ deleted the inputs.
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let folder = scratch.newPath("inputs-here")
    try FileManager.default.createDirectory(
      atPath: folder + "/sub", withIntermediateDirectories: true)
    for name in ["learners.csv", "listings.csv"] {
      try FileManager.default.copyItem(
        atPath: "Fixtures/sample/" + name, toPath: folder + "/sub/" + name)
    }
    let inputs = ["--learners", folder + "/sub/learners.csv",
      "--listings", folder + "/sub/listings.csv"]
    for command in ["allocate", "diagnose"] {
      for out in [folder, folder + "/sub", folder + "/sub/"] {
        let result = try runPlacer([command] + inputs + ["--out", out, "--force"])
        #expect(result.status == 73)
        #expect(result.stderr.contains("would delete it"))
      }
    }
    #expect(FileManager.default.fileExists(atPath: folder + "/sub/learners.csv"))
    let beside = try runPlacer(
      ["allocate"] + inputs + ["--out", folder + "/out", "--force"])
    #expect(beside.status == 0)
  }

  @Test func outputUnderAFileExits73NamingTheFile() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let file = try scratch.newFile("plain-file", containing: "not a folder")
    let result = try runPlacer(
      ["allocate", "--learners", "Fixtures/sample/learners.csv", "--listings",
        "Fixtures/sample/listings.csv", "--out", file + "/deeper/out"])
    #expect(result.status == 73)
    #expect(result.stderr.contains("\(file) is a file, not a directory"))
    #expect(!result.stderr.contains("NSCocoaErrorDomain"))
  }

  @Test func helpAndVersion() throws {
    let help = try runPlacer(["allocate", "--help"])
    #expect(help.status == 0 && help.stdout.contains("EXIT CODES"))
    for command in ["allocate", "check", "diagnose"] {
      let short = try runPlacer([command, "-h"])
      #expect(short.status == 0 && short.stdout.contains("USAGE: placer"))
    }
    let version = try runPlacer(["--version"])
    #expect(version.status == 0 && version.stdout.hasPrefix("placer "))
  }
}
