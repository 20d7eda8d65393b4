/// The words of English the importer's rules know, kept in one place: titles and honorifics,
/// name suffixes and particles, capitalized words that are not names, speech verbs, and where
/// sentences start and end. The entity recognizer, the quote finder, the mention resolver and
/// the tagger's features all read them here, so a word added once counts everywhere.
enum LanguageRules {
    /// Titles and honorifics before a person's name ("Foreign Minister", "Gen", "Dr").
    static let titles: Set<String> = [
        "president", "vice", "prime", "minister", "foreign", "defense", "defence", "interior", "finance", "secretary",
        "state", "general", "gen", "deputy", "commander", "chief", "ambassador", "envoy", "special", "representative",
        "senator", "sen", "rep", "congressman", "congresswoman", "governor", "mayor", "king", "queen", "prince",
        "princess", "sheikh", "emir", "sultan", "chancellor", "premier", "speaker", "chairman", "chairwoman", "chair",
        "director", "head", "spokesman", "spokeswoman", "spokesperson", "mr", "mrs", "ms", "dr", "prof", "professor",
        "sir", "dame", "lord", "lady", "pope", "ayatollah", "supreme", "leader", "colonel", "col", "major", "maj",
        "captain", "capt", "lieutenant", "lt", "admiral", "adm", "marshal", "brigadier", "sergeant", "judge",
        "justice", "attorney", "member", "mp", "crown", "rabbi", "imam", "bishop", "cardinal", "ceo", "executive",
        "economy", "energy", "trade", "health", "education", "justice", "transport", "agriculture", "culture",
        "presidential", "adviser", "advisor", "national", "security", "former", "acting", "first", "lady",
        "commodore", "undersecretary", "commissioner", "secretary-general", "inspector", "superintendent", "envoy",
        "coordinator", "minister-president", "vice-president", "chairperson", "governor-general",
    ]
    /// Words after a name that belong to it ("Ferdinand Marcos Jr.").
    static let nameSuffixes: Set<String> = ["jr", "sr", "ii", "iii", "iv"]
    /// Titles written short with a period ("Mr.", "Gen."): their period ends no sentence.
    static let abbreviatedTitles: Set<String> = ["mr", "mrs", "ms", "dr", "prof", "gen", "sen", "rep", "col", "maj",
                                                 "capt", "lt", "adm", "st", "jr", "sr", "gov"]
    /// Lowercase words inside names ("von der Leyen", "bin Salman").
    static let particles: Set<String> = ["von", "van", "der", "den", "de", "del", "della", "da", "di", "du", "la", "le",
                                         "bin", "ibn", "al", "el", "ben", "dos", "das", "ter", "los", "las", "y", "zu"]
    /// Capitalized words that are not names: function words at the start of sentences,
    /// months and weekdays, religions and ideologies.
    static let notNames: Set<String> = [
        "the", "a", "an", "this", "that", "these", "those", "in", "on", "at", "for", "from", "with", "by", "as", "but",
        "and", "or", "if", "when", "while", "after", "before", "during", "since", "although", "though", "despite",
        "however", "meanwhile", "likewise", "conversely", "it", "its", "he", "she", "they", "we", "i", "you", "our",
        "their", "his", "her", "there", "here", "what", "which", "who", "whose", "how", "why", "where", "yet", "so",
        "such", "some", "many", "most", "all", "both", "each", "every", "other", "another", "no", "not", "one", "two",
        "three", "also", "even", "still", "then", "thus", "therefore", "moreover", "furthermore", "instead", "indeed",
        "today", "yesterday", "tomorrow", "according", "following", "under", "over", "between", "among", "about",
        "against", "through", "without", "within", "into", "onto", "upon", "beyond", "because", "unless", "until",
        "once", "only", "just", "more", "less", "much", "several", "few", "any", "neither", "either", "nor", "whether",
        "my", "your", "us", "them", "him", "me", "let", "do", "does", "did", "is", "are", "was", "were", "be", "been",
        "has", "have", "had", "will", "would", "can", "could", "should", "may", "might", "must", "shall", "yes",
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
        "december", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen",
        "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy",
        "eighty", "ninety", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "dozens", "jan", "feb", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "muslim", "muslims", "christian", "christians", "jewish", "jew", "jews", "shiite", "shiites", "shia", "sunni",
        "sunnis", "islamic", "islam", "catholic", "orthodox", "protestant", "hindu", "buddhist", "zionist",
        "communist", "socialist", "secular", "east", "north", "south", "west", "northern", "southern", "eastern",
        "western",
    ]
    /// Alone they are not names; they do start names ("Southern Gas Corridor").
    static let directions: Set<String> = ["east", "north", "south", "west", "northern", "southern", "eastern", "western"]
    /// Occupations, as in "an analyst at …", "a spokeswoman for …": what follows is an employer.
    static let roles: Set<String> = [
        "analyst", "analysts", "economist", "economists", "strategist", "strategists", "researcher", "researchers",
        "fellow", "professor", "lecturer", "scientist", "scientists", "engineer", "engineers", "lawyer", "lawyers",
        "attorney", "partner", "executive", "executives", "official", "officials", "spokesman", "spokeswoman",
        "spokesperson", "employee", "employees", "worker", "workers", "founder", "co-founder", "editor", "reporter",
        "correspondent", "journalist", "columnist", "director", "manager", "managers", "consultant", "adviser", "advisor",
        "trader", "traders", "banker", "bankers", "expert", "experts", "specialist", "head", "chief", "chairman",
        "chairwoman", "president", "investor", "investors", "student", "students", "staff", "pilot", "pilots",
    ]

    /// Verbs that attribute a quotation ("said", "according to").
    static let speechVerbs: Set<String> = [
        "said", "says", "noted", "notes", "stated", "states", "stating", "added", "adds", "described", "describes",
        "called", "calls", "told", "tells", "wrote", "writes", "declared", "emphasized", "emphasised", "stressed",
        "warned", "remarked", "acknowledged", "saying", "noting", "reiterated", "announced", "underscored", "insisted",
        "argued", "explained", "claimed", "asserted", "according",
    ]

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
        if mark == ".", previous > 0, abbreviatedTitles.contains(tokens[previous - 1].folded) { return false }
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
        if tokens[index].text == ".", index > 0, abbreviatedTitles.contains(tokens[index - 1].folded) { return false }
        var next = index + 1
        while next < tokens.count, ["”", "\"", "’", ")"].contains(tokens[next].text) { next += 1 }
        return next >= tokens.count || tokens[next].spaceBefore
    }
}
