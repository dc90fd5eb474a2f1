// `placer allocate`: run the pipeline and write the output directory.

import Foundation
import PlacerCore

enum AllocateCommand {
  /// Options that shape the lists; `check` accepts them too.
  static let scoringOptions: Set<String> = [
    "learners", "listings", "config", "preferences", "top-k", "min-score",
    "seed", "tie-break", "reserve-precedence", "weight",
    "distance-scale-km", "block-size", "columns", "taxonomy",
    "goal-method", "goal-dimensions",
  ]
  static let valued = scoringOptions.union(["out", "algorithm"])
  static let flags: Set<String> = [
    "save-preferences", "force", "quiet", "verbose", "help", "strict",
  ]

  static let help = """
    USAGE: placer allocate --learners FILE --listings FILE --out DIR [options]

    Scores every learner against every eligible listing, builds both sides'
    preference lists and computes a stable allocation.

    OPTIONS:
      --learners FILE          learners CSV (columns: README.md, "Inputs")
      --listings FILE          listings CSV
      --out DIR                output directory; must be empty or absent
      --config FILE            JSON configuration; flags override it
      --preferences MODE       scores (default) | stated | extend
      --algorithm NAME         learner-proposing (default) | listing-proposing
                               | max-welfare (not stable; see the summary)
      --top-k N                longest learner list kept (default 50)
      --min-score X            lowest learner utility kept (default 0)
      --seed N                 lottery seed for ties (default 0)
      --tie-break RULE         single (default) | multiple
      --reserve-precedence P   reserved-first (default) | open-first
      --weight VIEW.C=X        weight of component C in view learner or
                               employer, e.g. --weight learner.goals=0.5
                               (repeatable); components: skills,
                               preferred_skills, goals, sectors, location,
                               stated, related_skills
      --goal-method M          tfidf (default) | lsa: goal text compared by
                               TF-IDF cosine or latent semantic vectors
      --goal-dimensions N      latent dimensions for lsa, 1 to 1024
                               (default 128)
      --distance-scale-km X    distance at which location falls to 1/e (50)
      --block-size N           learners scored together (default 256); a
                               tuning knob that never changes any output
      --columns FILE           JSON column mapping (learner_columns,
                               listing_columns, list_separator,
                               level_separator); overrides the config's
                               mapping field by field; repeatable
      --taxonomy FORMAT:PATH   load a skill taxonomy: esco:FILE (ESCO
                               skills CSV) or onet:FILE (O*NET Technology
                               Skills.txt); repeatable, replaces the
                               config's 'taxonomies'
      --save-preferences       also write the lists matching used
      --force                  replace a non-empty --out
      --strict                 repairable input problems (unknown or repeated
                               ids in lists, empty list entries, unknown
                               columns) are errors (exit 65), not warnings
      --quiet                  hide warnings (errors still print)
      --verbose                print progress notes
      --help                   show this help

    OUTPUTS: allocations.csv, unmatched.csv, fill.csv, summary.json,
    pins.csv when any learner is pinned (and learner_preferences.csv,
    listing_preferences.csv with --save-preferences).

    EXIT CODES: 0 success, 1 internal failure (a bug), 64 usage error,
    65 invalid input data, 66 input missing or unreadable, 73 output cannot
    be created.
    """

  static func run(_ arguments: [String], console: inout Console) -> ExitCode {
    switch ParsedCommand.parse(
      arguments, command: "allocate", valued: valued, flags: flags,
      required: ["learners", "listings", "out"], help: help, console: &console)
    {
    case .run(let options, let configuration):
      return execute(options, configuration, console)
    case .exit(let code):
      return code
    }
  }

  private static func execute(
    _ options: Options,
    _ configuration: RunConfiguration,
    _ console: Console
  ) -> ExitCode {
    let run = AllocationRun(
      learnersPath: options.value("learners")!,
      listingsPath: options.value("listings")!,
      configuration: configuration)
    let outcome: AllocationOutcome
    let directory: OutputDirectory
    do {
      directory = try OutputDirectory(
        path: options.value("out")!, force: options.has("force"),
        inputs: inputPaths(options, configuration))
    } catch {
      console.error(error.description)
      return .cannotCreate
    }
    do {
      outcome = try run.run { console.note($0) }
    } catch {
      directory.discard()
      return console.report(error)
    }
    console.report(outcome.warnings)
    do {
      try write(outcome, to: directory, options: options)
    } catch {
      directory.discard()
      console.error(error.description)
      return .cannotCreate
    }
    print(summaryLine(outcome, out: options.value("out")!))
    return .success
  }

  private static func write(
    _ outcome: AllocationOutcome,
    to directory: OutputDirectory,
    options: Options
  ) throws(OutputError) {
    try directory.write("allocations.csv", outcome.allocationsCSV())
    try directory.write("unmatched.csv", outcome.unmatchedCSV())
    try directory.write("fill.csv", outcome.fillCSV())
    if let pins = outcome.pinsCSV() {
      try directory.write("pins.csv", pins)
    }
    if options.has("save-preferences") {
      try directory.write(
        "learner_preferences.csv", outcome.learnerPreferencesCSV())
      try directory.write(
        "listing_preferences.csv", outcome.listingPreferencesCSV())
    }
    let summary = outcome.summary(command: CommandLine.arguments)
    try directory.write("summary.json", Array(summary.rendered().utf8))
    try directory.commit()
  }

  /// The one line printed on stdout after a run.
  static func summaryLine(_ outcome: AllocationOutcome, out: String) -> String
  {
    let n = outcome.market.learners.count
    let matched = outcome.result.matching.listingOf.filter { $0 >= 0 }.count
    let seats = outcome.market.listings.reduce(0) { $0 + $1.capacity }
    let percent = n == 0 ? 0 : Double(matched) * 100 / Double(n)
    let stable =
      outcome.problems.isValidAndStable
      ? "stable (0 blocking pairs)"
      : "NOT stable (\(outcome.problems.blockingPairs.count) blocking pairs)"
    return "placer: placed \(matched) of \(n) learners "
      + "(\(String(format: "%.1f", percent))%) in \(seats) seats at "
      + "\(outcome.market.listings.count) listings; \(stable); "
      + "results in \(out)"
  }

  /// Defaults, then the config file, then flags.
  static func makeConfiguration(_ options: Options) throws -> RunConfiguration
  {
    var config = RunConfiguration()
    if let path = options.value("config") {
      guard let data = fileContents(atPath: path) else {
        throw UnreadableFileError(
          message: "cannot read --config file '\(path)': \(whyUnreadable(path))")
      }
      do {
        config = try JSONDecoder().decode(RunConfiguration.self, from: data)
      } catch let error as ConfigurationError {
        // Say where: 'goal_dimensions must be from 1 ...' did not name the
        // file, and a weight's message did not say it came from one.
        throw UsageError(message: "--config '\(path)': \(error)")
      } catch {
        throw UsageError(
          message: "--config '\(path)' is not a valid configuration: "
            + (wholeNumberProblem(in: data) ?? "\(error)"))
      }
      InputOptions.resolvePaths(&config, configPath: path)
    }
    if let mode: PreferenceMode = try options.choice("preferences") {
      config.preferences = mode
    }
    if let algorithm: Algorithm = try options.choice("algorithm") {
      config.algorithm = algorithm
    }
    if let k = try options.integer("top-k", in: 1...100_000) {
      config.topK = k
    }
    if let x = try options.number("min-score", in: 0...1) {
      config.minScore = x
    }
    if let seed = try options.integer("seed", in: 0...Int.max) {
      config.seed = UInt64(seed)
    }
    if let rule: TieBreakRule = try options.choice("tie-break") {
      config.tieBreak = rule
    }
    if let order: ReservePrecedence = try options.choice("reserve-precedence")
    {
      config.reservePrecedence = order
    }
    if let x = try options.number("distance-scale-km", in: 0.001...40_000) {
      config.distanceScaleKm = x
    }
    if let b = try options.integer("block-size", in: 1...1_000_000) {
      config.blockSize = b
    }
    if let method: GoalMethod = try options.choice("goal-method") {
      config.goalMethod = method
    }
    if let d = try options.integer(
      "goal-dimensions", in: ScoringOptions.goalDimensionRange)
    {
      config.goalDimensions = d
      // TF-IDF has no dimensions: the flag alone changed nothing, silently.
      guard config.goalMethod == .lsa else {
        throw UsageError(
          message: "--goal-dimensions sets the dimensions of --goal-method "
            + "lsa, but the goal method is \(config.goalMethod.rawValue); "
            + "add --goal-method lsa or drop --goal-dimensions")
      }
    }
    try applyWeights(options.all("weight"), to: &config)
    try InputOptions.apply(options, to: &config)
    try config.checkSeparators()
    if options.has("strict") { config.strict = true }
    return config
  }

  /// Foundation reports a fraction or a negative number for an integer
  /// key as "not valid JSON"; name the key instead.
  private static func wholeNumberProblem(in data: Data) -> String? {
    guard
      let object = try? JSONSerialization.jsonObject(with: data)
        as? [String: Any]
    else { return nil }
    for key in ["top_k", "seed", "block_size", "goal_dimensions"] {
      guard let number = object[key] as? NSNumber else { continue }
      let value = number.doubleValue
      if value < 0 || value.rounded() != value {
        return "\(key) must be a whole number >= 0, got \(number)"
      }
      // Past Int.max Foundation says "not valid JSON" too.
      if value >= 0x1p63 {
        return "\(key) is too large, got \(number)"
      }
    }
    return nil
  }

  private static func applyWeights(
    _ settings: [String],
    to config: inout RunConfiguration
  ) throws {
    for setting in settings {
      let parts = setting.split(separator: "=", maxSplits: 1)
      let key = parts.first.map { $0.split(separator: ".") } ?? []
      guard parts.count == 2, key.count == 2, let value = Double(parts[1])
      else {
        throw UsageError(
          message: "--weight expects VIEW.COMPONENT=NUMBER, e.g. "
            + "learner.goals=0.5, got '\(setting)'")
      }
      let override = [String(key[1]): value]
      do {
        switch key[0] {
        case "learner":
          config.learnerWeights = try config.learnerWeights.applying(
            override, view: "learner")
        case "employer":
          config.employerWeights = try config.employerWeights.applying(
            override, view: "employer")
        default:
          throw UsageError(
            message: "--weight view must be 'learner' (how learners rank "
              + "listings) or 'employer' (how listings rank learners), got "
              + "'\(key[0])'")
        }
      } catch let error as ConfigurationError {
        throw UsageError(message: "--weight '\(setting)': \(error)")
      }
    }
  }
}
