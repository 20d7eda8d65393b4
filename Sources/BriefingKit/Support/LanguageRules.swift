/// The words of English Briefing's rules know, kept in one place, `Data/language.txt`:
/// titles and honorifics, name suffixes and particles, abbreviations, capitalized words that are
/// not names, occupations and speech verbs. The importer (names, quotes) and the build (sentences,
/// speakers) both read them here, so a word added once counts everywhere.
enum LanguageRules {
    /// Titles and honorifics before a person's name ("Foreign Minister", "Gen", "Dr").
    static let titles = list("titles")
    /// Words after a name that belong to it ("Ferdinand Marcos Jr.").
    static let nameSuffixes = list("name suffixes")
    /// Words written short with a period that ends no sentence ("Mr.", "Gen.", "Inc.", "e.g.").
    static let abbreviations = list("abbreviations")
    /// Lowercase words inside names ("von der Leyen", "bin Salman").
    static let particles = list("particles")
    /// Capitalized words that are not names: function words at the start of sentences, months
    /// and weekdays, religions and ideologies.
    static let notNames = list("not names")
    /// Alone they are not names; they do start names ("Southern Gas Corridor").
    static let directions = list("directions")
    /// Occupations, as in "an analyst at …": what follows is an employer.
    static let roles = list("roles")
    /// Verbs that attribute a quotation ("said", "according to").
    static let speechVerbs = list("speech verbs")

    /// The sections of `Data/language.txt`: "[name]", then one word per line.
    static let sections: [String: Set<String>] = {
        var sections: [String: Set<String>] = [:]
        var current: String?
        for line in embeddedText.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            if text.hasPrefix("["), text.hasSuffix("]") {
                current = String(text.dropFirst().dropLast())
                continue
            }
            if let current { sections[current, default: []].insert(text.lowercased()) }
        }
        return sections
    }()

    private static func list(_ name: String) -> Set<String> {
        guard let words = sections[name] else { preconditionFailure("Data/language.txt has no [\(name)] section") }
        return words
    }
}

import Foundation
