import Foundation

/// Runs the whole pipeline: load → parse → link → render → write.
public struct SiteBuilder: Sendable {
    /// What to build and where.
    public struct Options: Sendable {
        public var siteDirectory: URL
        /// Defaults to `siteDirectory/Output`.
        public var outputDirectory: URL?
        /// Include briefings marked `draft: true`.
        public var includeDrafts = false
        /// Include briefings dated after today.
        public var includeFuture = false
        /// The site's public address; overrides `base_url` in `site.yml`.
        public var baseURL: String?
        /// Called as pages are rendered, with (pages done, pages in all), from any thread.
        public var progress: (@Sendable (Int, Int) -> Void)?
        /// Kept by `briefing serve` between builds: the next build redoes only what changed.
        public var cache: BuildCache?
        /// "Today", for leaving out future briefings (YYYY-MM-DD, UTC).
        public var today: String = EDTFDate.today()
        /// Content files not written yet (`Content/…` path → text), built as if they were.
        public var pending: [String: String] = [:]
        /// How much each page holds before its list continues on the next page.
        public var budget = PageBudget()

        public init(siteDirectory: URL, outputDirectory: URL? = nil, includeDrafts: Bool = false, includeFuture: Bool = false,
                    baseURL: String? = nil, progress: (@Sendable (Int, Int) -> Void)? = nil) {
            self.siteDirectory = siteDirectory
            self.outputDirectory = outputDirectory
            self.includeDrafts = includeDrafts
            self.includeFuture = includeFuture
            self.baseURL = baseURL
            self.progress = progress
        }
    }

    /// The outcome of a build: diagnostics always, files and counts when it succeeded.
    public struct Report: Sendable {
        /// One stage of a build, for `--verbose`.
        public struct Timing: Sendable {
            public var stage: String
            public var seconds: Double
            public var peakMegabytes: Int
        }

        public var diagnostics: [Diagnostic]
        /// The files' contents, from `render()` only (`build()` writes them as it goes).
        public var files: [OutputFile] = []
        /// Every file of the site, relative to the output folder.
        public var paths: [String] = []
        public var pageCount = 0
        public var entityCount = 0
        public var eventCount = 0
        /// What the build derived, for `briefing check`.
        var products: Products?
        /// Each stage in order, for `--verbose` and profiling.
        public var timings: [Timing] = []
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    /// The intermediate results of a build that checks look at.
    struct Products {
        var graph: KnowledgeGraph
        var documents: [ContentDocument]
        var site: LoadedSite
        /// The content file each page was made from.
        var sources: [String: String]
        /// The templates the pages were rendered with, to find a link written in one.
        var theme: Theme = Theme(templates: [:], staticFiles: [:], origin: "Templates")
    }

    public var options: Options

    public init(options: Options) {
        self.options = options
    }

    public var outputDirectory: URL {
        options.outputDirectory ?? options.siteDirectory.appendingPathComponent("Output")
    }

    /// Builds and, when there is no error, replaces the output folder with the new site.
    /// Why the output folder must not be used, if it must not: a build replaces the whole folder,
    /// so it can never be `/`, the home folder, the site itself, a folder that holds the site, or
    /// a folder inside `Content/` or `Templates/`.
    public func unsafeOutputReason() -> String? {
        let output = outputDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        let site = options.siteDirectory.standardizedFileURL.resolvingSymlinksInPath().path
        let homes = [FileManager.default.homeDirectoryForCurrentUser.path, ProcessInfo.processInfo.environment["HOME"]]
            .compactMap { $0 }.map { URL(fileURLWithPath: $0).standardizedFileURL.resolvingSymlinksInPath().path }
        if output == "/" || homes.contains(output) { return "it is \(output)" }
        if FilePath.isWithin(site, output) { return "it holds the site itself" }
        for protected in ["Content", "Templates"] where FilePath.isWithin(output, site + "/" + protected) {
            return "it is inside \(protected)/"
        }
        return nil
    }

    public func build() -> Report {
        if let reason = unsafeOutputReason() {
            return Report(diagnostics: [refusal(reason)])
        }
        var clock = StageClock()
        let prepared = prepare(&clock)
        var report = prepared.report
        let folder = outputFolder(prepared.site.config)
        if let reason = folder.refusal() {
            report.diagnostics = (report.diagnostics + [refusal(reason)]).sorted()
            return report
        }
        guard let renderer = prepared.renderer else { return report }
        let written = options.cache?.written(to: folder)
        var changes: ChangeSet?
        if let written, written.site.shape == prepared.shape {
            // Same site shape as the output on disk: render only what the edit changed.
            changes = ChangeSet(before: written.site, after: prepared, renderer: renderer, fragments: options.cache?.graphFragments)
            clock.lap("find changes")
            if changes?.isEmpty == true {
                report.paths = written.site.paths
                report.timings = clock.laps
                return report
            }
        }
        let staging: URL
        switch folder.makeStaging() {
        case .success(let made): staging = made
        case .failure(let error):
            report.diagnostics.append(writeError(error))
            return report
        }
        // Pages are written as they are rendered, so writing overlaps rendering and the site is
        // never all in memory at once.
        let sink = FileSink(writingInto: staging)
        var search: SearchIndex.State?
        if let changes, var state = options.cache?.takeSearch() {
            report.paths = changes.write(into: sink, linkingFrom: outputDirectory, search: &state)
            report.pageCount = changes.pages.count
            search = state
            clock.lap("render changes, link the rest")
            report.timings = clock.laps
        } else {
            search = renderAll(prepared, renderer: renderer, into: sink, report: &report, clock: &clock)
        }
        let start = Date()
        do throws(OutputFolder.Failure) {
            if let failure = sink.failure {
                folder.discard(staging)
                throw .file(FileError(outputDirectory.path + "/" + failure.path, code: failure.code))
            }
            guard report.succeeded else {
                folder.discard(staging)
                return report
            }
            report.diagnostics += try folder.commit(staging, expecting: changes == nil ? nil : written?.output)
            if let search, let identity = folder.identity() {
                options.cache?.remember(WrittenSite(prepared, renderer: renderer, paths: report.paths), search: search,
                                        output: identity)
            }
        } catch {
            switch error {
            case .refused(let reason): report.diagnostics.append(refusal(reason))
            case .file(let error): report.diagnostics.append(writeError(error))
            case .replaced:
                // A `briefing build` swapped its tree in meanwhile: this one mixed files of both.
                options.cache?.forget()
                return build()
            }
            options.cache?.forget()
        }
        report.timings.append(Report.Timing(stage: "swap into place", seconds: Date().timeIntervalSince(start),
                                            peakMegabytes: StageClock.peakMegabytes()))
        return report
    }

    /// The output folder, keeping the user's entries that `site.yml` lists.
    func outputFolder(_ config: SiteConfig) -> OutputFolder {
        OutputFolder(outputDirectory, keeping: config.keepInOutput ?? [])
    }

    /// A build's refusal to replace the output folder, naming it.
    func refusal(_ reason: String) -> Diagnostic {
        .error("refusing to write the site to \(outputDirectory.path): \(reason)", at: SourceLocation(path: outputDirectory.path))
    }

    private func writeError(_ error: FileError) -> Diagnostic {
        .error("cannot write \(error.path): \(error.reason); nothing was changed in \(outputDirectory.path)",
               at: SourceLocation(path: outputDirectory.path))
    }

    /// Everything but writing: the files the site would have, or the diagnostics that stop it.
    public func render() -> Report {
        var clock = StageClock()
        let prepared = prepare(&clock)
        guard let renderer = prepared.renderer else { return prepared.report }
        let sink = FileSink()
        var report = prepared.report
        _ = renderAll(prepared, renderer: renderer, into: sink, report: &report, clock: &clock)
        report.files = sink.files.sorted { $0.path < $1.path }
        return report
    }

    /// Load, parse and link only: every diagnostic that would stop a build, without rendering.
    public func validate() -> [Diagnostic] {
        var clock = StageClock()
        return prepare(&clock).report.diagnostics
    }

    /// A site loaded, parsed and linked, ready to render (`renderer` is nil when an error or a
    /// broken template stops the build).
    struct Prepared {
        var report: Report
        var site: LoadedSite
        var theme: Theme
        var documents: [ContentDocument]
        var graph: KnowledgeGraph
        var renderer: SiteRenderer?
        var shape: SiteShape
    }

    /// Load, parse and link, reusing what `options.cache` kept from the last build.
    private func prepare(_ clock: inout StageClock) -> Prepared {
        // Files not written yet must never reach the cache of a later build.
        let cache = options.pending.isEmpty ? options.cache : nil
        let (loaded, loadDiagnostics) = ContentLoader(siteDirectory: options.siteDirectory, cache: cache?.files, pending: options.pending).load()
        clock.lap("load")
        var diagnostics = loadDiagnostics
        let templatesFolder = options.siteDirectory.appendingPathComponent("Templates")
        var theme = Theme.embedded
        if FileManager.default.fileExists(atPath: templatesFolder.path) {
            let (custom, problems) = Theme.load(from: templatesFolder)
            theme = custom
            diagnostics += problems
        }
        let (library, templateDiagnostics) = cache?.library(of: theme) ?? theme.library()
        diagnostics += templateDiagnostics
        guard var site = loaded else {
            return Prepared(report: Report(diagnostics: diagnostics.sorted()), site: LoadedSite(config: SiteConfig(title: "")),
                            theme: theme, documents: [], graph: KnowledgeLinker(entities: [], documents: []).link().0,
                            renderer: nil, shape: SiteShape())
        }
        if !options.includeDrafts { site.briefings.removeAll { $0.fields.draft == true } }
        if !options.includeFuture, let today = EDTFDate(options.today) {
            site.briefings.removeAll { EDTFDate($0.fields.date).map { today < $0 } ?? false }
        }
        let baseURL = options.baseURL ?? site.config.baseURL
        diagnostics += configProblems(site)

        let entities = site.entities.map { source -> Entity in
            let fields = source.fields
            var date: EDTFDate?
            if let text = fields.date {
                date = EDTFDate(text)
                if date == nil {
                    diagnostics.append(.error("invalid date '\(text)'; write an EDTF date such as 2003-10-31, 2020-09 or 2000/2004",
                                              at: source.fieldLocations["date"] ?? SourceLocation(path: source.path)))
                }
            }
            let at = { (key: String) in source.fieldLocations[key] ?? SourceLocation(path: source.path) }
            var url = fields.url, wikidata = fields.wikidata, coordinates = fields.coordinates, image: String?
            if let text = url, let problem = FrontMatterChecks.webAddressProblem(text, key: "url") {
                diagnostics.append(.error(problem, at: at("url")))
                url = nil
            }
            if let id = wikidata, let problem = FrontMatterChecks.wikidataProblem(id) {
                diagnostics.append(.error(problem, at: at("wikidata")))
                wikidata = nil
            }
            if let place = coordinates, let problem = FrontMatterChecks.coordinatesProblem(place) {
                diagnostics.append(.error(problem, at: at("coordinates")))
                coordinates = nil
            }
            if let written = fields.image {
                switch FrontMatterChecks.image(written, assets: site.assets) {
                case .success(let path): image = path
                case .failure(let problem): diagnostics.append(.error(problem.message, at: at("image")))
                }
            }
            return Entity(slug: source.slug, name: fields.name, kind: fields.kind, aliases: fields.aliases ?? [],
                          role: fields.role, related: fields.related ?? [], date: date, path: source.path,
                          fieldLocations: source.fieldLocations, image: image, url: url, wikidata: wikidata,
                          coordinates: coordinates, params: fields.params ?? [:])
        }
        for page in site.pages {
            if let label = page.fields.nav?.label, label.trimmingCharacters(in: .whitespaces).isEmpty {
                diagnostics.append(.error("nav: label is empty; write the link's text or leave label out to use the title",
                                          at: page.fieldLocations["nav"] ?? SourceLocation(path: page.path)))
            }
        }
        for briefing in site.briefings where EDTFDate(briefing.fields.date) == nil {
            diagnostics.append(.error("invalid date '\(briefing.fields.date)'; write the publication date as YYYY-MM-DD, e.g. 2025-03-31",
                                      at: briefing.fieldLocations["date"] ?? SourceLocation(path: briefing.path)))
        }

        var sources: [BuildCache.Source] = site.briefings.sorted { ($0.fields.date, $0.slug) < ($1.fields.date, $1.slug) }
            .map { .init(id: DocumentID(.briefing, $0.slug), title: $0.fields.title, path: $0.path, body: $0.body, line: $0.bodyLine) }
        sources += site.entities.map { .init(id: DocumentID(.entity, $0.slug), title: $0.fields.name, path: $0.path, body: $0.body, line: $0.bodyLine) }
        sources += site.pages.map { .init(id: DocumentID(.page, $0.slug), title: $0.fields.title, path: $0.path, body: $0.body, line: $0.bodyLine) }
        // Unlabeled links to briefings and pages read as the target's title, so a new title is
        // a new text for every document: the last build's parses are kept only under the same titles.
        var titles: [String: String] = [:]
        for briefing in site.briefings { titles["briefing:" + briefing.slug] = briefing.fields.title }
        for page in site.pages { titles["page:" + page.slug] = page.fields.title }
        let previous = cache?.documentTitles == titles ? cache?.lastParses() : nil
        cache?.documentTitles = titles
        let documentTitles = titles
        let documents = sources.parallelMap { source in
            ContentDocument(id: source.id, title: source.title,
                            parsed: previous?.parsed(source)
                                ?? MarkupParser(path: source.path, firstLine: source.line, documentTitles: documentTitles).parse(source.body))
        }
        cache?.keepParses(of: sources, documents)
        clock.lap("parse")
        let (graph, linkDiagnostics, linkCache) = KnowledgeLinker(entities: entities, documents: documents)
            .link(reusing: cache?.link, keeping: cache != nil)
        cache?.link = linkCache
        clock.lap("link")
        diagnostics += linkDiagnostics
        diagnostics = Array(Set(diagnostics)).sorted()
        var pageSources: [String: String] = [:]
        for source in sources { pageSources[source.id.outputPath] = source.path }
        let products = Products(graph: graph, documents: documents, site: site, sources: pageSources, theme: theme)
        let report = Report(diagnostics: diagnostics, entityCount: entities.count, eventCount: graph.events.count, products: products)
        // A failed build (often, while editing in `serve`) renders nothing, so it makes no renderer.
        let renderer = diagnostics.hasErrors ? nil
            : library.map { SiteRenderer(site: site, graph: graph, documents: documents, library: $0, baseURL: baseURL,
                                         budget: options.budget, staticFiles: theme.staticFiles) }
        let assetsFolder = options.siteDirectory.appendingPathComponent("Content/assets").path
        let shape = SiteShape(config: site.config, baseURL: baseURL, entities: entities,
                              briefings: site.briefings.map { .init(slug: $0.slug, path: $0.path, fields: $0.fields) },
                              pages: site.pages.map { .init(slug: $0.slug, path: $0.path, fields: $0.fields) },
                              assets: site.assets, assetSignatures: LoadCache.signatures(of: site.assets.map { assetsFolder + "/" + $0 }),
                              theme: theme)
        clock.lap("prepare pages")
        return Prepared(report: report, site: site, theme: theme, documents: documents, graph: graph, renderer: renderer, shape: shape)
    }

    /// `--base-url` and the values of `site.yml` that decoding cannot check, each at its line.
    private func configProblems(_ site: LoadedSite) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let file = SourceLocation(path: "Content/site.yml")
        if let url = options.baseURL, let problem = SiteConfig.baseURLProblem(url) {
            problems.append(.error(problem, at: SourceLocation(path: "--base-url")))
        }
        if let url = site.config.baseURL, let problem = SiteConfig.baseURLProblem(url) {
            problems.append(.error(problem + "; fix base_url", at: site.configLocations["base_url"] ?? file))
        }
        for (index, name) in (site.config.keepInOutput ?? []).enumerated() {
            if let problem = OutputFolder.keptNameProblem(name) {
                problems.append(.error("keep_in_output: \(problem)", at: site.configLocations["keep_in_output[\(index)]"] ?? file))
            }
        }
        return problems
    }

    /// Renders every page and site-wide file into `sink`; returns the search index's state when
    /// there is a cache to keep it in (it is most of the index's memory).
    private func renderAll(_ prepared: Prepared, renderer: SiteRenderer, into sink: FileSink, report: inout Report,
                           clock: inout StageClock) -> SearchIndex.State? {
        let jobs = renderer.jobs()
        let search = SearchIndex(documents: prepared.documents.map { Self.searchDocument($0, graph: prepared.graph) })
        let export = GraphExport(site: prepared.site, graph: prepared.graph, documents: prepared.documents,
                                 fragments: options.cache?.graphFragments)
        let feeds = Feeds(site: prepared.site, baseURL: renderer.baseURL, pages: jobs.map(\.path))
        let searchState = Box<SearchIndex.State?>(nil)
        let keepState = options.cache != nil
        // The site-wide files, one after another beside the pages: each is one long task, and
        // together they would hold several large files in memory at once.
        let siteWide: @Sendable () -> Void = {
            sink.add(export.graphFile())
            let (files, state) = search.build()
            files.forEach(sink.add)
            if keepState { searchState.value = state }
            sink.add(export.timelineFile())
            feeds.files().forEach(sink.add)
        }
        let counter = ProgressCounter(total: jobs.count, report: options.progress)
        _ = Array(0...jobs.count).parallelMap { index in
            guard index > 0 else { return siteWide() }
            sink.add(renderer.render(jobs[index - 1]))
            counter.step()
        }
        clock.lap("render and write")
        var files: [OutputFile] = []
        for (path, contents) in prepared.theme.staticFiles.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: "static/" + path, contents: contents))
        }
        let content = SiteFolder("Content", in: options.siteDirectory)
        for asset in prepared.site.assets {
            switch content.read("assets/" + asset) {
            case .success(let bytes): files.append(OutputFile(path: "assets/" + asset, contents: bytes))
            case .failure(let problem): report.diagnostics.append(problem.diagnostic)
            }
        }
        _ = files.parallelMap { sink.add($0) }
        clock.lap("write the rest")
        report.paths = sink.paths.sorted()
        report.pageCount = jobs.count
        report.timings = clock.laps
        return searchState.value
    }

    /// What the search index holds of a document.
    static func searchDocument(_ document: ContentDocument, graph: KnowledgeGraph) -> SearchIndex.Document {
        let entity = document.id.kind == .entity ? graph.entities[document.id.slug] : nil
        return SearchIndex.Document(
            title: document.title, url: document.id.outputPath,
            kind: entity?.kind.label ?? (document.id.kind == .briefing ? "Briefing" : "Page"),
            names: entity.map { $0.aliases + [$0.role ?? ""] } ?? [],
            paragraphs: document.parsed.blocks.map { ($0.anchor, $0.text) })
    }
}

/// Measures the stages of a build: wall time, and the process's peak memory when each ended.
struct StageClock {
    private var last = Date()
    private(set) var laps: [SiteBuilder.Report.Timing] = []

    mutating func lap(_ stage: String) {
        let now = Date()
        laps.append(SiteBuilder.Report.Timing(stage: stage, seconds: now.timeIntervalSince(last), peakMegabytes: Self.peakMegabytes()))
        last = now
    }

    /// VmHWM from /proc/self/status (Linux), else 0.
    static func peakMegabytes() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Int(line.split(separator: " ")[1]) else { return 0 }
        return kilobytes / 1024
    }
}
