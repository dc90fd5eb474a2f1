import Testing

@testable import PlacerCore

@Suite struct MarketTests {
  @Test func warnsOnceForAReserveGroupNoLearnerIsIn() throws {
    // A reserve for 'first-gen' while learners are in 'first gen' used to
    // pass silently: the seat simply went to open competition.
    var learner = Learner(id: "a", line: 2)
    learner.group = "first gen"
    var listings: [Listing] = []
    for (k, group) in ["first-gen", "first-gen", "first gen"].enumerated() {
      var listing = Listing(
        id: "x\(k)", line: k + 2, type: .internship, capacity: 2)
      listing.reserves = [SeatReserve(group: group, seats: 1)]
      listings.append(listing)
    }
    var warnings: [Diagnostic] = []
    _ = try Market(learners: [learner], listings: listings, warnings: &warnings)
    #expect(warnings.count == 1)
    #expect(warnings.first?.kind == "unknown_reserve_group")
    #expect(warnings.first?.location == InputLocation(
      file: "listings.csv", line: 2, column: "reserve"))
    #expect(warnings.first?.message.contains("at 2 listing(s)") == true)
    #expect(warnings.first?.message.contains("did you mean 'first gen'?") == true)
  }
}
