import Testing
@testable import PlacerCore

@Suite struct EligibilityTests {
  func market(_ learner: Learner, _ listing: Listing) -> Market {
    var warnings: [Diagnostic] = []
    return try! Market(learners: [learner], listings: [listing],
      warnings: &warnings)
  }

  var base: (Learner, Listing) {
    (Learner(id: "a", line: 2),
      Listing(id: "x", line: 2, type: .internship, capacity: 1))
  }

  @Test func eachConstraintExcludes() {
    var (l, j) = base
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == nil)

    l.types = [.coop]
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == .type)
    l.types = []
    l.modes = [.remote]
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == .mode)
    l.modes = []
    l.location = "boston"
    j.location = "denver"
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == .location)
    l.relocate = true
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == nil)
    j.mode = .remote
    l.relocate = false
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == nil)
    j.mode = .onsite
    j.location = "boston"
    l.term = "fall"
    j.term = "spring"
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == .term)
    j.term = ""
    j.minYear = 2
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == .year)
    l.year = 2
    j.programs = ["nursing"]
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == .program)
    l.program = "nursing"
    j.excluded = ["a"]
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == .exclusion)
  }

  @Test func maxDistanceIsAHardLimit() {
    var (l, j) = base
    l.coordinate = Coordinate(latitude: 42.36, longitude: -71.06)  // Boston
    j.coordinate = Coordinate(latitude: 40.71, longitude: -74.01)  // NYC
    l.location = "boston"
    j.location = "new york"
    l.maxDistanceKm = 400
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == nil)
    l.maxDistanceKm = 100
    #expect(Eligibility(market: market(l, j)).firstFailure(0, 0) == .distance)
    let km = Eligibility(market: market(l, j)).distanceKm(0, 0)!
    #expect(abs(km - 306) < 5)
  }
}
