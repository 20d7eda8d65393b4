/// Decides which entity each recognized name refers to, across the article and the site:
/// "Mr Blair" and "Blair" are the "Tony Blair" named elsewhere in the article; "Donald" beside a
/// known "Trump" is one name, never two entities; an acronym is the site's entity whose initials
/// it spells ("IRGC"), and a long form is the site's acronym entity; a capital opening a dateline
/// ("TBILISI —") is the city, not its government.
struct MentionResolver {
    /// The site's entities: an editor's entity always wins.
    var entities: [Entity]
    var gazetteer: Gazetteer

    /// Words that never count as a name's initials ("Organization *of* the Petroleum…").
    static let minorWords: Set<String> = ["of", "the", "and", "for", "on", "in", "de", "&"]

    func resolve(_ mentions: [EntityMention], scalars: [Unicode.Scalar]) -> [EntityMention] {
        var mentions = joiningAdjacentNames(mentions, scalars: scalars)
        let known = Set(entities.map(\.slug)).union(gazetteer.entries.map(\.slug))
        let siteBySlug = Dictionary(entities.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        let capitals = Set(gazetteer.entries.compactMap { $0.capital?.lowercased() })

        // The full names of people in this article, by their last word, in the article's order.
        var fullNames: [String: [(start: Int, id: String)]] = [:]
        for mention in mentions where mention.kind == EntityKind.person.rawValue {
            let words = mention.text.split(separator: " ").filter { !Self.isNameSuffix($0) }
            if words.count >= 2, let last = words.last { fullNames[last.lowercased(), default: []].append((mention.start, mention.id)) }
        }
        // The site's people by last word, for a surname the article never spells out.
        var sitePeople: [String: Set<String>] = [:]
        for entity in entities where entity.kind == .person {
            let words = entity.name.split(separator: " ")
            if words.count >= 2, let last = words.last { sitePeople[last.lowercased(), default: []].insert(entity.slug) }
        }
        let acronyms = acronymIndex()
        let surnameKinds: Set<String> = [EntityKind.person.rawValue, EntityKind.other.rawValue, EntityKind.organization.rawValue]

        for index in mentions.indices {
            let mention = mentions[index]
            let words = mention.text.split(separator: " ")
            // A surname alone, unknown or known only as a one-word entity: the full name it shortens.
            if words.count == 1, surnameKinds.contains(mention.kind),
               !known.contains(mention.id) || siteBySlug[mention.id].map({ $0.kind == .person && !$0.name.contains(" ") }) == true {
                let surname = mention.text.lowercased()
                // Two people with one surname ("Ed and David Miliband"): the one named last before it.
                if let named = fullNames[surname],
                   let person = (named.last { $0.start < mention.start } ?? named.first)?.id, person != mention.id {
                    mentions[index].id = person
                    mentions[index].kind = EntityKind.person.rawValue
                    continue
                }
                if !known.contains(mention.id), mention.kind == EntityKind.person.rawValue,
                   let people = sitePeople[surname], people.count == 1, let person = people.first {
                    mentions[index].id = person
                    mentions[index].kind = EntityKind.person.rawValue
                    continue
                }
            }
            // An acronym and its long form are one entity; the site's wins over the gazetteer's.
            let isAcronym = words.count == 1
            if !acronyms.longForms.isEmpty || !acronyms.acronyms.isEmpty, siteBySlug[mention.id] == nil, let target = (isAcronym ? acronyms.longForms : acronyms.acronyms)[Self.acronymKey(of: mention.text)] {
                mentions[index].id = target.slug
                mentions[index].kind = target.kind.rawValue
                continue
            }
            // "TBILISI —", "BAKU, March 31 (Reuters) -": where the story was filed.
            if capitals.contains(mention.text.lowercased()), isDateline(mention, scalars: scalars) {
                mentions[index].id = Slug.make(from: mention.text)
                mentions[index].kind = EntityKind.place.rawValue
            }
        }
        return mentions
    }

    /// A one-word capitalized name right before a person's name is part of it ("Donald" + "Trump").
    func joiningAdjacentNames(_ mentions: [EntityMention], scalars: [Unicode.Scalar]) -> [EntityMention] {
        var result: [EntityMention] = []
        let siteBySlug = Dictionary(entities.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        for mention in mentions {
            if let previous = result.last, mention.kind == EntityKind.person.rawValue, mention.start == previous.end + 1,
               scalars[previous.end] == " ", !previous.text.contains(" "), previous.text.first?.isUppercase == true,
               previous.text.contains(where: \.isLowercase),
               [EntityKind.person, .other].map(\.rawValue).contains(previous.kind),
               siteBySlug[previous.id].map({ $0.kind == .person }) ?? true {
                var text = ""
                text.unicodeScalars.append(contentsOf: scalars[previous.start..<mention.end])
                // The site's entity named by the surname alone is this person; a fuller name is a new one.
                let surnameOnly = siteBySlug[mention.id].map { !$0.name.contains(" ") } ?? false
                let id = surnameOnly ? mention.id : Slug.make(from: text)
                result[result.count - 1] = EntityMention(text: text, start: previous.start, end: mention.end,
                                                         kind: EntityKind.person.rawValue, id: id)
                continue
            }
            result.append(mention)
        }
        return result
    }

    /// "Jr.", "Sr", "III": a word after a name that is not its surname.
    static func isNameSuffix(_ word: Substring) -> Bool {
        guard word.utf8.count <= 5 else { return false }
        return LanguageRules.nameSuffixes.contains(word.lowercased().trimmingCharacters(in: .punctuationCharacters))
    }

    /// The site's entities by the initials of their long names ("Islamic Revolutionary Guard Corps"
    /// → "irgc") and by their names that are acronyms ("OPCW" → "opcw"): an acronym finds a long
    /// form, a long form an acronym; two long forms never match ("South Africa", "Saudi Arabia").
    func acronymIndex() -> (longForms: [String: Entity], acronyms: [String: Entity]) {
        var longForms: [String: Entity] = [:]
        var acronyms: [String: Entity] = [:]
        var ambiguous: Set<String> = []
        for entity in entities where entity.kind != .person {
            for name in [entity.name] + entity.aliases {
                let key = Self.acronymKey(of: name)
                guard key.count >= 2 else { continue }
                let isAcronym = !name.contains(" ")
                if let other = (isAcronym ? acronyms : longForms)[key], other.slug != entity.slug { ambiguous.insert(key) }
                if isAcronym { acronyms[key] = entity } else { longForms[key] = entity }
            }
        }
        for key in ambiguous {
            longForms[key] = nil
            acronyms[key] = nil
        }
        return (longForms, acronyms)
    }

    /// An acronym's letters ("IRGC" → "irgc"), or a long name's initials ("Islamic Revolutionary
    /// Guard Corps" → "irgc"); empty for a one-word name that is not all capitals.
    static func acronymKey(of name: String) -> String {
        let words = name.split { $0 == " " || $0 == "-" }
        if words.count == 1 {
            let letters = name.filter(\.isLetter)
            return letters.count >= 2 && letters.allSatisfy(\.isUppercase) ? letters.lowercased() : ""
        }
        let initials = words.filter { !minorWords.contains($0.lowercased()) }.compactMap(\.first)
        guard initials.count >= 2, initials.allSatisfy(\.isUppercase) else { return "" }
        return String(initials).lowercased()
    }

    /// Whether a mention opens its line and is followed by a dateline's dash or comma and date.
    func isDateline(_ mention: EntityMention, scalars: [Unicode.Scalar]) -> Bool {
        guard mention.start == 0 || scalars[mention.start - 1] == "\n" else { return false }
        var cursor = mention.end
        var rest = ""
        while cursor < scalars.count, rest.unicodeScalars.count < 24, scalars[cursor] != "\n" {
            rest.unicodeScalars.append(scalars[cursor])
            cursor += 1
        }
        if rest.hasPrefix(" —") || rest.hasPrefix(" –") || rest.hasPrefix(" - ") || rest.hasPrefix(" (") { return true }
        // "BAKU, March 31 (Reuters)": a comma, then a month or a day.
        let after = rest.drop { $0 == "," || $0 == " " }
        return rest.hasPrefix(",") && mention.text.allSatisfy { !$0.isLowercase }
            && (after.first?.isNumber == true || EDTFDate.monthNames.contains { after.lowercased().hasPrefix($0.prefix(3).lowercased()) })
    }
}
