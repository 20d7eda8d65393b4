import ArgumentParser
import BriefingKit
import Foundation

@main
struct Briefing: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "briefing",
        abstract: "A static site generator for annotated briefings.",
        subcommands: [Init.self, Build.self, Serve.self, Check.self, Import.self, Extract.self, TrainTagger.self])
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
