/// One place where a document names an entity, with the sentence around it.
public struct Mention: Sendable, Hashable {
    public var entity: String
    public var document: DocumentID
    public var anchor: String
    public var sentence: String
    /// UTF-8 byte range of the mention's label within `sentence`.
    public var range: Range<Int>
    public var location: SourceLocation
}

/// A dated sentence (or a dated entity) on the timeline.
public struct TimelineEvent: Sendable, Hashable {
    /// Anchor on the timeline page, e.g. `ev-azerbaijan-seeks-3`.
    public var id: String
    public var date: EDTFDate
    public var text: String
    /// Where the sentence is (document and paragraph anchor).
    public var document: DocumentID
    public var anchor: String?
    /// Entities named in the same sentence, in order of first mention.
    public var entities: [String]
    /// Document order: ties between equal dates keep the order readers see them in.
    var order: [Int]
}

/// A quotation attributed to an entity.
public struct Quote: Sendable, Hashable {
    public var speaker: String
    public var text: String
    public var document: DocumentID
    public var anchor: String
}

/// A content document as the knowledge stage sees it.
public struct ContentDocument: Sendable {
    public var id: DocumentID
    public var title: String
    public var parsed: ParsedDocument

    public init(id: DocumentID, title: String, parsed: ParsedDocument) {
        self.id = id
        self.title = title
        self.parsed = parsed
    }
}

/// Everything derived from the content: mentions, timeline, quotes, relations, backlinks,
/// and how every reference resolved. Computed once per build; rendering only reads it.
public struct KnowledgeGraph: Sendable {
    public var entities: [String: Entity]
    /// Entities sorted by name, for listings.
    public var sortedEntities: [Entity]
    public var mentions: [String: [Mention]]
    /// Chronological.
    public var events: [TimelineEvent]
    /// Indexes into `events` of the events naming each entity, and of each document's events.
    public var eventsByEntity: [String: [Int]] = [:]
    public var eventsByDocument: [DocumentID: [Int]] = [:]
    public var quotes: [String: [Quote]]
    /// Co-occurring entities with counts (plus those listed under `related:`), most frequent first.
    public var related: [String: [(slug: String, count: Int)]]
    /// Documents that link an entity, other than through briefing mentions.
    public var backlinks: [String: [DocumentID]]
    /// Per document, per reference index: what it resolved to.
    public var resolutions: [DocumentID: [EntityResolver.Resolution]]
    /// Per document, per date reference index: the id of its timeline event.
    public var eventIDs: [DocumentID: [Int: String]]

    public func mentionCount(of slug: String) -> Int { mentions[slug]?.count ?? 0 }

    /// The site's entities a document names, each once, in reading order.
    func entities(namedIn document: DocumentID) -> [String] {
        var seen: Set<String> = []
        var slugs: [String] = []
        for case .entity(let slug) in resolutions[document] ?? [] where entities[slug] != nil && seen.insert(slug).inserted {
            slugs.append(slug)
        }
        return slugs
    }

    /// Fills `eventsByDocument` and `eventsByEntity` from `events`.
    mutating func indexEvents() {
        var byDocument: [DocumentID: [Int]] = [:]
        var byEntity: [String: [Int]] = [:]
        byEntity.reserveCapacity(eventsByEntity.count)
        byDocument.reserveCapacity(eventsByDocument.count)
        // Fields read in place: copying each event (strings, arrays, a date) was most of the work
        // when an edit in `serve` indexes ten thousand events again.
        for index in events.indices {
            byDocument[events[index].document, default: []].append(index)
            let entities = events[index].entities
            for (position, slug) in entities.enumerated() where !entities[..<position].contains(slug) {
                byEntity[slug, default: []].append(index)
            }
        }
        eventsByDocument = byDocument
        eventsByEntity = byEntity
    }
}
