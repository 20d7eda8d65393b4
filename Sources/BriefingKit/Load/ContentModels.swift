import Foundation

/// `Content/site.yml`: the site's title and defaults.
public struct SiteConfig: FrontMatterFields, Equatable {
    public var title: String
    public var description: String?
    public var language: String?
    public var author: String?
    public var baseURL: String?
    /// Names in the output folder that are the user's, kept across builds besides `CNAME`, `.git`
    /// and `.nojekyll` (`keep_in_output: [README.md, .well-known]`).
    public var keepInOutput: [String]?

    enum CodingKeys: String, CodingKey {
        case title, description, language, author
        case baseURL = "base_url"
        case keepInOutput = "keep_in_output"
    }

    public init(title: String, description: String? = nil, language: String? = nil,
                author: String? = nil, baseURL: String? = nil, keepInOutput: [String]? = nil) {
        self.title = title
        self.description = description
        self.language = language
        self.author = author
        self.baseURL = baseURL
        self.keepInOutput = keepInOutput
    }

    /// Why `url` cannot be the site's public address, if it cannot: it must be an absolute
    /// http(s) address with a host, and no query, fragment or password (each page's address is
    /// appended to it).
    public static func baseURLProblem(_ url: String) -> String? {
        guard let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased(), ["http", "https"].contains(scheme),
              let host = parts.host, !host.isEmpty else {
            return "base URL '\(url)' must be an address that starts with https:// or http:// and names a host, e.g. https://example.org/briefings/"
        }
        if parts.query != nil || parts.fragment != nil {
            return "base URL '\(url)' must not have a query (?…) or fragment (#…): page addresses are added to its end; write it as \(scheme)://\(host)\(parts.port.map { ":\($0)" } ?? "")\(parts.path.isEmpty ? "/" : parts.path)"
        }
        if parts.user != nil || parts.password != nil {
            return "base URL '\(url)' must not hold a user name or password: it is published in every page"
        }
        return nil
    }

    public static let allowedKeys: Set<String> = ["title", "description", "language", "author", "base_url", "keep_in_output"]
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
    /// Where each value of `site.yml` is (list items as `key[index]`), for checks made after loading.
    public var configLocations: [String: SourceLocation] = [:]

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
