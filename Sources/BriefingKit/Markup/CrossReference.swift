import Foundation

/// A `[[target]]` or `[[target|label]]` written in a document.
public struct CrossReference: Sendable {
    /// What the reference names: an EDTF date or an entity's slug, name or alias.
    public var target: String
    /// The text the reader sees (the target itself when no label is given; for `briefing:slug`
    /// and `page:slug`, the document's title when the parser knows it, else the slug).
    public var label: String
    public var location: SourceLocation
    /// Index of the text block that holds the reference.
    public var blockIndex: Int
    /// Byte range (UTF-8) of the label within that block's text.
    public var range: Range<Int>
    /// Whether the label was written (`[[target|label]]`): a link to a document without one shows
    /// the document's title.
    public var labeled: Bool = true

    /// Splits the inside of `[[…]]` at the first `|` into target and label.
    static func parts(of inner: Substring) -> (target: String, label: String) {
        let (target, label, _) = labeledParts(of: inner)
        return (target, label)
    }

    /// `parts(of:)`, and whether a label was written.
    static func labeledParts(of inner: Substring) -> (target: String, label: String, labeled: Bool) {
        guard let bar = inner.firstIndex(of: "|") else {
            let target = trimmed(inner)
            return (target, defaultLabel(of: target), false)
        }
        let target = trimmed(inner[..<bar])
        let label = trimmed(inner[inner.index(after: bar)...])
        return (target, label.isEmpty ? defaultLabel(of: target) : label, !label.isEmpty)
    }

    /// The label of a reference written without one: the target, or the slug of `briefing:slug`.
    static func defaultLabel(of target: String) -> String {
        guard let colon = target.firstIndex(of: ":"), EntityResolver.documentTarget(target) != nil else { return target }
        let slug = trimmed(target[target.index(after: colon)...])
        return slug.isEmpty ? target : slug
    }

    /// `text` without whitespace at either end. Every character in `.whitespaces` but space and
    /// tab is outside ASCII, so text that starts and ends with another ASCII byte is already
    /// trimmed; Foundation's trimming was a third of parsing a thousand briefings.
    static func trimmed(_ text: Substring) -> String {
        if let first = text.utf8.first, let last = text.utf8.last,
           first < 0x80, first != 0x20, first != 0x09, last < 0x80, last != 0x20, last != 0x09 {
            return String(text)
        }
        return text.trimmingCharacters(in: .whitespaces)
    }
}

/// A run of prose (paragraph, heading, annotation) as plain text, cut into sentences;
/// mentions and timeline events take their context from it.
public struct TextBlock: Sendable {
    /// The `id` readers land on: the paragraph's, or for an annotation its reference's paragraph.
    public var anchor: String
    public var text: String
    /// UTF-8 byte ranges of the sentences in `text`.
    public var sentences: [Range<Int>]
    /// Headings before the block (a heading is in the section it opens; a note in its paragraph's):
    /// with the default link density, an entity is linked once per section.
    public var section: Int = 0

    /// The sentence that contains the byte `offset`, or else the last one before it (the whole text
    /// when none does). Sentences are in order: a binary search, since a block may hold thousands.
    public func sentence(containing offset: Int) -> Range<Int> {
        let after = sentences.partitioningIndex { $0.lowerBound > offset }
        return after > 0 ? sentences[after - 1] : 0..<text.utf8.count
    }

    /// The most bytes of a sentence a reference takes as its context (mention, timeline text): a
    /// longer sentence is cut to a window of about this size around the reference, so output grows
    /// with the text, not with its square (every reference of a 100 KB sentence copied all of it).
    /// Far above ordinary sentences (the example site's longest has 337 bytes), which stay whole.
    public static let contextLimit = 1_000
    /// How far a window's end moves to a space: words are shorter, a run without spaces is cut.
    static let wordLimit = 80

    /// The bytes of `sentence` that a reference at `range` takes as context: all of them, or in a
    /// longer sentence about `contextLimit` bytes around the reference, cut after and before a space
    /// within `wordLimit` bytes of each end (else at a character boundary, inside a very long word).
    public func window(around range: Range<Int>, in sentence: Range<Int>) -> Range<Int> {
        guard sentence.count > Self.contextLimit else { return sentence }
        let label = range.clamped(to: sentence)
        let spare = max(0, Self.contextLimit - label.count)
        // Half the spare bytes on each side, and what one side cannot use on the other.
        let before = min(spare / 2, label.lowerBound - sentence.lowerBound)
        let after = min(spare - before, sentence.upperBound - label.upperBound)
        var lower = label.lowerBound - min(spare - after, label.lowerBound - sentence.lowerBound)
        var upper = label.upperBound + after
        let utf8 = text.utf8
        func byte(_ offset: Int) -> UInt8 { utf8[utf8.index(utf8.startIndex, offsetBy: offset)] }
        if lower > sentence.lowerBound {
            if let space = (lower..<min(label.lowerBound, lower + Self.wordLimit)).first(where: { byte($0) == 0x20 }) {
                lower = space + 1
            } else {
                while lower < label.lowerBound, byte(lower) & 0xC0 == 0x80 { lower += 1 }
            }
        }
        if upper < sentence.upperBound {
            if let space = (max(label.upperBound, upper - Self.wordLimit)..<upper).last(where: { byte($0) == 0x20 }) {
                upper = space
            } else {
                while upper > label.upperBound, byte(upper) & 0xC0 == 0x80 { upper -= 1 }
            }
        }
        return lower..<upper
    }

    /// The context text of a window of `sentence`, with "…" where the window cuts it, and the byte
    /// range of `range` within that text.
    public func context(_ window: Range<Int>, of sentence: Range<Int>, label range: Range<Int>) -> (text: String, range: Range<Int>) {
        let opening = window.lowerBound > sentence.lowerBound ? "…" : ""
        let closing = window.upperBound < sentence.upperBound ? "…" : ""
        let shift = opening.utf8.count - window.lowerBound
        return (opening + slice(window) + closing, (range.lowerBound + shift)..<(range.upperBound + shift))
    }

    /// The text of a byte range.
    public func slice(_ range: Range<Int>) -> String {
        let utf8 = text.utf8
        let lower = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let upper = utf8.index(utf8.startIndex, offsetBy: range.upperBound)
        return String(text[lower..<upper])
    }
}

/// A blockquote attributed to an entity by a closing `— [[speaker]]` line.
public struct BlockQuotation: Sendable {
    public var text: String
    /// Index of the speaker's reference in `ParsedDocument.references`.
    public var speakerReference: Int
    public var anchor: String
}
