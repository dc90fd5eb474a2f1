/// Both sides' strict ranked lists over integer indices, with listing
/// capacities, kept only for mutually acceptable pairs.
///
/// Learners are `0..<learnerCount`, listings `0..<listingCount`. A pair
/// (i, j) is *acceptable* when j is on i's list and i is on j's list; the
/// initializer drops every other entry, keeping each side's relative order,
/// so both views of the profile always describe the same set of pairs.
///
/// Storage is compressed sparse rows (one flat `[Int32]` per side plus
/// offsets). Each learner-list entry also records the listing's rank of that
/// learner, and each listing-list entry the learner's rank of that listing,
/// so both deferred-acceptance directions compare in O(1) without lookups.
///
/// - Complexity: Building is O(n + m + L), where L is the total length of the
///   input lists; memory is about 16 bytes per kept pair.
public struct PreferenceProfile: Sendable {
  /// Per learner, where its entries start in `learnerListings`.
  let learnerOffsets: [Int]
  /// Learner lists, concatenated; best first.
  let learnerListings: [Int32]
  /// For each learner-list entry, the listing's 0-based rank of the learner.
  let rankAtListing: [Int32]
  /// Per listing, where its entries start in `listingLearners`.
  let listingOffsets: [Int]
  /// Listing lists, concatenated; best first.
  let listingLearners: [Int32]
  /// For each listing-list entry, the learner's 0-based rank of the listing.
  let rankAtLearner: [Int32]

  /// Seats per listing, each at least 0.
  public let capacities: [Int]

  /// Builds the profile, dropping pairs that are not mutually acceptable.
  ///
  /// - Parameters:
  ///   - learnerLists: per learner, listing indices, most preferred first.
  ///   - listingLists: per listing, learner indices, most preferred first.
  ///   - capacities: per listing, seats (0 allowed: the listing takes
  ///     nobody). Must have one entry per listing list.
  /// - Precondition: every index is in range, no list names the same index
  ///   twice, capacities are non-negative, and each side's total list
  ///   length is below `Int32.max`.
  public init(
    learnerLists: [[Int32]],
    listingLists: [[Int32]],
    capacities: [Int]
  ) {
    let m = listingLists.count
    precondition(
      capacities.count == m,
      "PreferenceProfile: \(capacities.count) capacities for \(m) listings")
    precondition(
      capacities.allSatisfy { $0 >= 0 },
      "PreferenceProfile: negative capacity")
    self.capacities = capacities

    let built = ProfileJoin(
      learnerLists: learnerLists, listingLists: listingLists)
    learnerOffsets = built.learnerOffsets
    learnerListings = built.learnerListings
    rankAtListing = built.rankAtListing
    listingOffsets = built.listingOffsets
    listingLearners = built.listingLearners
    rankAtLearner = built.rankAtLearner
  }

  /// The number of learners.
  public var learnerCount: Int { learnerOffsets.count - 1 }

  /// The number of listings.
  public var listingCount: Int { listingOffsets.count - 1 }

  /// The number of mutually acceptable pairs.
  public var pairCount: Int { learnerListings.count }

  /// Learner `i`'s mutually acceptable listings, most preferred first.
  public func learnerList(_ i: Int) -> ArraySlice<Int32> {
    learnerListings[learnerOffsets[i]..<learnerOffsets[i + 1]]
  }

  /// Listing `j`'s mutually acceptable learners, most preferred first.
  public func listingList(_ j: Int) -> ArraySlice<Int32> {
    listingLearners[listingOffsets[j]..<listingOffsets[j + 1]]
  }

  /// The 0-based position of listing `j` in learner `i`'s list, or `nil`
  /// when the pair is not mutually acceptable.
  ///
  /// - Complexity: O(length of i's list).
  public func learnerRank(of j: Int, for i: Int) -> Int? {
    entry(learner: i, listing: j).map { $0 - learnerOffsets[i] }
  }

  /// The 0-based position of learner `i` in listing `j`'s list, or `nil`
  /// when the pair is not mutually acceptable.
  ///
  /// - Complexity: O(length of i's list).
  public func listingRank(of i: Int, for j: Int) -> Int? {
    entry(learner: i, listing: j).map { Int(rankAtListing[$0]) }
  }

  /// The global index of the learner-list entry for (i, j), if acceptable.
  func entry(learner i: Int, listing j: Int) -> Int? {
    let target = Int32(truncatingIfNeeded: j)
    for k in learnerOffsets[i]..<learnerOffsets[i + 1]
    where learnerListings[k] == target {
      return k
    }
    return nil
  }
}
