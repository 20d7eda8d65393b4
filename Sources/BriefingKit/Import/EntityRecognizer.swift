/// A name found in an article, with the entity it refers to.
public struct EntityMention: Sendable, Equatable, Codable {
    public var text: String
    /// Code point offsets into the article, end exclusive.
    public var start: Int
    public var end: Int
    public var kind: String
    /// The entity's slug: the site's or the gazetteer's, else one made from its name.
    public var id: String
}

/// Finds the names in an article: known names (site entities, gazetteer) first, as overrides;
/// titles before people's names; capitalized phrases classified by their head word ("War",
/// "Accords", "Field", "Committee") or else by the learned tagger (`SequenceTagger`), which also
/// finds names no rule knows (sentence-initial ones); acronyms defined in parentheses; later
/// surname-only mentions of a person; and one kind for every mention of a name.
struct EntityRecognizer {
    let lexicon: Lexicon
    /// The learned tagger; nil leaves the rules alone.
    var tagger: SequenceTagger? = SequenceTagger.builtIn

    /// One stretch of prose to analyze; title-case stretches (titles, headings) only get known names.
    struct Passage {
        var tokens: [Token]
        var isTitleCase: Bool
    }

    /// Nouns after a capital that make it its government ("the Baku government").
    static let governmentNouns: Set<String> = ["government", "administration", "regime", "authorities", "officials",
                                               "leadership", "authority", "establishment"]
    /// Prepositions that make a following place name a location rather than a government.
    static let locative: Set<String> = ["in", "at", "near", "outside", "inside", "across", "around", "from"]
    /// Lowercase words after a name that make it a place ("the Kidal region").
    static let placeNouns: Set<String> = ["region", "province", "island", "islands", "coast", "city", "port", "border",
                                          "district", "valley", "river", "town", "village", "area", "peninsula",
                                          "archipelago", "oblast", "governorate", "state", "county", "municipality"]
    /// First words that make a phrase an event or an agreement whatever its head ("Operation Serval").
    static let leadingKinds: [String: EntityKind] = ["operation": .event, "exercise": .event, "battle": .event,
                                                     "siege": .event, "treaty": .agreement, "convention": .agreement]
    static let infrastructure: Set<String> = ["corridor", "pipeline", "field", "railway", "railroad", "canal", "dam",
                                              "bridge", "port", "highway", "tunnel", "airport"]
    static let heads: [String: EntityKind] = {
        var heads: [String: EntityKind] = [:]
        for word in ["war", "wars", "forum", "summit", "conference", "games", "olympics", "cup", "intifada", "revolution",
                     "crisis", "uprising", "massacre", "attack", "attacks", "election", "elections", "talks", "festival",
                     "expo", "offensive", "operation", "invasion", "genocide", "referendum", "protests", "spring"] {
            heads[word] = .event
        }
        for word in ["accords", "accord", "agreement", "treaty", "pact", "protocol", "convention", "memorandum",
                     "charter", "declaration", "deal", "framework", "initiative", "doctrine", "plan", "roadmap"] {
            heads[word] = .agreement
        }
        for word in ["act", "law", "bill", "amendment", "resolution", "directive", "regulation", "section", "article"] {
            heads[word] = .other
        }
        for word in ["field", "corridor", "pipeline", "network", "sea", "ocean", "river", "lake", "mountains", "mount",
                     "strait", "gulf", "bay", "island", "islands", "peninsula", "valley", "desert", "basin", "region",
                     "province", "district", "oblast", "city", "county", "square", "street", "airport", "port", "canal",
                     "dam", "bridge", "border", "base", "plateau", "coast", "railway", "highway", "route", "shoal", "reef",
                     "atoll", "cape", "harbour", "harbor", "sound", "fjord", "archipelago", "glacier", "heights", "steppe"] {
            heads[word] = .place
        }
        for word in ["organization", "organisation", "union", "committee", "council", "center", "centre", "office",
                     "ministry", "department", "agency", "corps", "party", "bank", "fund", "association", "institute",
                     "institution", "university", "college", "company", "corporation", "group", "forces", "force", "army",
                     "navy", "parliament", "assembly", "commission", "administration", "government", "court", "guard",
                     "service", "authority", "foundation", "league", "alliance", "movement", "front", "federation",
                     "news", "times", "post", "media", "press", "radio", "television", "inc", "ltd", "congress",
                     "senate", "cabinet", "secretariat", "bureau", "board", "programme", "program", "club", "society",
                     "brigade", "brigades", "militia", "council", "tribunal", "police", "ministry", "embassy", "consulate",
                     "mission", "minerals", "mining", "energy", "oil", "gas", "airlines", "holdings", "partners", "capital"] {
            heads[word] = .organization
        }
        return heads
    }()

    /// Finds every entity mention in the passages (an article's title, byline and blocks, in order).
    func mentions(in passages: [Passage], text: (Int, Int) -> String) -> [EntityMention] {
        var taken: [[Bool]] = passages.map { Array(repeating: false, count: $0.tokens.count) }
        var found: [(passage: Int, first: Int, last: Int, mention: EntityMention, known: Bool)] = []
        var acronyms: [String: (kind: EntityKind, id: String)] = [:]
        // The tagger's type for each token of prose (nil: outside a name, or no tagger).
        let tagged: [[UInt8]] = passages.map { passage in
            guard let tagger, !passage.isTitleCase else { return Array(repeating: 0, count: passage.tokens.count) }
            return tags(passage.tokens, tagger)
        }
        let types: [[Int?]] = passages.indices.map { p in
            let passage = passages[p]
            let tags = tagged[p]
            return passage.tokens.indices.map { index -> Int? in
                // A name's span starts at a word; titles before it ("Head of …") are the rules' business.
                guard passage.tokens[index].kind != .punctuation, var type = SequenceTagger.type(of: tags[index]) else { return nil }
                var start = index
                while start > 0, SequenceTagger.isInside(tags[start]) { start -= 1 }
                if start < index, LanguageRules.titles.contains(passage.tokens[start].folded),
                   (start..<index).contains(where: { passage.tokens[$0].isLowercaseWord }) {
                    type = -1 // the title's portfolio: "Head of Department", "Minister of Defence"
                }
                return type
            }
        }

        func emit(_ p: Int, _ first: Int, _ last: Int, kind: EntityKind, id: String, known: Bool = false) {
            let tokens = passages[p].tokens
            for index in first...last { taken[p][index] = true }
            found.append((p, first, last, EntityMention(text: text(tokens[first].start, tokens[last].end),
                                                         start: tokens[first].start, end: tokens[last].end,
                                                         kind: kind.rawValue, id: id), known))
        }

        // 1. Capitalized phrases headed by a keyword ("Global Baku Forum", "Tamar Gas Field") and
        //    infrastructure ("Baku-Tbilisi-Ceyhan pipeline") win over known names inside them.
        for (p, passage) in passages.enumerated() where !passage.isTitleCase {
            for phrase in phrases(in: passage.tokens) {
                let tokens = passage.tokens
                var last = phrase.upperBound - 1
                var kind: EntityKind?
                if last + 1 < tokens.count, Self.infrastructure.contains(tokens[last + 1].folded),
                   tokens[last + 1].isLowercaseWord, !tokens[phrase].contains(where: { LanguageRules.titles.contains($0.folded) }) {
                    let whole = lexicon.match(tokens, at: phrase.lowerBound) { _ in false }
                    if whole == nil || whole!.length < phrase.count || phrase.count > 1 {
                        last += 1
                        kind = .place
                    }
                } else if phrase.count >= 2, let head = headKind(tokens, phrase), head != .other || tokens[phrase.lowerBound].folded != "section" {
                    let whole = lexicon.match(tokens, at: phrase.lowerBound) { _ in false }
                    if whole == nil || whole!.length < phrase.count { kind = head }
                }
                guard let kind else { continue }
                let first = phrase.lowerBound
                emit(p, first, last, kind: kind, id: Slug.make(from: text(tokens[first].start, tokens[last].end)))
            }
        }

        // 2. Known names, longest first.
        for (p, passage) in passages.enumerated() {
            var index = 0
            let tokens = passage.tokens
            while index < tokens.count {
                if !taken[p][index], let (length, target) = lexicon.match(tokens, at: index, isTaken: { taken[p][$0] }) {
                    // "in Baku", and "the Vilnius summit": the city itself, not its government.
                    let modifiesNoun = index > 0 && tokens[index - 1].folded == "the" && index + length < tokens.count
                        && tokens[index + length].isLowercaseWord && !Self.governmentNouns.contains(tokens[index + length].folded)
                    if target.isCapital, index > 0, ["in", "at", "near", "outside"].contains(tokens[index - 1].folded) || modifiesNoun {
                        emit(p, index, index + length - 1, kind: .place, id: Slug.make(from: target.name), known: true)
                    } else {
                        emit(p, index, index + length - 1, kind: target.kind, id: target.slug, known: true)
                    }
                    index += length
                    continue
                }
                // A plural demonym names a people: "ethnic Azerbaijanis".
                let token = tokens[index]
                if !taken[p][index], token.isCapitalized, token.text.count > 1, token.folded.hasSuffix("s"),
                   let (_, target) = lexicon.match([Token(kind: .word, text: String(token.text.dropLast()), start: token.start,
                                                          end: token.end - 1, spaceBefore: token.spaceBefore)], at: 0, isTaken: { _ in false }),
                   target.isDemonym {
                    let first = index > 0 && tokens[index - 1].folded == "ethnic" && !taken[p][index - 1] ? index - 1 : index
                    emit(p, first, index, kind: .group, id: Slug.make(from: text(tokens[first].start, token.end)))
                }
                index += 1
            }
        }

        // 3. People after titles, and other capitalized phrases, classified by their head word.
        var deferred: [(p: Int, index: Int)] = []
        for (p, passage) in passages.enumerated() where !passage.isTitleCase {
            let tokens = passage.tokens
            // Known names split a phrase: "European Commission President Ursula von der Leyen".
            let runs = phrases(in: tokens).flatMap { phrase in
                phrase.split { taken[p][$0] }.compactMap { run -> Range<Int>? in
                    let words = run.filter { tokens[$0].kind != .punctuation }
                    guard let first = words.first, var last = words.last, tokens[first].isCapitalized || tokens[first].isAllCaps
                    else { return nil }
                    if run.contains(last + 1), tokens[last + 1].text == "." { last += 1 } // "Jr."
                    return first..<(last + 1)
                }
            }
            let namesInsideSentences = Set(runs.lazy.filter { !LanguageRules.startsSentence(tokens, at: $0.lowerBound) }
                .map { Lexicon.key(tokens[$0], folded: true) })
            for phrase in runs {
                var first = phrase.lowerBound
                let last = phrase.upperBound - 1
                if LanguageRules.startsSentence(tokens, at: first), first < last, LanguageRules.notNames.contains(tokens[first].folded) {
                    first += 1
                }
                // A common word opening the sentence ("Later Kennedy said") is not the name's,
                // unless the article writes the whole name inside a sentence too ("Young Kim").
                if first < last, LanguageRules.startsSentence(tokens, at: first), CommonWords.all.contains(tokens[first].folded),
                   !LanguageRules.titles.contains(tokens[first].folded),
                   !namesInsideSentences.contains(Lexicon.key(tokens[first...last], folded: true)) {
                    first += 1
                }
                var titled = false
                let head = headKind(tokens, first..<(last + 1))
                if head != .organization {
                    // "Secretary-General": a hyphen between two title words is part of the title.
                    while first <= last, LanguageRules.titles.contains(tokens[first].folded)
                            || (titled && tokens[first].text == "-" && !tokens[first].spaceBefore && first < last
                                && LanguageRules.titles.contains(tokens[first + 1].folded)) {
                        titled = true
                        first += 1
                    }
                    // Titles after other words: "Treasury Secretary Scott Bessent" is Scott Bessent,
                    // unless the tagger reads the title word as part of an organization or place.
                    if first < last, let title = (first..<last).last(where: { LanguageRules.titles.contains(tokens[$0].folded) }),
                       tokens[title + 1].isCapitalized, types[p][title] == nil || types[p][title] == Self.personType,
                       types[p][title + 1] == Self.personType || types[p][title + 1] == nil {
                        titled = true
                        first = title + 1
                        while first < last, tokens[first].kind == .punctuation { first += 1 }
                    }
                }
                if first > last { continue }
                let taggedType = majorityType(types[p][first...last])
                // Dates are another component's ("Feb. 13"): a capitalized phrase the tagger reads as a time is no name.
                // ("in Almaty" is a place whatever the tagger thinks: months are not names at all.)
                if !titled, head == nil, taggedType == Self.timeType, first == 0 || !Self.locative.contains(tokens[first - 1].folded) { continue }
                // "the Trump administration"
                if last + 1 < tokens.count, ["administration", "government"].contains(tokens[last + 1].folded),
                   tokens[last + 1].isLowercaseWord, !titled, head == nil, last - first <= 2 {
                    emit(p, first, last + 1, kind: .organization, id: Slug.make(from: text(tokens[first].start, tokens[last + 1].end)))
                    continue
                }
                // "Section 907"
                if tokens[first].isCapitalized, ["section", "article", "paragraph", "chapter", "title", "resolution"].contains(tokens[first].folded),
                   first + 1 < tokens.count, tokens[first + 1].kind == .number || (last == first + 1 && Self.isRomanNumeral(tokens[first + 1].text)) {
                    emit(p, first, first + 1, kind: .other, id: Slug.make(from: text(tokens[first].start, tokens[first + 1].end)))
                    continue
                }
                if first == last && !titled && head == nil {
                    deferred.append((p, first))
                    continue
                }
                let end = last
                let kind: EntityKind = titled ? .person : headKind(tokens, first..<(last + 1))
                    ?? (Self.isEmployer(tokens, at: first) ? .organization : nil)
                    ?? taggedType.flatMap { entityKind(ofType: $0) } ?? (last - first <= 3 ? .person : .other)
                let id = Slug.make(from: text(tokens[first].start, tokens[end].end))
                emit(p, first, end, kind: kind, id: id)
                if end + 3 < tokens.count, tokens[end + 1].text == "(", tokens[end + 2].isAllCaps, tokens[end + 3].text == ")",
                   !taken[p][end + 2] {
                    acronyms[tokens[end + 2].text] = (kind, id)
                    emit(p, end + 2, end + 2, kind: kind, id: id)
                }
            }
        }

        // 4. Acronyms defined after a known name: "Prime Minister’s Office (PMO)".
        for entry in found {
            let tokens = passages[entry.passage].tokens
            let end = entry.last
            if end + 3 < tokens.count, tokens[end + 1].text == "(", tokens[end + 2].isAllCaps, tokens[end + 3].text == ")" {
                acronyms[tokens[end + 2].text] = (EntityKind(rawValue: entry.mention.kind) ?? .other, entry.mention.id)
            }
        }

        // 5. Single capitalized words: surnames of people already found, defined acronyms, and
        //    words that recur capitalized in mid-sentence.
        var surnames: [String: String] = [:]
        for entry in found where entry.mention.kind == EntityKind.person.rawValue {
            let tokens = passages[entry.passage].tokens
            var last = entry.last
            while last > entry.first, LanguageRules.nameSuffixes.contains(tokens[last].folded) || tokens[last].text == "." { last -= 1 }
            surnames[tokens[last].folded] = entry.mention.id
        }
        var recurring: [String: Int] = [:]
        for (p, index) in deferred where !LanguageRules.startsSentence(passages[p].tokens, at: index) {
            recurring[passages[p].tokens[index].folded, default: 0] += 1
        }
        for (p, passage) in passages.enumerated() {
            let tokens = passage.tokens
            for index in tokens.indices where !taken[p][index] && tokens[index].kind == .word {
                let token = tokens[index]
                if token.isCapitalized, let id = surnames[token.folded] {
                    emit(p, index, index, kind: .person, id: id)
                } else if let acronym = acronyms[token.text] {
                    emit(p, index, index, kind: acronym.kind, id: acronym.id)
                }
            }
        }
        // Words the article also writes in lower case are common words ("Analysts said…" beside
        // "a figure analysts called"): capitalized at a sentence's start, they are no names.
        var lowercaseWords: Set<String>?
        func isWrittenLowercase(_ folded: String) -> Bool {
            if lowercaseWords == nil {
                lowercaseWords = Set(passages.lazy.filter { !$0.isTitleCase }.flatMap(\.tokens).filter(\.isLowercaseWord).map(\.folded))
            }
            return lowercaseWords!.contains(folded)
        }
        for (p, index) in deferred where !taken[p][index] {
            let tokens = passages[p].tokens
            let token = tokens[index]
            guard !LanguageRules.notNames.contains(token.folded), !LanguageRules.titles.contains(token.folded), !looksLikeAdjective(token.folded),
                  Self.heads[token.folded] == nil else { continue }
            // The tagger decides single words by their context, sentence-initial ones too ("Airbus said").
            if let type = types[p][index] {
                let opensSentence = LanguageRules.startsSentence(tokens, at: index) || tokens[..<index].allSatisfy { $0.kind == .punctuation }
                if opensSentence, isWrittenLowercase(token.folded) || CommonWords.all.contains(token.folded) { continue }
                // A plural of a known name ("Azerbaijanis") is the demonym rule's, above.
                if token.folded.hasSuffix("s"), lexicon.longestByFirstWord[String(token.folded.dropLast())] != nil { continue }
                let afterLocative = index > 0 && Self.locative.contains(tokens[index - 1].folded)
                if type == Self.timeType, afterLocative, !token.isAllCaps {
                    emit(p, index, index, kind: .place, id: Slug.make(from: token.text))
                    continue
                }
                guard type >= 0, let kind = Self.isEmployer(tokens, at: index) ? .organization : entityKind(ofType: type) else { continue }
                emit(p, index, index, kind: kind, id: Slug.make(from: token.text))
                continue
            }
            if tagger != nil, index + 2 < tokens.count, tokens[index + 1].text == ".", tokens[index + 2].kind == .number { continue }
            // "in Kirkenes", "the Kidal region": a place, even if named once.
            let afterLocative = index > 0 && Self.locative.contains(tokens[index - 1].folded)
            let beforePlaceNoun = index + 1 < tokens.count && tokens[index + 1].isLowercaseWord && Self.placeNouns.contains(tokens[index + 1].folded)
            if !token.isAllCaps && (afterLocative || beforePlaceNoun) {
                emit(p, index, index, kind: .place, id: Slug.make(from: token.text))
                continue
            }
            guard !LanguageRules.startsSentence(tokens, at: index), token.isAllCaps || recurring[token.folded, default: 0] >= 2 else { continue }
            emit(p, index, index, kind: token.isAllCaps ? .organization : .other, id: Slug.make(from: token.text))
        }
        // A word named elsewhere in the article is that name at a sentence's start too ("Okonkwo argues").
        var singles: [String: (kind: EntityKind, id: String)] = [:]
        for entry in found where entry.first == entry.last {
            let token = passages[entry.passage].tokens[entry.first]
            if token.isCapitalized, let kind = EntityKind(rawValue: entry.mention.kind) { singles[token.folded] = singles[token.folded] ?? (kind, entry.mention.id) }
        }
        for (p, passage) in passages.enumerated() where !passage.isTitleCase {
            for index in passage.tokens.indices where !taken[p][index] && passage.tokens[index].isCapitalized {
                if let single = singles[passage.tokens[index].folded] { emit(p, index, index, kind: single.kind, id: single.id) }
            }
        }

        // 6. One kind for a name throughout the article: a known name's, else its mentions' majority.
        var votes: [String: [EntityKind: Int]] = [:]
        var fixed: [String: String] = [:]
        var firstSeen: [String: String] = [:]
        for entry in found {
            let id = entry.mention.id
            if entry.known { fixed[id] = fixed[id] ?? entry.mention.kind }
            if let kind = EntityKind(rawValue: entry.mention.kind) { votes[id, default: [:]][kind, default: 0] += 1 }
            if firstSeen[id] == nil { firstSeen[id] = entry.mention.kind }
        }
        var mentions = found.map(\.mention)
        for index in mentions.indices {
            let id = mentions[index].id
            if let kind = fixed[id] {
                mentions[index].kind = kind
            } else if let counts = votes[id], counts.count > 1 {
                let first = firstSeen[id].flatMap(EntityKind.init(rawValue:))
                let best = counts.max { a, b in a.value != b.value ? a.value < b.value : (b.key == first) }!
                mentions[index].kind = best.key.rawValue
            }
        }
        return mentions.sorted { $0.start < $1.start }
    }

    static let personType = SequenceTagger.types.firstIndex(of: "per")!
    static let timeType = SequenceTagger.types.firstIndex(of: "tim")!

    /// The entity kind of a tagger type; nil for times, which are not entities.
    func entityKind(ofType type: Int) -> EntityKind? {
        switch SequenceTagger.types[type] {
        case "per": .person
        case "org": .organization
        case "geo", "gpe": .place // a country the gazetteer knows was matched before the tagger is asked
        case "eve": .event
        case "tim": nil
        default: .other
        }
    }

    /// The type most of the tokens have (ties: the first's).
    func majorityType(_ types: ArraySlice<Int?>) -> Int? {
        var counts = [Int](repeating: 0, count: SequenceTagger.types.count)
        var first: Int?
        for case let type? in types where type >= 0 {
            counts[type] += 1
            if first == nil { first = type }
        }
        guard let first else { return nil }
        var best = first
        for type in counts.indices where counts[type] > counts[best] { best = type }
        return best
    }

    /// The tagger's tags for a passage, sentence by sentence.
    func tags(_ tokens: [Token], _ tagger: SequenceTagger) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(tokens.count)
        var start = 0
        for index in tokens.indices where index == tokens.count - 1 || LanguageRules.startsSentence(tokens, at: index + 1) {
            // A sentence with no capitalized word past a function word opening it has no name to find.
            let hasCandidate = (start...index).contains { at in
                let token = tokens[at]
                return (token.isCapitalized || token.isAllCaps) && !(at == start && LanguageRules.notNames.contains(token.folded))
            }
            if hasCandidate {
                result += tagger.tag(tokens, start..<(index + 1), lexicon: lexicon)
            } else {
                result += repeatElement(0, count: index + 1 - start)
            }
            start = index + 1
        }
        return result
    }

    /// Runs of capitalized words (with name particles and "of" after an organization word)
    /// that are not already known names.
    func phrases(in tokens: [Token]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = 0
        while index < tokens.count {
            guard tokens[index].isCapitalized || tokens[index].isAllCaps else { index += 1; continue }
            // A function word opening a sentence ("The", "In") is not part of a name.
            if LanguageRules.notNames.contains(tokens[index].folded), !LanguageRules.directions.contains(tokens[index].folded),
               index + 1 < tokens.count, tokens[index + 1].isCapitalized, !LanguageRules.titles.contains(tokens[index].folded) {
                index += 1
                continue
            }
            let start = index
            var end = index + 1
            var organizational = Self.heads[tokens[index].folded] == .organization
            var connected = false
            while end < tokens.count {
                let token = tokens[end]
                let next = end + 1 < tokens.count ? tokens[end + 1] : nil
                if token.isCapitalized && token.spaceBefore {
                    organizational = organizational || Self.heads[token.folded] == .organization
                    end += 1
                } else if token.text == ".", !token.spaceBefore, Self.isInitial(tokens[end - 1]), let next, next.isCapitalized,
                          next.spaceBefore {
                    end += 1 // "Robert F. Kennedy": a middle initial's period
                } else if token.text == "-", !token.spaceBefore, let next, !next.spaceBefore, next.kind == .word,
                          next.isCapitalized || (organizational && connected) {
                    end += 2 // "Baku-Tbilisi-Ceyhan", "Co-operation"
                } else if token.kind == .word, LanguageRules.particles.contains(token.text),
                          let name = tokens[(end + 1)...].first(where: { !LanguageRules.particles.contains($0.text) }), name.isCapitalized {
                    end += 1 // "von der Leyen"
                } else if organizational, ["of", "for", "on"].contains(token.folded) || (connected && ["and", "in"].contains(token.folded)),
                          let next, next.isCapitalized || (next.folded == "the" && end + 2 < tokens.count && tokens[end + 2].isCapitalized) {
                    connected = true
                    end += next.folded == "the" ? 2 : 1 // "Center of Analysis of International Relations"
                } else if token.text == "’s" || token.text == "'s", LanguageRules.titles.contains(tokens[end - 1].folded),
                          let next, next.isCapitalized {
                    end += 1 // "Prime Minister’s Office"
                } else {
                    break
                }
            }
            // "Ferdinand Marcos Jr." keeps its period.
            if end < tokens.count, tokens[end].text == ".", !tokens[end].spaceBefore, LanguageRules.nameSuffixes.contains(tokens[end - 1].folded) {
                end += 1
            }
            result.append(start..<end)
            index = end
        }
        return result
    }

    /// The kind a phrase's head word implies: its last word, or the word before its first connector.
    func headKind(_ tokens: [Token], _ phrase: Range<Int>) -> EntityKind? {
        guard phrase.count >= 2 else { return nil } // a lone "Talks" or "Committee" is not a name
        if let kind = Self.leadingKinds[tokens[phrase.lowerBound].folded] { return kind }
        let connector = phrase.first { ["of", "for", "on"].contains(tokens[$0].folded) }
        var head = connector.map { $0 - 1 } ?? (phrase.upperBound - 1)
        // "World War II", "Arctic LNG 2": the head is the last word before a number.
        while head > phrase.lowerBound, tokens[head].kind == .number || Self.isRomanNumeral(tokens[head].text) { head -= 1 }
        guard head >= phrase.lowerBound, tokens[head].isCapitalized else { return nil }
        return Self.heads[tokens[head].folded]
    }

    /// Whether the name at `index` follows a person's role and "at", "with" or "for" ("an analyst
    /// at Jefferies", "a spokesman for Lockheed Martin"): it names where they work, an organization.
    static func isEmployer(_ tokens: [Token], at index: Int) -> Bool {
        guard index >= 2, ["at", "with", "for"].contains(tokens[index - 1].folded), tokens[index - 2].isLowercaseWord else { return false }
        let role = tokens[index - 2].folded
        return LanguageRules.roles.contains(role) || (tokens[index - 1].folded != "for" && LanguageRules.titles.contains(role))
    }

    /// A single capital letter, as a middle initial is ("F" of "Robert F. Kennedy").
    static func isInitial(_ token: Token) -> Bool {
        token.kind == .word && token.end - token.start == 1 && token.isCapitalized
    }

    static func isRomanNumeral(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 5 && text.allSatisfy { "IVXL".contains($0) }
    }

    func looksLikeAdjective(_ word: String) -> Bool {
        ["an", "ian", "ese", "ish", "ic", "ist", "ite"].contains { word.hasSuffix($0) } && word.count > 5
    }
}
