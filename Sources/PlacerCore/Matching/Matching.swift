// The outcome types shared by every matching algorithm.

/// Which side makes offers in deferred acceptance.
public enum ProposingSide: String, Sendable, CaseIterable {
  /// Learners propose; the result is the learner-optimal stable matching.
  case learners
  /// Listings propose; the result is the listing-optimal stable matching.
  case listings
}

/// A many-to-one assignment of learners to listings.
public struct Matching: Sendable, Equatable {
  /// Per learner, the listing it holds, or -1 when unmatched.
  public var listingOf: [Int32]

  /// Wraps a per-learner assignment (-1 = unmatched).
  public init(listingOf: [Int32]) {
    self.listingOf = listingOf
  }

  /// The number of learners.
  public var learnerCount: Int { listingOf.count }

  /// The number of matched learners.
  public var matchedCount: Int { listingOf.lazy.filter { $0 >= 0 }.count }

  /// The learners assigned to listing `j`, in increasing index order.
  ///
  /// - Complexity: O(learnerCount); use `learnersByListing(listingCount:)`
  ///   to list every listing at once.
  public func learners(of j: Int) -> [Int32] {
    let target = Int32(truncatingIfNeeded: j)
    return listingOf.indices.lazy
      .filter { listingOf[$0] == target }
      .map { Int32($0) }
  }

  /// Per listing, its assigned learners in increasing index order.
  ///
  /// - Precondition: every assigned listing is below `listingCount`.
  /// - Complexity: O(learnerCount + listingCount).
  public func learnersByListing(listingCount: Int) -> [[Int32]] {
    var byListing = [[Int32]](repeating: [], count: listingCount)
    for (i, j) in listingOf.enumerated() where j >= 0 {
      precondition(
        Int(j) < listingCount, "Matching: listing \(j) out of range")
      byListing[Int(j)].append(Int32(i))
    }
    return byListing
  }

  /// Per listing, how many learners it holds.
  ///
  /// - Precondition: every assigned listing is below `listingCount`.
  public func filledSeats(listingCount: Int) -> [Int] {
    var filled = [Int](repeating: 0, count: listingCount)
    for j in listingOf where j >= 0 {
      precondition(
        Int(j) < listingCount, "Matching: listing \(j) out of range")
      filled[Int(j)] += 1
    }
    return filled
  }
}

/// A matching plus what the algorithm that produced it counted.
public struct MatchingResult: Sendable {
  /// The assignment, pinned learners included at their pinned listing.
  public var matching: Matching
  /// Offers made: learner proposals in learner-proposing deferred
  /// acceptance, listing offers in listing-proposing; 0 for max-welfare.
  public var proposals: Int
  /// Per listing, seats taken through a group's reserve: by a pinned
  /// member of the group, or by a learner chosen in the group's reserve
  /// stage (see `SeatReserves`); all 0 without reserves. Group members who
  /// win open seats are not counted.
  public var reservedFilled: [Int]
  /// Per listing, seats taken (pinned learners included).
  public var filled: [Int]
  /// Listings whose pinned learners alone exceed the capacity, ascending.
  /// Such a listing holds exactly its pinned learners and is over capacity.
  public var pinOverflow: [Int32]

  /// Collects a result; the algorithms build these, callers rarely do.
  public init(
    matching: Matching,
    proposals: Int,
    reservedFilled: [Int],
    filled: [Int],
    pinOverflow: [Int32]
  ) {
    self.matching = matching
    self.proposals = proposals
    self.reservedFilled = reservedFilled
    self.filled = filled
    self.pinOverflow = pinOverflow
  }
}
