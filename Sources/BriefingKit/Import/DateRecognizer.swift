/// The calendar dates of `TemporalTagger` alone, each with its EDTF value: what a date line is
/// read with (durations, sets and "now" never date an article).
struct DateRecognizer {
    /// A date with an EDTF value.
    struct CalendarDate {
        var text: String
        var start: Int
        var end: Int
        var value: String
    }

    var tagger: TemporalTagger
    var acceptsImpossibleDays: Bool {
        get { tagger.acceptsImpossibleDays }
        set { tagger.acceptsImpossibleDays = newValue }
    }

    init(reference: (year: Int, month: Int, day: Int)) {
        tagger = TemporalTagger(reference: reference)
    }

    mutating func dates(in tokens: [Token], text: (Int, Int) -> String) -> [CalendarDate] {
        tagger.dates(in: tokens, text: text).compactMap { found in
            found.value.map { CalendarDate(text: found.text, start: found.start, end: found.end, value: $0) }
        }
    }
}
