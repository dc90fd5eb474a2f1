// RFC 4180 CSV writing and the fixed number format used in output files.

/// Builds RFC 4180 CSV text in memory, LF line endings.
///
/// A field is quoted when it holds the separator, `"`, CR or LF, or starts
/// or ends with a space; inner quotes are doubled. Two further cases are
/// quoted so that `CSVReader` reads back exactly what was written: a record
/// made of one empty field (unquoted it would be an empty line, which
/// readers skip) and a field starting with U+FEFF (unquoted at the start of
/// the file it would be taken for a byte order mark). Output is
/// deterministic: the same rows give the same bytes.
public struct CSVWriter: Sendable {
  /// The field separator, an ASCII byte other than `"`, CR or LF.
  public let separator: UInt8
  /// How many fields every record must have.
  public let columnCount: Int
  private var buffer: [UInt8] = []

  /// Starts a file with its header row.
  ///
  /// - Parameters:
  ///   - header: the column names, written as the first record; at least
  ///     one.
  ///   - separator: the field separator; defaults to a comma.
  public init(header: [String], separator: UInt8 = UInt8(ascii: ",")) {
    precondition(
      separator < 0x80 && separator != CSVWriter.quote
        && separator != CSVWriter.lf && separator != CSVWriter.cr,
      "CSVWriter.init: bad separator \(separator)"
    )
    precondition(!header.isEmpty, "CSVWriter.init: empty header")
    self.separator = separator
    self.columnCount = header.count
    appendRecord(header)
  }

  /// Appends one record; it must have as many fields as the header.
  public mutating func append(_ fields: [String]) {
    precondition(
      fields.count == columnCount,
      "CSVWriter.append: \(fields.count) fields, header has \(columnCount)"
    )
    appendRecord(fields)
  }

  /// The UTF-8 text so far, header first, each record ending in LF.
  public var bytes: [UInt8] { buffer }

  private static let quote = UInt8(ascii: "\"")
  private static let lf = UInt8(ascii: "\n")
  private static let cr = UInt8(ascii: "\r")
  private static let space = UInt8(ascii: " ")

  private mutating func appendRecord(_ fields: [String]) {
    // A record of empty fields would read back as an empty line (or a row
    // of separators), which readers skip: quote its first field.
    let allEmpty = fields.allSatisfy(\.isEmpty)
    for (index, field) in fields.enumerated() {
      if index > 0 { buffer.append(separator) }
      if index == 0 && allEmpty {
        buffer.append(contentsOf: [CSVWriter.quote, CSVWriter.quote])
      } else {
        appendField(field)
      }
    }
    buffer.append(CSVWriter.lf)
  }

  private mutating func appendField(_ field: String) {
    let utf8 = field.utf8
    guard needsQuotes(utf8) else {
      buffer.append(contentsOf: utf8)
      return
    }
    buffer.append(CSVWriter.quote)
    for byte in utf8 {
      if byte == CSVWriter.quote { buffer.append(CSVWriter.quote) }
      buffer.append(byte)
    }
    buffer.append(CSVWriter.quote)
  }

  private func needsQuotes(_ utf8: String.UTF8View) -> Bool {
    guard let first = utf8.first, let last = utf8.last else { return false }
    if first == CSVWriter.space || last == CSVWriter.space { return true }
    if utf8.starts(with: [0xEF, 0xBB, 0xBF]) { return true }
    return utf8.contains {
      $0 == separator || $0 == CSVWriter.quote || $0 == CSVWriter.lf
        || $0 == CSVWriter.cr
    }
  }
}

/// Formats a score with exactly six decimals, e.g. `0.500000`.
///
/// The result is the exact value of `x` rounded to six decimals, ties to
/// even (as C's `%.6f` does), independent of locale and platform. A value
/// that rounds to zero prints as `0.000000`, never `-0.000000`.
/// `x` must be finite: a NaN or infinite score is a bug upstream.
public func formatScore(_ x: Float) -> String {
  precondition(x.isFinite, "formatScore: non-finite score \(x)")
  let sign = x < 0 ? "-" : ""

  // From 2^24 up every Float is an integer, and all fit in UInt128.
  if x.magnitude >= 0x1p24 {
    return sign + String(UInt128(x.magnitude)) + ".000000"
  }

  // A Float has a 24-bit significand and 10^6 = 15625 * 2^6 a 14-bit odd
  // part, so this product is exact in Double and the rounding is the only
  // rounding step.
  let scaled = (Double(x.magnitude) * 1_000_000)
    .rounded(.toNearestOrEven)
  let micros = UInt64(scaled)
  if micros == 0 { return "0.000000" }
  let fraction = String(micros % 1_000_000)
  let padding = String(repeating: "0", count: 6 - fraction.count)
  return "\(sign)\(micros / 1_000_000).\(padding)\(fraction)"
}
