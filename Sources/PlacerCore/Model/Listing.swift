// A listing as read from listings.csv (CONTRACT.md §1).

/// One opportunity: its seats, requirements and eligibility rules.
public struct Listing: Sendable, Hashable {
  public var id: String
  /// The 1-based line of the listing's record in its file.
  public var line: Int
  public var type: ListingType
  /// Seats, `>= 0`; a listing with 0 seats takes nobody.
  public var capacity: Int
  public var employer: String = ""
  public var title: String = ""
  public var description: String = ""
  public var requiredSkills: [SkillLevel] = []
  public var preferredSkills: [SkillLevel] = []
  public var sectors: [String] = []
  public var mode: WorkMode = .onsite
  public var location: String = ""
  public var coordinate: Coordinate?
  public var term: String = ""
  public var minYear: Int?
  /// Eligible programs; empty means all.
  public var programs: [String] = []
  /// Seats held for equity groups; their sum never exceeds `capacity`.
  public var reserves: [SeatReserve] = []
  /// The employer's stated ranking of learner ids, most preferred first.
  public var preferences: [String] = []
  /// Learner ids the employer will not take.
  public var excluded: [String] = []

  public init(id: String, line: Int, type: ListingType, capacity: Int) {
    self.id = id
    self.line = line
    self.type = type
    self.capacity = capacity
  }
}

/// Seats of one listing held for one equity group.
public struct SeatReserve: Sendable, Hashable {
  public var group: String
  public var seats: Int

  public init(group: String, seats: Int) {
    self.group = group
    self.seats = seats
  }
}
