// The only door to CBLAS: matrix products and the provider's identity.

import CBLAS
import Foundation

/// Dense products through the system CBLAS (OpenBLAS when installed).
public enum BLAS {
  /// `c = a[rowRange] * bᵀ`, written row-major into `c` from index
  /// `offset` on (`rowRange.count x b.rows`), via `cblas_sgemm`.
  ///
  /// `a` and `b` must have the same number of columns; `c` must hold at least
  /// `offset + rowRange.count * b.rows` entries.
  public static func multiplyTransposed(
    _ a: Matrix,
    rows rowRange: Range<Int>,
    by b: Matrix,
    into c: inout [Float],
    at offset: Int = 0
  ) {
    multiplyTransposed(
      a, rows: rowRange, by: b, rows: 0..<b.rows, into: &c, at: offset)
  }

  /// `c[offset...] = a[aRows] * b[bRows]ᵀ`, row-major with leading
  /// dimension `bRows.count`, via `cblas_sgemm`: the product of a block of
  /// learner rows with a run of listing rows.
  ///
  /// `a` and `b` must have the same number of columns; `c` must hold
  /// `offset + aRows.count * bRows.count` entries.
  public static func multiplyTransposed(
    _ a: Matrix,
    rows aRows: Range<Int>,
    by b: Matrix,
    rows bRows: Range<Int>,
    into c: inout [Float],
    at offset: Int
  ) {
    precondition(a.columns == b.columns, "multiplyTransposed: inner dims")
    precondition(aRows.lowerBound >= 0 && aRows.upperBound <= a.rows)
    precondition(bRows.lowerBound >= 0 && bRows.upperBound <= b.rows)
    let m = aRows.count
    let n = bRows.count
    let k = a.columns
    precondition(
      offset >= 0 && c.count >= offset + m * n,
      "multiplyTransposed: output too small")
    if m == 0 || n == 0 { return }
    if k == 0 {
      for index in offset..<(offset + m * n) { c[index] = 0 }
      return
    }
    a.values.withUnsafeBufferPointer { aBuffer in
      b.values.withUnsafeBufferPointer { bBuffer in
        c.withUnsafeMutableBufferPointer { cBuffer in
          cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans,
            Int32(m), Int32(n), Int32(k),
            1, aBuffer.baseAddress! + aRows.lowerBound * k, Int32(k),
            bBuffer.baseAddress! + bRows.lowerBound * k, Int32(k),
            0, cBuffer.baseAddress! + offset, Int32(n))
        }
      }
    }
  }

  /// `c = a · bᵀ` on raw row-major storage, via `cblas_sgemm`: `a` is
  /// `m x k`, `b` is `n x k` (both packed), `c` is `m x n` with leading
  /// dimension `ldc`. The blocked scorer's latent products.
  static func multiplyTransposed(
    m: Int,
    n: Int,
    k: Int,
    _ a: UnsafePointer<Float>,
    _ b: UnsafePointer<Float>,
    into c: UnsafeMutablePointer<Float>,
    ldc: Int
  ) {
    precondition(ldc >= n, "multiplyTransposed: ldc below n")
    if m == 0 || n == 0 { return }
    if k == 0 {
      for r in 0..<m { (c + r * ldc).update(repeating: 0, count: n) }
      return
    }
    cblas_sgemm(
      CblasRowMajor, CblasNoTrans, CblasTrans, Int32(m), Int32(n), Int32(k),
      1, a, Int32(k), b, Int32(k), 0, c, Int32(ldc))
  }

  /// The provider's own description (OpenBLAS's `openblas_get_config`), or
  /// the path of the loaded BLAS library when the provider has none.
  public static var providerDescription: String {
    typealias ConfigFunction = @convention(c) () -> UnsafePointer<CChar>?
    if let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0),
      "openblas_get_config")
    {
      let config = unsafeBitCast(symbol, to: ConfigFunction.self)
      if let text = config() { return String(cString: text) }
    }
    return loadedLibraryPath ?? "unknown BLAS"
  }

  /// The threads the provider uses, when it says (OpenBLAS does).
  public static var threadCount: Int? {
    typealias CountFunction = @convention(c) () -> Int32
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0),
      "openblas_get_num_threads")
    else { return nil }
    return Int(unsafeBitCast(symbol, to: CountFunction.self)())
  }

  /// Asks the provider to use `count` threads (OpenBLAS's
  /// `openblas_set_num_threads`); false when the provider has no such
  /// control. Outputs do not depend on it (tested).
  @discardableResult
  public static func setThreadCount(_ count: Int) -> Bool {
    threadControl.lock()
    defer { threadControl.unlock() }
    return setThreads(count)
  }

  /// Runs `body` with the provider on one thread, then restores its
  /// thread count; one such call runs at a time in the process.
  ///
  /// OpenBLAS's threaded level-2 kernels split some sums across threads,
  /// so LAPACK factorizations built on them (`sgeqrf`, `sgesdd`, `ssyevr`)
  /// round differently for different thread counts (measured); on one
  /// thread their bits are fixed. Its `sgemm` kept its bits across thread
  /// counts on one machine but not on another (an AVX-512 AMD EPYC), so
  /// a GEMM whose bits reach an output runs here too.
  static func singleThreaded<T, E: Error>(_ body: () throws(E) -> T)
    throws(E) -> T
  {
    threadControl.lock()
    defer { threadControl.unlock() }
    let previous = threadCount
    setThreads(1)
    defer { if let previous { setThreads(previous) } }
    return try body()
  }

  private static let threadControl = NSLock()

  @discardableResult
  private static func setThreads(_ count: Int) -> Bool {
    typealias SetFunction = @convention(c) (Int32) -> Void
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0),
      "openblas_set_num_threads")
    else { return false }
    unsafeBitCast(symbol, to: SetFunction.self)(Int32(count))
    return true
  }

  /// The shared object that provides `cblas_sgemm`, read from the loader.
  private static var loadedLibraryPath: String? {
    guard let maps = try? String(contentsOfFile: "/proc/self/maps",
      encoding: .utf8)
    else { return nil }
    for line in maps.split(separator: "\n")
    where line.contains("blas") && line.contains(".so") {
      if let path = line.split(separator: " ").last { return String(path) }
    }
    return nil
  }
}
