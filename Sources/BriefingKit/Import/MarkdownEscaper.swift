/// Writes plain text as Markdown that cmark-gfm (and Briefing's `[[references]]` and
/// `[^annotations]`) read back as exactly that text: every character that could open inline
/// syntax gets a backslash escape, and so does a line start that would open a block. (Any
/// ASCII punctuation may be escaped in CommonMark, so an escape too many changes nothing.)
enum MarkdownEscaper {
    /// Where a run of text sits in the block being written.
    struct Position {
        /// At the start of a block's line, where `#`, `>`, `-`, `1.` open headings, quotes, lists.
        var atBlockStart = false
        /// Right after a construct that ends in `]` (a reference, an annotation): a `(` there
        /// would make it a link.
        var afterBracket = false
        /// At the end of a heading's text, where a run of `#` is the optional closing sequence.
        var atHeadingEnd = false
    }

    // Every character that needs an escape is ASCII, so the work is on UTF-8 bytes (a byte
    // of a multi-byte character is never ASCII): the importer's speed is mostly this loop.

    /// ASCII punctuation that opens or closes inline syntax anywhere in a line: code spans,
    /// emphasis, links, footnotes, references, raw HTML and autolinks, strikethrough, table cells.
    private static let inlineSyntax = byteSet("\\`*_[]<~|")
    /// What opens a block at a line start (besides `*`, `_`, `<`, `[`, backtick and `~`, escaped anywhere).
    private static let blockStarts = byteSet("#>-+=")
    /// Bytes that may need a look: the above and `&`, `:`, `.`, `(`, `)`, digits.
    private static let candidates = byteSet("\\`*_[]<~|#>-+=&:.()0123456789")

    private static func byteSet(_ characters: String) -> [Bool] {
        var set = [Bool](repeating: false, count: 256)
        for byte in characters.utf8 { set[Int(byte)] = true }
        return set
    }

    static func escape(_ text: String, at position: Position = Position()) -> String {
        guard text.utf8.contains(where: { candidates[Int($0)] }) else { return text }
        let bytes = Array(text.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 8)
        let orderedListMarker = position.atBlockStart ? orderedListDelimiter(bytes) : nil
        let closingHashes = position.atHeadingEnd ? closingSequenceStart(bytes) : nil
        for (index, byte) in bytes.enumerated() {
            let escaped = inlineSyntax[Int(byte)]
                || (index == 0 && position.atBlockStart && blockStarts[Int(byte)])
                || (index == 0 && position.afterBracket && byte == UInt8(ascii: "("))
                || index == orderedListMarker
                || index == closingHashes
                || (byte == UInt8(ascii: "&") && startsEntity(bytes, at: index))
                || (byte == UInt8(ascii: ":") && startsAutolinkPath(bytes, at: index))
                || (byte == UInt8(ascii: ".") && endsAutolinkWWW(bytes, at: index))
            if escaped { output.append(UInt8(ascii: "\\")) }
            output.append(byte)
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
    }

    /// The `.` or `)` of "1. " / "12) " at a line start (an ordered list item in CommonMark).
    private static func orderedListDelimiter(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count, index < 10, isDigit(bytes[index]) { index += 1 }
        guard index > 0, index <= 9, index < bytes.count, bytes[index] == UInt8(ascii: ".") || bytes[index] == UInt8(ascii: ")")
        else { return nil }
        return index
    }

    /// The first `#` of a run ending the text that follows a space or is the whole text: cmark
    /// drops it as the heading's closing sequence.
    private static func closingSequenceStart(_ bytes: [UInt8]) -> Int? {
        var start = bytes.count
        while start > 0, bytes[start - 1] == UInt8(ascii: "#") { start -= 1 }
        guard start < bytes.count, start == 0 || bytes[start - 1] == UInt8(ascii: " ") || bytes[start - 1] == UInt8(ascii: "\t")
        else { return nil }
        return start
    }

    /// GFM's extended autolinks (`https://…`, `www.…`) read their characters raw, so escapes
    /// inside them would show; escaping the `:` of `://` and the `.` of `www.` keeps them text.
    private static func startsAutolinkPath(_ bytes: [UInt8], at index: Int) -> Bool {
        index + 2 < bytes.count && bytes[index + 1] == UInt8(ascii: "/") && bytes[index + 2] == UInt8(ascii: "/")
    }

    private static func endsAutolinkWWW(_ bytes: [UInt8], at index: Int) -> Bool {
        index >= 3 && bytes[(index - 3)..<index].allSatisfy { $0 | 0x20 == UInt8(ascii: "w") }
    }

    /// Whether `&` at `index` starts what CommonMark reads as an entity or numeric character
    /// reference: `&name;`, `&#123;`, `&#x1F;`.
    private static func startsEntity(_ bytes: [UInt8], at index: Int) -> Bool {
        var cursor = index + 1
        if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "#") {
            cursor += 1
            if cursor < bytes.count, bytes[cursor] | 0x20 == UInt8(ascii: "x") { cursor += 1 }
        }
        let first = cursor
        while cursor < bytes.count, cursor - first < 32, isASCIIAlphanumeric(bytes[cursor]) { cursor += 1 }
        return cursor > first && cursor < bytes.count && bytes[cursor] == UInt8(ascii: ";")
    }
}
