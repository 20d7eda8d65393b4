import ArgumentParser
import BriefingKit
import Foundation

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
}
