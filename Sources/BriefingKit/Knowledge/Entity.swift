/// A person, country, organization… as the editor described it in `Content/entities/<slug>.md`.
public struct Entity: Sendable, Hashable {
    public var slug: String
    public var name: String
    public var kind: EntityKind
    public var aliases: [String]
    public var role: String?
    public var related: [String]
    /// When it happened (events): puts the entity itself on the timeline.
    public var date: EDTFDate?
    public var path: String
    /// Where each front matter field is written (`name`, `aliases`), for diagnostics.
    public var fieldLocations: [String: SourceLocation]
    /// A picture: its path in the output (`assets/x.jpg`), checked to be one of the site's assets.
    public var image: String?
    /// Its web site (http or https, checked).
    public var url: String?
    /// Its Wikidata item (`Q62578`, checked).
    public var wikidata: String?
    public var coordinates: Coordinates?
    /// Free values for templates.
    public var params: [String: Param]

    public init(slug: String, name: String, kind: EntityKind, aliases: [String] = [], role: String? = nil,
                related: [String] = [], date: EDTFDate? = nil, path: String, fieldLocations: [String: SourceLocation] = [:],
                image: String? = nil, url: String? = nil, wikidata: String? = nil, coordinates: Coordinates? = nil,
                params: [String: Param] = [:]) {
        self.image = image
        self.url = url
        self.wikidata = wikidata
        self.coordinates = coordinates
        self.params = params
        self.fieldLocations = fieldLocations
        self.slug = slug
        self.name = name
        self.kind = kind
        self.aliases = aliases
        self.role = role
        self.related = related
        self.date = date
        self.path = path
    }
}

/// Which content file a mention, event or quote comes from.
public struct DocumentID: Hashable, Comparable, Sendable {
    /// The content folder the file lives in.
    public enum Kind: String, Sendable, Comparable {
        case briefing, entity, page

        public static func < (a: Kind, b: Kind) -> Bool { a.order < b.order }
        var order: Int { self == .briefing ? 0 : self == .entity ? 1 : 2 }
        /// The output folder of this kind of document.
        public var folder: String { self == .briefing ? "briefings" : self == .entity ? "entities" : "pages" }
    }

    public var kind: Kind
    public var slug: String

    public init(_ kind: Kind, _ slug: String) {
        self.kind = kind
        self.slug = slug
    }

    /// Path of the document's page inside the output, e.g. `briefings/x/index.html`.
    public var outputPath: String { "\(kind.folder)/\(slug)/index.html" }

    public static func < (a: DocumentID, b: DocumentID) -> Bool { (a.kind, a.slug) < (b.kind, b.slug) }
}
