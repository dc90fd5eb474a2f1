// Warnings and notes the library returns; the CLI decides what to print.

/// A non-fatal finding: a repaired input problem or a note about the run.
public struct Diagnostic: Sendable, Hashable {
  public enum Severity: String, Sendable, Hashable {
    case warning
    case note
  }

  public var severity: Severity
  /// A stable key counted in the summary, e.g. `unknown_preference`.
  public var kind: String
  public var location: InputLocation?
  public var message: String

  public init(
    _ severity: Severity,
    kind: String,
    at location: InputLocation? = nil,
    _ message: String
  ) {
    self.severity = severity
    self.kind = kind
    self.location = location
    self.message = message
  }

  /// The text after `placer: warning: `.
  public var rendered: String {
    guard let location else { return message }
    return "\(location.rendered): \(message)"
  }
}
