import Testing

@testable import PlacerCore

@Suite struct MarketDiagnosisTests {
  /// Three listings, four learners; the comments give each pair's first
  /// failing constraint.
  static func market() throws -> Market {
    var x = Listing(id: "x", line: 2, type: .internship, capacity: 2)
    x.location = "toronto"
    x.sectors = ["software"]
    x.preferences = ["c"]
    var y = Listing(id: "y", line: 3, type: .internship, capacity: 1)
    y.location = "toronto"
    y.excluded = ["a"]
    var z = Listing(id: "z", line: 4, type: .apprenticeship, capacity: 3)
    z.mode = .remote
    z.term = "fall"
    z.reserves = [SeatReserve(group: "first-gen", seats: 1)]

    // a: x eligible, y exclusion, z type.
    var a = Learner(id: "a", line: 2)
    a.types = [.internship]
    a.location = "toronto"
    a.sectors = ["software"]
    a.preferences = ["y", "q", "x"]
    // b: type, type, type.
    var b = Learner(id: "b", line: 3)
    b.types = [.coop]
    // c: location, location, term.
    var c = Learner(id: "c", line: 4)
    c.location = "ottawa"
    c.term = "spring"
    // d: eligible everywhere.
    var d = Learner(id: "d", line: 5)
    d.location = "toronto"
    d.term = "fall"
    d.group = "first-gen"
    var warnings: [Diagnostic] = []
    return try Market(
      learners: [a, b, c, d], listings: [x, y, z], warnings: &warnings)
  }

  @Test func namesTheConstraintsOfStrandedLearners() throws {
    let diagnosis = MarketDiagnosis(market: try Self.market())
    #expect(diagnosis.eligibleListings == [1, 0, 0, 3])
    #expect(diagnosis.eligibleLearners == [2, 1, 1])
    #expect(diagnosis.learnersWithListing == 2)
    let stranded = diagnosis.strandedLearners
    #expect(stranded.map(\.learner) == [1, 2])
    // Indexed like Constraint.allCases: type, mode, location, distance,
    // term, year, program, exclusion.
    #expect(stranded[0].removed == [3, 0, 0, 0, 0, 0, 0, 0])
    #expect(stranded[0].mainConstraint == .type)
    #expect(stranded[0].lastConstraint == .type)
    #expect(stranded[1].removed == [0, 0, 2, 0, 1, 0, 0, 0])
    #expect(stranded[1].mainConstraint == .location)
    #expect(stranded[1].lastConstraint == .term)
  }

  @Test func findsUnderdemandedListings() throws {
    let diagnosis = MarketDiagnosis(market: try Self.market())
    let short = diagnosis.underdemandedListings
    #expect(short.map(\.listing) == [2])
    #expect(short.first?.shortfall == 2)
    #expect(short.first?.removed == [2, 0, 0, 0, 1, 0, 0, 0])
    #expect(short.first?.mainConstraint == .type)
  }

  @Test func countsSeatsAgainstDemand() throws {
    let diagnosis = MarketDiagnosis(market: try Self.market())
    let rows = diagnosis.supplyDemand.map {
      "\($0.dimension)/\($0.value):\($0.listings),\($0.seats),"
        + "\($0.learners),\($0.eligibleLearners)"
    }
    #expect(
      rows == [
        "all/:3,6,4,2",
        "type/apprenticeship:1,3,2,1",
        "type/co-op:0,0,1,0",
        "type/internship:2,3,3,2",
        "sector/software:1,2,1,1",
        "location/(remote):1,3,4,1",
        "location/ottawa:0,0,1,0",
        "location/toronto:2,3,2,2",
        "group/first-gen:1,1,1,1",
      ])
  }

  @Test func listsPreferencesThatCannotBeHonoured() throws {
    let diagnosis = MarketDiagnosis(market: try Self.market())
    let found = diagnosis.preferenceProblems.map {
      "\($0.side.rawValue):\($0.owner):\($0.rank):\($0.named):\($0.reason)"
    }
    #expect(
      found == [
        "learner:0:1:y:exclusion", "learner:0:2:q:unknown_listing",
        "listing:0:1:c:location",
      ])
  }

  @Test func writesFilesAndDigest() throws {
    let diagnosis = MarketDiagnosis(market: try Self.market())
    let files = Dictionary(
      uniqueKeysWithValues: diagnosis.files().map {
        ($0.name, String(decoding: $0.bytes, as: UTF8.self))
      })
    #expect(
      files["learners_without_listing.csv"]?.contains(
        "\nc,4,location,term,0,0,2,0,1,0,0,0\n") == true)
    #expect(
      files["underdemanded_listings.csv"]?.contains(
        "\nz,4,3,1,2,type,2,0,0,0,1,0,0,0\n") == true)
    #expect(
      files["supply_demand.csv"]?.contains(
        "\ntype,co-op,0,0,1,0,0.000\n") == true)
    #expect(
      files["ineligible_preferences.csv"]?.contains(
        "\nlearner,a,2,2,q,unknown_listing\n") == true)
    let digest = diagnosis.digest()
    #expect(
      digest.first == "4 learners, 3 listings, 6 seats; 2 learners "
        + "have at least one eligible listing")
    #expect(
      digest.contains(
        "2 learners have no eligible listing; main constraint: location 1, "
          + "type 1"))
    #expect(
      digest.contains(
        "1 listings have fewer eligible learners than seats (2 seats cannot "
          + "be filled)"))
  }
}
