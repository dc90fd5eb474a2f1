// The CSV files of a run (CONTRACT.md §4).

/// Why a learner ended without a placement.
public enum UnmatchedReason: String, Sendable, CaseIterable {
  case noEligibleListing = "no_eligible_listing"
  case belowMinScore = "below_min_score"
  case listExhausted = "list_exhausted"
  case noStatedPreferences = "no_stated_preferences"
  /// Max-welfare only: the learner had listings on its list, but the
  /// welfare optimum leaves it out (no listing turned it down).
  case notSelected = "not_selected"
}

extension AllocationOutcome {
  /// Per learner, the matched listing or -1.
  var listingOf: [Int32] { result.matching.listingOf }

  /// The reason learner `i` is unmatched (it must be unmatched).
  public func unmatchedReason(_ i: Int) -> UnmatchedReason {
    if candidates.eligibleCount[i] == 0 { return .noEligibleListing }
    if lists.learnerLists[i].isEmpty {
      guard configuration.preferences == .stated else { return .belowMinScore }
      // Stated mode: an eligible stated listing left the list only by
      // falling below --min-score.
      let usable = market.learnerStated[i].contains {
        scorer.eligibility.isEligible(i, Int($0))
      }
      return usable ? .belowMinScore : .noStatedPreferences
    }
    return configuration.algorithm == .maxWelfare
      ? .notSelected : .listExhausted
  }

  /// `allocations.csv`: one row per placed learner, in input order.
  public func allocationsCSV() -> [UInt8] {
    var csv = CSVWriter(
      header: [
        "learner_id", "listing_id", "learner_rank", "listing_rank",
        "learner_utility", "employer_utility", "source",
      ] + PairScores.columnNames)
    for (i, j32) in listingOf.enumerated() where j32 >= 0 {
      let j = Int(j32)
      let scores = scorer.scores(i, j)
      let pair = AllocatedUtilities(
        learner: i, listing: j, lists: lists, scorer: scorer,
        configuration: configuration, scores: scores)
      let listingRank = profile.listingRank(of: i, for: j)
      csv.append(
        [
          market.learners[i].id, market.listings[j].id,
          pair.position.map { String($0 + 1) } ?? "",
          listingRank.map { String($0 + 1) } ?? "",
          formatScore(quantized(pair.learner)),
          formatScore(quantized(pair.employer)), pair.source.rawValue,
        ] + scores.columnValues.map(formatScore))
    }
    return csv.bytes
  }

  /// `unmatched.csv`: learner, reason and how many listings it could take.
  public func unmatchedCSV() -> [UInt8] {
    var csv = CSVWriter(
      header: ["learner_id", "reason", "eligible_listings"])
    for (i, j) in listingOf.enumerated() where j < 0 {
      csv.append(
        [
          market.learners[i].id, unmatchedReason(i).rawValue,
          String(candidates.eligibleCount[i]),
        ])
    }
    return csv.bytes
  }

  /// `fill.csv`: seats, placements and the admission cutoff per listing.
  public func fillCSV() -> [UInt8] {
    var csv = CSVWriter(
      header: [
        "listing_id", "capacity", "filled", "vacancies", "reserved_filled",
        "applicants", "cutoff",
      ])
    var filled = Array(repeating: 0, count: market.listings.count)
    var cutoff = Array(repeating: Float.infinity, count: market.listings.count)
    for (i, j32) in listingOf.enumerated() where j32 >= 0 {
      let j = Int(j32)
      filled[j] += 1
      // A pin is no admission: it never sets the cutoff, whether or not
      // the pinned listing is also on the learner's list.
      if market.pinned[i] != j32,
        let position = lists.learnerLists[i].firstIndex(of: j32)
      {
        cutoff[j] = min(cutoff[j], lists.employerUtilities[i][position])
      }
    }
    for (j, listing) in market.listings.enumerated() {
      csv.append(
        [
          listing.id, String(listing.capacity), String(filled[j]),
          String(max(0, listing.capacity - filled[j])),
          String(result.reservedFilled[j]),
          String(lists.listingLists[j].count),
          cutoff[j].isFinite ? formatScore(cutoff[j]) : "",
        ])
    }
    return csv.bytes
  }

  /// `learner_preferences.csv`: the lists matching used, rank 1 first.
  public func learnerPreferencesCSV() -> [UInt8] {
    var csv = CSVWriter(
      header: ["learner_id", "rank", "listing_id", "learner_utility"])
    for (i, list) in lists.learnerLists.enumerated() {
      for (r, j) in list.enumerated() {
        csv.append(
          [
            market.learners[i].id, String(r + 1), market.listings[Int(j)].id,
            formatScore(lists.learnerUtilities[i][r]),
          ])
      }
    }
    return csv.bytes
  }

  /// `listing_preferences.csv`: every applicant a listing would accept.
  public func listingPreferencesCSV() -> [UInt8] {
    var utility: [Int64: Float] = [:]
    for (i, list) in lists.learnerLists.enumerated() {
      for (r, j) in list.enumerated() {
        utility[Int64(i) << 32 | Int64(j)] = lists.employerUtilities[i][r]
      }
    }
    var csv = CSVWriter(
      header: ["listing_id", "rank", "learner_id", "employer_utility"])
    for (j, list) in lists.listingLists.enumerated() {
      for (r, i) in list.enumerated() {
        csv.append(
          [
            market.listings[j].id, String(r + 1), market.learners[Int(i)].id,
            formatScore(utility[Int64(i) << 32 | Int64(j)] ?? 0),
          ])
      }
    }
    return csv.bytes
  }
}
