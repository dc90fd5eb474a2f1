// Seeded draws for synthetic markets, independent of the standard library's
// sampling algorithms so that files repeat byte for byte across toolchains.

/// A SplitMix64 stream with the few draws the generator needs.
///
/// Each row of a synthetic file gets its own stream, seeded from the run's
/// seed, the file and the row index, so rows can be made in any order (and
/// in parallel) and still come out the same.
struct SyntheticRandom {
  private var source: SplitMix64

  init(seed: UInt64) {
    source = SplitMix64(seed: seed)
  }

  /// The stream of row `index` of the file tagged `stream`.
  init(seed: UInt64, stream: UInt64, index: Int) {
    source = SplitMix64(seed: mix(seed, stream, UInt64(index)))
  }

  mutating func next() -> UInt64 { source.next() }

  /// Uniform in `0..<bound` by Lemire's multiply-shift (bias below 2^-40
  /// for the small bounds used here); `bound` must be positive.
  mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "SyntheticRandom.below: bound \(bound)")
    return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// Uniform in `range`.
  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.count)
  }

  /// Uniform in `[0, 1)` with 53 random bits.
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// True with probability `p`.
  mutating func chance(_ p: Double) -> Bool { unit() < p }

  /// One element of a non-empty array.
  mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

  /// `count` distinct elements of `items` (all of them when fewer), in
  /// draw order.
  mutating func distinct<T>(_ count: Int, of items: [T]) -> [T] {
    var indices = Array(items.indices)
    let wanted = min(count, indices.count)
    for k in 0..<wanted {
      indices.swapAt(k, k + below(indices.count - k))
    }
    return indices.prefix(wanted).map { items[$0] }
  }
}

/// Draws indices with fixed weights in O(log n) by a cumulative table.
struct WeightedChoice: Sendable {
  private let cumulative: [Double]

  /// `weights` must be non-empty, non-negative, with a positive sum.
  init(weights: [Double]) {
    precondition(!weights.isEmpty, "WeightedChoice: no weights")
    var running = 0.0
    cumulative = weights.map {
      running += $0
      return running
    }
    precondition(running > 0, "WeightedChoice: zero total weight")
  }

  /// Index `k` with probability `weights[k] / sum`.
  func draw(_ random: inout SyntheticRandom) -> Int {
    let target = random.unit() * cumulative[cumulative.count - 1]
    var low = 0
    var high = cumulative.count - 1
    while low < high {
      let middle = (low + high) / 2
      if cumulative[middle] > target { high = middle } else { low = middle + 1 }
    }
    return low
  }

  /// Zipf-like weights `1 / (rank + shift)` for ranks `1...count`; a
  /// larger `shift` flattens the head. Plain arithmetic, no `pow`, so the
  /// table is the same on every platform.
  static func zipf(count: Int, shift: Double = 0) -> WeightedChoice {
    WeightedChoice(weights: (1...count).map { 1 / (Double($0) + shift) })
  }
}
