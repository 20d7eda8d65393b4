/// The mentions of one entity as its pages show them: grouped by document (briefings newest
/// first, then entity summaries and pages), each sentence once with every mention of the entity
/// in it, and the full list cut into pages of about `perPage` sentences.
struct EntityMentions: Sendable {
    /// A sentence that names the entity once or more.
    struct Sentence: Sendable {
        var text: String
        var anchor: String
        var ranges: [Range<Int>]
    }

    /// The mentions in one document.
    struct Group: Sendable {
        var document: DocumentID
        /// Mentions, counting each one (a sentence may hold several).
        var count: Int
        var sentences: [Sentence]
    }

    /// One page of the full list: parts of groups (a long group continues on the next page).
    struct Page: Sendable {
        var parts: [(group: Int, sentences: Range<Int>)]
    }

    var groups: [Group] = []
    var pages: [Page] = []
    var total: Int { groups.reduce(0) { $0 + $1.count } }

    init(_ mentions: [Mention], order: [String: Int], perPage: Int) {
        var byDocument: [DocumentID: Int] = [:]
        var sentenceIndex: [DocumentID: [String: Int]] = [:]
        for mention in mentions {
            let at: Int
            if let known = byDocument[mention.document] {
                at = known
            } else {
                at = groups.count
                byDocument[mention.document] = at
                groups.append(Group(document: mention.document, count: 0, sentences: []))
            }
            groups[at].count += 1
            // The same sentence in the same paragraph is one sentence, however many mentions it holds.
            let key = mention.anchor + "\u{0}" + mention.sentence
            if let index = sentenceIndex[mention.document]?[key] {
                if !groups[at].sentences[index].ranges.contains(mention.range) { groups[at].sentences[index].ranges.append(mention.range) }
            } else {
                sentenceIndex[mention.document, default: [:]][key] = groups[at].sentences.count
                groups[at].sentences.append(Sentence(text: mention.sentence, anchor: mention.anchor, ranges: [mention.range]))
            }
        }
        // Briefings by `order` (newest first), then the other documents by kind and slug.
        groups.sort { a, b in
            let left = a.document.kind == .briefing ? order[a.document.slug] ?? Int.max : Int.max
            let right = b.document.kind == .briefing ? order[b.document.slug] ?? Int.max : Int.max
            return (left, a.document) < (right, b.document)
        }
        var current = Page(parts: [])
        var filled = 0
        for (index, group) in groups.enumerated() {
            var start = 0
            while start < group.sentences.count {
                let take = min(group.sentences.count - start, max(1, perPage - filled))
                current.parts.append((index, start..<(start + take)))
                filled += take
                start += take
                if filled >= perPage {
                    pages.append(current)
                    current = Page(parts: [])
                    filled = 0
                }
            }
        }
        if !current.parts.isEmpty || pages.isEmpty { pages.append(current) }
    }
}
