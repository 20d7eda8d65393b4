@testable import BriefingKit
import XCTest

/// Page furniture pasted with an article: outlet date lines, bare bylines, share bars, credits, prompts.
final class ArticleChromeTests: XCTestCase {
    func structure(_ text: String) -> ArticleStructure { ArticleStructure(scalars: Array(text.unicodeScalars)) }

    func testAWebPageKeepsOnlyItsArticle() throws {
        let text = try String(contentsOf: FixtureSite.url("import-web/webpage-chrome.txt"), encoding: .utf8)
        let page = structure(text)
        XCTAssertEqual(page.title?.text, "Airbus wins record order from Indian carrier as Boeing struggles")
        XCTAssertEqual(page.date?.value, "2026-02-12", "“Published Thu, Feb 12 2026 4:10 AM EST”")
        XCTAssertEqual(page.author?.text, "Priya Raman", "a bare name below the date line is the byline")
        let blocks = page.blocks.map(\.text)
        XCTAssertFalse(blocks.contains { $0.hasPrefix("Updated") || $0.hasPrefix("Share ") || $0.contains("Getty Images") || $0.hasPrefix("Sign up") },
                       "\(blocks)")
        XCTAssertEqual(page.blocks.filter { $0.kind != .paragraph }, [], "no chrome heading left")
        XCTAssertEqual(blocks.count, 5)
    }

    func testDateLinesWithWeekdaysTimesAndZones() {
        for line in ["Published Thu, Feb 12 2026 4:10 AM EST", "Mon 3 March 2025 14:32 GMT", "Updated: March 3, 2025 at 9:00 a.m. ET",
                     "Wednesday, March 5, 2025"] {
            XCTAssertNotNil(structure("Title\n\(line)\nText of the article.\n").date, line)
        }
        for line in ["March 3, 2025 was a hard day for NATO", "Published by Reuters on March 3, 2025 in London", "Friday", "Updated yesterday"] {
            XCTAssertNil(structure("Title\n\(line)\nText of the article.\n").date, line)
        }
    }

    func testChromeLinesAreNotTheArticle() {
        for line in ["Mail Facebook Twitter", "Share Article via LinkedIn", "Jim Watson | Afp | Getty Images",
                     "Sign up here to get this newsletter in your inbox", "Key Points"] {
            XCTAssertTrue(ArticleStructure.isChrome(line), line)
        }
        for line in ["Russia | Ukraine talks resume in Geneva, officials say.", "Share prices fell sharply on Monday after the report.",
                     "The Twitter account was suspended.", "Subscribers to the plan pay less.", "Get the facts right, the minister said."] {
            XCTAssertFalse(ArticleStructure.isChrome(line), line)
        }
    }

    func testABareNameIsABylineOnlyBelowTheHeader() {
        XCTAssertEqual(structure("Title\nMarch 3, 2025\nJane Doe\nText of the article.\n").author?.text, "Jane Doe")
        XCTAssertNil(structure("Title\nMarch 3, 2025\nText of the article.\nKey Findings\nMore text.\n").author)
        XCTAssertNil(structure("Title\nMarch 3, 2025\nThe talks failed.\n").author)
        let dateFirst = structure("March 3, 2025\nOil Prices Surge\nThe talks failed.\n")
        XCTAssertEqual(dateFirst.title?.text, "Oil Prices Surge", "a headline below a date is the title, not the author")
        XCTAssertNil(dateFirst.author)
        XCTAssertEqual(structure("Iran Talks Stall | Reuters\nMarch 3, 2025\nThe talks failed.\n").title?.text, "Iran Talks Stall | Reuters")
    }
}
