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

final class ByteScanTests: XCTestCase {
    /// The contiguous-bytes scan answers what the UTF-8 view answers, for strings and substrings.
    func testContainsByteMatchesTheUTF8View() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("a<\"\r\u{1}é😀 ")
        for _ in 0..<1000 {
            let text = String((0..<Int.random(in: 0...20, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let part = text.dropFirst(Int.random(in: 0...2, using: &generator))
            for predicate: (UInt8) -> Bool in [{ $0 >= 0x80 }, { $0 == 0x3C }, { $0 == 13 }, { $0 < 0x20 }] {
                XCTAssertEqual(text.containsByte(where: predicate), text.utf8.contains(where: predicate))
                XCTAssertEqual(part.containsByte(where: predicate), part.utf8.contains(where: predicate))
            }
            XCTAssertEqual(text.isAllASCII, text.unicodeScalars.allSatisfy(\.isASCII))
        }
    }
}
