import CBriefingSupport
import Foundation

/// Writes a built site into a fresh folder beside the output, then swaps it into place, so a
/// reader (or a failed build) never sees a half-written `Output/`.
public struct OutputWriter: Sendable {
    public var outputDirectory: URL

    public init(outputDirectory: URL) {
        self.outputDirectory = outputDirectory
    }

    public func write(_ files: [OutputFile]) throws {
        let fileManager = FileManager.default
        let parent = outputDirectory.deletingLastPathComponent()
        try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(outputDirectory.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
        try? fileManager.removeItem(at: staging)
        try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            let folders = Set(files.map { ($0.path as NSString).deletingLastPathComponent }).filter { !$0.isEmpty }.sorted()
            for folder in folders {
                try fileManager.createDirectory(at: staging.appendingPathComponent(folder), withIntermediateDirectories: true)
            }
            let failures = files.parallelMap { file -> String? in
                let url = staging.appendingPathComponent(file.path)
                return FileManager.default.createFile(atPath: url.path, contents: Data(file.contents)) ? nil : file.path
            }.compactMap { $0 }
            if let failed = failures.first {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: failed])
            }
            try swapIntoPlace(staging)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
    }

    /// Exchanges the staging folder with the output atomically where the system can (Linux
    /// `renameat2`), else renames the old output aside first; then removes the old one.
    private func swapIntoPlace(_ staging: URL) throws {
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: outputDirectory.path) else {
            try fileManager.moveItem(at: staging, to: outputDirectory)
            return
        }
        if briefing_exchange_paths(staging.path, outputDirectory.path) == 0 {
            try? fileManager.removeItem(at: staging)
            return
        }
        let old = staging.appendingPathExtension("old")
        try fileManager.moveItem(at: outputDirectory, to: old)
        try fileManager.moveItem(at: staging, to: outputDirectory)
        try? fileManager.removeItem(at: old)
    }
}
