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
        /// "Today", for leaving out future briefings (YYYY-MM-DD, UTC).
        public var today: String = EDTFDate.today()

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
        func isInside(_ path: String, _ folder: String) -> Bool { path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/") }
        if output == "/" || homes.contains(output) { return "it is \(output)" }
        if isInside(site, output) { return "it holds the site itself" }
        for protected in ["Content", "Templates"] where isInside(output, site + "/" + protected) {
            return "it is inside \(protected)/"
        }
        return nil
    }

    public func build() -> Report {
        if let reason = unsafeOutputReason() {
            return Report(diagnostics: [.error("refusing to write the site to \(outputDirectory.path): \(reason), and a build replaces the whole output folder; choose a folder of its own such as Output",
                                               at: SourceLocation(path: outputDirectory.path))])
        }
        let sink: FileSink
        do {
            sink = try FileSink(stagingFor: outputDirectory)
        } catch {
            return Report(diagnostics: [.error("cannot write the site: \(error.localizedDescription); check that the folder is writable",
                                               at: SourceLocation(path: outputDirectory.path))])
        }
        // Pages are written as they are rendered, so writing overlaps rendering and the site is
        // never all in memory at once.
        var report = produce(into: sink)
        guard report.succeeded else {
            sink.discard()
            return report
        }
        let start = Date()
        do {
            try sink.commit(to: outputDirectory)
        } catch {
            report.diagnostics.append(.error("cannot write the site: \(error.localizedDescription); check that the folder is writable",
                                             at: SourceLocation(path: outputDirectory.path)))
        }
        report.timings.append(Report.Timing(stage: "swap into place", seconds: Date().timeIntervalSince(start),
                                            peakMegabytes: StageClock.peakMegabytes()))
        return report
    }

    /// Everything but writing: the files the site would have, or the diagnostics that stop it.
    public func render() -> Report {
        let sink = FileSink()
        var report = produce(into: sink)
        report.files = sink.files.sorted { $0.path < $1.path }
        return report
    }

    private func produce(into sink: FileSink) -> Report {
        var clock = StageClock()
        let (loaded, loadDiagnostics) = ContentLoader(siteDirectory: options.siteDirectory).load()
        clock.lap("load")
        var diagnostics = loadDiagnostics
        let templatesFolder = options.siteDirectory.appendingPathComponent("Templates")
        var theme = Theme.embedded
        if FileManager.default.fileExists(atPath: templatesFolder.path) {
            let (custom, problems) = Theme.load(from: templatesFolder)
            theme = custom
            diagnostics += problems
        }
        let (library, templateDiagnostics) = theme.library()
        diagnostics += templateDiagnostics
        guard var site = loaded else { return Report(diagnostics: diagnostics.sorted()) }
        if !options.includeDrafts { site.briefings.removeAll { $0.fields.draft == true } }
        if !options.includeFuture, let today = EDTFDate(options.today) {
            site.briefings.removeAll { EDTFDate($0.fields.date).map { today < $0 } ?? false }
        }
        let baseURL = options.baseURL ?? site.config.baseURL
        if let baseURL, URL(string: baseURL)?.scheme.map({ ["http", "https"].contains($0.lowercased()) }) != true {
            diagnostics.append(.error("base URL '\(baseURL)' must start with https:// or http://",
                                      at: options.baseURL == nil ? SourceLocation(path: "Content/site.yml") : SourceLocation(path: "--base-url")))
        }

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
            return Entity(slug: source.slug, name: fields.name, kind: fields.kind, aliases: fields.aliases ?? [],
                          role: fields.role, related: fields.related ?? [], date: date, path: source.path)
        }
        for briefing in site.briefings where EDTFDate(briefing.fields.date) == nil {
            diagnostics.append(.error("invalid date '\(briefing.fields.date)'; write the publication date as YYYY-MM-DD, e.g. 2025-03-31",
                                      at: briefing.fieldLocations["date"] ?? SourceLocation(path: briefing.path)))
        }

        typealias Source = (id: DocumentID, title: String, path: String, body: String, line: Int)
        var sources: [Source] = site.briefings.sorted { ($0.fields.date, $0.slug) < ($1.fields.date, $1.slug) }
            .map { (DocumentID(.briefing, $0.slug), $0.fields.title, $0.path, $0.body, $0.bodyLine) }
        sources += site.entities.map { (DocumentID(.entity, $0.slug), $0.fields.name, $0.path, $0.body, $0.bodyLine) }
        sources += site.pages.map { (DocumentID(.page, $0.slug), $0.fields.title, $0.path, $0.body, $0.bodyLine) }
        let documents = sources.parallelMap { source in
            ContentDocument(id: source.id, title: source.title,
                            parsed: MarkupParser(path: source.path, firstLine: source.line).parse(source.body))
        }
        clock.lap("parse")
        let (graph, linkDiagnostics) = KnowledgeLinker(entities: entities, documents: documents).link()
        clock.lap("link")
        diagnostics += linkDiagnostics
        diagnostics = Array(Set(diagnostics)).sorted()
        var pageSources: [String: String] = [:]
        for source in site.briefings { pageSources[DocumentID(.briefing, source.slug).outputPath] = source.path }
        for source in site.entities { pageSources[DocumentID(.entity, source.slug).outputPath] = source.path }
        for source in site.pages { pageSources[DocumentID(.page, source.slug).outputPath] = source.path }
        let products = Products(graph: graph, documents: documents, site: site, sources: pageSources)
        guard !diagnostics.hasErrors, let library else { return Report(diagnostics: diagnostics, products: products) }

        let renderer = SiteRenderer(site: site, graph: graph, documents: documents, library: library, baseURL: baseURL)
        let jobs = renderer.jobs()
        let searchDocuments = documents.map { document in
            let entity = document.id.kind == .entity ? graph.entities[document.id.slug] : nil
            return SearchIndex.Document(
                title: document.title, url: document.id.outputPath,
                kind: entity?.kind.label ?? (document.id.kind == .briefing ? "Briefing" : "Page"),
                names: entity.map { $0.aliases + [$0.role ?? ""] } ?? [],
                paragraphs: document.parsed.blocks.map { ($0.anchor, $0.text) })
        }
        let export = GraphExport(site: site, graph: graph, documents: documents)
        let pagePaths = jobs.map(\.path)
        let loadedSite = site
        // Each site-wide file is one long task: started first, they run beside the pages.
        let siteWide: [@Sendable () -> [OutputFile]] = [
            { [export.graphFile()] },
            { SearchIndex(documents: searchDocuments).files() },
            { [export.timelineFile()] },
            { Feeds(site: loadedSite, baseURL: renderer.baseURL, pages: pagePaths).files() },
        ]
        let counter = ProgressCounter(total: jobs.count, report: options.progress)
        _ = Array(0..<(siteWide.count + jobs.count)).parallelMap { index in
            guard index >= siteWide.count else { return siteWide[index]().forEach(sink.add) }
            sink.add(renderer.render(jobs[index - siteWide.count]))
            counter.step()
        }
        clock.lap("render and write")
        var files: [OutputFile] = []
        for (path, contents) in theme.staticFiles.sorted(by: { $0.key < $1.key }) {
            files.append(OutputFile(path: "static/" + path, contents: contents))
        }
        let assets = options.siteDirectory.appendingPathComponent("Content/assets")
        for asset in site.assets {
            let contents = FileManager.default.contents(atPath: assets.appendingPathComponent(asset).path) ?? Data()
            files.append(OutputFile(path: "assets/" + asset, contents: Array(contents)))
        }
        _ = files.parallelMap { sink.add($0) }
        clock.lap("write the rest")
        return Report(diagnostics: diagnostics, paths: sink.paths.sorted(), pageCount: jobs.count, entityCount: entities.count,
                      eventCount: graph.events.count, products: products, timings: clock.laps)
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
