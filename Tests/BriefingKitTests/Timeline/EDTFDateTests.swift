@testable import BriefingKit
import XCTest

final class EDTFDateTests: XCTestCase {
    func testParsesLevelZeroAndOneForms() throws {
        for valid in ["1992", "2025-03", "2025-03-13", "2024-02-29", "2025~", "2025?", "2025%", "199X", "19XX",
                      "2025-21", "2025-33", "2025-40", "2000/2004", "2020-09-27/2020-11-10", "2002/..", "../2004"] {
            XCTAssertNotNil(EDTFDate(valid), valid)
        }
        for invalid in ["", "25", "2025-13", "2025-02-30", "2023-02-29", "2025-3-1", "March 2025", "2004/2000",
                        "1X92", "2025-03-13-01", "../..", "abcd", "2025~~"] {
            XCTAssertNil(EDTFDate(invalid), invalid)
        }
    }

    func testLabelsForReaders() {
        XCTAssertEqual(EDTFDate("2025-03-13")?.label, "March 13, 2025")
        XCTAssertEqual(EDTFDate("2025-03")?.label, "March 2025")
        XCTAssertEqual(EDTFDate("2025")?.label, "2025")
        XCTAssertEqual(EDTFDate("2025~")?.label, "about 2025")
        XCTAssertEqual(EDTFDate("2025?")?.label, "2025?")
        XCTAssertEqual(EDTFDate("199X")?.label, "the 1990s")
        XCTAssertEqual(EDTFDate("2000/2004")?.label, "2000–2004")
        XCTAssertEqual(EDTFDate("2020-09-27/2020-11-10")?.label, "September 27 – November 10, 2020")
        XCTAssertEqual(EDTFDate("2025-21")?.label, "spring 2025")
        XCTAssertEqual(EDTFDate("2002/..")?.label, "since 2002")
    }

    func testFlagsAndISOValue() throws {
        XCTAssertTrue(try XCTUnwrap(EDTFDate("2025~")).isApproximate)
        XCTAssertTrue(try XCTUnwrap(EDTFDate("199X")).isApproximate)
        XCTAssertTrue(try XCTUnwrap(EDTFDate("2025?")).isUncertain)
        XCTAssertTrue(try XCTUnwrap(EDTFDate("2000/2004")).isInterval)
        XCTAssertEqual(EDTFDate("2025-03-13")?.isoValue, "2025-03-13")
        XCTAssertNil(EDTFDate("2025~")?.isoValue)
        XCTAssertEqual(EDTFDate("1995")?.year, 1995)
        XCTAssertEqual(EDTFDate("199X")?.year, 1990)
    }

    func testChronologicalOrder() {
        let dates = ["2025-03-13", "1992", "2000/2004", "2000-09", "2025~", "2025-03", "199X", "2025"].compactMap(EDTFDate.init)
        XCTAssertEqual(dates.sorted().map(\.value), ["199X", "1992", "2000/2004", "2000-09", "2025", "2025~", "2025-03", "2025-03-13"])
    }
}
