import Foundation
import PlacerTestSupport
import Testing

@testable import PlacerCore

// MARK: Helpers

private func parse(
  _ text: String,
  separator: Character = ","
) throws(InputErrors) -> CSVTable {
  try CSVReader.parse(
    Array(text.utf8),
    file: "t.csv",
    separator: separator.asciiValue!
  )
}

/// The errors `parse` throws, or `[]` when it succeeds.
private func errors(in bytes: [UInt8]) -> [InputError] {
  do {
    _ = try CSVReader.parse(bytes, file: "t.csv")
    return []
  } catch {
    return error.errors
  }
}

private func errors(in text: String) -> [InputError] {
  errors(in: Array(text.utf8))
}

private func at(_ line: Int, _ column: String? = nil) -> InputLocation {
  InputLocation(file: "t.csv", line: line, column: column)
}

private func problem(of error: InputError) -> String? {
  guard case .malformed(_, let problem) = error else { return nil }
  return problem
}

// MARK: Well-formed input

@Test func parsesHeaderAndRecordsWithLines() throws {
  let table = try parse("id,name\n1,Ada\n2,Grace\n")
  #expect(table.file == "t.csv")
  #expect(table.header == ["id", "name"])
  #expect(table.records.map(\.fields) == [["1", "Ada"], ["2", "Grace"]])
  #expect(table.records.map(\.line) == [2, 3])
  #expect(table.index(of: "name") == 1)
  #expect(table.index(of: "Name") == 1)  // case-insensitive when unambiguous
}

@Test func skipsUTF8ByteOrderMark() throws {
  let table = try parse("\u{FEFF}id,name\n1,x\n")
  #expect(table.header == ["id", "name"])
  #expect(table.index(of: "id") == 0)
  // Only a skipped mark lets the first field open with a quote.
  let quoted = try parse("\u{FEFF}\"id\",name\n1,x\n")
  #expect(quoted.header == ["id", "name"])
}

@Test func acceptsCRLFLineEnds() throws {
  let table = try parse("a,b\r\n1,2\r\n3,4\r\n")
  #expect(table.records.map(\.fields) == [["1", "2"], ["3", "4"]])
  #expect(table.records.map(\.line) == [2, 3])
}

@Test func acceptsLoneCRLineEnds() throws {
  let table = try parse("a,b\r1,2\r3,4")
  #expect(table.records.map(\.fields) == [["1", "2"], ["3", "4"]])
  #expect(table.records.map(\.line) == [2, 3])
}

@Test func keepsSeparatorInsideQuotes() throws {
  let table = try parse("a,b\n\"x,y\",z\n")
  #expect(table.records[0].fields == ["x,y", "z"])
}

@Test func keepsLineBreaksInsideQuotesAndCountsThem() throws {
  let text = "id,note\n1,\"one\ntwo\"\n2,\"three\r\nfour\rfive\"\n3,end\n"
  let table = try parse(text)
  #expect(
    table.records.map(\.fields) == [
      ["1", "one\ntwo"], ["2", "three\r\nfour\rfive"], ["3", "end"],
    ])
  // Record 2 starts on line 4 after the break in record 1; record 3 starts
  // on line 7 after the CRLF and lone CR in record 2.
  #expect(table.records.map(\.line) == [2, 4, 7])
}

@Test func unescapesDoubledQuotes() throws {
  let table = try parse("a,b,c\n\"say \"\"hi\"\"\",\"\"\"\"\"\",\"\"\n")
  #expect(table.records[0].fields == ["say \"hi\"", "\"\"", ""])
}

@Test func keepsQuoteInsideUnquotedFieldLiterally() throws {
  let table = try parse("item,size\nscreen,5\" wide\nx,a\"b\"c\n")
  #expect(
    table.records.map(\.fields) == [
      ["screen", "5\" wide"], ["x", "a\"b\"c"],
    ])
}

@Test func keepsEmptyAndTrailingEmptyFields() throws {
  let table = try parse("a,b,c\n1,2,\n,\"\",3\n4,5,")
  #expect(
    table.records.map(\.fields) == [
      ["1", "2", ""], ["", "", "3"], ["4", "5", ""],
    ])
}

@Test func skipsRowsOfOnlySeparatorsLikeEmptyLines() throws {
  // Spreadsheets leave ',,,' rows after the data; each was an empty-id
  // error. A row with fewer commas is empty too; a quoted '""' is a field.
  let table = try parse(",,\na,b,c\n1,2,3\n,,\n,\n4,5,6\n\"\",,\n,,\n")
  #expect(table.header == ["a", "b", "c"])
  #expect(
    table.records.map(\.fields) == [["1", "2", "3"], ["4", "5", "6"], ["", "", ""]])
  #expect(table.records.map(\.line) == [3, 6, 7])
}

@Test func keepsFieldWhiteSpaceButTrimsHeader() throws {
  let table = try parse(" id ,\tname\n 1 , x \n")
  #expect(table.header == ["id", "name"])
  #expect(table.records[0].fields == [" 1 ", " x "])
}

@Test func findsColumnsIgnoringCaseWhenUnambiguous() throws {
  let table = try parse("Learner_ID,SKILLS,goals,Goals,type,TYPE\n1,2,3,4,5,6\n")
  #expect(table.index(of: "learner_id") == 0)
  #expect(table.index(of: "skills") == 1)
  #expect(table.index(of: "goals") == 2)  // the exact name wins
  #expect(table.index(of: "Type") == nil)  // two candidates: no guess
  #expect(table.index(of: "term") == nil)
}

@Test func skipsCompletelyEmptyLines() throws {
  let table = try parse("\n\na\n\n1\n\r\n\r\r\n2\n\n\n")
  #expect(table.header == ["a"])
  #expect(table.records.map(\.fields) == [["1"], ["2"]])
  #expect(table.records.map(\.line) == [5, 9])
}

@Test func readsHeaderOnlyFile() throws {
  for text in ["a,b\n", "a,b", "a,b\r\n\r\n"] {
    let table = try parse(text)
    #expect(table.header == ["a", "b"])
    #expect(table.records.isEmpty)
  }
}

@Test func allowsEmptyHeaderNames() throws {
  let table = try parse(",name,\n0,x,y\n")
  #expect(table.header == ["", "name", ""])
  #expect(table.records[0].fields == ["0", "x", "y"])
}

@Test func usesGivenSeparator() throws {
  let table = try parse("a;b\n1,5;\"x;y\"\n", separator: ";")
  #expect(table.records[0].fields == ["1,5", "x;y"])
  let tabs = try parse("a\tb\n1\t2\n", separator: "\t")
  #expect(tabs.records[0].fields == ["1", "2"])
}

@Test func decodesMultiByteUTF8() throws {
  let table = try parse("name,city\nZoë,\"São Paulo, 🇧🇷\"\n")
  #expect(table.records[0].fields == ["Zoë", "São Paulo, 🇧🇷"])
}

@Test func parsesTenMegabyteFields() throws {
  // Quoted, with separators, line breaks and doubled quotes inside.
  let units = 1_250_000
  let quoted = String(repeating: "ab,c\n\"\"d", count: units)
  let unquoted = String(repeating: "x", count: 10_000_000)
  let text = "big,next\n\"\(quoted)\",1\n\(unquoted),2\n"
  let table = try parse(text)

  #expect(table.records.count == 2)
  #expect(
    table.records[0].fields[0]
      == String(repeating: "ab,c\n\"d", count: units)
  )
  #expect(table.records[0].fields[1] == "1")
  #expect(table.records[1].fields == [unquoted, "2"])
  #expect(table.records[1].line == 3 + units)
}

// MARK: Structural errors

@Test func rejectsEmptyFile() {
  let expected = [
    InputError.malformed(
      at(1),
      problem: "the file is empty; expected a header row naming the columns"
    )
  ]
  #expect(errors(in: []) == expected)
  #expect(errors(in: "\u{FEFF}") == expected)
  #expect(errors(in: " \n\r\n\t\n") == expected)
}

@Test func rejectsUTF16File() {
  let found = errors(in: [0xFF, 0xFE, 0x61, 0x00, 0x0A, 0x00])
  #expect(found.count == 1)
  #expect(found.first?.location == at(1))
  #expect(found.first.flatMap(problem(of:))?.contains("UTF-16") == true)
}

@Test func rejectsNULBytesWhereTheyAre() {
  // A NUL was read into the value: "an\0a" became an id and was written out.
  let found = errors(in: "id,name\n1,ok\n2,a\u{0}b\n\"3\",\"x\u{0}\"\n")
  #expect(found.map(\.location) == [at(3, "name"), at(4, "name")])
  #expect(found.first.flatMap(problem(of:))?.contains("NUL byte") == true)
  #expect(errors(in: "id,name\n1,ok\n").isEmpty)
}

@Test func rejectsUTF16WithoutByteOrderMark() {
  for encoding in [String.Encoding.utf16LittleEndian, .utf16BigEndian] {
    let found = errors(in: Array("id,name\n1,x\n".data(using: encoding)!))
    #expect(found.count == 1)
    #expect(found.first?.location == at(1))
    #expect(found.first.flatMap(problem(of:))?.contains("UTF-16") == true)
  }
}

@Test func reportsUnclosedQuoteWhereItOpens() {
  let found = errors(in: "id,name\n1,ok\n2,\"broken\n3,x\n4,y\n")
  #expect(found.count == 1)
  #expect(found.first?.location == at(3, "name"))
  let text = found.first.flatMap(problem(of:)) ?? ""
  #expect(text.contains("never closed"))
  #expect(text.contains("\"\""))
}

@Test func reportsUnclosedQuoteOnItsOwnLine() {
  // The second field opens on line 3, after a quoted break in the first.
  let found = errors(in: "a,b\n\"x\ny\",\"open\n")
  #expect(found.map(\.location) == [at(3, "b")])
}

@Test func reportsTextAfterClosingQuote() {
  let found = errors(in: "id,name\n1,\"abc\"x\n2,ok\n")
  #expect(found.count == 1)
  #expect(found.first?.location == at(2, "name"))
  let text = found.first.flatMap(problem(of:)) ?? ""
  #expect(text.contains("'x'"))
  #expect(text.contains("closing quote"))
}

@Test func reportsEveryRaggedRowAtItsLine() {
  let found = errors(in: "a,b\n1,2,3\n4\n5,6\n\"7\n8\",9,10\n")
  #expect(found.map(\.location) == [at(2, "b"), at(3, "b"), at(5, "b")])
  let problems = found.compactMap(problem(of:))
  #expect(problems.count == 3)
  #expect(problems[0].hasPrefix("expected 2 fields as in the header, found 3"))
  #expect(problems[0].contains("1 more after the last column"))
  #expect(problems[1].hasPrefix("expected 2 fields as in the header, found 1"))
  #expect(problems[1].contains("the ones after it are missing"))
}

@Test func rejectsFieldsLongerThanAGivenLimit() throws {
  func parse(_ text: String) throws(InputErrors) -> CSVTable {
    try CSVReader.parse(Array(text.utf8), file: "t.csv", maxFieldBytes: 8)
  }
  do {
    _ = try parse("id,text\n1,ok\n2,123456789\n3,\"1234\"\"5678\"\n")
    Issue.record("expected errors")
  } catch {
    #expect(error.errors.map(\.location) == [at(3, "text"), at(4, "text")])
    #expect(error.errors.first?.message.contains("is 9 bytes long") == true)
    #expect(error.errors.first?.message.contains("at most 8 bytes") == true)
  }
  // Exactly at the limit (after unescaping) is still a value.
  let fits = try parse("id,text\n1,12345678\n2,\"123\"\"4567\"\n")
  #expect(fits.records.map { $0.fields[1] } == ["12345678", "123\"4567"])
}

@Test func reportsInvalidUTF8WithLineAndColumn() {
  // "Jos\xE9" is Latin-1, not UTF-8.
  var bytes = Array("id,name\n1,ok\n2,Jos".utf8)
  bytes += [0xE9] + Array("\n3,\"q".utf8) + [0xC3] + Array("\"\n".utf8)
  let found = errors(in: bytes)
  #expect(found.map(\.location) == [at(3, "name"), at(4, "name")])
  let text = found.first.flatMap(problem(of:)) ?? ""
  #expect(text.contains("not valid UTF-8"))
  #expect(text.contains("0xE9"))
  #expect(text.contains("save the file as UTF-8"))
}

@Test func reportsInvalidUTF8InHeaderWithoutColumn() {
  let found = errors(in: Array("id,n".utf8) + [0xFF] + Array("\n1,2\n".utf8))
  #expect(found.map(\.location) == [at(1)])
}

@Test func reportsDuplicateHeaderNames() {
  let found = errors(in: "id, id ,name,,name,name\n1,2,3,4,5,6\n")
  #expect(found.map(\.location) == [at(1, "id"), at(1, "name")])
  let problems = found.compactMap(problem(of:))
  #expect(problems.first?.contains("appears twice in the header") == true)
  #expect(problems.last?.contains("appears 3 times") == true)
}

@Test func collectsDifferentProblemsInFileOrder() {
  var bytes = Array("a,b\n1,2,3\n\"x\"y,2\n".utf8)
  bytes += [0x80] + Array(",1\n4,\"open\n".utf8)
  let found = errors(in: bytes)
  #expect(found.map(\.location) == [at(2, "b"), at(3, "a"), at(4, "a"), at(5, "b")])
}

@Test func rendersMessagesLikeCompilerOutput() {
  let found = errors(in: "id,name\n1,\"abc\"x\n")
  #expect(found.first?.message.hasPrefix("t.csv:2: column 'name': ") == true)
}

// MARK: UTF-8 validation

/// Checks `firstInvalidUTF8` against the standard library on every one- and
/// two-byte sequence and on longer sequences around each boundary.
@Test func validatesUTF8LikeTheStandardLibrary() {
  let edges: [UInt8] = [0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0]
  var samples: [[UInt8]] = (0...255).map { [UInt8($0)] }
  for lead in 0...255 {
    for second in 0...255 { samples.append([UInt8(lead), UInt8(second)]) }
  }
  for lead in 0xC0...0xFF {
    for second in edges {
      for third in edges {
        samples.append([UInt8(lead), second, third])
        for fourth in [0x80, 0xBF, 0x41] as [UInt8] {
          samples.append([UInt8(lead), second, third, fourth])
        }
      }
    }
  }
  var mismatches: [[UInt8]] = []
  for sample in samples {
    let expected = String(validating: sample, as: UTF8.self) != nil
    let found = sample.withUnsafeBufferPointer {
      CSVParser.firstInvalidUTF8(in: $0) == nil
    }
    if found != expected { mismatches.append(sample) }
  }
  #expect(mismatches.count == 0, "first few: \(mismatches.prefix(5))")
}

@Test func pointsAtFirstInvalidUTF8Byte() {
  let cases: [([UInt8], Int?)] = [
    (Array("Zoë".utf8), nil),
    (Array("ab".utf8) + [0xE9, 0x41], 2),
    (Array("é".utf8) + [0xF0, 0x9F, 0x98], 2),
    ([0xED, 0xA0, 0x80], 0),
    ([0xC0, 0x80], 0),
  ]
  for (bytes, offset) in cases {
    let found = bytes.withUnsafeBufferPointer {
      CSVParser.firstInvalidUTF8(in: $0)
    }
    #expect(found == offset, "\(bytes)")
  }
}

// MARK: Reading files

@Test func readsFileFromDisk() throws {
  let scratch = try ScratchDirectory()
  defer { scratch.remove() }
  let path = try scratch.newFile("in.csv", containing: "a,b\n1,2\n")

  let table = try CSVReader.read(path: path, displayName: "in.csv")
  #expect(table.file == "in.csv")
  #expect(table.records.map(\.fields) == [["1", "2"]])
  #expect(try CSVReader.read(path: path).file == path)
}

@Test func reportsFileFromDiskProblemsUnderDisplayName() throws {
  let scratch = try ScratchDirectory()
  defer { scratch.remove() }
  let path = try scratch.newFile("in.csv", containing: "a,b\n1\n")

  #expect(throws: InputErrors.self) {
    try CSVReader.read(path: path, displayName: "in.csv")
  }
  do {
    _ = try CSVReader.read(path: path, displayName: "in.csv")
  } catch {
    #expect(
      error.errors.map(\.location) == [
        InputLocation(file: "in.csv", line: 2, column: "b")
      ])
  }
}

@Test func reportsMissingFileAsUnreadable() {
  do {
    _ = try CSVReader.read(path: "/no/such/dir/x.csv", displayName: "x.csv")
    Issue.record("expected an error")
  } catch {
    let expected = InputError.unreadable(file: "x.csv", reason: "no such file")
    #expect(error.errors == [expected])
    #expect(error.errors.allSatisfy { $0.isUnreadable })
  }
}

@Test func reportsDirectoryAsUnreadable() {
  let path = FileManager.default.temporaryDirectory.path
  do {
    _ = try CSVReader.read(path: path)
    Issue.record("expected an error")
  } catch {
    #expect(error.errors.count == 1)
    #expect(error.errors.allSatisfy { $0.isUnreadable })
    #expect(error.errors.first?.message.contains("directory") == true)
  }
}
