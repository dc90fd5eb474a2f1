// Reports beside the allocation: what pins cost, and what each reserve
// precedence would give.

extension AllocationRun {
  /// Adds the pin report (when any learner is pinned) and the precedence
  /// comparison (when any listing reserves seats), timed as "reports".
  func addReports(
    to outcome: inout AllocationOutcome,
    prepared: PreparedMarket,
    reserves: SeatReserves?
  ) {
    let start = ContinuousClock.now
    let profile = prepared.profile
    let pinned = prepared.market.pinned
    if pinned.contains(where: { $0 >= 0 }) {
      let withoutPins: MatchingResult
      if let side = proposingSide {
        withoutPins = deferredAcceptance(
          profile, proposing: side, reserves: reserves)
      } else {
        withoutPins = maxWelfareAssignment(
          profile, weights: pairWeights(prepared), pinned: nil,
          reserves: reserves)
      }
      outcome.pinReport = PinReport(
        matching: outcome.result.matching,
        withoutPins: withoutPins.matching, profile: profile, pinned: pinned,
        reserves: reserves)
    }
    if let reserves {
      outcome.precedenceComparison = compareReservePrecedences(
        profile, proposing: precedenceComparisonSide, pinned: pinned,
        reserves: reserves)
    }
    let elapsed = (ContinuousClock.now - start).components
    let seconds =
      Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18
    outcome.timings.append(("reports", seconds))
  }

  /// The proposing side of a deferred-acceptance run; nil for max-welfare.
  var proposingSide: ProposingSide? {
    switch configuration.algorithm {
    case .learnerProposing: .learners
    case .listingProposing: .listings
    case .maxWelfare: nil
    }
  }

  /// The side whose deferred acceptance the precedence comparison uses:
  /// the run's own, or learner-proposing for max-welfare (whose optimum
  /// does not depend on the precedence).
  var precedenceComparisonSide: ProposingSide {
    proposingSide ?? .learners
  }
}
