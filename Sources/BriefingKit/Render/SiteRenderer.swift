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

    /// The theme's static files that pages inline (the 404 page's stylesheet and script).
    public var staticFiles: [String: [UInt8]] = [:]

    func staticText(_ name: String) -> String? {
        staticFiles[name].map { String(decoding: $0, as: UTF8.self) }
    }

    /// The 404 page's inline stylesheet: the theme's `not-found.css` (else its `style.css`, else "").
    /// A `</style` in it would end the element early, so it is cut there (a stylesheet never needs one).
    var inlineStylesheet: String {
        let css = staticText("not-found.css") ?? staticText("style.css") ?? ""
        return css.range(of: "</style", options: .caseInsensitive).map { String(css[..<$0.lowerBound]) } ?? css
    }

    public init(site: LoadedSite, graph: KnowledgeGraph, documents: [ContentDocument], library: MustacheLibrary,
                baseURL: String? = nil, budget: PageBudget = PageBudget(), staticFiles: [String: [UInt8]] = [:]) {
        self.staticFiles = staticFiles
        self.baseURL = baseURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
        self.site = site
        self.graph = graph
        self.documents = documents
        self.library = library
        self.documentsByID = Dictionary(documents.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.briefingsBySlug = Dictionary(site.briefings.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        self.budget = budget
        self.timeline = TimelineLayout(events: graph.events, perPage: budget.eventsPerPage, bytesPerPage: budget.timelineBytesPerPage)
        self.briefingIndex = BriefingIndex(briefings: site.briefings, graph: graph, relatedCount: budget.relatedBriefings)
    }

    let documentsByID: [DocumentID: ContentDocument]
    let briefingsBySlug: [String: SourceDocument<BriefingFrontMatter>]
    /// What the pictures of several pages share (Render/Pictures).
    let pictureCache = PictureCache()
    /// How much each page holds (see `PageBudget`).
    public let budget: PageBudget
    /// The pages of the timeline and where each event is.
    let timeline: TimelineLayout
    /// Briefings newest first, by tag, by author, and related to each other.
    let briefingIndex: BriefingIndex

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

    /// Each entity's mentions grouped and paged, made when its pages are first rendered.
    func mentions(of slug: String) -> EntityMentions {
        mentionTables.value(slug) {
            EntityMentions(graph.mentions[slug] ?? [], order: briefingIndex.position, perPage: budget.mentionsPerPage)
        }
    }

    private let mentionTables = Memo<String, EntityMentions>()

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
        /// What else the page shows, so an incremental build knows when to render it again.
        var scope: Scope = .document
        var make: @Sendable (SiteRenderer) -> [String: Any]

        init(path: String, document: DocumentID?, template: String, scope: Scope = .document,
             make: @escaping @Sendable (SiteRenderer) -> [String: Any]) {
            self.path = path
            self.document = document
            self.template = template
            self.scope = scope
            self.make = make
        }
    }

    /// What a page that shows no document of its own depends on, besides front matter and templates
    /// (whose changes render every page).
    enum Scope: Sendable, Equatable {
        /// Its document only (and the entities `entitiesShown` lists).
        case document
        /// Timeline events and the entities they name (timeline pages, the home page).
        case events
        /// Entities' names and mention counts (the entity index and lists by kind).
        case entityIndex
        /// The mentions of one entity (its full list of mentions).
        case mentions(String)
        /// Front matter only (archive, tags, authors, search, 404).
        case frontMatter
    }

    /// Every page of the site, in a stable order; render them in any order, on any thread.
    public func jobs() -> [PageJob] {
        var jobs: [PageJob] = []
        let home = Pagination(folder: "", itemCount: briefingIndex.newestFirst.count, perPage: budget.briefingsPerPage)
        for number in 1...home.pageCount {
            jobs.append(PageJob(path: home.path(number), document: nil, template: "home", scope: number == 1 ? .events : .frontMatter) {
                $0.homeContext(page: number)
            })
        }
        jobs.append(PageJob(path: "entities/index.html", document: nil, template: "entities", scope: .entityIndex) { $0.entitiesContext() })
        // A kind has pages of its own only when the index shows part of it.
        for kind in entityKinds where entityCount(of: kind) > budget.entitiesPerKindOnIndex {
            let pages = kindPagination(kind)
            for number in 1...pages.pageCount {
                jobs.append(PageJob(path: pages.path(number), document: nil, template: "entities", scope: .entityIndex) {
                    $0.entityKindContext(kind, page: number)
                })
            }
        }
        jobs.append(PageJob(path: "timeline/index.html", document: nil, template: "timeline-index", scope: .events) { $0.timelineOverviewContext() })
        for (yearIndex, year) in timeline.years.enumerated() {
            for number in 1...year.pagination.pageCount {
                jobs.append(PageJob(path: year.pagination.path(number), document: nil, template: "timeline", scope: .events) {
                    $0.timelineContext(year: yearIndex, page: number)
                })
            }
        }
        jobs += archiveJobs()
        jobs.append(PageJob(path: "search/index.html", document: nil, template: "search", scope: .frontMatter) {
            $0.common(path: "search/index.html", title: "Search", bodyClass: "page-search")
        })
        jobs.append(PageJob(path: "404.html", document: nil, template: "404", scope: .frontMatter) { $0.notFoundContext() })
        for document in documents {
            let id = document.id
            switch id.kind {
            case .briefing: jobs.append(PageJob(path: id.outputPath, document: id, template: "briefing") { $0.briefingContext(id) })
            case .entity:
                jobs.append(PageJob(path: id.outputPath, document: id, template: "entity") { $0.entityContext(id.slug) })
                let pages = mentionsPagination(id.slug)
                for number in 1...pages.pageCount where hasMentionsPages(id.slug) {
                    jobs.append(PageJob(path: pages.path(number), document: nil, template: "mentions", scope: .mentions(id.slug)) {
                        $0.mentionsContext(id.slug, page: number)
                    })
                }
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
        Self.navigation([("Home", "index.html"), ("Archive", "archive/index.html"), ("Timeline", "timeline/index.html"),
                         ("Entities", "entities/index.html"), ("Search", "search/index.html")], pages: site.pages)
    }

    /// Hosts serve 404.html at whatever address was missing, so nothing on it may depend on the
    /// folder it is shown in: its stylesheet is inline (allowed by its hash in the page's
    /// Content-Security-Policy); with a base URL its links are absolute; without one they are
    /// relative, and an inline script (allowed by its hash too) finds the site's root from the
    /// address and points them there.
    func notFoundContext() -> [String: Any] {
        var context = common(path: "404.html", title: "Page not found", bodyClass: "page-404")
        let style = inlineStylesheet
        var notFound: [String: Any] = ["style": style, "styleHash": SHA256.cspSource(style)]
        if baseURL == nil, let script = staticText("not-found.js") {
            notFound["script"] = script
            notFound["scriptHash"] = SHA256.cspSource(script)
        }
        context["notFound"] = notFound
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
        let timelineHref = root + timeline.path(of: event.id) + "#" + event.id
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
                return ParsedDocument.Link(href: "../../" + timeline.path(of: id) + "#" + id, classes: "xref xref-date",
                                           attributes: [("data-edtf", date.value), ("title", date.label)])
            case .document(let target):
                return documentLink(target, reference: document.parsed.references[index], root: "../../")
            case .unknown, .unknownDocument, .invalidDate:
                return nil
            }
        }
    }

    // MARK: Pages

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
        let allEvents = graph.eventsByDocument[id] ?? []
        let events = allEvents.prefix(budget.briefingEvents).map { eventView(graph.events[$0], root: root, onTimeline: false) }
        let words = document.parsed.blocks.reduce(0) { $0 + $1.text.spaceSeparatedCount }
        let date = EDTFDate(fields.date)
        context["previewsJSON"] = previewsJSON(for: id)
        var view = BriefingView(
            title: fields.title, author: fields.author ?? "", publisher: fields.publisher ?? "",
            dateLabel: date?.label ?? fields.date, dateISO: date?.isoValue ?? "", summary: fields.summary ?? "",
            readingMinutes: max(1, (words + 219) / 220), tags: fields.tags ?? [], bodyHTML: bodyHTML(of: document),
            hasAnnotations: !document.parsed.annotations.isEmpty, entityGroups: groups, events: Array(events))
        view.authorHref = authorHref(fields.author, root: root)
        view.tagLinks = tagLinks(fields.tags ?? [], root: root)
        view.related = (briefingIndex.related[id.slug] ?? []).compactMap { related in
            guard let other = briefingsBySlug[related.slug] else { return nil }
            let date = EDTFDate(other.fields.date)
            return RelatedBriefingView(title: other.fields.title, href: root + DocumentID(.briefing, related.slug).outputPath,
                                       dateLabel: date?.label ?? other.fields.date, dateISO: date?.isoValue ?? "",
                                       shared: related.shared.prefix(3).compactMap { graph.entities[$0]?.name }.joined(separator: ", "))
        }
        view.eventCount = allEvents.count
        view.hasMoreEvents = allEvents.count > events.count
        context["briefing"] = view
        context.merge(briefingPictures(id, published: fields.date)) { $1 }
        return context
    }

    /// The sentence, escaped, with the mention's byte range wrapped in `<mark>`.
    static func highlight(_ sentence: String, range: Range<Int>) -> String {
        highlight(sentence, ranges: [range])
    }

    /// The sentence, escaped, with each byte range wrapped in `<mark>`: ranges out of bounds or
    /// overlapping an earlier one are left unmarked.
    static func highlight(_ sentence: String, ranges: [Range<Int>]) -> String {
        let utf8 = Array(sentence.utf8)
        var html = ""
        var position = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound })
        where range.lowerBound >= position && range.upperBound <= utf8.count && !range.isEmpty {
            html += HTML.escape(String(decoding: utf8[position..<range.lowerBound], as: UTF8.self))
            html += "<mark>" + HTML.escape(String(decoding: utf8[range], as: UTF8.self)) + "</mark>"
            position = range.upperBound
        }
        return html + HTML.escape(String(decoding: utf8[position...], as: UTF8.self))
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
