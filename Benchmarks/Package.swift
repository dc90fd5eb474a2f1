// swift-tools-version:6.0
// Benchmarks for Placer: a separate package so that `swift build` and
// `swift test` at the root never compile or run them. Build and run in
// release mode from this folder, e.g. `swift run -c release bench-matching`.
import PackageDescription

let package = Package(
  name: "PlacerBenchmarks",
  dependencies: [
    .package(name: "Placer", path: "..")
  ],
  targets: [
    .target(
      name: "BenchSupport",
      dependencies: [.product(name: "PlacerCore", package: "Placer")]
    ),
    .executableTarget(
      name: "bench-matching",
      dependencies: ["BenchSupport", .product(name: "PlacerCore", package: "Placer")]
    ),
    .executableTarget(
      name: "bench-parse",
      dependencies: ["BenchSupport", .product(name: "PlacerCore", package: "Placer")]
    ),
    .executableTarget(
      name: "bench-pipeline",
      dependencies: ["BenchSupport", .product(name: "PlacerCore", package: "Placer")]
    ),
  ]
)
