import Testing
@testable import PlacerCore

/// The byte-level folding of ASCII names and labels against the
/// character-level reference, on random ASCII text that mixes every byte
/// with the separators and punctuation the rules single out.
@Suite struct SkillNormalizerTests {
  static func randomASCII(_ rng: inout SplitMix64) -> String {
    let special = Array(" \t\r\n\u{0B}\u{0C}_-/.+#:;,AZaz09".utf8)
    var bytes: [UInt8] = []
    for _ in 0..<Int(rng.next() % 24) {
      bytes.append(
        rng.next() % 2 == 0
          ? special[Int(rng.next() % UInt64(special.count))]
          : UInt8(rng.next() % 128))
    }
    if rng.next() % 5 == 0 { bytes += Array("\r\n".utf8) }
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test(arguments: [UInt64(1), 2, 3])
  func asciiCleanEqualsCharacterClean(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    for _ in 0..<3_000 {
      let text = Self.randomASCII(&rng)
      #expect(
        SkillNormalizer.asciiClean(text)
          == SkillNormalizer.cleanCharacters(text), "\(Array(text.utf8))")
      #expect(
        asciiNormalizedLabel(text) == characterNormalizedLabel(text),
        "\(Array(text.utf8))")
    }
  }

  @Test func fastPathsStepAsideForNonASCII() {
    #expect(SkillNormalizer.asciiClean("Café Lingo") == nil)
    #expect(asciiNormalizedLabel("São  Paulo") == nil)
    #expect(SkillNormalizer.clean("Café_Lingo") == "café lingo")
    #expect(normalizedLabel("  São  Paulo ") == "são paulo")
    #expect(SkillNormalizer.clean("  C++ / node.JS. ") == "c++ node.js")
    #expect(normalizedLabel(" New\tYork \r\n") == "new york")
  }
}
