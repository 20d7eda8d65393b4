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

    func analysis(_ paragraphs: [String]) -> ArticleAnalysis {
        ArticleAnalysis(text: "Talks\nMarch 3, 2025\n" + paragraphs.joined(separator: "\n\n") + "\n", date: "2025-03-03")
    }

    func testAParagraphWithItsAttributionInsideIsNotOneQuotation() {
        let result = analysis([
            "Winston Churchill once called the strait the hinge of the war.",
            "\"Supply will stay tight through the summer,\" said Sumit Ritolia, an analyst at Kpler. \"Prices will follow.\"",
        ])
        XCTAssertEqual(result.structure.blocks.map(\.kind), [.paragraph, .paragraph])
        XCTAssertEqual(result.quotationSpeakers, [:])
        XCTAssertEqual(result.quotes.map(\.speaker), ["sumit-ritolia", "sumit-ritolia"], "both quotations are his")
    }

    func testAnAttributionLineAfterAQuotationNamesItsSpeaker() {
        let result = analysis([
            "Winston Churchill once called the strait the hinge of the war.",
            "“Supply will stay tight through the summer, and prices will follow.”",
            "— Sumit Ritolia, an analyst at Kpler",
            "“We have seen this before.”",
        ])
        XCTAssertEqual(result.structure.blocks.map(\.kind), [.paragraph, .quotation, .paragraph, .quotation])
        XCTAssertEqual(result.quotationSpeakers[1]?.id, "sumit-ritolia")
        XCTAssertEqual(result.quotationSpeakers[3]?.id, "sumit-ritolia", "without an attribution line: the last person named")
    }
}
