// Writes a run's files into a temporary directory, then renames it into place.

import Foundation

/// An output directory that appears whole or not at all.
///
/// Files are written into a hidden sibling directory; `commit()` renames it
/// to the target. An existing non-empty target is replaced only with
/// `force`, and then only after the new directory is complete.
public struct OutputDirectory {
  public let target: URL
  let staging: URL
  let force: Bool

  /// Creates the staging directory next to `path`.
  /// - Throws: `OutputError` when the target is non-empty without `force`,
  ///   when replacing it would delete one of `inputs` or the working
  ///   directory, or when the staging directory cannot be created.
  public init(path: String, force: Bool, inputs: [String] = [])
    throws(OutputError)
  {
    target = URL(fileURLWithPath: path).standardizedFileURL
    self.force = force
    let manager = FileManager.default
    var isDirectory: ObjCBool = false
    if manager.fileExists(atPath: target.path, isDirectory: &isDirectory) {
      guard isDirectory.boolValue else {
        throw OutputError(
          "\(path) exists and is not a directory; choose another --out")
      }
      let contents = (try? manager.contentsOfDirectory(atPath: target.path))
        ?? []
      if !contents.isEmpty && !force {
        throw OutputError(
          "\(path) is not empty; pass --force to replace it or choose "
            + "another --out")
      }
      if !contents.isEmpty {
        try Self.checkNothingLost(replacing: target, path: path, inputs: inputs)
      }
    }
    let parent = target.deletingLastPathComponent()
    staging = parent.appendingPathComponent(
      ".\(target.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    do {
      try? manager.removeItem(at: staging)
      try manager.createDirectory(
        at: staging, withIntermediateDirectories: true)
    } catch {
      throw OutputError(
        "cannot create the output directory next to \(path): "
          + Self.whyNotCreatable(parent))
    }
  }

  /// Why a directory at `url` cannot be made, from its nearest existing
  /// ancestor (Foundation's own text is "NSCocoaErrorDomain error 512").
  static func whyNotCreatable(_ url: URL) -> String {
    var current = url
    while true {
      var isDirectory: ObjCBool = false
      if FileManager.default.fileExists(
        atPath: current.path, isDirectory: &isDirectory)
      {
        return isDirectory.boolValue
          ? "\(current.path) is not writable"
          : "\(current.path) is a file, not a directory"
      }
      let up = current.deletingLastPathComponent()
      if up.path == current.path { return "the path cannot be created" }
      current = up
    }
  }

  /// Replacing `target` deletes everything under it: refuse when that
  /// holds an input of this run or the working directory.
  static func checkNothingLost(
    replacing target: URL,
    path: String,
    inputs: [String]
  ) throws(OutputError) {
    let root = target.resolvingSymlinksInPath().path
    func isInside(_ other: String) -> Bool {
      let resolved = URL(fileURLWithPath: other).standardizedFileURL
        .resolvingSymlinksInPath().path
      return resolved == root || resolved.hasPrefix(root + "/")
        || root == "/"
    }
    if let input = inputs.first(where: isInside) {
      throw OutputError(
        "\(path) holds the input \(input); replacing it would delete it; "
          + "choose another --out")
    }
    if isInside(FileManager.default.currentDirectoryPath) {
      throw OutputError(
        "\(path) holds the current directory; replacing it would delete "
          + "it; choose another --out")
    }
  }

  /// Writes one file into the staging directory.
  public func write(_ name: String, _ bytes: [UInt8]) throws(OutputError) {
    let url = staging.appendingPathComponent(name)
    do {
      try Data(bytes).write(to: url)
    } catch {
      throw OutputError("cannot write \(name): \(error.localizedDescription)")
    }
  }

  /// Moves the finished directory into place.
  public func commit() throws(OutputError) {
    let manager = FileManager.default
    do {
      if manager.fileExists(atPath: target.path) {
        let trash = staging.appendingPathExtension("old")
        try? manager.removeItem(at: trash)
        try manager.moveItem(at: target, to: trash)
        try manager.moveItem(at: staging, to: target)
        try? manager.removeItem(at: trash)
      } else {
        try manager.moveItem(at: staging, to: target)
      }
    } catch {
      discard()
      throw OutputError(
        "cannot move the results into \(target.path): "
          + error.localizedDescription)
    }
  }

  /// Removes the staging directory after a failure.
  public func discard() {
    try? FileManager.default.removeItem(at: staging)
  }
}

/// The output cannot be created (exit 73).
public struct OutputError: Error, Sendable, CustomStringConvertible {
  public var description: String

  public init(_ description: String) {
    self.description = description
  }
}
