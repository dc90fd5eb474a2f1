// Judges an allocation file, Placer's or anyone's, against the inputs.

/// Everything `placer check` finds wrong with an allocation file.
public struct AllocationJudgement: Sendable {
  /// Rows naming a learner id that is not in the learner file.
  public var unknownLearners: [InputLocation] = []
  /// Rows naming a listing id that is not in the listing file.
  public var unknownListings: [InputLocation] = []
  /// Rows placing a learner that an earlier row already placed.
  public var duplicateLearners: [InputLocation] = []
  /// Placed pairs that fail a hard constraint (pins excepted).
  public var ineligiblePairs: [(learner: Int32, listing: Int32)] = []
  /// Capacity, acceptability, pin and stability problems.
  public var problems: AllocationProblems
  public var matching: Matching

  /// True when the file is valid and the allocation stable.
  public var isValidAndStable: Bool {
    unknownLearners.isEmpty && unknownListings.isEmpty
      && duplicateLearners.isEmpty && ineligiblePairs.isEmpty
      && problems.isValidAndStable
  }

  /// Reads `table` (columns `learner_id`, `listing_id`) and judges it.
  /// - Throws: `InputErrors` when a required column is missing.
  public init(
    allocations table: CSVTable,
    prepared: PreparedMarket,
    reserves: SeatReserves?
  ) throws(InputErrors) {
    let market = prepared.market
    var missing: [InputError] = []
    for column in ["learner_id", "listing_id"]
    where table.index(of: column) == nil {
      missing.append(.missingColumn(file: table.file, column: column))
    }
    guard missing.isEmpty else { throw InputErrors(missing) }
    let learnerColumn = table.index(of: "learner_id")!
    let listingColumn = table.index(of: "listing_id")!

    var listingOf = Array(repeating: Int32(-1), count: market.learners.count)
    var seen = Set<Int32>()
    let eligibility = prepared.scorer.eligibility
    for record in table.records {
      let learnerID = record.fields[learnerColumn].trimmingWhitespace
      let listingID = record.fields[listingColumn].trimmingWhitespace
      func at(_ column: String) -> InputLocation {
        InputLocation(file: table.file, line: record.line, column: column)
      }
      guard let i = market.learnerIndex[learnerID] else {
        unknownLearners.append(at("learner_id"))
        continue
      }
      // An empty listing says the learner is not placed.
      guard listingID.isEmpty || market.listingIndex[listingID] != nil else {
        unknownListings.append(at("listing_id"))
        continue
      }
      guard seen.insert(i).inserted else {
        duplicateLearners.append(at("learner_id"))
        continue
      }
      guard let j = market.listingIndex[listingID] else { continue }
      listingOf[Int(i)] = j
      if market.pinned[Int(i)] != j
        && !eligibility.isEligible(Int(i), Int(j))
      {
        ineligiblePairs.append((i, j))
      }
    }
    matching = Matching(listingOf: listingOf)
    problems = checkAllocation(
      matching, profile: prepared.profile, pinned: market.pinned,
      reserves: reserves)
  }
}
