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
        let writer = BriefingWriter(analysis: analysis, existingEntities: entities)
        let briefingPath = "Content/briefings/\(writer.slug).md"
        var files: [(path: String, text: String)] = []
        let fileManager = FileManager.default
        if fileManager.fileExists(atPath: url(briefingPath).path) {
            guard update else {
                report.diagnostics.append(.error("\(briefingPath) already exists, so nothing was written; run again with --update to add new text and entities without changing what is there",
                                                 at: SourceLocation(path: sourceName)))
                return report
            }
            guard let existing = try? String(contentsOf: url(briefingPath), encoding: .utf8) else {
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
        for stub in writer.entityStubs() {
            let path = "Content/entities/\(stub.slug).md"
            guard !fileManager.fileExists(atPath: url(path).path) else { continue }
            files.append((path, stub.text))
            report.changes.append("created \(path)")
        }
        guard !files.isEmpty else {
            report.changes.append("nothing new in \(sourceName): every paragraph and entity is already in the site")
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
            report.diagnostics.append(.error("could not write the import (\(error.localizedDescription)); no file was changed",
                                             at: SourceLocation(path: siteDirectory.path)))
        }
        return report
    }

    private func url(_ path: String) -> URL { siteDirectory.appendingPathComponent(path) }
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

    static func write(_ files: [(URL, String)]) throws {
        let fileManager = FileManager.default
        var staged: [(temporary: URL, target: URL, previous: Data?)] = []
        do {
            for (target, text) in files {
                try fileManager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                let temporary = target.deletingLastPathComponent()
                    .appendingPathComponent(".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)\(temporarySuffix)")
                try Data(text.utf8).write(to: temporary)
                staged.append((temporary, target, fileManager.contents(atPath: target.path)))
            }
        } catch {
            for file in staged { try? fileManager.removeItem(at: file.temporary) }
            throw error
        }
        var renamed: [(target: URL, previous: Data?)] = []
        for file in staged {
            if rename(file.temporary.path, file.target.path) != 0 {
                let failure = CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: file.target.path])
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
