/// Known names, looked up by their token sequence: the site's entities first, then the gazetteer.
struct Lexicon: Sendable {
    /// What a known name refers to.
    struct Target: Sendable, Equatable {
        var slug: String
        var kind: EntityKind
        var name: String
        /// Reached through a demonym ("Azerbaijani"): a plural form names the people, a group.
        var isDemonym = false
        /// Reached through a capital ("Baku"): the government, unless the text says "in Baku".
        var isCapital = false
    }

    /// Case-insensitive entries; matched only where the text capitalizes the first word.
    private(set) var folded: [String: Target] = [:]
    /// Acronyms ("US", "WHO", "EU"), matched with their exact case.
    private(set) var exact: [String: Target] = [:]
    /// For each first word of a name, the longest name it starts (in tokens).
    private(set) var longestByFirstWord: [String: Int] = [:]

    init(gazetteer: Gazetteer = .builtIn, entities: [Entity] = []) {
        for entry in gazetteer.entries {
            let target = Target(slug: entry.slug, kind: entry.kind, name: entry.name)
            for surface in [entry.name] + entry.aliases { add(surface, target) }
            for demonym in entry.demonyms {
                var demonymTarget = target
                demonymTarget.isDemonym = true
                add(demonym, demonymTarget)
            }
            if let capital = entry.capital {
                var capitalTarget = target
                capitalTarget.isCapital = true
                capitalTarget.name = capital
                add(capital, capitalTarget)
            }
        }
        // The site's own entities come last so an editor's correction overrides the gazetteer.
        for entity in entities {
            let target = Target(slug: entity.slug, kind: entity.kind, name: entity.name)
            for surface in [entity.name] + entity.aliases { add(surface, target) }
        }
    }

    static func key(_ tokens: some Sequence<Token>, folded: Bool) -> String {
        tokens.map { folded ? $0.folded : $0.text }.joined(separator: " ")
    }

    private mutating func add(_ surface: String, _ target: Target) {
        var tokens = Tokenizer.tokens(in: Array(surface.unicodeScalars))
        if tokens.count > 1, tokens[0].folded == "the" { tokens.removeFirst() }
        guard let first = tokens.first else { return }
        longestByFirstWord[first.folded] = max(longestByFirstWord[first.folded] ?? 0, tokens.count)
        if tokens.allSatisfy({ $0.kind != .word || $0.isAllCaps }) && tokens.contains(where: { $0.kind == .word }) {
            exact[Self.key(tokens, folded: false)] = target
        } else {
            folded[Self.key(tokens, folded: true)] = target
        }
    }

    /// The longest known name starting at `index`, with its length in tokens.
    func match(_ tokens: [Token], at index: Int, isTaken: (Int) -> Bool) -> (length: Int, target: Target)? {
        let first = tokens[index]
        // Only a capitalized word or a number starts a known name (most tokens: no lookup at all).
        guard first.isCapitalized || first.kind == .number, let longest = longestByFirstWord[first.folded] else { return nil }
        var length = min(longest, tokens.count - index)
        while length > 0 {
            let range = index..<(index + length)
            if !range.contains(where: isTaken) {
                let slice = tokens[range]
                if first.isAllCaps, let target = exact[Self.key(slice, folded: false)] { return (length, target) }
                if first.isCapitalized || first.kind == .number, let target = folded[Self.key(slice, folded: true)] {
                    return (length, target)
                }
            }
            length -= 1
        }
        return nil
    }
}
