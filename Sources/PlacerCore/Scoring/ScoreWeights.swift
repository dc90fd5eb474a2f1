// Weights of the score components for one view (CONTRACT.md §2).

/// The score components of CONTRACT.md §2, in output column order.
public enum ScoreComponent: String, Sendable, CaseIterable, Codable {
  case skills
  case preferredSkills = "preferred_skills"
  case goals
  case sectors
  case location
  case stated
  /// Similarity of skill-embedding profiles (`SkillEmbedding`); last, so
  /// the earlier components keep their positions.
  case relatedSkills = "related_skills"
}

/// Non-negative weights of the components for one view.
///
/// A utility is the weighted mean `Σ w_c·c / Σ w_c`, so it stays in `0...1`;
/// when every weight is 0 the utility is 0.
public struct ScoreWeights: Sendable, Equatable, Codable {
  public var skills: Double
  public var preferredSkills: Double
  public var goals: Double
  public var sectors: Double
  public var location: Double
  public var stated: Double
  public var relatedSkills: Double

  enum CodingKeys: String, CodingKey {
    case skills, goals, sectors, location, stated
    case preferredSkills = "preferred_skills"
    case relatedSkills = "related_skills"
  }

  public init(
    skills: Double, preferredSkills: Double, goals: Double, sectors: Double,
    location: Double, stated: Double, relatedSkills: Double = 0
  ) {
    self.skills = skills
    self.preferredSkills = preferredSkills
    self.goals = goals
    self.sectors = sectors
    self.location = location
    self.stated = stated
    self.relatedSkills = relatedSkills
  }

  /// Decodes weights; `related_skills` may be absent (it came later).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    skills = try c.decode(Double.self, forKey: .skills)
    preferredSkills = try c.decode(Double.self, forKey: .preferredSkills)
    goals = try c.decode(Double.self, forKey: .goals)
    sectors = try c.decode(Double.self, forKey: .sectors)
    location = try c.decode(Double.self, forKey: .location)
    stated = try c.decode(Double.self, forKey: .stated)
    relatedSkills =
      try c.decodeIfPresent(Double.self, forKey: .relatedSkills) ?? 0
  }

  /// How a learner ranks listings: interests (goal text) first, then fit.
  public static let learnerDefault = ScoreWeights(
    skills: 0.20, preferredSkills: 0.05, goals: 0.45, sectors: 0.10,
    location: 0.10, stated: 0.10)

  /// How an employer ranks learners: fit and interest about equally.
  /// Goal text weighs as much as required skills because skill lists in
  /// real exports are incomplete, while goals and descriptions are rich.
  public static let employerDefault = ScoreWeights(
    skills: 0.35, preferredSkills: 0.10, goals: 0.35, sectors: 0.05,
    location: 0.05, stated: 0.10)

  public subscript(component: ScoreComponent) -> Double {
    get {
      switch component {
      case .skills: skills
      case .preferredSkills: preferredSkills
      case .goals: goals
      case .sectors: sectors
      case .location: location
      case .stated: stated
      case .relatedSkills: relatedSkills
      }
    }
    set {
      switch component {
      case .skills: skills = newValue
      case .preferredSkills: preferredSkills = newValue
      case .goals: goals = newValue
      case .sectors: sectors = newValue
      case .location: location = newValue
      case .stated: stated = newValue
      case .relatedSkills: relatedSkills = newValue
      }
    }
  }

  /// `Σ w_c`, the divisor that keeps utilities in `0...1`.
  public var total: Double {
    ScoreComponent.allCases.reduce(0) { $0 + self[$1] }
  }

  /// `w_c / Σ w`, or 0 when all weights are 0.
  func normalized(_ component: ScoreComponent) -> Float {
    let sum = total
    if sum.isFinite {
      return sum > 0 ? Float(self[component] / sum) : 0
    }
    // Two weights near Double.greatestFiniteMagnitude overflow the sum
    // (every utility became 0); only ratios matter, so scale by the largest.
    let largest = ScoreComponent.allCases.map { self[$0] }.max()!
    let scaled = ScoreComponent.allCases.reduce(0) {
      $0 + self[$1] / largest
    }
    return Float(self[component] / largest / scaled)
  }
}
