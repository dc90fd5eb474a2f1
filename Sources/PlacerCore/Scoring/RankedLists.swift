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
    for i in 0..<n {
      var list: [Int32] = []
      var uL: [Float] = []
      var uE: [Float] = []
      var src: [EntrySource] = []
      // Candidates are distinct, so only stated entries can repeat.
      let mayRepeat = mode != .scores
      func add(_ j: Int32, _ l: Float, _ e: Float, _ s: EntrySource) {
        guard list.count < options.topK, !(mayRepeat && list.contains(j))
        else { return }
        list.append(j)
        uL.append(l)
        uE.append(e)
        src.append(s)
      }
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
          add(j, l, quantized(
            scores.utility(options.employerWeights, employerView: true)),
            .stated)
        }
      }
      if mode != .stated {
        let stated =
          market.learnerStated[i].isEmpty
          ? [] : Set(market.learnerStated[i])
        for e in candidates.entries(of: i) {
          let j = candidates.listings[e]
          add(j, candidates.learnerUtility[e], candidates.employerUtility[e],
            stated.contains(j) ? .stated : .inferred)
        }
      }
      learnerLists.append(list)
      learnerUtilities.append(uL)
      employerUtilities.append(uE)
      sources.append(src)
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
    var applicants = Array(
      repeating: [(learner: Int32, utility: Float, lottery: UInt64)](),
      count: listingCount)
    for (i, list) in learnerLists.enumerated() {
      for (position, j) in list.enumerated() {
        applicants[Int(j)].append(
          (Int32(i), employerUtilities[i][position],
            tieBreaker.listingSide(listing: Int(j), learner: i)))
      }
    }
    // Each listing's list is sorted on its own, so listings are shared
    // out among workers; the order is a strict total order (learners are
    // distinct), so the result does not depend on the split.
    var lists = Array(repeating: [Int32](), count: listingCount)
    let workers = ProcessInfo.processInfo.activeProcessorCount
    let chunk = max(1, (listingCount + 4 * workers - 1) / (4 * workers))
    let applicantLists = applicants
    lists.withUnsafeMutableBufferPointer { out in
      let out = ListSlots(slots: out)
      DispatchQueue.concurrentPerform(
        iterations: (listingCount + chunk - 1) / chunk
      ) { c in
        for j in (c * chunk)..<min(listingCount, (c + 1) * chunk) {
          out.slots[j] = applicantLists[j].sorted {
            if $0.utility != $1.utility { return $0.utility > $1.utility }
            if $0.lottery != $1.lottery { return $0.lottery < $1.lottery }
            return $0.learner < $1.learner
          }.map(\.learner)
        }
      }
    }
    return lists
  }
}

/// Per-listing result slots; each listing is written by one worker only.
private struct ListSlots: @unchecked Sendable {
  let slots: UnsafeMutableBufferPointer<[Int32]>
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
