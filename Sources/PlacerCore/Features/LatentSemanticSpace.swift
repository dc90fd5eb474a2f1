// Latent semantic analysis of goal text: TF-IDF, then a truncated SVD.

import Foundation

/// Dense goal vectors from latent semantic analysis (Deerwester, Dumais,
/// Furnas, Landauer & Harshman 1990, "Indexing by latent semantic
/// analysis", JASIS 41(6):391–407).
///
/// Every learner document (goals + sectors) and listing document (title +
/// description + sectors) is one row of a sparse TF-IDF matrix `A` over
/// the joint corpus, weighted as in `TextVectorizer` (sublinear tf,
/// smoothed idf, unit rows). A rank-`d` truncated SVD `A ≈ U·Σ·Vᵀ`
/// (`randomizedSVD`) places each document at its row of `U·Σ`, which is
/// its TF-IDF vector projected on the `d` leading term directions `V`.
/// Rows are then scaled to unit length, so a product of a learner row and
/// a listing row is the LSA cosine; an empty document is a zero row.
///
/// `d` is capped by the corpus: at most the number of documents, of terms,
/// and of singular values above the numerical rank tolerance.
public struct LatentSemanticSpace: Sendable {
  /// One unit row per learner (zero for empty text), `n x rank`.
  public let learnerVectors: Matrix
  /// One unit row per listing (zero for empty text), `m x rank`.
  public let listingVectors: Matrix
  /// The singular values kept, descending.
  public let singularValues: [Float]

  /// The dimension actually used.
  public var rank: Int { singularValues.count }

  /// The seed used when none is given; fixed so that `--seed` (the
  /// lottery) never moves goal scores.
  public static let defaultSeed: UInt64 = 0x4C53_4131_3939_30

  /// Analyses `learnerTexts` and `listingTexts` together.
  /// - Complexity: dominated by `randomizedSVD` on the TF-IDF matrix;
  ///   memory O((n + m + terms) · d) besides the sparse matrix.
  /// - Throws: `LAPACKError` when a factorization does not finish.
  public init(
    learnerTexts: [String],
    listingTexts: [String],
    dimensions: Int,
    seed: UInt64 = LatentSemanticSpace.defaultSeed,
    options: RandomizedSVDOptions = RandomizedSVDOptions()
  ) throws(LAPACKError) {
    let matrix = tfidfMatrix(documents: learnerTexts + listingTexts)
    var rng = SplitMix64(seed: seed)
    let svd = try randomizedSVD(
      matrix, rank: dimensions, options: options, using: &rng)
    var coordinates = svd.u
    for row in 0..<coordinates.rows {
      // An empty document's row of U is 0 only up to rounding; its
      // direction would be noise, so it is set to 0 exactly.
      let isEmpty = matrix.rowStarts[row] == matrix.rowStarts[row + 1]
      for c in 0..<svd.rank {
        coordinates[row, c] = isEmpty ? 0 : coordinates[row, c] * svd.s[c]
      }
    }
    let n = learnerTexts.count
    learnerVectors = unitRows(coordinates, 0..<n)
    listingVectors = unitRows(coordinates, n..<coordinates.rows)
    singularValues = svd.s
  }
}

/// Sublinear, smoothed TF-IDF rows (unit length) of `documents` over
/// their whole vocabulary, in first-seen term order.
func tfidfMatrix(documents: [String]) -> SparseMatrix {
  let corpus = tokenizedCorpus(documents)
  let docs = corpus.docs
  let idf = smoothedIDF(docs, termCount: corpus.terms.count)
  let identity = (0..<Int32(corpus.terms.count)).map { $0 }
  let rows = parallelMap(docs) { doc in
    let v = weighted(doc, idf: idf, column: identity)
    return zip(v.indices, v.weights).map { (column: $0, value: $1) }
  }
  return SparseMatrix(columns: corpus.terms.count, rows: rows)
}

/// `ln((1 + N) / (1 + df)) + 1` per term, `N` documents.
func smoothedIDF(_ docs: [[Int32]], termCount: Int) -> [Float] {
  var df = [Int](repeating: 0, count: termCount)
  var seen = [Int](repeating: -1, count: termCount)
  for (d, doc) in docs.enumerated() {
    for term in doc where seen[Int(term)] != d {
      seen[Int(term)] = d
      df[Int(term)] += 1
    }
  }
  let documents = Float(docs.count)
  return df.map { Float(log((1 + documents) / (1 + Float($0)))) + 1 }
}

/// Rows `range` of `m`, each scaled to unit length (zero rows stay zero).
func unitRows(_ m: Matrix, _ range: Range<Int>) -> Matrix {
  var out = Matrix(rows: range.count, columns: m.columns)
  for (r, row) in range.enumerated() {
    var norm: Float = 0
    for c in 0..<m.columns { norm += m[row, c] * m[row, c] }
    guard norm > 0 else { continue }
    let scale = 1 / norm.squareRoot()
    for c in 0..<m.columns { out[r, c] = m[row, c] * scale }
  }
  return out
}
