import Testing
@testable import PlacerCore

@Suite struct LatentSemanticTests {
  /// Documents drawn from `topics` disjoint vocabularies plus shared noise
  /// words; document `d` belongs to topic `d % topics`.
  func plantedCorpus(documents: Int, topics: Int, seed: UInt64) -> [String] {
    var rng = SplitMix64(seed: seed)
    let vocabularies = (0..<topics).map { t in
      (0..<12).map { "topic\(t)word\($0)" }
    }
    let noise = (0..<30).map { "noise\($0)" }
    return (0..<documents).map { d in
      let own = (0..<8).map { _ in
        vocabularies[d % topics].randomElement(using: &rng)!
      }
      let shared = (0..<2).map { _ in noise.randomElement(using: &rng)! }
      return (own + shared).joined(separator: " ")
    }
  }

  func cosine(_ a: Matrix, _ i: Int, _ b: Matrix, _ j: Int) -> Float {
    (0..<a.columns).reduce(0) { $0 + a[i, $1] * b[j, $1] }
  }

  func densified(_ s: SparseMatrix) -> Matrix {
    var m = Matrix(rows: s.rows, columns: s.columns)
    for r in 0..<s.rows {
      for k in s.rowStarts[r]..<s.rowStarts[r + 1] {
        m[r, Int(s.columnIndices[k])] = s.values[k]
      }
    }
    return m
  }

  @Test(arguments: [UInt64(1), 2, 3])
  func recoversPlantedTopics(seed: UInt64) throws {
    let texts = plantedCorpus(documents: 90, topics: 3, seed: seed)
    let space = try LatentSemanticSpace(
      learnerTexts: Array(texts[..<60]), listingTexts: Array(texts[60...]),
      dimensions: 3)
    #expect(space.rank == 3, "seed \(seed)")
    var same: [Float] = []
    var cross: [Float] = []
    for i in 0..<60 {
      for j in 0..<30 {
        let c = cosine(space.learnerVectors, i, space.listingVectors, j)
        if i % 3 == (60 + j) % 3 { same.append(c) } else { cross.append(c) }
      }
    }
    let sameMean = same.reduce(0, +) / Float(same.count)
    let crossMean = cross.reduce(0, +) / Float(cross.count)
    #expect(sameMean > 0.9, "seed \(seed): same-topic mean \(sameMean)")
    #expect(crossMean < 0.1, "seed \(seed): cross-topic mean \(crossMean)")
    #expect(same.min()! > cross.max()!, "seed \(seed): topics overlap")
  }

  /// The three planted topics stand well above the flat noise spectrum;
  /// those are the values a randomized range finder must get right.
  @Test(arguments: [UInt64(4), 5])
  func singularValuesMatchADenseSVDOfTheSameCorpus(seed: UInt64) throws {
    let texts = plantedCorpus(documents: 60, topics: 3, seed: seed)
    let space = try LatentSemanticSpace(
      learnerTexts: Array(texts[..<40]), listingTexts: Array(texts[40...]),
      dimensions: 3)
    let dense = densified(tfidfMatrix(documents: texts))
    let full = try LAPACK.singularValueDecomposition(dense)
    #expect(space.rank == 3)
    #expect(full.s[2] > 1.5 * full.s[3], "seed \(seed): topics not planted")
    for (c, value) in space.singularValues.enumerated() {
      #expect(abs(value - full.s[c]) <= 1e-3 * full.s[0],
        "seed \(seed) σ\(c + 1): \(value) vs \(full.s[c])")
    }
  }

  /// A sparse random matrix with a decaying spectrum: a sum of rank-one
  /// terms with weights 1, 1/2, 1/4, ... over random sparse vectors.
  func decayingMatrix(rows: Int, columns: Int, seed: UInt64) -> Matrix {
    var rng = SplitMix64(seed: seed)
    var m = Matrix(rows: rows, columns: columns)
    for term in 0..<12 {
      let weight = Float(1) / Float(1 << term)
      let u = (0..<rows).map { _ in Float.random(in: -1...1, using: &rng) }
      let v = (0..<columns).map { _ in
        Int.random(in: 0..<3, using: &rng) == 0
          ? Float.random(in: -1...1, using: &rng) : 0
      }
      for r in 0..<rows {
        for c in 0..<columns { m[r, c] += weight * u[r] * v[c] }
      }
    }
    return m
  }

  func sparse(_ m: Matrix) -> SparseMatrix {
    SparseMatrix(columns: m.columns, rows: (0..<m.rows).map { r in
      (0..<m.columns).compactMap { c in
        m[r, c] == 0 ? nil : (column: Int32(c), value: m[r, c])
      }
    })
  }

  @Test(arguments: [(UInt64(1), 4), (2, 6), (3, 8)])
  func randomizedSVDMatchesLAPACKFullSVD(seed: UInt64, rank: Int) throws {
    let m = decayingMatrix(rows: 70, columns: 50, seed: seed)
    let full = try LAPACK.singularValueDecomposition(m)
    var rng = SplitMix64(seed: seed)
    let svd = try randomizedSVD(sparse(m), rank: rank, using: &rng)
    #expect(svd.rank == rank)
    for c in 0..<rank {
      #expect(abs(svd.s[c] - full.s[c]) <= 1e-3 * full.s[0],
        "seed \(seed) σ\(c + 1): \(svd.s[c]) vs \(full.s[c])")
      // Singular vectors agree up to sign.
      let left = (0..<m.rows).reduce(Float(0)) {
        $0 + svd.u[$1, c] * full.u[$1, c]
      }
      let right = (0..<m.columns).reduce(Float(0)) {
        $0 + svd.v[$1, c] * full.vt[c, $1]
      }
      #expect(abs(abs(left) - 1) < 1e-2, "seed \(seed) u\(c + 1): \(left)")
      #expect(abs(abs(right) - 1) < 1e-2, "seed \(seed) v\(c + 1): \(right)")
    }
  }

  @Test func rankIsCappedByTheCorpus() throws {
    let space = try LatentSemanticSpace(
      learnerTexts: ["solar energy grid", "solar panels"],
      listingTexts: ["grid energy storage"], dimensions: 128)
    #expect(space.rank <= 3)
    #expect(space.learnerVectors.columns == space.rank)
  }

  @Test func emptyDocumentsGetZeroVectors() throws {
    let space = try LatentSemanticSpace(
      learnerTexts: ["", "robots and sensors"],
      listingTexts: ["sensors for robots", "  "], dimensions: 4)
    let goals = LatentVectors(
      component: .goals, learners: space.learnerVectors,
      listings: space.listingVectors)
    #expect(space.learnerVectors.values.prefix(space.rank).allSatisfy {
      $0 == 0
    })
    #expect(goals.cosine(0, 0) == 0 && goals.cosine(1, 1) == 0)
    #expect(goals.cosine(1, 0) > 0.99)
  }

  @Test func sameSeedGivesIdenticalVectors() throws {
    let texts = plantedCorpus(documents: 80, topics: 4, seed: 9)
    func space(_ seed: UInt64) throws -> LatentSemanticSpace {
      try LatentSemanticSpace(
        learnerTexts: Array(texts[..<50]), listingTexts: Array(texts[50...]),
        dimensions: 6, seed: seed)
    }
    let a = try space(17)
    let b = try space(17)
    #expect(a.learnerVectors == b.learnerVectors)
    #expect(a.listingVectors == b.listingVectors)
    #expect(a.singularValues == b.singularValues)
  }

  /// Big enough that OpenBLAS would thread its kernels (thousands of
  /// rows); every bit must stay put.
  @Test func vectorsIgnoreTheBLASThreadCount() throws {
    let texts = plantedCorpus(documents: 4000, topics: 5, seed: 3)
    let previous = BLAS.threadCount ?? 1
    defer { BLAS.setThreadCount(previous) }
    var spaces: [LatentSemanticSpace] = []
    for threads in [1, 2] {
      BLAS.setThreadCount(threads)
      spaces.append(try LatentSemanticSpace(
        learnerTexts: Array(texts[..<3000]),
        listingTexts: Array(texts[3000...]), dimensions: 20))
    }
    #expect(spaces[0].learnerVectors == spaces[1].learnerVectors)
    #expect(spaces[0].listingVectors == spaces[1].listingVectors)
  }
}
