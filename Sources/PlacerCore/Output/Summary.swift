// summary.json: counts, match quality, warnings and the run's manifest.

extension AllocationOutcome {
  /// The summary document; `command` is the argument vector of the run.
  public func summary(command: [String]) -> JSONValue {
    .object([
      ("counts", counts()),
      ("unmatched_by_reason", unmatchedByReason()),
      ("ranks", rankDistribution()),
      ("utilities", utilities()),
      ("stability", stability()),
      ("groups", groups()),
      ("skills", market.skillCoverage?.jsonValue ?? .null),
      ("reserve_precedence", reservePrecedenceSummary()),
      ("pins", pinsSummary()),
      ("warnings", warningSummary()),
      ("manifest", manifest(command: command)),
    ])
  }

  private var matchedLearners: [Int] {
    listingOf.indices.filter { listingOf[$0] >= 0 }
  }

  private func counts() -> JSONValue {
    let seats = market.listings.reduce(0) { $0 + $1.capacity }
    let matched = matchedLearners.count
    return .object([
      ("learners", .integer(market.learners.count)),
      ("listings", .integer(market.listings.count)),
      ("seats", .integer(seats)),
      ("matched", .integer(matched)),
      ("unmatched", .integer(market.learners.count - matched)),
      ("pinned", .integer(market.pinned.filter { $0 >= 0 }.count)),
      ("match_rate", .number(ratio(matched, market.learners.count))),
      ("fill_rate", .number(ratio(matched, seats))),
      ("proposals", .integer(result.proposals)),
    ])
  }

  private func unmatchedByReason() -> JSONValue {
    var counts: [UnmatchedReason: Int] = [:]
    for (i, j) in listingOf.enumerated() where j < 0 {
      counts[unmatchedReason(i), default: 0] += 1
    }
    return .object(
      UnmatchedReason.allCases.map { ($0.rawValue, .integer(counts[$0] ?? 0)) })
  }

  /// 1-based rank of each placed learner's listing in its own list.
  private func learnerRanks() -> [Int] {
    matchedLearners.compactMap { i in
      lists.learnerLists[i].firstIndex(of: listingOf[i]).map { $0 + 1 }
    }
  }

  private func rankDistribution() -> JSONValue {
    let ranks = learnerRanks()
    let buckets: [(String, ClosedRange<Int>)] = [
      ("1", 1...1), ("2", 2...2), ("3", 3...3), ("4-5", 4...5),
      ("6-10", 6...10), ("11+", 11...Int.max),
    ]
    let sorted = ranks.sorted()
    return .object([
      ("learner_rank_counts", .object(buckets.map { name, range in
        (name, .integer(ranks.filter { range.contains($0) }.count))
      })),
      ("mean_learner_rank", .number(mean(ranks.map(Double.init)))),
      ("median_learner_rank",
        sorted.isEmpty ? .null : .integer(sorted[(sorted.count - 1) / 2])),
      ("top_choice_rate", .number(ratio(
        ranks.filter { $0 == 1 }.count, market.learners.count))),
    ])
  }

  private func utilities() -> JSONValue {
    // Every placed pair as allocations.csv reports it, pinned ones too.
    let (learnerSum, employerSum) = allocatedUtilitySums(
      result.matching, lists: lists, scorer: scorer,
      configuration: configuration)
    let matched = Double(max(1, matchedLearners.count))
    return .object([
      ("mean_learner_utility", .number(learnerSum / matched)),
      ("mean_employer_utility", .number(employerSum / matched)),
      ("welfare", .number(learnerSum + employerSum)),
    ])
  }

  private func stability() -> JSONValue {
    .object([
      ("algorithm", .string(configuration.algorithm.rawValue)),
      ("blocking_pairs", .integer(problems.blockingPairs.count)),
      ("capacity_violations", .integer(problems.capacityViolations.count)),
      ("is_stable", .bool(problems.isValidAndStable)),
      ("price_of_stability", priceOfStability()),
    ])
  }

  /// Welfare (sum of learner + employer utility) of each stable extreme
  /// against the max-welfare optimum; null unless the run was max-welfare.
  private func priceOfStability() -> JSONValue {
    guard let optimum = welfareComparison.last else { return .null }
    return .object(welfareComparison.map { entry in
      (entry.name, .object([
        ("welfare", .number(entry.welfare)),
        ("share_of_optimum", .number(
          optimum.welfare > 0 ? entry.welfare / optimum.welfare : 1)),
      ] + (entry.name == "max-welfare"
        ? [("blocking_pairs", .integer(entry.blockingPairs))] : [])))
    })
  }

  private func groups() -> JSONValue {
    var members: [String: [Int]] = [:]
    for (i, learner) in market.learners.enumerated() {
      members[learner.group.isEmpty ? "(none)" : learner.group, default: []]
        .append(i)
    }
    return .object(members.keys.sorted().map { group in
      let indices = members[group]!
      let placed = indices.filter { listingOf[$0] >= 0 }
      let ranks = placed.compactMap { i in
        lists.learnerLists[i].firstIndex(of: listingOf[i]).map {
          Double($0 + 1)
        }
      }
      return (group, .object([
        ("learners", .integer(indices.count)),
        ("matched", .integer(placed.count)),
        ("match_rate", .number(ratio(placed.count, indices.count))),
        ("mean_learner_rank", .number(mean(ranks))),
      ]))
    })
  }

  private func warningSummary() -> JSONValue {
    var counts: [String: Int] = [:]
    for warning in warnings { counts[warning.kind, default: 0] += 1 }
    return .object([
      ("count", .integer(warnings.count)),
      ("by_kind", .object(counts.keys.sorted().map {
        ($0, .integer(counts[$0]!))
      })),
      ("messages", .array(warnings.prefix(100).map { .string($0.rendered) })),
    ])
  }

  private func manifest(command: [String]) -> JSONValue {
    .object([
      ("placer_version", .string(placerVersion)),
      ("command", .array(command.map { .string($0) })),
      ("configuration", configuration.jsonValue),
      ("seed", .integer(Int(truncatingIfNeeded: configuration.seed))),
      ("tie_break", .string(configuration.tieBreak.rawValue)),
      ("inputs", .array(sha256.map { file in
        .object([("path", .string(file.path)),
          ("sha256", .string(file.digest))])
      })),
      ("timings_seconds", .object(timings.map {
        ($0.stage, .number($0.seconds))
      })),
      ("scoring", scoringFigures()),
      ("blas", .string(BLAS.providerDescription)),
      ("blas_threads", BLAS.threadCount.map { .integer($0) } ?? .null),
    ])
  }
}

extension AllocationOutcome {
  /// What the score stage did: pairs pruned by constraint classes, GEMM
  /// work and thread-seconds in products and in top-K selection.
  func scoringFigures() -> JSONValue {
    let s = scoring
    return .object([
      ("pairs", .integer(s.pairs)),
      ("eligible_pairs", .integer(s.eligiblePairs)),
      ("products", .integer(s.products)),
      ("feature_width", .integer(s.featureWidth)),
      ("sparse_multiply_adds", .integer(s.sparseMultiplyAdds)),
      ("gemm_calls", .integer(s.gemmCalls)),
      ("latent_dimensions", .array(s.latentDimensions.map { .integer($0) })),
      ("gemm_gflop", .number(s.gemmFlops / 1e9)),
      ("gemm_thread_seconds", .number(s.gemmSeconds)),
      ("product_thread_seconds", .number(s.productSeconds)),
      ("top_k_thread_seconds", .number(s.topKSeconds)),
    ])
  }
}

/// `part / whole`, 0 when `whole` is 0.
func ratio(_ part: Int, _ whole: Int) -> Double {
  whole == 0 ? 0 : Double(part) / Double(whole)
}

/// The mean, 0 for no values.
func mean(_ values: [Double]) -> Double {
  values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
}
