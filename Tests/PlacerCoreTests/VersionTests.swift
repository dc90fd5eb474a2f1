import Testing
@testable import PlacerCore

@Test func versionIsSemantic() {
  #expect(placerVersion.split(separator: ".").count == 3)
}
