// Everything a run can be told, from a JSON config file and from flags.

import Foundation

/// The matching algorithm (CONTRACT.md §3 `--algorithm`).
public enum Algorithm: String, Sendable, Codable, CaseIterable {
  case learnerProposing = "learner-proposing"
  case listingProposing = "listing-proposing"
  case maxWelfare = "max-welfare"
}

extension ReservePrecedence: Codable {}

/// A run's effective configuration; JSON keys match the long flag names.
///
/// Every field is optional in a config file; absent fields keep defaults.
public struct RunConfiguration: Sendable, Equatable, Codable {
  public var preferences: PreferenceMode = .scores
  public var algorithm: Algorithm = .learnerProposing
  public var topK = 50
  public var minScore = 0.0
  public var seed: UInt64 = 0
  public var tieBreak: TieBreakRule = .single
  public var reservePrecedence: ReservePrecedence = .reservedFirst
  public var distanceScaleKm = 50.0
  public var blockSize = 256
  public var goalMethod = ScoringOptions().goalMethod
  public var goalDimensions = ScoringOptions().goalDimensions
  public var learnerWeights = ScoreWeights.learnerDefault
  public var employerWeights = ScoreWeights.employerDefault
  public var listSeparator = ";"
  public var levelSeparator = ":"
  /// Contract field -> how the export gives it, per file.
  public var learnerColumns: [String: ColumnRule] = [:]
  public var listingColumns: [String: ColumnRule] = [:]
  /// Skill taxonomy files, loaded in this order.
  public var taxonomies: [TaxonomySource] = []
  /// Repairable input problems are errors, not warnings.
  public var strict = false

  enum CodingKeys: String, CodingKey, CaseIterable {
    case preferences, algorithm, seed, strict
    case topK = "top_k"
    case minScore = "min_score"
    case tieBreak = "tie_break"
    case reservePrecedence = "reserve_precedence"
    case distanceScaleKm = "distance_scale_km"
    case blockSize = "block_size"
    case goalMethod = "goal_method"
    case goalDimensions = "goal_dimensions"
    case learnerWeights = "learner_weights"
    case employerWeights = "employer_weights"
    case listSeparator = "list_separator"
    case levelSeparator = "level_separator"
    case learnerColumns = "learner_columns"
    case listingColumns = "listing_columns"
    case taxonomies
  }

  public init() {}

  public init(from decoder: any Decoder) throws {
    try Self.checkKeys(decoder)
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let d = RunConfiguration()
    func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
      try c.decodeIfPresent(T.self, forKey: key) ?? fallback
    }
    // Foundation's text for a bad enum value ("Cannot initialize
    // GoalMethod from invalid String value LSA") names no accepted value.
    func choice<T: RawRepresentable & CaseIterable>(
      _ key: CodingKeys, _ fallback: T
    ) throws -> T where T.RawValue == String {
      guard let text = try c.decodeIfPresent(String.self, forKey: key) else {
        return fallback
      }
      guard let value = T(rawValue: text) else {
        let allowed = T.allCases.map(\.rawValue).joined(separator: ", ")
        throw ConfigurationError(
          "\(key.rawValue) must be one of \(allowed), got '\(text)'")
      }
      return value
    }
    preferences = try choice(.preferences, d.preferences)
    algorithm = try choice(.algorithm, d.algorithm)
    topK = try value(.topK, d.topK)
    minScore = try value(.minScore, d.minScore)
    seed = try value(.seed, d.seed)
    tieBreak = try choice(.tieBreak, d.tieBreak)
    reservePrecedence = try choice(.reservePrecedence, d.reservePrecedence)
    distanceScaleKm = try value(.distanceScaleKm, d.distanceScaleKm)
    blockSize = try value(.blockSize, d.blockSize)
    goalMethod = try choice(.goalMethod, d.goalMethod)
    goalDimensions = try value(.goalDimensions, d.goalDimensions)
    try checkRanges()
    // Weights in a config override single components of the defaults.
    let learner: [String: Double] = try value(.learnerWeights, [:])
    let employer: [String: Double] = try value(.employerWeights, [:])
    learnerWeights = try d.learnerWeights.applying(learner, view: "learner")
    employerWeights = try d.employerWeights.applying(
      employer, view: "employer")
    listSeparator = try value(.listSeparator, d.listSeparator)
    levelSeparator = try value(.levelSeparator, d.levelSeparator)
    learnerColumns = try value(.learnerColumns, d.learnerColumns)
    listingColumns = try value(.listingColumns, d.listingColumns)
    try checkColumnFields(
      learnerColumns, section: "learner_columns", known: LearnerReader.fields)
    try checkColumnFields(
      listingColumns, section: "listing_columns", known: ListingReader.fields)
    taxonomies = try value(.taxonomies, d.taxonomies)
    strict = try value(.strict, d.strict)
    try checkSeparators()
  }

  /// A key this type does not know is a typo, not a setting to ignore.
  private static func checkKeys(_ decoder: any Decoder) throws {
    struct AnyKey: CodingKey {
      var stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }
    let known = Self.knownKeys
    let keys = try decoder.container(keyedBy: AnyKey.self).allKeys
    for key in keys.map(\.stringValue).sorted() where !known.contains(key) {
      var message = "unknown configuration key '\(key)'"
      if let near = nearestName(to: key, among: known) {
        message += "; did you mean '\(near)'?"
      }
      throw ConfigurationError(
        message + "; known keys: " + known.joined(separator: ", "))
    }
  }

  /// The keys a config file may hold.
  public static var knownKeys: [String] { CodingKeys.allCases.map(\.rawValue) }

  /// The numeric settings within the ranges their flags accept.
  private func checkRanges() throws(ConfigurationError) {
    func check<T: Comparable>(
      _ key: String, _ value: T, _ range: ClosedRange<T>
    ) throws(ConfigurationError) {
      guard range.contains(value) else {
        throw ConfigurationError(
          "\(key) must be from \(range.lowerBound) to \(range.upperBound), "
            + "got \(value)")
      }
    }
    try check("top_k", topK, 1...100_000)
    try check("min_score", minScore, 0...1)
    try check("seed", seed, 0...UInt64(Int.max))
    try check("distance_scale_km", distanceScaleKm, 0.001...40_000)
    try check("block_size", blockSize, 1...1_000_000)
    try check(
      "goal_dimensions", goalDimensions, ScoringOptions.goalDimensionRange)
  }

  /// Each separator is one character, other than a quote or a line break,
  /// and the two differ (else `python:4` could not be told apart).
  public func checkSeparators() throws(ConfigurationError) {
    for (key, value) in [
      ("list_separator", listSeparator), ("level_separator", levelSeparator),
    ] {
      guard value.count == 1, !"\"\r\n".contains(value) else {
        throw ConfigurationError(
          "\(key) must be a single character other than a quote or a line "
            + "break, got '\(value)'")
      }
    }
    guard listSeparator != levelSeparator else {
      throw ConfigurationError(
        "list_separator and level_separator must differ, both are "
          + "'\(listSeparator)'")
    }
  }

  /// The scoring stage's options.
  public var scoringOptions: ScoringOptions {
    var options = ScoringOptions()
    options.learnerWeights = learnerWeights
    options.employerWeights = employerWeights
    options.topK = topK
    options.minScore = minScore
    options.distanceScaleKm = distanceScaleKm
    options.blockSize = blockSize
    options.goalMethod = goalMethod
    options.goalDimensions = goalDimensions
    options.tieBreaker = TieBreaker(seed: seed, rule: tieBreak)
    return options
  }

  /// The input stage's format.
  public var inputFormat: InputFormat {
    var format = InputFormat()
    format.listSeparator = listSeparator.first ?? ";"
    format.levelSeparator = levelSeparator.first ?? ":"
    format.learnerColumns = learnerColumns
    format.listingColumns = listingColumns
    format.taxonomies = taxonomies
    return format
  }

  /// The effective configuration as recorded in the manifest; it reads
  /// back as a config file giving the same run.
  public var jsonValue: JSONValue {
    func weights(_ w: ScoreWeights) -> JSONValue {
      .object(
        ScoreComponent.allCases.map { ($0.rawValue, .exactNumber(w[$0])) })
    }
    func columns(_ map: [String: ColumnRule]) -> JSONValue {
      .object(map.keys.sorted().map { ($0, map[$0]!.jsonValue) })
    }
    return .object([
      ("preferences", .string(preferences.rawValue)),
      ("algorithm", .string(algorithm.rawValue)),
      ("top_k", .integer(topK)),
      ("min_score", .exactNumber(minScore)),
      ("seed", .integer(Int(truncatingIfNeeded: seed))),
      ("tie_break", .string(tieBreak.rawValue)),
      ("reserve_precedence", .string(reservePrecedence.rawValue)),
      ("distance_scale_km", .exactNumber(distanceScaleKm)),
      ("block_size", .integer(blockSize)),
      ("goal_method", .string(goalMethod.rawValue)),
      ("goal_dimensions", .integer(goalDimensions)),
      ("learner_weights", weights(learnerWeights)),
      ("employer_weights", weights(employerWeights)),
      ("list_separator", .string(listSeparator)),
      ("level_separator", .string(levelSeparator)),
      ("learner_columns", columns(learnerColumns)),
      ("listing_columns", columns(listingColumns)),
      ("taxonomies", .array(taxonomies.map { source in
        .object([
          ("format", .string(source.format.rawValue)),
          ("path", .string(source.path)),
        ])
      })),
      ("strict", .bool(strict)),
    ])
  }
}

extension ScoreWeights {
  /// These weights with the components named in `overrides` replaced.
  /// - Throws: `ConfigurationError` for an unknown component or a negative
  ///   or non-finite weight.
  public func applying(_ overrides: [String: Double], view: String)
    throws(ConfigurationError) -> ScoreWeights
  {
    var result = self
    for (name, value) in overrides.sorted(by: { $0.key < $1.key }) {
      guard let component = ScoreComponent(rawValue: name) else {
        let known = ScoreComponent.allCases.map(\.rawValue)
        var message = "unknown score component '\(view).\(name)'"
        if name == "listing_stated" {
          // allocations.csv calls the employer view's `stated` so.
          message += "; did you mean 'employer.stated' (the listing_stated "
            + "column)?"
        } else if let near = nearestName(to: name, among: known) {
          message += "; did you mean '\(view).\(near)'?"
        }
        throw ConfigurationError(
          message + "; known components: " + known.joined(separator: ", "))
      }
      guard value.isFinite, value >= 0 else {
        throw ConfigurationError(
          "weight '\(view).\(name)' must be a number >= 0, got \(value)")
      }
      result[component] = value
    }
    return result
  }
}

/// A configuration value that cannot be used (exit 64).
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}

extension RunConfiguration {
  /// A view whose weights are all 0 gives every pair utility 0, so the
  /// lottery alone ranks what that view ranks; rarely meant, so said.
  func zeroWeightWarnings() -> [Diagnostic] {
    var result: [Diagnostic] = []
    if preferences != .stated && learnerWeights.total == 0 {
      result.append(
        Diagnostic(
          .warning, kind: "zero_weights",
          "every learner weight is 0, so each learner's eligible listings "
            + "are ranked by the lottery alone (--seed); give one "
            + "component a weight, e.g. --weight learner.goals=1"))
    }
    if employerWeights.total == 0 {
      result.append(
        Diagnostic(
          .warning, kind: "zero_weights",
          "every employer weight is 0, so listings without a stated list "
            + "rank their applicants by the lottery alone (--seed); give "
            + "one component a weight, e.g. --weight employer.skills=1"))
    }
    return result
  }
}
