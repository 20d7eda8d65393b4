@testable import BriefingKit
import XCTest

/// Names with middle initials and suffixes stay whole; a common word opening a sentence is not
/// part of the name after it.
final class EntityRecognizerTests: XCTestCase {
    private func names(_ paragraph: String) -> [String] {
        ArticleAnalysis(text: "Policy Shifts\nMarch 3, 2025\n\(paragraph)\n", date: "2025-03-03").entities.map(\.text)
    }

    func testAMiddleInitialAndJrStayInTheName() {
        let found = names("Robert F. Kennedy Jr. told senators that the policy would change.")
        XCTAssertEqual(found.first, "Robert F. Kennedy Jr.")
    }

    func testACommonWordOpeningASentenceIsNotPartOfTheName() {
        let analysis = ArticleAnalysis(text: "Policy Shifts\nMarch 3, 2025\nJohn Kennedy told senators that the policy would change. "
            + "Later Kennedy said the review would take months.\n", date: "2025-03-03")
        XCTAssertEqual(analysis.entities.map(\.text), ["John Kennedy", "Kennedy"])
        XCTAssertEqual(Set(analysis.entities.map(\.id)), ["john-kennedy"])
    }

    func testARareGivenNameOpeningASentenceStaysInTheName() {
        XCTAssertEqual(names("Ed Miliband and David Miliband spoke at the conference.").prefix(2), ["Ed Miliband", "David Miliband"])
    }

    func testTheWholeNameWrittenInsideASentenceKeepsItsFirstWord() {
        // "Young" is a common word, but the article writes "Young Kim" mid-sentence: it is her name.
        let found = names("Young Kim spoke first. The committee heard Young Kim again on Friday.")
        XCTAssertEqual(found.filter { $0.contains("Kim") }, ["Young Kim", "Young Kim"])
    }

    func testARoleAtANameMakesItAnOrganization() {
        let analysis = ArticleAnalysis(text: "Policy Shifts\nMarch 3, 2025\nPrices will rise, said Pieter van den Broek, an analyst at "
            + "Jefferies, and Ana Ruiz, a spokeswoman for Vantor Systems.\n", date: "2025-03-03")
        let kinds = Dictionary(analysis.entities.map { ($0.text, $0.kind) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(kinds["Jefferies"], "organization")
        XCTAssertEqual(kinds["Vantor Systems"], "organization")
        XCTAssertEqual(kinds["Pieter van den Broek"], "person")
    }
}
