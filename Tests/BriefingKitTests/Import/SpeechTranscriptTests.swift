@testable import BriefingKit
import XCTest

/// A speech transcript (speaker labels in capitals, stage directions, questions from the floor)
/// imports as the speech: titles are not people, stage directions are not paragraphs, and a
/// capital that names a meeting is the city.
final class SpeechTranscriptTests: XCTestCase {
    func analysis() throws -> ArticleAnalysis {
        ArticleAnalysis(text: try String(contentsOf: FixtureSite.url("import-web/speech-transcript.txt"), encoding: .utf8))
    }

    func testStructureDropsStageDirections() throws {
        let result = try analysis()
        XCTAssertEqual(result.structure.title?.text, "Remarks by the Secretary-General at the Opening of the Nordic Security Conference")
        XCTAssertEqual(result.structure.author?.text, "Helena Lindqvist")
        XCTAssertEqual(result.publicationDate, "2024-09-12")
        XCTAssertFalse(result.structure.blocks.contains { ["(Applause.)", "[Inaudible]"].contains($0.text) })
        XCTAssertEqual(result.structure.blocks.last?.kind, .bio)
    }

    func testTitlesAreNotPeopleAndAMeetingsCapitalIsTheCity() throws {
        let result = try analysis()
        let names = Set(result.entities.map(\.text))
        XCTAssertFalse(names.contains { $0.lowercased().hasSuffix("general") }, "'Secretary-General' is a title: \(names)")
        XCTAssertTrue(names.contains("MARTA ROSSI"))
        XCTAssertEqual(Set(result.entities.filter { $0.text.uppercased() == "ROSSI" || $0.text == "MARTA ROSSI" }.map(\.id)), ["marta-rossi"])
        let vilnius = try XCTUnwrap(result.entities.first { $0.text == "Vilnius" })
        XCTAssertEqual(vilnius.kind, "place", "the Vilnius summit is held in the city")
        XCTAssertEqual(result.entities.first { $0.text == "Jonas Gahr Støre" }?.kind, "person")
    }
}
