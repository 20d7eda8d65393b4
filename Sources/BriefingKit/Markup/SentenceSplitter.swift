/// Cuts prose into sentences without being fooled by "U.S.", "Mr." or "e.g.".
public enum SentenceSplitter {
    /// UTF-8 byte ranges of the sentences of `text`, trimmed of surrounding spaces.
    public static func sentences(in text: String) -> [Range<Int>] {
        let bytes = Array(text.utf8)
        var ranges: [Range<Int>] = []
        var start = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let isTerminator = byte == UInt8(ascii: ".") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
                || (byte == 0xE2 && index + 2 < bytes.count && bytes[index + 1] == 0x80 && bytes[index + 2] == 0xA6) // …
            guard isTerminator else { index += 1; continue }
            var end = index + (byte == 0xE2 ? 3 : 1)
            // Closing quotes and brackets belong to the sentence they end.
            while end < bytes.count {
                if bytes[end] == UInt8(ascii: "\"") || bytes[end] == UInt8(ascii: ")") || bytes[end] == UInt8(ascii: "'") {
                    end += 1
                } else if end + 2 < bytes.count, bytes[end] == 0xE2, bytes[end + 1] == 0x80,
                          bytes[end + 2] == 0x9D || bytes[end + 2] == 0x99 { // ” ’
                    end += 3
                } else {
                    break
                }
            }
            guard end < bytes.count, bytes[end] == UInt8(ascii: " ") else { index = end; continue }
            var next = end
            while next < bytes.count, bytes[next] == UInt8(ascii: " ") { next += 1 }
            if byte == UInt8(ascii: "."), isAbbreviation(bytes, periodAt: index) || !startsSentence(bytes, at: next) {
                index = next
                continue
            }
            append(start..<end, of: bytes, to: &ranges)
            start = next
            index = next
        }
        append(start..<bytes.count, of: bytes, to: &ranges)
        return ranges
    }

    private static func append(_ range: Range<Int>, of bytes: [UInt8], to ranges: inout [Range<Int>]) {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, bytes[lower] == UInt8(ascii: " ") { lower += 1 }
        while upper > lower, bytes[upper - 1] == UInt8(ascii: " ") { upper -= 1 }
        if lower < upper { ranges.append(lower..<upper) }
    }

    /// Whether the word before the period is an abbreviation or an initialism ("U.S", "Mr").
    private static func isAbbreviation(_ bytes: [UInt8], periodAt index: Int) -> Bool {
        var wordStart = index
        while wordStart > 0, bytes[wordStart - 1] != UInt8(ascii: " "), bytes[wordStart - 1] != UInt8(ascii: "(") {
            wordStart -= 1
        }
        let word = String(decoding: bytes[wordStart..<index], as: UTF8.self)
        if word.contains(".") { return true } // U.S, e.g, U.S.A
        if word.count == 1, word.first!.isUppercase { return true } // initials: "J. Smith"
        return LanguageRules.abbreviations.contains(word.lowercased())
    }

    /// Sentences start with a capital letter, a digit or an opening quote/bracket.
    private static func startsSentence(_ bytes: [UInt8], at index: Int) -> Bool {
        guard index < bytes.count else { return true }
        let byte = bytes[index]
        if byte < 0x80 {
            return (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "(") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "'")
        }
        // A non-ASCII letter or typographic quote: decide on the first character.
        let scalarEnd = min(bytes.count, index + 4)
        guard let character = String(decoding: bytes[index..<scalarEnd], as: UTF8.self).first else { return true }
        return character.isUppercase || "“‘«".contains(character)
    }
}
