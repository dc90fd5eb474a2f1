import Testing
@testable import PlacerCore

@Suite struct TokenizerTests {
  /// The tokenizer before its ASCII fast path: every scalar asks the
  /// Unicode property tables. Kept as the reference the fast one matches.
  func referenceWords(of text: String) -> [String] {
    var result: [String] = []
    var current = String.UnicodeScalarView()
    var allDigits = true
    func flush() {
      if current.count > 1 && !allDigits {
        let word = String(current)
        if !stopWords.contains(word) { result.append(word) }
      }
      current.removeAll(keepingCapacity: true)
      allDigits = true
    }
    for scalar in text.unicodeScalars {
      if scalar.properties.isAlphabetic
        || scalar.properties.numericType != nil
      {
        if scalar.properties.numericType == nil { allDigits = false }
        current.append(
          contentsOf: scalar.properties.lowercaseMapping.unicodeScalars)
      } else {
        flush()
      }
    }
    flush()
    return result
  }

  @Test func handPickedTextsTokenizeAsBefore() {
    let texts = [
      "", "a", "The Quick brown fox, 2024 edition: v2.0 & C++/C#!",
      "Ünïcödé naïve café — Straße İstanbul ΣΊΣΥΦΟΣ",
      "x² ½ Ⅻ ١٢٣ 42 4k 3d-printing", "日本語のテキスト and 中文",
      "emoji 🚀🚀 rocket\u{301}s e\u{301}", "ǅemal ǈubljana", "I İ ı",
    ]
    for text in texts {
      #expect(words(of: text) == referenceWords(of: text), "\(text)")
    }
  }

  @Test(arguments: [UInt64(1), 2, 3, 4, 5])
  func randomTextsTokenizeAsBefore(seed: UInt64) {
    var rng = SplitMix64(seed: seed)
    let pieces: [String] = [
      "a", "Z", "q", "7", "0", " ", ",", "-", "_", ".", "\n", "é", "É", "ß",
      "İ", "ı", "Σ", "ς", "²", "Ⅻ", "٣", "日", "🚀", "\u{301}", "ǅ", "ﬁ",
    ]
    for _ in 0..<200 {
      let text = (0..<Int.random(in: 0..<40, using: &rng)).map { _ in
        pieces.randomElement(using: &rng)!
      }.joined()
      #expect(words(of: text) == referenceWords(of: text),
        "seed \(seed): \(text.debugDescription)")
    }
  }

  /// `tokenizedCorpus` works on runs of 2,048 texts in parallel; its ids
  /// and term order must be those of one sequential pass.
  @Test(arguments: [0, 1, 2_047, 2_048, 2_049, 9_000])
  func corpusIdsMatchOneSequentialPass(count: Int) {
    var rng = SplitMix64(seed: UInt64(count) + 11)
    let words = (0..<3_000).map { "w\($0)x" }
    let texts = (0..<count).map { _ in
      (0..<Int.random(in: 0..<8, using: &rng)).map { _ in
        // Skewed draws: early words recur, late ones are first seen late.
        words[Int.random(in: 0..<words.count, using: &rng)
          % Int.random(in: 1...words.count, using: &rng)]
      }.joined(separator: " ")
    }
    var dictionary: [String: Int32] = [:]
    let expected = texts.map { tokenIDs($0, dictionary: &dictionary) }
    var terms = [String](repeating: "", count: dictionary.count)
    for (term, id) in dictionary { terms[Int(id)] = term }
    let corpus = tokenizedCorpus(texts)
    #expect(corpus.docs == expected)
    #expect(corpus.terms == terms)
  }

  @Test func gsocTextsTokenizeAsBefore() throws {
    let path = repositoryRootPath + "/Fixtures/gsoc-2024/learners.csv"
    let table = try CSVReader.read(path: path)
    let goals = table.header.firstIndex(of: "goals")!
    for record in table.records.prefix(300) {
      let text = record.fields[goals]
      #expect(words(of: text) == referenceWords(of: text))
    }
  }
}

/// The repository root, found from this file's path.
let repositoryRootPath = String(
  #filePath.prefix(upTo: #filePath.range(of: "/Tests/")!.lowerBound))
