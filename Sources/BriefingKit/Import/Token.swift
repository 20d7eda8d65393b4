/// A word, number or punctuation mark of an article, with its place in code points.
struct Token: Sendable {
    enum Kind: Sendable { case word, number, punctuation }

    var kind: Kind
    var text: String
    /// `text` lowercased, for case-insensitive lookups.
    var folded: String
    var start: Int
    var end: Int
    /// Whether white space separates this token from the previous one.
    var spaceBefore: Bool
    /// A word starting with a capital letter.
    var isCapitalized: Bool
    /// A word of two or more letters, all capitals ("NATO", "U.S.").
    var isAllCaps: Bool

    init(kind: Kind, text: String, folded: String? = nil, start: Int, end: Int, spaceBefore: Bool) {
        self.kind = kind
        self.text = text
        self.folded = folded ?? text.lowercased()
        self.start = start
        self.end = end
        self.spaceBefore = spaceBefore
        let first = text.unicodeScalars.first!
        isCapitalized = kind == .word && Tokenizer.isUppercase(first)
        var letters = 0
        var allUpper = kind == .word
        for scalar in text.unicodeScalars where Tokenizer.isLetter(scalar) {
            letters += 1
            if !Tokenizer.isUppercase(scalar) { allUpper = false; break }
        }
        isAllCaps = allUpper && letters >= 2
    }

    var isLowercaseWord: Bool { kind == .word && !isCapitalized && !isAllCaps }
}

/// Splits text into tokens. "U.S." and "U.S.A." stay whole; a possessive ’s is its own token.
enum Tokenizer {
    // ASCII fast paths: Unicode property lookups dominate the importer's profile otherwise.
    @inline(__always) static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 128 { return (value | 0x20) >= 97 && (value | 0x20) <= 122 }
        return scalar.properties.isAlphabetic
    }

    @inline(__always) static func isUppercase(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 128 { return value >= 65 && value <= 90 }
        return scalar.properties.isUppercase
    }

    @inline(__always) static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 128 { return value == 32 || (value >= 9 && value <= 13) }
        return scalar.properties.isWhitespace
    }

    static func tokens(in scalars: [Unicode.Scalar], from start: Int = 0, to end: Int? = nil) -> [Token] {
        let end = end ?? scalars.count
        var tokens: [Token] = []
        var index = start
        var sawSpace = true
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { scalar.value >= 48 && scalar.value <= 57 }
        func isApostrophe(_ scalar: Unicode.Scalar) -> Bool { scalar == "'" || scalar == "’" }
        func append(_ kind: Token.Kind, _ from: Int, _ to: Int) {
            let text = String(scalars: scalars[from..<to])
            tokens.append(Token(kind: kind, text: text, start: from, end: to, spaceBefore: sawSpace))
            sawSpace = false
        }
        while index < end {
            let scalar = scalars[index]
            if isWhitespace(scalar) {
                sawSpace = true
                index += 1
            } else if isLetter(scalar) {
                var cursor = index + 1
                // Initialisms: single letters each followed by a period (U.S., U.S.A., e.g.).
                if cursor + 1 < end, scalars[cursor] == ".", isLetter(scalars[cursor + 1]),
                   cursor + 2 >= end || scalars[cursor + 2] == "." {
                    while cursor + 1 < end, scalars[cursor] == ".", isLetter(scalars[cursor + 1]),
                          cursor + 2 >= end || !isLetter(scalars[cursor + 2]) {
                        cursor += 2
                    }
                    if cursor < end, scalars[cursor] == "." { cursor += 1 }
                    append(.word, index, cursor)
                    index = cursor
                    continue
                }
                while cursor < end {
                    let next = scalars[cursor]
                    if isLetter(next) || isDigit(next) {
                        cursor += 1
                    } else if isApostrophe(next), cursor + 1 < end, isLetter(scalars[cursor + 1]),
                              !(scalars[cursor + 1] == "s" && (cursor + 2 >= end || !isLetter(scalars[cursor + 2]))) {
                        cursor += 2 // don’t, O'Brien; but not a possessive ’s
                    } else {
                        break
                    }
                }
                append(.word, index, cursor)
                index = cursor
            } else if isDigit(scalar) {
                var cursor = index + 1
                while cursor < end {
                    if isDigit(scalars[cursor]) {
                        cursor += 1
                    } else if (scalars[cursor] == "," || scalars[cursor] == "."), cursor + 1 < end, isDigit(scalars[cursor + 1]) {
                        cursor += 2
                    } else {
                        break
                    }
                }
                // "12th" and "1990s" stay one token.
                while cursor < end, isLetter(scalars[cursor]) { cursor += 1 }
                append(.number, index, cursor)
                index = cursor
            } else if isApostrophe(scalar), index + 1 < end, scalars[index + 1] == "s" || scalars[index + 1] == "S",
                      index + 2 >= end || !isLetter(scalars[index + 2]), !tokens.isEmpty, !sawSpace {
                append(.punctuation, index, index + 2)
                index += 2
            } else {
                append(.punctuation, index, index + 1)
                index += 1
            }
        }
        return tokens
    }
}

extension String {
    /// The text of `scalars`, encoded in one pass: appending them one by one to a string
    /// re-checks it each time, and the importer makes a string for every token and line.
    init(scalars: ArraySlice<Unicode.Scalar>) {
        var count = 0
        for scalar in scalars { count += UTF8.width(scalar) }
        self.init(unsafeUninitializedCapacity: count) { buffer in
            var written = 0
            for scalar in scalars {
                UTF8.encode(scalar) { byte in
                    buffer[written] = byte
                    written += 1
                }
            }
            return written
        }
    }
}
