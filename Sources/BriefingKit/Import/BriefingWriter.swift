import Foundation

/// Writes an analyzed article as a briefing in Briefing's Markdown format, plus a stub for
/// every entity the site does not have yet.
public struct BriefingWriter: Sendable {
    public var analysis: ArticleAnalysis
    /// Slugs of the entities the site already has; the others get stubs.
    public var existingEntities: Set<String>
    /// Names and aliases already taken (lowercased), so stubs never make a reference ambiguous.
    public var takenNames: Set<String>

    public init(analysis: ArticleAnalysis, existingEntities: [Entity] = []) {
        self.analysis = analysis
        self.existingEntities = Set(existingEntities.map(\.slug))
        takenNames = Set(existingEntities.flatMap { [$0.slug, $0.name] + $0.aliases }.map { $0.lowercased() })
    }

    /// The title of an article that has none.
    static let untitled = "Untitled"

    /// Longest slug a title gives (a file name must stay below 255 bytes).
    static let maximumSlugLength = 80

    /// The briefing's slug: made from its title (transliterated when in another script), cut at
    /// a word; "briefing-<date>" when the title has nothing to spell one with.
    public var slug: String {
        var slug = Slug.make(from: analysis.structure.title?.text ?? "")
        if slug.count > Self.maximumSlugLength {
            let cut = slug.index(slug.startIndex, offsetBy: Self.maximumSlugLength)
            // The last whole word: a hyphen at the cut, or the last one before it.
            slug = slug[cut] == "-" ? String(slug[..<cut]) : slug[..<cut].lastIndex(of: "-").map { String(slug[..<$0]) } ?? String(slug[..<cut])
        }
        return slug.isEmpty ? "briefing-\(analysis.publicationDate)" : slug
    }

    /// One generated Markdown block with the article's text it comes from, for merging into an edited file.
    public struct Block: Sendable {
        public var markdown: String
        /// New footnote definitions this block needs.
        public var notes: [String]
        /// The block's text in the article.
        public var source: String
    }

    /// The briefing file: front matter, blocks, annotation definitions.
    public func briefing() -> String {
        let blocks = self.blocks()
        var text = frontMatter() + "\n"
        text += blocks.map(\.markdown).joined(separator: "\n\n") + "\n"
        let notes = blocks.flatMap(\.notes)
        if !notes.isEmpty { text += "\n" + notes.joined(separator: "\n") + "\n" }
        return text
    }

    func frontMatter() -> String {
        let structure = analysis.structure
        var lines = ["---", "title: \(Self.yaml(structure.title?.text ?? Self.untitled))"]
        if let author = structure.author { lines.append("author: \(Self.yaml(author.text))") }
        lines.append("date: \(analysis.publicationDate)")
        if let first = structure.blocks.first(where: { $0.kind == .paragraph }) {
            let sentence = first.text.utf8.isEmpty ? "" : {
                let ranges = SentenceSplitter.sentences(in: first.text)
                return ranges.first.map { TextBlock(anchor: "", text: first.text, sentences: ranges).slice($0) } ?? first.text
            }()
            lines.append("summary: \(Self.yaml(sentence))")
        }
        lines.append("tags: []")
        lines += ImportRecord(blocks: structure.blocks.map(\.text)).frontMatterLines()
        lines.append("---")
        return lines.joined(separator: "\n")
    }

    /// A YAML double-quoted scalar (JSON strings are valid YAML).
    static func yaml(_ text: String) -> String {
        let data = (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8)
        return String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\\/", with: "/")
    }

    /// Every block of the article as Markdown, with references and quote annotations.
    public func blocks() -> [Block] {
        let structure = analysis.structure
        var result: [Block] = []
        var quoteNumber = 0
        var bioStarted = false
        // Entities, dates and quotes are sorted: one pass hands each block its own.
        var spans: [(start: Int, end: Int, target: String)] = linkedEntities.map { ($0.start, $0.end, $0.id) }
            + linkedDates.map { ($0.start, $0.end, $0.value) }
        spans.sort { $0.start < $1.start }
        var spanCursor = 0
        var quoteCursor = 0
        for (index, block) in structure.blocks.enumerated() {
            var notes: [String] = []
            var inserts: [Int: String] = [:]
            while spanCursor < spans.count, spans[spanCursor].start < block.start { spanCursor += 1 }
            var spanEnd = spanCursor
            while spanEnd < spans.count, spans[spanEnd].end <= block.end { spanEnd += 1 }
            while quoteCursor < analysis.quotes.count, analysis.quotes[quoteCursor].start < block.start { quoteCursor += 1 }
            var blockQuotes: [QuoteMention] = []
            while quoteCursor < analysis.quotes.count, analysis.quotes[quoteCursor].end <= block.end {
                blockQuotes.append(analysis.quotes[quoteCursor])
                quoteCursor += 1
            }
            for quote in blockQuotes {
                quoteNumber += 1
                let label = "quote-\(quoteNumber)"
                inserts[quote.sentenceEnd, default: ""] += "[^\(label)]"
                notes.append("[^\(label)]: [!SOURCE] Quoted: \(reference(quote.speaker)).")
            }
            let body = markdown(block.start, block.end, spans: spans[spanCursor..<spanEnd], inserts: inserts,
                                isHeading: block.kind == .heading)
            switch block.kind {
            case .heading:
                result.append(Block(markdown: "## " + body, notes: notes, source: block.text))
            case .quotation:
                var quote = "> " + body
                if let speaker = analysis.quotationSpeakers[index] {
                    quote += "\n> — " + reference(speaker.id)
                }
                result.append(Block(markdown: quote, notes: notes, source: block.text))
            case .bio:
                result.append(Block(markdown: (bioStarted ? "" : "---\n\n") + body, notes: notes, source: block.text))
                bioStarted = true
            case .paragraph:
                result.append(Block(markdown: body, notes: notes, source: block.text))
            }
        }
        return result
    }

    /// The mentions written as references: all but those whose text has a bracket, which no
    /// `[[target|label]]` can hold exactly (they stay plain text).
    var linkedEntities: [EntityMention] {
        analysis.entities.filter { !$0.text.unicodeScalars.contains { $0 == "[" || $0 == "]" } }
    }

    /// The dates written as references: those that anchor to the calendar (an EDTF value: days,
    /// times, weeks, seasons, intervals), so they reach the timeline; durations, sets and "now"
    /// stay text.
    var linkedDates: [(start: Int, end: Int, value: String)] {
        analysis.dates.compactMap { date in date.value.map { (date.start, date.end, $0) } }
    }

    func reference(_ id: String) -> String {
        "[[\(id)|\(MarkdownEscaper.escape(analysis.displayNames[id] ?? id))]]"
    }

    /// The text between two offsets with mentions as references, annotations inserted and
    /// everything else escaped, so that the built page shows the article's text exactly.
    func markdown(_ start: Int, _ end: Int, spans: ArraySlice<(start: Int, end: Int, target: String)>,
                  inserts: [Int: String], isHeading: Bool) -> String {
        // Text from the article and Markdown written here, in order; escaping needs the neighbours.
        var pieces: [(text: String, isMarkup: Bool)] = []
        let insertOffsets = inserts.keys.sorted()
        var nextInsert = 0
        func slice(_ from: Int, _ to: Int) -> String {
            var text = ""
            text.unicodeScalars.append(contentsOf: analysis.scalars[from..<to])
            return text
        }
        func plain(_ from: Int, _ to: Int) {
            var cursor = from
            while nextInsert < insertOffsets.count, insertOffsets[nextInsert] < to {
                let offset = insertOffsets[nextInsert]
                nextInsert += 1
                guard offset >= cursor else { continue } // inside a reference: dropped
                if offset > cursor { pieces.append((slice(cursor, offset), false)) }
                pieces.append((inserts[offset]!, true))
                cursor = offset
            }
            if to > cursor { pieces.append((slice(cursor, to), false)) }
        }
        var position = start
        for span in spans where span.start >= position {
            plain(position, span.start)
            pieces.append(("[[\(span.target)|\(MarkdownEscaper.escape(slice(span.start, span.end)))]]", true))
            position = span.end
        }
        plain(position, end)
        if let insert = inserts[end] { pieces.append((insert, true)) }
        var output = ""
        for (index, piece) in pieces.enumerated() {
            guard !piece.isMarkup else {
                output += piece.text
                continue
            }
            output += MarkdownEscaper.escape(piece.text, at: .init(atBlockStart: index == 0 && !isHeading,
                                                                   afterBracket: index > 0 && pieces[index - 1].isMarkup,
                                                                   atHeadingEnd: isHeading && index == pieces.count - 1))
        }
        return output
    }

    /// A stub page for each entity this article names that the site does not have.
    public func entityStubs() -> [(slug: String, text: String)] {
        let gazetteerNames = Dictionary(Gazetteer.builtIn.entries.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
        var stubs: [(slug: String, text: String)] = []
        let byID = Dictionary(grouping: linkedEntities, by: \.id)
        let ids = byID.keys.filter { !existingEntities.contains($0) }.sorted()
        let names = ids.map { gazetteerNames[$0] ?? analysis.displayNames[$0] ?? $0 }
        // Every new stub's slug and name first: "Baku" the city must not also be an alias of
        // Azerbaijan (the government), whichever stub comes first.
        var taken = takenNames.union(ids).union(names.map { $0.lowercased() })
        // A capital names its government only as an actor ("Baku signed"): as an alias it would
        // send every later "in Baku" to the country. Titles and headings are written in title
        // case, where a name's form is no evidence of the entity's.
        let capitals = Set(Gazetteer.builtIn.entries.compactMap { $0.capital?.lowercased() })
        let headings = ([analysis.structure.title.map { $0.start..<$0.end }]
            + analysis.structure.blocks.filter { $0.kind == .heading }.map { $0.start..<$0.end }).compactMap { $0 }
        for (id, name) in zip(ids, names) {
            let mentions = byID[id]!
            let kind = mentions.first?.kind ?? EntityKind.other.rawValue
            var aliases: [String] = []
            for mention in mentions where !capitals.contains(mention.text.lowercased())
                && !headings.contains(where: { $0.contains(mention.start) })
                && mention.text.lowercased() != name.lowercased()
                && !aliases.contains(where: { $0.lowercased() == mention.text.lowercased() })
                && !taken.contains(mention.text.lowercased()) {
                aliases.append(mention.text)
            }
            taken.formUnion(aliases.map { $0.lowercased() })
            var lines = ["---", "name: \(Self.yaml(name))", "kind: \(kind)"]
            if !aliases.isEmpty { lines.append("aliases: [\(aliases.sorted().map(Self.yaml).joined(separator: ", "))]") }
            lines += ["---", ""]
            stubs.append((id, lines.joined(separator: "\n")))
        }
        return stubs
    }
}
