// RFC 4180 CSV reading: records with line numbers, every structural problem
// collected and thrown once.

import Foundation

/// One record: its fields and the 1-based line on which it starts.
public struct CSVRecord: Sendable, Hashable {
  /// The field values, unquoted, exactly as written (not trimmed).
  public var fields: [String]
  /// The physical line on which the record starts; a quoted line break
  /// inside an earlier record moves later records down.
  public var line: Int

  /// Creates a record from its fields and starting line.
  public init(fields: [String], line: Int) {
    self.fields = fields
    self.line = line
  }
}

/// A parsed file: header names and records.
public struct CSVTable: Sendable, Hashable {
  /// The display name used in messages, e.g. `learners.csv`.
  public var file: String
  /// The header names, trimmed of surrounding white space; may hold `""`
  /// for an unnamed column.
  public var header: [String]
  /// The data records in file order, each with as many fields as `header`.
  public var records: [CSVRecord]

  /// Creates a table from a display name, header and records.
  public init(file: String, header: [String], records: [CSVRecord]) {
    self.file = file
    self.header = header
    self.records = records
  }

  /// The position of `column` in the header, or nil when it is absent.
  ///
  /// Names compare exactly (already trimmed); failing that, a header that
  /// differs only in case counts when it is the only one (`Learner_ID`
  /// from a spreadsheet is `learner_id`).
  /// - Complexity: O(number of columns).
  public func index(of column: String) -> Int? {
    if let exact = header.firstIndex(of: column) { return exact }
    let folded = column.lowercased()
    let matches = header.indices.filter { header[$0].lowercased() == folded }
    return matches.count == 1 ? matches[0] : nil
  }
}

/// Reads RFC 4180 CSV: a header row, `"` quoting with `""` escapes, quoted
/// separators and line breaks, LF, CRLF or CR line ends, optional UTF-8 BOM.
///
/// Lenient where real exports are sloppy: empty lines and rows of only
/// separators are skipped, a `"` inside an unquoted field is kept literally, and header
/// names may be empty. Everything else that is structurally wrong (an
/// unclosed quote, text after a closing quote, a row whose field count
/// differs from the header, bytes that are not UTF-8, a repeated header
/// name) is collected over the whole file and thrown together.
public enum CSVReader {
  /// Parses bytes; collects every structural problem, throws once.
  ///
  /// - Parameters:
  ///   - bytes: the whole file, as read from disk.
  ///   - file: the name shown in messages.
  ///   - separator: the field separator, an ASCII byte other than `"`,
  ///     CR or LF.
  ///   - maxFieldBytes: the longest field accepted, in bytes after
  ///     unescaping; a longer one is reported as malformed and read as
  ///     `""`. Unlimited by default.
  /// - Throws: `InputErrors` holding one `InputError.malformed` per
  ///   problem, in file order.
  /// - Complexity: O(bytes).
  public static func parse(
    _ bytes: [UInt8],
    file: String,
    separator: UInt8 = UInt8(ascii: ","),
    maxFieldBytes: Int = .max
  ) throws(InputErrors) -> CSVTable {
    let result = bytes.withUnsafeBufferPointer { buffer in
      parse(
        buffer, file: file, separator: separator,
        maxFieldBytes: maxFieldBytes)
    }
    return try result.get()
  }

  /// Reads a file from disk (unreadable/missing -> InputError.unreadable).
  ///
  /// - Parameters:
  ///   - path: where the file is.
  ///   - displayName: the name shown in messages; defaults to `path`.
  ///   - separator: as for `parse(_:file:separator:)`.
  /// - Throws: `InputErrors` holding `.unreadable` when the file is
  ///   missing, a directory or not readable, else as `parse` does.
  public static func read(
    path: String,
    displayName: String? = nil,
    separator: UInt8 = UInt8(ascii: ",")
  ) throws(InputErrors) -> CSVTable {
    let name = displayName ?? path
    let data = try load(path: path, name: name)
    let result = data.withUnsafeBytes { raw in
      parse(raw.bindMemory(to: UInt8.self), file: name, separator: separator)
    }
    return try result.get()
  }

  /// Loads a file's bytes, naming the reason when that is impossible.
  static func load(path: String, name: String) throws(InputErrors) -> Data {
    func unreadable(_ reason: String) -> InputErrors {
      InputErrors([.unreadable(file: name, reason: reason)])
    }
    let files = FileManager.default
    var isDirectory: ObjCBool = false
    guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw unreadable("no such file")
    }
    if isDirectory.boolValue {
      throw unreadable("it is a directory, not a file")
    }
    guard files.isReadableFile(atPath: path) else {
      throw unreadable("permission denied")
    }
    // Read, not mapped: a mapped file truncated mid-run would crash us.
    do {
      return try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw unreadable(error.localizedDescription)
    }
  }

  /// Parses a byte buffer; the shared core of `parse` and `read`.
  static func parse(
    _ buffer: UnsafeBufferPointer<UInt8>,
    file: String,
    separator: UInt8,
    maxFieldBytes: Int = .max
  ) -> Result<CSVTable, InputErrors> {
    precondition(
      separator < 0x80 && separator != CSVParser.quote
        && separator != CSVParser.lf && separator != CSVParser.cr,
      "CSVReader.parse: bad separator \(separator)"
    )
    var parser = CSVParser(buffer, file: file, separator: separator)
    parser.maxFieldBytes = maxFieldBytes
    let table = parser.run()
    if parser.errors.isEmpty { return .success(table) }
    return .failure(InputErrors(parser.errors))
  }
}

/// The byte-level state machine behind `CSVReader`.
///
/// It walks the buffer once. Each field's bounds are found with a tight
/// loop over bytes, then the field becomes a `String` exactly once, after
/// UTF-8 validation. Only a quoted field with `""` escapes is copied into a
/// reusable scratch buffer first.
struct CSVParser {
  static let quote = UInt8(ascii: "\"")
  static let lf = UInt8(ascii: "\n")
  static let cr = UInt8(ascii: "\r")

  let bytes: UnsafeBufferPointer<UInt8>
  let file: String
  let separator: UInt8
  var position = 0
  var line = 1
  var header: [String]?
  var errors: [InputError] = []
  var scratch: [UInt8] = []
  var maxFieldBytes = Int.max
  /// Whether the buffer holds a NUL byte anywhere; only then are fields
  /// searched for one.
  let hasNUL: Bool

  init(_ bytes: UnsafeBufferPointer<UInt8>, file: String, separator: UInt8) {
    self.bytes = bytes
    self.file = file
    self.separator = separator
    hasNUL = bytes.baseAddress.map { memchr($0, 0, bytes.count) != nil }
      ?? false
  }

  /// Parses the whole buffer into a table, filling `errors` on the way.
  mutating func run() -> CSVTable {
    skipByteOrderMark()
    if let problem = wholeFileProblem() {
      errors.append(.malformed(at(line: 1), problem: problem))
      return CSVTable(file: file, header: [], records: [])
    }

    // The first non-empty record is the header; the rest are data.
    var records: [CSVRecord] = []
    while skipEmptyLines() {
      let start = line
      let recordStart = position
      let (fields, isComplete) = parseRecord()
      // A row of only separators (',,,' that spreadsheets leave after the
      // data) is an empty line too; '""' makes a row of empty fields.
      if isComplete && fields.allSatisfy(\.isEmpty)
        && !bytes[recordStart..<position].contains(CSVParser.quote)
      {
        continue
      }
      guard let header else {
        setHeader(fields, line: start)
        continue
      }
      if isComplete && fields.count != header.count {
        reportRaggedRow(fields.count, header: header, line: start)
      }
      records.append(CSVRecord(fields: fields, line: start))
    }
    return CSVTable(file: file, header: header ?? [], records: records)
  }

  /// A row with too few fields names the first missing column; one with
  /// too many names the last column, after which the extra fields sit.
  mutating func reportRaggedRow(_ count: Int, header: [String], line: Int) {
    var problem =
      "expected \(header.count) fields as in the header, found \(count)"
    let column: String?
    if count < header.count {
      column = header[count]
      problem += "; this column and the ones after it are missing"
    } else {
      column = header.last
      problem += "; \(count - header.count) more after the last column "
        + "(an unquoted separator inside a value often causes this)"
    }
    errors.append(.malformed(at(line: line, column: column), problem: problem))
  }

  // MARK: Whole-file checks

  mutating func skipByteOrderMark() {
    if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB
      && bytes[2] == 0xBF
    {
      position = 3
    }
  }

  /// A reason the file as a whole cannot be CSV: empty, or UTF-16.
  func wholeFileProblem() -> String? {
    if bytes.count >= 2 && position == 0 {
      let (first, second) = (bytes[0], bytes[1])
      if (first == 0xFF && second == 0xFE) || (first == 0xFE && second == 0xFF)
      {
        return "the file is UTF-16 encoded (it starts with a UTF-16 byte "
          + "order mark); save it as UTF-8"
      }
    }
    if bytes.count >= position + 2
      && (bytes[position] == 0) != (bytes[position + 1] == 0)
    {
      return "the file looks UTF-16 encoded (a NUL byte next to each "
        + "character); save it as UTF-8"
    }
    let blank: Set<UInt8> = [0x20, 0x09, CSVParser.cr, CSVParser.lf]
    if bytes[position...].allSatisfy(blank.contains) {
      return "the file is empty; expected a header row naming the columns"
    }
    return nil
  }

  // MARK: Records

  /// Skips completely empty lines; false once the input is exhausted.
  mutating func skipEmptyLines() -> Bool {
    while position < bytes.count {
      let byte = bytes[position]
      guard byte == CSVParser.lf || byte == CSVParser.cr else { return true }
      consumeLineBreak()
    }
    return false
  }

  /// Consumes LF, CRLF or a lone CR at `position` and counts the line.
  mutating func consumeLineBreak() {
    if bytes[position] == CSVParser.cr && position + 1 < bytes.count
      && bytes[position + 1] == CSVParser.lf
    {
      position += 1
    }
    position += 1
    line += 1
  }

  /// Parses one record and its line break; `isComplete` is false when an
  /// unclosed quote swallowed the rest of the file.
  mutating func parseRecord() -> (fields: [String], isComplete: Bool) {
    var fields: [String] = []
    fields.reserveCapacity(header?.count ?? 8)
    while true {
      let column = columnName(at: fields.count)
      let isComplete: Bool
      if position < bytes.count && bytes[position] == CSVParser.quote {
        isComplete = parseQuotedField(into: &fields, column: column)
      } else {
        parseUnquotedField(into: &fields, column: column)
        isComplete = true
      }
      guard isComplete else { return (fields, false) }
      guard position < bytes.count else { break }
      if bytes[position] != separator {
        consumeLineBreak()
        break
      }
      position += 1
    }
    return (fields, true)
  }

  /// The header name for field `index`, or nil in the header row itself.
  func columnName(at index: Int) -> String? {
    guard let header, index < header.count else { return nil }
    return header[index]
  }

  mutating func setHeader(_ fields: [String], line start: Int) {
    let names = fields.map {
      $0.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    header = names
    reportDuplicates(in: names, line: start)
  }

  /// Reports each non-empty name that appears more than once, once.
  mutating func reportDuplicates(in names: [String], line start: Int) {
    var positions: [String: [Int]] = [:]
    var order: [String] = []
    for (index, name) in names.enumerated() where !name.isEmpty {
      if positions[name] == nil { order.append(name) }
      positions[name, default: []].append(index + 1)
    }
    for name in order {
      let places = positions[name]!
      guard places.count > 1 else { continue }
      let times = places.count == 2 ? "twice" : "\(places.count) times"
      let list =
        places.dropLast().map(String.init).joined(separator: ", ")
        + " and \(places.last!)"
      errors.append(
        .malformed(
          at(line: start, column: name),
          problem: "appears \(times) in the header (fields \(list)); "
            + "give each column a unique name"
        ))
    }
  }

  // MARK: Fields

  mutating func parseUnquotedField(
    into fields: inout [String],
    column: String?
  ) {
    let start = position
    var index = position
    let end = bytes.count
    // OR-ing the bytes tells, for free, whether the field is plain ASCII.
    var bits: UInt8 = 0
    while index < end {
      let byte = bytes[index]
      if byte == separator || byte == CSVParser.lf || byte == CSVParser.cr {
        break
      }
      bits |= byte
      index += 1
    }
    position = index
    guard index - start <= maxFieldBytes else {
      reportLongField(index - start, line: line, column: column)
      fields.append("")
      return
    }
    let text = UnsafeBufferPointer(rebasing: bytes[start..<index])
    fields.append(
      decode(text, isASCII: bits < 0x80, line: line, column: column)
    )
  }

  /// A field beyond `maxFieldBytes` is an error, not a value.
  mutating func reportLongField(_ length: Int, line: Int, column: String?) {
    errors.append(
      .malformed(
        at(line: line, column: column),
        problem: "the field is \(byteCount(length)) long; a field may hold "
          + "at most \(byteCount(maxFieldBytes)) (a quote opened by "
          + "mistake, or a file pasted into a cell, often causes this)"
      ))
  }

  /// Parses a field that opens with `"`; false when it is never closed.
  mutating func parseQuotedField(
    into fields: inout [String],
    column: String?
  ) -> Bool {
    let openLine = line
    var index = position + 1
    var segment = index
    var hasEscapes = false
    var bits: UInt8 = 0
    scratch.removeAll(keepingCapacity: true)

    // Find the closing quote, unescaping `""` and counting line breaks.
    while true {
      while index < bytes.count && bytes[index] != CSVParser.quote {
        let byte = bytes[index]
        bits |= byte
        if byte == CSVParser.lf {
          line += 1
        } else if byte == CSVParser.cr
          && (index + 1 == bytes.count || bytes[index + 1] != CSVParser.lf)
        {
          line += 1
        }
        index += 1
      }
      guard index < bytes.count else {
        position = index
        reportUnclosedQuote(line: openLine, column: column)
        fields.append("")
        return false
      }
      guard index + 1 < bytes.count && bytes[index + 1] == CSVParser.quote
      else { break }
      scratch.append(contentsOf: bytes[segment...index])
      hasEscapes = true
      index += 2
      segment = index
    }

    // Build the value once, from the buffer or from the unescaped copy.
    let value: String
    if index - segment + scratch.count > maxFieldBytes {
      reportLongField(
        index - segment + scratch.count, line: openLine, column: column)
      value = ""
    } else if hasEscapes {
      scratch.append(contentsOf: bytes[segment..<index])
      value = scratch.withUnsafeBufferPointer {
        decode(
          $0, isASCII: bits < 0x80, line: openLine, column: column
        )
      }
    } else {
      let text = UnsafeBufferPointer(rebasing: bytes[segment..<index])
      value = decode(
        text, isASCII: bits < 0x80, line: openLine, column: column
      )
    }
    fields.append(value)
    position = index + 1
    checkFieldEnd(column: column)
    return true
  }

  /// Reports and skips any text between a closing quote and the next
  /// separator or line break.
  mutating func checkFieldEnd(column: String?) {
    let start = position
    while position < bytes.count {
      let byte = bytes[position]
      if byte == separator || byte == CSVParser.lf || byte == CSVParser.cr {
        break
      }
      position += 1
    }
    guard position > start else { return }
    let stray = String(
      decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]),
      as: UTF8.self
    )
    errors.append(
      .malformed(
        at(line: line, column: column),
        problem: "text '\(stray.clipped)' follows the closing quote of a "
          + "quoted field; a quoted field must end at a separator or line "
          + "end; if the quote is part of the value, quote the whole field "
          + "and write each inner quote as \"\""
      ))
  }

  mutating func reportUnclosedQuote(line openLine: Int, column: String?) {
    errors.append(
      .malformed(
        at(line: openLine, column: column),
        problem: "the quote that opens this field is never closed, so the "
          + "rest of the file was read as part of it; add the closing quote, "
          + "or write each quote inside the value as \"\""
      ))
  }

  /// The field as a `String`, or `""` plus an error when it is not UTF-8.
  mutating func decode(
    _ text: UnsafeBufferPointer<UInt8>,
    isASCII: Bool,
    line fieldLine: Int,
    column: String?
  ) -> String {
    if text.isEmpty { return "" }
    if hasNUL && text.contains(0) {
      errors.append(
        .malformed(
          at(line: fieldLine, column: column),
          problem: "the value holds a NUL byte (0x00), which text never does; "
            + "the file is binary or not UTF-8 text; save it as UTF-8 CSV"))
      return ""
    }
    guard !isASCII, let bad = CSVParser.firstInvalidUTF8(in: text) else {
      return String(decoding: text, as: UTF8.self)
    }
    let byte = String(text[bad], radix: 16, uppercase: true)
    errors.append(
      .malformed(
        at(line: fieldLine, column: column),
        problem: "the value is not valid UTF-8 (byte 0x\(byte)); save the file "
          + "as UTF-8"
      ))
    return ""
  }

  /// The offset of the first byte that breaks UTF-8, or nil when `text`
  /// is well formed.
  ///
  /// Follows the well-formed byte sequences of The Unicode Standard,
  /// Table 3-7, so overlong forms, surrogates and values above U+10FFFF
  /// are rejected. Checked here rather than by `String(validating:)`,
  /// whose generic entry point cost about 40% of the parse rate on a
  /// 100 MB file.
  static func firstInvalidUTF8(in text: UnsafeBufferPointer<UInt8>) -> Int? {
    var index = 0
    let end = text.count
    while index < end {
      let lead = text[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      var (low, high): (UInt8, UInt8) = (0x80, 0xBF)
      let length: Int
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0: (length, low) = (3, 0xA0)
      case 0xED: (length, high) = (3, 0x9F)
      case 0xE1...0xEF: length = 3
      case 0xF0: (length, low) = (4, 0x90)
      case 0xF4: (length, high) = (4, 0x8F)
      case 0xF1...0xF3: length = 4
      default: return index
      }
      guard index + 1 < end, (low...high).contains(text[index + 1]) else {
        return index
      }
      for next in index + 2..<min(index + length, end)
      where text[next] & 0xC0 != 0x80 {
        return index
      }
      guard index + length <= end else { return index }
      index += length
    }
    return nil
  }

  func at(line: Int, column: String? = nil) -> InputLocation {
    InputLocation(file: file, line: line, column: column)
  }
}

/// A size for messages: whole bytes below 1 MiB, else MiB with a decimal.
func byteCount(_ bytes: Int) -> String {
  guard bytes >= 1 << 20 else { return "\(bytes) bytes" }
  let tenths = (Double(bytes) / 104_857.6).rounded() / 10
  return "\(tenths) MiB"
}
