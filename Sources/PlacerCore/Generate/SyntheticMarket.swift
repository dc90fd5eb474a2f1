// `placer generate`: synthetic markets of any size, streamed to disk.

import Dispatch
import Foundation

/// A synthetic market with realistic structure, for benchmarks and demos.
///
/// Skills come in thirty clusters of related skills with their own goal
/// vocabularies; learners and listings draw mostly from one cluster, so
/// skill and text similarity carry signal. Locations are three hundred
/// invented cities with coordinates and Zipf-like sizes. Types, modes,
/// terms, years, programs, distance limits, equity groups, reserved seats,
/// stated preferences on both sides, pins and exclusions are all present.
/// Rates are tuned so that about 5% of learner-listing pairs pass the hard
/// constraints of CONTRACT.md §1 (the share does not depend on the size).
///
/// Every row is a pure function of the seed and its index, so the same
/// seed gives byte-identical files, rows are made in parallel, and only a
/// few thousand rows are in memory at a time.
public struct SyntheticMarket: Sendable {
  public var learnerCount: Int
  public var listingCount: Int
  public var seed: UInt64

  public init(learners: Int, listings: Int, seed: UInt64) {
    precondition(learners >= 0 && listings >= 0, "SyntheticMarket: size")
    learnerCount = learners
    listingCount = listings
    self.seed = seed
  }

  /// Writes `learners.csv` and `listings.csv` into `path`, which appears
  /// whole or not at all (as `allocate` does). `progress` receives a line
  /// now and then.
  /// - Throws: `OutputError` when the directory or a file cannot be
  ///   written, or `path` is non-empty without `force`.
  public func write(
    to path: String,
    force: Bool,
    progress: (String) -> Void = { _ in }
  ) throws(OutputError) {
    let directory = try OutputDirectory(path: path, force: force)
    do {
      let plan = SyntheticPlan(
        learners: learnerCount, listings: listingCount, seed: seed)
      try stream(
        "listings.csv", header: SyntheticPlan.listingHeader,
        rows: listingCount, into: directory, progress: progress
      ) { plan.listingRow($0) }
      let listings = ListingDirectory(plan: plan)
      try stream(
        "learners.csv", header: SyntheticPlan.learnerHeader,
        rows: learnerCount, into: directory, progress: progress
      ) { plan.learnerRow($0, directory: listings) }
      try directory.commit()
    } catch {
      directory.discard()
      throw error
    }
  }

  /// The CSV bytes of rows `range` of one file (header excluded).
  static func encode(
    _ range: Range<Int>,
    header: [String],
    row: (Int) -> [String]
  ) -> [UInt8] {
    // CSVWriter starts every text with the header; it is cut off here so
    // the quoting rules stay in one place.
    let headerLength = CSVWriter(header: header).bytes.count
    var writer = CSVWriter(header: header)
    for index in range { writer.append(row(index)) }
    return Array(writer.bytes.dropFirst(headerLength))
  }

  /// Writes one file in chunks made in parallel and appended in order.
  private func stream(
    _ name: String,
    header: [String],
    rows: Int,
    into directory: OutputDirectory,
    progress: (String) -> Void,
    row: @escaping @Sendable (Int) -> [String]
  ) throws(OutputError) {
    let file = try ChunkedFile(directory.staging.appendingPathComponent(name))
    try file.append(CSVWriter(header: header).bytes)
    let chunk = 4_096
    let batch = 16 * chunk
    for start in stride(from: 0, to: rows, by: batch) {
      let end = min(rows, start + batch)
      let count = (end - start + chunk - 1) / chunk
      let pieces = ChunkSlots(count: count)
      DispatchQueue.concurrentPerform(iterations: count) { k in
        let low = start + k * chunk
        pieces.store(
          Self.encode(low..<min(end, low + chunk), header: header, row: row),
          at: k)
      }
      for k in 0..<count { try file.append(pieces.take(k)) }
      if rows >= 100_000 { progress("\(name): \(end) of \(rows) rows") }
    }
    try file.close()
  }
}

/// Result slots filled by parallel workers, one slot each.
private final class ChunkSlots: @unchecked Sendable {
  private var slots: [[UInt8]]

  init(count: Int) {
    slots = Array(repeating: [], count: count)
  }

  // Each worker writes a different index of a pre-sized array, and the
  // reader waits for all of them (concurrentPerform returns after all).
  func store(_ bytes: [UInt8], at k: Int) {
    slots.withUnsafeMutableBufferPointer { $0[k] = bytes }
  }

  func take(_ k: Int) -> [UInt8] {
    slots[k]
  }
}

/// A file written by appending, with errors as `OutputError`.
private struct ChunkedFile {
  let url: URL
  let handle: FileHandle

  init(_ url: URL) throws(OutputError) {
    self.url = url
    guard FileManager.default.createFile(atPath: url.path, contents: nil),
      let handle = try? FileHandle(forWritingTo: url)
    else {
      throw OutputError("cannot create \(url.lastPathComponent)")
    }
    self.handle = handle
  }

  func append(_ bytes: [UInt8]) throws(OutputError) {
    do {
      try handle.write(contentsOf: bytes)
    } catch {
      throw OutputError(
        "cannot write \(url.lastPathComponent): \(error.localizedDescription)")
    }
  }

  func close() throws(OutputError) {
    do {
      try handle.close()
    } catch {
      throw OutputError(
        "cannot close \(url.lastPathComponent): \(error.localizedDescription)")
    }
  }
}
