import Foundation
import Testing
@testable import PlacerCore

@Suite struct LAPACKTests {
  func random(_ rows: Int, _ columns: Int, seed: UInt64) -> Matrix {
    var rng = SplitMix64(seed: seed)
    return gaussianMatrix(rows: rows, columns: columns, &rng)
  }

  /// `a · b` by the textbook triple loop, in Double.
  func product(_ a: Matrix, _ b: Matrix) -> [[Double]] {
    (0..<a.rows).map { i in
      (0..<b.columns).map { j in
        (0..<a.columns).reduce(0.0) { $0 + Double(a[i, $1]) * Double(b[$1, j]) }
      }
    }
  }

  func transpose(_ m: Matrix) -> Matrix {
    var t = Matrix(rows: m.columns, columns: m.rows)
    for r in 0..<m.rows { for c in 0..<m.columns { t[c, r] = m[r, c] } }
    return t
  }

  @Test(arguments: [(5, 5), (40, 7), (300, 30)])
  func orthonormalizedColumnsAreOrthonormalAndSpanTheInput(shape: (Int, Int))
    throws
  {
    let a = random(shape.0, shape.1, seed: UInt64(shape.0))
    var q = a
    try LAPACK.orthonormalizeColumns(&q)
    let gram = product(transpose(q), q)
    for i in 0..<q.columns {
      for j in 0..<q.columns {
        #expect(abs(gram[i][j] - (i == j ? 1 : 0)) < 1e-4, "\(shape) \(i),\(j)")
      }
    }
    // a = q·(qᵀ·a): projecting onto the basis loses nothing.
    let qta = product(transpose(q), a)
    var coefficients = Matrix(rows: q.columns, columns: a.columns)
    for i in 0..<q.columns {
      for j in 0..<a.columns { coefficients[i, j] = Float(qta[i][j]) }
    }
    let back = product(q, coefficients)
    for i in 0..<a.rows {
      for j in 0..<a.columns {
        #expect(abs(back[i][j] - Double(a[i, j])) < 1e-3, "\(shape)")
      }
    }
  }

  @Test(arguments: [(6, 4), (4, 6), (50, 20)])
  func singularValueDecompositionReconstructs(shape: (Int, Int)) throws {
    let a = random(shape.0, shape.1, seed: 7 + UInt64(shape.1))
    let (u, s, vt) = try LAPACK.singularValueDecomposition(a)
    #expect(s.count == min(shape.0, shape.1))
    #expect(zip(s, s.dropFirst()).allSatisfy { $0 >= $1 })
    var us = u
    for r in 0..<u.rows { for c in 0..<u.columns { us[r, c] *= s[c] } }
    let back = product(us, vt)
    for i in 0..<a.rows {
      for j in 0..<a.columns {
        #expect(abs(back[i][j] - Double(a[i, j])) < 1e-4, "\(shape)")
      }
    }
  }

  @Test func largestEigenpairsOfAKnownSymmetricMatrix() throws {
    // Eigenvalues of the path-graph Laplacian: 2 - 2cos(kπ/(n+1)).
    let n = 12
    var a = Matrix(rows: n, columns: n)
    for i in 0..<n {
      a[i, i] = 2
      if i + 1 < n { a[i, i + 1] = -1; a[i + 1, i] = -1 }
    }
    let (values, vectors) = try LAPACK.largestEigenpairs(a, count: 3)
    for (c, value) in values.enumerated() {
      let k = Double(n - c)
      let expected = 2 - 2 * cos(k * Double.pi / Double(n + 1))
      #expect(abs(Double(value) - expected) < 1e-5, "eigenvalue \(c)")
      // a·v = λ·v
      for i in 0..<n {
        var av: Float = 0
        for j in 0..<n { av += a[i, j] * vectors[j, c] }
        #expect(abs(av - value * vectors[i, c]) < 1e-4, "vector \(c)")
      }
    }
  }

  @Test(arguments: [UInt64(1), 2, 3])
  func sparseProductsMatchDenseTripleLoop(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let rows = 37
    let columns = 23
    var dense = Matrix(rows: rows, columns: columns)
    var entries: [[(column: Int32, value: Float)]] = []
    for r in 0..<rows {
      var row: [(column: Int32, value: Float)] = []
      for c in 0..<columns where Int.random(in: 0..<5, using: &rng) == 0 {
        let v = Float.random(in: -1...1, using: &rng)
        dense[r, c] = v
        row.append((Int32(c), v))
      }
      entries.append(row)
    }
    let sparse = SparseMatrix(columns: columns, rows: entries)
    let x = random(columns, 9, seed: seed)
    let y = random(rows, 4, seed: seed + 100)
    for (got, want) in [
      (sparse.multiply(x), product(dense, x)),
      (sparse.transposed().multiply(y), product(transpose(dense), y)),
      (sparse.multiplyTransposed(y), product(transpose(dense), y)),
    ] {
      for i in 0..<got.rows {
        for j in 0..<got.columns {
          #expect(abs(Double(got[i, j]) - want[i][j]) < 1e-4, "seed \(seed)")
        }
      }
    }
  }

  @Test func factorizationsIgnoreTheBLASThreadCount() throws {
    let a = random(3000, 60, seed: 5)
    var results: [[Float]] = []
    let previous = BLAS.threadCount ?? 1
    defer { BLAS.setThreadCount(previous) }
    for threads in [1, 2] {
      BLAS.setThreadCount(threads)
      var q = a
      try LAPACK.orthonormalizeColumns(&q)
      let svd = try LAPACK.singularValueDecomposition(a)
      results.append(q.values + svd.s + svd.u.values + svd.vt.values)
    }
    #expect(results[0] == results[1])
  }
}
