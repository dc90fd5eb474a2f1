// Seeded instances and slow reference implementations for matching tests.

@testable import PlacerCore

enum MatchingFixtures {
  /// SplitMix64 (Steele, Lea & Flood 2014): tiny, seedable, good enough
  /// for test instances.
  struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
  }

  /// A random market: raw lists (with some pairs acceptable to one side
  /// only) and the profile built from them.
  struct Market {
    var learnerLists: [[Int32]]
    var listingLists: [[Int32]]
    var capacities: [Int]
    var profile: PreferenceProfile
  }

  static func randomMarket(
    learners n: Int,
    listings m: Int,
    capacities capacityRange: ClosedRange<Int>,
    listLength: ClosedRange<Int>,
    using rng: inout SplitMix64
  ) -> Market {
    let all = (0..<m).map { Int32($0) }
    let learnerLists = (0..<n).map { _ in
      Array(
        all.shuffled(using: &rng).prefix(
          Int.random(in: listLength, using: &rng)))
    }
    // Listings rank most learners, dropping about one in six.
    let listingLists = (0..<m).map { _ in
      (0..<n).map { Int32($0) }.shuffled(using: &rng)
        .filter { _ in Int.random(in: 0..<6, using: &rng) != 0 }
    }
    let capacities = (0..<m).map { _ in
      Int.random(in: capacityRange, using: &rng)
    }
    let profile = PreferenceProfile(
      learnerLists: learnerLists, listingLists: listingLists,
      capacities: capacities)
    return Market(
      learnerLists: learnerLists, listingLists: listingLists,
      capacities: capacities, profile: profile)
  }

  /// Random groups (about half the learners, in `groups` groups) and up to
  /// two reserves per listing.
  static func randomReserves(
    for profile: PreferenceProfile,
    groups: Int,
    precedence: ReservePrecedence,
    using rng: inout SplitMix64
  ) -> SeatReserves {
    let learnerGroup = (0..<profile.learnerCount).map { _ in
      Bool.random(using: &rng)
        ? Int32.random(in: 0..<Int32(groups), using: &rng) : -1
    }
    let reserves = profile.capacities.map { capacity in
      (0..<Int32(groups)).shuffled(using: &rng)
        .prefix(Int.random(in: 0...min(2, groups), using: &rng))
        .map {
          (group: $0, seats: Int.random(in: 0...max(1, capacity), using: &rng))
        }
    }
    return SeatReserves(
      learnerGroup: learnerGroup, reserves: reserves, precedence: precedence)
  }

  // MARK: Reference definitions, written for clarity, not speed

  /// Listing `j`'s choice from `applicants` following the text of
  /// `SeatReserves` step by step (pins seated first), and how many seats
  /// went through a reserve, pinned learners included.
  static func naiveChoice(
    at j: Int,
    from applicants: [Int],
    profile: PreferenceProfile,
    pinned: [Int32]?,
    reserves: SeatReserves?
  ) -> (chosen: Set<Int>, viaReserve: Int) {
    let pins = (pinned ?? []).indices.filter { pinned![$0] == Int32(j) }
    let seats = max(0, profile.capacities[j] - pins.count)
    let group = { (i: Int) in reserves?.learnerGroup[i] ?? -1 }

    // Reserved seats left after pinned members, trimmed from the end.
    var reserved = reserves?.reserves(at: j) ?? []
    var viaReserve = 0
    for index in reserved.indices {
      let used = pins.filter { group($0) == reserved[index].group }.count
      viaReserve += min(used, reserved[index].seats)
      reserved[index].seats -= min(used, reserved[index].seats)
    }
    var excess = reserved.reduce(0) { $0 + $1.seats } - seats
    for index in reserved.indices.reversed() where excess > 0 {
      let cut = min(excess, reserved[index].seats)
      reserved[index].seats -= cut
      excess -= cut
    }

    let rank = { (i: Int) in profile.listingRank(of: i, for: j) }
    let ranked = applicants.filter { rank($0) != nil }
      .sorted { rank($0)! < rank($1)! }
    var chosen: [Int] = []
    func take(_ count: Int, where admits: (Int) -> Bool) -> Int {
      let picks = ranked.filter { !chosen.contains($0) && admits($0) }
        .prefix(max(0, count))
      chosen += picks
      return picks.count
    }
    let totalReserved = reserved.reduce(0) { $0 + $1.seats }
    if reserves?.precedence == .openFirst {
      _ = take(seats - totalReserved) { _ in true }
    }
    for reserve in reserved {
      viaReserve += take(reserve.seats) { group($0) == reserve.group }
    }
    _ = take(seats - chosen.count) { _ in true }
    return (Set(chosen), viaReserve)
  }

  /// Blocking pairs by the definition: i (not pinned) prefers j, and j
  /// would choose i from its acceptable non-pinned learners plus i.
  static func naiveBlockingPairs(
    _ listingOf: [Int32],
    profile: PreferenceProfile,
    pinned: [Int32]? = nil,
    reserves: SeatReserves? = nil
  ) -> Set<BlockingPair> {
    let isPinned = { (i: Int) in (pinned?[i] ?? -1) >= 0 }
    var found: Set<BlockingPair> = []
    for i in 0..<profile.learnerCount where !isPinned(i) {
      let current =
        listingOf[i] >= 0
        ? profile.learnerRank(of: Int(listingOf[i]), for: i) : nil
      for (rank, j32) in profile.learnerList(i).enumerated()
      where rank < (current ?? Int.max) {
        let j = Int(j32)
        let held = (0..<profile.learnerCount).filter {
          !isPinned($0) && listingOf[$0] == j32
            && profile.listingRank(of: $0, for: j) != nil
        }
        let choice = naiveChoice(
          at: j, from: held + [i], profile: profile, pinned: pinned,
          reserves: reserves)
        if choice.chosen.contains(i) {
          found.insert(BlockingPair(learner: Int32(i), listing: j32))
        }
      }
    }
    return found
  }

  /// The textbook test without reserves: a vacancy, or j ranks i above its
  /// worst learner.
  static func textbookBlockingPairs(
    _ listingOf: [Int32],
    profile: PreferenceProfile
  ) -> Set<BlockingPair> {
    var found: Set<BlockingPair> = []
    for i in 0..<profile.learnerCount {
      let current =
        listingOf[i] >= 0
        ? profile.learnerRank(of: Int(listingOf[i]), for: i) : nil
      for (rank, j32) in profile.learnerList(i).enumerated()
      where rank < (current ?? Int.max) {
        let j = Int(j32)
        let held = (0..<profile.learnerCount).filter { listingOf[$0] == j32 }
        let worst =
          held.map { profile.listingRank(of: $0, for: j)! }.max() ?? -1
        if held.count < profile.capacities[j]
          || profile.listingRank(of: i, for: j)! < worst
        {
          found.insert(BlockingPair(learner: Int32(i), listing: j32))
        }
      }
    }
    return found
  }

  /// Every matching over acceptable pairs within capacity (pins fixed).
  static func allMatchings(
    _ profile: PreferenceProfile,
    pinned: [Int32]? = nil
  ) -> [[Int32]] {
    var left = profile.capacities
    var current = [Int32](repeating: -1, count: profile.learnerCount)
    for (i, j) in (pinned ?? []).enumerated() where j >= 0 {
      current[i] = j
      left[Int(j)] -= 1
    }
    var all: [[Int32]] = []
    func extend(_ i: Int) {
      if i == profile.learnerCount {
        all.append(current)
        return
      }
      if (pinned?[i] ?? -1) >= 0 { return extend(i + 1) }
      current[i] = -1
      extend(i + 1)
      for j in profile.learnerList(i) where left[Int(j)] > 0 {
        left[Int(j)] -= 1
        current[i] = j
        extend(i + 1)
        left[Int(j)] += 1
      }
      current[i] = -1
    }
    extend(0)
    return all
  }

  /// Learner i's rank of its listing, with unmatched ranked last.
  static func learnerRank(
    _ listingOf: [Int32], _ i: Int, _ profile: PreferenceProfile
  ) -> Int {
    listingOf[i] < 0
      ? Int.max : profile.learnerRank(of: Int(listingOf[i]), for: i)!
  }
}
