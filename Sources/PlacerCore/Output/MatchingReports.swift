// pins.csv and the summary's `pins` and `reserve_precedence` objects.

extension AllocationOutcome {
  /// How many entries the summary's lists hold; pins.csv holds them all.
  static let summaryListLimit = 100

  /// The 1-based rank of listing `j` in learner `i`'s list, if there.
  func learnerRank(_ i: Int, _ j: Int32) -> Int? {
    guard j >= 0 else { return nil }
    return lists.learnerLists[i].firstIndex(of: j).map { $0 + 1 }
  }

  private func listingID(_ j: Int32) -> String {
    j >= 0 ? market.listings[Int(j)].id : ""
  }

  /// What the summary calls the run the pins are compared with.
  private var withoutPinsName: String {
    configuration.algorithm.rawValue + " without pins"
  }

  /// `pins.csv`: every pinned learner, then displaced and better-off
  /// learners, then the blocking pairs pins cause; nil without pins.
  ///
  /// Columns: kind (`pinned`, `displaced`, `better_off`, `blocking_pair`),
  /// learner_id, listing_id (its listing in this run, or the blocking
  /// listing), learner_rank (of listing_id in the learner's list),
  /// without_pins_listing_id and without_pins_rank (where the run without
  /// pins places the learner; empty for blocking pairs), cause (blocking
  /// pairs only: `pinned_seat` or `pinned_learner`).
  public func pinsCSV() -> [UInt8]? {
    guard let report = pinReport else { return nil }
    var csv = CSVWriter(
      header: [
        "kind", "learner_id", "listing_id", "learner_rank",
        "without_pins_listing_id", "without_pins_rank", "cause",
      ])
    func rank(_ i: Int, _ j: Int32) -> String {
      learnerRank(i, j).map(String.init) ?? ""
    }
    func placement(_ kind: String, _ i: Int) {
      let now = listingOf[i]
      let before = report.withoutPins.listingOf[i]
      csv.append(
        [
          kind, market.learners[i].id, listingID(now), rank(i, now),
          listingID(before), rank(i, before), "",
        ])
    }
    for (i, j) in market.pinned.enumerated() where j >= 0 {
      placement("pinned", i)
    }
    for i in report.displaced { placement("displaced", Int(i)) }
    for i in report.betterOff { placement("better_off", Int(i)) }
    for pair in report.blockingPairs {
      let i = Int(pair.learner)
      csv.append(
        [
          "blocking_pair", market.learners[i].id, listingID(pair.listing),
          rank(i, pair.listing), "", "", pair.cause.rawValue,
        ])
    }
    return csv.bytes
  }

  /// The summary's `pins` object; null when no learner is pinned.
  func pinsSummary() -> JSONValue {
    guard let report = pinReport else { return .null }
    let limit = Self.summaryListLimit
    func rank(_ i: Int, _ j: Int32) -> JSONValue {
      learnerRank(i, j).map { .integer($0) } ?? .null
    }
    func listing(_ j: Int32) -> JSONValue {
      j >= 0 ? .string(market.listings[Int(j)].id) : .null
    }
    let displaced = report.displaced.prefix(limit).map { i32 -> JSONValue in
      let i = Int(i32)
      let before = report.withoutPins.listingOf[i]
      return .object([
        ("learner_id", .string(market.learners[i].id)),
        ("listing_id", listing(listingOf[i])),
        ("learner_rank", rank(i, listingOf[i])),
        ("without_pins_listing_id", listing(before)),
        ("without_pins_rank", rank(i, before)),
      ])
    }
    let pairs = report.blockingPairs.prefix(limit).map { pair -> JSONValue in
      .object([
        ("learner_id", .string(market.learners[Int(pair.learner)].id)),
        ("listing_id", listing(pair.listing)),
        ("cause", .string(pair.cause.rawValue)),
      ])
    }
    let byCause = PinBlockingCause.allCases.map { cause in
      let count = report.blockingPairs.filter { $0.cause == cause }.count
      return (cause.rawValue, JSONValue.integer(count))
    }
    return .object([
      ("pinned", .integer(market.pinned.filter { $0 >= 0 }.count)),
      ("compared_with", .string(withoutPinsName)),
      ("displaced", .integer(report.displaced.count)),
      ("better_off", .integer(report.betterOff.count)),
      ("blocking_pairs", .integer(report.blockingPairs.count)),
      ("blocking_pairs_by_cause", .object(byCause)),
      ("displaced_learners", .array(displaced)),
      ("pin_blocking_pairs", .array(pairs)),
    ])
  }

  /// The summary's `reserve_precedence` object: per group label, learners
  /// placed and reserved seats taken under each precedence; null when no
  /// listing reserves seats.
  func reservePrecedenceSummary() -> JSONValue {
    guard let comparison = precedenceComparison else { return .null }

    // Group labels, and which label each reserve group id stands for.
    var members: [String: [Int]] = [:]
    var labelOf: [Int32: String] = [:]
    for (i, learner) in market.learners.enumerated() {
      let label = learner.group.isEmpty ? "(none)" : learner.group
      members[label, default: []].append(i)
      let g = comparison.learnerGroup[i]
      if g >= 0 { labelOf[g] = label }
    }
    let usesPrecedence = configuration.algorithm != .maxWelfare
    let groups = members.keys.sorted().map { label -> (String, JSONValue) in
      let indices = members[label]!
      let perPrecedence = comparison.outcomes.map { outcome in
        let placed = indices.filter { outcome.matching.listingOf[$0] >= 0 }
        let reserved = outcome.reserveSeatsByGroup.indices
          .filter { labelOf[Int32($0)] == label }
          .reduce(0) { $0 + outcome.reserveSeatsByGroup[$1] }
        let counts = JSONValue.object([
          ("matched", .integer(placed.count)),
          ("reserved_filled", .integer(reserved)),
        ])
        return (outcome.precedence.rawValue, counts)
      }
      let learners = ("learners", JSONValue.integer(indices.count))
      return (label, .object([learners] + perPrecedence))
    }
    let side =
      configuration.algorithm == .listingProposing
      ? "listing-proposing" : "learner-proposing"
    let used: JSONValue =
      usesPrecedence
      ? .string(configuration.reservePrecedence.rawValue) : .null
    return .object([
      ("algorithm", .string(side)),
      ("used", used),
      ("groups", .object(groups)),
    ])
  }
}
