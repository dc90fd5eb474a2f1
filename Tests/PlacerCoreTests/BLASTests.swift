import Testing
@testable import PlacerCore

@Suite struct BLASTests {
  /// `a[rows] * bᵀ` by the textbook triple loop, in Double.
  func naiveProduct(_ a: Matrix, _ rows: Range<Int>, _ b: Matrix) -> [Double] {
    var c: [Double] = []
    for i in rows {
      for j in 0..<b.rows {
        var sum = 0.0
        for k in 0..<a.columns { sum += Double(a[i, k]) * Double(b[j, k]) }
        c.append(sum)
      }
    }
    return c
  }

  func random(_ rows: Int, _ columns: Int, _ rng: inout SplitMix64) -> Matrix {
    Matrix(rows: rows, columns: columns, values: (0..<(rows * columns)).map { _ in
      Float.random(in: -1...1, using: &rng)
    })
  }

  @Test(arguments: [
    (1, 1, 1), (3, 5, 2), (17, 33, 9), (64, 70, 128), (5, 3, 0), (0, 4, 3),
  ])
  func gemmMatchesTripleLoop(shape: (Int, Int, Int)) {
    let (m, n, k) = shape
    var rng = SplitMix64(seed: UInt64(m * 10_000 + n * 100 + k))
    let a = random(m + 2, k, &rng)
    let b = random(n, k, &rng)
    var c = Array(repeating: Float.nan, count: m * n)
    BLAS.multiplyTransposed(a, rows: 1..<(1 + m), by: b, into: &c)
    let expected = naiveProduct(a, 1..<(1 + m), b)
    for (got, want) in zip(c, expected) {
      #expect(abs(Double(got) - want) <= 1e-4 * max(1, abs(want)),
        "shape \(shape): got \(got), want \(want)")
    }
  }

  @Test func providerIsNamed() {
    #expect(!BLAS.providerDescription.isEmpty)
  }
}
