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
    /// Which mentions of an entity are links (default: the first in each section).
    public var mentions: MentionLinks?
    /// Free values for templates (`{{site.params.…}}`).
    public var params: [String: Param]?

    enum CodingKeys: String, CodingKey {
        case title, description, language, author, mentions, params
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

    public static let allowedKeys: Set<String> = ["title", "description", "language", "author", "base_url", "keep_in_output",
                                                  "mentions", "params"]
    public static let requiredKeys = ["title"]
    public static let standIns = ["title": "Untitled"]
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
    /// Free values for templates (`{{briefing.params.…}}`, `{{params.…}}`).
    public var params: [String: Param]?

    public static let allowedKeys: Set<String> = ["title", "author", "date", "publisher", "summary", "tags", "draft", "params"]
    public static let requiredKeys = ["title", "date"]
    public static let standIns = ["title": "Untitled", "date": "2000-01-01"]
    public static let documentName = "briefing front matter"
}

/// What an entity is; decides its page section, its schema.org type and its link colour.
public enum EntityKind: String, Choice, Encodable, CaseIterable, Sendable, Comparable {
    case person, country, organization, place, agreement, event, group, other

    public static let key = "kind"

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
    /// A picture of it: a file under `Content/assets/` (`assets/aliyev.jpg`) or an http(s) address.
    public var image: String?
    /// Its own web site (http or https only).
    public var url: String?
    /// Its Wikidata item, `Q` and digits (`Q62578`).
    public var wikidata: String?
    /// Where it is (places, countries, events).
    public var coordinates: Coordinates?
    /// Free values for templates (`{{entity.params.…}}`, `{{params.…}}`).
    public var params: [String: Param]?

    public static let allowedKeys: Set<String> = ["name", "kind", "aliases", "role", "related", "date",
                                                  "image", "url", "wikidata", "coordinates", "params"]
    public static let requiredKeys = ["name", "kind"]
    public static let standIns = ["name": "Unnamed", "kind": "other"]
    public static let documentName = "entity front matter"
}

/// The front matter of `Content/pages/<slug>.md`.
public struct PageFrontMatter: FrontMatterFields, Equatable {
    public var title: String
    public var summary: String?
    /// Where the page stands in the site navigation and what the link says.
    public var nav: NavPlacement?
    /// Free values for templates (`{{page.params.…}}`, `{{params.…}}`).
    public var params: [String: Param]?

    public static let allowedKeys: Set<String> = ["title", "summary", "nav", "params"]
    public static let requiredKeys = ["title"]
    public static let standIns = ["title": "Untitled"]
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

/// `mentions:` in site.yml: how many mentions of an entity in a document are links.
public enum MentionLinks: String, Choice, Equatable {
    /// Only the first mention of each entity in each section (the text under one heading).
    case firstInSection = "first-in-section"
    /// Every mention.
    case every

    public static let key = "mentions"
}

/// `nav: {order, label}` of a page: its place among the navigation links after the built-in
/// ones (lower first; pages without an order follow, by title) and the link's text.
public struct NavPlacement: Decodable, Sendable, Equatable {
    public var order: Int?
    public var label: String?
    /// `nav: false` (or `nav: {hidden: true}`) leaves the page out of the navigation.
    public var hidden: Bool?

    enum CodingKeys: String, CodingKey { case order, label, hidden }

    public init(order: Int? = nil, label: String? = nil, hidden: Bool? = nil) {
        self.order = order
        self.label = label
        self.hidden = hidden
    }

    public init(from decoder: Decoder) throws {
        if let shown = try? decoder.singleValueContainer().decode(Bool.self) {
            self.init(hidden: !shown)
            return
        }
        let container = try decoder.container(keyedBy: Param.AnyKey.self)
        try Self.refuseUnknownKeys(container, allowed: ["order", "label", "hidden"], in: "nav", decoder: decoder)
        self.init(order: try container.decodeIfPresent(Int.self, forKey: .init(stringValue: "order")),
                  label: try container.decodeIfPresent(String.self, forKey: .init(stringValue: "label")),
                  hidden: try container.decodeIfPresent(Bool.self, forKey: .init(stringValue: "hidden")))
    }

    /// An unknown key inside a nested mapping is an error like one at the top level.
    static func refuseUnknownKeys(_ container: KeyedDecodingContainer<Param.AnyKey>, allowed: [String], in name: String,
                                  decoder: Decoder) throws {
        for key in container.allKeys where !allowed.contains(key.stringValue) {
            let hint = Suggestion.closest(to: key.stringValue, in: allowed).map { "did you mean '\($0)'? " } ?? ""
            throw DecodingError.dataCorrupted(.init(
                codingPath: decoder.codingPath + [key],
                debugDescription: "unknown key '\(key.stringValue)' in \(name); \(hint)allowed keys: \(allowed.joined(separator: ", "))",
                underlyingError: FieldMessage()))
        }
    }
}

/// `coordinates:` of an entity: `{lat: 40.41, lon: 49.87}` or `[40.41, 49.87]`, in degrees.
public struct Coordinates: Decodable, Sendable, Hashable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }

    public init(from decoder: Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            let count = list.count ?? 0
            guard count == 2 else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                    debugDescription: "coordinates must be two numbers, [latitude, longitude], e.g. [40.41, 49.87]; found \(count)",
                    underlyingError: FieldMessage()))
            }
            latitude = try list.decode(Double.self)
            longitude = try list.decode(Double.self)
        } else {
            let container = try decoder.container(keyedBy: Param.AnyKey.self)
            try NavPlacement.refuseUnknownKeys(container, allowed: ["lat", "lon"], in: "coordinates", decoder: decoder)
            latitude = try container.decode(Double.self, forKey: .init(stringValue: "lat"))
            longitude = try container.decode(Double.self, forKey: .init(stringValue: "lon"))
        }
    }
}
