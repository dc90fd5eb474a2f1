// A loaded skill taxonomy: every label it knows, mapped to one canonical
// name per concept.

/// One concept of a taxonomy: a preferred label and the other names it
/// answers to.
public struct SkillConcept: Sendable, Hashable {
  public var preferred: String
  public var alternatives: [String]
  /// A broader family (O*NET commodity title, ESCO broader skill), kept
  /// for reference; it never merges concepts.
  public var group: String

  public init(
    preferred: String, alternatives: [String] = [], group: String = ""
  ) {
    self.preferred = preferred
    self.alternatives = alternatives
    self.group = group
  }
}

/// The names of one taxonomy, cleaned as `SkillNormalizer.clean` does.
///
/// Each concept's canonical name is its cleaned preferred label. A label
/// claimed by several concepts goes, in this order of precedence, to the
/// concept whose preferred label it is, then to the first concept (in file
/// order) listing it as an alternative, then to the single concept whose
/// vendor-prefixed name it shortens (`Microsoft Excel` answers to `excel`,
/// `Apache Spark` to `spark`) or whose spelled-out acronym it is
/// (`Structured query language SQL` answers to `sql`); a short name that
/// several concepts could claim is left out.
public struct SkillTaxonomy: Sendable {
  /// `esco` or `onet`, and the file it came from.
  public var name: String
  /// Cleaned label -> canonical name.
  public private(set) var labels: [String: String] = [:]
  /// Canonical names; a skill that normalizes to one was recognized.
  public private(set) var canonicalNames: Set<String> = []

  /// Vendor prefixes dropped to derive short names, longest first.
  static let vendorPrefixes = [
    "microsoft office ", "microsoft ", "ms ", "adobe ", "google ", "apache ",
    "ibm ", "oracle ", "autodesk ", "amazon ", "apple ", "atlassian ",
    "salesforce ", "corel ", "cisco ", "red hat ", "vmware ", "mathworks ",
  ]

  /// A taxonomy of `concepts`, in file order.
  /// - Complexity: O(total number of labels).
  public init(name: String, concepts: [SkillConcept]) {
    self.name = name
    let canonical = concepts.map { SkillNormalizer.clean($0.preferred) }
    for name in canonical where !name.isEmpty && labels[name] == nil {
      labels[name] = name
      canonicalNames.insert(name)
    }
    for (concept, name) in zip(concepts, canonical) where !name.isEmpty {
      for alternative in concept.alternatives {
        let label = SkillNormalizer.clean(alternative)
        if !label.isEmpty && labels[label] == nil { labels[label] = name }
      }
    }
    addShortNames(concepts, canonical)
  }

  /// The canonical name for an already cleaned `label`, if known.
  public func canonicalName(for label: String) -> String? {
    labels[label]
  }

  /// Short names without a vendor prefix, when exactly one concept
  /// claims them and they are not labels already.
  private mutating func addShortNames(
    _ concepts: [SkillConcept],
    _ canonical: [String]
  ) {
    var claims: [String: Set<String>] = [:]
    for (label, name) in labels {
      guard let short = Self.shortName(label), labels[short] == nil
      else { continue }
      claims[short, default: []].insert(name)
    }
    for (concept, name) in zip(concepts, canonical) where !name.isEmpty {
      for raw in [concept.preferred] + concept.alternatives {
        guard let acronym = Self.acronym(in: raw), labels[acronym] == nil
        else { continue }
        claims[acronym, default: []].insert(name)
      }
    }
    for (short, names) in claims where names.count == 1 {
      labels[short] = names.first!
    }
  }

  /// An upper-case word of `raw` spelled out by the words just before it
  /// (`Cascading style sheets CSS` -> `css`), lower-cased; nil when none.
  static func acronym(in raw: String) -> String? {
    let words = raw.split(whereSeparator: \.isWhitespace)
    for (k, word) in words.enumerated()
    where (2...6).contains(word.count) && k >= word.count
      && word.allSatisfy({ $0.isUppercase && $0.isLetter })
    {
      let initials = words[(k - word.count)..<k]
        .compactMap { $0.first?.lowercased() }.joined()
      if initials == word.lowercased() { return initials }
    }
    return nil
  }

  /// `label` without its vendor prefix, or nil when it has none or too
  /// little would remain.
  static func shortName(_ label: String) -> String? {
    for prefix in vendorPrefixes where label.hasPrefix(prefix) {
      let rest = String(label.dropFirst(prefix.count))
      guard rest.count >= 2, rest.contains(where: \.isLetter) else {
        return nil
      }
      return rest
    }
    return nil
  }
}
