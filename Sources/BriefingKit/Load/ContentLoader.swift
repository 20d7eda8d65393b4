import Foundation

/// Reads `DIR/Content`: `site.yml`, briefings, entities, pages and the list of assets.
public struct ContentLoader: Sendable {
    /// The site folder (the one that holds `Content/`).
    public let siteDirectory: URL

    /// Files loaded by an earlier build, reused while unchanged.
    var cache: LoadCache?

    /// `Content/`, read through the one rule for symbolic links.
    let content: SiteFolder

    /// Files not written yet (`Content/…` path → text), read as if they were: an import checks
    /// the site it is about to make with the build's own rules before writing anything.
    let pending: [String: String]

    public init(siteDirectory: URL) {
        self.init(siteDirectory: siteDirectory, cache: nil)
    }

    init(siteDirectory: URL, cache: LoadCache?, pending: [String: String] = [:]) {
        self.siteDirectory = siteDirectory
        self.cache = cache
        self.pending = pending
        content = SiteFolder("Content", in: siteDirectory)
    }

    var contentDirectory: URL { siteDirectory.appendingPathComponent("Content") }

    /// Loads everything; returns nil only when nothing usable could be read (no `Content/site.yml`).
    public func load() -> (LoadedSite?, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let configPath = "Content/site.yml"
        guard FileManager.default.fileExists(atPath: contentDirectory.appendingPathComponent("site.yml").path) else {
            let hint = FileManager.default.fileExists(atPath: contentDirectory.path)
                ? "create it with at least `title: My Briefings`"
                : "is this a Briefing site? run `briefing init` to make one"
            return (nil, [.error("no site.yml found; \(hint)", at: SourceLocation(path: configPath))])
        }
        if let problem = content.problem { return (nil, [problem]) }
        var config: SiteConfig?
        var configLocations: [String: SourceLocation] = [:]
        if let text = readText(configPath, into: &diagnostics) {
            let (decoded, problems, locations) = YAMLDocumentDecoder(path: configPath, firstLine: 1)
                .decodeAll(SiteConfig.self, from: text)
            config = decoded
            configLocations = locations
            diagnostics += problems
        }
        var slugs: [String: String] = [:]
        let briefings = loadFolder("briefings", BriefingFrontMatter.self, slugs: &slugs, diagnostics: &diagnostics)
        slugs = [:]
        let entities = loadFolder("entities", EntityFrontMatter.self, slugs: &slugs, diagnostics: &diagnostics)
        slugs = [:]
        let pages = loadFolder("pages", PageFrontMatter.self, slugs: &slugs, diagnostics: &diagnostics)
        let assets = listFiles(under: "assets", diagnostics: &diagnostics)
        guard let config else { return (nil, diagnostics) }
        var site = LoadedSite(config: config, briefings: briefings, entities: entities, pages: pages, assets: assets)
        site.configLocations = configLocations
        return (site, diagnostics)
    }

    private func loadFolder<Fields: FrontMatterFields>(
        _ folder: String, _ type: Fields.Type, slugs: inout [String: String], diagnostics: inout [Diagnostic]
    ) -> [SourceDocument<Fields>] {
        // Slugs are checked in file order first; reading and decoding then run on all cores.
        var accepted: [(name: String, path: String, slug: String)] = []
        for file in listFiles(under: folder, diagnostics: &diagnostics) where file.hasSuffix(".md") {
            let path = "Content/\(folder)/\(file)"
            let name = String(file.dropLast(3))
            let slug = Slug.make(from: name.utf8.contains(UInt8(ascii: "/")) ? name.replacingOccurrences(of: "/", with: "-") : name)
            guard !slug.isEmpty else {
                diagnostics.append(.error("file name gives an empty slug; use letters or digits in the name",
                                          at: SourceLocation(path: path)))
                continue
            }
            if let other = slugs[slug] {
                diagnostics.append(.error("duplicate slug '\(slug)': \(other) has it too; rename one of the files",
                                          at: SourceLocation(path: path)))
                continue
            }
            slugs[slug] = path
            accepted.append((file, path, slug))
        }
        let root = siteDirectory.path
        let folderPath = root + "/Content/" + folder
        let opened = cache == nil ? -1 : open(folderPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        defer { if opened >= 0 { close(opened) } }
        let loaded = accepted.parallelMap { file -> (SourceDocument<Fields>?, [Diagnostic]) in
            guard let cache, pending.isEmpty else { return loadFile(file.path, slug: file.slug, Fields.self) }
            let signature = opened >= 0 ? LoadCache.Signature(file.name, in: opened) : LoadCache.Signature(path: folderPath + "/" + file.name)
            return cache.value(at: root + "/" + file.path, signature: signature) {
                loadFile(file.path, slug: file.slug, Fields.self)
            }
        }
        diagnostics += loaded.flatMap(\.1)
        return loaded.compactMap(\.0)
    }

    private func loadFile<Fields: FrontMatterFields>(_ path: String, slug: String, _ type: Fields.Type)
        -> (SourceDocument<Fields>?, [Diagnostic]) {
        var problems: [Diagnostic] = []
        guard let text = readText(path, into: &problems) else { return (nil, problems) }
        let split = FrontMatterSplit(text)
        guard let yaml = split.yaml else {
            let keys = Fields.requiredKeys.map { "`\($0): …`" }.joined(separator: " and ")
            return (nil, [.error("missing front matter; start the file with a `---` line, then at least \(keys), then `---`",
                                 at: SourceLocation(path: path))])
        }
        let (fields, decodeProblems, locations) = YAMLDocumentDecoder(path: path, firstLine: 2)
            .decodeAll(Fields.self, from: yaml)
        return (fields.map { SourceDocument(path: path, slug: slug, fields: $0, body: split.body,
                                            bodyLine: split.bodyLine, fieldLocations: locations) }, decodeProblems)
    }

    /// Regular files below `Content/<folder>`, relative to it, sorted; hidden files are skipped.
    private func listFiles(under folder: String, diagnostics: inout [Diagnostic]) -> [String] {
        let (files, problems) = content.files(under: folder)
        diagnostics += problems
        let prefix = "Content/\(folder)/"
        let added = pending.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
        return added.isEmpty ? files : Array(Set(files).union(added)).sorted()
    }

    /// Reads `path` (`Content/…`) through the site's symbolic link rule, as UTF-8 text.
    private func readText(_ path: String, into diagnostics: inout [Diagnostic]) -> String? {
        let data: [UInt8]
        if let text = pending[path] { return text }
        switch content.read(String(path.dropFirst("Content/".count))) {
        case .success(let bytes): data = bytes
        case .failure(let problem):
            diagnostics.append(problem.diagnostic)
            return nil
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            diagnostics.append(.error("the file is not valid UTF-8; save it as UTF-8", at: SourceLocation(path: path)))
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.containsByte(where: { $0 == 13 }) ? text.replacingOccurrences(of: "\r\n", with: "\n") : text
    }
}
