import ArgumentParser
import BriefingKit
import Foundation

extension Briefing {
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
