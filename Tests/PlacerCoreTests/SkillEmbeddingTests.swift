import Testing
@testable import PlacerCore

@Suite struct SkillEmbeddingTests {
  /// Skill lists from two clusters that never meet, plus a rare skill.
  func documents(seed: UInt64) -> [[String]] {
    var rng = SplitMix64(seed: seed)
    let data = ["python", "pandas", "numpy", "sql", "statistics"]
    let making = ["welding", "cad", "cnc", "blueprints", "machining"]
    var docs: [[String]] = []
    for d in 0..<80 {
      let cluster = d % 2 == 0 ? data : making
      docs.append(Array(cluster.shuffled(using: &rng).prefix(3)))
    }
    docs.append(["python", "cobol"])
    return docs
  }

  @Test(arguments: [UInt64(1), 2, 3])
  func coOccurringSkillsRankAsRelated(seed: UInt64) throws {
    let embedding = try SkillEmbedding(
      documents: documents(seed: seed), dimensions: 4)
    let within = embedding.similarity("python", "pandas")
    let across = embedding.similarity("python", "welding")
    #expect(within > 0.5, "seed \(seed): within \(within)")
    #expect(across < 0.2, "seed \(seed): across \(across)")
    #expect(embedding.similarity("cnc", "machining") > across)
    // Every data skill is nearer python than any making skill.
    let data = ["pandas", "numpy", "sql", "statistics"]
    let making = ["welding", "cad", "cnc", "blueprints", "machining"]
    let nearest = data.map { embedding.similarity("python", $0) }.min()!
    let farthest = making.map { embedding.similarity("python", $0) }.max()!
    #expect(nearest > farthest, "seed \(seed)")
  }

  @Test func rareSkillsAreNotEmbedded() throws {
    let embedding = try SkillEmbedding(documents: documents(seed: 1))
    #expect(embedding.index["cobol"] == nil)
    #expect(embedding.profile(of: ["cobol"]).allSatisfy { $0 == 0 })
    #expect(embedding.similarity("cobol", "python") == 0)
  }

  @Test func eigenvaluesArePositiveAndDescending() throws {
    let embedding = try SkillEmbedding(
      documents: documents(seed: 2), dimensions: 6)
    #expect(!embedding.eigenvalues.isEmpty)
    #expect(embedding.eigenvalues.allSatisfy { $0 > 0 })
    #expect(zip(embedding.eigenvalues, embedding.eigenvalues.dropFirst())
      .allSatisfy { $0 >= $1 })
  }

  @Test func profilesAreUnitLength() throws {
    let embedding = try SkillEmbedding(documents: documents(seed: 3))
    let p = embedding.profile(of: ["python", "sql", "python", "unknown"])
    let norm = p.reduce(0) { $0 + $1 * $1 }
    #expect(abs(norm - 1) < 1e-5)
  }

  @Test func noSkillsGiveAnEmptyEmbedding() throws {
    let embedding = try SkillEmbedding(documents: [[], ["x"]])
    #expect(embedding.dimensions == 0)
    #expect(embedding.profile(of: ["x"]).isEmpty)
  }
}
