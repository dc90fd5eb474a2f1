// Score components of one pair, computed directly from their definitions.

/// The components of CONTRACT.md §2 for one learner-listing pair, plus
/// related-skill credit.
public struct PairScores: Sendable, Equatable {
  public var skills: Float = 0
  public var preferredSkills: Float = 0
  public var goals: Float = 0
  public var sectors: Float = 0
  public var location: Float = 0
  /// The learner's stated rank of the listing as `1 - (r-1)/L`, else 0.
  public var stated: Float = 0
  /// The listing's stated rank of the learner, for the employer view.
  public var listingStated: Float = 0
  /// Similarity of the learner's and the listing's skill profiles.
  public var relatedSkills: Float = 0

  /// Weighted mean of the components for one view, in `0...1`.
  public func utility(_ weights: ScoreWeights, employerView: Bool) -> Float {
    let statedValue = employerView ? listingStated : stated
    var sum = weights.normalized(.skills) * skills
    sum += weights.normalized(.preferredSkills) * preferredSkills
    sum += weights.normalized(.goals) * goals
    sum += weights.normalized(.sectors) * sectors
    sum += weights.normalized(.location) * location
    sum += weights.normalized(.stated) * statedValue
    sum += weights.normalized(.relatedSkills) * relatedSkills
    return sum
  }

  /// Names of the per-component output columns, in file order: the six
  /// components of the first release, the listing's stated rank, then
  /// `related_skills`, appended so earlier columns keep their places.
  public static let columnNames = [
    "skills", "preferred_skills", "goals", "sectors", "location", "stated",
    "listing_stated", "related_skills",
  ]

  /// Values for `columnNames`, in the same order.
  public var columnValues: [Float] {
    [
      skills, preferredSkills, goals, sectors, location, stated,
      listingStated, relatedSkills,
    ]
  }
}

/// Computes `PairScores` one pair at a time; the naive reference for the
/// blocked scorer and the source of per-component output columns.
public struct PairScorer: Sendable {
  public let market: Market
  public let features: FeatureSpace
  public let eligibility: Eligibility
  public let distanceScaleKm: Double

  public init(
    market: Market,
    features: FeatureSpace,
    eligibility: Eligibility,
    distanceScaleKm: Double
  ) {
    self.market = market
    self.features = features
    self.eligibility = eligibility
    self.distanceScaleKm = distanceScaleKm
  }

  /// All components of learner `i` against listing `j`.
  public func scores(_ i: Int, _ j: Int) -> PairScores {
    scores(i, j, levels: skillLevels(of: i))
  }

  /// Learner `i`'s skill levels by name, for repeated `scores` calls.
  func skillLevels(of i: Int) -> [String: Int] {
    var levels: [String: Int] = [:]
    for entry in market.learners[i].skills { levels[entry.skill] = entry.level }
    return levels
  }

  /// All components, with the learner's levels already looked up.
  func scores(_ i: Int, _ j: Int, levels: [String: Int]) -> PairScores {
    let learner = market.learners[i]
    let listing = market.listings[j]
    var result = PairScores()
    result.skills =
      listing.requiredSkills.isEmpty
      ? 1 : coverage(listing.requiredSkills, levels)
    result.preferredSkills = coverage(listing.preferredSkills, levels)
    result.goals = features.goalSimilarity(i, j)
    result.relatedSkills = features.relatedSkills?.cosine(i, j) ?? 0
    if !listing.sectors.isEmpty {
      let mine = Set(learner.sectors)
      let shared = listing.sectors.filter { mine.contains($0) }.count
      result.sectors = Float(shared) / Float(listing.sectors.count)
    }
    result.location = eligibility.locationScore(
      i, j, scaleKm: distanceScaleKm)
    result.stated = statedScore(market.learnerStated[i], Int32(j))
    result.listingStated = statedScore(market.listingStated[j], Int32(i))
    return result
  }
}

/// Mean of `min(level, required) / required`; 0 for an empty list.
private func coverage(_ required: [SkillLevel], _ levels: [String: Int])
  -> Float
{
  guard !required.isEmpty else { return 0 }
  var sum: Float = 0
  for entry in required {
    let have = levels[entry.skill] ?? 0
    sum += Float(min(have, entry.level)) / Float(entry.level)
  }
  return sum / Float(required.count)
}

/// `1 - (r-1)/L` for rank `r` in a stated list of length `L`, else 0.
func statedScore(_ list: [Int32], _ item: Int32) -> Float {
  guard let position = list.firstIndex(of: item) else { return 0 }
  return 1 - Float(position) / Float(list.count)
}
