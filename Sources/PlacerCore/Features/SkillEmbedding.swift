// Skill embeddings from a co-occurrence matrix, for related-skill credit.

/// Dense skill vectors whose products approximate how often two skills
/// are listed together.
///
/// Each learner's skill list and each listing's required + preferred list
/// is one document. For skills `s`, `t` with document frequencies `f_s`,
/// `f_t` and co-occurrence count `c_st`, the matrix
/// `C_st = c_st / √(f_s·f_t)` (cosine normalization; `C_ss = 1`) is the Gram
/// matrix of the skills' normalized incidence columns, hence symmetric,
/// non-negative and positive semidefinite. Its `k` largest eigenpairs
/// (LAPACK `ssyevr`) give embeddings `e_s = √λ · v_s` (row `s` of
/// `V_k·Λ_k^½`), the best rank-`k` approximation `e_s·e_t ≈ C_st`.
///
/// Only skills in at least two documents are embedded (a skill seen once
/// co-occurs by accident), at most `vocabularyLimit` of them, most
/// frequent first (ties by name); the eigen-decomposition is cubic in that
/// number. Other skills have no embedding and add nothing to a profile.
public struct SkillEmbedding: Sendable {
  /// Skill -> row of `vectors`.
  public let index: [String: Int]
  /// One row per embedded skill, `skills x k`.
  public let vectors: Matrix
  /// The eigenvalues kept, descending and positive.
  public let eigenvalues: [Float]

  /// Embeds the skills of `documents` (each a list of skill names).
  /// - Complexity: O(Σ |doc|² + u³) for `u` embedded skills.
  /// - Throws: `LAPACKError` when `ssyevr` does not finish.
  public init(
    documents: [[String]],
    dimensions: Int = 32,
    vocabularyLimit: Int = 2000
  ) throws(LAPACKError) {
    // Vocabulary: skills in two or more documents, most frequent first.
    var frequency: [String: Int] = [:]
    for doc in documents {
      for skill in Set(doc) { frequency[skill, default: 0] += 1 }
    }
    let vocabulary = frequency.filter { $0.value >= 2 }
      .sorted { ($1.value, $0.key) < ($0.value, $1.key) }
      .prefix(vocabularyLimit).map(\.key)
    var index: [String: Int] = [:]
    for (s, skill) in vocabulary.enumerated() { index[skill] = s }
    let u = vocabulary.count

    // Cosine-normalized co-occurrence counts.
    var counts = Matrix(rows: u, columns: u)
    for doc in documents {
      let ids = Set(doc.compactMap { index[$0] }).sorted()
      for a in ids {
        for b in ids { counts[a, b] += 1 }
      }
    }
    for a in 0..<u {
      for b in 0..<u where a != b {
        counts[a, b] /= (counts[a, a] * counts[b, b]).squareRoot()
      }
    }
    for a in 0..<u { counts[a, a] = u > 0 ? 1 : 0 }

    // Leading eigenpairs; only positive eigenvalues carry similarity.
    let (values, eigenvectors) = try LAPACK.largestEigenpairs(
      counts, count: min(max(0, dimensions), u))
    let k = values.prefix { $0 > 1e-6 }.count
    var vectors = Matrix(rows: u, columns: k)
    for c in 0..<k {
      let scale = values[c].squareRoot()
      for s in 0..<u { vectors[s, c] = scale * eigenvectors[s, c] }
    }
    self.index = index
    self.vectors = vectors
    eigenvalues = Array(values.prefix(k))
  }

  /// The dimension of the embedding.
  public var dimensions: Int { vectors.columns }

  /// Unit sum of the embeddings of `skills` (duplicates count once);
  /// all zeros when none is embedded.
  public func profile(of skills: [String]) -> [Float] {
    var sum = [Float](repeating: 0, count: dimensions)
    for s in Set(skills.compactMap { index[$0] }).sorted() {
      for c in 0..<dimensions { sum[c] += vectors[s, c] }
    }
    var norm: Float = 0
    for x in sum { norm += x * x }
    guard norm > 0 else { return sum }
    let scale = 1 / norm.squareRoot()
    return sum.map { $0 * scale }
  }

  /// Cosine of two skills' embeddings, in `-1...1`; 0 when either is not
  /// embedded.
  public func similarity(_ a: String, _ b: String) -> Float {
    let p = profile(of: [a])
    let q = profile(of: [b])
    return zip(p, q).reduce(0) { $0 + $1.0 * $1.1 }
  }
}
