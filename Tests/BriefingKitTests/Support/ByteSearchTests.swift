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
