/// A temporal expression found in an article: its TimeML type and TIMEX3 value, and its EDTF
/// value when it anchors to the calendar (days, months, years, weeks, seasons, intervals).
public struct DateMention: Sendable, Equatable, Codable {
    public var text: String
    /// Code point offsets into the article, end exclusive.
    public var start: Int
    public var end: Int
    /// DATE, TIME, DURATION or SET (TimeML).
    public var type: String
    /// The EDTF value, nil for what no calendar span says ("90 days", "every year", "now").
    public var value: String?
    /// The TIMEX3 value ("2013-W12", "P90D", "PRESENT_REF", "XXXX-WI").
    public var timex: String

    public init(text: String, start: Int, end: Int, type: String = "DATE", value: String?, timex: String? = nil) {
        self.text = text
        self.start = start
        self.end = end
        self.type = type
        self.value = value
        self.timex = timex ?? value ?? ""
    }

    enum CodingKeys: String, CodingKey { case text, start, end, type, value, timex }

    // `value` is written as null rather than left out: every date has the same keys.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(text, forKey: .text)
        try container.encode(start, forKey: .start)
        try container.encode(end, forKey: .end)
        try container.encode(type, forKey: .type)
        try container.encode(value, forKey: .value)
        try container.encode(timex, forKey: .timex)
    }
}

/// Finds temporal expressions in prose (TimeML DATE, TIME, DURATION, SET, with TimeML extents)
/// and resolves them against the publication date: full dates, months, years, ranges, decades,
/// centuries, weekdays (by the tense of the sentence), weeks, quarters, seasons, "yesterday",
/// "now", times of day, durations ("90 days") and sets ("every year"); "that year" and "the next
/// day" against the last year or day mentioned. Numbers that only look like years ("Section
/// 907", "$500 million", "1,500 soldiers", "60–69%") are left alone.
struct TemporalTagger {
    /// The publication date the relative expressions resolve against.
    var reference: (year: Int, month: Int, day: Int)
    /// The year last mentioned, for "that year".
    var lastYear: Int?
    /// The day last mentioned, for "the next day".
    var lastDay: CivilDay?
    /// The quarter last mentioned (TIMEX3 "1989-Q3"): results compared with "a year earlier"
    /// are that quarter's, a year before.
    var lastQuarter: (year: Int, quarter: Int)?
    /// Whether a day that does not exist ("February 29, 2025") still reads as a date: only to
    /// tell a mistyped date line from a line that is no date at all.
    var acceptsImpossibleDays = false

    init(reference: (year: Int, month: Int, day: Int)) {
        self.reference = reference
    }

    static let months: [String: Int] = [
        "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7, "august": 8,
        "september": 9, "october": 10, "november": 11, "december": 12,
        "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10,
        "nov": 11, "dec": 12,
    ]
    static let seasons: [String: Int] = ["spring": 21, "summer": 22, "autumn": 23, "fall": 23, "winter": 24]
    /// Words before a bare month name that make it a date ("in April"), not a name ("April Smith").
    static let monthPrepositions: Set<String> = ["in", "since", "until", "till", "by", "from", "through", "during", "of",
                                                 "last", "next", "early", "late", "mid", "before", "after"]
    /// Words before a number that make it something other than a year.
    static let blockingBefore: Set<String> = ["$", "€", "£", "¥", "section", "article", "no", "resolution", "law",
                                              "route", "flight", "chapter", "paragraph", "clause", "title", "#", "room",
                                              "page", "pages", "item", "code", "model", "number"]
    /// Words after a number that make it a quantity, not a year.
    static let blockingAfter: Set<String> = ["%", "percent", "per", "km", "kilometers", "kilometres", "miles", "bcm",
                                             "million", "billion", "trillion", "thousand", "soldiers", "troops", "people",
                                             "persons", "men", "women", "mw", "gw", "kg", "tons", "tonnes", "barrels",
                                             "meters", "metres", "m", "feet", "ft", "dollars", "euros", "usd", "units",
                                             "votes", "seats", "hours", "minutes", "deaths", "casualties", "cases",
                                             "households", "homes", "years", "year-old", "pounds", "members"]

    func isYear(_ token: Token) -> Int? {
        guard token.kind == .number, token.text.count == 4, let value = Int(token.text),
              (1500...2100).contains(value) else { return nil }
        return value
    }

    private func monthNumber(_ token: Token) -> Int? {
        guard token.isCapitalized else { return nil }
        return Self.months[token.folded]
    }

    private func day(_ token: Token) -> Int? {
        guard token.kind == .number else { return nil }
        let digits = token.text.prefix { $0.isNumber }
        let suffix = token.text.dropFirst(digits.count).lowercased()
        guard ["", "st", "nd", "rd", "th"].contains(suffix), digits.count <= 2, let value = Int(digits),
              (1...31).contains(value) else { return nil }
        return value
    }

    /// A calendar day as EDTF, the year taken from the publication date when not written;
    /// nil for days that do not exist ("February 30").
    private mutating func calendarDay(month: Int, day: Int, year: Int?) -> String? {
        let resolved = year ?? yearFor(month: month, day: day)
        let value = "\(resolved)-\(Self.pad(month))-\(Self.pad(day))"
        guard exists(value) else { return nil }
        if year != nil { lastYear = resolved }
        return value
    }

    /// Whether an EDTF day is on the calendar (or passes as one, see `acceptsImpossibleDays`).
    private func exists(_ day: String) -> Bool { acceptsImpossibleDays || EDTFDate(day) != nil }

    static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// The year for a month and day written without one: the latest such day on or before the
    /// publication date (news speaks of the recent past), unless that is over ten months back.
    func yearFor(month: Int, day: Int?) -> Int {
        let later = (month, day ?? 1) > (reference.month, reference.day)
        return later && month - reference.month <= 2 ? reference.year : (later ? reference.year - 1 : reference.year)
    }

    private static func isDash(_ token: Token) -> Bool { ["-", "–", "—", "/"].contains(token.text) }

    /// Recognizes dates in `tokens` (one block of prose, in order).
    mutating func dates(in tokens: [Token], text: (Int, Int) -> String) -> [DateMention] {
        var found: [DateMention] = []
        var index = 0
        func token(_ offset: Int) -> Token? {
            let position = index + offset
            return position >= 0 && position < tokens.count ? tokens[position] : nil
        }
        func emit(_ count: Int, from offset: Int = 0, _ value: String?, type: String = "DATE", timex: String? = nil) {
            let first = tokens[index + offset]
            let last = tokens[index + offset + count - 1]
            found.append(DateMention(text: text(first.start, last.end), start: first.start, end: last.end, type: type,
                                     value: value, timex: timex ?? value.map(Self.timex(of:)) ?? ""))
            if let value, value.utf8.count == 10, let day = Self.civilDay(value) { lastDay = day }
            let written = timex ?? ""
            // Only a quarter named as one ("the third quarter"), not one a year before it ("a year
            // ago", "the year-ago quarter"): the comparisons all go back to the quarter reported.
            let words = tokens[(index + offset)..<(index + offset + count)].lazy.map(\.folded)
            if written.utf8.count == 7, written.dropFirst(4).hasPrefix("-Q"), let year = Int(written.prefix(4)),
               let quarter = Int(written.suffix(1)), words.contains(where: { $0.hasPrefix("quarter") }), !words.contains("year") {
                lastQuarter = (year, quarter)
            }
            index += offset + count
        }
        while index < tokens.count {
            let current = tokens[index]
            if let match = relativeExpression(tokens, at: index) {
                emit(match.count, match.value, type: match.type, timex: match.timex)
                continue
            }
            // 2025-03-31
            if let year = isYear(current), let d1 = token(1), d1.text == "-", !d1.spaceBefore, let m = token(2),
               m.kind == .number, m.text.count == 2, let month = Int(m.text), (1...12).contains(month),
               let d2 = token(3), d2.text == "-", let dd = token(4), dd.kind == .number, dd.text.count == 2,
               let dayValue = Int(dd.text), (1...31).contains(dayValue), exists("\(year)-\(Self.pad(month))-\(Self.pad(dayValue))") {
                lastYear = year
                emit(5, "\(year)-\(Self.pad(month))-\(Self.pad(dayValue))")
                continue
            }
            // 03/31/2025 (or 31/03/2025 when the first number cannot be a month)
            if current.kind == .number, current.text.count <= 2, let a = Int(current.text), let s1 = token(1), s1.text == "/",
               !s1.spaceBefore, let bToken = token(2), bToken.kind == .number, let b = Int(bToken.text), let s2 = token(3),
               s2.text == "/", let yToken = token(4), let year = isYear(yToken) {
                let (month, dayValue) = a > 12 ? (b, a) : (a, b)
                let value = "\(year)-\(Self.pad(month))-\(Self.pad(dayValue))"
                if (1...12).contains(month), (1...31).contains(dayValue), exists(value) {
                    lastYear = year
                    emit(5, value)
                    continue
                }
            }
            // Month Day, Year | Month Day | Month Year
            // "May" is a month before a day or a year, or capitalized after "in", "by", "since"…
            // ("heard in May"); elsewhere it may be the verb.
            let monthMay = current.isCapitalized && token(-1).map { Self.monthPrepositions.contains($0.folded) } == true
            if let month = monthNumber(current), !(current.folded == "may" && !monthMay && token(1).flatMap(day) == nil
                                                   && token(1).flatMap(isYear) == nil && apostropheYear(tokens, at: index + 1) == nil) {
                var cursor = 1
                if token(1)?.text == ".", current.text.count <= 4 { cursor = 2 }
                if let next = token(cursor), let dayValue = day(next), let dash = token(cursor + 1), Self.isDash(dash),
                   let second = token(cursor + 2).flatMap(day), second > dayValue {
                    // "January 29–30, 2024"
                    var length = cursor + 3
                    var year: Int?
                    if token(length)?.text == ",", let y = token(length + 1).flatMap(isYear) {
                        year = y
                        length += 2
                    }
                    let resolved = year ?? yearFor(month: month, day: dayValue)
                    let from = "\(resolved)-\(Self.pad(month))-\(Self.pad(dayValue))"
                    let to = "\(resolved)-\(Self.pad(month))-\(Self.pad(second))"
                    if EDTFDate("\(from)/\(to)") != nil {
                        if year != nil { lastYear = resolved }
                        emit(length, "\(from)/\(to)")
                        continue
                    }
                }
                if let next = token(cursor), let dayValue = day(next) {
                    var length = cursor + 1
                    var year: Int?
                    if token(length)?.text == ",", let y = token(length + 1).flatMap(isYear) {
                        year = y
                        length += 2
                    } else if let y = token(length).flatMap(isYear) {
                        year = y
                        length += 1
                    }
                    if let value = calendarDay(month: month, day: dayValue, year: year) {
                        emit(length, value)
                        continue
                    }
                }
                if let next = token(cursor), let year = isYear(next) {
                    lastYear = year
                    emit(cursor + 1, "\(year)-\(Self.pad(month))")
                    continue
                }
                if let year = apostropheYear(tokens, at: index + cursor) {
                    lastYear = year
                    emit(cursor + 2, "\(year)-\(Self.pad(month))")
                    continue
                }
                if token(cursor)?.folded == "of", let y = token(cursor + 1).flatMap(isYear) {
                    lastYear = y
                    emit(cursor + 2, "\(y)-\(Self.pad(month))")
                    continue
                }
                // "in April": the latest April up to the publication date, the next one in a sentence
                // about the future. A month name alone is a date unless it could be a verb or a name.
                let before = token(-1)
                // "The March accession": a month's name before a noun is that month.
                let beforeNoun = current.isCapitalized && before.map { ["the", "a", "this"].contains($0.folded) } == true
                    && token(cursor)?.isLowercaseWord == true && current.folded != "may"
                if before.map({ Self.monthPrepositions.contains($0.folded) }) ?? false || beforeNoun
                    || (current.folded != "may" && current.folded != "march" && current.text.count > 3
                        && !(token(cursor)?.isCapitalized ?? false)) {
                    let year = tense(tokens, at: index) == .future && month > reference.month ? reference.year
                        : tense(tokens, at: index) == .future ? reference.year + 1 : yearFor(month: month, day: nil)
                    emit(1, "\(year)-\(Self.pad(month))")
                    continue
                }
            }
            // Day Month Year | Day Month
            if let dayValue = day(current), let monthToken = token(1), let month = monthNumber(monthToken) {
                var length = 2
                var year: Int?
                if let y = token(2).flatMap(isYear) {
                    year = y
                    length = 3
                }
                if let value = calendarDay(month: month, day: dayValue, year: year) {
                    emit(length, value)
                    continue
                }
            }
            // early/mid/late 2025, spring 2025
            if current.kind == .word, let next = token(1), let year = isYear(next) ?? (next.text == "-" ? token(2).flatMap(isYear) : nil),
               let value = qualified(current.folded, year: year) {
                lastYear = year
                emit(next.text == "-" ? 3 : 2, value)
                continue
            }
            // Decades: 1990s, the early 2000s
            if current.kind == .number, current.text.count == 5, current.text.hasSuffix("s"), let decade = Int(current.text.dropLast()),
               decade % 10 == 0, (1500...2100).contains(decade) {
                emit(1, "\(decade / 10)X")
                continue
            }
            // Relative expressions
            if current.kind == .word, let next = token(1), next.kind == .word, let value = relative(current.folded, next.folded) {
                emit(2, value)
                continue
            }
            // Years and ranges of years
            if let year = isYear(current), !blocked(tokens, at: index) {
                if let dash = token(1), Self.isDash(dash), !dash.spaceBefore, let endToken = token(2), !endToken.spaceBefore,
                   let endYear = isYear(endToken) ?? twoDigitYear(endToken, after: year), endYear > year,
                   !blocked(tokens, at: index + 2) {
                    lastYear = endYear
                    emit(3, "\(year)/\(endYear)")
                    continue
                }
                if let connector = token(1), connector.folded == "to" || connector.folded == "and" || connector.folded == "until",
                   let endYear = token(2).flatMap(isYear), endYear > year,
                   let before = token(-1), before.folded == "from" || before.folded == "between",
                   !blocked(tokens, at: index + 2) {
                    lastYear = endYear
                    emit(3, "\(year)/\(endYear)")
                    continue
                }
                lastYear = year
                emit(1, "\(year)")
                continue
            }
            index += 1
        }
        return Self.joiningRanges(Self.weeksOfDays(found, tokens: tokens, text: text), text: text)
    }

    /// "the week of March 6": the ISO week holding the day, as one expression from "the".
    static func weeksOfDays(_ found: [DateMention], tokens: [Token], text: (Int, Int) -> String) -> [DateMention] {
        var result = found
        var cursor = 0
        for (position, date) in found.enumerated() {
            guard let value = date.value, value.utf8.count == 10, let day = civilDay(value) else { continue }
            while cursor < tokens.count, tokens[cursor].start < date.start { cursor += 1 }
            guard cursor >= 2, cursor < tokens.count, tokens[cursor].start == date.start, tokens[cursor - 1].folded == "of",
                  tokens[cursor - 2].folded == "week" else { continue }
            let start = cursor >= 3 && ["the", "that"].contains(tokens[cursor - 3].folded) ? tokens[cursor - 3].start : tokens[cursor - 2].start
            let week = week(of: day)
            result[position] = DateMention(text: text(start, date.end), start: start, end: date.end, type: "DATE",
                                           value: week.value, timex: week.timex)
        }
        // "the week" read on its own before the day is now part of the week expression.
        return result.enumerated().filter { position, date in
            position + 1 >= result.count || date.end <= result[position + 1].start
        }.map(\.element)
    }

    /// "April 22 to May 10", "May 2023 to May 2025": two dates joined by a dash or "to" are one interval.
    static func joiningRanges(_ dates: [DateMention], text: (Int, Int) -> String) -> [DateMention] {
        var result: [DateMention] = []
        for date in dates {
            if let previous = result.last, previous.end < date.start, date.start - previous.end <= 10,
               ["–", "-", "—", "to", "through", "until"].contains(text(previous.end, date.start).trimmingCharacters(in: .whitespaces)),
               previous.type == "DATE", date.type == "DATE", let from = previous.value, let to = date.value,
               !from.contains("/"), !to.contains("/"),
               let first = EDTFDate(from), let second = EDTFDate(to), first < second, EDTFDate("\(from)/\(to)") != nil {
                // TimeML has two expressions here; the interval keeps the first one's TIMEX3 value.
                result[result.count - 1] = DateMention(text: text(previous.start, date.end), start: previous.start, end: date.end,
                                                       type: "DATE", value: "\(from)/\(to)", timex: previous.timex)
            } else {
                result.append(date)
            }
        }
        return result
    }

    private func twoDigitYear(_ token: Token, after year: Int) -> Int? {
        guard token.kind == .number, token.text.count == 2, let value = Int(token.text) else { return nil }
        let candidate = year - year % 100 + value
        return candidate > year ? candidate : nil
    }

    func blocked(_ tokens: [Token], at index: Int) -> Bool {
        if index > 0, Self.blockingBefore.contains(tokens[index - 1].folded) { return true }
        if index + 1 < tokens.count {
            let next = tokens[index + 1]
            if Self.blockingAfter.contains(next.folded) { return true }
            if next.text == "-", index + 2 < tokens.count, Self.blockingAfter.contains(tokens[index + 2].folded) { return true }
        }
        return false
    }

    func qualified(_ word: String, year: Int) -> String? {
        switch word {
        case "early": "\(year)-01~/\(year)-04~"
        case "mid": "\(year)-05~/\(year)-08~"
        case "late": "\(year)-09~/\(year)-12~"
        default: Self.seasons[word].map { "\(year)-\($0)" }
        }
    }

    private func relative(_ first: String, _ second: String) -> String? {
        let (year, month) = (reference.year, reference.month)
        switch (first, second) {
        case ("this", "month"): return "\(year)-\(Self.pad(month))"
        case ("last", "month"), ("previous", "month"):
            return month == 1 ? "\(year - 1)-12" : "\(year)-\(Self.pad(month - 1))"
        case ("next", "month"): return month == 12 ? "\(year + 1)-01" : "\(year)-\(Self.pad(month + 1))"
        case ("this", "year"): return "\(year)"
        case ("last", "year"), ("previous", "year"): return "\(year - 1)"
        case ("next", "year"): return "\(year + 1)"
        case ("that", "year"), ("the", "same"): return first == "that" ? lastYear.map { "\($0)" } : nil
        case ("these", "days"): return "\(year)-\(Self.pad(month))~"
        case ("this", let season) where Self.seasons[season] != nil: return "\(year)-\(Self.seasons[season]!)"
        default: return nil
        }
    }
}
