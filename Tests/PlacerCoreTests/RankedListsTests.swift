import Foundation
import PlacerTestSupport
import Testing

@testable import PlacerCore

@Suite struct RankedListsTests {
  /// listing id -> learner ids of its list, for a run in `mode`.
  func listingLists(
    learners: String, listings: String, mode: PreferenceMode
  ) throws -> [String: [String]] {
    var configuration = RunConfiguration()
    configuration.preferences = mode
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let run = AllocationRun(
      learnersPath: try scratch.newFile("learners.csv", containing: learners),
      listingsPath: try scratch.newFile("listings.csv", containing: listings),
      configuration: configuration)
    let outcome = try run.run()
    let market = outcome.market
    var result: [String: [String]] = [:]
    for (j, list) in outcome.lists.listingLists.enumerated() {
      result[market.listings[j].id] = list.map { market.learners[Int($0)].id }
    }
    return result
  }

  @Test func aStatedListOfUnknownIdsStillAcceptsOnlyItsLearners() throws {
    // `x` states a list, but every id in it is a typo: in stated mode it
    // accepts nobody rather than falling back to everyone by utility, as a
    // list naming only ineligible learners (`y`) already did.
    let learners = """
      learner_id,skills,preferences
      a,python:3,x;y;z
      b,python:3,x;y;z

      """
    let listings = """
      listing_id,type,capacity,preferences,excluded
      x,internship,1,ghost;gohst,
      y,internship,1,b,b
      z,internship,1,,

      """
    let stated = try listingLists(
      learners: learners, listings: listings, mode: .stated)
    #expect(stated["x"] == [])
    #expect(stated["y"] == [])
    #expect(Set(stated["z"] ?? []) == ["a", "b"])
    let extended = try listingLists(
      learners: learners, listings: listings, mode: .extend)
    #expect(Set(extended["x"] ?? []) == ["a", "b"])
  }
}
