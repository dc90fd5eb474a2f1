// A temporary directory that one test owns and removes when it ends.

import Foundation

/// An empty directory in the system temporary directory, for the files a
/// test writes; `remove()` deletes it with everything in it.
///
/// Create one per test and remove it in a `defer` right after, so nothing
/// is left behind whether the test passes, fails or throws:
///
///     let scratch = try ScratchDirectory()
///     defer { scratch.remove() }
///     let out = scratch.newPath("out")
package struct ScratchDirectory: Sendable {
  /// The directory's absolute path.
  package let path: String

  /// Creates the directory as `placer-test-<UUID>` in the system temporary
  /// directory (`TMPDIR` when set).
  /// - Throws: the file system's error when it cannot be created.
  package init() throws {
    path = FileManager.default.temporaryDirectory
      .appendingPathComponent("placer-test-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(
      atPath: path, withIntermediateDirectories: false)
  }

  /// A path inside the directory that no earlier call returned, ending in
  /// `name`; nothing is created there.
  package func newPath(_ name: String) -> String {
    // A fresh prefix per call, so two outputs of one test never collide.
    path + "/" + UUID().uuidString + "-" + name
  }

  /// Writes `text` as UTF-8 to `newPath(name)` and returns that path.
  /// - Throws: the file system's error when the file cannot be written.
  package func newFile(_ name: String, containing text: String) throws
    -> String
  {
    let file = newPath(name)
    try Data(text.utf8).write(to: URL(fileURLWithPath: file))
    return file
  }

  /// Deletes the directory and everything under it; a directory already
  /// gone is not an error.
  package func remove() {
    try? FileManager.default.removeItem(atPath: path)
  }
}
