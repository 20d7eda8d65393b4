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

        func slice(_ start: Int, _ end: Int) -> String { String(scalars: scalars[start..<end]) }
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
        func people(in block: ArticleStructure.Block, from start: Int) -> ArraySlice<EntityMention> {
            var end = start
            while end < mentions.count, mentions[end].end <= block.end { end += 1 }
            return mentions[start..<end]
        }
        for (blockIndex, block) in structure.blocks.enumerated() {
            while cursor < mentions.count, mentions[cursor].start < block.start { cursor += 1 }
            let inBlock = Array(people(in: block, from: cursor))
            if block.kind == .quotation {
                // A line of attribution after the quotation ("— Sumit Ritolia, Kpler") names its
                // speaker; else the quotation continues the last person named before it.
                if blockIndex + 1 < structure.blocks.count, case let attribution = structure.blocks[blockIndex + 1],
                   let speaker = Self.attributedSpeaker(attribution, mentions: people(in: attribution, from: cursor + inBlock.count), scalars: scalars) {
                    speakers[blockIndex] = speaker
                } else if let lastPerson {
                    speakers[blockIndex] = lastPerson
                }
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

    /// The person an attribution line names: "— Sumit Ritolia, analyst" or "said Sumit Ritolia."
    /// (a dash or a speech verb, then the person, first thing in the paragraph).
    static func attributedSpeaker(_ block: ArticleStructure.Block, mentions: ArraySlice<EntityMention>,
                                  scalars: [Unicode.Scalar]) -> EntityMention? {
        guard let first = mentions.first, first.kind == EntityKind.person.rawValue else { return nil }
        let lead = String(scalars: scalars[block.start..<first.start]).trimmingCharacters(in: .whitespaces).lowercased()
        let isDash = ["—", "–", "-", "―"].contains(lead)
        let isVerb = lead.split(separator: " ").count == 1 && LanguageRules.speechVerbs.contains(lead)
        return isDash || isVerb ? first : nil
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
        let prefix = String(scalars: scalars[lineStart..<min(offset, scalars.count)])
        return SourceLocation(path: source, line: line, column: prefix.count + 1)
    }

    /// The `briefing extract` JSON: entities and dates with code point offsets.
    public func json() -> String {
        // Written field by field, keys in sorted order as `JSON` writes them: through JSONEncoder,
        // or `JSON` values, encoding was a tenth of `extract`'s time.
        var out: [UInt8] = []
        out.reserveCapacity(160 * (entities.count + dates.count) + 64)
        func string(_ key: String, _ text: String?, last: Bool = false) {
            out.append(contentsOf: "      \"\(key)\": ".utf8)
            if let text { JSON.quote(text, into: &out) } else { out.append(contentsOf: "null".utf8) }
            out.append(contentsOf: (last ? "\n" : ",\n").utf8)
        }
        func int(_ key: String, _ number: Int) {
            out.append(contentsOf: "      \"\(key)\": \(number),\n".utf8)
        }
        func list<Item>(_ key: String, _ items: [Item], last: Bool, _ write: (Item) -> Void) {
            out.append(contentsOf: "  \"\(key)\": ".utf8)
            guard !items.isEmpty else { out.append(contentsOf: (last ? "[]\n" : "[],\n").utf8); return }
            out.append(contentsOf: "[\n".utf8)
            for (index, item) in items.enumerated() {
                out.append(contentsOf: "    {\n".utf8)
                write(item)
                out.append(contentsOf: (index == items.count - 1 ? "    }\n" : "    },\n").utf8)
            }
            out.append(contentsOf: (last ? "  ]\n" : "  ],\n").utf8)
        }
        out.append(contentsOf: "{\n".utf8)
        list("dates", dates, last: false) { date in
            int("end", date.end)
            int("start", date.start)
            string("text", date.text)
            string("timex", date.timex)
            string("type", date.type)
            string("value", date.value, last: true)
        }
        list("entities", entities, last: true) { mention in
            int("end", mention.end)
            string("id", mention.id)
            string("kind", mention.kind)
            int("start", mention.start)
            string("text", mention.text, last: true)
        }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
