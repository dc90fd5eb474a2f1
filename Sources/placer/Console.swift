// The one writer of diagnostics: stderr, prefixed `placer: level: `.

import Foundation
import PlacerCore

/// Exit codes of CONTRACT.md §6 (sysexits).
enum ExitCode: Int32 {
  case success = 0
  case failure = 1
  case usage = 64
  case dataError = 65
  case noInput = 66
  case cannotCreate = 73
}

/// Prints diagnostics to stderr according to `--quiet` and `--verbose`.
struct Console {
  var quiet = false
  var verbose = false
  /// How many bad rows are printed before the rest are only counted.
  var errorLimit = 50

  func error(_ message: String) {
    write("placer: error: \(message)")
  }

  func warning(_ message: String) {
    if !quiet { write("placer: warning: \(message)") }
  }

  func note(_ message: String) {
    if verbose && !quiet { write("placer: note: \(message)") }
  }

  /// A line of a command's result on stderr (a digest); never hidden.
  func result(_ message: String) {
    write("placer: \(message)")
  }

  func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
      switch diagnostic.severity {
      case .warning: warning(diagnostic.rendered)
      case .note: note(diagnostic.rendered)
      }
    }
  }

  /// Prints every input error (up to the cap), then the count.
  func report(_ errors: InputErrors) -> ExitCode {
    let unreadable = errors.errors.filter(\.isUnreadable)
    let shown = unreadable.isEmpty ? errors.errors : unreadable
    for problem in shown.prefix(errorLimit) {
      error(problem.message)
    }
    if shown.count > errorLimit {
      error("... and \(shown.count - errorLimit) more problems")
    }
    if unreadable.isEmpty {
      let rows = shown.count == 1 ? "1 problem" : "\(shown.count) problems"
      error("\(rows) in the input; nothing was written")
      return .dataError
    }
    return .noInput
  }

  private func write(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
  }
}
