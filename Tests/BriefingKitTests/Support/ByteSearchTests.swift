@testable import BriefingKit
import XCTest

final class ByteSearchTests: XCTestCase {
    func testFindsWhatFoundationFinds() {
        let text = "née [[a|b]] und [[ç]] ]] [^1]: fin"
        for needle in ["[[", "]]", "[^", "]:", "ç", "fin", "x"] {
            var cursor = text.startIndex
            while true {
                let expected = text.range(of: needle, range: cursor..<text.endIndex)
                XCTAssertEqual(text.firstRange(ofBytes: needle, from: cursor), expected, needle)
                guard let expected else { break }
                cursor = expected.upperBound
            }
        }
        let slice = text[text.firstRange(ofBytes: "und")!.lowerBound...]
        XCTAssertEqual(slice.firstRange(ofBytes: "[[").map { slice[$0.upperBound...].prefix(1) }, "ç")
        XCTAssertNil(slice.firstRange(ofBytes: "née"), "a substring is searched from its own start")
    }
}

final class ByteSplitTests: XCTestCase {
    func testLinesAndWordsMatchCharacterSplitting() {
        for text in ["", "\n", "a\nb", "a\n\nb\n", "é\n\u{301}x", "a\r\nb\nc", "  two  words ", "é è  ê", "x \u{301}y"] {
            XCTAssertEqual(text.lineSlices(), text.split(separator: "\n", omittingEmptySubsequences: false), text.debugDescription)
            XCTAssertEqual(text.spaceSeparatedCount, text.split(separator: " ").count, text.debugDescription)
        }
    }
}
