// Preference lists both sides use in matching, derived from the scores.

import Dispatch
import Foundation

/// How lists are formed (CONTRACT.md §3 `--preferences`).
public enum PreferenceMode: String, Sendable, Codable, CaseIterable {
  case scores
  case stated
  case extend
}

/// Where a learner-list entry came from.
public enum EntrySource: String, Sendable {
  case stated
  case inferred
  case pinned
}

/// Both sides' strict lists, ties already broken, with utilities per entry.
///
/// A listing's list holds every learner whose list holds the listing, ranked
/// by employer utility, then by the listing-side lottery number.
public struct RankedLists: Sendable {
  public var learnerLists: [[Int32]]
  public var learnerUtilities: [[Float]]
  public var employerUtilities: [[Float]]
  public var sources: [[EntrySource]]
  public var listingLists: [[Int32]]

  /// Lists for `mode` (CONTRACT.md §3).
  ///
  /// - `scores`: each learner's top-K candidates; listings rank applicants
  ///   by employer utility.
  /// - `stated`: a learner's list is its stated list (ineligible entries
  ///   dropped with a warning); a listing with a stated list accepts only
  ///   the learners on it, in that order; one without ranks by utility.
  /// - `extend`: stated entries first, then candidates by utility; listings
  ///   put their stated learners first, then the rest by utility.
  /// All lists are cut to `topK`, and entries below `minScore` are dropped.
  public init(
    mode: PreferenceMode,
    candidates: CandidateLists,
    scorer: PairScorer,
    options: ScoringOptions,
    warnings: inout [Diagnostic]
  ) {
    let market = scorer.market
    let n = candidates.learnerCount
    learnerLists = []
    learnerUtilities = []
    employerUtilities = []
    sources = []
    learnerLists.reserveCapacity(n)
    learnerUtilities.reserveCapacity(n)
    employerUtilities.reserveCapacity(n)
    sources.reserveCapacity(n)
    for i in 0..<n {
      var list = LearnerList(capacity: options.topK)
      if mode != .scores {
        for j in market.learnerStated[i] {
          guard scorer.eligibility.isEligible(i, Int(j)) else {
            warnings.append(ineligibleWarning(market, i, Int(j), scorer))
            continue
          }
          let scores = scorer.scores(i, Int(j))
          let l = quantized(
            scores.utility(options.learnerWeights, employerView: false))
          guard l >= Float(options.minScore) else { continue }
          list.add(
            j, l,
            quantized(scores.utility(options.employerWeights, employerView: true)),
            .stated, checkRepeat: true)
        }
      }
      if mode != .stated {
        let stated = market.learnerStated[i]
        for e in candidates.entries(of: i) {
          let j = candidates.listings[e]
          // Candidates are distinct, so only stated entries can repeat.
          list.add(
            j, candidates.learnerUtility[e], candidates.employerUtility[e],
            !stated.isEmpty && stated.contains(j) ? .stated : .inferred,
            checkRepeat: mode != .scores)
        }
      }
      learnerLists.append(list.listings)
      learnerUtilities.append(list.learnerUtilities)
      employerUtilities.append(list.employerUtilities)
      sources.append(list.sources)
    }
    listingLists = Self.listingLists(
      learnerLists: learnerLists, employerUtilities: employerUtilities,
      listingCount: market.listings.count, tieBreaker: options.tieBreaker)
    if mode != .scores {
      applyListingStatements(market, mode: mode)
    }
  }

  /// Puts each listing's stated learners first (and, in `stated` mode,
  /// drops everyone else from listings that state a list). A list whose ids
  /// are all unknown is still a stated list: it accepts nobody.
  private mutating func applyListingStatements(
    _ market: Market,
    mode: PreferenceMode
  ) {
    for (j, stated) in market.listingStated.enumerated()
    where !market.listings[j].preferences.isEmpty {
      let applicants = Set(listingLists[j])
      let first = stated.filter { applicants.contains($0) }
      if mode == .stated {
        listingLists[j] = first
      } else {
        let chosen = Set(first)
        listingLists[j] = first + listingLists[j].filter {
          !chosen.contains($0)
        }
      }
    }
  }

  /// Applicants of each listing, best first by employer utility.
  static func listingLists(
    learnerLists: [[Int32]],
    employerUtilities: [[Float]],
    listingCount: Int,
    tieBreaker: TieBreaker
  ) -> [[Int32]] {
    // Applicants grouped by listing with a counting sort into one flat
    // array (listing j's at `start[j] ..< start[j + 1]`), in learner order.
    var start = [Int](repeating: 0, count: listingCount + 1)
    for list in learnerLists {
      for j in list { start[Int(j) + 1] += 1 }
    }
    for j in 0..<listingCount { start[j + 1] += start[j] }
    var next = start
    var applicants = [Applicant](
      repeating: Applicant(learner: 0, utility: 0, lottery: 0),
      count: start[listingCount])
    for (i, list) in learnerLists.enumerated() {
      let utilities = employerUtilities[i]
      for (position, j) in list.enumerated() {
        applicants[next[Int(j)]] = Applicant(
          learner: Int32(i), utility: utilities[position],
          lottery: tieBreaker.listingSide(listing: Int(j), learner: i))
        next[Int(j)] += 1
      }
    }
    // Each listing's list is sorted on its own, so listings are shared
    // out among workers; the order is a strict total order (learners are
    // distinct), so the result does not depend on the split.
    var lists = Array(repeating: [Int32](), count: listingCount)
    let workers = ProcessInfo.processInfo.activeProcessorCount
    let chunk = max(1, (listingCount + 4 * workers - 1) / (4 * workers))
    let starts = start
    applicants.withUnsafeMutableBufferPointer { flat in
      lists.withUnsafeMutableBufferPointer { out in
        let slots = ListSlots(slots: out, applicants: flat)
        DispatchQueue.concurrentPerform(
          iterations: (listingCount + chunk - 1) / chunk
        ) { c in
          for j in (c * chunk)..<min(listingCount, (c + 1) * chunk) {
            var mine = UnsafeMutableBufferPointer(
              rebasing: slots.applicants[starts[j]..<starts[j + 1]])
            mine.sort {
              if $0.utility != $1.utility { return $0.utility > $1.utility }
              if $0.lottery != $1.lottery { return $0.lottery < $1.lottery }
              return $0.learner < $1.learner
            }
            slots.slots[j] = mine.map(\.learner)
          }
        }
      }
    }
    return lists
  }
}

/// A learner on a listing's list while the lists are sorted.
private struct Applicant {
  var learner: Int32
  var utility: Float
  var lottery: UInt64
}

/// Per-listing result slots and the applicants they are sorted from; each
/// listing's slot and applicants are touched by one worker only.
private struct ListSlots: @unchecked Sendable {
  let slots: UnsafeMutableBufferPointer<[Int32]>
  let applicants: UnsafeMutableBufferPointer<Applicant>
}

/// One learner's list while it is built: at most `capacity` entries.
private struct LearnerList {
  let capacity: Int
  var listings: [Int32] = []
  var learnerUtilities: [Float] = []
  var employerUtilities: [Float] = []
  var sources: [EntrySource] = []

  init(capacity: Int) {
    self.capacity = capacity
  }

  /// Appends an entry unless the list is full or (with `checkRepeat`)
  /// already holds the listing.
  mutating func add(
    _ j: Int32,
    _ learnerUtility: Float,
    _ employerUtility: Float,
    _ source: EntrySource,
    checkRepeat: Bool
  ) {
    guard listings.count < capacity, !(checkRepeat && listings.contains(j))
    else { return }
    listings.append(j)
    learnerUtilities.append(learnerUtility)
    employerUtilities.append(employerUtility)
    sources.append(source)
  }
}

/// The warning for a stated preference that names an ineligible listing.
private func ineligibleWarning(
  _ market: Market,
  _ i: Int,
  _ j: Int,
  _ scorer: PairScorer
) -> Diagnostic {
  let reason = scorer.eligibility.firstFailure(i, j)?.rawValue ?? "?"
  return Diagnostic(
    .warning, kind: "ineligible_preference",
    at: InputLocation(
      file: market.learnerFile, line: market.learners[i].line, column: "preferences"),
    "learner '\(market.learners[i].id.clipped)' states listing "
      + "'\(market.listings[j].id.clipped)', which it is not eligible for "
      + "(\(reason)); the entry is ignored")
}
