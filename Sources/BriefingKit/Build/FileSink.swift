import CBriefingSupport
import Foundation

/// Where a build puts its files: kept in memory (`briefing check`), or written at once into a
/// fresh folder beside the output, swapped into place only when the whole build succeeded, so a
/// reader (or a failed build) never sees a half-written `Output/`. Safe to use from many threads.
final class FileSink: @unchecked Sendable {
    private let lock = NSLock()
    private let staging: URL?
    private var createdFolders: Set<String> = [""]
    private(set) var files: [OutputFile] = []
    private(set) var paths: [String] = []
    private(set) var failure: String?

    /// Keeps the files in memory.
    init() { staging = nil }

    /// Writes into a new staging folder beside `outputDirectory`.
    init(stagingFor outputDirectory: URL) throws {
        let parent = outputDirectory.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(outputDirectory.lastPathComponent).building-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        // Old outputs a killed `rm` left behind, and staging folders of killed builds.
        let old = ".\(outputDirectory.lastPathComponent).old-"
        let building = ".\(outputDirectory.lastPathComponent).building-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] {
            let abandoned = name.hasPrefix(building)
                && Int32(name.dropFirst(building.count)).map { kill($0, 0) != 0 && errno == ESRCH } == true
            if name.hasPrefix(old) || abandoned { Self.removeInBackground(parent.appendingPathComponent(name)) }
        }
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        self.staging = staging
    }

    func add(_ file: OutputFile) {
        guard let staging else {
            lock.withLock {
                files.append(file)
                paths.append(file.path)
            }
            return
        }
        makeFolder((file.path as NSString).deletingLastPathComponent, in: staging.path)
        let ok = Self.write(file.parts, to: staging.path + "/" + file.path)
        lock.withLock {
            paths.append(file.path)
            if !ok, failure == nil { failure = file.path }
        }
    }

    /// One `mkdir` per new folder, parents first (Foundation's recursive version stats every level).
    private func makeFolder(_ folder: String, in root: String) {
        guard lock.withLock({ !createdFolders.contains(folder) }) else { return }
        makeFolder((folder as NSString).deletingLastPathComponent, in: root)
        // EEXIST: another thread made it first. Other failures surface when the file is written.
        _ = mkdir(root + "/" + folder, 0o755)
        lock.withLock { _ = createdFolders.insert(folder) }
    }

    /// One `open` and `write`: much cheaper than Foundation's file writing for thousands of pages.
    static func write(_ parts: [[UInt8]], to path: String) -> Bool {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        for bytes in parts {
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { buffer in
                    Glibc.write(descriptor, buffer.baseAddress! + written, bytes.count - written)
                }
                if result < 0 { if errno == EINTR { continue }; return false }
                written += result
            }
        }
        return true
    }

    /// Puts the staging folder in place of `outputDirectory`: an atomic exchange where the system
    /// can (Linux `renameat2`), else two renames. The old output is removed afterwards.
    func commit(to outputDirectory: URL) throws {
        guard let staging else { return }
        if let failure {
            discard()
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: failure])
        }
        let fileManager = FileManager.default
        guard fileManager.fileExists(atPath: outputDirectory.path) else {
            try fileManager.moveItem(at: staging, to: outputDirectory)
            return
        }
        let old = staging.deletingLastPathComponent()
            .appendingPathComponent(".\(outputDirectory.lastPathComponent).old-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        if briefing_exchange_paths(staging.path, outputDirectory.path) == 0 {
            try fileManager.moveItem(at: staging, to: old)
        } else {
            try fileManager.moveItem(at: outputDirectory, to: old)
            try fileManager.moveItem(at: staging, to: outputDirectory)
        }
        Self.removeInBackground(old)
    }

    /// Deleting thousands of files takes as long as writing them; the new site is already in
    /// place, so a separate `rm` process removes the old one while the command finishes.
    static func removeInBackground(_ folder: URL) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/rm")
        process.arguments = ["-rf", folder.path]
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(at: folder)
        }
    }

    /// Removes the staging folder of a build that failed.
    func discard() {
        if let staging { try? FileManager.default.removeItem(at: staging) }
    }
}
