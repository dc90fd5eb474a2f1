// Options of the scoring stage.

/// Everything scoring needs besides the market.
public struct ScoringOptions: Sendable, Equatable {
  public var learnerWeights = ScoreWeights.learnerDefault
  public var employerWeights = ScoreWeights.employerDefault
  /// Longest learner list kept (CONTRACT.md §3 `--top-k`).
  public var topK = 50
  /// Lowest learner utility a listing needs to enter a learner's list.
  public var minScore = 0.0
  /// Distance at which the location component falls to `1/e`.
  public var distanceScaleKm = 50.0
  /// Learners scored per block; changes speed, never results.
  public var blockSize = 256
  /// Workers selecting each block's top K; 0 means one per core. Changes
  /// speed, never results.
  public var threads = 0
  public var tieBreaker = TieBreaker(seed: 0, rule: .single)
  /// How goal text is compared (`goal_method`).
  public var goalMethod = GoalMethod.tfidf
  /// Latent dimensions with the `lsa` method, capped by the corpus rank.
  public var goalDimensions = 128

  /// The dimensions a run may ask for. The randomized SVD holds a few
  /// dense `(documents + terms) x (d + 10)` matrices and orthonormalizes
  /// them on one thread: at the national scale (725,000 documents, about
  /// 100,000 terms) d = 1,024 already needs about 10 GB and minutes of QR,
  /// and a larger d would look like a hang or die out of memory.
  public static let goalDimensionRange = 1...1_024

  public init() {}
}
