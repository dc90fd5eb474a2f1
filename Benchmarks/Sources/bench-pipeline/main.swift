// bench-pipeline: one allocation run on a market's files, per-stage wall
// times, peak memory, and GEMM efficiency against raw `cblas_sgemm`
// measured in the same process on the same shapes.
//
//   bench-pipeline --learners F --listings F [--out DIR] [--label TEXT]
//                  [--goal-method tfidf|lsa]
//
// Prints one Markdown table row and one `json:` line (read by
// scripts/bench.sh).
import BenchSupport
import Foundation
import PlacerCore

let arguments = benchmarkArguments()
guard let learners = arguments["learners"], let listings = arguments["listings"]
else {
  FileHandle.standardError.write(
    Data("usage: bench-pipeline --learners F --listings F [--out DIR]\n".utf8))
  exit(64)
}
let out = arguments["out"] ?? NSTemporaryDirectory() + "/bench-pipeline-out"
let label = arguments["label"] ?? ""

// The pipeline as `placer allocate` runs it, default options but for the
// goal method.
var configuration = RunConfiguration()
if let method = arguments["goal-method"] {
  guard let parsed = GoalMethod(rawValue: method) else {
    FileHandle.standardError.write(
      Data("bench-pipeline: --goal-method is tfidf or lsa\n".utf8))
    exit(64)
  }
  configuration.goalMethod = parsed
}
let run = AllocationRun(
  learnersPath: learners, listingsPath: listings,
  configuration: configuration)
let (outcome, _) = try timed { try run.run() }
let (_, writeSeconds) = try timed {
  let directory = try OutputDirectory(path: out, force: true)
  try directory.write("allocations.csv", outcome.allocationsCSV())
  try directory.write("unmatched.csv", outcome.unmatchedCSV())
  try directory.write("fill.csv", outcome.fillCSV())
  let summary = outcome.summary(command: CommandLine.arguments)
  try directory.write("summary.json", Array(summary.rendered().utf8))
  try directory.commit()
}
let peak = peakResidentBytes()
var stages = Dictionary(
  outcome.timings.map { ($0.stage, $0.seconds) }, uniquingKeysWith: +)
stages["write"] = writeSeconds

// The score stage's wall time, split in proportion to worker time: the
// GEMMs (latent parts: LSA goals, related skills), the other products
// (the sparse product of the linear components, gathering and clamping
// latent values) and top-K selection with eligibility checks.
let s = outcome.scoring
let scoreWall = stages["score"] ?? 0
let workerTime = max(1e-12, s.gemmSeconds + s.productSeconds + s.topKSeconds)
let gemmWall = scoreWall * s.gemmSeconds / workerTime
let sparseWall = scoreWall * s.productSeconds / workerTime
let topKWall = scoreWall - gemmWall - sparseWall

// Raw single-threaded sgemm (the workers' setting) on the typical shape of
// the latent GEMMs: a block of 256 learner vectors against the average
// number of feasible listings per learner, `d` deep. Only when the run
// made GEMMs (with TF-IDF goals and related skills at weight 0 it makes
// none: every learner-view component is sparse).
let n = outcome.market.learners.count
let d = s.latentDimensions.max() ?? 0
let runRows = max(64, min(outcome.market.listings.count, s.products / max(1, n)))
var rawGflops = 0.0
var c = [Float](repeating: 0, count: 256 * runRows)
if s.gemmFlops > 0 {
  var a = Matrix(rows: 256, columns: d)
  var b = Matrix(rows: runRows, columns: d)
  for k in a.values.indices { a.values[k] = Float(k % 7) * 0.01 }
  for k in b.values.indices { b.values[k] = Float(k % 5) * 0.02 }
  let threads = BLAS.threadCount ?? 1
  BLAS.setThreadCount(1)
  // Best of three half-second trials: the best trial is the fairest
  // estimate of what sgemm can do on this machine.
  for _ in 0..<3 {
    var repeats = 0
    let (_, rawSeconds) = timed {
      let start = wallSeconds()
      repeat {
        BLAS.multiplyTransposed(a, rows: 0..<256, by: b, rows: 0..<runRows,
          into: &c, at: 0)
        repeats += 1
      } while wallSeconds() - start < 0.5
    }
    rawGflops = max(
      rawGflops,
      2 * 256 * Double(runRows) * Double(d) * Double(repeats)
        / rawSeconds / 1e9)
  }
  BLAS.setThreadCount(threads)
}
let ourGflops = s.gemmFlops / max(1e-12, s.gemmSeconds) / 1e9
let checksum = c.reduce(0, +)

let total = stages.values.reduce(0, +)
func f(_ x: Double) -> String { String(format: "%.2f", x) }
let method = configuration.goalMethod.rawValue
let efficiency =
  s.gemmFlops > 0
  ? String(format: "%.0f%%", 100 * ourGflops / rawGflops) : "no GEMM"
let table = ResultTable(columns: [
  "size", "goals", "parse", "vectorize", "lsa", "skill embedding",
  "score (GEMM)", "score (sparse)", "score (top-K)", "lists", "match",
  "check", "write", "total", "peak RSS", "products / pairs",
  "GEMM GFLOP/s per thread", "raw sgemm GFLOP/s", "GEMM efficiency",
])
var row = table
row.add([
  label, method, f(stages["parse"] ?? 0), f(stages["vectorize"] ?? 0),
  f(stages["lsa"] ?? 0), f(stages["skill_embedding"] ?? 0), f(gemmWall),
  f(sparseWall), f(topKWall), f(stages["lists"] ?? 0),
  f(stages["match"] ?? 0), f(stages["check"] ?? 0), f(writeSeconds),
  f(total), mebibytes(peak),
  String(format: "%.3f", Double(s.products) / Double(max(1, s.pairs))),
  f(ourGflops), f(rawGflops), efficiency,
])
print(row.render())
let json: [String: Any] = [
  "label": label, "goal_method": method, "learners": n,
  "listings": outcome.market.listings.count,
  "stages": stages, "score_gemm": gemmWall, "score_sparse": sparseWall,
  "score_top_k": topKWall,
  "total": total, "peak_rss_bytes": peak, "pairs": s.pairs,
  "eligible_pairs": s.eligiblePairs, "products": s.products,
  "sparse_multiply_adds": s.sparseMultiplyAdds,
  "feature_width": s.featureWidth, "latent_dimensions": d,
  "gemm_calls": s.gemmCalls, "gemm_flops": s.gemmFlops,
  "gemm_gflops_per_thread": ourGflops,
  "raw_sgemm_gflops": rawGflops, "raw_shape": [256, runRows, d],
  "matched": outcome.result.matching.matchedCount,
  "blocking_pairs": outcome.problems.blockingPairs.count,
  "checksum": Double(c.reduce(0, +)),
]
let data = try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
print("json: " + String(decoding: data, as: UTF8.self))
