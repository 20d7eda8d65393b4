import Foundation
import Mustache

/// A set of Mustache templates and static files: a site's `Templates/` or the embedded default.
public struct Theme: Sendable, Equatable {
    /// Template text by name (file name without `.mustache`).
    public var templates: [String: String]
    /// Files copied to `Output/static/`, by path relative to `Templates/static/`.
    public var staticFiles: [String: [UInt8]]
    /// Where the templates came from, for diagnostics (`Templates` or `(default theme)`).
    public var origin: String

    public init(templates: [String: String], staticFiles: [String: [UInt8]], origin: String) {
        self.templates = templates
        self.staticFiles = staticFiles
        self.origin = origin
    }

    /// Templates every theme must provide.
    public static let requiredTemplates = ["base", "home", "briefing", "entity", "entities", "timeline", "page", "search", "404"]

    /// The default theme compiled into the binary (see `DefaultTheme.swift`).
    public static var embedded: Theme {
        Theme(templates: DefaultTheme.templates, staticFiles: DefaultTheme.staticFiles.mapValues { Array($0.utf8) },
              origin: "Templates")
    }

    /// Reads `folder`: `*.mustache` templates and everything under `static/`, through the site's
    /// one rule for symbolic links (`SiteFolder`): a link out of the folder is an error, never read.
    public static func load(from folder: URL) -> (Theme, [Diagnostic]) {
        let origin = folder.lastPathComponent
        let theme = SiteFolder(url: folder, name: origin, site: folder.deletingLastPathComponent())
        if let problem = theme.problem { return (Theme(templates: [:], staticFiles: [:], origin: origin), [problem]) }
        var templates: [String: String] = [:]
        var staticFiles: [String: [UInt8]] = [:]
        var (names, diagnostics) = theme.files(under: "", recursive: false) { $0.hasSuffix(".mustache") }
        for file in names {
            switch theme.read(file) {
            case .success(let bytes):
                guard let text = String(validating: bytes, as: UTF8.self) else {
                    diagnostics.append(.error("cannot read the template as UTF-8 text", at: SourceLocation(path: "\(origin)/\(file)")))
                    continue
                }
                templates[String(file.dropLast(".mustache".count))] = text
            case .failure(let problem): diagnostics.append(problem.diagnostic)
            }
        }
        let (assets, problems) = theme.files(under: "static")
        diagnostics += problems
        for file in assets {
            switch theme.read("static/" + file) {
            case .success(let bytes): staticFiles[file] = bytes
            case .failure(let problem): diagnostics.append(problem.diagnostic)
            }
        }
        return (Theme(templates: templates, staticFiles: staticFiles, origin: origin), diagnostics)
    }

    /// Compiles the templates; every syntax error, missing template, partial or parent naming no
    /// template, and cycle of templates is a diagnostic.
    public func library() -> (MustacheLibrary?, [Diagnostic]) {
        Self.registerEscaping
        var library = MustacheLibrary()
        var diagnostics: [Diagnostic] = []
        for name in templates.keys.sorted() {
            do {
                try library.register(Self.escapingPragma + templates[name]!, named: name)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma is a line of its own, so only the line number moves.
                diagnostics.append(.error("template syntax: \(error.error); check the tags near here",
                                          at: SourceLocation(path: "\(origin)/\(name).mustache",
                                                             line: max(1, error.context.lineNumber - 1),
                                                             column: error.context.columnNumber)))
            } catch {
                diagnostics.append(.error("template error: \(error)", at: SourceLocation(path: "\(origin)/\(name).mustache")))
            }
        }
        // Templates added to the default theme after a site copied it (the archive, tag, timeline
        // year and mention pages, the pagination partial) come from the default theme, so a site's
        // own older theme keeps building; they extend the site's own `base`.
        for name in DefaultTheme.templates.keys.sorted() where templates[name] == nil && !Self.requiredTemplates.contains(name) {
            try? library.register(Self.escapingPragma + DefaultTheme.templates[name]!, named: name)
        }
        // Includes are checked in templates that compiled: a syntax error is reported once, by itself.
        let compiled = templates.filter { library.getTemplate(named: $0.key) != nil }
        diagnostics += TemplateIncludes.diagnostics(compiled, templateNames: Set(templates.keys), origin: origin)
        for name in Self.requiredTemplates where templates[name] == nil {
            diagnostics.append(.error("missing template \(name).mustache; copy it from the default theme (`briefing init`)",
                                      at: SourceLocation(path: "\(origin)/\(name).mustache")))
        }
        return diagnostics.isEmpty ? (library, []) : (nil, diagnostics)
    }

    /// Put before every template: a standalone line, so it renders nothing and leaves the template's
    /// own first line as it was. A template may still switch to `TEXT` with its own pragma.
    static let escapingPragma = "{{%CONTENT_TYPE:HTML}}\n"

    /// swift-mustache escapes `{{value}}` with a content type chosen by the `CONTENT_TYPE` pragma, and
    /// escapes without one by comparing whole Characters: `"` followed by a combining mark is one
    /// Character, so it slipped through unescaped and ended an attribute value early. `HTML.escape`
    /// replaces the same five characters byte by byte (and returns most values without copying them:
    /// escaping was 15 % of a build). Registered under the name `HTML`, so templates that name the
    /// content type themselves get it too.
    private static let registerEscaping: Void = MustacheContentTypes.register(ByteHTMLEscaping(), named: "HTML")
}

/// `{{value}}` escaping for every template: `HTML.escape`, by bytes.
struct ByteHTMLEscaping: MustacheContentType {
    func escapeText(_ text: String) -> String { HTML.escape(text) }
}
