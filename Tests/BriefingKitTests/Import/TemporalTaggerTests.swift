@testable import BriefingKit
import XCTest

final class TemporalTaggerTests: XCTestCase {
    /// Tags one paragraph published on `date` (2013-03-21 is a Thursday).
    private func tag(_ sentence: String, date: String = "2013-03-21") -> [DateMention] {
        ArticleAnalysis(text: "Title\n\n" + sentence, date: date).dates
    }

    private func first(_ text: String, in sentence: String, date: String = "2013-03-21") -> DateMention? {
        tag(sentence, date: date).first { $0.text == text }
    }

    func testWeekdaysResolveWithTheTenseOfTheSentence() throws {
        let past = try XCTUnwrap(first("Tuesday", in: "The minister said Tuesday that talks had failed."))
        XCTAssertEqual(past.timex, "2013-03-19")
        XCTAssertEqual(past.value, "2013-03-19")
        let future = try XCTUnwrap(first("Tuesday", in: "The ministers will meet Tuesday in Vienna."))
        XCTAssertEqual(future.value, "2013-03-26", "a future weekday is the next one")
        XCTAssertEqual(first("Thursday", in: "He spoke on Thursday.")?.value, "2013-03-21", "the publication day itself")
        let night = try XCTUnwrap(first("Sunday night", in: "Rebels attacked Sunday night."))
        XCTAssertEqual(night.type, "TIME")
        XCTAssertEqual(night.timex, "2013-03-17TNI")
        XCTAssertEqual(night.value, "2013-03-17")
    }

    func testDaysWeeksMonthsAndSeasonsAgainstThePublicationDate() {
        let dates = tag("Yesterday prices fell; last week they rose, this week too, and last summer they peaked. "
            + "Tomorrow the bank decides. The plan was agreed last month.")
        let byText = Dictionary(dates.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byText["Yesterday"]?.value, "2013-03-20")
        XCTAssertEqual(byText["Tomorrow"]?.value, "2013-03-22")
        XCTAssertEqual(byText["last week"]?.timex, "2013-W11")
        XCTAssertEqual(byText["last week"]?.value, "2013-03-11/2013-03-17")
        XCTAssertEqual(byText["this week"]?.timex, "2013-W12")
        XCTAssertEqual(byText["last summer"]?.timex, "2012-SU")
        XCTAssertEqual(byText["last summer"]?.value, "2012-22")
        XCTAssertEqual(byText["last month"]?.value, "2013-02")
        for date in dates { if let value = date.value { XCTAssertNotNil(EDTFDate(value), value) } }
    }

    func testAbbreviatedAndBareMonths() {
        XCTAssertEqual(first("Feb. 13, 2025", in: "The deal was signed on Feb. 13, 2025, in Baku.")?.value, "2025-02-13")
        XCTAssertEqual(first("Jan. 9", in: "He resigned Jan. 9.")?.value, "2013-01-09")
        XCTAssertEqual(first("July", in: "Elections were held in July.")?.value, "2012-07", "the latest July before publication")
        XCTAssertEqual(first("late November", in: "It ended in late November.")?.value, "2012-11")
    }

    func testPresentReferencesDurationsAndSets() throws {
        let now = try XCTUnwrap(first("now", in: "Prices are now higher."))
        XCTAssertEqual(now.timex, "PRESENT_REF")
        XCTAssertNil(now.value, "the present is no day of the calendar")
        XCTAssertEqual(first("currently", in: "He is currently abroad.")?.timex, "PRESENT_REF")
        let decade = try XCTUnwrap(first("a decade", in: "The war lasted a decade."))
        XCTAssertEqual(decade.type, "DURATION")
        XCTAssertEqual(decade.timex, "P10Y")
        XCTAssertNil(decade.value)
        XCTAssertEqual(first("90 days", in: "The truce holds for 90 days.")?.timex, "P90D")
        XCTAssertEqual(first("the past two years", in: "Exports doubled over the past two years.")?.timex, "P2Y")
        XCTAssertEqual(first("four-week", in: "A four-week course began.")?.timex, "P4W")
        let set = try XCTUnwrap(first("every year", in: "The summit meets every year."))
        XCTAssertEqual(set.type, "SET")
        XCTAssertEqual(set.timex, "P1Y")
        XCTAssertEqual(first("each season", in: "Prices change each season.")?.type, "SET")
        XCTAssertNil(first("six-year", in: "A six-year-old boy was hurt."), "ages are no durations")
    }

    func testCenturiesDecadesQuartersFiscalYearsAndShortYears() {
        XCTAssertEqual(first("the 20th century", in: "It was built in the 20th century.")?.timex, "19")
        XCTAssertEqual(first("the 20th century", in: "It was built in the 20th century.")?.value, "19XX")
        XCTAssertEqual(first("the 1990s", in: "Growth was strong in the 1990s.")?.value, "199X")
        XCTAssertEqual(first("the third quarter", in: "Profit rose in the third quarter.", date: "1989-10-25")?.timex, "1989-Q3")
        XCTAssertEqual(first("fiscal 1989", in: "Sales fell in fiscal 1989.")?.timex, "1989")
        XCTAssertEqual(first("the end of the year", in: "It closes by the end of the year.")?.timex, "2013")
        XCTAssertEqual(first("May '58", in: "The revolt of May '58 changed France.")?.value, "1958-05")
    }

    func testTimesOfDay() throws {
        let time = try XCTUnwrap(first("8 PM", in: "The vote starts at 8 PM."))
        XCTAssertEqual(time.type, "TIME")
        XCTAssertEqual(time.timex, "2013-03-21T20:00")
        XCTAssertEqual(first("noon Tuesday", in: "Talks ended at noon Tuesday.")?.timex, "2013-03-19T12:00")
        XCTAssertNil(first("8", in: "He has 8 PMs."))
    }

    func testAnaphoraResolveAgainstTheLastDateMentioned() {
        let dates = tag("The treaty was signed on June 4, 2010. The next day, protests began. That year, prices rose.")
        XCTAssertEqual(dates.first { $0.text == "The next day" }?.value, "2010-06-05")
        XCTAssertEqual(dates.first { $0.text == "That year" }?.value, "2010")
    }

    func testQuantitiesAreNotTimes() {
        let dates = tag("It cost $2000 and weighed 2025 kg; 1,500 soldiers and a $5 a year fee.")
        XCTAssertTrue(dates.isEmpty, "\(dates.map(\.text))")
    }

    func testExtractJSONHasEveryKeyAndNullForNoCalendarValue() throws {
        let json = ArticleAnalysis(text: "Title\n\nThe truce held for 90 days.", date: "2013-03-21").json()
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let dates = try XCTUnwrap(object["dates"] as? [[String: Any]])
        let date = try XCTUnwrap(dates.first)
        XCTAssertEqual(Set(date.keys), ["text", "start", "end", "type", "value", "timex"])
        XCTAssertTrue(date["value"] is NSNull)
        XCTAssertEqual(date["timex"] as? String, "P90D")
    }

    func testTheImporterLinksOnlyCalendarDates() {
        let analysis = ArticleAnalysis(text: "Title\n\nThe ministers met on Thursday and talked for 90 days every year.", date: "2013-03-22")
        let body = BriefingWriter(analysis: analysis).blocks().map(\.markdown).joined(separator: "\n")
        XCTAssertTrue(body.contains("[[2013-03-21|Thursday]]"), body)
        XCTAssertFalse(body.contains("|90 days]]"), body)
        XCTAssertFalse(body.contains("|every year]]"), body)
    }

    func testSpansAndTimelineLabelsOfWeeksSeasonsAndIntervals() {
        XCTAssertEqual(EDTFDate("2013-03-11/2013-03-17")?.label, "March 11–17, 2013", "a week is a span")
        XCTAssertEqual(EDTFDate("2013-03-25/2013-04-01")?.label, "March 25 – April 1, 2013")
        XCTAssertEqual(EDTFDate("2012-22")?.label, "summer 2012")
        XCTAssertEqual(EDTFDate("2000/2004")?.label, "2000–2004")
    }

    func testCalendarArithmetic() {
        let day = CivilDay(year: 2013, month: 3, day: 21)
        XCTAssertEqual(day.weekday, 4)
        XCTAssertEqual(day.isoWeek.week, 12)
        XCTAssertEqual(CivilDay(year: 2021, month: 1, day: 1).isoWeek.year, 2020, "Jan 1, 2021 is in the last week of 2020")
        XCTAssertEqual(day.adding(-366).text, "2012-03-20")
        XCTAssertEqual(CivilDay(number: day.number).components.day, 21)
    }
}
