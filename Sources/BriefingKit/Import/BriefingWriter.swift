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

    /// The briefing's slug: made from its title.
    public var slug: String {
        let title = analysis.structure.title?.text ?? "untitled"
        return String(Slug.make(from: title).prefix(80)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// One generated Markdown block with its plain text, for merging into an edited file.
    public struct Block: Sendable {
        public var markdown: String
        /// New footnote definitions this block needs.
        public var notes: [String]
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
        var lines = ["---", "title: \(Self.yaml(structure.title?.text ?? "Untitled"))"]
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
        var spans: [(start: Int, end: Int, target: String)] = analysis.entities.map { ($0.start, $0.end, $0.id) }
            + analysis.dates.map { ($0.start, $0.end, $0.value) }
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
            let body = markdown(block.start, block.end, spans: spans[spanCursor..<spanEnd], inserts: inserts)
            switch block.kind {
            case .heading:
                result.append(Block(markdown: "## " + body, notes: notes))
            case .quotation:
                var quote = "> " + body
                if let speaker = analysis.quotationSpeakers[index] {
                    quote += "\n> — " + reference(speaker.id)
                }
                result.append(Block(markdown: quote, notes: notes))
            case .bio:
                result.append(Block(markdown: (bioStarted ? "" : "---\n\n") + body, notes: notes))
                bioStarted = true
            case .paragraph:
                result.append(Block(markdown: body, notes: notes))
            }
        }
        return result
    }

    func reference(_ id: String) -> String {
        "[[\(id)|\(Self.escapeLabel(analysis.displayNames[id] ?? id))]]"
    }

    static func escapeLabel(_ text: String) -> String {
        text.replacingOccurrences(of: "|", with: "/").replacingOccurrences(of: "]]", with: "] ]")
    }

    /// The text between two offsets with mentions as references and Markdown syntax escaped.
    func markdown(_ start: Int, _ end: Int, spans: ArraySlice<(start: Int, end: Int, target: String)>,
                  inserts: [Int: String]) -> String {
        var output = ""
        var position = start
        var atLineStart = true
        func plain(_ from: Int, _ to: Int) {
            guard from < to else { return }
            for offset in from..<to {
                if let insert = inserts[offset] { output += insert }
                output += Self.escape(analysis.scalars[offset], atLineStart: atLineStart && offset == from && output.isEmpty)
            }
            atLineStart = false
        }
        for span in spans where span.start >= position {
            plain(position, span.start)
            var label = ""
            label.unicodeScalars.append(contentsOf: analysis.scalars[span.start..<span.end])
            output += "[[\(span.target)|\(Self.escapeLabel(label))]]"
            position = span.end
        }
        plain(position, end)
        if let insert = inserts[end] { output += insert }
        return output
    }

    static func escape(_ scalar: Unicode.Scalar, atLineStart: Bool) -> String {
        switch scalar {
        case "\\", "`", "*", "_", "[", "]", "<", ">", "~", "|": return "\\" + String(scalar)
        case "#", "+", "-", "=": return atLineStart ? "\\" + String(scalar) : String(scalar)
        default: return String(scalar)
        }
    }

    /// A stub page for each entity this article names that the site does not have.
    public func entityStubs() -> [(slug: String, text: String)] {
        let gazetteerNames = Dictionary(Gazetteer.builtIn.entries.map { ($0.slug, $0.name) }, uniquingKeysWith: { first, _ in first })
        var stubs: [(slug: String, text: String)] = []
        var taken = takenNames
        let byID = Dictionary(grouping: analysis.entities, by: \.id)
        for id in byID.keys.filter({ !existingEntities.contains($0) }).sorted() {
            let mentions = byID[id]!
            let name = gazetteerNames[id] ?? analysis.displayNames[id] ?? id
            let kind = mentions.first?.kind ?? EntityKind.other.rawValue
            var aliases: [String] = []
            for mention in mentions where mention.text.lowercased() != name.lowercased()
                && !aliases.contains(where: { $0.lowercased() == mention.text.lowercased() })
                && !taken.contains(mention.text.lowercased()) {
                aliases.append(mention.text)
            }
            taken.formUnion([id, name.lowercased()] + aliases.map { $0.lowercased() })
            var lines = ["---", "name: \(Self.yaml(name))", "kind: \(kind)"]
            if !aliases.isEmpty { lines.append("aliases: [\(aliases.sorted().map(Self.yaml).joined(separator: ", "))]") }
            lines += ["---", ""]
            stubs.append((id, lines.joined(separator: "\n")))
        }
        return stubs
    }
}
