/// New entities of an import that are probably ones the site already has under another
/// spelling ("Zelenskiy" beside "Zelenskyy", "Ed Miliband" beside "Edward Miliband"): reported
/// as suggestions for the editor, never merged, since two real people can share a name.
struct LikelyDuplicates {
    /// An entity the import is about to create.
    struct Candidate {
        var slug: String
        var name: String
        var kind: EntityKind
    }

    var existing: [Entity]

    /// Each candidate with the existing entities it may be, in slug order.
    func matches(for candidates: [Candidate]) -> [(candidate: Candidate, existing: Entity)] {
        var result: [(Candidate, Entity)] = []
        for candidate in candidates {
            for entity in existing.sorted(by: { $0.slug < $1.slug })
            where entity.slug != candidate.slug && entity.kind == candidate.kind
                && Self.isLikelySame(candidate.name, entity.name, people: candidate.kind == .person) {
                result.append((candidate, entity))
            }
        }
        return result
    }

    /// Spellings a letter or two apart, or one person's name with a shortened first name.
    static func isLikelySame(_ a: String, _ b: String, people: Bool = true) -> Bool {
        let left = a.lowercased()
        let right = b.lowercased()
        guard left != right else { return false }
        let shorter = min(left.count, right.count)
        if shorter >= 6, Suggestion.levenshtein(Array(left), Array(right)) <= max(1, shorter / 8) { return true }
        // Surnames and first names are people's: "South Sudan" is not "Sudan".
        guard people else { return false }
        let leftWords = left.split(separator: " ")
        let rightWords = right.split(separator: " ")
        guard let leftLast = leftWords.last, let rightLast = rightWords.last,
              leftLast == rightLast || (min(leftLast.count, rightLast.count) >= 6
                                        && Suggestion.levenshtein(Array(leftLast), Array(rightLast)) <= 1) else { return false }
        // "Zelenskiy" / "Volodymyr Zelenskyy": a surname alone.
        guard leftWords.count >= 2, rightWords.count >= 2 else { return leftWords.count != rightWords.count }
        // "Ed" / "Edward", "J." / "John": one first name starts the other.
        let firsts = (leftWords[0].filter(\.isLetter), rightWords[0].filter(\.isLetter))
        return !firsts.0.isEmpty && !firsts.1.isEmpty && (firsts.0.hasPrefix(firsts.1) || firsts.1.hasPrefix(firsts.0))
    }
}
