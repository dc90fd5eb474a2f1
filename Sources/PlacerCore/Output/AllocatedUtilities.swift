// The utilities an allocated pair is reported with, in one place, so that
// allocations.csv and every welfare figure of the summary agree.

/// Learner and employer utility of learner `i` placed at listing `j`, with
/// the pair's position in the learner's list and where it came from.
///
/// A pair on the learner's list (and not pinned) has the list's values; a
/// pinned pair is scored afresh, since a pin need not be on any list (in
/// stated mode it may be on the learner's list only).
struct AllocatedUtilities {
  var learner: Float
  var employer: Float
  var position: Int?
  var source: EntrySource

  /// `scores`, when given, are the pair's components (so a caller that
  /// has them does not score the pair twice).
  init(
    learner i: Int,
    listing j: Int,
    lists: RankedLists,
    scorer: PairScorer,
    configuration: RunConfiguration,
    scores known: PairScores? = nil
  ) {
    position = lists.learnerLists[i].firstIndex(of: Int32(j))
    if let position, scorer.market.pinned[i] < 0 {
      learner = lists.learnerUtilities[i][position]
      employer = lists.employerUtilities[i][position]
      source = lists.sources[i][position]
    } else {
      let scores = known ?? scorer.scores(i, j)
      learner = quantized(
        scores.utility(configuration.learnerWeights, employerView: false))
      employer = quantized(
        scores.utility(configuration.employerWeights, employerView: true))
      source = .pinned
    }
  }
}

/// Learner and employer utility summed over every placed learner of
/// `matching`, pinned pairs included, as `allocations.csv` reports them.
func allocatedUtilitySums(
  _ matching: Matching,
  lists: RankedLists,
  scorer: PairScorer,
  configuration: RunConfiguration
) -> (learner: Double, employer: Double) {
  var learner = 0.0
  var employer = 0.0
  for (i, j) in matching.listingOf.enumerated() where j >= 0 {
    let pair = AllocatedUtilities(
      learner: i, listing: Int(j), lists: lists, scorer: scorer,
      configuration: configuration)
    learner += Double(pair.learner)
    employer += Double(pair.employer)
  }
  return (learner, employer)
}

/// The welfare of `matching`: both sums of `allocatedUtilitySums`.
func allocationWelfare(
  _ matching: Matching,
  lists: RankedLists,
  scorer: PairScorer,
  configuration: RunConfiguration
) -> Double {
  let sums = allocatedUtilitySums(
    matching, lists: lists, scorer: scorer, configuration: configuration)
  return sums.learner + sums.employer
}
