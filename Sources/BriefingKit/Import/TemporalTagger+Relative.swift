/// The expressions whose value depends on the publication date, the tense of the sentence or the
/// last date mentioned: weekdays, "yesterday", "last week", quarters, "now", times, durations, sets.
extension TemporalTagger {
    /// What a rule found: how many tokens, its TimeML type and TIMEX3 value, and its EDTF value.
    struct Match {
        var count: Int
        var type: String
        var timex: String
        var value: String?
    }

    enum Tense { case past, future, none }

    static let weekdays: [String: Int] = ["monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
                                          "saturday": 6, "sunday": 7]
    static let partsOfDay: [String: String] = ["morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"]
    static let numberWords: [String: Int] = [
        "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
        "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
        "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a": 1, "an": 1,
    ]
    /// Counts that are not numbers: the TIMEX3 value says X.
    static let vagueCounts: Set<String> = ["several", "few", "many", "some", "recent", "coming"]
    /// Units of duration: the TIMEX3 unit letter, whether it is a time (PT…), and how many of
    /// the unit it is (a decade is ten years).
    static let units: [String: (letter: String, isTime: Bool, multiple: Int)] = [
        "second": ("S", true, 1), "seconds": ("S", true, 1), "minute": ("M", true, 1), "minutes": ("M", true, 1),
        "hour": ("H", true, 1), "hours": ("H", true, 1), "day": ("D", false, 1), "days": ("D", false, 1),
        "week": ("W", false, 1), "weeks": ("W", false, 1), "month": ("M", false, 1), "months": ("M", false, 1),
        "year": ("Y", false, 1), "years": ("Y", false, 1), "decade": ("Y", false, 10), "decades": ("Y", false, 10),
        "century": ("Y", false, 100), "centuries": ("Y", false, 100), "quarter": ("M", false, 3), "quarters": ("M", false, 3),
        "weekend": ("WE", false, 1), "weekends": ("WE", false, 1),
    ]
    static let ordinals: [String: Int] = ["first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4]
    static let centuryOrdinals: [String: Int] = [
        "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
        "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
        "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21,
    ]
    static let setWords: [String: String] = ["daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
                                             "yearly": "P1Y", "hourly": "PT1H", "nightly": "P1D"]
    static let pastMarkers: Set<String> = ["said", "was", "were", "had", "did", "ago", "told", "announced", "came",
                                           "went", "met", "began", "took", "made", "saw", "won", "lost", "left", "got",
                                           "fell", "rose", "held", "gave", "spoke", "became", "reported", "earlier"]
    static let futureMarkers: Set<String> = ["will", "'ll", "’ll", "shall", "scheduled", "upcoming", "next"]

    /// Verbs of intention and arrangement: before "to" and a verb they put it in the future
    /// ("planned to leave Thursday", "is set to resume Monday", "agreed to meet in May").
    static let intentionVerbs: Set<String> = [
        "plan", "plans", "planned", "planning", "expect", "expects", "expected", "set", "going", "due", "scheduled",
        "agree", "agrees", "agreed", "aim", "aims", "aimed", "intend", "intends", "intended", "hope", "hopes", "hoped",
        "want", "wants", "wanted", "likely", "ready", "prepared", "preparing", "seek", "seeks", "seeking", "promise",
        "promises", "promised", "vow", "vows", "vowed", "pledge", "pledges", "pledged", "decide", "decides", "decided",
        "is", "are", "was", "were", "would", "will",
    ]

    /// The tense of the sentence around `index`: its nearest marked verb ("said", "will", "plans
    /// to"), looked for first before it (the verb an adjunct of time belongs to comes first in
    /// English: "will double its flights by August, untouched by…"), then after it, each side up
    /// to its sentence's end.
    func tense(_ tokens: [Token], at index: Int) -> Tense {
        func marked(_ position: Int) -> Tense? {
            let token = tokens[position]
            guard token.kind == .word else { return nil }
            let word = token.folded
            if Self.futureMarkers.contains(word) { return .future }
            if word == "to", position > 0, Self.intentionVerbs.contains(tokens[position - 1].folded),
               position + 1 < tokens.count, tokens[position + 1].isLowercaseWord {
                return .future
            }
            if Self.pastMarkers.contains(word) || (word.utf8.count > 4 && word.hasSuffix("ed")) {
                // "will be named": a participle after "be" says nothing of the time; look further.
                if position > 0, ["be", "been", "being"].contains(tokens[position - 1].folded) { return nil }
                return .past
            }
            return nil
        }
        func endsSentence(_ position: Int) -> Bool { [".", "!", "?", ";"].contains(tokens[position].text) }
        var position = index - 1
        while position >= 0, index - position <= 12, !endsSentence(position) {
            if let tense = marked(position) { return tense }
            position -= 1
        }
        position = index + 1
        while position < tokens.count, position - index <= 12, !endsSentence(position) {
            if let tense = marked(position) { return tense }
            position += 1
        }
        return .none
    }

    /// The periods of results reporting: "the year-ago quarter", "the year-earlier period", "a
    /// year-earlier loss" (the quarter last named, a year before), "the latest period" (the
    /// quarter last named), "the year", "the full year", "the fiscal year" (the publication
    /// year; "the year ended March 31" is a year's duration).
    func reportingPeriod(_ tokens: [Token], at index: Int) -> Match? {
        func word(_ position: Int) -> String? {
            position < tokens.count && tokens[position].kind == .word ? tokens[position].folded : nil
        }
        let article = ["the", "a"].contains(tokens[index].folded) ? 1 : 0
        let start = index + article
        // "year-ago", "year-earlier" as an adjective.
        if word(start) == "year", start + 2 < tokens.count, tokens[start + 1].text == "-", !tokens[start + 1].spaceBefore,
           let which = word(start + 2), ["ago", "earlier"].contains(which) {
            let noun = word(start + 3)
            let isPeriod = noun == "quarter" || noun == "period"
            // TimeML: "the year-ago quarter" is one expression; in "the year-ago results" only "year-ago" is.
            guard article == 0 || isPeriod else { return nil }
            let count = article + 3 + (isPeriod ? 1 : 0)
            if let last = lastQuarter ?? (noun == "quarter" ? (reference.year, Self.quarter(of: reference.month)) : nil) {
                return Match(count: count, type: "DATE", timex: "\(last.year - 1)-Q\(last.quarter)", value: "\(last.year - 1)-\(32 + last.quarter)")
            }
            return Match(count: count, type: "DATE", timex: "\(reference.year - 1)", value: "\(reference.year - 1)")
        }
        guard tokens[index].folded == "the" else { return nil }
        if word(index + 1) == "latest", word(index + 2) == "period", let last = lastQuarter {
            return Match(count: 3, type: "DATE", timex: "\(last.year)-Q\(last.quarter)", value: "\(last.year)-\(32 + last.quarter)")
        }
        let qualifier = word(index + 1).map { ["full", "fiscal"].contains($0) } == true ? 1 : 0
        guard word(index + 1 + qualifier) == "year" else { return nil }
        let after = index + 2 + qualifier
        if after < tokens.count, tokens[after].kind == .number || ["-", "’s", "'s"].contains(tokens[after].text) { return nil }
        if let next = word(after), ["before", "after", "earlier", "later", "ago"].contains(next) { return nil }
        if let next = word(after), ["ended", "ending", "through", "to"].contains(next) {
            return Match(count: after - index, type: "DURATION", timex: "P1Y", value: nil)
        }
        return Match(count: after - index, type: "DATE", timex: "\(reference.year)", value: "\(reference.year)")
    }

    var referenceDay: CivilDay { CivilDay(year: reference.year, month: reference.month, day: reference.day) }

    /// "'58": a year written with two digits after an apostrophe.
    func apostropheYear(_ tokens: [Token], at index: Int) -> Int? {
        guard index + 1 < tokens.count, ["'", "’", "‘"].contains(tokens[index].text), tokens[index + 1].kind == .number,
              !tokens[index + 1].spaceBefore, tokens[index + 1].text.count == 2, let value = Int(tokens[index + 1].text)
        else { return nil }
        let century = reference.year - reference.year % 100
        return century + value > reference.year + 10 ? century - 100 + value : century + value
    }

    /// The ISO week of a day: TIMEX3 "2013-W12" and EDTF Monday/Sunday.
    static func week(of day: CivilDay) -> (timex: String, value: String) {
        let (year, number) = day.isoWeek
        let monday = day.adding(1 - day.weekday)
        return ("\(year)-W\(pad(number))", "\(monday.text)/\(monday.adding(6).text)")
    }

    static func season(_ code: Int) -> String { ["SP", "SU", "FA", "WI"][code - 21] }

    static func quarter(of month: Int) -> Int { (month - 1) / 3 + 1 }

    /// The TIMEX3 value of an EDTF value the older rules produce.
    static func timex(of value: String) -> String {
        if value.hasSuffix("X") { return String(value.dropLast(value.reversed().prefix { $0 == "X" }.count)) }
        if value.contains("~/") { return String(value.prefix(4)) }
        var text = value.hasSuffix("~") ? String(value.dropLast()) : value
        if !text.contains("/"), text.utf8.count == 7, let code = Int(text.suffix(2)), (21...24).contains(code) {
            text = "\(text.prefix(4))-\(season(code))"
        }
        return text
    }

    static func civilDay(_ value: String) -> CivilDay? {
        let parts = value.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        return CivilDay(year: parts[0], month: parts[1], day: parts[2])
    }

    private func number(_ token: Token) -> Int? {
        if token.kind == .number, !token.text.contains(","), !token.text.contains("."), let value = Int(token.text) { return value }
        return Self.numberWords[token.folded]
    }

    /// A count of units ("two years", "90 days", "a decade", "two-year", "several months"): the
    /// number of tokens and the TIMEX3 duration; nil when `index` starts none.
    private func duration(_ tokens: [Token], at index: Int) -> (count: Int, timex: String)? {
        guard index < tokens.count else { return nil }
        let first = tokens[index]
        var cursor = index + 1
        var amount: Int?
        // "a two-year": TimeML leaves the article out; a year is no count ("the 1988 quarter").
        if first.folded == "a" || first.folded == "an", cursor < tokens.count,
           Self.numberWords[tokens[cursor].folded] != nil || tokens[cursor].kind == .number { return nil }
        if isYear(first) != nil { return nil }
        if let value = number(first) {
            amount = value
            // "twenty four hours", "one hundred years"
            if cursor < tokens.count, let more = Self.numberWords[tokens[cursor].folded], more != 1 {
                amount = more == 100 ? value * 100 : value + more
                cursor += 1
            }
        } else if Self.vagueCounts.contains(first.folded) || (first.folded == "a" && cursor < tokens.count && tokens[cursor].folded == "few") {
            if first.folded == "a" { cursor += 1 }
        } else {
            return nil
        }
        // "two-year", "four-week", "16-hour"
        if cursor < tokens.count, tokens[cursor].text == "-", !tokens[cursor].spaceBefore { cursor += 1 }
        // "half", "and a half" are rare enough to leave out.
        guard cursor < tokens.count, let unit = Self.units[tokens[cursor].folded] else { return nil }
        if first.folded == "a" || first.folded == "an" || first.folded == "one", tokens[cursor].folded.hasSuffix("s") { return nil }
        if amount == nil, !tokens[cursor].folded.hasSuffix("s") { return nil }
        // "a six-year-old": an age, which TimeML leaves out.
        if cursor + 2 < tokens.count, tokens[cursor + 1].text == "-", tokens[cursor + 2].folded == "old" { return nil }
        if cursor + 1 < tokens.count, tokens[cursor + 1].folded == "old" { return nil }
        let count = amount.map { "\($0 * unit.multiple)" } ?? "X"
        let letter = unit.letter == "WE" ? "WE" : unit.letter
        return (cursor + 1 - index, unit.isTime ? "PT\(count)\(letter)" : "P\(count)\(letter)")
    }

    static let dayOffsets: [String: Int] = ["today": 0, "yesterday": -1, "tomorrow": 1, "tonight": 0]
    static let references: [String: String] = ["now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF",
                                               "recently": "PAST_REF", "soon": "FUTURE_REF", "formerly": "PAST_REF"]
    /// Common words that start an expression only before another starter ("the next day", "some years").
    static let leadingWords: Set<String> = ["the", "a", "an", "that", "at", "some", "many", "several", "few", "coming", "recent", "this",
                                            "per", "each", "every", "first", "final", "one", "second"]
    /// Words that are no starters but make one of `leadingWords` start an expression ("this summer").
    static let followers: Set<String> = {
        var words: Set<String> = ["future", "present", "same", "following", "season", "latest", "full", "entire", "night"]
        words.formUnion(partsOfDay.keys)
        words.formUnion(seasons.keys)
        words.formUnion(months.keys)
        return words
    }()
    /// Every word an expression of this extension can start with: any other word is passed by
    /// with one set lookup (extract must read 200,000 words a second).
    static let starters: Set<String> = {
        var words: Set<String> = ["the", "a", "an", "this", "last", "next", "past", "previous", "coming", "every", "each", "per",
                                  "earlier", "later", "early", "late", "mid", "end", "beginning", "start", "middle", "fiscal",
                                  "that", "current", "recent", "these", "at", "noon", "midnight", "final", "first", "few"]
        words.formUnion(weekdays.keys)
        words.formUnion(dayOffsets.keys)
        words.formUnion(references.keys)
        words.formUnion(numberWords.keys)
        words.formUnion(vagueCounts)
        words.formUnion(units.keys)
        words.formUnion(setWords.keys)
        words.formUnion(ordinals.keys)
        words.formUnion(centuryOrdinals.keys)
        return words
    }()

    /// The expression starting at `index` that the rules of this extension recognize.
    mutating func relativeExpression(_ tokens: [Token], at index: Int) -> Match? {
        switch tokens[index].kind {
        case .word:
            let folded = tokens[index].folded
            guard Self.starters.contains(folded) else { return nil }
            // The commonest words start an expression only before another word of one.
            if Self.leadingWords.contains(folded) {
                guard index + 1 < tokens.count else { return nil }
                let next = tokens[index + 1]
                guard next.kind == .number || Self.starters.contains(next.folded) || Self.followers.contains(next.folded) else { return nil }
            }
        case .number: break
        case .punctuation: guard ["'", "’", "‘"].contains(tokens[index].text) else { return nil }
        }
        func word(_ offset: Int) -> String? {
            let position = index + offset
            return position < tokens.count && tokens[position].kind == .word ? tokens[position].folded : nil
        }
        func text(_ offset: Int) -> String? {
            let position = index + offset
            return position < tokens.count ? tokens[position].folded : nil
        }
        let current = tokens[index]
        let today = referenceDay
        let (year, month) = (reference.year, reference.month)

        if let match = reportingPeriod(tokens, at: index) { return match }

        // Durations first when they are introduced: "the past two years", "the next 90 days".
        if let first = word(0), ["the", "a"].contains(first) || ["past", "last", "next", "coming", "previous", "first", "final"].contains(first) {
            var cursor = first == "the" || first == "a" ? 1 : 0
            if let second = word(cursor), ["past", "last", "next", "coming", "previous", "first", "final", "latest", "full", "entire"].contains(second) {
                cursor += 1
                if let found = duration(tokens, at: index + cursor), word(cursor) != "a" {
                    return Match(count: cursor + found.count, type: "DURATION", timex: found.timex, value: nil)
                }
            }
        }
        let w0 = current.folded
        // "the nine months", "the two days": TimeML counts the article in.
        if w0 == "the", let found = duration(tokens, at: index + 1), word(1) != "a", word(1) != "an",
           !tokens[(index + 1)..<(index + 1 + found.count)].contains(where: { $0.text == "-" }), // "the two-week session": an adjective
           !(word(found.count + 1).map { ["ago", "earlier", "before", "later"].contains($0) } ?? false) {
            return Match(count: found.count + 1, type: "DURATION", timex: found.timex, value: nil)
        }
        // "the past year", "the last month": the one before this.
        if w0 == "the", let w1 = word(1), ["past", "last", "previous"].contains(w1), let unit = word(2),
           ["year", "month", "week", "quarter"].contains(unit) {
            return calendarUnit("last", unit, count: 3, modifier: nil, today: today)
        }
        // "the quarter", "the latest quarter": the last one reported, the one before the current.
        if w0 == "the", let w1 = word(1), w1 == "quarter" || (["latest", "recent"].contains(w1) && word(2) == "quarter") {
            return calendarUnit("last", "quarter", count: w1 == "quarter" ? 2 : 3, modifier: nil, today: today)
        }
        // "last May", "late November", "mid-November", "this September"
        if ["last", "next", "this", "early", "late", "mid", "past"].contains(w0), index + 1 < tokens.count {
            var cursor = 1
            if w0 == "mid", tokens[index + 1].text == "-" { cursor = 2 }
            if index + cursor < tokens.count, tokens[index + cursor].isCapitalized, let month = Self.months[tokens[index + cursor].folded],
               tokens[index + cursor].text.count > 3 || (index + cursor + 1 < tokens.count && tokens[index + cursor + 1].text == ".") {
                let nextIsDay = index + cursor + 1 < tokens.count && tokens[index + cursor + 1].kind == .number
                if !nextIsDay {
                    let y: Int
                    switch w0 {
                    case "last", "past": y = month < reference.month ? reference.year : reference.year - 1
                    case "next": y = month > reference.month ? reference.year : reference.year + 1
                    case "this": y = reference.year
                    default: y = tense(tokens, at: index) == .future && month > reference.month ? reference.year : yearFor(month: month, day: nil)
                    }
                    let value = "\(y)-\(Self.pad(month))"
                    return Match(count: cursor + 1, type: "DATE", timex: value, value: value)
                }
            }
        }
        // "the current year", "the current fiscal year"
        if w0 == "the", word(1) == "current", let unit = word(2) {
            if unit == "fiscal", word(3) == "year" { return calendarUnit("this", "year", count: 4, modifier: nil, today: today) }
            if ["year", "month", "week", "quarter", "decade", "century"].contains(unit) {
                return calendarUnit("this", unit, count: 3, modifier: nil, today: today)
            }
        }
        // "the 1990s", "the early 1980s", "the mid-1990s"
        if w0 == "the" {
            var cursor = 1
            var qualifier: String?
            if let w1 = word(1), ["early", "mid", "late"].contains(w1) {
                qualifier = w1
                cursor = index + 2 < tokens.count && tokens[index + 2].text == "-" ? 3 : 2
            }
            if index + cursor < tokens.count, let decade = decadeStart(tokens[index + cursor]) {
                _ = qualifier
                return Match(count: cursor + 1, type: "DATE", timex: "\(decade / 10)", value: "\(decade / 10)X")
            }
        }
        // "the end of 1994", "the middle of October"
        if w0 == "the", let w1 = word(1), ["end", "beginning", "start", "middle"].contains(w1), word(2) == "of", index + 3 < tokens.count {
            let next = tokens[index + 3]
            if let y = isYear(next), !blocked(tokens, at: index + 3) {
                lastYear = y
                return Match(count: 4, type: "DATE", timex: "\(y)", value: qualifiedPart(w1, year: y) ?? "\(y)")
            }
            if next.isCapitalized, let month = Self.months[next.folded], next.text.count > 3,
               !(index + 4 < tokens.count && (tokens[index + 4].kind == .number)) {
                let y = yearFor(month: month, day: nil)
                return Match(count: 4, type: "DATE", timex: "\(y)-\(Self.pad(month))", value: "\(y)-\(Self.pad(month))")
            }
        }
        // "the weekend", "this weekend": the one before in a sentence about the past.
        if ["the", "this"].contains(w0), word(1) == "weekend" {
            let pastTense = tense(tokens, at: index) != .future
            return calendarUnit(pastTense && today.weekday < 6 ? "last" : "this", "weekend", count: 2, modifier: nil, today: today)
        }
        if w0 == "current", current.kind == .word { return Match(count: 1, type: "DATE", timex: "PRESENT_REF", value: nil) }

        // Weekdays, with "last"/"next"/"this" and a part of the day.
        var weekdayOffset = 0
        var direction: Tense?
        if ["last", "next", "this", "coming", "past"].contains(w0), let w1 = word(1), Self.weekdays[w1] != nil,
           tokens[index + 1].isCapitalized {
            weekdayOffset = 1
            direction = w0 == "last" || w0 == "past" ? .past : w0 == "next" || w0 == "coming" ? .future : nil
        }
        if let name = word(weekdayOffset), let weekday = Self.weekdays[name], tokens[index + weekdayOffset].isCapitalized {
            // "Wednesday's ruling" has happened; "last Monday" said on a Monday is a week ago.
            let possessive = index + weekdayOffset + 1 < tokens.count && ["’s", "'s"].contains(tokens[index + weekdayOffset + 1].text)
            let tense = direction ?? (possessive ? .past : self.tense(tokens, at: index + weekdayOffset))
            var day = weekdayDay(weekday, tense: tense, today: today)
            if direction != nil, weekday == today.weekday { day = today.adding(direction == .past ? -7 : 7) }
            var count = weekdayOffset + 1
            var timex = day.text
            var type = "DATE"
            if let part = word(count).flatMap({ Self.partsOfDay[$0] }) {
                timex += "T\(part)"
                type = "TIME"
                count += 1
            }
            lastDay = day
            return Match(count: count, type: type, timex: timex, value: day.text)
        }

        // Days relative to the publication date.
        if let offset = Self.dayOffsets[w0] {
            let day = today.adding(offset)
            if w0 == "tonight" { return Match(count: 1, type: "TIME", timex: day.text + "TNI", value: day.text) }
            if let part = word(1).flatMap({ Self.partsOfDay[$0] }) {
                return Match(count: 2, type: "TIME", timex: day.text + "T" + part, value: day.text)
            }
            return Match(count: 1, type: "DATE", timex: day.text, value: day.text)
        }
        if w0 == "last", word(1) == "night" {
            let day = today.adding(-1)
            return Match(count: 2, type: "TIME", timex: day.text + "TNI", value: day.text)
        }
        if w0 == "this", let part = word(1).flatMap({ Self.partsOfDay[$0] }), word(2) != "'s" {
            return Match(count: 2, type: "TIME", timex: today.text + "T" + part, value: today.text)
        }
        if let value = Self.references[w0], current.kind == .word {
            // "now" as a discourse marker before a comma still is the present in TimeML.
            return Match(count: 1, type: "DATE", timex: value, value: nil)
        }
        if w0 == "these", word(1) == "days" { return Match(count: 2, type: "DATE", timex: "PRESENT_REF", value: nil) }
        if w0 == "the", let w1 = word(1), ["future", "past", "present"].contains(w1), duration(tokens, at: index + 2) == nil,
           word(2).map({ Self.units[$0] == nil && Self.numberWords[$0] == nil && Self.seasons[$0] == nil && !Self.vagueCounts.contains($0) }) ?? true,
           !(index + 2 < tokens.count && tokens[index + 2].kind == .number) {
            return Match(count: 2, type: "DATE", timex: w1 == "future" ? "FUTURE_REF" : w1 == "past" ? "PAST_REF" : "PRESENT_REF",
                         value: nil)
        }
        if w0 == "at", word(1) == "present" { return Match(count: 2, type: "DATE", timex: "PRESENT_REF", value: nil) }

        // "earlier this year", "early next month", "later this week", "the end of the year".
        var lead = 0
        var modifier: String?
        if ["earlier", "later", "early", "late", "mid"].contains(w0), let w1 = word(1), ["this", "last", "next"].contains(w1) {
            lead = 1
            modifier = w0
        } else if (w0 == "the" && ["end", "beginning", "start", "middle"].contains(word(1) ?? "") && word(2) == "of")
                    || (["end", "beginning", "start", "middle"].contains(w0) && word(1) == "of") {
            lead = w0 == "the" ? 3 : 2
            modifier = word(lead - 2)
            if word(lead) == "the", let unit = word(lead + 1), ["year", "month", "week", "decade", "century", "quarter"].contains(unit) {
                // "the end of the year": this one.
                return calendarUnit("this", unit, count: lead + 2, modifier: modifier, today: today)
            }
        }
        if let w = word(lead), ["this", "last", "next", "previous", "coming", "past", "current"].contains(w), let unit = word(lead + 1) {
            if ["year", "month", "week", "quarter", "weekend", "decade", "century"].contains(unit) || seasons[unit] != nil {
                if w == "past" || w == "coming", modifier == nil, unit != "weekend" {
                    // "the past year" is a duration in TimeML; "past week" alone too.
                    if let duration = Self.units[unit] {
                        return Match(count: 2, type: "DURATION", timex: duration.isTime ? "PT1\(duration.letter)" : "P\(duration.multiple)\(duration.letter)",
                                     value: nil)
                    }
                }
                if let match = calendarUnit(w, unit, count: lead + 2, modifier: modifier, today: today) { return match }
            }
            // "this fiscal year", "last fiscal year"
            if unit == "fiscal", word(lead + 2) == "year", let match = calendarUnit(w, "year", count: lead + 3, modifier: modifier, today: today) {
                return match
            }
        }
        if lead > 0 { return nil }

        // "a year ago", "three days ago", "two years earlier", "a decade ago"
        if let found = duration(tokens, at: index), let after = word(found.count), ["ago", "earlier", "before", "later"].contains(after),
           !(after == "before" && index + found.count + 1 < tokens.count && tokens[index + found.count + 1].kind != .punctuation) {
            let sign = after == "later" ? 1 : -1
            // "up from $85 million a year ago" in a report on the third quarter: that quarter, a year before.
            if found.timex == "P1Y", sign < 0, let last = lastQuarter {
                return Match(count: found.count + 1, type: "DATE", timex: "\(last.year - 1)-Q\(last.quarter)",
                             value: "\(last.year - 1)-\(32 + last.quarter)")
            }
            let base = after == "ago" ? today : lastDay ?? today
            return ago(found.timex, base: base, sign: sign, count: found.count + 1, today: today)
        }

        // Quarters: "the third quarter", "third-quarter", "the fiscal first quarter", "the year-earlier quarter".
        do {
            var cursor = w0 == "the" ? 1 : 0
            if word(cursor) == "fiscal" { cursor += 1 }
            if let w = word(cursor), let ordinal = Self.ordinals[w] {
                var next = cursor + 1
                let hyphenated = text(next) == "-" && !tokens[index + next].spaceBefore
                if hyphenated { next += 1 }
                if word(next) == "quarter", !(hyphenated && w0 == "the") {
                    let current = Self.quarter(of: month)
                    var quarterYear = ordinal > current ? year - 1 : year
                    var count = next + 1
                    if let y = tokens.count > index + count ? isYear(tokens[index + count]) : nil, !blocked(tokens, at: index + count) {
                        quarterYear = y
                        count += 1
                    } else if text(count) == "of", let y = tokens.count > index + count + 1 ? isYear(tokens[index + count + 1]) : nil {
                        quarterYear = y
                        count += 2
                    }
                    return Match(count: count, type: "DATE", timex: "\(quarterYear)-Q\(ordinal)", value: "\(quarterYear)-\(32 + ordinal)")
                }
            }
        }

        // Centuries: "the 20th century", "the nineteenth century"
        do {
            let cursor = w0 == "the" ? 1 : 0
            if index + cursor < tokens.count, let c = centuryNumber(tokens[index + cursor]), word(cursor + 1) == "century" {
                let prefix = c - 1 < 10 ? "0\(c - 1)" : "\(c - 1)"
                return Match(count: cursor + 2, type: "DATE", timex: prefix, value: "\(prefix)XX")
            }
        }

        // Fiscal years: "fiscal 1989", "fiscal year 2013", "FY2013"
        if w0 == "fiscal" {
            var cursor = 1
            if word(1) == "year" { cursor = 2 }
            if index + cursor < tokens.count, let y = isYear(tokens[index + cursor]) {
                lastYear = y
                return Match(count: cursor + 1, type: "DATE", timex: "\(y)", value: "\(y)")
            }
        }

        // "that year", "the same day", "the next day", "the following year", "the previous month"
        if ["that", "the"].contains(w0), let w1 = word(1) {
            var cursor = 1
            var shift = 0
            if w0 == "the", ["next", "following", "previous", "same"].contains(w1) {
                shift = w1 == "next" || w1 == "following" ? 1 : w1 == "previous" ? -1 : 0
                cursor = 2
            } else if w0 == "the" {
                cursor = -1
            }
            if cursor > 0, let unit = word(cursor) {
                if unit == "day", let day = lastDay {
                    let resolved = day.adding(shift)
                    return Match(count: cursor + 1, type: "DATE", timex: resolved.text, value: resolved.text)
                }
                if unit == "year", let y = lastYear {
                    return Match(count: cursor + 1, type: "DATE", timex: "\(y + shift)", value: "\(y + shift)")
                }
                if unit == "week", let day = lastDay {
                    let week = Self.week(of: day.adding(7 * shift))
                    return Match(count: cursor + 1, type: "DATE", timex: week.timex, value: week.value)
                }
                if unit == "month", let day = lastDay {
                    var (y, m, _) = day.components
                    m += shift
                    if m == 0 { (y, m) = (y - 1, 12) } else if m == 13 { (y, m) = (y + 1, 1) }
                    return Match(count: cursor + 1, type: "DATE", timex: "\(y)-\(Self.pad(m))", value: "\(y)-\(Self.pad(m))")
                }
            }
        }

        // Sets: "every year", "each season", "every Thursday", "daily"
        if ["every", "each", "per"].contains(w0), let unit = word(1) {
            if w0 != "per", let weekday = Self.weekdays[unit] {
                return Match(count: 2, type: "SET", timex: "XXXX-WXX-\(weekday)", value: nil)
            }
            if let code = seasons[unit] { return Match(count: 2, type: "SET", timex: "XXXX-\(Self.season(code))", value: nil) }
            if unit == "season" { return Match(count: 2, type: "SET", timex: "P3M", value: nil) }
            if let duration = Self.units[unit], !unit.hasSuffix("s") {
                return Match(count: 2, type: "SET", timex: duration.isTime ? "PT1\(duration.letter)" : "P\(duration.multiple)\(duration.letter)",
                             value: nil)
            }
            if let found = duration(tokens, at: index + 1) {
                return Match(count: found.count + 1, type: "SET", timex: found.timex, value: nil)
            }
        }
        if let value = Self.setWords[w0], current.kind == .word { return Match(count: 1, type: "SET", timex: value, value: nil) }

        // Times of day: "8 PM", "8:30 a.m.", "noon", "midnight"
        if let time = timeOfDay(tokens, at: index) {
            // "noon Thursday", "9 a.m. Tuesday", "8 p.m. tomorrow": the day that follows.
            let after = index + time.count
            if after < tokens.count, tokens[after].isCapitalized, let weekday = Self.weekdays[tokens[after].folded] {
                let day = weekdayDay(weekday, tense: tense(tokens, at: after), today: today)
                lastDay = day
                return Match(count: time.count + 1, type: "TIME", timex: "\(day.text)T\(time.timex)", value: day.text)
            }
            if after < tokens.count, let offset = ["today": 0, "yesterday": -1, "tomorrow": 1][tokens[after].folded] {
                let day = today.adding(offset)
                return Match(count: time.count + 1, type: "TIME", timex: "\(day.text)T\(time.timex)", value: day.text)
            }
            return Match(count: time.count, type: "TIME", timex: "\(today.text)T\(time.timex)", value: today.text)
        }

        // "'58": a year, unless it is a month's ("May '58", read by the month rules).
        if let y = apostropheYear(tokens, at: index) {
            lastYear = y
            return Match(count: 2, type: "DATE", timex: "\(y)", value: "\(y)")
        }
        // Plain durations: "90 days", "a decade", "four-week", "several years"
        if let found = duration(tokens, at: index) {
            // "a year" alone after a price ("$5 a year") is a rate; leave it.
            if w0 == "a" || w0 == "an", index > 0, tokens[index - 1].kind == .number { return nil }
            return Match(count: found.count, type: "DURATION", timex: found.timex, value: nil)
        }
        // "years", "decades" after "for"/"in": an unknown number of them.
        if index > 0, ["for", "over"].contains(tokens[index - 1].folded), let unit = Self.units[w0], w0.hasSuffix("s"), current.kind == .word {
            return Match(count: 1, type: "DURATION", timex: unit.isTime ? "PTX\(unit.letter)" : "PX\(unit.letter)", value: nil)
        }
        return nil
    }

    private var seasons: [String: Int] { Self.seasons }

    /// The day a weekday names: the latest one up to the publication date ("said Friday"), the
    /// next one from it in a sentence about the future ("will meet Friday").
    func weekdayDay(_ weekday: Int, tense: Tense, today: CivilDay) -> CivilDay {
        tense == .future ? today.adding((weekday - today.weekday + 7) % 7) : today.adding(-((today.weekday - weekday + 7) % 7))
    }

    /// "1990s" → 1990.
    func decadeStart(_ token: Token) -> Int? {
        guard token.kind == .number, token.text.utf8.count == 5, token.text.hasSuffix("s"), let decade = Int(token.text.dropLast()),
              decade % 10 == 0, (1000...2100).contains(decade) else { return nil }
        return decade
    }

    private func centuryNumber(_ token: Token) -> Int? {
        if let value = Self.centuryOrdinals[token.folded] { return value }
        guard token.kind == .number else { return nil }
        let digits = token.text.prefix { $0.isNumber }
        let suffix = token.text.dropFirst(digits.count).lowercased()
        guard ["st", "nd", "rd", "th"].contains(suffix), let value = Int(digits), (1...21).contains(value) else { return nil }
        return value
    }

    /// "this/last/next" with a calendar unit, against the publication date.
    private func calendarUnit(_ which: String, _ unit: String, count: Int, modifier: String?, today: CivilDay) -> Match? {
        let shift = which == "last" || which == "previous" || which == "past" ? -1 : which == "next" || which == "coming" ? 1 : 0
        let (year, month) = (reference.year, reference.month)
        switch unit {
        case "year":
            let y = year + shift
            let value = modifier.flatMap { qualifiedPart($0, year: y) } ?? "\(y)"
            return Match(count: count, type: "DATE", timex: "\(y)", value: value)
        case "month":
            var (y, m) = (year, month + shift)
            if m == 0 { (y, m) = (y - 1, 12) } else if m == 13 { (y, m) = (y + 1, 1) }
            return Match(count: count, type: "DATE", timex: "\(y)-\(Self.pad(m))", value: "\(y)-\(Self.pad(m))")
        case "week":
            let week = Self.week(of: today.adding(7 * shift))
            return Match(count: count, type: "DATE", timex: week.timex, value: week.value)
        case "weekend":
            var saturday = today.adding(6 - today.weekday)
            if shift < 0 { saturday = saturday.adding(-7) }
            if shift > 0 { saturday = saturday.adding(today.weekday >= 6 ? 7 : 0) }
            let week = saturday.isoWeek
            return Match(count: count, type: "DATE", timex: "\(week.year)-W\(Self.pad(week.week))-WE",
                         value: "\(saturday.text)/\(saturday.adding(1).text)")
        case "quarter":
            var (y, q) = (year, Self.quarter(of: month) + shift)
            if q == 0 { (y, q) = (y - 1, 4) } else if q == 5 { (y, q) = (y + 1, 1) }
            return Match(count: count, type: "DATE", timex: "\(y)-Q\(q)", value: "\(y)-\(32 + q)")
        case "decade":
            let d = (year / 10 + shift) * 10
            return Match(count: count, type: "DATE", timex: "\(d / 10)", value: "\(d / 10)X")
        case "century":
            let c = year / 100 + shift
            return Match(count: count, type: "DATE", timex: "\(c)", value: "\(c)XX")
        default:
            guard let code = Self.seasons[unit] else { return nil }
            // The season's year: winter runs into the next year, so count it from its December.
            let current = month == 12 || month <= 2 ? 24 : month <= 5 ? 21 : month <= 8 ? 22 : 23
            let currentYear = month <= 2 ? year - 1 : year
            var y = currentYear
            if shift < 0 { y = code < current ? currentYear : currentYear - 1 }
            if shift > 0 { y = code > current ? currentYear : currentYear + 1 }
            if shift == 0 { y = code >= current || month > 2 ? currentYear : currentYear }
            return Match(count: count, type: "DATE", timex: "\(y)-\(Self.season(code))", value: "\(y)-\(code)")
        }
    }

    private func qualifiedPart(_ modifier: String, year: Int) -> String? {
        switch modifier {
        case "early", "beginning", "start", "earlier": qualified("early", year: year)
        case "mid", "middle": qualified("mid", year: year)
        case "late", "end", "later": qualified("late", year: year)
        default: nil
        }
    }

    /// "three days ago": the day, month or year that many units before `base`.
    private func ago(_ duration: String, base: CivilDay, sign: Int, count: Int, today: CivilDay) -> Match? {
        guard duration.hasPrefix("P"), !duration.hasPrefix("PT") else { return nil }
        let body = duration.dropFirst()
        guard let letter = body.last, let amount = Int(body.dropLast()) else {
            return Match(count: count, type: "DATE", timex: sign < 0 ? "PAST_REF" : "FUTURE_REF", value: nil)
        }
        let (y, m, _) = base.components
        switch letter {
        case "D":
            let day = base.adding(sign * amount)
            return Match(count: count, type: "DATE", timex: day.text, value: day.text)
        case "W":
            let day = base.adding(sign * 7 * amount)
            return Match(count: count, type: "DATE", timex: day.text, value: day.text)
        case "M":
            let months = y * 12 + (m - 1) + sign * amount
            let value = "\(months / 12)-\(Self.pad(months % 12 + 1))"
            return Match(count: count, type: "DATE", timex: value, value: value)
        case "Y":
            let target = y + sign * amount
            if amount >= 10, amount % 10 == 0 {
                return Match(count: count, type: "DATE", timex: "\(target / 10)", value: "\(target / 10)X")
            }
            return Match(count: count, type: "DATE", timex: "\(target)", value: "\(target)")
        default:
            return nil
        }
    }

    /// "8 PM", "8:30 a.m.", "8pm", "noon", "midnight": the TIMEX3 time ("20:00") and token count.
    private func timeOfDay(_ tokens: [Token], at index: Int) -> (count: Int, timex: String)? {
        let first = tokens[index]
        if first.kind == .word, first.folded == "noon" || first.folded == "midnight" {
            return (1, first.folded == "noon" ? "12:00" : "24:00")
        }
        guard first.kind == .number else { return nil }
        var digits = Substring(first.text)
        var suffix = ""
        if let letterStart = first.text.firstIndex(where: { $0.isLetter }) {
            digits = first.text[..<letterStart]
            suffix = first.text[letterStart...].lowercased()
        }
        guard let hour = Int(digits), (1...12).contains(hour) || (suffix.isEmpty && (0...23).contains(hour)) else { return nil }
        var cursor = index + 1
        var minute = 0
        if suffix.isEmpty, cursor + 1 < tokens.count, tokens[cursor].text == ":", !tokens[cursor].spaceBefore,
           tokens[cursor + 1].kind == .number, tokens[cursor + 1].text.count >= 2 {
            let minuteToken = tokens[cursor + 1].text
            let minuteDigits = minuteToken.prefix { $0.isNumber }
            guard minuteDigits.count == 2, let value = Int(minuteDigits), value < 60 else { return nil }
            minute = value
            suffix = minuteToken.dropFirst(2).lowercased()
            cursor += 2
        }
        if suffix.isEmpty, cursor < tokens.count {
            let next = tokens[cursor].folded
            if ["a.m.", "p.m.", "am", "pm", "a.m", "p.m"].contains(next) {
                suffix = next
                cursor += 1
            } else if next == "o'clock" || next == "o’clock" {
                suffix = "h"
                cursor += 1
            }
        }
        let isPM = suffix.hasPrefix("p")
        guard suffix.hasPrefix("a") || isPM || suffix == "h" || (minute > 0 && cursor == index + 3) else { return nil }
        let hour24 = isPM ? (hour % 12) + 12 : suffix.hasPrefix("a") ? hour % 12 : hour
        return (cursor - index, "\(Self.pad(hour24)):\(Self.pad(minute))")
    }
}
