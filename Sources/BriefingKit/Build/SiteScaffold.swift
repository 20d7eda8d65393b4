import Foundation

/// `briefing init`: a new site with `site.yml`, the default templates, one example briefing
/// with two entities and an annotation, and a README. Refuses a folder that is not empty unless
/// forced, and even then never changes or deletes an existing file.
public struct SiteScaffold: Sendable {
    public var directory: URL

    public init(directory: URL) {
        self.directory = directory
    }

    /// What `create` did.
    public struct Result: Sendable {
        public var created: [String] = []
        public var skipped: [String] = []
        public var diagnostics: [Diagnostic] = []
    }

    /// The files of a new site, by path relative to its folder.
    public static var files: [(path: String, text: String)] {
        var files: [(String, String)] = [
            ("Content/site.yml", """
            title: My Briefings
            description: Annotated briefings with entity pages and a timeline.
            language: en
            author: Your Name
            """ + "\n"),
            ("Content/briefings/welcome.md", """
            ---
            title: Welcome to Briefing
            author: Your Name
            date: 2025-01-15
            summary: An example briefing that shows references, dates and annotations.
            tags: [example]
            ---
            [[Ada Lovelace]] published her notes on the [[analytical-engine|Analytical Engine]] in
            [[1843|1843]], a century before the first electronic computers.[^notes]

            > [!NOTE]
            > Every `[[reference]]` links to an entity page; every date puts its sentence on the timeline.

            [^notes]: [!CONTEXT] Her notes include what is often called the first computer program.
            """ + "\n"),
            ("Content/entities/ada-lovelace.md", """
            ---
            name: Ada Lovelace
            kind: person
            aliases: [Lovelace, Augusta Ada King]
            role: Mathematician
            related: [analytical-engine]
            ---
            English mathematician who wrote about the [[analytical-engine|Analytical Engine]].
            """ + "\n"),
            ("Content/entities/analytical-engine.md", """
            ---
            name: Analytical Engine
            kind: other
            aliases: [the Engine]
            ---
            A general-purpose mechanical computer designed by Charles Babbage.
            """ + "\n"),
            ("README.md", """
            # My Briefings

            A site made with Briefing: annotated briefings, entity pages and a timeline.

            - `briefing serve` — build, serve on http://127.0.0.1:8080/ and reload the browser on every save.
            - `briefing build` — write the site to `Output/`, ready for any web host.
            - `briefing check` — every problem at once, plus broken links; run it before publishing.
            - `briefing import article.txt` — turn a plain-text article into a linked briefing.

            Write briefings in `Content/briefings/`, entities in `Content/entities/`, free pages in
            `Content/pages/`, and put images in `Content/assets/`. Change the look in `Templates/`.
            """ + "\n"),
        ]
        for (name, text) in Theme.embedded.templates.sorted(by: { $0.key < $1.key }) {
            files.append(("Templates/\(name).mustache", text))
        }
        for (name, bytes) in Theme.embedded.staticFiles.sorted(by: { $0.key < $1.key }) {
            files.append(("Templates/static/\(name)", String(decoding: bytes, as: UTF8.self)))
        }
        return files
    }

    public func create(force: Bool) -> Result {
        var result = Result()
        let fileManager = FileManager.default
        let existing = (try? fileManager.contentsOfDirectory(atPath: directory.path)) ?? []
        if !existing.filter({ !$0.hasPrefix(".") }).isEmpty && !force {
            result.diagnostics.append(.error("the folder is not empty; choose an empty or new folder, or pass --force to add the missing files (nothing is overwritten)",
                                             at: SourceLocation(path: directory.path)))
            return result
        }
        var toWrite: [(URL, String)] = []
        for (path, text) in Self.files {
            let url = directory.appendingPathComponent(path)
            if fileManager.fileExists(atPath: url.path) {
                result.skipped.append(path)
            } else {
                toWrite.append((url, text))
                result.created.append(path)
            }
        }
        do {
            try AtomicFiles.write(toWrite)
        } catch {
            result.created = []
            result.diagnostics.append(.error("cannot create the site: cannot write \(error)", at: SourceLocation(path: directory.path)))
        }
        return result
    }
}
