import Foundation
import Testing

@testable import PlacerCore

@Suite struct ConfigurationTests {
  func decode(_ json: String) throws -> RunConfiguration {
    try JSONDecoder().decode(RunConfiguration.self, from: Data(json.utf8))
  }

  /// The message of the `ConfigurationError` decoding `json` throws.
  func rejection(_ json: String) -> String? {
    do {
      _ = try decode(json)
      return nil
    } catch let error as ConfigurationError {
      return error.description
    } catch {
      return "not a ConfigurationError: \(error)"
    }
  }

  @Test func numbersOutsideTheFlagRangesAreRejected() {
    // `top_k: 0` crashed a run (index out of range) instead of exit 64.
    #expect(rejection(#"{"top_k": 0}"#)?.contains("top_k must be from 1") == true)
    #expect(rejection(#"{"top_k": -3}"#)?.contains("top_k") == true)
    #expect(rejection(#"{"min_score": 5}"#)?.contains("min_score") == true)
    #expect(rejection(#"{"min_score": -0.1}"#)?.contains("min_score") == true)
    #expect(rejection(#"{"block_size": 0}"#)?.contains("block_size") == true)
    #expect(
      rejection(#"{"distance_scale_km": -5}"#)?.contains("distance_scale_km")
        == true)
    #expect(
      rejection(#"{"goal_dimensions": 0}"#)?.contains("goal_dimensions") == true)
    #expect(rejection(#"{"top_k": 100000, "min_score": 1}"#) == nil)
  }

  @Test func badChoicesNameTheAcceptedValues() {
    // Reported as "Cannot initialize GoalMethod from invalid String value
    // LSA", without the values that would do.
    let method = rejection(#"{"goal_method": "LSA"}"#)
    #expect(method?.hasPrefix("goal_method must be one of ") == true)
    #expect(method?.contains("tfidf") == true)
    #expect(method?.hasSuffix(", got 'LSA'") == true)
    #expect(
      rejection(#"{"tie_break": "double"}"#)?.contains("single, multiple")
        == true)
    #expect(rejection(#"{"algorithm": "gale"}"#)?.contains("algorithm") == true)
    #expect(
      rejection(#"{"preferences": "x"}"#)?.contains("scores, stated") == true)
    #expect(
      rejection(#"{"reserve_precedence": "x"}"#)?.contains("open-first")
        == true)
    #expect(rejection(#"{"goal_method": "lsa", "tie_break": "multiple"}"#) == nil)
  }

  @Test func theManifestConfigurationReadsBackUnchanged() throws {
    // Six decimals wrote a weight of 4e-7 as 0.000000 and min_score 5e-7
    // as 0.000001, so the recorded configuration was another run's.
    var config = RunConfiguration()
    config.learnerWeights.relatedSkills = 4e-7
    config.employerWeights.goals = 1e308
    config.minScore = 5e-7
    config.distanceScaleKm = 12.345678901
    let text = config.jsonValue.rendered()
    #expect(text.contains("\"related_skills\": 4e-07"))
    #expect(text.contains("\"goals\": 0.45,"))
    #expect(try decode(text) == config)
  }

  @Test func unknownKeysAreRejectedWithTheNearestName() {
    let message = rejection(#"{"topk": 5}"#)
    #expect(message?.contains("unknown configuration key 'topk'") == true)
    #expect(message?.contains("did you mean 'top_k'?") == true)
    #expect(rejection(#"{"colour": 1}"#)?.contains("'colour'") == true)
  }

  @Test func separatorsAreSingleDistinctCharacters() throws {
    #expect(rejection(#"{"list_separator": ""}"#) != nil)
    #expect(rejection(#"{"list_separator": "ab"}"#) != nil)
    #expect(rejection(#"{"level_separator": "\""}"#) != nil)
    #expect(
      rejection(#"{"list_separator": ":"}"#)?.contains("must differ") == true)
    let swapped = try decode(#"{"list_separator": "|", "level_separator": "="}"#)
    #expect(swapped.inputFormat.listSeparator == "|")
    #expect(swapped.inputFormat.levelSeparator == "=")
  }

  @Test func theManifestConfigurationReadsBack() throws {
    // Every key the manifest records must be a key a config may hold.
    var config = RunConfiguration()
    config.topK = 7
    let data = Data(config.jsonValue.rendered().utf8)
    #expect(try JSONDecoder().decode(RunConfiguration.self, from: data) == config)
  }
}
