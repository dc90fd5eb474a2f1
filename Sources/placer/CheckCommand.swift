// `placer check`: judge an allocation file against the inputs.

import Foundation
import PlacerCore

enum CheckCommand {
  static let valued = AllocateCommand.scoringOptions.union(
    ["allocations", "lists"])
  static let flags: Set<String> = ["quiet", "verbose", "help", "strict"]

  static let help = """
    USAGE: placer check --learners FILE --listings FILE --allocations FILE
                        [--config FILE] [--preferences MODE] [--lists DIR]
                        [scoring options of 'placer allocate']

    Judges any allocation (columns learner_id, listing_id; an empty
    listing_id leaves the learner unplaced), Placer's or not:
    unknown or duplicate ids, ineligible pairs, pairs not on both lists,
    capacity violations, broken pins, and every blocking pair. The lists
    are re-derived from the inputs and options, or read from DIR as saved
    by 'placer allocate --save-preferences'. With --strict, repairable
    input problems are errors (exit 65), as in 'placer allocate'.

    EXIT CODES: 0 valid and stable, 1 not (or an internal failure, which
    says so), 64 usage error, 65 invalid input data, 66 input missing or
    unreadable.
    """

  /// How many findings of one kind are printed before the count.
  static let shown = 50

  static func run(_ arguments: [String], console: inout Console) -> ExitCode {
    switch ParsedCommand.parse(
      arguments, command: "check", valued: valued, flags: flags,
      required: ["learners", "listings", "allocations"], help: help, console: &console)
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
    let judgement: AllocationJudgement
    do {
      var prepared = try run.prepare { console.note($0) }
      if let directory = options.value("lists") {
        prepared.profile = try PreferenceProfile.saved(
          in: directory, market: prepared.market)
      }
      let table = try CSVReader.read(path: options.value("allocations")!)
      judgement = try AllocationJudgement(
        allocations: table, prepared: prepared,
        reserves: run.seatReserves(prepared.market))
      console.report(prepared.warnings)
      report(judgement, market: prepared.market)
    } catch {
      return console.report(error)
    }
    return judgement.isValidAndStable ? .success : .failure
  }

  private static func report(_ judgement: AllocationJudgement, market: Market)
  {
    var lines: [(kind: String, text: String)] = []
    for location in judgement.unknownLearners {
      lines.append(("unknown_learner", "\(location.rendered): unknown learner id"))
    }
    for location in judgement.unknownListings {
      lines.append(("unknown_listing", "\(location.rendered): unknown listing id"))
    }
    for location in judgement.duplicateLearners {
      lines.append(("duplicate_learner",
        "\(location.rendered): learner placed more than once"))
    }
    func pair(_ i: Int32, _ j: Int32) -> String {
      "learner '\(market.learners[Int(i)].id)' at listing "
        + "'\(market.listings[Int(j)].id)'"
    }
    for (i, j) in judgement.ineligiblePairs {
      lines.append(("ineligible_pair", "ineligible pair: \(pair(i, j))"))
    }
    let problems = judgement.problems
    for j in problems.capacityViolations {
      let listing = market.listings[Int(j)]
      let filled = judgement.matching.listingOf.filter { $0 == j }.count
      lines.append(("capacity_violation",
        "capacity violation: listing '\(listing.id)' holds \(filled) "
          + "learners for \(listing.capacity) seats"))
    }
    for p in problems.unacceptablePairs {
      lines.append(("unacceptable_pair",
        "not on both lists: \(pair(p.learner, p.listing))"))
    }
    for i in problems.pinViolations {
      lines.append(("pin_violation",
        "pin broken: learner '\(market.learners[Int(i)].id)' is not at "
          + "its pinned listing"))
    }
    for p in problems.blockingPairs {
      lines.append(("blocking_pair",
        "blocking pair: learner '\(market.learners[Int(p.learner)].id)' "
          + "and listing '\(market.listings[Int(p.listing)].id)' prefer "
          + "each other to what they got"))
    }
    var printed: [String: Int] = [:]
    for line in lines {
      printed[line.kind, default: 0] += 1
      if printed[line.kind]! <= shown { print(line.text) }
    }
    for (kind, count) in printed.sorted(by: { $0.key < $1.key })
    where count > shown {
      print("... \(count - shown) more of kind \(kind)")
    }
    let matched = judgement.matching.matchedCount
    print(
      judgement.isValidAndStable
        ? "placer: check: valid and stable (\(matched) placed, 0 blocking "
          + "pairs)"
        : "placer: check: NOT valid and stable (\(lines.count) findings, "
          + "\(problems.blockingPairs.count) blocking pairs)")
  }
}
