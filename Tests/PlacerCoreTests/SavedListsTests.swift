import Foundation
import PlacerTestSupport
import Testing

@testable import PlacerCore

@Suite struct SavedListsTests {
  /// A market of learners a, b and listings x, y, and a lists directory
  /// (`scratch`) holding `learnerRows` (after the header) and a valid
  /// listing file.
  func profile(
    _ learnerRows: String,
    in scratch: ScratchDirectory
  ) throws(InputErrors) -> PreferenceProfile {
    var warnings: [Diagnostic] = []
    let market = try Market(
      learners: [Learner(id: "a", line: 2), Learner(id: "b", line: 3)],
      listings: [
        Listing(id: "x", line: 2, type: .internship, capacity: 1),
        Listing(id: "y", line: 3, type: .internship, capacity: 1),
      ],
      warnings: &warnings)
    let directory = scratch.path
    let files = [
      "learner_preferences.csv": "learner_id,rank,listing_id\n" + learnerRows,
      "listing_preferences.csv": "listing_id,rank,learner_id\nx,1,a\nx,2,b\n",
    ]
    for (name, text) in files {
      try? Data(text.utf8).write(
        to: URL(fileURLWithPath: directory + "/" + name))
    }
    return try PreferenceProfile.saved(in: directory, market: market)
  }

  @Test func readsListsInRankOrder() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let lists = try profile("a,2,y\na,1,x\nb,1,x\n", in: scratch)
    #expect(Array(lists.learnerList(0)) == [0])  // y is not mutual
    #expect(Array(lists.listingList(0)) == [0, 1])
  }

  @Test func aRepeatedIdOrRankIsAnError() throws {
    // Both were taken silently: the repeat dropped, the tie broken by row
    // order, so 'check' judged stability against lists nobody stated.
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    do {
      _ = try profile("a,1,x\na,2,x\nb,1,x\nb,1,y\n", in: scratch)
      Issue.record("expected errors")
    } catch {
      let found = error.errors.map {
        "\($0.location.line ?? 0):\($0.location.column ?? "")"
      }
      #expect(found == ["3:listing_id", "5:rank"])
      #expect(error.errors[0].message.contains("first on line 2"))
      #expect(error.errors[1].message.contains("strict"))
    }
  }
}
