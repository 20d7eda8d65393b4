import ArgumentParser
import BriefingKit
import Foundation

@main
struct Briefing: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefing",
        abstract: "A static site generator for annotated briefings.",
        subcommands: [Build.self, Import.self, Extract.self])
}

/// Prints diagnostics as `path:line:column: severity: message` on standard error.
func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
        FileHandle.standardError.write(Data((diagnostic.description + "\n").utf8))
    }
}

extension Briefing {
    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Build the site in DIR into DIR/Output.")

        @Argument(help: "The site folder (the one holding Content/).")
        var directory: String = "."

        @Option(name: .long, help: "Where to write the site (default: DIR/Output).")
        var output: String?

        @Flag(name: .long, help: "Include briefings marked `draft: true`.")
        var drafts = false

        func run() throws {
            let start = Date()
            let site = URL(fileURLWithPath: directory)
            let builder = SiteBuilder(options: .init(siteDirectory: site, outputDirectory: output.map { URL(fileURLWithPath: $0) },
                                                     includeDrafts: drafts))
            let result = builder.build()
            report(result.diagnostics)
            guard result.succeeded else {
                let errors = result.diagnostics.filter { $0.severity == .error }.count
                FileHandle.standardError.write(Data("build failed: \(errors) error\(errors == 1 ? "" : "s"); \(builder.outputDirectory.path) was left as it was\n".utf8))
                throw ExitCode.failure
            }
            let seconds = Date().timeIntervalSince(start)
            print("built \(result.pageCount) pages, \(result.entityCount) entities, \(result.eventCount) events into \(builder.outputDirectory.path) in \(String(format: "%.2f", seconds)) s")
        }
    }
}

extension Briefing {
    struct Extract: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the entities and dates of a plain-text article as JSON (offsets in code points).")

        @Argument(help: "The article as plain text (UTF-8).")
        var file: String

        @Option(name: .long, help: "The publication date (YYYY-MM-DD); relative dates resolve against it.")
        var date: String?

        func run() throws {
            let text = try readArticle(file)
            print(ArticleAnalysis(text: text, date: date).json())
        }
    }
}

/// Reads an article; a missing, non-UTF-8 or empty file is an error that says what to do.
func readArticle(_ path: String) throws -> String {
    let location = SourceLocation(path: path)
    guard let data = FileManager.default.contents(atPath: path) else {
        report([.error("cannot read the file; check the path and its permissions", at: location)])
        throw ExitCode.failure
    }
    guard let text = String(data: data, encoding: .utf8) else {
        report([.error("the file is not valid UTF-8 text; save it as UTF-8 and try again", at: location)])
        throw ExitCode.failure
    }
    guard text.contains(where: { !$0.isWhitespace }) else {
        report([.error("the file is empty; paste the article's text into it", at: location)])
        throw ExitCode.failure
    }
    return text
}

extension Briefing {
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Turn a plain-text article into a linked briefing with stubs for its new entities.",
            discussion: "Never overwrites a file: importing the same article again writes nothing, unless --update is given, which adds only new paragraphs and entities and leaves every edit in place.")

        @Argument(help: "The article as plain text (UTF-8), as copied from a web page.")
        var file: String

        @Option(name: .long, help: "The site folder (default: the current folder).")
        var site: String = "."

        @Option(name: .long, help: "The publication date (YYYY-MM-DD), if the article does not give it.")
        var date: String?

        @Flag(name: .long, help: "Merge into an existing briefing: add new paragraphs and entities, change nothing else.")
        var update = false

        func run() throws {
            let text = try readArticle(file)
            if let date, EDTFDate(date)?.isoValue?.count != 10 {
                throw ValidationError("--date \(date): write the publication date as YYYY-MM-DD, e.g. 2025-03-31")
            }
            let result = Importer(text: text, sourceName: file, siteDirectory: URL(fileURLWithPath: site), date: date,
                                  update: update).run()
            report(result.diagnostics)
            for change in result.changes { print(change) }
            guard result.succeeded else { throw ExitCode.failure }
        }
    }
}
