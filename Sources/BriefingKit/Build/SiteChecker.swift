import Foundation

/// `briefing check`: every diagnostic a build would give, broken internal links and anchors in
/// the rendered pages, and warnings for likely mistakes: entities never mentioned, empty
/// annotations, dates after a briefing's publication date; and an `Output/` that a build would
/// refuse to replace. Writes nothing.
public struct SiteChecker: Sendable {
    public var siteDirectory: URL

    public init(siteDirectory: URL) {
        self.siteDirectory = siteDirectory
    }

    public func check() -> [Diagnostic] {
        let builder = SiteBuilder(options: .init(siteDirectory: siteDirectory))
        let report = builder.render()
        var diagnostics = report.diagnostics
        guard let products = report.products else { return diagnostics }
        // What `build` would refuse to replace, it refuses in a check too.
        if let reason = builder.outputFolder(products.site.config).refusal() { diagnostics.append(builder.refusal(reason)) }
        diagnostics += linkDiagnostics(report.files, sources: products.sources, theme: products.theme)
        diagnostics += warnings(products)
        return Array(Set(diagnostics)).sorted()
    }

    private func linkDiagnostics(_ files: [OutputFile], sources: [String: String], theme: Theme) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        // A link a template writes breaks on every page made with it: reported once, at the template.
        var fromTemplates: [TemplateLink: (pages: [String], link: LinkChecker.BrokenLink)] = [:]
        for link in LinkChecker(files: files).brokenLinks() {
            // Point at the content file that holds the link when it is written there, else at the
            // template that does, else at the page.
            if let source = sources[link.page], let found = find(link.target, in: source) {
                diagnostics.append(.error("broken link \(link.target) on \(link.page): \(link.reason); fix the link or create its target", at: found))
                continue
            }
            let key = LinkChecker.templateLink(link, in: theme) ?? TemplateLink(location: SourceLocation(path: "Output/" + link.page),
                                                                                written: link.target)
            fromTemplates[key, default: ([], link)].pages.append(link.page)
        }
        for (key, found) in fromTemplates {
            let link = found.link
            if key.location.path.hasPrefix("Output/") {
                diagnostics.append(.error("broken link \(link.target) on \(link.page): \(link.reason); fix the link or create its target", at: key.location))
            } else {
                let pages = found.pages.count == 1 ? "on \(link.page)" : "on \(found.pages.count) pages, e.g. \(link.page)"
                diagnostics.append(.error("broken link \(key.written) in the template (\(link.target) \(pages)): \(link.reason); fix the template or create its target",
                                          at: key.location))
            }
        }
        return diagnostics
    }

    private func find(_ text: String, in path: String) -> SourceLocation? {
        guard path.hasPrefix("Content/"),
              case .success(let bytes) = SiteFolder("Content", in: siteDirectory).read(String(path.dropFirst("Content/".count))),
              let content = String(validating: bytes, as: UTF8.self) else { return nil }
        for (number, line) in content.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: text) {
                return SourceLocation(path: path, line: number + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return nil
    }

    private func warnings(_ products: SiteBuilder.Products) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let graph = products.graph
        for entity in graph.sortedEntities where graph.mentionCount(of: entity.slug) == 0 && (graph.backlinks[entity.slug] ?? []).isEmpty {
            warnings.append(.warning("entity '\(entity.slug)' is never mentioned; link it with [[\(entity.slug)]] or remove the file",
                                     at: SourceLocation(path: entity.path)))
        }
        let publication = Dictionary(products.site.briefings.map { ($0.slug, EDTFDate($0.fields.date)) }, uniquingKeysWith: { first, _ in first })
        for document in products.documents {
            for annotation in document.parsed.annotations {
                let text = annotation.blockIndex.map { document.parsed.blocks[$0].text } ?? ""
                if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    warnings.append(.warning("annotation [^\(annotation.label)] is empty; write the note or remove it", at: annotation.location))
                }
            }
            guard document.id.kind == .briefing, let published = publication[document.id.slug] ?? nil,
                  let publishedStart = published.start else { continue }
            for (index, resolution) in (graph.resolutions[document.id] ?? []).enumerated() {
                guard case .date(let date) = resolution, let start = date.start, start.lowerBound > publishedStart.upperBound else { continue }
                warnings.append(.warning("date \(date.value) is after the briefing's publication date \(published.value); check it (a forecast is fine)",
                                         at: document.parsed.references[index].location))
            }
        }
        return warnings
    }
}
