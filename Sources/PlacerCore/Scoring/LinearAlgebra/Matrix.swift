// A dense row-major matrix of Float, the value the rest of the core sees.

/// A dense, row-major matrix of `Float` over one contiguous array.
///
/// Float, not Double: scores only need about six significant digits, and
/// single precision halves memory traffic and doubles GEMM throughput.
public struct Matrix: Sendable, Equatable {
  public let rows: Int
  public let columns: Int
  public var values: [Float]

  /// A zero matrix.
  public init(rows: Int, columns: Int) {
    precondition(rows >= 0 && columns >= 0, "Matrix: negative shape")
    self.rows = rows
    self.columns = columns
    values = Array(repeating: 0, count: rows * columns)
  }

  /// A matrix over `values`, which must hold `rows * columns` entries.
  public init(rows: Int, columns: Int, values: [Float]) {
    precondition(values.count == rows * columns, "Matrix: size mismatch")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  public subscript(row: Int, column: Int) -> Float {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }
}
