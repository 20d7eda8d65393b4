import Foundation

/// Content files as last loaded, by path, kept while a file's size, times and inode stay the
/// same: a rebuild in `briefing serve` decodes the front matter of edited files only.
final class LoadCache: @unchecked Sendable {
    /// What `stat` says about a file; any edit changes it (mtime and ctime have nanoseconds).
    struct Signature: Equatable {
        var device: UInt64
        var inode: UInt64
        var size: Int64
        var modified: timespec
        var changed: timespec

        init?(path: String) { self.init(path, in: AT_FDCWD) }

        /// `path` relative to the open folder `folder`: the system then looks up one name rather
        /// than every folder on the way, which was most of checking 6,000 files on each rebuild.
        init?(_ path: String, in folder: Int32) {
            var info = stat()
            guard fstatat(folder, path, &info, 0) == 0 else { return nil }
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
            size = Int64(info.st_size)
            modified = info.st_mtim
            changed = info.st_ctim
        }

        static func == (a: Signature, b: Signature) -> Bool {
            a.device == b.device && a.inode == b.inode && a.size == b.size
                && a.modified.tv_sec == b.modified.tv_sec && a.modified.tv_nsec == b.modified.tv_nsec
                && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }
    }

    private let lock = NSLock()
    private var entries: [String: (signature: Signature, value: AnyObject)] = [:]

    /// The cached result for `path` if the file has not changed since (`signature` is what `stat`
    /// says of it now), else `load()`'s (remembered). Values are boxed: casting a class back is much
    /// cheaper than casting `Any` to a tuple.
    func value<T>(at path: String, signature: Signature?, load: () -> T) -> T {
        guard let signature else { return load() }
        if let entry = lock.withLock({ entries[path] }), entry.signature == signature, let box = entry.value as? Box<T> {
            return box.value
        }
        let value = load()
        lock.withLock { entries[path] = (signature, Box(value)) }
        return value
    }

    /// The signature of every listed file, to notice an edited asset.
    static func signatures(of paths: [String]) -> [Signature?] { paths.map(Signature.init(path:)) }
}
