/// A quotation in an article attributed to the entity that spoke it.
public struct QuoteMention: Sendable, Equatable {
    /// The quoted words, without the quotation marks.
    public var text: String
    public var start: Int
    public var end: Int
    public var speaker: String
    /// Where the sentence holding the quotation ends (code points): annotations go there.
    public var sentenceEnd: Int
}

/// Attributes quotations (“…”, "…", «…») to their speaker: the one person (or else organization) named in
/// the sentence beside a speech verb ("said", "noted", "according to"), or, for "he added",
/// the person named last before it in the same paragraph.
struct QuoteFinder {
    func quotes(in tokens: [Token], mentions: [EntityMention], text: (Int, Int) -> String) -> [QuoteMention] {
        var result: [QuoteMention] = []
        var index = 0
        while index < tokens.count {
            guard let closing = opening(tokens, index),
                  let close = tokens[(index + 1)...].firstIndex(where: { $0.text == closing }) else { index += 1; continue }
            defer { index = close + 1 }
            let words = tokens[(index + 1)..<close].filter { $0.kind == .word }.count
            guard words >= 3 else { continue }
            // The quotation's context: from the start of the sentence it opens in to the end of
            // the sentence it closes in ("“…. …”, he added.").
            var first = index
            while first > 0, !LanguageRules.endsSentence(tokens, at: first - 1) { first -= 1 }
            var last = close
            let endsInside = [".", "!", "?", "…"].contains(tokens[close - 1].text) // “… sectors.”
            while !endsInside, last + 1 < tokens.count, !LanguageRules.endsSentence(tokens, at: last) { last += 1 }
            while last + 1 < tokens.count, ["”", "\"", "’", ")"].contains(tokens[last + 1].text) { last += 1 }
            let outside = Array(first..<index) + Array((close + 1)..<(last + 1))
            guard outside.contains(where: { LanguageRules.speechVerbs.contains(tokens[$0].folded) && tokens[$0].isLowercaseWord }) else { continue }
            let contextRange = tokens[first].start..<tokens[last].end
            let quoteRange = tokens[index].start..<tokens[close].end
            let named = mentions.filter { contextRange.contains($0.start) && !quoteRange.contains($0.start) }
            let people = Set(named.filter { $0.kind == EntityKind.person.rawValue }.map(\.id))
            let organizations = Set(named.filter { $0.kind == EntityKind.organization.rawValue }.map(\.id))
            let pronoun = outside.contains { ["he", "she"].contains(tokens[$0].folded) }
            let speaker: String?
            if people.count == 1 {
                speaker = people.first
            } else if people.isEmpty, organizations.count == 1 {
                speaker = organizations.first
            } else if people.isEmpty, pronoun {
                speaker = mentions.last { $0.kind == EntityKind.person.rawValue && $0.end <= tokens[first].start }?.id
            } else {
                speaker = nil
            }
            guard let speaker else { continue }
            result.append(QuoteMention(text: text(tokens[index + 1].start, tokens[close - 1].end), start: tokens[index + 1].start,
                                       end: tokens[close - 1].end, speaker: speaker, sentenceEnd: tokens[last].end))
        }
        return result
    }

    /// The mark that closes a quotation opened at `index`, if one opens there: typographic marks
    /// say which side they are; a straight `"` opens where it follows a space, a bracket or a dash.
    private func opening(_ tokens: [Token], _ index: Int) -> String? {
        switch tokens[index].text {
        case "“": return "”"
        case "«": return "»"
        case "„": return "“"
        case "\"":
            let opens = index == 0 || tokens[index].spaceBefore || ["(", "[", "—", "–", ":"].contains(tokens[index - 1].text)
            let next = index + 1 < tokens.count ? tokens[index + 1] : nil
            return opens && next.map { !$0.spaceBefore } == true ? "\"" : nil
        default: return nil
        }
    }
}
