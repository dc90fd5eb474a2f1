// Canonical names for skills and labels, so spellings of one thing compare equal.

/// Maps free-text skill names to one canonical spelling.
///
/// Normalization lower-cases, turns `_` and `-` into spaces, drops
/// punctuation other than `+`, `#` and inner `.` (so `C++`, `C#` and
/// `node.js` survive), collapses white space, then applies the alias table.
/// With taxonomies loaded, a skill name is looked up in them (in load
/// order, the first that knows it decides), first as cleaned and then
/// after the alias table, so `MS Excel` -> `excel` -> the taxonomy's
/// concept; names no taxonomy knows keep the alias-table result.
public struct SkillNormalizer: Sendable {
  /// Normalized alias -> normalized canonical name.
  public private(set) var aliases: [String: String]
  /// Loaded taxonomies, in precedence order.
  public var taxonomies: [SkillTaxonomy] = []

  /// A normalizer with the built-in aliases plus `extra` ones.
  public init(extra: [String: String] = [:]) {
    aliases = [:]
    for (alias, canonical) in Self.builtInAliases {
      addAlias(alias, for: canonical)
    }
    for (alias, canonical) in extra {
      addAlias(alias, for: canonical)
    }
  }

  /// Makes `alias` land on `canonical` (both are normalized first).
  public mutating func addAlias(_ alias: String, for canonical: String) {
    let key = Self.clean(alias)
    let value = Self.clean(canonical)
    guard !key.isEmpty, !value.isEmpty, key != value else { return }
    aliases[key] = aliases[value] ?? value
  }

  /// The canonical form of skill name `raw`; empty when nothing is left.
  public func normalize(_ raw: String) -> String {
    let cleaned = Self.clean(raw)
    let aliased = aliases[cleaned] ?? cleaned
    guard !taxonomies.isEmpty else { return aliased }
    return taxonomyName(cleaned) ?? taxonomyName(aliased) ?? aliased
  }

  /// The canonical form of a tag such as a sector: cleaning and aliases,
  /// never a taxonomy (taxonomies name skills, not sectors).
  public func normalizeTag(_ raw: String) -> String {
    let cleaned = Self.clean(raw)
    return aliases[cleaned] ?? cleaned
  }

  /// True when `name` (already normalized) is a concept of a loaded
  /// taxonomy.
  public func isRecognized(_ name: String) -> Bool {
    taxonomies.contains { $0.canonicalNames.contains(name) }
  }

  private func taxonomyName(_ label: String) -> String? {
    for taxonomy in taxonomies {
      if let name = taxonomy.canonicalName(for: label) { return name }
    }
    return nil
  }

  /// Case, separator and punctuation folding, without aliases.
  ///
  /// ASCII names, nearly all of them, are folded byte by byte; others go
  /// through the Unicode character properties (`cleanCharacters`). Both
  /// give the same result on ASCII text (tested).
  public static func clean(_ raw: String) -> String {
    asciiClean(raw) ?? cleanCharacters(raw)
  }

  /// `clean` by bytes; nil when `raw` is not all ASCII.
  static func asciiClean(_ raw: String) -> String? {
    var out: [UInt8] = []
    out.reserveCapacity(raw.utf8.count)
    var pendingSpace = false
    for var byte in raw.utf8 {
      guard byte < 0x80 else { return nil }
      if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
      switch byte {
      case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
        UInt8(ascii: "+"), UInt8(ascii: "#"), UInt8(ascii: "."):
        if pendingSpace {
          out.append(UInt8(ascii: " "))
          pendingSpace = false
        }
        out.append(byte)
      case 0x09...0x0D, UInt8(ascii: " "), UInt8(ascii: "_"), UInt8(ascii: "-"),
        UInt8(ascii: "/"):
        pendingSpace = !out.isEmpty
      default:
        continue
      }
    }
    var end = out.count
    while end > 0 && out[end - 1] == UInt8(ascii: ".") { end -= 1 }
    var start = 0
    while start < end && out[start] == UInt8(ascii: ".") { start += 1 }
    return String(decoding: out[start..<end], as: UTF8.self)
  }

  /// `clean` by characters and their Unicode properties.
  static func cleanCharacters(_ raw: String) -> String {
    var out: [Character] = []
    out.reserveCapacity(raw.count)
    var pendingSpace = false
    for ch in raw.lowercased() {
      let keep: Character?
      if ch.isLetter || ch.isNumber || ch == "+" || ch == "#" || ch == "." {
        keep = ch
      } else if ch.isWhitespace || ch == "_" || ch == "-" || ch == "/" {
        keep = nil
        pendingSpace = !out.isEmpty
        continue
      } else {
        keep = nil
      }
      guard let keep else { continue }
      if pendingSpace {
        out.append(" ")
        pendingSpace = false
      }
      out.append(keep)
    }
    // A dot only means something inside a name (node.js, .net keeps "net").
    while out.last == "." { out.removeLast() }
    while out.first == "." { out.removeFirst() }
    return String(out)
  }

  /// Aliases every office runs into; taxonomies loaded later add more.
  static let builtInAliases: [(String, String)] = [
    ("ms excel", "excel"),
    ("microsoft excel", "excel"),
    ("ms word", "word"),
    ("microsoft word", "word"),
    ("ms powerpoint", "powerpoint"),
    ("microsoft powerpoint", "powerpoint"),
    ("js", "javascript"),
    ("javascipt", "javascript"),
    ("ecmascript", "javascript"),
    ("ts", "typescript"),
    ("golang", "go"),
    ("py", "python"),
    ("python3", "python"),
    ("python 3", "python"),
    ("postgres", "postgresql"),
    ("k8s", "kubernetes"),
    ("nodejs", "node.js"),
    ("node", "node.js"),
    ("reactjs", "react"),
    ("react.js", "react"),
    ("vuejs", "vue"),
    ("vue.js", "vue"),
    ("cpp", "c++"),
    ("csharp", "c#"),
    ("ml", "machine learning"),
    ("ai", "artificial intelligence"),
  ]
}

/// Folds a free-text label (location, term, program, group, sector) for
/// equality: lower case, trimmed, inner white space collapsed.
///
/// ASCII labels are folded byte by byte, others by characters; the two
/// agree on ASCII text (tested).
public func normalizedLabel(_ raw: String) -> String {
  asciiNormalizedLabel(raw) ?? characterNormalizedLabel(raw)
}

/// `normalizedLabel` by bytes; nil when `raw` is not all ASCII.
func asciiNormalizedLabel(_ raw: String) -> String? {
  var out: [UInt8] = []
  out.reserveCapacity(raw.utf8.count)
  var pendingSpace = false
  for var byte in raw.utf8 {
    guard byte < 0x80 else { return nil }
    if byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte) {
      pendingSpace = !out.isEmpty
      continue
    }
    if byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") { byte += 32 }
    if pendingSpace {
      out.append(UInt8(ascii: " "))
      pendingSpace = false
    }
    out.append(byte)
  }
  return String(decoding: out, as: UTF8.self)
}

/// `normalizedLabel` by characters and their Unicode properties.
func characterNormalizedLabel(_ raw: String) -> String {
  raw.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
}
