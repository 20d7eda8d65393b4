@testable import BriefingKit
import XCTest

/// Quotations in straight ASCII marks and guillemets are attributed like typographic ones.
final class QuoteFinderTests: XCTestCase {
    func speakers(_ paragraph: String) -> [String] {
        ArticleAnalysis(text: "Talks\nMarch 3, 2025\n\(paragraph)\n", date: "2025-03-03").quotes.map(\.speaker)
    }

    func testStraightQuotesAndGuillemets() {
        XCTAssertEqual(speakers("\"This is a practical step for our businesses,\" Ilia Darchiashvili told reporters."), ["ilia-darchiashvili"])
        XCTAssertEqual(speakers("Ararat Mirzoyan said: \"We will open the border this year.\""), ["ararat-mirzoyan"])
        XCTAssertEqual(speakers("« Nous avons signé un accord historique », a déclaré Emmanuel Macron, said officials."), ["emmanuel-macron"])
    }

    func testInchMarksAndLoneQuotesAreNotQuotations() {
        XCTAssertEqual(speakers("Jane Doe said the 12\" pipe and the 8\" valve were replaced on site last year."), [])
        XCTAssertEqual(speakers("Jane Doe said the word \"sovereignty appears twice in the text."), [])
    }
}
