// TF-IDF vectors for goal text over the joint learner + listing corpus.

import Foundation

/// A sparse vector: sorted term indices with weights.
public struct SparseVector: Sendable, Equatable {
  public var indices: [Int32] = []
  public var weights: [Float] = []

  public init() {}

  /// Dot product with `other`: the products of the terms both hold,
  /// summed in ascending term order (the order a dense row would be read
  /// in, so the bits equal a dot product with `other` made dense).
  func dot(_ other: SparseVector) -> Float {
    var sum: Float = 0
    var a = 0
    var b = 0
    while a < indices.count && b < other.indices.count {
      let x = indices[a]
      let y = other.indices[b]
      if x == y {
        sum += weights[a] * other.weights[b]
        a += 1
        b += 1
      } else if x < y {
        a += 1
      } else {
        b += 1
      }
    }
    return sum
  }
}

/// TF-IDF over a joint corpus, with unit-length document vectors.
///
/// Term frequency is sublinear (`1 + ln tf`); inverse document frequency is
/// smoothed (`ln((1 + N) / (1 + df)) + 1`), N counting both sides' documents.
/// Only terms that occur in some listing can contribute to a learner-listing
/// cosine, so vectors keep those terms alone, but each learner vector is
/// scaled by its norm over all of its terms, which keeps cosines exact.
public struct TextVectorizer: Sendable {
  /// Column of each kept term (terms found in listing documents).
  public private(set) var vocabulary: [String: Int32] = [:]
  /// One sparse vector per listing, unit length (empty for empty text).
  public private(set) var listingVectors: [SparseVector]
  /// The number of kept terms (the columns of every vector).
  public var termCount: Int { vocabulary.count }
  /// One sparse vector per learner, unit length over its full vocabulary.
  public private(set) var learnerVectors: [SparseVector]

  /// Vectorizes `learnerTexts` and `listingTexts` together.
  public init(learnerTexts: [String], listingTexts: [String]) {
    let corpus = tokenizedCorpus(learnerTexts + listingTexts)
    let learnerDocs = Array(corpus.docs[..<learnerTexts.count])
    let listingDocs = Array(corpus.docs[learnerTexts.count...])

    // Document frequency over the joint corpus.
    let idf = smoothedIDF(corpus.docs, termCount: corpus.terms.count)

    // Keep the terms of listing documents, in first-seen order.
    var column = Array(repeating: Int32(-1), count: corpus.terms.count)
    var kept: Int32 = 0
    for doc in listingDocs {
      for term in doc where column[Int(term)] < 0 {
        column[Int(term)] = kept
        kept += 1
      }
    }
    for (term, col) in column.enumerated() where col >= 0 {
      vocabulary[corpus.terms[term]] = col
    }

    let keep = column
    listingVectors = parallelMap(listingDocs) {
      weighted($0, idf: idf, column: keep)
    }
    learnerVectors = parallelMap(learnerDocs) {
      weighted($0, idf: idf, column: keep)
    }
  }
}

/// Unit-length TF-IDF of one document, restricted to kept columns.
func weighted(
  _ doc: [Int32],
  idf: [Float],
  column: [Int32]
) -> SparseVector {
  // Sorted terms, so sums run in one order and results repeat bit for bit.
  var counts: [(term: Int32, tf: Int)] = []
  for term in doc.sorted() {
    if counts.last?.term == term {
      counts[counts.count - 1].tf += 1
    } else {
      counts.append((term, 1))
    }
  }
  var norm: Float = 0
  var entries: [(Int32, Float)] = []
  for (term, tf) in counts {
    let weight = (1 + Float(log(Double(tf)))) * idf[Int(term)]
    norm += weight * weight
    if column[Int(term)] >= 0 { entries.append((column[Int(term)], weight)) }
  }
  var vector = SparseVector()
  guard norm > 0 else { return vector }
  let scale = 1 / norm.squareRoot()
  entries.sort { $0.0 < $1.0 }
  vector.indices = entries.map(\.0)
  vector.weights = entries.map { $0.1 * scale }
  return vector
}

/// Word tokens of `text` as ids, adding new words to `dictionary`.
///
/// Tokens are runs of letters and digits, lower-cased; tokens of one
/// character, pure numbers and common English stop words are dropped.
func tokenIDs(_ text: String, dictionary: inout [String: Int32]) -> [Int32] {
  var ids: [Int32] = []
  for token in words(of: text) {
    if let id = dictionary[token] {
      ids.append(id)
    } else {
      let id = Int32(dictionary.count)
      dictionary[token] = id
      ids.append(id)
    }
  }
  return ids
}

/// Token ids of every text, numbered as `tokenIDs` numbers them when
/// called on each text in turn with one dictionary (first-seen order), and
/// the terms by id.
///
/// Runs of texts are tokenized on every core with dictionaries of their
/// own; the runs' terms are then numbered in run order, which is the
/// first-seen order of the whole corpus, and the ids renamed.
func tokenizedCorpus(_ texts: [String]) -> (docs: [[Int32]], terms: [String]) {
  let run = 2_048
  let runs = stride(from: 0, to: texts.count, by: run).map {
    $0..<min(texts.count, $0 + run)
  }
  let local = parallelMap(runs, minimumRun: 1) { range in
    var dictionary: [String: Int32] = [:]
    let docs = texts[range].map { tokenIDs($0, dictionary: &dictionary) }
    var terms = [String](repeating: "", count: dictionary.count)
    for (term, id) in dictionary { terms[Int(id)] = term }
    return (docs: docs, terms: terms)
  }
  var global: [String: Int32] = [:]
  var terms: [String] = []
  let renames = local.map { part in
    part.terms.map { term -> Int32 in
      if let id = global[term] { return id }
      let id = Int32(terms.count)
      global[term] = id
      terms.append(term)
      return id
    }
  }
  let renamed = parallelMap(Array(local.indices), minimumRun: 1) { r in
    local[r].docs.map { doc in doc.map { renames[r][Int($0)] } }
  }
  return (renamed.flatMap { $0 }, terms)
}

/// Lower-cased word tokens of `text` (see `tokenIDs`).
///
/// A token is a run of scalars that are alphabetic or have a numeric type.
/// ASCII scalars, nearly all of real text, are classified and lower-cased
/// by their code alone; others ask the Unicode property tables, which cost
/// far more per scalar. The tokens are the same either way.
func words(of text: String) -> [String] {
  var result: [String] = []
  var current: [UInt8] = []
  var allDigits = true
  func flush() {
    if !allDigits && isLongerThanOneScalar(current) {
      let word = String(decoding: current, as: UTF8.self)
      if !stopWords.contains(word) { result.append(word) }
    }
    current.removeAll(keepingCapacity: true)
    allDigits = true
  }
  for scalar in text.unicodeScalars {
    let value = scalar.value
    if value < 0x80 {
      let byte = UInt8(value)
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"):
        current.append(byte)
        allDigits = false
      case UInt8(ascii: "A")...UInt8(ascii: "Z"):
        current.append(byte + 32)
        allDigits = false
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        current.append(byte)
      default:
        flush()
      }
      continue
    }
    let properties = scalar.properties
    let isNumeric = properties.numericType != nil
    if properties.isAlphabetic || isNumeric {
      if !isNumeric { allDigits = false }
      current.append(contentsOf: properties.lowercaseMapping.utf8)
    } else {
      flush()
    }
  }
  flush()
  return result
}

/// True when the UTF-8 bytes `word` hold two or more scalars.
private func isLongerThanOneScalar(_ word: [UInt8]) -> Bool {
  var scalars = 0
  for byte in word where byte & 0xC0 != 0x80 {
    scalars += 1
    if scalars > 1 { return true }
  }
  return false
}

/// Function words that carry no topic.
let stopWords: Set<String> = [
  "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at",
  "be", "been", "but", "by", "can", "could", "do", "does", "for", "from",
  "has", "have", "he", "her", "his", "how", "i", "if", "in", "into", "is",
  "it", "its", "like", "may", "me", "more", "most", "my", "no", "not", "of",
  "on", "one", "or", "other", "our", "out", "she", "so", "some", "such",
  "than", "that", "the", "their", "them", "then", "there", "these", "they",
  "this", "those", "to", "up", "us", "use", "using", "was", "we", "well",
  "were", "what", "when", "which", "while", "who", "will", "with", "would",
  "you", "your",
]
