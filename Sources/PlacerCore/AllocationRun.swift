// One allocation run: load, score, build lists, match, check.

import Foundation

/// The outcome of `allocate`, everything the writers need.
public struct AllocationOutcome: Sendable {
  public var configuration: RunConfiguration
  public var market: Market
  public var warnings: [Diagnostic]
  public var sha256: [(path: String, digest: String)]
  public var candidates: CandidateLists
  public var lists: RankedLists
  public var profile: PreferenceProfile
  public var result: MatchingResult
  public var problems: AllocationProblems
  public var scorer: PairScorer
  /// Stage name -> wall seconds, in the order the stages ran.
  public var timings: [(stage: String, seconds: Double)]
}

/// Runs the whole allocation pipeline on two input files.
public struct AllocationRun: Sendable {
  public var learnersPath: String
  public var listingsPath: String
  public var configuration: RunConfiguration

  public init(
    learnersPath: String,
    listingsPath: String,
    configuration: RunConfiguration
  ) {
    self.learnersPath = learnersPath
    self.listingsPath = listingsPath
    self.configuration = configuration
  }

  /// Runs every stage; `progress` receives one line per stage.
  /// - Throws: `InputErrors` for bad input.
  public func run(progress: (String) -> Void = { _ in })
    throws(InputErrors) -> AllocationOutcome
  {
    var timings: [(String, Double)] = []
    let clock = ContinuousClock()
    var mark = clock.now
    func lap(_ stage: String) {
      let now = clock.now
      let elapsed = now - mark
      timings.append(
        (stage, Double(elapsed.components.seconds)
          + Double(elapsed.components.attoseconds) * 1e-18))
      mark = now
    }

    let loaded = try MarketLoader.load(
      learnersPath: learnersPath, listingsPath: listingsPath,
      format: configuration.inputFormat)
    let market = loaded.market
    lap("parse")
    progress(
      "read \(market.learners.count) learners and "
        + "\(market.listings.count) listings")

    let scorer = CandidateScorer(
      market: market, options: configuration.scoringOptions)
    lap("vectorize")
    let candidates = scorer.candidates()
    lap("score")
    progress("scored \(market.learners.count) learners")

    let lists = RankedLists(
      candidates: candidates, listingCount: market.listings.count,
      tieBreaker: configuration.scoringOptions.tieBreaker,
      learnerStated: market.learnerStated)
    let profile = PreferenceProfile(
      learnerLists: lists.learnerLists, listingLists: lists.listingLists,
      capacities: market.listings.map(\.capacity))
    lap("lists")

    let reserves = seatReserves(market)
    let proposing: ProposingSide =
      configuration.algorithm == .listingProposing ? .listings : .learners
    let result = deferredAcceptance(
      profile, proposing: proposing, pinned: market.pinned,
      reserves: reserves)
    lap("match")
    let problems = checkAllocation(
      result.matching, profile: profile, pinned: market.pinned,
      reserves: reserves)
    lap("check")
    progress(
      "matched \(result.matching.listingOf.filter { $0 >= 0 }.count) "
        + "learners; \(problems.blockingPairs.count) blocking pairs")

    return AllocationOutcome(
      configuration: configuration, market: market,
      warnings: loaded.warnings, sha256: loaded.sha256,
      candidates: candidates, lists: lists, profile: profile,
      result: result, problems: problems, scorer: scorer.scorer,
      timings: timings)
  }

  /// Reserved seats as group indices, or nil when no listing reserves any.
  func seatReserves(_ market: Market) -> SeatReserves? {
    guard market.listings.contains(where: { !$0.reserves.isEmpty }) else {
      return nil
    }
    var groups: [String: Int32] = [:]
    for listing in market.listings {
      for reserve in listing.reserves where groups[reserve.group] == nil {
        groups[reserve.group] = Int32(groups.count)
      }
    }
    let learnerGroup = market.learners.map { groups[$0.group] ?? -1 }
    let reserves = market.listings.map { listing in
      listing.reserves.map { (group: groups[$0.group]!, seats: $0.seats) }
    }
    return SeatReserves(
      learnerGroup: learnerGroup, reserves: reserves,
      precedence: configuration.reservePrecedence)
  }
}
