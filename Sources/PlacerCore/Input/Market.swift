// Both sides of a market, with ids resolved to indices and cross-file checks.

/// Learners and listings of one run, with references resolved to indices.
public struct Market: Sendable {
  public var learners: [Learner]
  public var listings: [Listing]
  public var learnerIndex: [String: Int32] = [:]
  public var listingIndex: [String: Int32] = [:]
  /// Per learner: stated listings, most preferred first, unknown ids dropped.
  public var learnerStated: [[Int32]] = []
  /// Per listing: stated learners, most preferred first.
  public var listingStated: [[Int32]] = []
  /// Per learner: listings whose `excluded` names the learner.
  public var excludedBy: [[Int32]] = []
  /// Per learner: pinned listing, or -1.
  public var pinned: [Int32] = []
  /// How the loaded taxonomies covered the skills named (set by
  /// `MarketLoader`; nil for a market built in code).
  public var skillCoverage: SkillCoverage?
  /// File names used in messages.
  public var learnerFile: String
  public var listingFile: String

  /// Resolves ids; repairable problems become warnings, the rest errors.
  /// - Throws: `InputErrors` for pins to unknown or over-full listings.
  public init(
    learners: [Learner],
    listings: [Listing],
    learnerFile: String = "learners.csv",
    listingFile: String = "listings.csv",
    warnings: inout [Diagnostic]
  ) throws(InputErrors) {
    self.learners = learners
    self.listings = listings
    self.learnerFile = learnerFile
    self.listingFile = listingFile
    for (i, learner) in learners.enumerated() {
      learnerIndex[learner.id] = Int32(i)
    }
    for (j, listing) in listings.enumerated() {
      listingIndex[listing.id] = Int32(j)
    }
    learnerStated = learners.map { learner in
      resolve(
        learner.preferences, in: listingIndex, what: "listing",
        at: InputLocation(
          file: learnerFile, line: learner.line, column: "preferences"),
        warnings: &warnings)
    }
    listingStated = listings.map { listing in
      resolve(
        listing.preferences, in: learnerIndex, what: "learner",
        at: InputLocation(
          file: listingFile, line: listing.line, column: "preferences"),
        warnings: &warnings)
    }
    excludedBy = Array(repeating: [], count: learners.count)
    for (j, listing) in listings.enumerated() {
      let location = InputLocation(
        file: listingFile, line: listing.line, column: "excluded")
      let ids = resolve(
        listing.excluded, in: learnerIndex, what: "learner", at: location,
        warnings: &warnings)
      for i in ids { excludedBy[Int(i)].append(Int32(j)) }
    }
    try resolvePins(learnerFile: learnerFile)
    warnings += reserveGroupWarnings()
  }

  /// A reserve for a group no learner is in is usually a misspelt label
  /// (`first-gen` for `first gen`); say so once per group, at the first
  /// listing naming it. Its seats go to open competition.
  private func reserveGroupWarnings() -> [Diagnostic] {
    let groups = Set(learners.map(\.group).filter { !$0.isEmpty })
    var named: [String: (line: Int, listings: Int)] = [:]
    var order: [String] = []
    for listing in listings {
      for reserve in listing.reserves
      where reserve.seats > 0 && !groups.contains(reserve.group) {
        if named[reserve.group] == nil { order.append(reserve.group) }
        named[reserve.group, default: (listing.line, 0)].listings += 1
      }
    }
    return order.map { group in
      let (line, count) = named[group]!
      var message = "no learner is in group '\(group.clipped)', so the seats "
        + "reserved for it (at \(count) listing(s)) go to open competition"
      if let near = nearestName(to: group, among: groups.sorted()) {
        message += "; did you mean '\(near)'?"
      }
      return Diagnostic(
        .warning, kind: "unknown_reserve_group",
        at: InputLocation(file: listingFile, line: line, column: "reserve"),
        message)
    }
  }

  private mutating func resolvePins(learnerFile: String) throws(InputErrors) {
    var problems: [InputError] = []
    var taken = Array(repeating: 0, count: listings.count)
    pinned = Array(repeating: -1, count: learners.count)
    for (i, learner) in learners.enumerated() where !learner.pinned.isEmpty {
      let location = InputLocation(
        file: learnerFile, line: learner.line, column: "pinned")
      guard let j = listingIndex[learner.pinned] else {
        problems.append(
          .invalidValue(location, value: learner.pinned,
            expected: "the id of a listing in the listings file"))
        continue
      }
      taken[Int(j)] += 1
      if taken[Int(j)] > listings[Int(j)].capacity {
        problems.append(
          .invalidValue(location, value: learner.pinned,
            expected: "a listing with a free seat; its "
              + "\(listings[Int(j)].capacity) seat(s) are already pinned"))
        continue
      }
      pinned[i] = j
    }
    guard problems.isEmpty else { throw InputErrors(problems) }
  }
}

/// Ids resolved to indices in order, unknown and repeated ones dropped with
/// a warning each.
private func resolve(
  _ ids: [String],
  in index: [String: Int32],
  what: String,
  at location: InputLocation,
  warnings: inout [Diagnostic]
) -> [Int32] {
  var seen = Set<Int32>()
  var result: [Int32] = []
  for id in ids {
    guard let k = index[id] else {
      warnings.append(
        Diagnostic(
          .warning, kind: "unknown_\(what)_id", at: location,
          "no \(what) has id '\(id.clipped)'; the entry is ignored"))
      continue
    }
    guard seen.insert(k).inserted else {
      warnings.append(
        Diagnostic(
          .warning, kind: "repeated_\(what)_id", at: location,
          "'\(id.clipped)' is listed more than once; later entries are "
            + "ignored"))
      continue
    }
    result.append(k)
  }
  return result
}
