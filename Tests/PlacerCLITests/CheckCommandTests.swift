import Foundation
import PlacerTestSupport
import Testing

@Suite struct CheckCommandTests {
  @Test func anEmptyListingIdMeansTheLearnerIsNotPlaced() throws {
    // Exports often list every learner, with no listing for those unplaced;
    // such a row was an 'unknown listing id' and the allocation invalid.
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let learners = try scratch.newFile(
      "learners.csv",
      containing: "learner_id,skills,preferences\na,,x\nb,,x\n")
    let listings = try scratch.newFile(
      "listings.csv",
      containing: "listing_id,type,capacity,preferences\nx,internship,1,a;b\n")
    func check(_ allocation: String) throws -> RunResult {
      let path = try scratch.newFile("allocation.csv", containing: allocation)
      return try runPlacer(
        ["check", "--learners", learners, "--listings", listings,
          "--allocations", path, "--preferences", "stated"])
    }
    let stable = try check("learner_id,listing_id\na,x\nb,\n")
    #expect(stable.status == 0, "\(stable.stdout)\(stable.stderr)")
    let blocking = try check("learner_id,listing_id\nb,x\na, \n")
    #expect(blocking.status == 1)
    #expect(blocking.stdout.contains("learner 'a' and listing 'x'"))
    #expect(!blocking.stdout.contains("unknown listing id"))
    let twice = try check("learner_id,listing_id\na,x\na,\nb,\n")
    #expect(twice.status == 1)
    #expect(twice.stdout.contains("placed more than once"))
  }
}
