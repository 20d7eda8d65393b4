import Foundation

/// Small helpers for plain file-system paths, shared by the readers of the site and the watcher.
enum FilePath {
    /// Whether `path` is `folder` or below it (both absolute, resolved, without a trailing `/`).
    static func isWithin(_ path: String, _ folder: String) -> Bool {
        path == folder || path.hasPrefix(folder == "/" ? "/" : folder + "/")
    }

    /// The name of a `readdir` entry.
    static func name(of entry: UnsafeMutablePointer<dirent>) -> String {
        withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
    }
}
