import Foundation

/// Reads `DIR/Content`: `site.yml`, briefings, entities, pages and the list of assets.
public struct ContentLoader: Sendable {
    /// The site folder (the one that holds `Content/`).
    public var siteDirectory: URL

    public init(siteDirectory: URL) {
        self.siteDirectory = siteDirectory
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
        var config: SiteConfig?
        if let text = readText(configPath, into: &diagnostics) {
            let (decoded, problems) = YAMLDocumentDecoder(path: configPath, firstLine: 1).decode(SiteConfig.self, from: text)
            config = decoded
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
        return (LoadedSite(config: config, briefings: briefings, entities: entities, pages: pages, assets: assets),
                diagnostics)
    }

    private func loadFolder<Fields: FrontMatterFields>(
        _ folder: String, _ type: Fields.Type, slugs: inout [String: String], diagnostics: inout [Diagnostic]
    ) -> [SourceDocument<Fields>] {
        var documents: [SourceDocument<Fields>] = []
        for file in listFiles(under: folder, diagnostics: &diagnostics) where file.hasSuffix(".md") {
            let path = "Content/\(folder)/\(file)"
            let stem = String(file.dropLast(3))
            let slug = Slug.make(from: stem.replacingOccurrences(of: "/", with: "-"))
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
            guard let text = readText(path, into: &diagnostics) else { continue }
            let split = FrontMatterSplit(text)
            guard let yaml = split.yaml else {
                diagnostics.append(.error("missing front matter; start the file with a `---` line, then at least \(Fields.requiredKeys.map { "`\($0): …`" }.joined(separator: " and ")), then `---`",
                                          at: SourceLocation(path: path)))
                continue
            }
            let (fields, problems, locations) = YAMLDocumentDecoder(path: path, firstLine: 2)
                .decodeWithLocations(Fields.self, from: yaml)
            diagnostics += problems
            if let fields {
                documents.append(SourceDocument(path: path, slug: slug, fields: fields, body: split.body,
                                                bodyLine: split.bodyLine, fieldLocations: locations))
            }
        }
        return documents
    }

    /// Regular files below `Content/<folder>`, relative to it, sorted; hidden files are skipped.
    private func listFiles(under folder: String, diagnostics: inout [Diagnostic]) -> [String] {
        let root = contentDirectory.appendingPathComponent(folder)
        guard let enumerator = FileManager.default.enumerator(
            at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey],
            options: [.skipsHiddenFiles]) else { return [] }
        var files: [String] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            let relative = String(url.path.dropFirst(root.path.count + 1))
            if values?.isSymbolicLink == true {
                let target = url.resolvingSymlinksInPath().path
                if !target.hasPrefix(contentDirectory.resolvingSymlinksInPath().path + "/") {
                    diagnostics.append(.error("symbolic link points outside Content/; copy the file in instead",
                                              at: SourceLocation(path: "Content/\(folder)/\(url.lastPathComponent)")))
                    continue
                }
            }
            if values?.isRegularFile == true || (values?.isSymbolicLink == true && !url.hasDirectoryPath) {
                files.append(relative)
            }
        }
        return files.sorted()
    }

    private func readText(_ path: String, into diagnostics: inout [Diagnostic]) -> String? {
        let url = siteDirectory.appendingPathComponent(path)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            diagnostics.append(.error("cannot read the file; check its permissions", at: SourceLocation(path: path)))
            return nil
        }
        guard var text = String(data: data, encoding: .utf8) else {
            diagnostics.append(.error("the file is not valid UTF-8; save it as UTF-8", at: SourceLocation(path: path)))
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.replacingOccurrences(of: "\r\n", with: "\n")
    }
}
