import Testing
@testable import PlacerCore

@Suite struct InputValidationTests {
  let listingsHeader = "listing_id,type,capacity,required_skills,reserve\n"
  let learnersHeader = "learner_id,skills,types,year,relocate,lat,lon\n"

  func listings(_ body: String) throws(InputErrors) -> [Listing] {
    var warnings: [Diagnostic] = []
    let table = try CSVReader.parse(
      Array((listingsHeader + body).utf8), file: "listings.csv")
    return try ListingReader.listings(
      from: table, format: InputFormat(), warnings: &warnings)
  }

  func learners(_ text: String) throws(InputErrors) -> [Learner] {
    var warnings: [Diagnostic] = []
    let table = try CSVReader.parse(Array(text.utf8), file: "learners.csv")
    return try LearnerReader.learners(
      from: table, format: InputFormat(), warnings: &warnings)
  }

  /// The single error thrown by `body`, with its rendered message.
  func onlyError(_ body: () throws -> Void) -> InputError? {
    do {
      try body()
      return nil
    } catch let error as InputErrors {
      #expect(error.errors.count == 1, "\(error.errors.map(\.message))")
      return error.errors.first
    } catch {
      Issue.record("unexpected error \(error)")
      return nil
    }
  }

  @Test func anEmptyCapacityGetsTheSameRangeAsABadOne() {
    // Said "seats >= 0" although 2,000,000 is refused too.
    let error = onlyError { _ = try listings("x,internship,,,\n") }
    #expect(error?.location.column == "capacity")
    #expect(error?.message.contains("from 0 to 1000000") == true)
  }

  @Test(arguments: ["-1", "abc", "1e9", "2.5", "99999999999"])
  func rejectsBadCapacity(value: String) {
    let error = onlyError { _ = try listings("x,internship,\(value),,\n") }
    #expect(error?.location == InputLocation(
      file: "listings.csv", line: 2, column: "capacity"))
    #expect(error?.message.contains("'\(value)'") == true)
  }

  @Test(arguments: ["python:0", "python:6", "python:high"])
  func rejectsBadSkillLevel(value: String) {
    let error = onlyError { _ = try listings("x,internship,1,\(value),\n") }
    #expect(error?.location.column == "required_skills")
    #expect(error?.location.line == 2)
  }

  @Test(arguments: ["c++:3:4", "a:b:2", ":3:4"])
  func rejectsTwoLevelSeparatorsInOneSkill(value: String) {
    // 'c++:3:4' was read as the skill 'c++:3' at level 4, silently.
    let error = onlyError {
      _ = try learners(learnersHeader + "a,\(value),,,,,\n")
    }
    #expect(error?.location.column == "skills")
    #expect(error?.message.contains("a single ':'") == true)
    // One separator stays fine, and a name without a level is level 3.
    let fine = try? learners(learnersHeader + "a,c++:4;rust,,,,,\n")
    #expect(fine?.first?.skills.map(\.level) == [4, 3])
  }

  @Test func rejectsUnknownType() {
    let error = onlyError { _ = try listings("x,job,1,,\n") }
    #expect(error?.location.column == "type")
    #expect(error?.message.contains("'internship'") == true)
  }

  @Test(arguments: ["0x10", "0x1p3", "nan", "inf", "1,5", "12°"])
  func rejectsNumbersThatAreNotDecimal(value: String) {
    let error = onlyError {
      _ = try learners(learnersHeader + "a,,,,,\"\(value)\",1\n")
    }
    #expect(error?.location.column == "lat")
    #expect(error?.message.contains("'\(value)'") == true)
  }

  @Test func maxDistanceMessageStatesTheRange() {
    // '1e308' is >= 0, yet was refused with "expected a distance in km >= 0".
    var warnings: [Diagnostic] = []
    do {
      let table = try CSVReader.parse(
        Array("learner_id,skills,max_distance_km\na,,1e308\n".utf8),
        file: "learners.csv")
      _ = try LearnerReader.learners(
        from: table, format: InputFormat(), warnings: &warnings)
      Issue.record("expected an error")
    } catch {
      #expect(error.errors.first?.message.contains("from 0 to 40075") == true)
    }
  }

  @Test func readsDecimalCoordinates() throws {
    let rows = try learners(learnersHeader + "a,,,,,-1.5e1,+2.25\n")
    #expect(rows[0].coordinate?.latitude == -15)
    #expect(rows[0].coordinate?.longitude == 2.25)
  }

  @Test(arguments: [";", "\t"])
  func namesASeparatorOtherThanComma(separator: String) {
    // Was two "required column is missing" errors, with no hint why.
    let header = ["learner_id", "skills", "goals"].joined(separator: separator)
    let error = onlyError {
      _ = try learners(header + "\na" + separator + "python:3" + separator + "x\n")
    }
    #expect(error?.location == InputLocation(file: "learners.csv", line: 1))
    #expect(error?.message.contains("comma-separated") == true)
  }

  @Test func namesSwappedInputFiles() {
    // A listings file given as --learners listed two missing columns.
    let error = onlyError {
      _ = try learners("listing_id,type,capacity\nx,internship,1\n")
    }
    #expect(error?.location.line == 1)
    #expect(error?.message.contains("are --learners and --listings swapped?")
      == true)
  }

  @Test func readsHeadersThatDifferOnlyInCase() throws {
    let rows = try learners("Learner_ID,SKILLS,Types\na,Python:4,co-op\n")
    #expect(rows.map(\.id) == ["a"])
    #expect(rows[0].types == [.coop])
    let error = onlyError {
      _ = try learners("Learner_ID,skills,year\na,,0\n")
    }
    #expect(error?.location.column == "year")
  }

  @Test func acceptsSpellingsOfTypesAndModes() throws {
    let rows = try learners(
      "learner_id,skills,types,modes\n"
        + "a,,Co-op;CO OP,On-site\n"
        + "b,,co_op;Apprenticeship,on site;REMOTE;HYBRID\n")
    #expect(rows[0].types == [.coop])
    #expect(rows[0].modes == [.onsite])
    #expect(rows[1].types == [.coop, .apprenticeship])
    #expect(rows[1].modes == [.onsite, .remote, .hybrid])
    let listing = try listings("x,Co Op,1,,\n")
    #expect(listing[0].type == .coop)
    let error = onlyError { _ = try listings("x,co-operative,1,,\n") }
    #expect(error?.location.column == "type")
  }

  @Test func rejectsReserveBeyondCapacity() {
    let error = onlyError { _ = try listings("x,co-op,2,,a:2;b:1\n") }
    #expect(error?.location.column == "reserve")
    #expect(error?.message.contains("at most the capacity") == true)
  }

  @Test func rejectsDuplicateIDsWithFirstLine() {
    let error = onlyError {
      _ = try listings("x,internship,1,,\ny,internship,1,,\nx,co-op,1,,\n")
    }
    #expect(error == .duplicateID(
      InputLocation(file: "listings.csv", line: 4, column: "listing_id"),
      id: "x", firstLine: 2))
  }

  @Test func rejectsMissingRequiredColumn() {
    let error = onlyError { _ = try learners("learner_id,goals\na,x\n") }
    #expect(error == .missingColumn(file: "learners.csv", column: "skills"))
  }

  @Test func rejectsBadLearnerCells() {
    do {
      _ = try learners(learnersHeader
        + "a,python:3,job,0,maybe,,\n"
        + "b,,internship,2,yes,95,10\n"
        + ",sql,,,,,\n")
      Issue.record("expected errors")
    } catch {
      let where_ = error.errors.map { "\($0.location.line!):\($0.location.column ?? "")" }
      #expect(where_ == ["2:types", "2:relocate", "2:year", "3:lat", "4:learner_id"])
    }
  }

  @Test func reportsEveryBadRowAtOnce() {
    let body = (0..<30).map { "r\($0),internship,-\($0 + 1),,\n" }.joined()
    do {
      _ = try listings(body)
      Issue.record("expected errors")
    } catch {
      #expect(error.errors.count == 30)
      #expect(error.errors.map { $0.location.line! } == Array(2...31))
    }
  }

  @Test func unknownColumnWarnsWithSuggestion() throws {
    var warnings: [Diagnostic] = []
    let table = try CSVReader.parse(
      Array("learner_id,skils,goals\na,,x\n".utf8), file: "learners.csv")
    do {
      _ = try LearnerReader.learners(
        from: table, format: InputFormat(), warnings: &warnings)
    } catch {
      // 'skills' is required and missing: that is the error.
      #expect(error.errors == [.missingColumn(file: "learners.csv", column: "skills")])
    }
    #expect(warnings.count == 1)
    #expect(warnings.first?.message.contains("did you mean 'skills'") == true)
  }

  @Test func crossFileProblems() throws {
    var a = Learner(id: "a", line: 2)
    a.preferences = ["x", "nope", "x"]
    a.pinned = "x"
    var b = Learner(id: "b", line: 3)
    b.pinned = "x"
    var c = Learner(id: "c", line: 4)
    c.pinned = "ghost"
    var x = Listing(id: "x", line: 2, type: .internship, capacity: 1)
    x.excluded = ["zed"]
    var warnings: [Diagnostic] = []
    do {
      _ = try Market(learners: [a, b, c], listings: [x], warnings: &warnings)
      Issue.record("expected pin errors")
    } catch {
      #expect(error.errors.map { $0.location.line! } == [3, 4])
      #expect(error.errors.allSatisfy { $0.location.column == "pinned" })
    }
    #expect(Set(warnings.map(\.kind)) == [
      "unknown_listing_id", "repeated_listing_id", "unknown_learner_id",
    ])
  }

  @Test func skillNamesNormalize() {
    let n = SkillNormalizer()
    #expect(n.normalize("MS Excel") == "excel")
    #expect(n.normalize(" microsoft   EXCEL ") == "excel")
    #expect(n.normalize("excel") == "excel")
    #expect(n.normalize("Machine_Learning") == "machine learning")
    #expect(n.normalize("C++") == "c++")
    #expect(n.normalize("Node.JS") == "node.js")
  }
}
