import Foundation
import Mustache

/// What builds in one process (`briefing serve`) keep for the next: content files as loaded,
/// parses, each document's links, and the site last written, so an edit redoes only its share.
public final class BuildCache: @unchecked Sendable {
    public init() {}

    let files = LoadCache()
    let graphFragments = GraphExport.Fragments()
    private let lock = NSLock()
    private var parses: [DocumentID: (source: Source, parsed: ParsedDocument)] = [:]
    private var last: (output: OutputFolder.Identity, site: WrittenSite, search: SearchIndex.State?)?
    /// Written only between parallel stages.
    var link: KnowledgeLinker.Cache?
    /// The briefing and page titles the kept parses were made with (see `MarkupParser.documentTitles`).
    var documentTitles: [String: String]?
    private var compiled: (theme: Theme, library: MustacheLibrary)?

    /// The theme's templates compiled, as the last build compiled them while the theme is the same.
    func library(of theme: Theme) -> (MustacheLibrary?, [Diagnostic]) {
        if let compiled = lock.withLock({ compiled }), compiled.theme == theme { return (compiled.library, []) }
        let (library, diagnostics) = theme.library()
        lock.withLock { compiled = library.map { (theme, $0) } }
        return (library, diagnostics)
    }

    /// One document to parse: its identity, title and Markdown body.
    struct Source: Sendable, Equatable {
        var id: DocumentID
        var title: String
        var path: String
        var body: String
        var line: Int
    }

    /// The last build's parses, to look up without a lock from many threads.
    func lastParses() -> Parses { Parses(entries: lock.withLock { parses }) }

    /// Parses by document, from one build.
    struct Parses: @unchecked Sendable {
        fileprivate let entries: [DocumentID: (source: Source, parsed: ParsedDocument)]

        /// The parse of `source`, if its body (and where it starts) was the same.
        func parsed(_ source: Source) -> ParsedDocument? {
            guard let entry = entries[source.id], entry.source.path == source.path, entry.source.line == source.line,
                  entry.source.body == source.body else { return nil }
            return entry.parsed
        }
    }

    /// Keeps this build's parses (and only those: a deleted file's parse goes).
    func keepParses(of sources: [Source], _ documents: [ContentDocument]) {
        lock.withLock {
            parses = Dictionary(zip(sources, documents).map { ($0.id, ($0, $1.parsed)) }, uniquingKeysWith: { first, _ in first })
        }
    }

    /// The site this process last wrote to `output`, if the folder there is still the one it
    /// swapped in: after another build (`briefing build --base-url` while serving) or any change
    /// to its top level, the next build writes the whole site again.
    func written(to output: OutputFolder) -> (site: WrittenSite, output: OutputFolder.Identity)? {
        let identity = output.identity()
        return lock.withLock {
            guard let last, identity != nil, last.output == identity else { return nil }
            return (last.site, last.output)
        }
    }

    func remember(_ site: WrittenSite, search: SearchIndex.State, output: OutputFolder.Identity) {
        lock.withLock { last = (output, site, search) }
    }

    /// The last site's search index state, handed over to be updated in place and given back
    /// through `remember`: with a copy kept here, every update copied the whole index.
    func takeSearch() -> SearchIndex.State? {
        lock.withLock {
            defer { last?.search = nil }
            return last?.search
        }
    }

    /// After a failed write the output folder's state is unknown: the next build writes it whole.
    func forget() {
        lock.withLock { last = nil }
    }
}

/// What decides the whole site rather than single pages: when any of it changes, every page is
/// rendered again; when only document bodies change, only the pages that show them are.
struct SiteShape: Equatable {
    struct Front<Fields: Equatable>: Equatable {
        var slug: String
        var path: String
        var fields: Fields
    }

    var config = SiteConfig(title: "")
    var baseURL: String?
    var entities: [Entity] = []
    var briefings: [Front<BriefingFrontMatter>] = []
    var pages: [Front<PageFrontMatter>] = []
    var assets: [String] = []
    var assetSignatures: [LoadCache.Signature?] = []
    var theme = Theme(templates: [:], staticFiles: [:], origin: "")
}

/// The site as written to the output folder: what an incremental build compares against.
struct WrittenSite: @unchecked Sendable {
    var shape: SiteShape
    /// The renderer that wrote it: its graph, its documents' parses, what it showed of each entity.
    var renderer: SiteRenderer
    /// Every file of the site, relative to the output folder, sorted.
    var paths: [String]

    init(_ prepared: SiteBuilder.Prepared, renderer: SiteRenderer, paths: [String]) {
        shape = prepared.shape
        self.renderer = renderer
        self.paths = paths
    }
}
