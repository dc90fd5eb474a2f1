// Dense unit vectors on both sides whose clamped cosine is a score.

/// How the `goals` component compares goal text.
public enum GoalMethod: String, Sendable, Codable, CaseIterable {
  /// Cosine of dense latent semantic vectors (`LatentSemanticSpace`).
  case lsa
  /// Cosine of sparse TF-IDF vectors (`TextVectorizer`).
  case tfidf
}

/// One score component given by dense vectors: unit (or zero) rows for
/// learners and listings, compared by their cosine clamped to `0...1`.
///
/// Latent cosines can be negative, which the contract's `0...1` forbids;
/// a clamp is not linear, so the blocked scorer multiplies these vectors
/// in their own product and clamps per pair, exactly as `cosine` does.
public struct LatentVectors: Sendable {
  public let component: ScoreComponent
  /// `n x d`, one row per learner.
  public let learners: Matrix
  /// `m x d`, one row per listing.
  public let listings: Matrix

  public init(component: ScoreComponent, learners: Matrix, listings: Matrix)
  {
    precondition(learners.columns == listings.columns, "LatentVectors: d")
    self.component = component
    self.learners = learners
    self.listings = listings
  }

  /// The component for learner `i` and listing `j`: the product of their
  /// rows summed in column order, clamped to `0...1`.
  public func cosine(_ i: Int, _ j: Int) -> Float {
    var sum: Float = 0
    let a = i * learners.columns
    let b = j * listings.columns
    for c in 0..<learners.columns {
      sum += learners.values[a + c] * listings.values[b + c]
    }
    return clampedUnit(sum)
  }
}

/// `x` clamped to `0...1` (a cosine's float overshoot included).
@inline(__always)
func clampedUnit(_ x: Float) -> Float {
  min(1, max(0, x))
}
