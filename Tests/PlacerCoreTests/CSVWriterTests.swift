import Foundation
import Testing

@testable import PlacerCore

/// SplitMix64 (Steele, Lea & Flood 2014), seeded so failures replay.
private struct SplitMix64: RandomNumberGenerator {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

private func text(_ writer: CSVWriter) -> String {
  String(decoding: writer.bytes, as: UTF8.self)
}

// MARK: Writing

@Test func writesHeaderThenRecordsWithLF() {
  var writer = CSVWriter(header: ["id", "name"])
  writer.append(["1", "Ada"])
  writer.append(["2", ""])
  #expect(text(writer) == "id,name\n1,Ada\n2,\n")
}

@Test func quotesOnlyFieldsThatNeedIt() {
  let cases: [(String, String)] = [
    ("plain", "plain"),
    ("inner space", "inner space"),
    ("", ""),
    ("a,b", "\"a,b\""),
    ("say \"hi\"", "\"say \"\"hi\"\"\""),
    ("one\ntwo", "\"one\ntwo\""),
    ("one\r\ntwo", "\"one\r\ntwo\""),
    ("cr\r", "\"cr\r\""),
    (" lead", "\" lead\""),
    ("trail ", "\"trail \""),
    ("semi;colon", "semi;colon"),
    ("Zoë", "Zoë"),
  ]
  for (field, written) in cases {
    var writer = CSVWriter(header: ["a", "b"])
    writer.append([field, "x"])
    #expect(
      text(writer) == "a,b\n\(written),x\n",
      "field \(field.debugDescription)"
    )
  }
}

@Test func quotesByGivenSeparator() {
  var writer = CSVWriter(header: ["a", "b"], separator: UInt8(ascii: ";"))
  writer.append(["1,5", "x;y"])
  #expect(text(writer) == "a;b\n1,5;\"x;y\"\n")
}

@Test func quotesLoneEmptyFieldSoTheRecordSurvives() throws {
  var writer = CSVWriter(header: ["only"])
  writer.append([""])
  writer.append(["x"])
  #expect(text(writer) == "only\n\"\"\nx\n")
  let table = try CSVReader.parse(writer.bytes, file: "t.csv")
  #expect(table.records.map(\.fields) == [[""], ["x"]])
}

@Test func quotesARecordOfEmptyFieldsSoItSurvives() throws {
  // ',' alone is a row of separators, which the reader skips.
  var writer = CSVWriter(header: ["a", "b"])
  writer.append(["", ""])
  #expect(text(writer) == "a,b\n\"\",\n")
  let table = try CSVReader.parse(writer.bytes, file: "t.csv")
  #expect(table.records.map(\.fields) == [["", ""]])
}

@Test func quotesLeadingByteOrderMark() throws {
  var writer = CSVWriter(header: ["\u{FEFF}id"])
  writer.append(["\u{FEFF}"])
  #expect(text(writer) == "\"\u{FEFF}id\"\n\"\u{FEFF}\"\n")
}

@Test func writesHeaderOnlyTable() {
  #expect(text(CSVWriter(header: ["a", "b"])) == "a,b\n")
}

// MARK: Round trip

/// A random field: mostly short, drawn from characters that stress quoting.
private func randomField(using rng: inout SplitMix64) -> String {
  let pieces = [
    "a", "Z", "0", " ", ",", ";", "\t", "\"", "\"\"", "\n", "\r", "\r\n",
    "é", "日本", "🇧🇷", "\u{FEFF}", "x y", "-1.5",
  ]
  let length = Int.random(in: 0...6, using: &rng)
  return (0..<length).map { _ in pieces.randomElement(using: &rng)! }
    .joined()
}

/// The physical line breaks in `field`, counting CRLF once.
private func lineBreaks(in field: String) -> Int {
  field.count(where: { $0 == "\n" || $0 == "\r" || $0 == "\r\n" })
}

@Test func writtenTablesParseBackEqual() throws {
  for seed in UInt64(0)..<300 {
    var rng = SplitMix64(state: seed)
    let separator = [",", ";", "\t"].randomElement(using: &rng)!
    let width = Int.random(in: 1...5, using: &rng)

    // Header names are trimmed on reading, so keep them free of edge
    // white space; a prefix per column keeps them unique.
    let header = (0..<width).map { column in
      let name = randomField(using: &rng)
      return "c\(column)" + name.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let rows = (0..<Int.random(in: 0...25, using: &rng)).map { _ in
      (0..<width).map { _ in randomField(using: &rng) }
    }

    var writer = CSVWriter(
      header: header,
      separator: UInt8(ascii: Unicode.Scalar(separator)!)
    )
    for row in rows { writer.append(row) }
    let table = try CSVReader.parse(
      writer.bytes,
      file: "t.csv",
      separator: UInt8(ascii: Unicode.Scalar(separator)!)
    )

    var expectedLines: [Int] = []
    var line = 1 + header.map(lineBreaks).reduce(0, +)
    for row in rows {
      line += 1
      expectedLines.append(line)
      line += row.map(lineBreaks).reduce(0, +)
    }
    #expect(table.header == header, "seed \(seed)")
    #expect(table.records.map(\.fields) == rows, "seed \(seed)")
    #expect(table.records.map(\.line) == expectedLines, "seed \(seed)")
  }
}

// MARK: Number format

@Test func formatsScoresWithSixDecimals() {
  let cases: [(Float, String)] = [
    (0, "0.000000"),
    (-0.0, "0.000000"),
    (-0.000_000_1, "0.000000"),
    (0.5, "0.500000"),
    (1, "1.000000"),
    (-1.25, "-1.250000"),
    (0.1, "0.100000"),
    (2.0 / 3.0, "0.666667"),
    (0.000_001, "0.000001"),
    (123_456.75, "123456.750000"),
    (0x1p24, "16777216.000000"),
  ]
  for (value, expected) in cases {
    #expect(formatScore(value) == expected, "\(value)")
  }
}

/// Compares with C's `%.6f`, which prints the exact value rounded half to
/// even, over random bit patterns of every magnitude.
@Test func formatsScoresLikeCPrintf() {
  let seed: UInt64 = 20_240_601
  var rng = SplitMix64(state: seed)
  var values: [Float] = [
    .greatestFiniteMagnitude, -.greatestFiniteMagnitude,
    .leastNonzeroMagnitude, 0.000_000_5, 0.000_001_5, 0.999_999_5,
  ]
  while values.count < 20_000 {
    let value = Float(bitPattern: UInt32.random(in: .min ... .max, using: &rng))
    if value.isFinite { values.append(value) }
    let unit = Float.random(in: -1...1, using: &rng)
    values.append(unit)
  }
  var mismatches: [Float] = []
  for value in values {
    var expected = String(format: "%.6f", Double(value))
    if expected == "-0.000000" { expected = "0.000000" }
    if formatScore(value) != expected { mismatches.append(value) }
  }
  #expect(mismatches.count == 0, "seed \(seed), first: \(mismatches.prefix(5))")
}
