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
                lines.append(Span(text: String(scalars: scalars[start..<end]), start: start, end: end))
            }
            lineStart = index + 1
        }
        var blocks: [Block] = []
        var title: Span?
        var author: Span?
        var date: (span: Span, value: String)?
        var impossibleDates: [Span] = []
        // Whether the line before was the title or a date line: a bare name there is the byline.
        var afterHeader = false
        for (number, line) in lines.enumerated() {
            // Before the title, a line with bars may be the page's title ("Talks Stall | Reuters").
            if Self.isNoise(line.text) || (title != nil && Self.isChrome(line.text)) { continue }
            let followsHeader = afterHeader
            afterHeader = false
            if blocks.isEmpty, author == nil, let name = Self.byline(line) ?? (followsHeader && title != nil ? Self.bareName(line) : nil) {
                author = name
                continue
            }
            if blocks.isEmpty, let found = Self.dateLine(line, scalars: scalars) {
                // "Updated …" below the publication date is page furniture.
                if date == nil {
                    if found.exists { date = (line, found.value) } else { impossibleDates.append(line) }
                }
                afterHeader = true
                continue
            }
            if title == nil, blocks.isEmpty {
                title = line
                afterHeader = true
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

    /// A line of page furniture ("Share this", "Read more ›"); only short lines are looked at.
    static func isNoise(_ text: String) -> Bool {
        guard text.utf8.count <= 64 else { return false }
        return noise.contains(text.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ":|›»·•- ")))
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
        // Scalars first: counting characters of every paragraph would cost more than the rest.
        guard line.end - line.start <= 256, line.text.count <= 64 else { return nil }
        let tokens = Tokenizer.tokens(in: scalars, from: line.start, to: line.end)
        for acceptsImpossibleDays in [false, true] {
            // The day, after at most a weekday ("Wednesday, March 5, 2025"), before at most a time;
            // a day only if two references give it the same value ("Friday", "today" are relative).
            func day(from reference: (Int, Int, Int)) -> DateMention? {
                var tagger = TemporalTagger(reference: reference)
                tagger.acceptsImpossibleDays = acceptsImpossibleDays
                return tagger.dates(in: tokens, text: { _, _ in "" }).last { $0.type == "DATE" && $0.value?.count == 10 }
            }
            guard let only = day(from: (2000, 1, 1)), let value = only.value, day(from: (2010, 6, 15))?.value == value else { continue }
            let before = tokens.filter { $0.end <= only.start && $0.kind == .word }.map(\.folded)
            guard before.allSatisfy({ dateLineWords.contains($0) || weekdays.contains($0) }) else { return nil }
            // After the day, only a time of day and its zone ("4:10 AM EST", "| 14:32 GMT").
            let after = tokens.filter { $0.start >= only.end }
            guard after.allSatisfy({ $0.kind != .word || timeWords.contains($0.folded) || ($0.isAllCaps && $0.text.count <= 4) })
            else { return nil }
            return (value, !acceptsImpossibleDays)
        }
        return nil
    }

    static let dateLineWords: Set<String> = ["published", "updated", "posted", "on", "date", "last", "first", "modified"]
    static let weekdays: Set<String> = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"]
    static let timeWords: Set<String> = ["am", "pm", "a.m.", "p.m.", "at", "utc", "gmt", "et", "pt", "ct", "local", "time"]

    /// A line that is only a person's name ("Priya Raman"), as bylines without "By" are: two to
    /// four capitalized words, no digits, no sentence punctuation.
    static func bareName(_ line: Span) -> Span? {
        let words = line.text.split(separator: " ")
        guard (2...4).contains(words.count), words.allSatisfy({ word in
            word.first?.isUppercase == true && word.allSatisfy { $0.isLetter || ".-'’".contains($0) }
        }), !words.contains(where: { noise.contains($0.lowercased()) }) else { return nil }
        return line
    }

    /// Words of share bars and credits ("Mail Facebook Twitter", "Share Article via Email").
    static let shareWords: Set<String> = ["share", "article", "via", "mail", "email", "e-mail", "facebook", "twitter", "x",
                                          "linkedin", "whatsapp", "telegram", "reddit", "print", "copy", "link", "flipboard",
                                          "pinterest", "bluesky", "threads", "messenger", "on", "this", "save", "gift"]
    /// How calls to act that are not the article begin ("Sign up here to get this report…").
    static let promptPrefixes = ["sign up", "subscribe", "click here", "read more", "download the app", "follow us",
                                 "register now", "register here", "watch now", "listen now"]

    /// Page chrome that is not the article: share bars, photo credits ("Jim Watson | Afp | Getty
    /// Images"), sign-up prompts and key-point headers.
    static func isChrome(_ text: String) -> Bool {
        // Chrome is short; a paragraph is never looked at word by word here (the importer's speed).
        guard text.utf8.count < 400 else { return false }
        let lowered = text.lowercased()
        let words = lowered.split { $0 == " " || $0 == "|" || $0 == "·" || $0 == "•" }
        if !words.isEmpty, words.allSatisfy({ shareWords.contains(String($0)) }) { return true }
        if promptPrefixes.contains(where: { lowered.hasPrefix($0 + " ") || lowered == $0 }) { return true }
        // Credits: two to four short capitalized parts separated by bars, no sentence in them.
        let parts = text.components(separatedBy: " | ")
        if (2...4).contains(parts.count), parts.allSatisfy({ part in
            let partWords = part.split(separator: " ")
            return (1...4).contains(partWords.count) && partWords.allSatisfy { $0.first?.isUppercase == true }
                && !part.contains(where: { ".!?,;:".contains($0) })
        }) { return true }
        // A transcript's stage directions: "(Applause.)", "[Inaudible]", "(Cheers and applause)".
        if let first = text.first, let last = text.last, (first == "(" && last == ")") || (first == "[" && last == "]"),
           text.split(separator: " ").count <= 4, !text.dropFirst().dropLast().contains(where: { "()[]".contains($0) }) {
            return true
        }
        return lowered == "key points" || lowered == "key takeaways" || lowered == "in this article"
    }

    /// Short lines without closing punctuation are section headings.
    static func isHeading(_ text: String) -> Bool {
        // The cheap test first: most paragraphs end with a full stop.
        guard let last = text.last, !".!?:;,”\"’'…)".contains(last) || text.hasSuffix("U.S.") || text.hasSuffix("U.S.A."),
              let first = text.first, first.isUppercase || first.isNumber, text.unicodeScalars.count <= 480, text.count <= 120
        else { return false }
        return text.split(separator: " ").count <= 16
    }

    /// A paragraph that is one quotation from its first character to its last: the mark that
    /// opens it closes it only at the end. “…,” said Sumit Ritolia. “…” is two quotations and
    /// their attribution, a paragraph for the quote finder.
    static func isQuotation(_ text: String) -> Bool {
        let pairs: [Character: Character] = ["“": "”", "\"": "\"", "«": "»"]
        guard let first = text.first, let closing = pairs[first] else { return false }
        let trimmed = text.trimmingCharacters(in: CharacterSet(charactersIn: ".,;"))
        guard trimmed.count >= 2, trimmed.last == closing else { return false }
        return !trimmed.dropFirst().dropLast().contains(closing)
    }

    static func isBio(_ text: String, author: String?) -> Bool {
        let lowered = text.lowercased()
        if let author, text.hasPrefix(author + " is ") { return true }
        return lowered.contains("views") && lowered.contains("author") && text.count < 600
    }
}

import Foundation
