@testable import BriefingKit
import XCTest

final class SparklineTests: XCTestCase {
    func testOneBarPerMonthFromFirstToLast() {
        let line = Sparkline(id: "s", title: "t", description: "d",
                             counts: [.init(year: 2024, month: 11): 3, .init(year: 2025, month: 2): 5],
                             first: .init(year: 2024, month: 10), last: .init(year: 2025, month: 3))
        XCTAssertEqual(line.bars().map(\.label), ["Oct 2024", "Nov 2024", "Dec 2024", "Jan 2025", "Feb 2025", "Mar 2025"])
        XCTAssertEqual(line.bars().map(\.count), [0, 3, 0, 0, 5, 0])
        XCTAssertEqual(line.svg(), line.svg())
        XCTAssertEqual(line.svg()?.matches(of: /class="sp-bar/).count, 6)
        XCTAssertEqual(line.svg()?.contains("role=\"img\""), true, "no links inside: one image to a screen reader")
    }

    func testYearsWhenTheSiteSpansMoreThanFiveYears() {
        let line = Sparkline(id: "s", title: "t", description: "d", counts: [.init(year: 2012, month: 5): 2, .init(year: 2012, month: 9): 1],
                             first: .init(year: 2010, month: 1), last: .init(year: 2020, month: 12))
        XCTAssertEqual(line.bars().count, 11)
        XCTAssertEqual(line.bars()[2].count, 3)
    }

    func testNoPictureWithoutMentions() {
        XCTAssertNil(Sparkline(id: "s", title: "t", description: "d", counts: [:], first: .init(year: 2024, month: 1),
                               last: .init(year: 2024, month: 5)).svg())
    }
}
