@testable import BriefingKit
import XCTest

final class SentenceSplitterTests: XCTestCase {
    func sentences(_ text: String) -> [String] {
        let block = TextBlock(anchor: "p1", text: text, sentences: SentenceSplitter.sentences(in: text))
        return block.sentences.map(block.slice)
    }

    func testSplitsAtSentenceEndsButNotAtAbbreviations() {
        XCTAssertEqual(sentences("Mr. Antony Blinken spoke. U.S. troops left in 2021. The end!"),
                       ["Mr. Antony Blinken spoke.", "U.S. troops left in 2021.", "The end!"])
        XCTAssertEqual(sentences("He said, “It is over.” Then he left… Really?"),
                       ["He said, “It is over.”", "Then he left…", "Really?"])
        XCTAssertEqual(sentences("Prices rose 2.5 percent. e.g. this one stays."), ["Prices rose 2.5 percent. e.g. this one stays."])
    }
}
