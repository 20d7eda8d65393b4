import Foundation

/// Everything the importer finds in an article: its structure, entity mentions, dates and quotes.
public struct ArticleAnalysis: Sendable {
    public var structure: ArticleStructure
    public var entities: [EntityMention]
    public var dates: [DateMention]
    /// Quotations inside paragraphs, attributed to their speaker.
    public var quotes: [QuoteMention]
    /// For each block that is one whole quotation, the person who spoke it (the last named before it).
    public var quotationSpeakers: [Int: EntityMention]
    /// The publication date used to resolve relative dates (EDTF day).
    public var publicationDate: String
    /// Where `publicationDate` comes from.
    public var dateOrigin: DateOrigin
    let scalars: [Unicode.Scalar]

    /// Where an article's publication date comes from.
    public enum DateOrigin: Sendable {
        /// `--date`.
        case given
        /// A date line of the article.
        case article
        /// Nowhere: the article names no (real) day; an import or extract stops and asks for `--date`.
        case today
    }

    /// Analyzes `text`. `date` (YYYY-MM-DD) overrides the date found in the article; `entities`
    /// are the site's, which take precedence over the built-in gazetteer.
    public init(text: String, date: String? = nil, entities: [Entity] = [], gazetteer: Gazetteer = .builtIn) {
        let scalars = Array(text.unicodeScalars)
        self.scalars = scalars
        let structure = ArticleStructure(scalars: scalars)
        self.structure = structure
        let published = date ?? structure.date?.value ?? EDTFDate.today()
        publicationDate = published
        dateOrigin = date != nil ? .given : structure.date != nil ? .article : .today
        let parts = published.split(separator: "-").compactMap { Int($0) }
        let reference = parts.count == 3 ? (parts[0], parts[1], parts[2]) : (2000, 1, 1)

        func slice(_ start: Int, _ end: Int) -> String {
            var result = ""
            result.unicodeScalars.append(contentsOf: scalars[start..<end])
            return result
        }
        var passages: [EntityRecognizer.Passage] = []
        if let title = structure.title {
            passages.append(.init(tokens: Tokenizer.tokens(in: scalars, from: title.start, to: title.end), isTitleCase: true))
        }
        for block in structure.blocks {
            let tokens = Tokenizer.tokens(in: scalars, from: block.start, to: block.end)
            passages.append(.init(tokens: tokens, isTitleCase: block.kind == .heading))
        }
        let recognizer = EntityRecognizer(lexicon: Lexicon(gazetteer: gazetteer, entities: entities))
        var mentions = MentionResolver(entities: entities, gazetteer: gazetteer)
            .resolve(recognizer.mentions(in: passages, text: slice), scalars: scalars)
        if let author = structure.author {
            mentions.insert(EntityMention(text: author.text, start: author.start, end: author.end, kind: EntityKind.person.rawValue,
                                          id: Slug.make(from: author.text)), at: 0)
        }
        // A name with nothing to spell a slug with (symbols only) cannot be an entity's file name.
        mentions.removeAll { $0.id.isEmpty }
        self.entities = mentions
        var tagger = TemporalTagger(reference: reference)
        var dates: [DateMention] = []
        if let line = structure.date {
            dates.append(DateMention(text: line.span.text, start: line.span.start, end: line.span.end, value: line.value))
        }
        // Mentions are sorted and do not overlap: a binary search finds the one a date could touch.
        // A name inside a date ("Feb" of "Feb. 13", "Friday") or touching a day gives way to
        // the date; any other date inside a longer name ("March of Dimes") gives way to the name.
        var covered = mentions.map { $0.start..<$0.end }
        func firstOverlap(_ range: Range<Int>) -> Int? {
            var low = 0
            var high = covered.count
            while low < high {
                let middle = (low + high) / 2
                if covered[middle].upperBound <= range.lowerBound { low = middle + 1 } else { high = middle }
            }
            return low < covered.count && covered[low].overlaps(range) ? low : nil
        }
        var dropped = IndexSet()
        for passage in passages {
            for found in tagger.dates(in: passage.tokens, text: slice) where dates.last.map({ $0.end <= found.start || $0.start >= found.end }) ?? true {
                let range = found.start..<found.end
                guard var overlap = firstOverlap(range) else {
                    dates.append(found)
                    continue
                }
                var inside: [Int] = []
                var fits = true
                // A day ("Friday", "Feb. 13") is never part of a name: "Earlier Friday" or "State
                // Department on Sunday" read as names only for their capitals.
                let isDay = found.value.map { $0.utf8.count == 10 } ?? false
                while overlap < covered.count, covered[overlap].overlaps(range) {
                    if isDay || (range.contains(covered[overlap].lowerBound) && covered[overlap].upperBound <= range.upperBound
                                 && (found.value != nil || found.type != "DATE")) {
                        inside.append(overlap)
                    } else {
                        fits = false
                    }
                    overlap += 1
                }
                guard fits else { continue }
                for position in inside { dropped.insert(position) }
                dates.append(found)
            }
        }
        if !dropped.isEmpty {
            mentions = mentions.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
            self.entities = mentions
            covered = []
        }
        self.dates = dates.sorted { $0.start < $1.start }

        var quotes: [QuoteMention] = []
        var speakers: [Int: EntityMention] = [:]
        var lastPerson: EntityMention?
        let firstBlockPassage = structure.title == nil ? 0 : 1
        var cursor = 0 // mentions are sorted: walk them alongside the blocks
        for (blockIndex, block) in structure.blocks.enumerated() {
            while cursor < mentions.count, mentions[cursor].start < block.start { cursor += 1 }
            var blockEnd = cursor
            while blockEnd < mentions.count, mentions[blockEnd].end <= block.end { blockEnd += 1 }
            let inBlock = Array(mentions[cursor..<blockEnd])
            if block.kind == .quotation, let lastPerson {
                speakers[blockIndex] = lastPerson
            } else if block.kind == .paragraph {
                quotes += QuoteFinder().quotes(in: passages[firstBlockPassage + blockIndex].tokens, mentions: inBlock, text: slice)
            }
            if let person = inBlock.last(where: { $0.kind == EntityKind.person.rawValue }) { lastPerson = person }
        }
        self.quotes = quotes
        quotationSpeakers = speakers
        for mention in mentions where mention.text.count > displayNames[mention.id]?.count ?? 0 {
            displayNames[mention.id] = mention.text
        }
    }

    /// The name each entity goes by in this article: its longest mention (the first of equals).
    public private(set) var displayNames: [String: String] = [:]


    /// What the reader of `source` should know about its date: a date line naming no real day
    /// (an error when nothing else dates the article), or that nothing dates it (an error).
    public func dateDiagnostics(source: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let used = switch dateOrigin {
        case .given: "\(publicationDate), given with --date"
        case .article: "\(publicationDate), from “\(structure.date?.span.text ?? "")”"
        case .today: "today, \(publicationDate)"
        }
        for line in structure.impossibleDates {
            let location = location(of: line.start, in: source)
            if dateOrigin == .today {
                diagnostics.append(.error("“\(line.text)” is not a day of the calendar, and the article names no other date; pass --date YYYY-MM-DD with the day it was published",
                                          at: location))
            } else {
                diagnostics.append(.warning("“\(line.text)” is not a day of the calendar; the briefing is dated \(used)", at: location))
            }
        }
        if dateOrigin == .today, structure.impossibleDates.isEmpty {
            // Never today silently: every relative date ("last year", "on Thursday") would be wrong.
            diagnostics.append(.error("no publication date found (a line such as “March 31, 2025” below the title), so nothing was done; pass --date YYYY-MM-DD with the day the article was published, so that dates such as “last year” count from it",
                                      at: SourceLocation(path: source)))
        }
        return diagnostics
    }

    /// The line and column (in characters) of a code point offset.
    func location(of offset: Int, in source: String) -> SourceLocation {
        var line = 1
        var lineStart = 0
        for index in 0..<min(offset, scalars.count) where scalars[index] == "\n" {
            line += 1
            lineStart = index + 1
        }
        var prefix = ""
        prefix.unicodeScalars.append(contentsOf: scalars[lineStart..<min(offset, scalars.count)])
        return SourceLocation(path: source, line: line, column: prefix.count + 1)
    }

    /// The `briefing extract` JSON: entities and dates with code point offsets.
    public func json() -> String {
        struct Output: Encodable {
            var entities: [EntityMention]
            var dates: [DateMention]
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = (try? encoder.encode(Output(entities: entities, dates: dates))) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
