// Whole-file reads that also accept pipes (`--config <(jq ...)`).

import Foundation

/// The bytes of the file at `path`, or nil when it cannot be read.
///
/// On Linux `FileManager.contents(atPath:)` returns nil for a pipe, such
/// as a shell process substitution or `/dev/stdin`; those are read to
/// their end through a file handle instead.
package func fileContents(atPath path: String) -> Data? {
  if let data = FileManager.default.contents(atPath: path) { return data }
  guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
  defer { try? handle.close() }
  return try? handle.readToEnd() ?? Data()
}
