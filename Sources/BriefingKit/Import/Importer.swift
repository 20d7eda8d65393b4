import Foundation

/// `briefing import`: writes an article as a new briefing with stubs for new entities, or with
/// `update`, adds only what is new to an existing briefing. Never overwrites an existing file
/// otherwise, and writes all files or none.
public struct Importer: Sendable {
    public var text: String
    /// Shown in messages.
    public var sourceName: String
    public var siteDirectory: URL
    /// The publication date (YYYY-MM-DD); else the one in the article.
    public var date: String?
    public var update: Bool

    public init(text: String, sourceName: String, siteDirectory: URL, date: String? = nil, update: Bool = false) {
        self.text = text
        self.sourceName = sourceName
        self.siteDirectory = siteDirectory
        self.date = date
        self.update = update
    }

    /// What an import did (or, on error, why it did nothing).
    public struct Report: Sendable {
        public var diagnostics: [Diagnostic] = []
        /// One line per change, for the terminal.
        public var changes: [String] = []
        /// Files written, relative to the site folder.
        public var written: [String] = []
        public var succeeded: Bool { !diagnostics.hasErrors }
    }

    public func run() -> Report {
        var report = Report()
        guard text.contains(where: { !$0.isWhitespace }) else {
            report.diagnostics.append(.error("the article is empty; paste its text into the file", at: SourceLocation(path: sourceName)))
            return report
        }
        let (text, controls) = Self.replacingControlCharacters(in: text, source: sourceName)
        report.diagnostics += controls
        AtomicFiles.removeLeftovers(in: ["Content/briefings", "Content/entities"].map(url))
        let (site, loadDiagnostics) = ContentLoader(siteDirectory: siteDirectory).load()
        guard let site else {
            report.diagnostics = loadDiagnostics
            return report
        }
        report.diagnostics += loadDiagnostics.filter { $0.severity == .warning }
        if loadDiagnostics.hasErrors {
            report.diagnostics.append(.warning("some entity files could not be read (run `briefing check`); their names are not used for linking",
                                               at: SourceLocation(path: "Content/entities")))
        }
        let entities = site.entities.map {
            Entity(slug: $0.slug, name: $0.fields.name, kind: $0.fields.kind, aliases: $0.fields.aliases ?? [], path: $0.path)
        }
        let analysis = ArticleAnalysis(text: text, date: date, entities: entities)
        report.diagnostics += analysis.dateDiagnostics(source: sourceName)
        guard !report.diagnostics.hasErrors else { return report }
        let writer = BriefingWriter(analysis: analysis, existingEntities: entities)
        let (briefingPath, exists, existing) = briefingFile(for: writer, in: site, report: &report)
        var files: [(path: String, text: String)] = []
        let fileManager = FileManager.default
        if exists {
            guard update else {
                report.diagnostics.append(.error("\(briefingPath) already exists, so nothing was written; run again with --update to add new text and entities without changing what is there",
                                                 at: SourceLocation(path: sourceName)))
                return report
            }
            guard let existing else {
                report.diagnostics.append(.error("cannot read \(briefingPath) as UTF-8 text", at: SourceLocation(path: briefingPath)))
                return report
            }
            var merge = BriefingMerge(existing: existing, generated: writer.blocks())
            if let merged = merge.merged() {
                files.append((briefingPath, merged))
                report.changes += merge.changes.map { "\(briefingPath): \($0)" }
            }
        } else {
            files.append((briefingPath, writer.briefing()))
            report.changes.append("created \(briefingPath)")
        }
        var created: [String] = []
        for stub in writer.entityStubs() {
            let path = "Content/entities/\(stub.slug).md"
            guard !fileManager.fileExists(atPath: url(path).path) else { continue }
            files.append((path, stub.text))
            created.append(stub.slug)
            report.changes.append("created \(path)")
        }
        report.diagnostics += duplicateSuggestions(created, analysis: analysis, existing: entities, briefing: briefingPath)
        guard !files.isEmpty else {
            report.changes.append("nothing new in \(sourceName): every paragraph and entity is already in the site")
            return report
        }
        let problems = ImportCheck(siteDirectory: siteDirectory).newErrors(with: files)
        guard problems.isEmpty else {
            // The writer keeps every name unambiguous and every reference known: reaching this is
            // a bug in the importer, so the message asks for the article rather than an edit.
            report.changes = []
            report.diagnostics.append(.error("the import would leave a site that does not build (\(problems.count) error\(problems.count == 1 ? "" : "s") below), so nothing was written; this is a bug in the importer: please report it with the article",
                                             at: SourceLocation(path: sourceName)))
            report.diagnostics += problems
            return report
        }
        // Entity stubs first, the briefing last: an import killed half way leaves complete stubs
        // and no briefing, so the site still builds and importing again finishes the job.
        files.sort { ($0.path.hasPrefix("Content/briefings/") ? 1 : 0, $0.path) < ($1.path.hasPrefix("Content/briefings/") ? 1 : 0, $1.path) }
        do {
            try AtomicFiles.write(files.map { (url($0.path), $0.text) })
            report.written = files.map(\.path)
        } catch {
            report.changes = []
            report.diagnostics.append(.error("could not write the import: cannot write \(error); no file was changed",
                                             at: SourceLocation(path: siteDirectory.path)))
        }
        return report
    }

    private func url(_ path: String) -> URL { siteDirectory.appendingPathComponent(path) }

    /// A warning for each new entity that the site may already have under another spelling, at
    /// its first mention in the article.
    private func duplicateSuggestions(_ created: [String], analysis: ArticleAnalysis, existing: [Entity], briefing: String) -> [Diagnostic] {
        let first = Dictionary(analysis.entities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let candidates = created.compactMap { slug in
            first[slug].flatMap { mention in
                EntityKind(rawValue: mention.kind).map {
                    LikelyDuplicates.Candidate(slug: slug, name: analysis.displayNames[slug] ?? mention.text, kind: $0)
                }
            }
        }
        return LikelyDuplicates(existing: existing).matches(for: candidates).map { match in
            let (candidate, entity) = match
            return .warning("new entity '\(candidate.slug)' (“\(candidate.name)”) may be '\(entity.slug)' (“\(entity.name)”, \(entity.path)) under another spelling; if they are one, add “\(candidate.name)” to the aliases of '\(entity.slug)', write [[\(entity.slug)]] for [[\(candidate.slug)]] in \(briefing) and delete Content/entities/\(candidate.slug).md",
                            at: analysis.location(of: first[candidate.slug]!.start, in: sourceName))
        }
    }

    /// The briefing this article goes to, whether it exists and its text (nil when unreadable):
    /// the slug's file when it is free or holds this article, else the first free or matching
    /// `<slug>-2`, `<slug>-3`… Never another article's file.
    private func briefingFile(for writer: BriefingWriter, in site: LoadedSite, report: inout Report)
        -> (path: String, exists: Bool, text: String?) {
        let blocks = writer.analysis.structure.blocks.map(\.text)
        let title = writer.analysis.structure.title?.text ?? BriefingWriter.untitled
        var number = 1
        while true {
            let slug = number == 1 ? writer.slug : "\(writer.slug)-\(number)"
            let path = "Content/briefings/\(slug).md"
            guard FileManager.default.fileExists(atPath: url(path).path) else {
                if number > 1 {
                    report.diagnostics.append(.warning("Content/briefings/\(writer.slug).md holds another article, so this one goes to \(path)",
                                                       at: SourceLocation(path: sourceName)))
                }
                return (path, false, nil)
            }
            let existing = try? String(contentsOf: url(path), encoding: .utf8)
            // The same article: most of its paragraphs were imported there; or, in a file that
            // keeps no record, the same title.
            let isSame = existing.flatMap { ImportRecord(frontMatterOf: $0) }.map { $0.overlap(with: blocks) >= 0.5 }
                ?? (site.briefings.first { $0.path == path }?.fields.title == title)
            if isSame || existing == nil { return (path, true, existing) }
            number += 1
        }
    }

    /// The article with every control character that no page can show (those the loader refuses
    /// in front matter: NUL, ESC…) replaced by U+FFFD, as CommonMark does with NUL; and a warning
    /// at the first one.
    static func replacingControlCharacters(in text: String, source: String) -> (String, [Diagnostic]) {
        func isControl(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x20 && scalar != "\t" && scalar != "\n" && scalar != "\r" || scalar.value == 0x7F
        }
        guard text.utf8.contains(where: { $0 < 0x20 && $0 != 9 && $0 != 10 && $0 != 13 || $0 == 0x7F }) else { return (text, []) }
        var result = String.UnicodeScalarView()
        var count = 0
        var first = SourceLocation(path: source)
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                if count == 0 { first = SourceLocation(path: source, line: line, column: column) }
                count += 1
                result.append("\u{FFFD}")
            } else {
                result.append(scalar)
            }
            if scalar == "\n" { line += 1; column = 1 } else { column += 1 }
        }
        let hex = String(text.unicodeScalars.first(where: isControl)!.value, radix: 16, uppercase: true)
        let code = "U+" + String(repeating: "0", count: 4 - hex.count) + hex
        let what = count == 1 ? "a control character (\(code))" : "\(count) control characters (the first \(code))"
        return (String(result), [.warning("the article has \(what), which no page can show; the briefing has U+FFFD (�) in its place",
                                          at: first)])
    }
}

/// Writes several files so that either all of them change or none does: each goes to a
/// temporary file beside its target first, and only then are they renamed into place.
enum AtomicFiles {
    static let temporarySuffix = ".briefing-tmp"

    /// Removes temporary files that an import killed before its renames left behind.
    static func removeLeftovers(in folders: [URL]) {
        for folder in folders {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            where name.hasPrefix(".") && name.hasSuffix(temporarySuffix) {
                try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            }
        }
    }

    /// Writes every file or none; a failure names the file and says what happened.
    static func write(_ files: [(URL, String)]) throws(FileError) {
        let fileManager = FileManager.default
        var staged: [(temporary: URL, target: URL, previous: Data?)] = []
        do throws(FileError) {
            for (target, text) in files {
                do {
                    try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                } catch { throw FileError(target.deletingLastPathComponent().path, from: error) }
                let temporary = target.deletingLastPathComponent()
                    .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)\(temporarySuffix)")
                do { try Data(text.utf8).write(to: temporary) } catch { throw FileError(target.path, from: error) }
                staged.append((temporary, target, fileManager.contents(atPath: target.path)))
            }
        } catch {
            for file in staged { try? fileManager.removeItem(at: file.temporary) }
            throw error
        }
        var renamed: [(target: URL, previous: Data?)] = []
        for file in staged {
            if rename(file.temporary.path, file.target.path) != 0 {
                let failure = FileError(file.target.path)
                // Put back what was there before this import.
                for done in renamed {
                    if let previous = done.previous { try? previous.write(to: done.target) } else { try? fileManager.removeItem(at: done.target) }
                }
                for pending in staged { try? fileManager.removeItem(at: pending.temporary) }
                throw failure
            }
            renamed.append((file.target, file.previous))
        }
    }
}
