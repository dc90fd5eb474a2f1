// A learner as read from learners.csv (CONTRACT.md §1).

/// One learner: skills, interests and the constraints on what they accept.
///
/// Empty `types` or `modes` mean every type or mode is accepted. Text fields
/// are trimmed; list fields hold normalized, de-duplicated entries.
public struct Learner: Sendable, Hashable {
  public var id: String
  /// The 1-based line of the learner's record in its file.
  public var line: Int
  public var skills: [SkillLevel] = []
  public var goals: String = ""
  public var sectors: [String] = []
  public var types: [ListingType] = []
  public var modes: [WorkMode] = []
  public var location: String = ""
  public var relocate: Bool = false
  public var coordinate: Coordinate?
  public var maxDistanceKm: Double?
  public var term: String = ""
  public var program: String = ""
  public var year: Int?
  public var group: String = ""
  /// Stated ranking of listing ids, most preferred first.
  public var preferences: [String] = []
  /// A listing id fixed in advance, or empty.
  public var pinned: String = ""

  public init(id: String, line: Int) {
    self.id = id
    self.line = line
  }
}
