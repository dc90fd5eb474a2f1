// Typed errors for bad input data, each carrying where the problem is.

import Foundation

/// Where a problem sits in an input file.
///
/// `line` is the 1-based line on which the record starts (a quoted field may
/// span several lines); `column` is the header name, when one applies.
public struct InputLocation: Sendable, Hashable {
  public var file: String
  public var line: Int?
  public var column: String?

  public init(file: String, line: Int? = nil, column: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
  }

  /// `file:line: column 'name'`, leaving out the parts that are unknown.
  public var rendered: String {
    var text = file
    if let line { text += ":\(line)" }
    if let column { text += ": column '\(column)'" }
    return text
  }
}

/// A problem in the user's input that stops the run (exit 65 or 66).
public enum InputError: Error, Sendable, Hashable {
  /// The file is missing or cannot be read (exit 66).
  case unreadable(file: String, reason: String)
  /// The CSV structure is broken: unterminated quote, ragged row, bad UTF-8.
  case malformed(InputLocation, problem: String)
  /// A cell holds a value the column does not accept.
  case invalidValue(InputLocation, value: String, expected: String)
  /// A required column is absent from the header.
  case missingColumn(file: String, column: String)
  /// The same id appears twice in one file.
  case duplicateID(InputLocation, id: String, firstLine: Int)
  /// A repairable problem (normally a warning) refused under `--strict`.
  case strict(Diagnostic)

  /// Where the problem is.
  public var location: InputLocation {
    switch self {
    case .unreadable(let file, _): InputLocation(file: file)
    case .malformed(let location, _): location
    case .invalidValue(let location, _, _): location
    case .missingColumn(let file, let column):
      InputLocation(file: file, line: 1, column: column)
    case .duplicateID(let location, _, _): location
    case .strict(let warning):
      warning.location ?? InputLocation(file: "")
    }
  }

  /// One line in the shape `file:line: column 'name': problem`.
  public var message: String {
    switch self {
    case .unreadable(let file, let reason):
      "\(file): cannot read the file: \(reason)"
    case .malformed(let location, let problem):
      "\(location.rendered): \(problem)"
    case .invalidValue(let location, let value, let expected):
      "\(location.rendered): expected \(expected), got '\(value.clipped)'"
    case .missingColumn(let file, let column):
      "\(file):1: column '\(column)': required column is missing from the "
        + "header; add it (or map it with a column mapping)"
    case .duplicateID(let location, let id, let firstLine):
      "\(location.rendered): duplicate id '\(id.clipped)' (first seen on "
        + "line \(firstLine)); ids must be unique within a file"
    case .strict(let warning):
      "\(warning.rendered) (an error under --strict)"
    }
  }

  /// True when the file itself is missing or unreadable (exit 66, not 65).
  public var isUnreadable: Bool {
    if case .unreadable = self { return true }
    return false
  }
}

/// Every problem found while validating the inputs; thrown once, after the
/// whole of each file has been read.
public struct InputErrors: Error, Sendable {
  public var errors: [InputError]

  public init(_ errors: [InputError]) {
    self.errors = errors
  }
}

extension String {
  /// The value as shown in a message: at most 60 characters, one line.
  var clipped: String {
    let flat = self.replacingOccurrences(of: "\n", with: "\\n")
      .replacingOccurrences(of: "\r", with: "\\r")
    if flat.count <= 60 { return flat }
    return String(flat.prefix(57)) + "..."
  }
}
