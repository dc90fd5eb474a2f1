// The only door to LAPACKE: QR, singular value and symmetric eigen
// decompositions on `Matrix` values.

import CLAPACKE

/// A LAPACK routine that could not finish (`info > 0`): a numerical
/// outcome such as an SVD that did not converge, not a bad argument.
public struct LAPACKError: Error, Sendable, CustomStringConvertible {
  /// The routine that failed, e.g. `sgesdd`.
  public var routine: String
  /// Its `info` code.
  public var info: Int

  public var description: String {
    "LAPACK \(routine) did not finish (info \(info))"
  }
}

/// Dense factorizations through the system LAPACKE (row-major layout).
///
/// `info < 0` means we passed a bad argument, our bug: it traps. `info > 0`
/// is a numerical outcome and throws `LAPACKError`. Every routine runs with
/// the BLAS provider on one thread (`BLAS.singleThreaded`), so its result
/// is the same bits whatever `OPENBLAS_NUM_THREADS` says.
public enum LAPACK {
  /// Replaces the columns of `a` (rows >= columns) by an orthonormal basis
  /// of their span: Householder QR (`sgeqrf`), then Q formed explicitly
  /// (`sorgqr`).
  public static func orthonormalizeColumns(_ a: inout Matrix)
    throws(LAPACKError)
  {
    let m = a.rows
    let n = a.columns
    precondition(m >= n, "orthonormalizeColumns: \(m) rows < \(n) columns")
    if n == 0 { return }
    var tau = [Float](repeating: 0, count: n)
    let info = BLAS.singleThreaded {
      a.values.withUnsafeMutableBufferPointer { values in
        tau.withUnsafeMutableBufferPointer { tau in
          let qr = LAPACKE_sgeqrf(
            LAPACK_ROW_MAJOR, Int32(m), Int32(n), values.baseAddress,
            Int32(n), tau.baseAddress)
          guard qr == 0 else { return (routine: "sgeqrf", code: qr) }
          let q = LAPACKE_sorgqr(
            LAPACK_ROW_MAJOR, Int32(m), Int32(n), Int32(n),
            values.baseAddress, Int32(n), tau.baseAddress)
          return (routine: "sorgqr", code: q)
        }
      }
    }
    try check(info.routine, info.code)
  }

  /// The thin singular value decomposition `a = u · diag(s) · vt`
  /// (`sgesdd`, divide and conquer); `s` is descending, `u` is
  /// `rows x r` and `vt` is `r x columns` with `r = min(rows, columns)`.
  public static func singularValueDecomposition(_ a: Matrix)
    throws(LAPACKError) -> (u: Matrix, s: [Float], vt: Matrix)
  {
    let m = a.rows
    let n = a.columns
    let r = min(m, n)
    var work = a.values
    var s = [Float](repeating: 0, count: r)
    var u = Matrix(rows: m, columns: r)
    var vt = Matrix(rows: r, columns: n)
    if r == 0 { return (u, s, vt) }
    let info = BLAS.singleThreaded {
      work.withUnsafeMutableBufferPointer { work in
        s.withUnsafeMutableBufferPointer { s in
          u.values.withUnsafeMutableBufferPointer { u in
            vt.values.withUnsafeMutableBufferPointer { vt in
              LAPACKE_sgesdd(
                LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "S")), Int32(m), Int32(n),
                work.baseAddress, Int32(n), s.baseAddress, u.baseAddress,
                Int32(r), vt.baseAddress, Int32(n))
            }
          }
        }
      }
    }
    try check("sgesdd", info)
    return (u, s, vt)
  }

  /// The `count` largest eigenvalues of the symmetric matrix `a`, in
  /// descending order, with unit eigenvectors as the columns of `vectors`
  /// (`a.rows x count`), by `ssyevr` (relatively robust representations)
  /// asked for that index range only. Only the upper triangle is read.
  public static func largestEigenpairs(_ a: Matrix, count: Int)
    throws(LAPACKError) -> (values: [Float], vectors: Matrix)
  {
    let n = a.rows
    precondition(a.columns == n, "largestEigenpairs: matrix not square")
    precondition(count >= 0 && count <= n, "largestEigenpairs: count")
    if count == 0 { return ([], Matrix(rows: n, columns: 0)) }
    var work = a.values
    var w = [Float](repeating: 0, count: n)
    var z = Matrix(rows: n, columns: count)
    var support = [Int32](repeating: 0, count: 2 * count)
    var found: Int32 = 0
    let info = BLAS.singleThreaded {
      work.withUnsafeMutableBufferPointer { work in
        w.withUnsafeMutableBufferPointer { w in
          z.values.withUnsafeMutableBufferPointer { z in
            support.withUnsafeMutableBufferPointer { support in
              LAPACKE_ssyevr(
                LAPACK_ROW_MAJOR, CChar(UInt8(ascii: "V")),
                CChar(UInt8(ascii: "I")), CChar(UInt8(ascii: "U")), Int32(n),
                work.baseAddress, Int32(n), 0, 0, Int32(n - count + 1),
                Int32(n), 0, &found, w.baseAddress, z.baseAddress,
                Int32(count), support.baseAddress)
            }
          }
        }
      }
    }
    try check("ssyevr", info)
    precondition(Int(found) == count, "largestEigenpairs: found \(found)")

    // ssyevr returns ascending order; callers want the largest first.
    var values = [Float](repeating: 0, count: count)
    var vectors = Matrix(rows: n, columns: count)
    for c in 0..<count {
      values[c] = w[count - 1 - c]
      for row in 0..<n { vectors[row, c] = z[row, count - 1 - c] }
    }
    return (values, vectors)
  }

  private static func check(_ routine: String, _ info: Int32)
    throws(LAPACKError)
  {
    precondition(info >= 0, "\(routine): argument \(-info) is invalid")
    if info > 0 { throw LAPACKError(routine: routine, info: Int(info)) }
  }
}
