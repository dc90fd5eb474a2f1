import Foundation
import PlacerTestSupport
import Testing

@testable import PlacerCore

@Suite struct TaxonomyTests {
  static let excelSpellings = ["MS Excel", "excel", "Microsoft Excel"]

  static let onet = TaxonomySource(
    format: .onet, path: fixture("taxonomies/onet-technology-skills.txt"))
  static let esco = TaxonomySource(
    format: .esco, path: fixture("taxonomies/esco-digital-skills.csv"))

  func normalizer(_ sources: [TaxonomySource]) throws -> SkillNormalizer {
    var format = InputFormat()
    format.taxonomies = sources
    _ = try format.loadTaxonomies()
    return format.skills
  }

  /// A taxonomy read from `text` in `format`, written to a temporary file.
  func taxonomy(_ text: String, _ format: TaxonomySource.Format) throws
    -> SkillTaxonomy
  {
    let scratch = try ScratchDirectory()
    defer { scratch.remove() }
    let path = try scratch.newFile("taxonomy", containing: text)
    return try TaxonomyLoader.load(
      TaxonomySource(format: format, path: path)
    ).taxonomy
  }

  /// The errors thrown by `body`.
  func errors(_ body: () throws -> Void) -> [InputError] {
    do {
      try body()
      return []
    } catch let error as InputErrors {
      return error.errors
    } catch {
      Issue.record("unexpected error \(error)")
      return []
    }
  }

  @Test func excelSpellingsLandOnOneSkillWithTheBuiltInTable() {
    let skills = SkillNormalizer()
    let names = Set(Self.excelSpellings.map { skills.normalize($0) })
    #expect(names == ["excel"])
  }

  @Test func excelSpellingsLandOnOneSkillWithONetLoaded() throws {
    let skills = try normalizer([Self.onet])
    let names = Set(Self.excelSpellings.map { skills.normalize($0) })
    #expect(names == ["microsoft excel"])
    #expect(skills.isRecognized("microsoft excel"))
  }

  @Test func excelSpellingsLandOnOneSkillWithESCOLoaded() throws {
    let skills = try normalizer([Self.esco])
    let names = Set(Self.excelSpellings.map { skills.normalize($0) })
    #expect(names == ["use spreadsheets software"])
  }

  @Test func aLearnersThreeExcelSpellingsBecomeOneSkill() throws {
    var format = InputFormat()
    format.taxonomies = [Self.onet]
    _ = try format.loadTaxonomies()
    let table = try CSVReader.parse(
      Array("learner_id,skills\na,MS Excel:2;excel:4;Microsoft Excel\n".utf8),
      file: "learners.csv")
    var warnings: [Diagnostic] = []
    let learners = try LearnerReader.learners(
      from: table, format: format, warnings: &warnings)
    #expect(learners[0].skills == [SkillLevel("microsoft excel", level: 4)])
  }

  @Test func onetKeepsProductsApartAndKnowsTheirFamilies() throws {
    let skills = try normalizer([Self.onet])
    #expect(skills.normalize("Python") == "python")
    #expect(skills.normalize("Java") == "oracle java")
    #expect(skills.normalize("JavaScript") == "javascript")
    #expect(skills.isRecognized("python") && skills.isRecognized("oracle java"))
    // A commodity title is a skill of its own, not a merge of products.
    #expect(skills.isRecognized(skills.normalize("Spreadsheet software")))
    #expect(skills.normalize("Spreadsheet software") != "microsoft excel")
    #expect(!skills.isRecognized(skills.normalize("basket weaving")))
  }

  @Test func escoAlternativeLabelsSplitOnLineBreaksOrBars() throws {
    let csv = """
      conceptUri,preferredLabel,altLabels
      u1,Python (computer programming),"Python
      Python 3K"
      u2,JavaScript,ECMAScript | JS framework

      """
    let esco = try taxonomy(csv, .esco)
    #expect(esco.canonicalName(for: "python") == "python computer programming")
    #expect(
      esco.canonicalName(for: "python 3k") == "python computer programming")
    #expect(esco.canonicalName(for: "js framework") == "javascript")
    #expect(esco.canonicalName(for: "ecmascript") == "javascript")
    #expect(
      esco.canonicalNames == ["python computer programming", "javascript"])
  }

  @Test func preferredLabelsBeatAlternativesAndFirstAlternativeWins() throws {
    let csv = """
      preferredLabel,altLabels
      design,graphics | layout
      graphics,drawing
      illustration,drawing | layout

      """
    let esco = try taxonomy(csv, .esco)
    #expect(esco.canonicalName(for: "graphics") == "graphics")
    #expect(esco.canonicalName(for: "drawing") == "graphics")
    #expect(esco.canonicalName(for: "layout") == "design")
  }

  @Test func shortNamesOnlyWhenOneConceptClaimsThem() throws {
    let text = """
      O*NET-SOC Code\tTitle\tExample\tCommodity Code\tCommodity Title\tHot Technology\tIn Demand
      1\tA\tMicrosoft Visio\t1\tGraphics software\tY\tN
      1\tA\tApache Spark\t2\tData base software\tY\tN
      1\tA\tIBM Notes\t3\tEmail software\tN\tN
      1\tA\tApple Notes\t3\tEmail software\tN\tN
      1\tA\tStructured query language SQL\t4\tData base software\tY\tN
      1\tA\tMicrosoft SQL Server\t4\tData base software\tY\tN

      """
    let onet = try taxonomy(text, .onet)
    #expect(onet.canonicalName(for: "visio") == "microsoft visio")
    #expect(onet.canonicalName(for: "spark") == "apache spark")
    #expect(onet.canonicalName(for: "notes") == nil)
    #expect(onet.canonicalName(for: "email software") == "email software")
    #expect(onet.canonicalName(for: "sql") == "structured query language sql")
    #expect(onet.canonicalName(for: "sql server") == "microsoft sql server")
  }

  @Test func sectorsAreNotMappedThroughTaxonomies() throws {
    var format = InputFormat()
    format.taxonomies = [Self.onet]
    _ = try format.loadTaxonomies()
    #expect(
      format.skills.normalizeTag("Spreadsheet Software")
        == "spreadsheet software")
    #expect(format.skills.normalizeTag("Excel") == "excel")
  }

  @Test func missingTaxonomyFileIsUnreadable() {
    let found = errors {
      _ = try TaxonomyLoader.load(
        TaxonomySource(format: .esco, path: "/nonexistent/skills.csv"))
    }
    #expect(found.count == 1 && found[0].isUnreadable)
    #expect(found.first?.message.contains("/nonexistent/skills.csv") == true)
  }

  @Test func wrongFormatNamesTheMissingColumnOnLineOne() {
    let found = errors {
      _ = try TaxonomyLoader.load(
        TaxonomySource(format: .esco, path: Self.onet.path))
    }
    #expect(found.count == 1)
    #expect(
      found.first?.location
        == InputLocation(
          file: Self.onet.path, line: 1, column: "preferredLabel"))
  }

  @Test func emptyLabelIsReportedWithItsLine() {
    let found = errors {
      _ = try taxonomy("preferredLabel,altLabels\npython,py\n,orphan\n", .esco)
    }
    #expect(found.count == 1)
    #expect(found.first?.location.line == 3)
    #expect(found.first?.location.column == "preferredLabel")
  }

  @Test func flagArgumentNamesFormatAndPath() {
    #expect(
      TaxonomySource(argument: "esco:a/b.csv")
        == TaxonomySource(format: .esco, path: "a/b.csv"))
    #expect(
      TaxonomySource(argument: "ONET:x:y.txt")
        == TaxonomySource(format: .onet, path: "x:y.txt"))
    #expect(TaxonomySource(argument: "isco:x") == nil)
    #expect(TaxonomySource(argument: "esco:") == nil)
    #expect(TaxonomySource(argument: "skills.csv") == nil)
  }
}

@Suite struct SkillCoverageTests {
  func market(
    learnerSkills: [[String]],
    listingSkills: [[String]]
  ) throws -> Market {
    var warnings: [Diagnostic] = []
    let learners = learnerSkills.enumerated().map { i, skills in
      var learner = Learner(id: "l\(i)", line: i + 2)
      learner.skills = skills.map { SkillLevel($0, level: 3) }
      return learner
    }
    let listings = listingSkills.enumerated().map { j, skills in
      var listing = Listing(
        id: "j\(j)", line: j + 2, type: .internship, capacity: 1)
      listing.requiredSkills = skills.map { SkillLevel($0, level: 3) }
      return listing
    }
    return try Market(
      learners: learners, listings: listings, warnings: &warnings)
  }

  @Test func countsUnmappedSkillsPerSideMostMentionedFirst() throws {
    var skills = SkillNormalizer()
    skills.taxonomies = [
      SkillTaxonomy(name: "test", concepts: [SkillConcept(preferred: "sql")])
    ]
    let coverage = SkillCoverage(
      market: try market(
        learnerSkills: [["sql", "flutter"], ["flutter", "canva"]],
        listingSkills: [["canva", "sql"], ["zapier"]]),
      normalizer: skills)
    #expect(coverage.distinctSkills == 4)
    #expect(coverage.mentions == 7)
    let unmapped = try #require(coverage.unmapped)
    #expect(unmapped.map(\.skill) == ["canva", "flutter", "zapier"])
    #expect(unmapped.map(\.learners) == [1, 2, 0])
    #expect(unmapped.map(\.listings) == [1, 0, 1])
    let json = coverage.jsonValue.rendered()
    #expect(json.contains(#""distinct": 3"#))
    #expect(json.contains(#""mentions": 5"#))
  }

  @Test func withoutATaxonomyNothingIsJudged() throws {
    let coverage = SkillCoverage(
      market: try market(learnerSkills: [["sql"]], listingSkills: [[]]),
      normalizer: SkillNormalizer())
    #expect(coverage.unmapped == nil)
    #expect(coverage.distinctSkills == 1)
    #expect(coverage.jsonValue.rendered().contains(#""unmapped": null"#))
  }
}
