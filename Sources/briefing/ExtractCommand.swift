import ArgumentParser
import BriefingKit
import Foundation

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
            let analysis = ArticleAnalysis(text: text, date: date)
            let diagnostics = analysis.dateDiagnostics(source: file)
            report(diagnostics)
            guard !diagnostics.hasErrors else { throw ExitCode.failure }
            print(analysis.json())
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
