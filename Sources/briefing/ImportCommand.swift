import ArgumentParser
import BriefingKit
import Foundation

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
