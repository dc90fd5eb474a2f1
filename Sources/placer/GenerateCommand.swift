// `placer generate`: write a synthetic market of any size.

import PlacerCore

enum GenerateCommand {
  static let valued: Set<String> = ["learners", "listings", "seed", "out"]
  static let flags: Set<String> = ["force", "quiet", "verbose", "help"]

  static let help = """
    USAGE: placer generate --learners N --listings M --out DIR [--seed S]

    Writes a synthetic market, learners.csv and listings.csv, with skill
    clusters, goal text, sectors, 300 invented cities, types, modes, terms,
    years, programs, groups, reserves, stated preferences, pins and
    exclusions; about 5% of pairs pass the hard constraints. The same seed
    gives byte-identical files. Rows are streamed, so 600,000 learners need
    little memory.

    OPTIONS:
      --learners N             learner rows (1 to 100,000,000)
      --listings M             listing rows (1 to 100,000,000)
      --out DIR                output directory; must be empty or absent
      --seed S                 random seed (default 0)
      --force                  replace a non-empty --out
      --quiet                  print nothing but errors
      --verbose                print progress notes
      --help                   show this help

    EXIT CODES: 0 success, 1 internal failure (a bug), 64 usage error,
    73 output cannot be created.
    """

  static func run(_ arguments: [String], console: inout Console) -> ExitCode {
    let options: Options
    let market: SyntheticMarket
    do throws(UsageError) {
      options = try Options(arguments, valued: valued, flags: flags)
      if options.has("help") {
        print(help)
        return .success
      }
      // As in the other commands: '--learners 10 20' is a mistake, not a
      // size to ignore.
      if let stray = options.positional.first {
        throw UsageError(message: "unexpected argument '\(stray)'")
      }
      console.quiet = options.has("quiet")
      console.verbose = options.has("verbose")
      // A file of no rows is one `allocate` rejects (exit 65), so a size
      // of 0 is refused here rather than there.
      let learners = try options.integer("learners", in: 1...100_000_000)
      let listings = try options.integer("listings", in: 1...100_000_000)
      let seed = try options.integer("seed", in: 0...Int.max) ?? 0
      _ = try options.required("out")
      guard let learners else { throw UsageError(message: "missing --learners") }
      guard let listings else { throw UsageError(message: "missing --listings") }
      market = SyntheticMarket(
        learners: learners, listings: listings, seed: UInt64(seed))
    } catch {
      console.error(error.message)
      console.error("see 'placer generate --help'")
      return .usage
    }
    let out = options.value("out")!
    let console = console
    do {
      try market.write(to: out, force: options.has("force")) {
        console.note($0)
      }
    } catch {
      console.error(error.description)
      return .cannotCreate
    }
    if !console.quiet {
      print(
        "placer: generated \(market.learnerCount) learners and "
          + "\(market.listingCount) listings (seed \(market.seed)) in \(out)")
    }
    return .success
  }
}
