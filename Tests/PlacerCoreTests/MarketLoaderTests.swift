import Foundation
import PlacerTestSupport
import Testing

@testable import PlacerCore

/// MarketLoader hands large tables to the readers in chunks; these tests
/// cross the chunk boundary.
@Suite struct MarketLoaderTests {
  func load(_ learners: String) throws -> Result<LoadedMarket, InputErrors> {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let learnersPath = try scratch.newFile("learners.csv", containing: learners)
    let listingsPath = try scratch.newFile(
      "listings.csv", containing: "listing_id,type,capacity\nx,internship,1\n")
    do {
      return .success(
        try MarketLoader.load(
          learnersPath: learnersPath, listingsPath: listingsPath,
          format: InputFormat()))
    } catch {
      return .failure(error)
    }
  }

  @Test func findsProblemsAcrossChunksInFileOrder() throws {
    let n = MarketLoader.chunkRows + 10
    var rows = (0..<n).map { "l\($0),," }
    rows[2] = "l2,python:7,"  // bad level, line 4
    rows[n - 3] = "l\(n - 4),,"  // repeats the row before, same chunk
    rows[n - 1] = "l1,,"  // repeats line 3, first chunk
    let text = "learner_id,skills,extra\n" + rows.joined(separator: "\n")
    guard case .failure(let errors) = try load(text) else {
      Issue.record("expected errors")
      return
    }
    #expect(errors.errors.map { $0.location.line! } == [4, n - 1, n + 1])
    #expect(
      errors.errors[2]
        == .duplicateID(
          InputLocation(
            file: errors.errors[2].location.file, line: n + 1,
            column: "learner_id"),
          id: "l1", firstLine: 3))
  }

  @Test func reportsHeaderFindingsOnce() throws {
    let n = MarketLoader.chunkRows + 1
    let rows = (0..<n).map { "l\($0),,x" }.joined(separator: "\n")
    let good = try load("learner_id,skills,extra\n" + rows).get()
    #expect(good.market.learners.count == n)
    #expect(good.market.learners.last?.line == n + 1)
    #expect(good.warnings.map(\.kind) == ["unknown_column"])

    guard case .failure(let errors) = try load("learner_id,goals,x\n" + rows)
    else {
      Issue.record("expected a missing column")
      return
    }
    #expect(errors.errors.count == 1)
    #expect(errors.errors.first?.location.column == "skills")
  }
}
