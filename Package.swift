// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "Placer",
  products: [
    .executable(name: "placer", targets: ["placer"]),
    .library(name: "PlacerCore", targets: ["PlacerCore"]),
  ],
  targets: [
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "blas",
      providers: [.apt(["libblas-dev", "libopenblas0-pthread"])]
    ),
    .systemLibrary(
      name: "CLAPACKE",
      pkgConfig: "lapacke",
      providers: [.apt(["liblapack-dev", "liblapacke-dev"])]
    ),
    .systemLibrary(
      name: "CCrypto",
      pkgConfig: "libcrypto",
      providers: [.apt(["libssl-dev"])]
    ),
    .target(
      name: "PlacerCore",
      dependencies: ["CBLAS", "CLAPACKE", "CCrypto"]
    ),
    .executableTarget(
      name: "placer",
      dependencies: ["PlacerCore"]
    ),
    .target(
      name: "PlacerTestSupport",
      path: "Tests/PlacerTestSupport"
    ),
    .testTarget(
      name: "PlacerCoreTests",
      dependencies: ["PlacerCore", "PlacerTestSupport"]
    ),
    .testTarget(
      name: "PlacerCLITests",
      dependencies: ["PlacerCore", "PlacerTestSupport"]
    ),
  ]
)
