// Preference lists both sides use in matching, derived from the scores.

/// How lists are formed (CONTRACT.md §3 `--preferences`).
public enum PreferenceMode: String, Sendable, Codable, CaseIterable {
  case scores
  case stated
  case extend
}

/// Where a learner-list entry came from.
public enum EntrySource: String, Sendable {
  case stated
  case inferred
  case pinned
}

/// Both sides' strict lists, ties already broken, with utilities per entry.
///
/// A listing's list holds every learner whose list holds the listing, ranked
/// by employer utility, then by the listing-side lottery number.
public struct RankedLists: Sendable {
  public var learnerLists: [[Int32]]
  public var learnerUtilities: [[Float]]
  public var employerUtilities: [[Float]]
  public var sources: [[EntrySource]]
  public var listingLists: [[Int32]]

  /// Lists in `scores` mode: each learner's top-K candidates as they are.
  public init(candidates: CandidateLists, listingCount: Int,
    tieBreaker: TieBreaker, learnerStated: [[Int32]])
  {
    let n = candidates.learnerCount
    let lists = (0..<n).map { i in
      Array(candidates.listings[candidates.entries(of: i)])
    }
    learnerLists = lists
    learnerUtilities = (0..<n).map { i in
      Array(candidates.learnerUtility[candidates.entries(of: i)])
    }
    employerUtilities = (0..<n).map { i in
      Array(candidates.employerUtility[candidates.entries(of: i)])
    }
    sources = (0..<n).map { i in
      let stated = Set(learnerStated[i])
      return lists[i].map {
        stated.contains($0) ? .stated : .inferred
      }
    }
    listingLists = Self.listingLists(
      learnerLists: learnerLists, employerUtilities: employerUtilities,
      listingCount: listingCount, tieBreaker: tieBreaker)
  }

  /// Applicants of each listing, best first by employer utility.
  static func listingLists(
    learnerLists: [[Int32]],
    employerUtilities: [[Float]],
    listingCount: Int,
    tieBreaker: TieBreaker
  ) -> [[Int32]] {
    var applicants = Array(
      repeating: [(learner: Int32, utility: Float, lottery: UInt64)](),
      count: listingCount)
    for (i, list) in learnerLists.enumerated() {
      for (position, j) in list.enumerated() {
        applicants[Int(j)].append(
          (Int32(i), employerUtilities[i][position],
            tieBreaker.listingSide(listing: Int(j), learner: i)))
      }
    }
    return applicants.map { list in
      list.sorted {
        if $0.utility != $1.utility { return $0.utility > $1.utility }
        if $0.lottery != $1.lottery { return $0.lottery < $1.lottery }
        return $0.learner < $1.learner
      }.map(\.learner)
    }
  }
}
