/// A day of the proleptic Gregorian calendar as a day number, for the arithmetic relative dates
/// need ("the Thursday before", "three days ago", "last week") and for placing dates on an axis.
struct CivilDay: Equatable, Comparable {
    /// Days since 1970-01-01.
    var number: Int

    init(number: Int) { self.number = number }

    init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil: exact for every Gregorian day, no tables.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        number = era * 146_097 + doe - 719_468
    }

    var components: (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// 1 = Monday … 7 = Sunday (ISO 8601).
    var weekday: Int { ((number % 7) + 7 + 3) % 7 + 1 }

    func adding(_ days: Int) -> CivilDay { CivilDay(number: number + days) }

    /// The ISO 8601 week: its year and number ("2013-W12").
    var isoWeek: (year: Int, week: Int) {
        let thursday = adding(4 - weekday)
        let year = thursday.components.year
        let first = CivilDay(year: year, month: 1, day: 1)
        return (year, (thursday.number - first.number) / 7 + 1)
    }

    /// YYYY-MM-DD.
    var text: String {
        let (y, m, d) = components
        return "\(y)-\(CivilDay.pad(m))-\(CivilDay.pad(d))"
    }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    static func < (a: CivilDay, b: CivilDay) -> Bool { a.number < b.number }

    /// The day numbers a date covers, first to last (an interval's open end is its other end).
    static func span(of date: EDTFDate) -> ClosedRange<Int>? {
        guard let first = date.start ?? date.end else { return nil }
        let last = date.end ?? date.start!
        let (y1, m1, d1) = first.lowerBound
        let (y2, m2, d2) = last.upperBound
        let start = CivilDay(year: y1, month: m1, day: d1).number
        let end = CivilDay(year: y2, month: m2, day: min(d2, EDTFDate.daysIn(month: m2, year: y2))).number
        return start...max(start, end)
    }
}
