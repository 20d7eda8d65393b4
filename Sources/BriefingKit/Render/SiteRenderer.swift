import Foundation
import Mustache

/// Turns the loaded site and its knowledge graph into pages through the theme's templates.
public struct SiteRenderer: Sendable {
    public var site: LoadedSite
    public var graph: KnowledgeGraph
    public var documents: [ContentDocument]
    public var library: MustacheLibrary

    /// The site's public address (ends in "/"), when known: canonical links, feeds, sitemap.
    public var baseURL: String?

    public init(site: LoadedSite, graph: KnowledgeGraph, documents: [ContentDocument], library: MustacheLibrary,
                baseURL: String? = nil) {
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.site = site
        self.graph = graph
        self.documents = documents
        self.library = library
        self.documentsByID = Dictionary(documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.briefingsBySlug = Dictionary(site.briefings.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
    }

    private let documentsByID: [DocumentID: ContentDocument]
    /// What the pictures of several pages share (Render/Pictures).
    let pictureCache = PictureCache()
    private let briefingsBySlug: [String: SourceDocument<BriefingFrontMatter>]

    /// What the link preview of an entity shows (nil: no such entity). Made when first asked
    /// for: an edit in `serve` renders a few pages, which show a few entities.
    func preview(of slug: String) -> EntityPreview? {
        previews.value(slug) {
            guard let entity = graph.entities[slug] else { return nil }
            let summary = documentsByID[DocumentID(.entity, slug)]?.parsed.blocks.first.map { block in
                block.sentences.prefix(2).map(block.slice).joined(separator: " ")
            } ?? ""
            return EntityPreview(name: entity.name, kind: entity.kind.rawValue, kindLabel: entity.kind.label,
                                 role: entity.role ?? "",
                                 // At most 280 bytes is at most 280 characters: no need to count them.
                                 summary: summary.utf8.count <= 280 ? summary : String(summary.prefix(280)),
                                 mentions: graph.mentionCount(of: slug))
        }
    }

    private let previews = Memo<String, EntityPreview?>()

    /// What the entity link preview (popover) shows, shipped as JSON inside each page.
    struct EntityPreview: Encodable, Sendable, Equatable {
        var name: String
        var kind: String
        var kindLabel: String
        var role: String
        var summary: String
        var mentions: Int
    }

    /// The previews of the entities a document links, as JSON safe inside a `<script>` element:
    /// what `JSONEncoder` (sorted keys) writes for the dictionary of them, made from each entry
    /// written once per build rather than once per page that links it.
    func previewsJSON(for id: DocumentID) -> String {
        var linked: [String: EntityPreview] = [:]
        for case .entity(let slug) in graph.resolutions[id] ?? [] { linked[slug] = preview(of: slug) }
        return Self.previewsJSON(linked) { slug, preview in previewMembers.value(slug) { Self.previewMember(slug, preview) } }
    }

    /// The object of `linked` from its members, in `JSONEncoder`'s order of sorted keys.
    static func previewsJSON(_ linked: [String: EntityPreview],
                             member: (String, EntityPreview) -> String = previewMember) -> String {
        "{" + linked.keys.sorted().map { member($0, linked[$0]!) }.joined(separator: ",") + "}"
    }

    /// `"slug":{…}` as `JSONEncoder` writes it inside an object.
    static func previewMember(_ slug: String, _ preview: EntityPreview) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func written(_ value: some Encodable) -> String {
            (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
        }
        // "<" cannot occur in JSON outside strings, and escaped it cannot close the script element.
        return (written(slug) + ":" + written(preview)).replacingOccurrences(of: "<", with: "\\u003c")
    }

    /// Preview entries as written, by slug: shared by the threads that render pages.
    private let previewMembers = Memo<String, String>()

    /// One page to render: where it goes and how to make its context.
    public struct PageJob: Sendable {
        public var path: String
        /// The document the page shows, if it shows one.
        var document: DocumentID?
        var template: String
        var make: @Sendable (SiteRenderer) -> [String: Any]
    }

    /// Every page of the site, in a stable order; render them in any order, on any thread.
    public func jobs() -> [PageJob] {
        var jobs: [PageJob] = [
            PageJob(path: "index.html", document: nil, template: "home") { $0.homeContext() },
            PageJob(path: "entities/index.html", document: nil, template: "entities") { $0.entitiesContext() },
            PageJob(path: "timeline/index.html", document: nil, template: "timeline") { $0.timelineContext() },
            PageJob(path: "search/index.html", document: nil, template: "search") {
                $0.common(path: "search/index.html", title: "Search", bodyClass: "page-search")
            },
            PageJob(path: "404.html", document: nil, template: "404") { $0.notFoundContext() },
        ]
        for document in documents {
            let id = document.id
            switch id.kind {
            case .briefing: jobs.append(PageJob(path: id.outputPath, document: id, template: "briefing") { $0.briefingContext(id) })
            case .entity: jobs.append(PageJob(path: id.outputPath, document: id, template: "entity") { $0.entityContext(id.slug) })
            case .page: jobs.append(PageJob(path: id.outputPath, document: id, template: "page") { $0.pageContext(id) })
            }
        }
        return jobs
    }

    /// The entities whose link or preview (name, kind, role, mention count, summary) the page of
    /// `id` shows: an incremental build renders it again when one of them changed.
    func entitiesShown(onPageOf id: DocumentID) -> Set<String> {
        var slugs: Set<String> = []
        for case .entity(let slug) in graph.resolutions[id] ?? [] { slugs.insert(slug) }
        let events = id.kind == .entity ? graph.eventsByEntity[id.slug] : graph.eventsByDocument[id]
        for index in events ?? [] { slugs.formUnion(graph.events[index].entities) }
        if id.kind == .entity { slugs.formUnion((graph.related[id.slug] ?? []).map(\.slug)) }
        return slugs
    }

    /// Renders one page.
    public func render(_ job: PageJob) -> OutputFile {
        var context = job.make(self)
        if let id = job.document { addContentFields(for: id, to: &context) }
        let html = library.render(context, withTemplate: job.template) ?? ""
        return OutputFile(path: job.path, text: html)
    }


    // MARK: Common context

    static func root(for path: String) -> String {
        String(repeating: "../", count: path.split(separator: "/").count - 1)
    }

    func common(path: String, title: String?, description: String? = nil, bodyClass: String,
                ogType: String = "website", structuredData: [String: Any]? = nil) -> [String: Any] {
        let root = Self.root(for: path)
        let config = site.config
        let description = description ?? config.description ?? config.title
        var context: [String: Any] = [
            "site": SiteView(title: config.title, description: config.description ?? "", language: config.language ?? "en",
                             author: config.author ?? "", params: ParamsView(config.params)),
            "root": root,
            "pageTitle": title.map { "\($0) · \(config.title)" } ?? config.title,
            "pageDescription": description,
            "nav": navigation.map { NavItemView(label: $0.label, href: root + $0.path, current: $0.path == path) },
            "bodyClass": bodyClass,
            "generator": "Briefing",
            "ogTitle": title ?? config.title,
            "ogType": ogType,
        ]
        if let canonical = absoluteURL(path) {
            context["canonicalURL"] = canonical
            context["feedURL"] = root + "feed.xml"
        }
        var data = structuredData ?? ["@type": "WebPage", "name": title ?? config.title]
        data["@context"] = "https://schema.org"
        data["url"] = absoluteURL(path) ?? (root + path)
        if data["description"] == nil { data["description"] = description }
        context["jsonLD"] = StructuredData.json(data)
        return context
    }

    /// The site navigation: label and output path of each item.
    var navigation: [(label: String, path: String)] {
        Self.navigation([("Home", "index.html"), ("Timeline", "timeline/index.html"), ("Entities", "entities/index.html"),
                         ("Search", "search/index.html")], pages: site.pages)
    }

    /// Hosts serve 404.html at whatever address was missing, so its links cannot be relative:
    /// with a base URL they are absolute; without one they work from the site root only.
    func notFoundContext() -> [String: Any] {
        var context = common(path: "404.html", title: "Page not found", bodyClass: "page-404")
        guard let baseURL else { return context }
        context["root"] = baseURL
        context["nav"] = navigation.map { NavItemView(label: $0.label, href: baseURL + $0.path, current: false) }
        context["canonicalURL"] = nil
        context["feedURL"] = nil
        return context
    }

    /// The public address of an output path ("briefings/x/index.html" → "https://…/briefings/x/").
    func absoluteURL(_ path: String) -> String? {
        guard let baseURL else { return nil }
        let pretty = path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
        return baseURL + pretty
    }

    /// A link to another page for structured data: absolute when the address is known.
    func dataURL(_ path: String, root: String) -> String { absoluteURL(path) ?? (root + path) }

    // MARK: Links

    func entityLink(_ slug: String, root: String, count: Int = 0) -> EntityLinkView? {
        guard let entity = graph.entities[slug] else { return nil }
        return EntityLinkView(name: entity.name, slug: slug, href: root + DocumentID(.entity, slug).outputPath,
                              kind: entity.kind.rawValue, kindLabel: entity.kind.label, role: entity.role ?? "",
                              mentionCount: graph.mentionCount(of: slug), count: count)
    }

    func title(of id: DocumentID) -> String { documentsByID[id]?.title ?? id.slug }

    /// The document a page was made from.
    func document(_ id: DocumentID) -> ContentDocument? { documentsByID[id] }

    func eventView(_ event: TimelineEvent, root: String, onTimeline: Bool) -> EventView {
        let timelineHref = root + "timeline/index.html#" + event.id
        let source = root + event.document.outputPath + (event.anchor.map { "#" + $0 } ?? "")
        let entities = event.entities.compactMap { entityLink($0, root: root) }
        return EventView(id: event.id, dateLabel: event.date.label, dateEDTF: event.date.value,
                         approximate: event.date.isApproximate || event.date.isUncertain, text: event.text,
                         href: onTimeline ? source : timelineHref, timelineHref: timelineHref,
                         sourceTitle: title(of: event.document), entities: entities,
                         kinds: Array(Set(entities.map(\.kind))).sorted().joined(separator: " "),
                         slugs: entities.map(\.slug).joined(separator: " "))
    }

    /// How the body of a document links each reference: all documents live two folders deep.
    func bodyHTML(of document: ContentDocument) -> String {
        let resolutions = graph.resolutions[document.id] ?? []
        let eventIDs = graph.eventIDs[document.id] ?? [:]
        let linked = graph.linkedReferences(of: document, density: site.config.mentions ?? .firstInSection)
        return document.parsed.html { index in
            guard index < resolutions.count else { return nil }
            switch resolutions[index] {
            case .entity(let slug):
                guard linked[index], let entity = graph.entities[slug] else { return nil }
                return ParsedDocument.Link(href: "../../" + DocumentID(.entity, slug).outputPath,
                                           classes: "xref xref-entity kind-\(entity.kind.rawValue)",
                                           attributes: [("data-entity", slug)])
            case .date(let date):
                guard let id = eventIDs[index] else { return nil }
                return ParsedDocument.Link(href: "../../timeline/index.html#" + id, classes: "xref xref-date",
                                           attributes: [("data-edtf", date.value), ("title", date.label)])
            case .document(let target):
                return documentLink(target, reference: document.parsed.references[index], root: "../../")
            case .unknown, .unknownDocument, .invalidDate:
                return nil
            }
        }
    }

    // MARK: Pages

    func sortedBriefings() -> [SourceDocument<BriefingFrontMatter>] {
        site.briefings.sorted { ($0.fields.date, $1.slug) > ($1.fields.date, $0.slug) }
    }

    func homeContext() -> [String: Any] {
        let path = "index.html"
        var context = common(path: path, title: nil, bodyClass: "page-home")
        let briefings = sortedBriefings().map { briefing in
            let date = EDTFDate(briefing.fields.date)
            return BriefingSummaryView(title: briefing.fields.title, href: DocumentID(.briefing, briefing.slug).outputPath,
                                       dateLabel: date?.label ?? briefing.fields.date, dateISO: date?.isoValue ?? "",
                                       author: briefing.fields.author ?? "", summary: briefing.fields.summary ?? "")
        }
        let key = graph.sortedEntities.filter { graph.mentionCount(of: $0.slug) > 0 }
            .sorted { graph.mentionCount(of: $0.slug) > graph.mentionCount(of: $1.slug) }
            .prefix(12).compactMap { entityLink($0.slug, root: "") }
        // "Recent" is relative to the newest briefing, not to the clock, so builds stay reproducible
        // and forecasts ("by 2027") do not crowd out what happened.
        let newest = site.briefings.compactMap { EDTFDate($0.fields.date) }.max()
        let past = graph.events.filter { event in newest.map { !($0 < event.date) } ?? true }
        let recent = past.suffix(8).reversed().map { eventView($0, root: "", onTimeline: false) }
        context["briefings"] = briefings
        context["keyEntities"] = Array(key)
        context["recentEvents"] = Array(recent)
        context["hasBriefings"] = !briefings.isEmpty
        context["hasEvents"] = !recent.isEmpty
        context.merge(homePictures()) { $1 }
        return context
    }

    func briefingContext(_ id: DocumentID) -> [String: Any] {
        guard let document = documentsByID[id], let source = briefingsBySlug[id.slug] else { return [:] }
        let root = "../../"
        let fields = source.fields
        var article: [String: Any] = [
            "@type": "Article", "headline": fields.title, "datePublished": EDTFDate(fields.date)?.isoValue ?? fields.date,
            "mentions": Array(Set((graph.resolutions[id] ?? []).compactMap { resolution -> String? in
                if case .entity(let slug) = resolution { return slug } else { return nil }
            })).sorted().compactMap { slug -> [String: Any]? in
                guard let entity = graph.entities[slug] else { return nil }
                return ["@type": StructuredData.type(of: entity.kind), "name": entity.name,
                        "url": dataURL(DocumentID(.entity, slug).outputPath, root: "../../")]
            },
        ]
        if let author = fields.author { article["author"] = ["@type": "Person", "name": author] }
        if let publisher = fields.publisher { article["publisher"] = ["@type": "Organization", "name": publisher] }
        if let tags = fields.tags, !tags.isEmpty { article["keywords"] = tags.joined(separator: ", ") }
        var context = common(path: id.outputPath, title: fields.title, description: fields.summary, bodyClass: "page-briefing",
                             ogType: "article", structuredData: article)
        var counts: [String: Int] = [:]
        for case .entity(let slug) in graph.resolutions[id] ?? [] { counts[slug, default: 0] += 1 }
        let groups = Dictionary(grouping: counts.keys.compactMap { graph.entities[$0] }, by: \.kind)
            .sorted { $0.key < $1.key }
            .map { kind, entities in
                EntityGroupView(kind: kind.rawValue, kindLabel: kind.pluralLabel, count: entities.count,
                                entities: entities.sorted { (counts[$1.slug]!, $0.name) < (counts[$0.slug]!, $1.name) }
                                    .compactMap { entity in
                                        var link = entityLink(entity.slug, root: root)
                                        link?.mentionCount = counts[entity.slug]!
                                        return link
                                    })
            }
        let events = (graph.eventsByDocument[id] ?? []).map { eventView(graph.events[$0], root: root, onTimeline: false) }
        let words = document.parsed.blocks.reduce(0) { $0 + $1.text.spaceSeparatedCount }
        let date = EDTFDate(fields.date)
        context["previewsJSON"] = previewsJSON(for: id)
        context["briefing"] = BriefingView(
            title: fields.title, author: fields.author ?? "", publisher: fields.publisher ?? "",
            dateLabel: date?.label ?? fields.date, dateISO: date?.isoValue ?? "", summary: fields.summary ?? "",
            readingMinutes: max(1, (words + 219) / 220), tags: fields.tags ?? [], bodyHTML: bodyHTML(of: document),
            hasAnnotations: !document.parsed.annotations.isEmpty, entityGroups: groups, events: events)
        context.merge(briefingPictures(id, published: fields.date)) { $1 }
        return context
    }

    func entityContext(_ slug: String) -> [String: Any] {
        guard let entity = graph.entities[slug], let document = documentsByID[DocumentID(.entity, slug)] else { return [:] }
        let root = "../../"
        let path = DocumentID(.entity, slug).outputPath
        var thing: [String: Any] = ["@type": StructuredData.type(of: entity.kind), "name": entity.name]
        if !entity.aliases.isEmpty { thing["alternateName"] = entity.aliases }
        if let role = entity.role { thing[entity.kind == .person ? "jobTitle" : "description"] = role }
        if entity.kind == .event, let date = entity.date {
            let parts = date.value.split(separator: "/").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "~?%")) }
            thing["startDate"] = parts.first
            if parts.count == 2 { thing["endDate"] = parts[1] }
        }
        thing.merge(StructuredData.extras(of: entity, imageURL: entity.image.map { dataURL($0, root: root) })) { old, _ in old }
        var context = common(path: path, title: entity.name, description: entity.role, bodyClass: "page-entity",
                             ogType: entity.kind == .person ? "profile" : "website", structuredData: thing)
        let mentions = graph.mentions[slug] ?? []
        var groups: [MentionGroupView] = []
        for (documentID, group) in Dictionary(grouping: mentions, by: \.document).sorted(by: { $0.key < $1.key }) {
            groups.append(MentionGroupView(
                briefingTitle: title(of: documentID), briefingHref: root + documentID.outputPath,
                mentions: group.map { mention in
                    MentionView(contextHTML: Self.highlight(mention.sentence, range: mention.range),
                                href: root + documentID.outputPath + "#" + mention.anchor)
                }))
        }
        let events = (graph.eventsByEntity[slug] ?? []).map { eventView(graph.events[$0], root: root, onTimeline: false) }
        let related = (graph.related[slug] ?? []).compactMap { entityLink($0.slug, root: root, count: $0.count) }
        let quotes = (graph.quotes[slug] ?? []).map {
            QuoteView(text: $0.text, sourceTitle: title(of: $0.document), href: root + $0.document.outputPath + "#" + $0.anchor)
        }
        let backlinks = (graph.backlinks[slug] ?? []).map { LinkView(title: title(of: $0), href: root + $0.outputPath) }
        context["previewsJSON"] = previewsJSON(for: DocumentID(.entity, slug))
        context["entity"] = EntityView(
            name: entity.name, slug: slug, kind: entity.kind.rawValue, kindLabel: entity.kind.label, role: entity.role ?? "",
            aliases: entity.aliases, dateLabel: entity.date?.label ?? "", summaryHTML: bodyHTML(of: document),
            mentionCount: mentions.count, mentionGroups: groups, events: events, related: related, quotes: quotes,
            backlinks: backlinks, hasMentions: !groups.isEmpty, hasEvents: !events.isEmpty, hasRelated: !related.isEmpty,
            hasQuotes: !quotes.isEmpty, hasBacklinks: !backlinks.isEmpty)
        context.merge(entityPictures(slug)) { $1 }
        return context
    }

    /// The sentence, escaped, with the mention's byte range wrapped in `<mark>`.
    static func highlight(_ sentence: String, range: Range<Int>) -> String {
        let utf8 = Array(sentence.utf8)
        guard range.lowerBound >= 0, range.upperBound <= utf8.count else { return HTML.escape(sentence) }
        let before = String(decoding: utf8[..<range.lowerBound], as: UTF8.self)
        let mention = String(decoding: utf8[range], as: UTF8.self)
        let after = String(decoding: utf8[range.upperBound...], as: UTF8.self)
        return HTML.escape(before) + "<mark>" + HTML.escape(mention) + "</mark>" + HTML.escape(after)
    }

    func entitiesContext() -> [String: Any] {
        let path = "entities/index.html"
        var context = common(path: path, title: "Entities", bodyClass: "page-entities")
        context["kinds"] = Dictionary(grouping: graph.sortedEntities, by: \.kind).sorted { $0.key < $1.key }.map { kind, entities in
            EntityGroupView(kind: kind.rawValue, kindLabel: kind.pluralLabel, count: entities.count,
                            entities: entities.compactMap { entityLink($0.slug, root: "../") })
        }
        return context
    }

    func timelineContext() -> [String: Any] {
        let path = "timeline/index.html"
        var context = common(path: path, title: "Timeline", bodyClass: "page-timeline")
        let events = graph.events.map { eventView($0, root: "../", onTimeline: true) }
        var years: [YearView] = []
        for (event, view) in zip(graph.events, events) {
            let year = event.date.start == nil ? "Undated" : String(event.date.year)
            if years.last?.year == year { years[years.count - 1].events.append(view) } else { years.append(YearView(year: year, events: [view])) }
        }
        let slugs = Set(graph.events.flatMap(\.entities))
        let kinds = Set(slugs.compactMap { graph.entities[$0]?.kind }).sorted()
        context["years"] = years
        context["eventCount"] = events.count
        context["filterKinds"] = kinds.map { ["kind": $0.rawValue, "kindLabel": $0.pluralLabel] }
        context["filterEntities"] = graph.sortedEntities.filter { slugs.contains($0.slug) }.map { ["slug": $0.slug, "name": $0.name] }
        context.merge(timelinePictures(graph.events, root: "../")) { $1 }
        return context
    }

    func pageContext(_ id: DocumentID) -> [String: Any] {
        guard let document = documentsByID[id] else { return [:] }
        var context = common(path: id.outputPath, title: document.title,
                             description: site.pages.first { $0.slug == id.slug }?.fields.summary, bodyClass: "page-page")
        context["previewsJSON"] = previewsJSON(for: id)
        context["page"] = PageView(title: document.title, bodyHTML: bodyHTML(of: document))
        return context
    }
}
