import Foundation

/// The pages and site-wide files an edit changed, when the site's shape (front matter, entities,
/// templates, configuration) did not: only document bodies differ from the site on disk.
///
/// A page changes when its own document did, when it is the page of an entity the edited
/// documents name (now or before: mentions, events, quotes, relations, backlinks), or when it
/// shows an entity whose link or preview changed (mention count, summary).
struct ChangeSet {
    let before: WrittenSite
    let after: SiteBuilder.Prepared
    let renderer: SiteRenderer
    let fragments: GraphExport.Fragments?
    /// Documents parsed again since the site was written, in document order.
    let changedDocuments: [Int]
    let eventsChanged: Bool
    /// The pages `write` renders.
    private(set) var pages: [SiteRenderer.PageJob] = []

    init(before: WrittenSite, after: SiteBuilder.Prepared, renderer: SiteRenderer, fragments: GraphExport.Fragments?) {
        self.before = before
        self.after = after
        self.renderer = renderer
        self.fragments = fragments
        changedDocuments = after.documents.indices.filter {
            before.renderer.document(after.documents[$0].id)?.parsed !== after.documents[$0].parsed
        }
        eventsChanged = !changedDocuments.isEmpty && before.renderer.graph.events != after.graph.events
        pages = changedPages()
    }

    private func changedPages() -> [SiteRenderer.PageJob] {
        let changed = changedDocuments.map { after.documents[$0].id }
        guard !changed.isEmpty else { return [] }
        var named: Set<String> = []
        for id in changed {
            if id.kind == .entity { named.insert(id.slug) }
            named.formUnion(before.renderer.graph.entities(namedIn: id))
            named.formUnion(after.graph.entities(namedIn: id))
        }
        let reshown = named.filter { before.renderer.preview(of: $0) != renderer.preview(of: $0) }
        let ownPages = Set(changed)
        // The graph and map pictures show co-mentions: when those of a named entity changed, the
        // home page and the entity pages whose pictures show a named entity are drawn again.
        // Where a picture counts shared briefings instead (no shared sentence), a briefing that
        // names other entities than before changes them too.
        let relationsChanged = named.contains { slug in
            !(before.renderer.graph.related[slug] ?? []).elementsEqual(after.graph.related[slug] ?? []) { $0 == $1 }
        } || changed.contains { id in
            id.kind == .briefing && Set(before.renderer.graph.entities(namedIn: id)) != Set(after.graph.entities(namedIn: id))
        }
        let jobs = renderer.jobs()
        // An event that moved to another page of the timeline (its year now has more events before
        // it, or a page fewer) is linked from pages that did not change: render them all.
        if eventsChanged, before.renderer.timeline.pathOfEvent.contains(where: { id, path in
            renderer.timeline.pathOfEvent[id].map { $0 != path } ?? false
        }) { return jobs }
        // Related briefings follow the entities each briefing names.
        let relatedChanged = Set(site.briefings.map(\.slug).filter {
            before.renderer.briefingIndex.related[$0] != renderer.briefingIndex.related[$0]
        })
        return jobs.filter { job in
            guard let id = job.document else {
                switch job.scope {
                case .events: return eventsChanged || !reshown.isEmpty || (job.path == "index.html" && relationsChanged)
                case .entityIndex: return !reshown.isEmpty
                case .mentions(let slug):
                    return named.contains(slug) && before.renderer.graph.mentions[slug] != renderer.graph.mentions[slug]
                case .document, .frontMatter: return false
                }
            }
            if ownPages.contains(id) || (id.kind == .entity && named.contains(id.slug)) { return true }
            if id.kind == .briefing && relatedChanged.contains(id.slug) { return true }
            if id.kind == .entity, relationsChanged || !reshown.isEmpty {
                // Its graph sizes nodes by mentions, and its graph and map show co-mentions.
                let pictured = before.renderer.pictureEntities(onPageOf: id.slug).union(renderer.pictureEntities(onPageOf: id.slug))
                if !pictured.isDisjoint(with: reshown) || (relationsChanged && !pictured.isDisjoint(with: named)) { return true }
            }
            return !reshown.isEmpty && !renderer.entitiesShown(onPageOf: id).isDisjoint(with: reshown)
        }
    }

    private var site: LoadedSite { after.site }

    /// Whether the edit changed nothing the site shows.
    var isEmpty: Bool { changedDocuments.isEmpty }

    /// Renders the changed pages and files into `sink` (a new staging tree), and hard-links
    /// every other file of the live output `output` beside them, so that the new tree is the
    /// whole site, swapped in at once like a cold build's. Returns the site's paths.
    func write(into sink: FileSink, linkingFrom output: URL, search: inout SearchIndex.State) -> [String] {
        let jobs = pages
        let export = GraphExport(site: after.site, graph: after.graph, documents: after.documents, fragments: fragments)
        let edited = changedDocuments.map { (index: $0, document: SiteBuilder.searchDocument(after.documents[$0], graph: after.graph)) }
        // Moved into the box, not copied: the update then changes the index in place.
        let searchState = Box(SearchIndex.State.empty)
        swap(&searchState.value, &search)
        let removedFiles = Box([String]())
        var tasks: [@Sendable () -> [OutputFile]] = [
            { [export.graphFile()] },
            {
                let (files, removed) = SearchIndex.update(&searchState.value, changed: edited)
                removedFiles.value = removed
                return files
            },
        ]
        if eventsChanged { tasks.append { [export.timelineFile()] } }
        let siteWide = tasks
        let renderer = renderer
        // The long site-wide files first, beside the pages.
        _ = Array(0..<(siteWide.count + jobs.count)).parallelMap { index in
            let files = index < siteWide.count ? siteWide[index]() : [renderer.render(jobs[index - siteWide.count])]
            files.forEach(sink.add)
        }
        search = searchState.value
        // Pages the site no longer has (a year without events, a shorter list of mentions) go too.
        let gone = Set(before.renderer.jobs().map(\.path)).subtracting(renderer.jobs().map(\.path))
        let unchanged = Set(before.paths).subtracting(removedFiles.value).subtracting(sink.paths).subtracting(gone).sorted()
        let folder = output.path
        _ = unchanged.parallelMap { sink.link($0, from: folder) }
        return sink.paths.sorted()
    }
}
