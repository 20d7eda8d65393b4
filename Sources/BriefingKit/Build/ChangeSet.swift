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
            for graph in [before.renderer.graph, after.graph] {
                for case .entity(let slug) in graph.resolutions[id] ?? [] { named.insert(slug) }
            }
        }
        let reshown = named.filter { before.renderer.preview(of: $0) != renderer.preview(of: $0) }
        let ownPages = Set(changed)
        return renderer.jobs().filter { job in
            guard let id = job.document else {
                switch job.path {
                case "index.html", "timeline/index.html": return eventsChanged || !reshown.isEmpty
                case "entities/index.html": return !reshown.isEmpty
                default: return false
                }
            }
            if ownPages.contains(id) || (id.kind == .entity && named.contains(id.slug)) { return true }
            return !reshown.isEmpty && !renderer.entitiesShown(onPageOf: id).isDisjoint(with: reshown)
        }
    }

    /// Renders the changed pages and files and writes each in place (a new file renamed over the
    /// old, so a reader never sees half a page). Returns the site's paths, or why writing failed.
    func write(into output: URL, search: inout SearchIndex.State) -> Result<[String], WriteFailure> {
        let changed = changedDocuments
        guard !changed.isEmpty else { return .success(before.paths) }
        let jobs = pages
        let export = GraphExport(site: after.site, graph: after.graph, documents: after.documents, fragments: fragments)
        let edited = changed.map { (index: $0, document: SiteBuilder.searchDocument(after.documents[$0], graph: after.graph)) }
        // Moved into the box, not copied: the update then changes the index in place.
        let searchState = Box(SearchIndex.State.empty)
        swap(&searchState.value, &search)
        let searchFiles = Box((written: [String](), removed: [String]()))
        var tasks: [@Sendable () -> [OutputFile]] = [
            { [export.graphFile()] },
            {
                let (files, removed) = SearchIndex.update(&searchState.value, changed: edited)
                searchFiles.value = (files.map(\.path), removed)
                return files
            },
        ]
        if eventsChanged { tasks.append { [export.timelineFile()] } }
        let siteWide = tasks
        let failures = FailureList()
        let renderer = renderer
        let folder = output.path
        // The long site-wide files first, beside the pages.
        _ = Array(0..<(siteWide.count + jobs.count)).parallelMap { index in
            let files = index < siteWide.count ? siteWide[index]() : [renderer.render(jobs[index - siteWide.count])]
            for file in files where !Self.replace(file, in: folder) { failures.add(file.path) }
        }
        search = searchState.value
        let (written, removed) = searchFiles.value
        for path in removed { try? FileManager.default.removeItem(atPath: folder + "/" + path) }
        if let first = failures.first { return .failure(WriteFailure(path: first)) }
        let paths = Set(before.paths).subtracting(removed).union(written)
        return .success(paths.sorted())
    }

    struct WriteFailure: Error {
        var path: String
    }

    /// Writes `file` beside its old version, then renames it over it.
    static func replace(_ file: OutputFile, in folder: String) -> Bool {
        let target = folder + "/" + file.path
        let temporary = target + ".briefing-new"
        return FileSink.write(file.parts, to: temporary) && rename(temporary, target) == 0
    }
}

/// Paths that could not be written, from many threads.
private final class FailureList: @unchecked Sendable {
    private let lock = NSLock()
    private var paths: [String] = []
    func add(_ path: String) { lock.withLock { paths.append(path) } }
    var first: String? { lock.withLock { paths.sorted().first } }
}
