@testable import BriefingKit
import Foundation
import XCTest

final class TimelineStripTests: XCTestCase {
    /// Events of every kind of date, some on one day, one after the publication date.
    func strip(lanes: [String] = [""], extra: [TimelineStrip.Item] = []) -> TimelineStrip {
        let dates = ["1813", "1828-02", "1992-02-26", "2000/2004", "2020-09-27", "2020-09-27", "2020-11-10", "2023-09", "2025-03-13",
                     "2025-03-14", "2025-03-15", "2025~", "2027"]
        let items = dates.enumerated().map { index, value in
            TimelineStrip.Item(date: EDTFDate(value)!, label: SiteRenderer.shortLabel(EDTFDate(value)!) + " · an event",
                               text: "Sentence \(index) about \(value)", href: "../../briefings/b/index.html#p\(index)", lane: index % lanes.count)
        }
        return TimelineStrip(id: "strip", title: "Timeline", description: "Test", lanes: lanes, items: items + extra,
                             published: EDTFDate("2025-03-31"))
    }

    func testTwoRendersAreByteIdentical() {
        XCTAssertEqual(strip().svg(), strip().svg())
        XCTAssertEqual(strip(lanes: ["A", "B", "C"]).svg(), strip(lanes: ["A", "B", "C"]).svg())
    }

    func testMarksAreOrderedByDateAlongTheAxis() throws {
        let svg = try XCTUnwrap(strip().svg())
        // Marks in document order have non-decreasing x (their circle cx or rect x).
        let xs = marks(in: svg).map(\.x)
        XCTAssertEqual(xs.count, strip().marks().count)
        XCTAssertEqual(xs, xs.sorted(), "marks out of date order: \(xs)")
        let starts = strip().marks().map(\.span.lowerBound)
        XCTAssertEqual(starts, starts.sorted())
    }

    func testDaysArePointsAndLongerDatesBars() throws {
        let marks = strip().marks()
        XCTAssertFalse(try XCTUnwrap(marks.first { $0.label.hasPrefix("Mar 13, 2025") }).isBar)
        XCTAssertTrue(try XCTUnwrap(marks.first { $0.label.hasPrefix("2000–2004") }).isBar)
        XCTAssertTrue(try XCTUnwrap(marks.first { $0.label.hasPrefix("Feb 1828") }).isBar)
        let interval = try XCTUnwrap(marks.first { $0.label.hasPrefix("2000–2004") })
        XCTAssertEqual(interval.span.count, CivilDay(year: 2005, month: 1, day: 1).number - CivilDay(year: 2000, month: 1, day: 1).number)
    }

    func testSameDayEventsAreOneMarkAndForecastsAreMarked() throws {
        let marks = strip().marks()
        let sameDay = marks.filter { $0.span == CivilDay.span(of: EDTFDate("2020-09-27")!)! }
        XCTAssertEqual(sameDay.count, 1)
        XCTAssertEqual(sameDay.first?.count, 2)
        XCTAssertEqual(marks.filter(\.forecast).map(\.label), ["2027 · an event"])
        let svg = try XCTUnwrap(strip().svg())
        XCTAssertTrue(svg.contains("tl-forecast"))
        XCTAssertTrue(svg.contains("class=\"tl-published\""))
    }

    func testLabelsNeverOverlap() throws {
        // Many close events, so that rows fill and some labels must be left out.
        let crowd = (1...28).map { day in
            TimelineStrip.Item(date: EDTFDate(String(format: "2024-02-%02d", day))!, label: "Feb \(day), 2024 · a long label here",
                               text: "t", href: "#p", lane: 0)
        }
        for strip in [strip(), strip(lanes: ["A", "B"]), strip(extra: crowd)] {
            let svg = try XCTUnwrap(strip.svg())
            let boxes = labels(in: svg)
            XCTAssertFalse(boxes.isEmpty)
            for (i, a) in boxes.enumerated() {
                for b in boxes[(i + 1)...] { XCTAssertFalse(a.overlaps(b), "\(a) overlaps \(b)") }
            }
        }
    }

    func testEveryMarkLinksToItsParagraph() throws {
        let svg = try XCTUnwrap(strip().svg())
        let hrefs = svg.matches(of: /<a href="([^"]*)" class="tl-mark/).map { String($0.1) }
        XCTAssertEqual(hrefs.count, strip().marks().count)
        XCTAssertTrue(hrefs.allSatisfy { $0.hasPrefix("../../briefings/b/index.html#p") })
    }

    func testCrowdedLanesAreAggregatedByYear() {
        var items: [TimelineStrip.Item] = []
        for index in 0..<400 {
            let value = String(format: "%04d-%02d-%02d", 2000 + index % 20, 1 + index % 12, 1 + index % 28)
            items.append(TimelineStrip.Item(date: EDTFDate(value)!, label: "x", text: "t", href: "#p", lane: 0))
        }
        let strip = TimelineStrip(id: "s", title: "t", description: "d", lanes: ["All"], items: items, published: nil,
                                  yearHref: { "year-\($0).html" })
        let marks = strip.marks()
        XCTAssertEqual(marks.count, 20)
        XCTAssertTrue(marks.allSatisfy { $0.aggregated })
        XCTAssertEqual(marks.reduce(0) { $0 + $1.count }, 400)
        XCTAssertEqual(marks.first?.href, "year-2000.html")
    }

    func testHostileTextIsEscaped() throws {
        let item = TimelineStrip.Item(date: EDTFDate("2025")!, label: "<script>alert(1)</script>", text: "\"><img src=x onerror=alert(1)>",
                                      href: "a\"b<c", lane: 0)
        let svg = try XCTUnwrap(TimelineStrip(id: "s", title: "<t>", description: "&", lanes: ["<lane>"], items: [item], published: nil).svg())
        XCTAssertFalse(svg.contains("<script"))
        XCTAssertFalse(svg.contains("<img"))
        XCTAssertFalse(svg.contains("a\"b"))
        XCTAssertTrue(svg.contains("&lt;script&gt;"))
    }

    func testAxisBreaksAcrossLongGaps() {
        let axis = TimeAxis(spans: [0...0, 100_000...100_010, 100_400...100_500], left: 0, right: 900)
        XCTAssertEqual(axis.segments.count, 2)
        XCTAssertLessThan(axis.x(0), axis.x(100_000))
        XCTAssertLessThan(axis.x(100_000), axis.x(100_500))
        XCTAssertEqual(TimeAxis(spans: [0...10, 300...400], left: 0, right: 900).segments.count, 1)
    }

    func testShortLabels() {
        XCTAssertEqual(SiteRenderer.shortLabel(EDTFDate("2025-03-13")!), "Mar 13, 2025")
        XCTAssertEqual(SiteRenderer.shortLabel(EDTFDate("2025~")!), "~2025")
        XCTAssertEqual(SiteRenderer.shortLabel(EDTFDate("2025%")!), "~2025")
        XCTAssertEqual(SiteRenderer.shortLabel(EDTFDate("1988-02/1994-05-12")!), "Feb 1988 – May 12, 1994")
        XCTAssertEqual(SiteRenderer.shortLabel(EDTFDate("2000/2004")!), "2000–2004")
    }

    func testCivilDayRoundTrips() {
        for number in stride(from: -800_000, through: 800_000, by: 997) {
            let date = CivilDay(number: number).components
            XCTAssertEqual(CivilDay(year: date.year, month: date.month, day: date.day).number, number)
        }
        XCTAssertEqual(CivilDay(year: 1970, month: 1, day: 1).number, 0)
        XCTAssertEqual(CivilDay(year: 2000, month: 3, day: 1).number, 11_017)
    }

    // MARK: Reading the SVG back

    /// The x of each mark's shape, in document order.
    func marks(in svg: String) -> [(x: Double, href: String)] {
        svg.matches(of: /<a href="([^"]*)" class="tl-mark[^"]*"[^>]*><title>[^<]*<\/title><(?:circle cx|rect x)="([-0-9.]+)"/).map {
            (Double($0.2)!, String($0.1))
        }
    }

    /// The box of each label as the layout reserved it: x (start or end anchored), baseline y.
    func labels(in svg: String) -> [LabelBox] {
        svg.matches(of: /<text class="tl-label" x="([-0-9.]+)" y="([-0-9.]+)" text-anchor="(start|end)">([^<]*)<\/text>/).map { match in
            let text = String(match.4).replacingOccurrences(of: "&amp;", with: "&")
            let width = SVGWriter.textWidth(text, size: TimelineStrip.fontSize)
            let x = Double(match.1)!
            return LabelBox(x: match.3 == "end" ? x - width : x, y: Double(match.2)! - 10, width: width, height: 13)
        }
    }
}
