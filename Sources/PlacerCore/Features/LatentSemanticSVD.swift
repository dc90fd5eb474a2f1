// Truncated SVD of a sparse matrix by a randomized range finder.

import Foundation

/// The leading singular triplets of a matrix: `a ≈ u · diag(s) · vᵀ`.
public struct TruncatedSVD: Sendable {
  /// Left singular vectors as columns (`a.rows x rank`).
  public var u: Matrix
  /// Singular values, descending.
  public var s: [Float]
  /// Right singular vectors as columns (`a.columns x rank`).
  public var v: Matrix

  public var rank: Int { s.count }
}

/// How the randomized SVD is run; the defaults suit TF-IDF corpora.
public struct RandomizedSVDOptions: Sendable, Equatable {
  /// Extra test vectors beyond the rank asked for.
  public var oversampling = 10
  /// Power (subspace) iterations; each sharpens a slowly decaying
  /// spectrum at the cost of two more sparse products.
  public var powerIterations = 2
  /// Singular values below `relativeRankTolerance · s₁` are treated as 0
  /// and dropped, so the rank never exceeds the matrix's numerical rank.
  public var relativeRankTolerance: Float = 1e-5

  public init() {}
}

/// The `rank` leading singular triplets of `a` by the randomized range
/// finder with subspace iteration of Halko, Martinsson & Tropp (2011),
/// "Finding structure with randomness", SIAM Review 53(2):217–288,
/// doi:10.1137/090771806, Algorithms 4.4 and 5.1:
///
/// 1. `Ω`: `a.columns x ℓ` standard Gaussian test matrix (`ℓ = rank + p`).
/// 2. `Q = qr(a·Ω)`; then `q` times: `Q = qr(a·qr(aᵀ·Q))`
///    (re-orthonormalizing every product keeps rounding from collapsing
///    the basis onto the top singular vector).
/// 3. `Bᵀ = aᵀ·Q` (`a.columns x ℓ`); its SVD `Bᵀ = Ũ·Σ·Wᵀ` gives
///    `a ≈ (Q·W)·Σ·Ũᵀ`, so `u = Q·W`, `v = Ũ`.
///
/// QR is LAPACK `sgeqrf` + `sorgqr`, the small SVD `sgesdd`; the sparse
/// products are our own CSR kernels (`a·X` gathers per row, `aᵀ·X`
/// scatters into fixed slices), deterministic for any thread count.
/// The result depends only on `a`, `rank`, options and `rng`.
/// - Complexity: O((q + 1) · nnz(a) · ℓ + (a.rows + a.columns) · ℓ²) time,
///   O((a.rows + a.columns) · ℓ) memory.
/// - Throws: `LAPACKError` when the small SVD does not converge.
public func randomizedSVD<G: RandomNumberGenerator>(
  _ a: SparseMatrix,
  rank: Int,
  options: RandomizedSVDOptions = RandomizedSVDOptions(),
  using rng: inout G
) throws(LAPACKError) -> TruncatedSVD {
  let limit = min(a.rows, a.columns)
  let ell = min(limit, max(0, rank) + options.oversampling)
  let r = min(rank, ell)
  guard r > 0, a.nonzeroCount > 0 else {
    return TruncatedSVD(
      u: Matrix(rows: a.rows, columns: 0), s: [],
      v: Matrix(rows: a.columns, columns: 0))
  }
  // Range finder with subspace iteration.
  var q = a.multiply(gaussianMatrix(rows: a.columns, columns: ell, &rng))
  try LAPACK.orthonormalizeColumns(&q)
  for _ in 0..<options.powerIterations {
    var z = a.multiplyTransposed(q)
    try LAPACK.orthonormalizeColumns(&z)
    q = a.multiply(z)
    try LAPACK.orthonormalizeColumns(&q)
  }

  // The small SVD of the projection, lifted back.
  let bt = a.multiplyTransposed(q)
  let (ut, s, wt) = try LAPACK.singularValueDecomposition(bt)
  var qw = [Float](repeating: 0, count: a.rows * ell)
  // On one thread like the factorizations: on some machines (an AVX-512
  // EPYC, OpenBLAS 0.3.21) threaded sgemm rounds differently per thread
  // count.
  BLAS.singleThreaded {
    BLAS.multiplyTransposed(q, rows: 0..<a.rows, by: wt, into: &qw)
  }
  let u = Matrix(rows: a.rows, columns: ell, values: qw)

  // Keep the leading `r`, within the numerical rank.
  let tolerance = (s.first ?? 0) * options.relativeRankTolerance
  let kept = min(r, s.prefix { $0 > tolerance }.count)
  return TruncatedSVD(
    u: leadingColumns(u, kept), s: Array(s.prefix(kept)),
    v: leadingColumns(ut, kept))
}

/// The first `count` columns of `m`.
func leadingColumns(_ m: Matrix, _ count: Int) -> Matrix {
  if count == m.columns { return m }
  var out = Matrix(rows: m.rows, columns: count)
  for row in 0..<m.rows {
    for c in 0..<count { out[row, c] = m[row, c] }
  }
  return out
}

/// A `rows x columns` matrix of independent standard normal entries, by
/// the Box–Muller transform in `Double` (the same stream on every machine
/// with the same libm).
func gaussianMatrix<G: RandomNumberGenerator>(
  rows: Int,
  columns: Int,
  _ rng: inout G
) -> Matrix {
  var values = [Float](repeating: 0, count: rows * columns)
  var index = 0
  while index < values.count {
    // 1 - U keeps the logarithm's argument in (0, 1].
    let u1 = 1 - Double(rng.next() >> 11) * 0x1p-53
    let u2 = Double(rng.next() >> 11) * 0x1p-53
    let radius = (-2 * log(u1)).squareRoot()
    values[index] = Float(radius * cos(2 * Double.pi * u2))
    if index + 1 < values.count {
      values[index + 1] = Float(radius * sin(2 * Double.pi * u2))
    }
    index += 2
  }
  return Matrix(rows: rows, columns: columns, values: values)
}
