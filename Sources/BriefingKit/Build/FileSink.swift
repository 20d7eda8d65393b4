import Foundation

/// Where a build puts its files: kept in memory (`briefing check`), or written into a staging
/// folder that `OutputFolder` swaps into place only when the whole build succeeded, so a reader
/// (or a failed build) never sees a half-written output. Safe to use from many threads.
final class FileSink: @unchecked Sendable {
    private let lock = NSLock()
    private let folder: String?
    private var createdFolders: Set<String> = [""]
    private(set) var files: [OutputFile] = []
    private(set) var paths: [String] = []
    /// The first file that could not be written, by its path in the site, and why.
    private(set) var failure: FileError?

    /// Keeps the files in memory.
    init() { folder = nil }

    /// Writes into `folder` (a staging folder).
    init(writingInto folder: URL) { self.folder = folder.path }

    func add(_ file: OutputFile) {
        guard let folder else {
            lock.withLock {
                files.append(file)
                paths.append(file.path)
            }
            return
        }
        let error = makeFolder((file.path as NSString).deletingLastPathComponent, in: folder)
            ?? Self.write(file.parts, to: folder + "/" + file.path)
        record(file.path, error)
    }

    /// Adds the file at `path` of the folder `source` (the live output) as a hard link: an
    /// unchanged file of an incremental build costs a link, not a copy, and the live file is
    /// never written to.
    func link(_ path: String, from source: String) {
        guard let folder else { return }
        var error = makeFolder((path as NSString).deletingLastPathComponent, in: folder)
        if error == nil, Glibc.link(source + "/" + path, folder + "/" + path) != 0 { error = FileError(path) }
        record(path, error)
    }

    private func record(_ path: String, _ error: FileError?) {
        lock.withLock {
            paths.append(path)
            if let error, failure == nil { failure = FileError(path, code: error.code) }
        }
    }

    /// One `mkdir` per new folder, parents first (Foundation's recursive version stats every level).
    private func makeFolder(_ folder: String, in root: String) -> FileError? {
        guard lock.withLock({ !createdFolders.contains(folder) }) else { return nil }
        if let error = makeFolder((folder as NSString).deletingLastPathComponent, in: root) { return error }
        // EEXIST: another thread made it first.
        guard mkdir(root + "/" + folder, 0o755) == 0 || errno == EEXIST else { return FileError(folder) }
        lock.withLock { _ = createdFolders.insert(folder) }
        return nil
    }

    /// One `open` and `write`: much cheaper than Foundation's file writing for thousands of pages.
    /// Returns why it failed, if it did.
    static func write(_ parts: [[UInt8]], to path: String) -> FileError? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return FileError(path) }
        for bytes in parts {
            var written = 0
            while written < bytes.count {
                let result = bytes.withUnsafeBytes { buffer in
                    Glibc.write(descriptor, buffer.baseAddress! + written, bytes.count - written)
                }
                if result < 0 {
                    if errno == EINTR { continue }
                    let error = FileError(path)
                    close(descriptor)
                    return error
                }
                written += result
            }
        }
        // Delayed allocation can report a full disk only when the file is closed.
        return close(descriptor) == 0 ? nil : FileError(path)
    }
}
