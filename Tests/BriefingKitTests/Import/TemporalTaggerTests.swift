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

    func testTenseComesFromTheVerbBeforeTheExpressionAndIntentions() {
        // 2013-03-21 is a Thursday.
        XCTAssertEqual(first("Saturday", in: "Protesters planned to march on Saturday, organizers said.")?.value, "2013-03-23",
                       "an intention ('planned to') puts the day ahead, whatever verb follows")
        XCTAssertEqual(first("Friday", in: "Shares fell 50 cents on Friday to close at $20.")?.value, "2013-03-15",
                       "a purpose clause after the day says nothing of its time")
        XCTAssertEqual(first("Wednesday", in: "The relatives said they would appeal Wednesday's ruling.")?.value, "2013-03-20",
                       "a possessive day has happened")
        XCTAssertEqual(first("December", in: "Eileen Collins will be named commander of the shuttle for a mission in December.")?.value,
                       "2013-12", "'be named' is no past tense")
        XCTAssertEqual(first("last Thursday", in: "The firms said last Thursday that they would merge.")?.value, "2013-03-14",
                       "'last Thursday' said on a Thursday is a week before")
    }

    func testTheWeekOfADayIsThatWeek() throws {
        let week = try XCTUnwrap(first("the week of March 6", in: "Talks are planned for the week of March 6, officials said.",
                                       date: "2000-02-20"))
        XCTAssertEqual(week.timex, "2000-W10")
        XCTAssertEqual(week.value, "2000-03-06/2000-03-12")
        XCTAssertEqual(tag("Talks are planned for the week of March 6.", date: "2000-02-20").count, 1)
    }

    func testMayAndMonthsBeforeNounsAreMonths() {
        XCTAssertEqual(first("May", in: "The case will be heard in May by the appeals court.")?.value, "2013-05")
        XCTAssertNil(first("May", in: "Officials said they May return."), "a capitalized 'May' without a preposition may be the verb")
        XCTAssertEqual(first("March", in: "The March accession lets them sign the treaty.")?.value, "2013-03")
    }

    func testReportingPeriodsFollowTheQuarterLastNamed() throws {
        let dates = tag("Net income rose 10% in the third quarter from $5 million a year earlier. In the year-ago quarter, "
            + "sales fell. The year-earlier results were restated. Sales for the full year rose, and in the year ended March 31 "
            + "revenue was flat. Costs in the latest period were lower.", date: "1989-11-02")
        let byText = Dictionary(dates.map { ($0.text, $0) }, uniquingKeysWith: { a, _ in a })
        XCTAssertEqual(byText["the third quarter"]?.timex, "1989-Q3")
        XCTAssertEqual(byText["a year earlier"]?.timex, "1988-Q3")
        XCTAssertEqual(byText["the year-ago quarter"]?.timex, "1988-Q3")
        XCTAssertEqual(byText["year-earlier"]?.timex, "1988-Q3", "only the adjective, not 'The'")
        XCTAssertEqual(byText["the full year"]?.timex, "1989")
        XCTAssertEqual(byText["the year"]?.type, "DURATION", "a year that ends on a day is a year's length")
        XCTAssertEqual(byText["the year"]?.timex, "P1Y")
        XCTAssertEqual(byText["the latest period"]?.timex, "1989-Q3")
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
