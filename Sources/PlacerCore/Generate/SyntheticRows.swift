// One synthetic learner or listing row, a pure function of (seed, index).

/// The parts of a listing other rows depend on, drawn first from its stream.
struct ListingSketch: Sendable {
  var cluster: Int
  var type: ListingType
  var mode: WorkMode
  var city: Int
  /// Index into `SkillCluster.terms`, or -1 for no term.
  var term: Int
  var capacity: Int

  /// Draws the sketch; `random` continues with the rest of the row.
  init(_ random: inout SyntheticRandom, plan: SyntheticPlan) {
    cluster = plan.listingClusters.draw(&random)
    type = plan.drawType(&random)
    let roll = random.unit()
    mode = roll < 0.5 ? .onsite : roll < 0.8 ? .hybrid : .remote
    city = CityAtlas.shared.population.draw(&random)
    term = random.chance(0.92) ? random.below(SkillCluster.terms.count) : -1
    let seats = random.unit()
    capacity =
      seats < 0.02 ? 0 : seats < 0.47 ? 1 : seats < 0.72 ? 2
      : seats < 0.87 ? 3 : seats < 0.95 ? 4 : random.int(in: 5...8)
  }
}

/// Sizes, seed and the tables shared by all rows of one market.
struct SyntheticPlan: Sendable {
  let learnerCount: Int
  let listingCount: Int
  let seed: UInt64
  /// Cluster popularity differs between the sides, so some clusters are
  /// crowded and others short of applicants.
  let learnerClusters: WeightedChoice
  let listingClusters: WeightedChoice
  static let learnerStream: UInt64 = 0x4c45_4152
  static let listingStream: UInt64 = 0x4c49_5354

  init(learners: Int, listings: Int, seed: UInt64) {
    learnerCount = learners
    listingCount = listings
    self.seed = seed
    let count = SkillCluster.all.count
    learnerClusters = WeightedChoice.zipf(count: count, shift: 4)
    listingClusters = WeightedChoice(
      weights: (0..<count).map { 1 / (Double((count - 1 - $0) * 7 % count) + 5) })
  }

  func learnerStream(_ i: Int) -> SyntheticRandom {
    SyntheticRandom(seed: seed, stream: Self.learnerStream, index: i)
  }

  func listingStream(_ j: Int) -> SyntheticRandom {
    SyntheticRandom(seed: seed, stream: Self.listingStream, index: j)
  }

  /// The primary cluster of learner `i` (the first draw of its stream).
  func learnerCluster(_ i: Int) -> Int {
    var random = learnerStream(i)
    return learnerClusters.draw(&random)
  }

  func drawType(_ random: inout SyntheticRandom) -> ListingType {
    let roll = random.unit()
    return roll < 0.55 ? .internship : roll < 0.8 ? .apprenticeship : .coop
  }

  func learnerID(_ i: Int) -> String { "L" + padded(i + 1, learnerCount) }
  func listingID(_ j: Int) -> String { "J" + padded(j + 1, listingCount) }
}

/// `value` with leading zeros to the width of `largest` (at least 5).
private func padded(_ value: Int, _ largest: Int) -> String {
  let text = String(value)
  let width = max(5, String(largest).count)
  return String(repeating: "0", count: max(0, width - text.count)) + text
}

/// Degrees with four decimals from an integer in 1e-4 degree.
func degrees(_ tenThousandths: Int) -> String {
  let sign = tenThousandths < 0 ? "-" : ""
  let magnitude = abs(tenThousandths)
  let fraction = String(magnitude % 10_000)
  return sign + String(magnitude / 10_000) + "."
    + String(repeating: "0", count: 4 - fraction.count) + fraction
}

/// `skill:level` entries joined by `;`.
func skillCell(_ skills: [String], levels: [Int]) -> String {
  zip(skills, levels).map { "\($0):\($1)" }.joined(separator: ";")
}

/// Free text from a vocabulary: short sentences opened by a lead-in.
func prose(
  _ random: inout SyntheticRandom,
  leads: [String],
  words: Int,
  primary: [String],
  secondary: [String]?,
  share: Double
) -> String {
  var sentences: [String] = []
  var left = words
  while left > 0 {
    let length = min(left, random.int(in: 4...8))
    left -= length
    var parts = [random.pick(leads)]
    for _ in 0..<length {
      let roll = random.unit()
      if roll < share {
        parts.append(random.pick(primary))
      } else if let secondary, roll < share + 0.12 {
        parts.append(random.pick(secondary))
      } else {
        parts.append(random.pick(SkillCluster.commonWords))
      }
    }
    sentences.append(parts.joined(separator: " ") + ".")
  }
  return sentences.joined(separator: " ")
}

/// A skill level from 1 to 5, mostly 2 to 4.
func drawLevel(_ random: inout SyntheticRandom, highest: Int = 5) -> Int {
  let roll = random.unit()
  let level =
    roll < 0.1 ? 1 : roll < 0.35 ? 2 : roll < 0.7 ? 3 : roll < 0.9 ? 4 : 5
  return min(level, highest)
}
