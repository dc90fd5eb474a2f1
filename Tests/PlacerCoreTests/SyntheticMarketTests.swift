import Foundation
import PlacerTestSupport
import Testing
@testable import PlacerCore

@Suite struct SyntheticMarketTests {
  /// A market generated into a new folder in `scratch` and read back.
  func generated(
    _ learners: Int,
    _ listings: Int,
    seed: UInt64,
    in scratch: ScratchDirectory
  ) throws -> (path: String, loaded: LoadedMarket) {
    let path = scratch.newPath("market")
    try SyntheticMarket(learners: learners, listings: listings, seed: seed)
      .write(to: path, force: false)
    let loaded = try MarketLoader.load(
      learnersPath: path + "/learners.csv",
      listingsPath: path + "/listings.csv", format: InputFormat())
    return (path, loaded)
  }

  func bytes(_ path: String, _ file: String) throws -> Data {
    try Data(contentsOf: URL(fileURLWithPath: path + "/" + file))
  }

  @Test func sameSeedGivesIdenticalFiles() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let a = try generated(700, 150, seed: 9, in: scratch)
    let b = try generated(700, 150, seed: 9, in: scratch)
    let c = try generated(700, 150, seed: 10, in: scratch)
    for file in ["learners.csv", "listings.csv"] {
      #expect(try bytes(a.path, file) == bytes(b.path, file), "\(file)")
      #expect(try bytes(a.path, file) != bytes(c.path, file), "\(file)")
    }
  }

  @Test func filesLoadAndValidate() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let (_, loaded) = try generated(1_500, 300, seed: 4, in: scratch)
    let market = loaded.market
    #expect(market.learners.count == 1_500 && market.listings.count == 300)
    // Stated ids all resolve; only ineligibility is left to the run.
    #expect(loaded.warnings.isEmpty, "\(loaded.warnings.prefix(3))")
    #expect(market.pinned.contains { $0 >= 0 })
    #expect(market.learnerStated.contains { !$0.isEmpty })
    #expect(market.listingStated.contains { !$0.isEmpty })
    #expect(market.excludedBy.contains { !$0.isEmpty })
    #expect(market.listings.contains { !$0.reserves.isEmpty })
    #expect(Set(market.learners.map(\.location)).count > 100)
    let clusters = Set(market.listings.flatMap(\.sectors))
    #expect(clusters.count >= 15)
  }

  @Test func aboutFivePercentOfPairsAreEligible() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let (_, loaded) = try generated(2_000, 500, seed: 1, in: scratch)
    let market = loaded.market
    let eligibility = Eligibility(market: market)
    var eligible = 0
    for i in market.learners.indices {
      for j in market.listings.indices where eligibility.isEligible(i, j) {
        eligible += 1
      }
    }
    let share = Double(eligible) / Double(2_000 * 500)
    #expect(share > 0.04 && share < 0.06, "share \(share)")
  }
}

/// A generated market, written to a temporary directory and read back.
func syntheticMarket(learners: Int, listings: Int, seed: UInt64) throws
  -> Market
{
  let scratch = try ScratchDirectory()
  defer { scratch.remove() }
  let path = scratch.newPath("market")
  try SyntheticMarket(learners: learners, listings: listings, seed: seed)
    .write(to: path, force: false)
  return try MarketLoader.load(
    learnersPath: path + "/learners.csv",
    listingsPath: path + "/listings.csv", format: InputFormat()
  ).market
}
