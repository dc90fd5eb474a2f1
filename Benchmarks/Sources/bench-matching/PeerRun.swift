// Runs the PyPI `matching` package on a benchmark market, for comparison.

import Foundation
import PlacerCore

/// One side solved by the peer: timings and its matching.
struct PeerRun {
  var side: ProposingSide
  var buildSeconds: Double
  var solveSeconds: Double
  var listingOf: [Int32]
}

/// Writes `market` as JSON, runs `scripts/peer_matching.py` with `python`,
/// and reads back both sides' timings and matchings.
func runPeer(python: String, market: SyntheticMarket) -> [PeerRun] {
  let directory = FileManager.default.temporaryDirectory
  let input = directory.appendingPathComponent("bench-matching-peer.json")
  func array(_ values: [Int32]) -> String {
    "[" + values.map(String.init).joined(separator: ",") + "]"
  }
  func lists(_ lists: [[Int32]]) -> String {
    "[" + lists.map(array).joined(separator: ",") + "]"
  }
  let capacities = array(market.capacities.map { Int32($0) })
  let json =
    "{\"learner_lists\":\(lists(market.learnerLists)),"
    + "\"listing_lists\":\(lists(market.listingLists)),"
    + "\"capacities\":\(capacities)}"
  try! json.write(to: input, atomically: true, encoding: .utf8)

  let script = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent(
      "scripts/peer_matching.py")
  let process = Process()
  process.executableURL = URL(fileURLWithPath: python)
  process.arguments = [script.path, input.path]
  let output = Pipe()
  process.standardOutput = output
  process.standardError = FileHandle.nullDevice
  try! process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  precondition(process.terminationStatus == 0, "bench: peer run failed")

  let object = try! JSONSerialization.jsonObject(with: data) as! [String: Any]
  return ProposingSide.allCases.map { side in
    let entry = object[side.rawValue] as! [String: Any]
    return PeerRun(
      side: side,
      buildSeconds: entry["build_seconds"] as! Double,
      solveSeconds: entry["solve_seconds"] as! Double,
      listingOf: (entry["listing_of"] as! [Int]).map { Int32($0) })
  }
}
