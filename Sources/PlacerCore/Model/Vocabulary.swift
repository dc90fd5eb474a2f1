// Small value types shared by learners and listings.

/// The kind of work-based learning a listing offers.
public enum ListingType: String, Sendable, Hashable, CaseIterable {
  case internship
  case apprenticeship
  case coop = "co-op"
}

/// Where the work happens.
public enum WorkMode: String, Sendable, Hashable, CaseIterable {
  case onsite
  case hybrid
  case remote
}

/// A skill name (normalized) with a level in `1...5`.
public struct SkillLevel: Sendable, Hashable {
  public var skill: String
  public var level: Int

  public init(_ skill: String, level: Int) {
    self.skill = skill
    self.level = level
  }
}

/// A point on the Earth, in degrees.
public struct Coordinate: Sendable, Hashable {
  public var latitude: Double
  public var longitude: Double

  public init(latitude: Double, longitude: Double) {
    self.latitude = latitude
    self.longitude = longitude
  }
}
