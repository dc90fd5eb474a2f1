// SHA-256 of input files through OpenSSL's libcrypto.

import CCrypto
import Foundation

/// Lower-case hex SHA-256 of `bytes`, computed by libcrypto's `EVP_Digest`.
public func sha256Hex(_ bytes: some ContiguousBytes) -> String {
  var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
  var length: UInt32 = 0
  let ok = bytes.withUnsafeBytes { input in
    EVP_Digest(
      input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
  }
  precondition(ok == 1 && length == 32, "sha256Hex: EVP_Digest failed")
  let hex = Array("0123456789abcdef".utf8)
  var out: [UInt8] = []
  for byte in digest[0..<32] {
    out.append(hex[Int(byte >> 4)])
    out.append(hex[Int(byte & 0xf)])
  }
  return String(decoding: out, as: UTF8.self)
}
