// Which skills named in a market the loaded taxonomies recognized, so an
// office sees what its taxonomy misses.

/// Skill names of a market against the loaded taxonomies.
///
/// A mention is one skill of one learner (`skills`) or one listing
/// (`required_skills` and `preferred_skills`). A skill is recognized when
/// it normalizes to a concept of a loaded taxonomy; without a taxonomy
/// nothing is judged and `unmapped` is nil.
public struct SkillCoverage: Sendable {
  /// One skill no taxonomy recognized, with its mentions per side.
  public struct Unmapped: Sendable, Hashable {
    public var skill: String
    public var learners: Int
    public var listings: Int
    public var count: Int { learners + listings }
  }

  /// Names of the loaded taxonomies (`format:path`), in load order.
  public var taxonomies: [String]
  public var distinctSkills: Int
  public var mentions: Int
  /// Every unrecognized skill, most mentioned first, ties by name; nil
  /// when no taxonomy is loaded.
  public var unmapped: [Unmapped]?

  /// How many unmapped skills the summary lists.
  public static let shown = 25

  /// The coverage of `market`'s skills by `normalizer`'s taxonomies.
  public init(market: Market, normalizer: SkillNormalizer) {
    var learnerCount: [String: Int] = [:]
    var listingCount: [String: Int] = [:]
    for learner in market.learners {
      for skill in learner.skills { learnerCount[skill.skill, default: 0] += 1 }
    }
    for listing in market.listings {
      for skill in listing.requiredSkills + listing.preferredSkills {
        listingCount[skill.skill, default: 0] += 1
      }
    }
    let names = Set(learnerCount.keys).union(listingCount.keys)
    taxonomies = normalizer.taxonomies.map(\.name)
    distinctSkills = names.count
    mentions =
      learnerCount.values.reduce(0, +)
      + listingCount.values.reduce(0, +)
    guard !normalizer.taxonomies.isEmpty else { return }
    unmapped = names.filter { !normalizer.isRecognized($0) }
      .map {
        Unmapped(
          skill: $0, learners: learnerCount[$0] ?? 0,
          listings: listingCount[$0] ?? 0)
      }
      .sorted { ($1.count, $0.skill) < ($0.count, $1.skill) }
  }

  /// The summary section: totals, then (with a taxonomy) the unmapped
  /// skills, the first `shown` of them listed.
  public var jsonValue: JSONValue {
    var members: [(String, JSONValue)] = [
      ("taxonomies", .array(taxonomies.map { .string($0) })),
      ("distinct_skills", .integer(distinctSkills)),
      ("mentions", .integer(mentions)),
    ]
    guard let unmapped else {
      return .object(members + [("unmapped", .null)])
    }
    let missed = unmapped.reduce(0) { $0 + $1.count }
    members.append(
      (
        "recognized",
        .object([
          ("distinct", .integer(distinctSkills - unmapped.count)),
          ("mentions", .integer(mentions - missed)),
        ])
      ))
    members.append(
      (
        "unmapped",
        .object([
          ("distinct", .integer(unmapped.count)),
          ("mentions", .integer(missed)),
          (
            "top",
            .array(
              unmapped.prefix(Self.shown).map { entry in
                .object([
                  ("skill", .string(entry.skill)),
                  ("count", .integer(entry.count)),
                  ("learners", .integer(entry.learners)),
                  ("listings", .integer(entry.listings)),
                ])
              })
          ),
        ])
      ))
    return .object(members)
  }
}
