@testable import BriefingKit
import XCTest

final class EntityMentionsTests: XCTestCase {
    func mention(_ document: String, _ anchor: String, _ sentence: String, _ range: Range<Int>) -> Mention {
        Mention(entity: "x", document: DocumentID(.briefing, document), anchor: anchor, sentence: sentence, range: range,
                location: SourceLocation(path: document))
    }

    func testEachSentenceOnceWithEveryMentionMarkedNewestBriefingFirst() {
        let sentence = "Baku and Baku again."
        let mentions = [
            mention("old", "p1", sentence, 0..<4),
            mention("old", "p1", sentence, 9..<13),
            mention("old", "p2", "Baku once.", 0..<4),
            mention("new", "p1", "Baku too.", 0..<4),
        ]
        let table = EntityMentions(mentions, order: ["new": 0, "old": 1], perPage: 10)
        XCTAssertEqual(table.groups.map(\.document.slug), ["new", "old"])
        XCTAssertEqual(table.groups[1].count, 3, "every mention counts")
        XCTAssertEqual(table.groups[1].sentences.map(\.text), [sentence, "Baku once."], "a sentence with two mentions is shown once")
        XCTAssertEqual(SiteRenderer.highlight(sentence, ranges: table.groups[1].sentences[0].ranges),
                       "<mark>Baku</mark> and <mark>Baku</mark> again.")
        XCTAssertEqual(table.total, 4)
    }

    func testPagesCutLongGroupsAndKeepEverySentence() {
        let mentions = (0..<7).map { mention("b\($0 % 2)", "p\($0)", "Sentence \($0) names X.", 18..<19) }
        let table = EntityMentions(mentions, order: ["b0": 0, "b1": 1], perPage: 3)
        XCTAssertEqual(table.pages.count, 3)
        var seen: [String] = []
        for page in table.pages {
            XCTAssertLessThanOrEqual(page.parts.reduce(0) { $0 + $1.sentences.count }, 3)
            for part in page.parts { seen += table.groups[part.group].sentences[part.sentences].map(\.text) }
        }
        XCTAssertEqual(seen.count, 7)
        XCTAssertEqual(Set(seen).count, 7)
    }

    func testHighlightLeavesBadRangesUnmarked() {
        XCTAssertEqual(SiteRenderer.highlight("a<b", ranges: [5..<9, 0..<1]), "<mark>a</mark>&lt;b")
        XCTAssertEqual(SiteRenderer.highlight("abc", ranges: [0..<2, 1..<3]), "<mark>ab</mark>c", "overlaps are marked once")
    }
}
