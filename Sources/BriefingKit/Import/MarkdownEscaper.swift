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

    /// ASCII punctuation that opens or closes inline syntax anywhere in a line: code spans,
    /// emphasis, links, footnotes, references, raw HTML and autolinks, strikethrough, table cells.
    private static let inlineSyntax: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", "~", "|"]
    /// What opens a block at a line start (besides `*`, `_`, `<`, `[`, backtick and `~`, escaped anywhere).
    private static let blockStarts: Set<Unicode.Scalar> = ["#", ">", "-", "+", "="]

    static func escape(_ text: String, at position: Position = Position()) -> String {
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        output.reserveCapacity(scalars.count + scalars.count / 8)
        let orderedListMarker = position.atBlockStart ? orderedListDelimiter(scalars) : nil
        let closingHashes = position.atHeadingEnd ? closingSequenceStart(scalars) : nil
        for (index, scalar) in scalars.enumerated() {
            let escaped = inlineSyntax.contains(scalar)
                || (index == 0 && position.atBlockStart && blockStarts.contains(scalar))
                || (index == 0 && position.afterBracket && scalar == "(")
                || index == orderedListMarker
                || index == closingHashes
                || (scalar == "&" && startsEntity(scalars, at: index))
                || (scalar == ":" && startsAutolinkPath(scalars, at: index))
                || (scalar == "." && endsAutolinkWWW(scalars, at: index))
            if escaped { output.append("\\") }
            output.append(scalar)
        }
        return String(output)
    }

    /// The `.` or `)` of "1. " / "12) " at a line start (an ordered list item in CommonMark).
    private static func orderedListDelimiter(_ scalars: [Unicode.Scalar]) -> Int? {
        var index = 0
        while index < scalars.count, index < 10, ("0"..."9").contains(scalars[index]) { index += 1 }
        guard index > 0, index <= 9, index < scalars.count, scalars[index] == "." || scalars[index] == ")" else { return nil }
        return index
    }

    /// The first `#` of a run ending the text that follows a space or is the whole text: cmark
    /// drops it as the heading's closing sequence.
    private static func closingSequenceStart(_ scalars: [Unicode.Scalar]) -> Int? {
        var start = scalars.count
        while start > 0, scalars[start - 1] == "#" { start -= 1 }
        guard start < scalars.count, start == 0 || scalars[start - 1] == " " || scalars[start - 1] == "\t" else { return nil }
        return start
    }

    /// GFM's extended autolinks (`https://…`, `www.…`) read their characters raw, so escapes
    /// inside them would show; escaping the `:` of `://` and the `.` of `www.` keeps them text.
    private static func startsAutolinkPath(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        index + 2 < scalars.count && scalars[index + 1] == "/" && scalars[index + 2] == "/"
    }

    private static func endsAutolinkWWW(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        index >= 3 && scalars[(index - 3)..<index].allSatisfy { $0 == "w" || $0 == "W" }
    }

    /// Whether `&` at `index` starts what CommonMark reads as an entity or numeric character
    /// reference: `&name;`, `&#123;`, `&#x1F;`.
    private static func startsEntity(_ scalars: [Unicode.Scalar], at index: Int) -> Bool {
        var cursor = index + 1
        if cursor < scalars.count, scalars[cursor] == "#" {
            cursor += 1
            if cursor < scalars.count, scalars[cursor] == "x" || scalars[cursor] == "X" { cursor += 1 }
        }
        let first = cursor
        while cursor < scalars.count, cursor - first < 32, scalars[cursor].isASCII,
              scalars[cursor].properties.isAlphabetic || ("0"..."9").contains(scalars[cursor]) {
            cursor += 1
        }
        return cursor > first && cursor < scalars.count && scalars[cursor] == ";"
    }
}
