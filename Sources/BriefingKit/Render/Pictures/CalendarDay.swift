/// Days since 1970-01-01 of a calendar date (proleptic Gregorian), for placing dates on an axis.
enum CalendarDay {
    /// Howard Hinnant's `days_from_civil`: exact for every year, no Foundation calendar involved.
    static func number(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The first and last day a date covers (an interval's open end is its other end).
    static func span(of date: EDTFDate) -> ClosedRange<Int>? {
        guard let first = date.start ?? date.end else { return nil }
        let last = date.end ?? date.start!
        let (y1, m1, d1) = first.lowerBound
        let (y2, m2, d2) = last.upperBound
        let start = number(year: y1, month: m1, day: d1)
        let end = number(year: y2, month: m2, day: min(d2, EDTFDate.daysIn(month: m2, year: y2)))
        return start...max(start, end)
    }

    /// The year, month and day of a day number (Hinnant's `civil_from_days`).
    static func date(of number: Int) -> (year: Int, month: Int, day: Int) {
        let z = number + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
