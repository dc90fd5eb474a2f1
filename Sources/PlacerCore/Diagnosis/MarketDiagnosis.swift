// What stands in a market's way, found before any run (`placer diagnose`).

/// Per-pair eligibility of a whole market, summarized for a program office:
/// who can go nowhere and why, which listings cannot fill, where seats and
/// demand disagree, and which stated preferences cannot be honoured.
///
/// **Charging rule.** Every ineligible pair is charged to the first
/// constraint it fails, in the order of `Constraint` (type, mode,
/// location, distance, term, year, program, exclusion), the order in which
/// `Eligibility` checks them. For a learner with no eligible listing this
/// gives two answers, both reported:
/// - the *main* constraint removed the most listings (ties go to the
///   earlier constraint): lifting it opens the most candidates;
/// - the *last* constraint is the latest in that order that removed any
///   listing: applying the constraints one after another as filters, it
///   is the one that emptied the candidate list.
///
/// - Complexity: O(n·m) eligibility checks for n learners and m listings.
public struct MarketDiagnosis: Sendable {
  /// A learner with no eligible listing.
  public struct StrandedLearner: Sendable, Hashable {
    public var learner: Int
    /// Listings charged to each constraint, indexed like
    /// `Constraint.allCases`; they sum to the number of listings.
    public var removed: [Int]
    public var mainConstraint: Constraint?
    public var lastConstraint: Constraint?
  }

  /// A listing with fewer eligible learners than seats.
  public struct UnderdemandedListing: Sendable, Hashable {
    public var listing: Int
    public var capacity: Int
    public var eligibleLearners: Int
    /// Learners charged to each constraint, indexed like
    /// `Constraint.allCases`.
    public var removed: [Int]
    public var mainConstraint: Constraint?

    /// Seats that no eligible learner can take.
    public var shortfall: Int { capacity - eligibleLearners }
  }

  /// Seats against demand for one value of one dimension.
  public struct SupplyDemand: Sendable, Hashable {
    /// `all`, `type`, `sector`, `location` or `group`.
    public var dimension: String
    public var value: String
    /// Listings in the row: of that type, tagged with that sector, at that
    /// location (`(remote)` for remote work), or reserving seats for that
    /// group.
    public var listings: Int
    /// Their seats (for `group`: the seats reserved for it).
    public var seats: Int
    /// Learners asking for the row: accepting the type, naming the sector,
    /// living at the location (accepting remote work for `(remote)`), or
    /// belonging to the group.
    public var learners: Int
    /// Those of `learners` eligible for at least one of the row's listings.
    public var eligibleLearners: Int
  }

  /// A stated preference that cannot be honoured.
  public struct PreferenceProblem: Sendable, Hashable {
    public enum Side: String, Sendable { case learner, listing }
    public var side: Side
    /// Index of the learner or listing that states it.
    public var owner: Int
    /// 1-based position in the stated list.
    public var rank: Int
    /// The id as written.
    public var named: String
    /// `unknown_listing`, `unknown_learner`, or the failing constraint.
    public var reason: String
  }

  public let market: Market
  /// Per learner: eligible listings.
  public private(set) var eligibleListings: [Int] = []
  /// Per listing: eligible learners.
  public private(set) var eligibleLearners: [Int] = []
  public private(set) var strandedLearners: [StrandedLearner] = []
  public private(set) var underdemandedListings: [UnderdemandedListing] = []
  public private(set) var supplyDemand: [SupplyDemand] = []
  public private(set) var preferenceProblems: [PreferenceProblem] = []

  /// Diagnoses `market`; see the type's charging rule.
  public init(market: Market) {
    self.market = market
    let eligibility = Eligibility(market: market)
    let n = market.learners.count
    let m = market.listings.count
    let constraints = Constraint.allCases
    var listingRemoved = Array(
      repeating: Array(repeating: 0, count: constraints.count), count: m)
    eligibleListings = Array(repeating: 0, count: n)
    eligibleLearners = Array(repeating: 0, count: m)
    var table = SupplyDemandTable(market: market)

    // One pass over all pairs: charge failures, count eligible pairs.
    for i in 0..<n {
      var removed = Array(repeating: 0, count: constraints.count)
      var reached = Set<Int>()
      for j in 0..<m {
        if let failure = eligibility.firstFailure(i, j) {
          let c = constraints.firstIndex(of: failure)!
          removed[c] += 1
          listingRemoved[j][c] += 1
        } else {
          eligibleListings[i] += 1
          eligibleLearners[j] += 1
          reached.formUnion(table.rowsOfListing[j])
        }
      }
      table.count(learner: i, reaching: reached)
      if eligibleListings[i] == 0 {
        strandedLearners.append(
          StrandedLearner(
            learner: i, removed: removed,
            mainConstraint: mainConstraint(removed),
            lastConstraint: removed.lastIndex { $0 > 0 }.map {
              constraints[$0]
            }))
      }
    }

    for (j, listing) in market.listings.enumerated()
    where eligibleLearners[j] < listing.capacity {
      underdemandedListings.append(
        UnderdemandedListing(
          listing: j, capacity: listing.capacity,
          eligibleLearners: eligibleLearners[j],
          removed: listingRemoved[j],
          mainConstraint: mainConstraint(listingRemoved[j])))
    }
    supplyDemand = table.sortedRows()
    preferenceProblems = statedProblems(eligibility)
  }

  /// Learners with at least one eligible listing.
  public var learnersWithListing: Int {
    eligibleListings.count { $0 > 0 }
  }

  /// Stated entries that name unknown ids or ineligible partners.
  private func statedProblems(_ eligibility: Eligibility)
    -> [PreferenceProblem]
  {
    var problems: [PreferenceProblem] = []
    for (i, learner) in market.learners.enumerated() {
      for (r, id) in learner.preferences.enumerated() {
        let reason: String?
        if let j = market.listingIndex[id] {
          reason = eligibility.firstFailure(i, Int(j))?.rawValue
        } else {
          reason = "unknown_listing"
        }
        if let reason {
          problems.append(
            PreferenceProblem(
              side: .learner, owner: i, rank: r + 1, named: id,
              reason: reason))
        }
      }
    }
    for (j, listing) in market.listings.enumerated() {
      for (r, id) in listing.preferences.enumerated() {
        let reason: String?
        if let i = market.learnerIndex[id] {
          reason = eligibility.firstFailure(Int(i), j)?.rawValue
        } else {
          reason = "unknown_learner"
        }
        if let reason {
          problems.append(
            PreferenceProblem(
              side: .listing, owner: j, rank: r + 1, named: id,
              reason: reason))
        }
      }
    }
    return problems
  }
}

/// The constraint with the highest count; ties go to the earlier one.
private func mainConstraint(_ removed: [Int]) -> Constraint? {
  var best: Int?
  for (c, count) in removed.enumerated()
  where count > 0 && count > (best.map { removed[$0] } ?? 0) {
    best = c
  }
  return best.map { Constraint.allCases[$0] }
}
