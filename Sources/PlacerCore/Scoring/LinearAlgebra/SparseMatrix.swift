// A compressed sparse row (CSR) matrix and its product with dense matrices.

import Dispatch

/// A sparse `Float` matrix in compressed sparse row form.
///
/// Row `i` holds `columnIndices[rowStarts[i] ..< rowStarts[i + 1]]` with
/// the matching `values`; column indices are ascending within a row.
public struct SparseMatrix: Sendable, Equatable {
  public let rows: Int
  public let columns: Int
  public private(set) var rowStarts: [Int]
  public private(set) var columnIndices: [Int32]
  public private(set) var values: [Float]

  /// A matrix from its rows, each a list of (column, value) with
  /// ascending, distinct columns below `columns`.
  public init(columns: Int, rows entries: [[(column: Int32, value: Float)]])
  {
    self.columns = columns
    rows = entries.count
    rowStarts = [0]
    rowStarts.reserveCapacity(entries.count + 1)
    columnIndices = []
    values = []
    for row in entries {
      for entry in row {
        precondition(
          entry.column >= 0 && Int(entry.column) < columns,
          "SparseMatrix: column \(entry.column) out of range")
        columnIndices.append(entry.column)
        values.append(entry.value)
      }
      rowStarts.append(columnIndices.count)
    }
  }

  /// The stored entries.
  public var nonzeroCount: Int { values.count }

  /// The transpose, also in CSR form (the CSC form of `self`).
  public func transposed() -> SparseMatrix {
    var counts = [Int](repeating: 0, count: columns + 1)
    for column in columnIndices { counts[Int(column) + 1] += 1 }
    for c in 0..<columns { counts[c + 1] += counts[c] }
    var next = counts
    var indices = [Int32](repeating: 0, count: values.count)
    var transposedValues = [Float](repeating: 0, count: values.count)
    // Rows are visited in order, so each new row's columns stay ascending.
    for row in 0..<rows {
      for k in rowStarts[row]..<rowStarts[row + 1] {
        let c = Int(columnIndices[k])
        indices[next[c]] = Int32(row)
        transposedValues[next[c]] = values[k]
        next[c] += 1
      }
    }
    return SparseMatrix(
      rows: columns, columns: rows, rowStarts: counts,
      columnIndices: indices, values: transposedValues)
  }

  private init(
    rows: Int,
    columns: Int,
    rowStarts: [Int],
    columnIndices: [Int32],
    values: [Float]
  ) {
    self.rows = rows
    self.columns = columns
    self.rowStarts = rowStarts
    self.columnIndices = columnIndices
    self.values = values
  }

  /// `self · dense` (`rows x dense.columns`).
  ///
  /// Each output row is a sum of scaled rows of `dense`, accumulated in
  /// the order of the row's stored columns by one thread, so the result is
  /// bit-for-bit the same for any number of threads.
  /// - Complexity: O(nonzeroCount · dense.columns).
  public func multiply(_ dense: Matrix) -> Matrix {
    precondition(dense.rows == columns, "SparseMatrix.multiply: inner dims")
    let width = dense.columns
    var result = Matrix(rows: rows, columns: width)
    if rows == 0 || width == 0 { return result }
    let bounds = balancedChunks()
    rowStarts.withUnsafeBufferPointer { starts in
      columnIndices.withUnsafeBufferPointer { indices in
        values.withUnsafeBufferPointer { values in
          dense.values.withUnsafeBufferPointer { dense in
            result.values.withUnsafeMutableBufferPointer { out in
              let kernel = SparseKernel(
                starts: starts, indices: indices, values: values,
                dense: dense, out: out, width: width)
              DispatchQueue.concurrentPerform(
                iterations: bounds.count - 1
              ) { c in
                kernel.rows(bounds[c]..<bounds[c + 1])
              }
            }
          }
        }
      }
    }
    return result
  }

  /// Row boundaries of consecutive chunks holding about equal numbers of
  /// stored entries (at most 256 rows each), so that a few very dense
  /// rows — frequent terms in a transposed term matrix — do not leave one
  /// thread with most of the work.
  private func balancedChunks() -> [Int] {
    let target = max(1, nonzeroCount / 256)
    var bounds = [0]
    var start = 0
    for row in 0..<rows {
      let load = rowStarts[row + 1] - rowStarts[start]
      if row + 1 - start >= 256 || load >= target {
        bounds.append(row + 1)
        start = row + 1
      }
    }
    if bounds.last! < rows { bounds.append(rows) }
    return bounds
  }
}

/// Buffers of one sparse x dense product; each call writes its own rows.
private struct SparseKernel: @unchecked Sendable {
  let starts: UnsafeBufferPointer<Int>
  let indices: UnsafeBufferPointer<Int32>
  let values: UnsafeBufferPointer<Float>
  let dense: UnsafeBufferPointer<Float>
  let out: UnsafeMutableBufferPointer<Float>
  let width: Int

  func rows(_ range: Range<Int>) {
    let source = dense.baseAddress!
    let target = out.baseAddress!
    for row in range {
      let y = target + row * width
      for k in starts[row]..<starts[row + 1] {
        let a = values[k]
        let x = source + Int(indices[k]) * width
        for c in 0..<width { y[c] += a * x[c] }
      }
    }
  }
}
