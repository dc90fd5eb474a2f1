// Skill, goal and sector features laid out so that one sparse product
// gives the linear score components.

/// Column layout shared by learner rows and listing rows.
///
/// Skills use the level-threshold encoding: a learner at level `l` in skill
/// `s` has ones on thresholds `1...l` of `s`; a listing requiring level `r`
/// puts `1 / (r · n_required)` on thresholds `1...r`. Their product is the
/// mean over required skills of `min(l, r) / r`, the `skills` component,
/// exactly. Preferred skills share the learner columns. With the `tfidf`
/// goal method, goal columns hold unit TF-IDF vectors (a product is a
/// cosine); with `lsa` there are none, as latent cosines are clamped and
/// so scored apart (`latentParts`). Sector columns hold a learner's
/// indicators against `1 / n_sectors` per listing sector. The last column
/// is a constant 1 on the learner side, which carries the `skills = 1` of
/// listings that require nothing.
public struct FeatureSpace: Sendable {
  public static let levels = 5

  /// Skill name -> index among the skills some listing asks for.
  public let skillIndex: [String: Int]
  /// Sector label -> index among the listings' sectors.
  public let sectorIndex: [String: Int]
  /// The goal method in use; `tfidf` when `lsa` was asked for but LAPACK
  /// could not finish (a warning says so).
  public let goalMethod: GoalMethod
  /// TF-IDF vectors, with the `tfidf` goal method.
  public let text: TextVectorizer?
  /// Latent semantic goal vectors, with the `lsa` goal method.
  public let latentGoals: LatentVectors?
  /// Skill-embedding profiles for `related_skills` (nil only when LAPACK
  /// could not finish; the component is then 0).
  public let relatedSkills: LatentVectors?
  /// Problems met while building features (LAPACK failures).
  public let warnings: [Diagnostic]
  /// Wall seconds of the named feature stages (`lsa`, `skill_embedding`).
  public let timings: [(stage: String, seconds: Double)]
  public let textOffset: Int
  public let sectorOffset: Int
  public let biasColumn: Int
  public let width: Int

  /// Builds vocabularies and text vectors from both sides, with the goal
  /// method and dimension of `options`.
  public init(market: Market, options: ScoringOptions = ScoringOptions()) {
    var skills: [String: Int] = [:]
    var sectors: [String: Int] = [:]
    for listing in market.listings {
      for entry in listing.requiredSkills + listing.preferredSkills
      where skills[entry.skill] == nil {
        skills[entry.skill] = skills.count
      }
      for sector in listing.sectors where sectors[sector] == nil {
        sectors[sector] = sectors.count
      }
    }
    skillIndex = skills
    sectorIndex = sectors

    var warnings: [Diagnostic] = []
    var timings: [(stage: String, seconds: Double)] = []
    var latentGoals: LatentVectors?
    if options.goalMethod == .lsa {
      let start = ContinuousClock.now
      latentGoals = Self.latentGoals(
        market, dimensions: options.goalDimensions, warnings: &warnings)
      timings.append(("lsa", seconds(since: start)))
    }
    self.latentGoals = latentGoals
    goalMethod = latentGoals == nil ? .tfidf : .lsa
    text =
      latentGoals != nil
      ? nil
      : TextVectorizer(
        learnerTexts: market.learners.map(learnerDocument),
        listingTexts: market.listings.map(listingDocument))
    let start = ContinuousClock.now
    relatedSkills = Self.skillProfiles(market, warnings: &warnings)
    timings.append(("skill_embedding", seconds(since: start)))
    self.warnings = warnings
    self.timings = timings

    textOffset = skills.count * Self.levels
    sectorOffset = textOffset + (text?.termCount ?? 0)
    biasColumn = sectorOffset + sectors.count
    width = biasColumn + 1
  }

  /// The dense parts scored by their own products and clamped per pair.
  public var latentParts: [LatentVectors] {
    [latentGoals, relatedSkills].compactMap { $0 }
  }

  /// The `goals` component of learner `i` and listing `j`.
  public func goalSimilarity(_ i: Int, _ j: Int) -> Float {
    if let latentGoals { return latentGoals.cosine(i, j) }
    guard let text else { return 0 }
    return text.learnerVectors[i].dot(text.listingVectors[j])
  }

  private static func latentGoals(
    _ market: Market,
    dimensions: Int,
    warnings: inout [Diagnostic]
  ) -> LatentVectors? {
    do {
      let space = try LatentSemanticSpace(
        learnerTexts: market.learners.map(learnerDocument),
        listingTexts: market.listings.map(listingDocument),
        dimensions: dimensions)
      return LatentVectors(
        component: .goals, learners: space.learnerVectors,
        listings: space.listingVectors)
    } catch {
      warnings.append(
        Diagnostic(
          .warning, kind: "lapack_failure",
          "\(error); goals use the TF-IDF cosine instead"))
      return nil
    }
  }

  private static func skillProfiles(
    _ market: Market,
    warnings: inout [Diagnostic]
  ) -> LatentVectors? {
    let learnerSkills = market.learners.map { $0.skills.map(\.skill) }
    let listingSkills = market.listings.map {
      ($0.requiredSkills + $0.preferredSkills).map(\.skill)
    }
    do {
      let embedding = try SkillEmbedding(
        documents: learnerSkills + listingSkills)
      func rows(_ lists: [[String]]) -> Matrix {
        Matrix(
          rows: lists.count, columns: embedding.dimensions,
          values: lists.flatMap { embedding.profile(of: $0) })
      }
      return LatentVectors(
        component: .relatedSkills, learners: rows(learnerSkills),
        listings: rows(listingSkills))
    } catch {
      warnings.append(
        Diagnostic(
          .warning, kind: "lapack_failure",
          "\(error); related_skills is 0 for every pair"))
      return nil
    }
  }

  /// Listing rows scaled by one view's weights, row `r` holding listing
  /// `order[r]` (all listings in index order when `order` is nil): the
  /// dense form of `listingEntries`.
  public func listingRows(
    _ listings: [Listing],
    order: [Int32]? = nil,
    weights: ScoreWeights
  ) -> Matrix {
    let order = order ?? (0..<listings.count).map { Int32($0) }
    var matrix = Matrix(rows: order.count, columns: width)
    for (row, j) in order.enumerated() {
      for entry in listingEntries(listings[Int(j)], text: Int(j), weights: weights) {
        matrix[row, Int(entry.column)] = entry.value
      }
    }
    return matrix
  }

  /// A listing's feature row scaled by one view's weights, as its
  /// non-zero entries in ascending column order; `text` is the listing's
  /// index (its TF-IDF vector).
  ///
  /// A skill both required and preferred puts both shares on the same
  /// thresholds; they are summed required first.
  public func listingEntries(
    _ listing: Listing,
    text j: Int,
    weights: ScoreWeights
  ) -> [(column: Int32, value: Float)] {
    var entries: [(column: Int32, value: Float)] = []
    let parts: [([SkillLevel], Float)] = [
      (listing.requiredSkills, weights.normalized(.skills)),
      (listing.preferredSkills, weights.normalized(.preferredSkills)),
    ]
    var skillColumns: [Int32: Float] = [:]
    var skillOrder: [Int32] = []
    for (list, weight) in parts where !list.isEmpty {
      let share = weight / Float(list.count)
      for entry in list {
        let s = skillIndex[entry.skill]! * Self.levels
        for t in 0..<entry.level {
          let column = Int32(s + t)
          if let value = skillColumns[column] {
            skillColumns[column] = value + share / Float(entry.level)
          } else {
            skillColumns[column] = share / Float(entry.level)
            skillOrder.append(column)
          }
        }
      }
    }
    for column in skillOrder.sorted() {
      entries.append((column, skillColumns[column]!))
    }
    if let text {
      let goals = weights.normalized(.goals)
      let vector = text.listingVectors[j]
      for (k, term) in vector.indices.enumerated() {
        entries.append((Int32(textOffset) + term, goals * vector.weights[k]))
      }
    }
    if !listing.sectors.isEmpty {
      let share = weights.normalized(.sectors) / Float(listing.sectors.count)
      var columns = Set<Int32>()
      for sector in listing.sectors {
        columns.insert(Int32(sectorOffset + sectorIndex[sector]!))
      }
      for column in columns.sorted() { entries.append((column, share)) }
    }
    if listing.requiredSkills.isEmpty {
      entries.append((Int32(biasColumn), weights.normalized(.skills)))
    }
    return entries.filter { $0.value != 0 }
  }

  /// The rows `fillLearnerRows` writes, as a sparse matrix (a learner row
  /// stores a few dozen of `width` columns: its skill thresholds, goal
  /// terms, sectors and the bias).
  public func learnerMatrix(_ learners: [Learner]) -> SparseMatrix {
    var rowStarts = [0]
    rowStarts.reserveCapacity(learners.count + 1)
    var columns: [Int32] = []
    var values: [Float] = []
    var row: [(column: Int32, value: Float)] = []
    for (i, learner) in learners.enumerated() {
      row.removeAll(keepingCapacity: true)
      for entry in learner.skills {
        guard let s = skillIndex[entry.skill] else { continue }
        for t in 0..<entry.level {
          row.append((Int32(s * Self.levels + t), 1))
        }
      }
      if let vector = text?.learnerVectors[i] {
        for (k, column) in vector.indices.enumerated() {
          row.append((Int32(textOffset) + column, vector.weights[k]))
        }
      }
      for sector in learner.sectors {
        guard let t = sectorIndex[sector] else { continue }
        row.append((Int32(sectorOffset + t), 1))
      }
      row.append((Int32(biasColumn), 1))
      // A column set twice (a skill or sector listed twice) holds 1 in the
      // dense row, as here; goal terms are distinct.
      row.sort { $0.column < $1.column }
      var last: Int32 = -1
      for entry in row where entry.column != last {
        columns.append(entry.column)
        values.append(entry.value)
        last = entry.column
      }
      rowStarts.append(columns.count)
    }
    return SparseMatrix(
      rows: learners.count, columns: width, rowStarts: rowStarts,
      columnIndices: columns, values: values)
  }

  /// Writes the feature rows of `learners[range]` into `block`, which must
  /// have `width` columns and at least `range.count` rows.
  public func fillLearnerRows(
    _ learners: [Learner],
    range: Range<Int>,
    into block: inout Matrix
  ) {
    precondition(block.columns == width && block.rows >= range.count)
    for index in 0..<(range.count * width) { block.values[index] = 0 }
    for (offset, i) in range.enumerated() {
      let base = offset * width
      block.values[base + biasColumn] = 1
      for entry in learners[i].skills {
        guard let s = skillIndex[entry.skill] else { continue }
        for t in 0..<entry.level {
          block.values[base + s * Self.levels + t] = 1
        }
      }
      if let vector = text?.learnerVectors[i] {
        for (k, column) in vector.indices.enumerated() {
          block.values[base + textOffset + Int(column)] = vector.weights[k]
        }
      }
      for sector in learners[i].sectors {
        guard let t = sectorIndex[sector] else { continue }
        block.values[base + sectorOffset + t] = 1
      }
    }
  }
}

/// Wall seconds since `start`.
func seconds(since start: ContinuousClock.Instant) -> Double {
  let elapsed = ContinuousClock.now - start
  return Double(elapsed.components.seconds)
    + Double(elapsed.components.attoseconds) * 1e-18
}

/// A learner's goal document: goals and sector interests.
func learnerDocument(_ learner: Learner) -> String {
  ([learner.goals] + learner.sectors).joined(separator: " ")
}

/// A listing's goal document: title, description and sectors.
func listingDocument(_ listing: Listing) -> String {
  ([listing.title, listing.description] + listing.sectors)
    .joined(separator: " ")
}
