// `placer diagnose`: eligibility, seats and demand before any run.

import Foundation
import PlacerCore

enum DiagnoseCommand {
  static let valued: Set<String> = [
    "learners", "listings", "config", "out", "columns", "taxonomy",
  ]
  static let flags: Set<String> = [
    "force", "strict", "quiet", "verbose", "help",
  ]

  static let help = """
    USAGE: placer diagnose --learners FILE --listings FILE [--config FILE]
                           [--columns FILE] [--taxonomy FORMAT:PATH]
                           [--out DIR] [--force] [--strict]

    Checks a market before any run: learners with no eligible listing and
    the constraint that excluded them, listings with fewer eligible
    learners than seats, seats against demand by type, sector, location
    and group, and stated preferences that cannot be honoured. Prints a
    short digest on stderr; with --out, also writes:

      learners_without_listing.csv  learner_id, line, main_constraint,
                                    last_constraint, removed_by_<constraint>
      underdemanded_listings.csv    listing_id, line, capacity,
                                    eligible_learners, shortfall,
                                    main_constraint, removed_by_<constraint>
      supply_demand.csv             dimension, value, listings, seats,
                                    learners, eligible_learners,
                                    seats_per_learner
      ineligible_preferences.csv    side, id, line, rank, named_id, reason

    Each ineligible pair is charged to the first constraint it fails, in
    the order type, mode, location, distance, term, year, program,
    exclusion. main_constraint removed the most candidates; last_constraint
    is the one that removed the final candidates.

    OPTIONS:
      --learners FILE    learners CSV (columns: README.md, "Inputs")
      --listings FILE    listings CSV
      --config FILE      JSON configuration (column mapping, separators,
                         taxonomies)
      --columns FILE     column mapping file, as for 'placer allocate'
      --taxonomy F:PATH  skill taxonomy (esco:FILE or onet:FILE)
      --out DIR          write the CSV files here; must be empty or absent
      --force            replace a non-empty --out
      --strict           repairable input problems are errors (exit 65)
      --quiet            hide warnings (errors and the digest still print)
      --verbose          print progress notes
      --help             show this help

    EXIT CODES: 0 success (whatever the findings), 1 internal failure (a
    bug), 64 usage error, 65 invalid input data, 66 input missing or
    unreadable, 73 output cannot be created.
    """

  static func run(_ arguments: [String], console: inout Console) -> ExitCode {
    switch ParsedCommand.parse(
      arguments, command: "diagnose", valued: valued, flags: flags,
      required: ["learners", "listings"], help: help, console: &console)
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
    var directory: OutputDirectory?
    if let out = options.value("out") {
      do {
        directory = try OutputDirectory(
          path: out, force: options.has("force"),
          inputs: inputPaths(options, configuration))
      } catch {
        console.error(error.description)
        return .cannotCreate
      }
    }
    let loaded: LoadedMarket
    do {
      loaded = try MarketLoader.load(
        learnersPath: options.value("learners")!,
        listingsPath: options.value("listings")!,
        format: configuration.inputFormat, strict: configuration.strict)
    } catch {
      directory?.discard()
      return console.report(error)
    }
    console.report(loaded.warnings)
    console.note("diagnosing every learner-listing pair")
    let diagnosis = MarketDiagnosis(market: loaded.market)
    for line in diagnosis.digest() { console.result("diagnose: " + line) }
    guard let directory else { return .success }
    do {
      for file in diagnosis.files() {
        try directory.write(file.name, file.bytes)
      }
      try directory.commit()
    } catch {
      directory.discard()
      console.error(error.description)
      return .cannotCreate
    }
    return .success
  }
}
