/// Where sentences start and end in a tokenized article, by the rules of `LanguageRules`.
extension LanguageRules {
    /// Whether token `index` opens a sentence: after a full stop, "!", "?", "…" or ":" (and any
    /// quotes or brackets after it), not after an abbreviated title ("Mr.").
    static func startsSentence(_ tokens: [Token], at index: Int) -> Bool {
        // Quotes either side of a sentence end: ‘ended.” Later’ starts a sentence at “Later”.
        // Compared by code point: this runs for every token, and String comparison of “ is slow.
        @inline(__always) func single(_ token: Token) -> Unicode.Scalar? {
            guard token.kind == .punctuation, token.end - token.start == 1 else { return nil }
            return token.text.unicodeScalars.first
        }
        var previous = index - 1
        while previous >= 0, let scalar = single(tokens[previous]), openers.contains(scalar) { previous -= 1 }
        guard previous >= 0 else { return true }
        guard let mark = single(tokens[previous]), enders.contains(mark) else { return false }
        if mark == ".", previous > 0, abbreviations.contains(tokens[previous - 1].folded) { return false }
        // A middle initial ("Robert F. Kennedy"): one capital letter and its period end nothing.
        if mark == ".", previous > 0, EntityRecognizer.isInitial(tokens[previous - 1]), index < tokens.count, tokens[index].isCapitalized,
           previous >= 2, tokens[previous - 2].isCapitalized {
            return false
        }
        return true
    }

    static let openers: Set<Unicode.Scalar> = ["“", "”", "\"", "‘", "’", "'", "(", "[", "—", "–"]
    static let enders: Set<Unicode.Scalar> = [".", "!", "?", "…", ":"]

    /// Whether token `index` ends a sentence: ".", "!", "?" or "…" (not after an abbreviated
    /// title), then closing quotes or brackets, then a space or the end. Unlike `startsSentence`, a
    /// colon does not end one: a quotation's context runs on past "said:".
    static func endsSentence(_ tokens: [Token], at index: Int) -> Bool {
        guard [".", "!", "?", "…"].contains(tokens[index].text) else { return false }
        if tokens[index].text == ".", index > 0, abbreviations.contains(tokens[index - 1].folded) { return false }
        var next = index + 1
        while next < tokens.count, ["”", "\"", "’", ")"].contains(tokens[next].text) { next += 1 }
        return next >= tokens.count || tokens[next].spaceBefore
    }
}
