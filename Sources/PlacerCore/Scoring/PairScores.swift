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
///
/// Skill names, sectors and stated lists are folded to integer tables once,
/// so a pair reads flat arrays; every component is computed with the same
/// operations in the same order as its definition, so values are exact
/// and repeatable.
public struct PairScorer: Sendable {
  public let market: Market
  public let features: FeatureSpace
  public let eligibility: Eligibility
  public let distanceScaleKm: Double
  let tables: PairTables

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
    tables = PairTables(market: market)
  }

  /// All components of learner `i` against listing `j`.
  public func scores(_ i: Int, _ j: Int) -> PairScores {
    scores(i, j, relatedSkills: true)
  }

  /// The components of learner `i` against listing `j`; `relatedSkills`
  /// false leaves that one at 0 (for utilities that give it no weight,
  /// which are then the same bits).
  func scores(_ i: Int, _ j: Int, relatedSkills: Bool) -> PairScores {
    var result = PairScores()
    let t = tables
    let required = t.required.range(j)
    result.skills =
      required.isEmpty ? 1 : t.coverage(required, of: t.required, learner: i)
    result.preferredSkills = t.coverage(
      t.preferred.range(j), of: t.preferred, learner: i)
    result.goals = features.goalSimilarity(i, j)
    if relatedSkills {
      result.relatedSkills = features.relatedSkills?.cosine(i, j) ?? 0
    }
    let sectors = t.listingSectors.range(j)
    if !sectors.isEmpty {
      let mine = t.learnerSectors.range(i)
      var shared = 0
      for k in sectors {
        let sector = t.listingSectors.items[k]
        for h in mine where t.learnerSectors.items[h] == sector {
          shared += 1
          break
        }
      }
      result.sectors = Float(shared) / Float(sectors.count)
    }
    result.location = eligibility.locationScore(
      i, j, scaleKm: distanceScaleKm)
    result.stated = t.learnerStated.statedScore(i, Int32(j))
    result.listingStated = t.listingStated.statedScore(j, Int32(i))
    return result
  }
}

/// Rows of small integer lists stored flat: row `r` is
/// `items[start[r] ..< start[r + 1]]`.
struct FlatLists<Item: Sendable>: Sendable {
  var start: [Int] = [0]
  var items: [Item] = []

  init<S: Sequence>(_ rows: S) where S.Element == [Item] {
    for row in rows {
      items += row
      start.append(items.count)
    }
  }

  @inline(__always)
  func range(_ r: Int) -> Range<Int> { start[r]..<start[r + 1] }
}

extension FlatLists where Item == Int32 {
  /// `statedScore` on row `r`.
  @inline(__always)
  func statedScore(_ r: Int, _ item: Int32) -> Float {
    statedRank(r, item) ?? 0
  }

  /// `1 - (p-1)/L` when `item` is at position `p` of row `r` (length
  /// `L`), else nil.
  @inline(__always)
  func statedRank(_ r: Int, _ item: Int32) -> Float? {
    let range = self.range(r)
    for k in range where items[k] == item {
      return 1 - Float(k - range.lowerBound) / Float(range.count)
    }
    return nil
  }
}

/// A skill or sector id with a level.
struct CodedSkill: Sendable {
  var id: Int32
  var level: Int32
}

/// Integer tables behind `PairScorer`.
struct PairTables: Sendable {
  let required: FlatLists<CodedSkill>
  let preferred: FlatLists<CodedSkill>
  /// Learner skills whose names some listing uses, in the learner's order.
  let learnerSkills: FlatLists<CodedSkill>
  let learnerSectors: FlatLists<Int32>
  let listingSectors: FlatLists<Int32>
  let learnerStated: FlatLists<Int32>
  let listingStated: FlatLists<Int32>

  init(market: Market) {
    var skillIDs: [String: Int32] = [:]
    func coded(_ entries: [SkillLevel], adding: Bool) -> [CodedSkill] {
      entries.compactMap { entry in
        if adding && skillIDs[entry.skill] == nil {
          skillIDs[entry.skill] = Int32(skillIDs.count)
        }
        return skillIDs[entry.skill].map {
          CodedSkill(id: $0, level: Int32(entry.level))
        }
      }
    }
    required = FlatLists(
      market.listings.map { coded($0.requiredSkills, adding: true) })
    preferred = FlatLists(
      market.listings.map { coded($0.preferredSkills, adding: true) })
    learnerSkills = FlatLists(
      market.learners.map { coded($0.skills, adding: false) })
    var sectorIDs: [String: Int32] = [:]
    func sectorCodes(_ labels: [String]) -> [Int32] {
      labels.map { label in
        if let id = sectorIDs[label] { return id }
        sectorIDs[label] = Int32(sectorIDs.count)
        return Int32(sectorIDs.count - 1)
      }
    }
    listingSectors = FlatLists(market.listings.map { sectorCodes($0.sectors) })
    learnerSectors = FlatLists(market.learners.map { sectorCodes($0.sectors) })
    learnerStated = FlatLists(market.learnerStated)
    listingStated = FlatLists(market.listingStated)
  }

  /// Mean of `min(level, required) / required` over `list`'s entries at
  /// `range`; 0 for an empty range. A skill a learner lists twice counts at
  /// its last level, as a dictionary built in order would.
  @inline(__always)
  func coverage(
    _ range: Range<Int>,
    of list: FlatLists<CodedSkill>,
    learner i: Int
  ) -> Float {
    let mine = learnerSkills.range(i)
    guard !range.isEmpty else { return 0 }
    var sum: Float = 0
    for k in range {
      let entry = list.items[k]
      var have: Int32 = 0
      for h in mine where learnerSkills.items[h].id == entry.id {
        have = learnerSkills.items[h].level
      }
      sum += Float(min(have, entry.level)) / Float(entry.level)
    }
    return sum / Float(range.count)
  }
}

/// `1 - (r-1)/L` for rank `r` in a stated list of length `L`, else 0.
func statedScore(_ list: [Int32], _ item: Int32) -> Float {
  guard let position = list.firstIndex(of: item) else { return 0 }
  return 1 - Float(position) / Float(list.count)
}
