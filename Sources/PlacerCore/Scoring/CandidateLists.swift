// Each learner's best eligible listings with both views' utilities.

/// Per learner, its top-K eligible listings by learner utility, best first.
///
/// Stored flat (CSR): entries of learner `i` are `offsets[i]..<offsets[i+1]`.
/// Utilities are rounded to 1e-6 so that orderings do not hang on the last
/// bits a BLAS provider, block size or thread count may change.
public struct CandidateLists: Sendable, Equatable {
  public var offsets: [Int] = [0]
  public var listings: [Int32] = []
  public var learnerUtility: [Float] = []
  public var employerUtility: [Float] = []
  /// Per learner: how many listings passed every hard constraint.
  public var eligibleCount: [Int32] = []

  public init() {}

  public var learnerCount: Int { offsets.count - 1 }

  /// Entry positions of learner `i`.
  public func entries(of i: Int) -> Range<Int> {
    offsets[i]..<offsets[i + 1]
  }
}

/// Rounds a utility to the 1e-6 grid that outputs print.
@inline(__always)
func quantized(_ x: Float) -> Float {
  Float((Double(x) * 1e6).rounded() / 1e6)
}
