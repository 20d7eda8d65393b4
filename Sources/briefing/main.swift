import ArgumentParser
import BriefingKit
import Foundation

@main
struct Briefing: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefing",
        abstract: "A static site generator for annotated briefings.",
        subcommands: [Build.self])
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
