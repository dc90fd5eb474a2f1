// bench-parse: loads a generated learners.csv of N rows (default 1,000,000)
// through the public loading API and reports rows/s, MB/s and peak memory,
// next to Python's csv module reading the same file in the same run. Each
// stage runs in a child process of its own, so each peak is that stage's.
//
// Usage: swift run -c release bench-parse [--rows N] [--seed S] [--keep]
import BenchSupport
import Foundation
import PlacerCore

let arguments = benchmarkArguments()
let rows = Int(arguments["rows"] ?? "") ?? 1_000_000
let seed = UInt64(arguments["seed"] ?? "") ?? 2026
let listingCount = 1_000

// MARK: Input generation

/// SplitMix64 (Steele, Lea & Flood 2014), enough for synthetic data.
struct SplitMix {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
  mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }
  mutating func chance(_ p: Double) -> Bool {
    Double(next() >> 11) / Double(1 << 53) < p
  }
}

let skills = [
  "python", "sql", "excel", "javascript", "react", "java", "c++", "git",
  "docker", "statistics", "machine learning", "data visualization",
  "patient care", "charting", "first aid", "infection control", "welding",
  "blueprints", "cad", "autocad", "accounting", "bookkeeping", "payroll",
  "customer service", "sales", "marketing", "copywriting", "seo",
  "project management", "agile", "scrum", "networking", "linux",
  "cybersecurity", "cloud computing", "aws", "electrical wiring",
  "plumbing", "carpentry", "hvac", "forklift", "logistics", "procurement",
  "public speaking", "spanish", "french", "graphic design", "figma",
  "photoshop", "video editing", "research", "lab safety", "pipetting",
  "microscopy", "r", "tableau", "power bi", "testing", "node.js", "kotlin",
]
let words = """
  I want to learn build work help people data systems care community \
  health software design research engineering finance team projects \
  skills career future experience real world clients patients products \
  services analysis reports tools energy climate cities public policy \
  manufacturing quality safety operations supply chain marketing brand \
  digital media stories education students teaching children families \
  hospital clinic lab science biology chemistry physics models code web \
  mobile apps cloud security networks hardware electrical mechanical \
  trades construction sites housing transport logistics retail customers \
  sales growth small business startups nonprofit impact local global \
  with for and the in on of to a an my our at from about
  """.split(whereSeparator: \.isWhitespace).map(String.init)
let sectors = [
  "software", "healthcare", "finance", "manufacturing", "energy", "data",
  "public sector", "education", "construction", "retail", "media",
  "logistics",
]
let cities: [(String, Double, Double)] = [
  ("Toronto", 43.6532, -79.3832), ("Ottawa", 45.4215, -75.6972),
  ("Montreal", 45.5019, -73.5674), ("Hamilton", 43.2557, -79.8711),
  ("Waterloo", 43.4643, -80.5204), ("Kingston", 44.2312, -76.4860),
  ("Vancouver", 49.2827, -123.1207), ("Calgary", 51.0447, -114.0719),
  ("Edmonton", 53.5461, -113.4938), ("Winnipeg", 49.8951, -97.1384),
  ("Halifax", 44.6488, -63.5752), ("Quebec City", 46.8139, -71.2080),
]
let programs = [
  "computer science", "nursing", "business", "mechanical engineering",
  "electrical engineering", "welding technician", "accounting",
  "data science", "biology", "graphic design", "marketing", "logistics",
]
let types = ["internship", "apprenticeship", "co-op"]
let modes = ["onsite", "hybrid", "remote"]
let header =
  "learner_id,skills,goals,sectors,types,modes,location,relocate,lat,lon,"
  + "max_distance_km,term,program,year,group,preferences,pinned\n"

/// `count` distinct picks from `values`, joined by `;`.
func list(_ values: [String], _ count: Int, _ rng: inout SplitMix) -> String {
  var chosen: [String] = []
  while chosen.count < min(count, values.count) {
    let value = rng.pick(values)
    if !chosen.contains(value) { chosen.append(value) }
  }
  return chosen.joined(separator: ";")
}

/// One learner row, RFC 4180 quoted where needed: 3-7 skills with levels,
/// 12-31 words of goals (some with commas and quotes), 0-5 preferences.
func learnerRow(_ i: Int, _ rng: inout SplitMix) -> String {
  let skillList = list(skills, 3 + rng.below(5), &rng)
    .split(separator: ";").map { "\($0):\(1 + rng.below(5))" }
    .joined(separator: ";")
  var goals = (0..<(12 + rng.below(20))).map { _ in rng.pick(words) }
    .joined(separator: " ")
  if rng.chance(0.3) { goals += ", and more" }
  if rng.chance(0.05) { goals += " (my \"dream\" job)" }
  let quotedGoals =
    goals.contains(",") || goals.contains("\"")
    ? "\"" + goals.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    : goals
  let city = rng.pick(cities)
  let preferences = (0..<rng.below(6)).map { _ in
    "J" + String(1 + rng.below(listingCount))
  }.joined(separator: ";")
  let fields = [
    "L\(i)", skillList, quotedGoals, list(sectors, 1 + rng.below(3), &rng),
    list(types, rng.below(3), &rng), list(modes, rng.below(3), &rng),
    city.0, rng.chance(0.3) ? "yes" : "no",
    String(format: "%.4f", city.1 + Double(rng.below(200)) / 1000),
    String(format: "%.4f", city.2 - Double(rng.below(200)) / 1000),
    rng.chance(0.2) ? "100" : "",
    rng.chance(0.5) ? "2026-fall" : "2027-spring", rng.pick(programs),
    String(1 + rng.below(4)),
    rng.chance(0.15) ? rng.pick(["first-gen", "rural", "indigenous"]) : "",
    preferences, "",
  ]
  return fields.joined(separator: ",") + "\n"
}

/// Writes the learners file in chunks, so generation needs little memory;
/// returns its size in bytes.
func writeLearners(to url: URL) throws -> Int {
  guard FileManager.default.createFile(atPath: url.path, contents: nil)
  else { throw CocoaError(.fileWriteUnknown) }
  let handle = try FileHandle(forWritingTo: url)
  defer { try? handle.close() }
  var rng = SplitMix(state: seed)
  var chunk = header
  var size = 0
  for i in 1...rows {
    chunk += learnerRow(i, &rng)
    if i % 10_000 == 0 || i == rows {
      let data = Data(chunk.utf8)
      size += data.count
      try handle.write(contentsOf: data)
      chunk = ""
    }
  }
  return size
}

/// 1,000 listings whose ids the learners' preferences name.
func writeListings(to url: URL) throws {
  var text = "listing_id,type,capacity\n"
  for j in 1...listingCount {
    text += "J\(j),\(types[j % 3]),\(1 + j % 5)\n"
  }
  try Data(text.utf8).write(to: url)
}

// MARK: Measurement

/// Runs one stage on the files in this process and prints
/// `seconds peak-growth-bytes rows`.
func measure(_ stage: String, learners: String, listings: String) throws {
  let baseline = currentResidentBytes()
  let start = wallSeconds()
  var count = 0
  switch stage {
  case "load":
    let loaded = try MarketLoader.load(
      learnersPath: learners, listingsPath: listings, format: InputFormat())
    count = loaded.market.learners.count
    precondition(loaded.market.learnerStated.count == count)
  case "csv":
    count = try CSVReader.read(path: learners).records.count
  case "rows":
    let table = try CSVReader.read(path: learners)
    var warnings: [Diagnostic] = []
    count = try LearnerReader.learners(
      from: table, format: InputFormat(), warnings: &warnings
    ).reduce(0) { $0 + ($1.id.isEmpty ? 0 : 1) }
  default:
    preconditionFailure("bench-parse: unknown stage \(stage)")
  }
  let seconds = wallSeconds() - start
  print(seconds, peakResidentBytes() - baseline, count)
}

/// Runs `command` and parses `seconds peak rows` from its output.
func child(_ command: [String]) -> (seconds: Double, peak: Int, rows: Int)? {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = command
  let pipe = Pipe()
  process.standardOutput = pipe
  guard (try? process.run()) != nil else { return nil }
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  let parts = String(decoding: data, as: UTF8.self)
    .split(whereSeparator: \.isWhitespace)
  guard process.terminationStatus == 0, parts.count == 3,
    let seconds = Double(parts[0]), let peak = Int(parts[1]),
    let rows = Int(parts[2])
  else { return nil }
  return (seconds, peak, rows)
}

/// Python's csv module on the same file, all rows kept in a list like
/// CSVReader's table; prints what `measure` prints.
let pythonScript = """
  import csv, resource, sys, time
  base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
  start = time.perf_counter()
  with open(sys.argv[1], newline="", encoding="utf-8") as f:
      rows = list(csv.reader(f))
  seconds = time.perf_counter() - start
  peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
  print(seconds, peak - base, len(rows) - 1)
  """

if let stage = arguments["measure"] {
  try measure(
    stage, learners: arguments["learners"]!, listings: arguments["listings"]!)
  exit(0)
}

let directory = FileManager.default.temporaryDirectory
  .appendingPathComponent("placer-bench-parse-\(getpid())")
try FileManager.default.createDirectory(
  at: directory, withIntermediateDirectories: true)
defer {
  if arguments["keep"] == nil {
    try? FileManager.default.removeItem(at: directory)
  }
}
let learnersURL = directory.appendingPathComponent("learners.csv")
let listingsURL = directory.appendingPathComponent("listings.csv")
let (fileSize, generation) = try timed { try writeLearners(to: learnersURL) }
try writeListings(to: listingsURL)
let megabytes = Double(fileSize) / 1_000_000
print(
  "bench-parse: \(rows) learner rows, \(mebibytes(fileSize)) "
    + "(generated in \(String(format: "%.1f", generation)) s), seed \(seed)")

let me = URL(fileURLWithPath: CommandLine.arguments[0]).path
let files = ["--learners", learnersURL.path, "--listings", listingsURL.path]
let stages: [(name: String, command: [String])] = [
  ("MarketLoader.load: read, CSV, rows, ids", [me, "--measure", "load"]),
  ("CSVReader.read: bytes to table", [me, "--measure", "csv"]),
  ("CSVReader.read + LearnerReader, unchunked", [me, "--measure", "rows"]),
  (
    "Python 3 csv.reader, list of rows",
    ["python3", "-c", pythonScript, learnersURL.path]
  ),
]
var results = ResultTable(
  columns: [
    "stage", "seconds", "rows/s", "MB/s", "peak RSS growth", "peak / file",
  ])
var seconds: [Double] = []
for stage in stages {
  let command =
    stage.command.first == me ? stage.command + files : stage.command
  guard let run = child(command) else {
    results.add([stage.name, "failed", "", "", "", ""])
    seconds.append(.nan)
    continue
  }
  precondition(run.rows == rows, "bench-parse: \(stage.name) lost rows")
  seconds.append(run.seconds)
  results.add([
    stage.name, String(format: "%.2f", run.seconds),
    String(format: "%.0f", Double(rows) / run.seconds),
    String(format: "%.1f", megabytes / run.seconds),
    mebibytes(run.peak),
    String(format: "%.2f", Double(run.peak) / Double(fileSize)),
  ])
}
print(results.render())
print(
  "bench-parse: against Python's csv module on the same file: "
    + "CSVReader.read runs at \(String(format: "%.1fx", seconds[3] / seconds[1])) "
    + "its speed, the whole validated load at "
    + "\(String(format: "%.2fx", seconds[3] / seconds[0]))")
