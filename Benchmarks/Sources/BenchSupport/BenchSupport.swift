// Shared pieces of the benchmark executables: wall-clock timing, peak
// resident memory, and a plain table printed to stdout.
import Foundation

/// Monotonic wall-clock time in seconds.
public func wallSeconds() -> Double {
  var ts = timespec()
  clock_gettime(CLOCK_MONOTONIC, &ts)
  return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs `body` and returns its result with the wall time it took.
public func timed<T>(_ body: () throws -> T) rethrows -> (value: T, seconds: Double) {
  let start = wallSeconds()
  let value = try body()
  return (value, wallSeconds() - start)
}

/// Peak resident set size of this process so far, in bytes (getrusage
/// reports kilobytes on Linux).
public func peakResidentBytes() -> Int {
  var usage = rusage()
  getrusage(Int32(RUSAGE_SELF.rawValue), &usage)
  return Int(usage.ru_maxrss) * 1024
}

/// Current resident set size in bytes, read from /proc/self/statm; 0 where
/// that file does not exist.
public func currentResidentBytes() -> Int {
  guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
    return 0
  }
  let fields = text.split(separator: " ")
  guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
  return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

/// Formats a byte count as MiB with one decimal.
public func mebibytes(_ bytes: Int) -> String {
  String(format: "%.1f MiB", Double(bytes) / 1_048_576)
}

/// A Markdown table printed to stdout, so figures paste into the README.
public struct ResultTable {
  public let columns: [String]
  public private(set) var rows: [[String]] = []

  public init(columns: [String]) { self.columns = columns }

  public mutating func add(_ row: [String]) { rows.append(row) }

  public func render() -> String {
    var lines = ["| " + columns.joined(separator: " | ") + " |"]
    lines.append("|" + String(repeating: "---|", count: columns.count))
    for row in rows { lines.append("| " + row.joined(separator: " | ") + " |") }
    return lines.joined(separator: "\n")
  }
}

/// Reads `--name value` pairs from the command line; flags without a value
/// map to "true".
public func benchmarkArguments() -> [String: String] {
  var result: [String: String] = [:]
  var arguments = CommandLine.arguments.dropFirst()
  while let argument = arguments.first {
    arguments = arguments.dropFirst()
    guard argument.hasPrefix("--") else { continue }
    let name = String(argument.dropFirst(2))
    if let value = arguments.first, !value.hasPrefix("--") {
      result[name] = value
      arguments = arguments.dropFirst()
    } else {
      result[name] = "true"
    }
  }
  return result
}
