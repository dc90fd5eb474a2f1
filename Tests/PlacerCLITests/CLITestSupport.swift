// Runs the built `placer` executable for end-to-end tests.

import Foundation
import PlacerCore

/// The repository root, found from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath)
  .deletingLastPathComponent().deletingLastPathComponent()
  .deletingLastPathComponent()

/// The `placer` binary next to the test bundle (same build configuration).
func placerExecutable() -> URL {
  let candidates = [
    Bundle.main.bundleURL.appendingPathComponent("placer"),
    URL(fileURLWithPath: CommandLine.arguments[0])
      .deletingLastPathComponent().appendingPathComponent("placer"),
    repositoryRoot.appendingPathComponent(".build/debug/placer"),
  ]
  return candidates.first {
    FileManager.default.isExecutableFile(atPath: $0.path)
  } ?? candidates.last!
}

/// What a run of `placer` printed and returned.
struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs `placer` with `arguments` from the repository root; `environment`
/// entries are added to (or replace) the inherited environment.
func runPlacer(
  _ arguments: [String],
  environment: [String: String] = [:]
) throws -> RunResult {
  let process = Process()
  process.executableURL = placerExecutable()
  process.arguments = arguments
  process.environment = ProcessInfo.processInfo.environment
    .merging(environment) { $1 }
  process.currentDirectoryURL = repositoryRoot
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  try process.run()
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  let errData = err.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return RunResult(
    status: process.terminationStatus,
    stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData, as: UTF8.self))
}

/// Rows of a CSV file as dictionaries keyed by header name.
func readRows(_ path: String) throws -> [[String: String]] {
  let table = try CSVReader.read(path: path)
  return table.records.map { record in
    Dictionary(uniqueKeysWithValues: zip(table.header, record.fields))
  }
}
