/// The parts of an article pasted from a web page: title, byline, date, headings, paragraphs,
/// block quotations and the closing bio, each with its place in the text (code points).
public struct ArticleStructure: Sendable {
    /// What a block of the article is.
    public enum BlockKind: String, Sendable, Codable {
        case heading, paragraph, quotation, bio
    }

    /// A line of the article with its role and its code point range.
    public struct Block: Sendable, Equatable {
        public var kind: BlockKind
        public var text: String
        public var start: Int
        public var end: Int
    }

    /// A piece of a line, such as the author's name in "Author: Vasif Huseynov".
    public struct Span: Sendable, Equatable {
        public var text: String
        public var start: Int
        public var end: Int
    }

    public var title: Span?
    public var author: Span?
    /// The publication date line, with its EDTF value.
    public var date: (span: Span, value: String)?
    /// Date lines that name no real day ("February 29, 2025"): never the publication date.
    public var impossibleDates: [Span]
    public var blocks: [Block]

    static let noise: Set<String> = [
        "recent articles", "related articles", "related", "share", "share this", "share this article", "tweet", "print",
        "email", "e-mail", "read more", "read also", "see also", "subscribe", "advertisement", "comments", "comment",
        "follow us", "sign up", "newsletter", "menu", "home", "listen", "listen to this article", "tags", "topics",
        "more from", "most read", "popular", "trending", "back to top", "top", "download pdf", "pdf", "copy link",
        "share on facebook", "share on twitter", "share on linkedin", "facebook", "twitter", "linkedin", "whatsapp",
        "telegram", "x", "reddit", "print this page", "save", "bookmark", "latest", "latest news", "news", "analysis",
        "opinion", "commentary", "continue reading", "advertisement - scroll to continue", "skip to content",
    ]

    /// Reads the structure of `scalars` (the article's text).
    public init(scalars: [Unicode.Scalar]) {
        var lines: [Span] = []
        var lineStart = 0
        // A lone carriage return ends a line too, as it does in Markdown.
        for index in 0...scalars.count where index == scalars.count || scalars[index] == "\n" || scalars[index] == "\r" {
            var start = lineStart
            var end = index
            while start < end, scalars[start].properties.isWhitespace { start += 1 }
            while end > start, scalars[end - 1].properties.isWhitespace { end -= 1 }
            if start < end {
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars[start..<end])
                lines.append(Span(text: text, start: start, end: end))
            }
            lineStart = index + 1
        }
        var blocks: [Block] = []
        var title: Span?
        var author: Span?
        var date: (span: Span, value: String)?
        var impossibleDates: [Span] = []
        for (number, line) in lines.enumerated() {
            let folded = line.text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ":|›»·•- "))
            if Self.noise.contains(folded) { continue }
            if blocks.isEmpty, author == nil, let name = Self.byline(line) {
                author = name
                continue
            }
            if blocks.isEmpty, date == nil, let found = Self.dateLine(line, scalars: scalars) {
                if found.exists { date = (line, found.value) } else { impossibleDates.append(line) }
                continue
            }
            if title == nil, blocks.isEmpty {
                title = line
                continue
            }
            let isLast = number == lines.count - 1
            blocks.append(Block(kind: Self.isHeading(line.text) && !isLast ? .heading : Self.isQuotation(line.text) ? .quotation : .paragraph,
                                text: line.text, start: line.start, end: line.end))
        }
        // The closing paragraph that introduces the author ("X is the Head of …") is the bio.
        if let last = blocks.indices.last, blocks[last].kind == .paragraph, Self.isBio(blocks[last].text, author: author?.text) {
            blocks[last].kind = .bio
        }
        self.title = title
        self.author = author
        self.date = date
        self.impossibleDates = impossibleDates
        self.blocks = blocks
    }

    static let bylinePrefixes = ["author:", "authors:", "by:", "by ", "written by ", "words by ",
                                 "автор:", "автор ", "авторы:", "بقلم:", "بقلم ", "كتب:", "作者：", "作者:", "文／", "文/"]

    /// "Author: X", "By X", "Written by X", "Автор: X", "بقلم X", "作者：X" → X, a name in any script:
    /// one that starts with a capital, or with a letter of a script without case ("李明", "محمد").
    static func byline(_ line: Span) -> Span? {
        let lowered = line.text.lowercased()
        for prefix in bylinePrefixes where lowered.hasPrefix(prefix) {
            let name = line.text.dropFirst(prefix.count).drop { $0 == " " || $0 == "\u{3000}" }
            guard let first = name.first, first.isUppercase || (first.isLetter && !first.isCased),
                  name.split(separator: " ").count <= 8, !name.hasSuffix(".") else { return nil }
            return Span(text: String(name), start: line.end - name.unicodeScalars.count, end: line.end)
        }
        return nil
    }

    /// A line that is only a date ("03/31/2025", "March 31, 2025", "Published: 31 March 2025"),
    /// with whether that day exists ("February 29, 2025" is a date line, of a day that does not).
    static func dateLine(_ line: Span, scalars: [Unicode.Scalar]) -> (value: String, exists: Bool)? {
        guard line.text.count <= 40 else { return nil }
        let tokens = Tokenizer.tokens(in: scalars, from: line.start, to: line.end)
        for acceptsImpossibleDays in [false, true] {
            var recognizer = DateRecognizer(reference: (2000, 1, 1))
            recognizer.acceptsImpossibleDays = acceptsImpossibleDays
            let dates = recognizer.dates(in: tokens) { _, _ in "" }
            guard dates.count == 1, let only = dates.first, only.end == line.end, only.value.count == 10 else { continue }
            let before = tokens.filter { $0.end <= only.start && $0.kind == .word }.map(\.folded)
            guard before.allSatisfy({ ["published", "updated", "posted", "on", "date"].contains($0) }) else { return nil }
            return (only.value, !acceptsImpossibleDays)
        }
        return nil
    }

    /// Short lines without closing punctuation are section headings.
    static func isHeading(_ text: String) -> Bool {
        guard let first = text.first, first.isUppercase || first.isNumber, text.count <= 120,
              text.split(separator: " ").count <= 16, let last = text.last else { return false }
        return !".!?:;,”\"’'…)".contains(last) || text.hasSuffix("U.S.") || text.hasSuffix("U.S.A.")
    }

    /// A paragraph that is one quotation from its first character to its last.
    static func isQuotation(_ text: String) -> Bool {
        guard let first = text.first, "“\"«".contains(first) else { return false }
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: ".,;"))
        return trimmed.last.map { "”\"»".contains($0) } ?? false
    }

    static func isBio(_ text: String, author: String?) -> Bool {
        let lowered = text.lowercased()
        if let author, text.hasPrefix(author + " is ") { return true }
        return lowered.contains("views") && lowered.contains("author") && text.count < 600
    }
}

import Foundation
