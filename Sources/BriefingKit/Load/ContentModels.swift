/// `Content/site.yml`: the site's title and defaults.
public struct SiteConfig: FrontMatterFields, Equatable {
    public var title: String
    public var description: String?
    public var language: String?
    public var author: String?
    public var baseURL: String?

    enum CodingKeys: String, CodingKey {
        case title, description, language, author
        case baseURL = "base_url"
    }

    public init(title: String, description: String? = nil, language: String? = nil,
                author: String? = nil, baseURL: String? = nil) {
        self.title = title
        self.description = description
        self.language = language
        self.author = author
        self.baseURL = baseURL
    }

    public static let allowedKeys: Set<String> = ["title", "description", "language", "author", "base_url"]
    public static let requiredKeys = ["title"]
    public static let documentName = "site.yml"
}

/// The front matter of `Content/briefings/<slug>.md`.
public struct BriefingFrontMatter: FrontMatterFields, Equatable {
    public var title: String
    public var author: String?
    public var date: String
    public var publisher: String?
    public var summary: String?
    public var tags: [String]?
    public var draft: Bool?

    public static let allowedKeys: Set<String> = ["title", "author", "date", "publisher", "summary", "tags", "draft"]
    public static let requiredKeys = ["title", "date"]
    public static let documentName = "briefing front matter"
}

/// What an entity is; decides its page section, its schema.org type and its link colour.
public enum EntityKind: String, Codable, CaseIterable, Sendable, Comparable {
    case person, country, organization, place, agreement, event, group, other

    public static func < (a: EntityKind, b: EntityKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// Plural heading: "People", "Countries"…
    public var pluralLabel: String {
        switch self {
        case .person: "People"
        case .country: "Countries"
        case .organization: "Organizations"
        case .place: "Places"
        case .agreement: "Agreements"
        case .event: "Events"
        case .group: "Groups"
        case .other: "Other"
        }
    }

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// The front matter of `Content/entities/<slug>.md`.
public struct EntityFrontMatter: FrontMatterFields, Equatable {
    public var name: String
    public var kind: EntityKind
    public var aliases: [String]?
    public var role: String?
    public var related: [String]?
    public var date: String?

    public static let allowedKeys: Set<String> = ["name", "kind", "aliases", "role", "related", "date"]
    public static let requiredKeys = ["name", "kind"]
    public static let documentName = "entity front matter"
}

/// The front matter of `Content/pages/<slug>.md`.
public struct PageFrontMatter: FrontMatterFields, Equatable {
    public var title: String
    public var summary: String?

    public static let allowedKeys: Set<String> = ["title", "summary"]
    public static let requiredKeys = ["title"]
    public static let documentName = "page front matter"
}

/// One content file after loading: where it is, its slug, its decoded front matter and its body.
public struct SourceDocument<Fields: FrontMatterFields>: Sendable {
    /// Path as shown in diagnostics, relative to the site folder (`Content/briefings/x.md`).
    public var path: String
    public var slug: String
    public var fields: Fields
    public var body: String
    /// File line on which `body` starts.
    public var bodyLine: Int
    /// Where each front matter value is, for diagnostics about values.
    public var fieldLocations: [String: SourceLocation]

    public init(path: String, slug: String, fields: Fields, body: String, bodyLine: Int,
                fieldLocations: [String: SourceLocation] = [:]) {
        self.fieldLocations = fieldLocations
        self.path = path
        self.slug = slug
        self.fields = fields
        self.body = body
        self.bodyLine = bodyLine
    }
}

/// Everything read from a site folder, before any Markdown is parsed.
public struct LoadedSite: Sendable {
    public var config: SiteConfig
    public var briefings: [SourceDocument<BriefingFrontMatter>]
    public var entities: [SourceDocument<EntityFrontMatter>]
    public var pages: [SourceDocument<PageFrontMatter>]
    /// Asset files, relative to `Content/assets/`, sorted.
    public var assets: [String]

    public init(config: SiteConfig, briefings: [SourceDocument<BriefingFrontMatter>] = [],
                entities: [SourceDocument<EntityFrontMatter>] = [], pages: [SourceDocument<PageFrontMatter>] = [],
                assets: [String] = []) {
        self.config = config
        self.briefings = briefings
        self.entities = entities
        self.pages = pages
        self.assets = assets
    }
}
