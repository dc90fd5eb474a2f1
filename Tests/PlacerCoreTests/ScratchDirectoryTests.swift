// The tests' own scratch directory (Tests/PlacerTestSupport) really
// deletes what a test leaves in it.

import Foundation
import PlacerTestSupport
import Testing

@Suite struct ScratchDirectoryTests {
  let files = FileManager.default

  func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return files.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }

  @Test func startsEmptyInTheTemporaryDirectory() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    #expect(isDirectory(scratch.path))
    #expect(try files.contentsOfDirectory(atPath: scratch.path).isEmpty)
    let parent = URL(fileURLWithPath: scratch.path)
      .deletingLastPathComponent().standardizedFileURL
    #expect(parent == files.temporaryDirectory.standardizedFileURL)
  }

  @Test func newPathsAreInsideDistinctAndNotCreated() throws {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let first = scratch.newPath("out")
    let second = scratch.newPath("out")
    #expect(first != second)
    for path in [first, second] {
      #expect(path.hasPrefix(scratch.path + "/") && path.hasSuffix("-out"))
      #expect(!files.fileExists(atPath: path))
    }
    let file = try scratch.newFile("a.csv", containing: "id\nä\n")
    #expect(file.hasPrefix(scratch.path + "/") && file.hasSuffix("-a.csv"))
    let written = try Data(contentsOf: URL(fileURLWithPath: file))
    #expect(written == Data("id\nä\n".utf8))
  }

  @Test func removeDeletesTheDirectoryWithEverythingInIt() throws {
    let scratch = try ScratchDirectory()
    let nested = scratch.newPath("out") + "/deeper"
    try files.createDirectory(
      atPath: nested, withIntermediateDirectories: true)
    try Data("x".utf8).write(to: URL(fileURLWithPath: nested + "/f.csv"))
    _ = try scratch.newFile("hidden", containing: "")
    try files.createDirectory(
      atPath: scratch.path + "/.out.tmp-1", withIntermediateDirectories: false)
    scratch.remove()
    #expect(!files.fileExists(atPath: scratch.path))
    scratch.remove()  // already gone: nothing to do, nothing thrown
    #expect(!files.fileExists(atPath: scratch.path))
  }

  @Test func aDeferRemovesItWhenTheTestThrows() throws {
    struct Failure: Error {}
    var path = ""
    func failingTest() throws {
      let scratch = try ScratchDirectory()
      defer { scratch.remove() }
      path = scratch.path
      _ = try scratch.newFile("learners.csv", containing: "learner_id\n")
      throw Failure()
    }
    #expect(throws: Failure.self) { try failingTest() }
    #expect(!path.isEmpty && !files.fileExists(atPath: path))
  }

  @Test func eachScratchDirectoryIsNew() throws {
    let a = try ScratchDirectory()
    defer { a.remove() }
    let b = try ScratchDirectory()
    defer { b.remove() }
    #expect(a.path != b.path)
  }
}
