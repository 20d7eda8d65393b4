import Foundation

/// A `[[target]]` or `[[target|label]]` written in a document.
public struct CrossReference: Sendable {
    /// What the reference names: an EDTF date or an entity's slug, name or alias.
    public var target: String
    /// The text the reader sees (the target itself when no label is given).
    public var label: String
    public var location: SourceLocation
    /// Index of the text block that holds the reference.
    public var blockIndex: Int
    /// Byte range (UTF-8) of the label within that block's text.
    public var range: Range<Int>

    /// Splits the inside of `[[…]]` at the first `|` into target and label.
    static func parts(of inner: Substring) -> (target: String, label: String) {
        guard let bar = inner.firstIndex(of: "|") else {
            let target = trimmed(inner)
            return (target, target)
        }
        let target = trimmed(inner[..<bar])
        let label = trimmed(inner[inner.index(after: bar)...])
        return (target, label.isEmpty ? target : label)
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

    /// The sentence that contains the byte `offset` (the whole text when none does).
    public func sentence(containing offset: Int) -> Range<Int> {
        sentences.first { $0.contains(offset) } ?? sentences.last { $0.lowerBound <= offset } ?? 0..<text.utf8.count
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
