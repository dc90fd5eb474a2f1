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
  /// With `max-welfare`: welfare of both stable matchings and the optimum.
  public var welfareComparison: [WelfareComparison] = []
  /// When any learner is pinned: what the pins cost (see `PinReport`).
  public var pinReport: PinReport?
  /// When any listing reserves seats: the matching under each precedence.
  public var precedenceComparison: ReservePrecedenceComparison?
  /// Work done by the scoring stage (products, GEMM and top-K time).
  public var scoring = ScoringStatistics()
}

/// Total welfare of one matching of the same lists, for the price of
/// stability; `blockingPairs` is filled for the max-welfare optimum.
public struct WelfareComparison: Sendable {
  public var name: String
  public var welfare: Double
  public var blockingPairs: Int
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
    var prepared = try prepare(progress: progress)
    let reserves = seatReserves(prepared.market)
    let pinned = prepared.market.pinned
    var comparison: [WelfareComparison] = []
    let result: MatchingResult
    switch configuration.algorithm {
    case .learnerProposing, .listingProposing:
      let proposing: ProposingSide =
        configuration.algorithm == .listingProposing ? .listings : .learners
      result = deferredAcceptance(
        prepared.profile, proposing: proposing, pinned: pinned,
        reserves: reserves)
    case .maxWelfare:
      let weights = pairWeights(prepared)
      result = maxWelfareAssignment(
        prepared.profile, weights: weights, pinned: pinned,
        reserves: reserves)
      // The price of stability: both stable extremes against the optimum.
      for side in [ProposingSide.learners, .listings] {
        let stable = deferredAcceptance(
          prepared.profile, proposing: side, pinned: pinned,
          reserves: reserves)
        comparison.append(
          WelfareComparison(
            name: "\(side.rawValue.dropLast())-proposing",
            welfare: allocationWelfare(
              stable.matching, lists: prepared.lists,
              scorer: prepared.scorer, configuration: configuration),
            blockingPairs: 0))
      }
      comparison.append(
        WelfareComparison(
          name: "max-welfare",
          welfare: allocationWelfare(
            result.matching, lists: prepared.lists, scorer: prepared.scorer,
            configuration: configuration),
          blockingPairs: -1))
    }
    prepared.lap("match")
    let problems = checkAllocation(
      result.matching, profile: prepared.profile,
      pinned: prepared.market.pinned, reserves: reserves)
    prepared.lap("check")
    if let last = comparison.indices.last {
      comparison[last].blockingPairs = problems.blockingPairs.count
    }
    progress(
      "matched \(result.matching.matchedCount) learners; "
        + "\(problems.blockingPairs.count) blocking pairs")

    var outcome = AllocationOutcome(
      configuration: configuration, market: prepared.market,
      warnings: prepared.warnings, sha256: prepared.sha256,
      candidates: prepared.candidates, lists: prepared.lists,
      profile: prepared.profile, result: result, problems: problems,
      scorer: prepared.scorer, timings: prepared.timings,
      welfareComparison: comparison, scoring: prepared.scoring)
    addReports(to: &outcome, prepared: prepared, reserves: reserves)
    return outcome
  }

  /// Learner plus employer utility of every acceptable pair, aligned with
  /// the profile's learner lists (the max-welfare objective).
  func pairWeights(_ prepared: PreparedMarket) -> [Double] {
    var weights: [Double] = []
    weights.reserveCapacity(prepared.profile.pairCount)
    for i in 0..<prepared.profile.learnerCount {
      let list = prepared.lists.learnerLists[i]
      for j in prepared.profile.learnerList(i) {
        let k = list.firstIndex(of: j)!
        weights.append(
          Double(prepared.lists.learnerUtilities[i][k])
            + Double(prepared.lists.employerUtilities[i][k]))
      }
    }
    return weights
  }

  /// Everything up to the preference profile: load, score, build lists.
  /// - Throws: `InputErrors` for bad input.
  public func prepare(progress: (String) -> Void = { _ in })
    throws(InputErrors) -> PreparedMarket
  {
    var clock = StageClock()
    let loaded = try MarketLoader.load(
      learnersPath: learnersPath, listingsPath: listingsPath,
      format: configuration.inputFormat, strict: configuration.strict)
    let market = loaded.market
    clock.lap("parse")
    progress(
      "read \(market.learners.count) learners and "
        + "\(market.listings.count) listings")

    let scorer = CandidateScorer(
      market: market, options: configuration.scoringOptions)
    clock.lap("vectorize", within: scorer.scorer.features.timings)
    let (candidates, statistics) = scorer.candidatesWithStatistics()
    clock.lap("score")
    progress("scored \(market.learners.count) learners")

    var warnings = loaded.warnings + scorer.scorer.features.warnings
      + configuration.zeroWeightWarnings()
    let lists = RankedLists(
      mode: configuration.preferences, candidates: candidates,
      scorer: scorer.scorer, options: configuration.scoringOptions,
      warnings: &warnings)
    let profile = PreferenceProfile(
      learnerLists: lists.learnerLists, listingLists: lists.listingLists,
      capacities: market.listings.map(\.capacity))
    clock.lap("lists")
    return PreparedMarket(
      market: market, warnings: warnings, sha256: loaded.sha256,
      candidates: candidates, lists: lists, profile: profile,
      scorer: scorer.scorer, scoring: statistics, clock: clock)
  }

  /// Reserved seats as group indices, or nil when no listing reserves any.
  public func seatReserves(_ market: Market) -> SeatReserves? {
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

/// A market scored and ranked, ready for matching or for judging a given
/// allocation.
public struct PreparedMarket: Sendable {
  public var market: Market
  public var warnings: [Diagnostic]
  public var sha256: [(path: String, digest: String)]
  public var candidates: CandidateLists
  public var lists: RankedLists
  public var profile: PreferenceProfile
  public var scorer: PairScorer
  /// Work done by the scoring stage (products, GEMM and top-K time).
  public var scoring: ScoringStatistics
  /// Times the stages so far, and goes on timing those run after
  /// `prepare` (match, check).
  var clock: StageClock

  /// Stage name -> wall seconds, in the order the stages ran.
  public var timings: [(stage: String, seconds: Double)] {
    get { clock.timings }
    set { clock.timings = newValue }
  }

  /// Records the time since the previous lap under `stage` (see
  /// `StageClock.lap`).
  mutating func lap(
    _ stage: String,
    within parts: [(stage: String, seconds: Double)] = []
  ) {
    clock.lap(stage, within: parts)
  }
}

/// Wall time per pipeline stage, measured lap by lap from its creation.
struct StageClock: Sendable {
  /// Stage name -> wall seconds, in the order the stages ran.
  var timings: [(stage: String, seconds: Double)] = []
  private var mark = ContinuousClock.now

  /// Records the time since the previous lap under `stage`; the named
  /// sub-stages `within` it come first and are taken out of its time.
  mutating func lap(
    _ stage: String,
    within parts: [(stage: String, seconds: Double)] = []
  ) {
    let now = ContinuousClock.now
    let elapsed = now - mark
    let total =
      Double(elapsed.components.seconds)
      + Double(elapsed.components.attoseconds) * 1e-18
    timings += parts
    timings.append((stage, total - parts.reduce(0) { $0 + $1.seconds }))
    mark = now
  }
}
