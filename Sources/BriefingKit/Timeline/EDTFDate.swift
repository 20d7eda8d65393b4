import Foundation

/// A date in the Extended Date/Time Format (ISO 8601-2 levels 0–1, plus seasons, quarters and
/// halves): `2025`, `2025-03`, `2025-03-13`, `199X`, `2025~`, `2025?`, `2025-21`, `2000/2004`.
public struct EDTFDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// One calendar point of a date or of an interval's end.
    public struct Point: Hashable, Sendable {
        public var year: Int
        /// Number of trailing year digits left unspecified (`199X` → 1, `19XX` → 2).
        public var unspecifiedYearDigits: Int = 0
        /// 1–12 for months, 21–24 seasons, 33–36 quarters, 40–41 halves; nil for a whole year.
        public var month: Int?
        public var day: Int?
        public var approximate = false
        public var uncertain = false

        /// The earliest day the point covers, as a sortable (year, month, day).
        var lowerBound: (Int, Int, Int) {
            let unit = Self.power(10, unspecifiedYearDigits)
            let year = self.year - self.year % unit
            guard let month else { return (year, 1, 1) }
            return (year, Self.firstMonth(of: month), day ?? 1)
        }

        /// The last day the point covers.
        var upperBound: (Int, Int, Int) {
            let unit = Self.power(10, unspecifiedYearDigits)
            let year = self.year - self.year % unit + unit - 1
            guard let month else { return (year, 12, 31) }
            return (year, Self.lastMonth(of: month), day ?? 31)
        }

        static func power(_ base: Int, _ exponent: Int) -> Int {
            (0..<exponent).reduce(1) { value, _ in value * base }
        }

        static func firstMonth(of code: Int) -> Int {
            switch code {
            case 1...12: code
            case 21...24: [3, 6, 9, 12][code - 21]
            case 33...36: (code - 33) * 3 + 1
            case 40...41: (code - 40) * 6 + 1
            default: 1
            }
        }

        static func lastMonth(of code: Int) -> Int {
            switch code {
            case 1...12: code
            case 21...24: [5, 8, 11, 14][code - 21] > 12 ? 12 : [5, 8, 11, 14][code - 21]
            case 33...36: (code - 33) * 3 + 3
            case 40...41: (code - 40) * 6 + 6
            default: 12
            }
        }
    }

    /// The text as written, which is also the canonical EDTF string.
    public let value: String
    public let start: Point?
    /// Set for intervals (`a/b`); nil for a single point.
    public let end: Point?
    public let isInterval: Bool

    /// Parses an EDTF string; nil when `text` is not a date this type understands.
    public init?(_ text: String) {
        // Every reference target is tried as a date first: most start with a letter, which no
        // date does (a year is digits or X; an open interval starts with ".." or "/").
        guard let first = text.utf8.first,
              (0x30...0x39).contains(first) || first == UInt8(ascii: "X") || first == UInt8(ascii: ".") || first == UInt8(ascii: "/")
        else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        switch parts.count {
        case 1:
            guard let point = Self.parsePoint(Substring(text)) else { return nil }
            start = point
            end = nil
            isInterval = false
        case 2:
            let first = parts[0] == ".." || parts[0].isEmpty ? nil : Self.parsePoint(parts[0])
            let second = parts[1] == ".." || parts[1].isEmpty ? nil : Self.parsePoint(parts[1])
            if first == nil && !(parts[0] == ".." || parts[0].isEmpty) { return nil }
            if second == nil && !(parts[1] == ".." || parts[1].isEmpty) { return nil }
            guard first != nil || second != nil else { return nil }
            if let first, let second, first.lowerBound > second.upperBound { return nil }
            start = first
            end = second
            isInterval = true
        default:
            return nil
        }
        value = text
    }

    private static func parsePoint(_ text: Substring) -> Point? {
        var body = text
        var approximate = false
        var uncertain = false
        if let last = body.last, "~?%".contains(last) {
            approximate = last == "~" || last == "%"
            uncertain = last == "?" || last == "%"
            body = body.dropLast()
        }
        let fields = body.split(separator: "-", omittingEmptySubsequences: false)
        guard (1...3).contains(fields.count) else { return nil }
        let yearText = fields[0]
        guard yearText.count == 4, yearText.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "X") }) else {
            return nil
        }
        let unspecified = yearText.reversed().prefix { $0 == "X" }.count
        guard unspecified <= 2, !yearText.dropLast(unspecified).contains("X") else { return nil }
        // Foundation's replacing only where there is an X to replace: most dates have none.
        guard let year = Int(unspecified == 0 ? yearText : Substring(yearText.replacingOccurrences(of: "X", with: "0")))
        else { return nil }
        var point = Point(year: year, unspecifiedYearDigits: unspecified,
                          approximate: approximate, uncertain: uncertain)
        if fields.count >= 2 {
            guard unspecified == 0, fields[1].count == 2, let month = Int(fields[1]) else { return nil }
            let isMonth = (1...12).contains(month)
            guard isMonth || (21...24).contains(month) || (33...36).contains(month) || (40...41).contains(month)
            else { return nil }
            point.month = month
            if fields.count == 3 {
                guard isMonth, fields[2].count == 2, let day = Int(fields[2]),
                      day >= 1, day <= daysIn(month: month, year: year) else { return nil }
                point.day = day
            }
        }
        return point
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public var description: String { value }

    /// The first year the date covers; used to group the timeline by year.
    public var year: Int {
        if let start { return start.lowerBound.0 }
        return end!.lowerBound.0
    }

    public var isApproximate: Bool {
        [start, end].contains { $0?.approximate == true || $0?.unspecifiedYearDigits ?? 0 > 0 }
    }

    public var isUncertain: Bool { [start, end].contains { $0?.uncertain == true } }

    /// An HTML `datetime` value for plain years, months and days, nil for anything fuzzier.
    public var isoValue: String? {
        guard !isInterval, let start, !start.approximate, !start.uncertain,
              start.unspecifiedYearDigits == 0, (start.month ?? 1) <= 12 else { return nil }
        return value
    }

    /// A reader's label: "March 13, 2025", "March 2025", "about 2025", "1990s", "2000–2004".
    public var label: String {
        guard isInterval else { return Self.label(of: start!) }
        switch (start, end) {
        case let (first?, second?):
            if first.year == second.year, first.unspecifiedYearDigits == 0, second.unspecifiedYearDigits == 0,
               let m1 = first.month, let m2 = second.month, m1 <= 12, m2 <= 12,
               !first.approximate, !first.uncertain {
                // Days of one month, such as a week: "March 11–17, 2013".
                if m1 == m2, let d1 = first.day, let d2 = second.day {
                    return "\(Self.monthNames[m1 - 1]) \(d1)–\(d2), \(second.year)"
                }
                let left = first.day.map { "\(Self.monthNames[m1 - 1]) \($0)" } ?? Self.monthNames[m1 - 1]
                let right = second.day.map { "\(Self.monthNames[m2 - 1]) \($0), \(second.year)" }
                    ?? "\(Self.monthNames[m2 - 1]) \(second.year)"
                return "\(left) – \(right)"
            }
            let left = Self.label(of: first)
            let right = Self.label(of: second)
            return first.month == nil && second.month == nil ? "\(left)–\(right)" : "\(left) – \(right)"
        case let (first?, nil):
            return "since \(Self.label(of: first))"
        case let (nil, second?):
            return "until \(Self.label(of: second))"
        default:
            return value
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July",
                             "August", "September", "October", "November", "December"]

    private static func label(of point: Point) -> String {
        var text: String
        switch point.unspecifiedYearDigits {
        case 1: text = "the \(point.year - point.year % 10)s"
        case 2: text = "the \(point.year - point.year % 100)s"
        default: text = String(point.year)
        }
        if let month = point.month {
            switch month {
            case 1...12:
                let name = monthNames[month - 1]
                text = point.day.map { "\(name) \($0), \(text)" } ?? "\(name) \(text)"
            case 21...24: text = "\(["spring", "summer", "autumn", "winter"][month - 21]) \(text)"
            case 33...36: text = "Q\(month - 32) \(text)"
            default: text = "\(month == 40 ? "first" : "second") half of \(text)"
            }
        }
        if point.approximate && point.uncertain { return "perhaps about \(text)" }
        if point.approximate { return "about \(text)" }
        if point.uncertain { return "\(text)?" }
        return text
    }

    /// Chronological: by first day covered, then by last day, then by text for a total order.
    public static func < (a: EDTFDate, b: EDTFDate) -> Bool {
        let aStart = a.start?.lowerBound ?? (Int.min, 0, 0)
        let bStart = b.start?.lowerBound ?? (Int.min, 0, 0)
        if aStart != bStart { return aStart < bStart }
        let aEnd = a.end?.upperBound ?? a.start!.upperBound
        let bEnd = b.end?.upperBound ?? b.start!.upperBound
        if aEnd != bEnd { return aEnd < bEnd }
        return a.value < b.value
    }

    /// Today in UTC as YYYY-MM-DD: what "future" and a missing publication date mean.
    public static func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }
}
