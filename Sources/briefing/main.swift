import ArgumentParser
import BriefingKit
import Foundation

@main
struct Briefing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefing",
        abstract: "A static site generator for annotated briefings.",
        subcommands: [Init.self, Build.self, Serve.self, Check.self, Import.self, Extract.self])
}

/// Whether standard error is a terminal that wants colour (not when NO_COLOR is set).
let colourErrors = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

/// Prints diagnostics as `path:line:column: severity: message` on standard error.
func report(_ diagnostics: [Diagnostic]) {
    for diagnostic in diagnostics {
        var line = diagnostic.description
        if colourErrors {
            let colour = diagnostic.severity == .error ? "\u{1B}[31m" : "\u{1B}[33m"
            line = line.replacingOccurrences(of: ": \(diagnostic.severity.rawValue): ",
                                             with: ": \(colour)\(diagnostic.severity.rawValue)\u{1B}[0m: ")
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
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

        @Flag(name: .long, help: "Include briefings dated after today.")
        var future = false

        @Option(name: .customLong("base-url"), help: "The site's public address (e.g. https://example.org/briefings/): adds canonical links, feed.xml and sitemap.xml.")
        var baseURL: String?

        @Flag(name: .shortAndLong, help: "Print only diagnostics.")
        var quiet = false

        @Flag(name: .shortAndLong, help: "Also print every file written.")
        var verbose = false

        func run() throws {
            let start = Date()
            let site = URL(fileURLWithPath: directory)
            // Progress only on a terminal, and only once a build has taken more than a second.
            let showProgress = !quiet && isatty(STDERR_FILENO) == 1
            let progress: @Sendable (Int, Int) -> Void = { done, total in
                guard Date().timeIntervalSince(start) > 1 else { return }
                let end = done == total ? "\n" : ""
                FileHandle.standardError.write(Data("\rrendering pages \(done)/\(total)\(end)".utf8))
            }
            let builder = SiteBuilder(options: .init(siteDirectory: site, outputDirectory: output.map { URL(fileURLWithPath: $0) },
                                                     includeDrafts: drafts, includeFuture: future, baseURL: baseURL,
                                                     progress: showProgress ? progress : nil))
            let result = builder.build()
            report(result.diagnostics)
            if verbose {
                for path in result.paths { print(builder.outputDirectory.appendingPathComponent(path).path) }
                for (stage, seconds) in result.timings {
                    print(stage.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%7.3f s", seconds))
                }
            }
            guard result.succeeded else {
                let errors = result.diagnostics.filter { $0.severity == .error }.count
                FileHandle.standardError.write(Data("build failed: \(errors) error\(errors == 1 ? "" : "s"); \(builder.outputDirectory.path) was left as it was\n".utf8))
                throw ExitCode.failure
            }
            let seconds = Date().timeIntervalSince(start)
            if quiet { return }
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

extension Briefing {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site, serve it locally and rebuild and reload the browser on every change.")

        @Argument(help: "The site folder (the one holding Content/).")
        var directory: String = "."

        @Option(name: .long, help: "The first port to try; the next free one is used if it is taken.")
        var port: UInt16 = 8080

        @Option(name: .long, help: "The address to listen on.")
        var host: String = "127.0.0.1"

        func run() async throws {
            let server = DevServer(options: .init(siteDirectory: URL(fileURLWithPath: directory), host: host, port: port)) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            let listening = try await server.start()
            let line = "serving \(URL(fileURLWithPath: directory).standardizedFileURL.path) at http://\(host):\(listening)/ (Ctrl-C to stop)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
            // Ctrl-C and SIGTERM stop the server and exit cleanly.
            signal(SIGINT, SIG_IGN)
            signal(SIGTERM, SIG_IGN)
            let stopped = AsyncStream<Void> { continuation in
                for number in [SIGINT, SIGTERM] {
                    let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
                    source.setEventHandler { continuation.yield() }
                    source.resume()
                    signalSources.append(source)
                }
            }
            for await _ in stopped { break }
            await server.stop()
            print("stopped")
        }
    }
}

/// Kept alive for the life of the process.
nonisolated(unsafe) var signalSources: [DispatchSourceSignal] = []

extension Briefing {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Report every problem a build would have, plus broken internal links and likely mistakes, without writing.")

        @Argument(help: "The site folder (the one holding Content/).")
        var directory: String = "."

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Option(name: .long, help: "text (path:line:column: severity: message) or json.")
        var format: Format = .text

        func run() throws {
            let diagnostics = SiteChecker(siteDirectory: URL(fileURLWithPath: directory)).check()
            switch format {
            case .text:
                report(diagnostics)
                let errors = diagnostics.filter { $0.severity == .error }.count
                let summary = "\(errors) error\(errors == 1 ? "" : "s"), \(diagnostics.count - errors) warning\(diagnostics.count - errors == 1 ? "" : "s")\n"
                FileHandle.standardError.write(Data(summary.utf8))
            case .json:
                let items = diagnostics.map { diagnostic in
                    ["path": diagnostic.location.path, "line": diagnostic.location.line, "column": diagnostic.location.column,
                     "severity": diagnostic.severity.rawValue, "message": diagnostic.message] as [String: Any]
                }
                let data = try JSONSerialization.data(withJSONObject: items, options: [.prettyPrinted, .sortedKeys])
                print(String(decoding: data, as: UTF8.self))
            }
            if diagnostics.hasErrors { throw ExitCode.failure }
        }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a new site: site.yml, the default templates, an example briefing with two entities.")

        @Argument(help: "The folder for the new site (created when missing).")
        var directory: String = "."

        @Flag(name: .long, help: "Also use a folder that is not empty (existing files are never changed).")
        var force = false

        func run() throws {
            let result = SiteScaffold(directory: URL(fileURLWithPath: directory)).create(force: force)
            report(result.diagnostics)
            for line in result.created { print("created \(line)") }
            for line in result.skipped { print("kept \(line) (it already exists)") }
            guard !result.diagnostics.hasErrors else { throw ExitCode.failure }
            print("next: cd \(directory) && briefing serve")
        }
    }
}
