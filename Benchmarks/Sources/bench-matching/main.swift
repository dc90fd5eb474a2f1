// bench-matching: deferred acceptance, the stability checker and
// max-welfare on seeded synthetic markets; prints a Markdown table.
//
//   swift run -c release bench-matching [--sizes 10000,100000,600000]
//     [--seed S] [--list-length 50] [--welfare-max 10000]
//     [--python PATH] [--peer-size 10000]
//
// With --python (a Python that has PyPI `matching` 1.4.x), the
// `--peer-size` market is also solved by that package in the same run.

import BenchSupport
import Foundation
import PlacerCore

let arguments = benchmarkArguments()
let sizes = (arguments["sizes"] ?? "10000,100000,600000")
  .split(separator: ",").compactMap { Int($0) }
let seed = UInt64(arguments["seed"] ?? "") ?? 1
let listLength = Int(arguments["list-length"] ?? "") ?? 50
let welfareMax = Int(arguments["welfare-max"] ?? "") ?? 10_000
let peerSize = Int(arguments["peer-size"] ?? "") ?? 10_000
let python = arguments["python"]

var table = ResultTable(columns: [
  "learners", "listings", "pairs", "stage", "proposals", "proposals/s",
  "wall (s)", "peak RSS",
])
var checksum = 0

/// Adds one row; `proposals` is nil for stages that make none.
@MainActor
func record(
  _ market: (n: Int, m: Int, pairs: Int),
  _ stage: String,
  seconds: Double,
  proposals: Int? = nil
) {
  let rate = proposals.map {
    String(format: "%.1f M", Double($0) / seconds / 1e6)
  }
  table.add([
    String(market.n), String(market.m), String(market.pairs), stage,
    proposals.map(String.init) ?? "", rate ?? "",
    String(format: "%.3f", seconds), mebibytes(peakResidentBytes()),
  ])
}

for n in sizes {
  // 600k learners : 125k listings, kept at every size.
  let m = max(1, n * 125 / 600)
  let (market, generateTime) = timed {
    SyntheticMarket(
      learners: n, listings: m, listLength: listLength, seed: seed)
  }
  let pairs = market.learnerLists.reduce(0) { $0 + $1.count }
  let shape = (n: n, m: m, pairs: pairs)
  record(shape, "generate lists (not Placer)", seconds: generateTime)

  let (profile, buildTime) = timed {
    PreferenceProfile(
      learnerLists: market.learnerLists, listingLists: market.listingLists,
      capacities: market.capacities)
  }
  record(shape, "build PreferenceProfile", seconds: buildTime)

  var optima: [ProposingSide: Matching] = [:]
  for side in ProposingSide.allCases {
    let (result, seconds) = timed {
      deferredAcceptance(profile, proposing: side)
    }
    optima[side] = result.matching
    checksum &+= result.matching.matchedCount
    record(
      shape, "deferred acceptance, \(side.rawValue) propose",
      seconds: seconds, proposals: result.proposals)
  }
  for side in ProposingSide.allCases {
    let (problems, seconds) = timed {
      checkAllocation(optima[side]!, profile: profile)
    }
    precondition(problems.isValidAndStable, "bench: \(side) not stable")
    checksum &+= problems.blockingPairs.count
    let name = side == .learners ? "learner" : "listing"
    record(shape, "check \(name)-optimal", seconds: seconds)
  }
  if n <= welfareMax {
    let weights = market.weights()
    let (result, seconds) = timed {
      maxWelfareAssignment(profile, weights: weights)
    }
    checksum &+= result.matching.matchedCount
    record(shape, "max-welfare", seconds: seconds)
  }
  if let python, n == peerSize {
    for run in runPeer(python: python, market: market) {
      precondition(
        run.listingOf == optima[run.side]!.listingOf,
        "bench: matching 1.4.x disagrees with Placer (\(run.side))")
      record(
        shape,
        "matching 1.4.3 (Python), \(run.side.rawValue) propose: "
          + "build game", seconds: run.buildSeconds)
      record(
        shape,
        "matching 1.4.3 (Python), \(run.side.rawValue) propose: "
          + "solve", seconds: run.solveSeconds)
    }
  }
}

print(table.render())
print("")
print("seed \(seed), lists of \(listLength); checksum \(checksum)")
