import Foundation
import PlacerTestSupport
import Testing

@testable import PlacerCore

@Suite struct AllocationFilesTests {
  func rows(_ bytes: [UInt8]) throws -> [[String]] {
    try CSVReader.parse(bytes, file: "out.csv").records.map(\.fields)
  }

  @Test func statedListsCutByMinScoreAreBelowMinScore() throws {
    // All three stated mode: `a` states `x` (eligible, cut by --min-score),
    // `b` states only `y` (ineligible: excluded), `c` states nothing.
    let learners = """
      learner_id,skills,preferences
      a,,x
      b,,y
      c,,

      """
    let listings = """
      listing_id,type,capacity,required_skills,excluded
      x,internship,5,python:5,
      y,internship,5,,b

      """
    var configuration = RunConfiguration()
    configuration.preferences = .stated
    configuration.minScore = 0.9
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = AllocationRun(
      learnersPath: try scratch.newFile("learners.csv", containing: learners),
      listingsPath: try scratch.newFile("listings.csv", containing: listings),
      configuration: configuration)
    let unmatched = try rows(try run.run().unmatchedCSV())
    #expect(unmatched.map { $0[1] } == [
      "below_min_score", "no_stated_preferences", "no_stated_preferences",
    ])
  }

  @Test func aPinNeverSetsTheCutoff() throws {
    // `a` is pinned to `x`, which is also on its list with a low employer
    // utility; the cutoff used to be that utility, but only when the pinned
    // listing happened to be on the list.
    let learners = """
      learner_id,skills,goals,pinned
      a,,,x
      b,python:5,python data,

      """
    let listings = """
      listing_id,type,capacity,required_skills,title
      x,internship,2,python:5,python data

      """
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = AllocationRun(
      learnersPath: try scratch.newFile("learners.csv", containing: learners),
      listingsPath: try scratch.newFile("listings.csv", containing: listings),
      configuration: RunConfiguration())
    let outcome = try run.run()
    let allocations = try rows(outcome.allocationsCSV())
    #expect(allocations.map { $0[0] } == ["a", "b"])
    let b = allocations[1]
    let fill = try rows(outcome.fillCSV())
    #expect(fill.count == 1)
    #expect(fill[0][2] == "2")  // filled
    #expect(fill[0][6] == b[5])  // cutoff: b's employer utility
    #expect(allocations[0][5] < b[5])  // the pin's is lower
  }
}
