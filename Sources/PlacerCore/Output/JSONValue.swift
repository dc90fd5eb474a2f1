// A JSON value with ordered keys, rendered deterministically.

import Foundation

/// A JSON document whose object keys keep the order they were given in.
public enum JSONValue: Sendable, Equatable {
  case object([(String, JSONValue)])
  case array([JSONValue])
  case string(String)
  case integer(Int)
  case number(Double)
  /// A number written in full (shortest round-trip digits), for settings
  /// that must read back unchanged; `number` keeps six decimals.
  case exactNumber(Double)
  case bool(Bool)
  case null

  public static func == (a: JSONValue, b: JSONValue) -> Bool {
    a.rendered() == b.rendered()
  }

  /// Pretty-printed text with two-space indentation and a final newline.
  public func rendered() -> String {
    var out = ""
    write(to: &out, indent: 0)
    return out + "\n"
  }

  private func write(to out: inout String, indent: Int) {
    let pad = String(repeating: " ", count: indent + 2)
    let close = String(repeating: " ", count: indent)
    switch self {
    case .object(let members):
      guard !members.isEmpty else { out += "{}"; return }
      out += "{\n"
      for (k, (key, value)) in members.enumerated() {
        out += pad + quoted(key) + ": "
        value.write(to: &out, indent: indent + 2)
        out += k + 1 < members.count ? ",\n" : "\n"
      }
      out += close + "}"
    case .array(let items):
      guard !items.isEmpty else { out += "[]"; return }
      out += "[\n"
      for (k, item) in items.enumerated() {
        out += pad
        item.write(to: &out, indent: indent + 2)
        out += k + 1 < items.count ? ",\n" : "\n"
      }
      out += close + "]"
    case .string(let text): out += quoted(text)
    case .integer(let value): out += String(value)
    case .number(let value):
      out += value.isFinite ? String(format: "%.6f", value) : "null"
    case .exactNumber(let value):
      // Swift's description is valid JSON for finite values ("0.45",
      // "4e-07", "1e+308").
      out += value.isFinite ? value.description : "null"
    case .bool(let value): out += value ? "true" : "false"
    case .null: out += "null"
    }
  }
}

/// A JSON string literal.
private func quoted(_ text: String) -> String {
  var out = "\""
  for scalar in text.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\r": out += "\\r"
    case "\t": out += "\\t"
    case _ where scalar.value < 0x20:
      out += String(format: "\\u%04x", scalar.value)
    default: out.unicodeScalars.append(scalar)
    }
  }
  return out + "\""
}
