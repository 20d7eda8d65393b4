import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches a site's folders (`Content/`, `Templates/`) with Linux inotify. inotify is not
/// recursive, so every folder gets its own watch, added as folders appear and dropped as they
/// go. The site folder itself is watched too, for the watched folders' names only, so that a
/// folder created later or replaced as a whole (`mv Content.new Content`, as checkouts and sync
/// tools do) is watched again. Symbolic links below a watched folder are never followed: a link
/// to `/` or to `..` would otherwise add watches over the whole file system (the build refuses
/// such links with a diagnostic of its own).
public final class FileWatcher: @unchecked Sendable {
    private let site: String
    private let folders: Set<String>
    private let onChange: @Sendable (String) -> Void
    private var descriptor: Int32 = -1
    private var watches: [Int32: String] = [:]
    private var thread: Thread?
    private let lock = NSLock()

    /// Calls `onChange` with the changed path (from a background thread) for every event in
    /// the `folders` (names inside `site`).
    public init(site: URL, folders: [String], onChange: @escaping @Sendable (String) -> Void) {
        self.site = site.standardizedFileURL.path
        self.folders = Set(folders)
        self.onChange = onChange
    }

    deinit { stop() }

    public func start() throws {
        #if os(Linux)
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        addWatch(site, mask: Self.siteMask)
        for folder in folders.sorted() { addTree(site + "/" + folder, followingLink: true) }
        let thread = Thread { [weak self] in self?.readEvents() }
        thread.name = "briefing.watch"
        self.thread = thread
        thread.start()
        #endif
    }

    public func stop() {
        lock.withLock {
            if descriptor >= 0 { close(descriptor) }
            descriptor = -1
        }
    }

    #if os(Linux)
    /// IN_DONTFOLLOW (<sys/inotify.h>), which Swift does not import.
    private static let dontFollow: UInt32 = 0x0200_0000
    private static let treeMask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE
                                         | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR) | dontFollow
    /// In the site folder only names appearing and going matter.
    private static let siteMask = UInt32(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ONLYDIR)

    private func addWatch(_ path: String, mask: UInt32) {
        let watch = inotify_add_watch(descriptor, path, mask)
        if watch >= 0 { lock.withLock { watches[watch] = path } }
    }

    /// Watches a folder and every folder below it, never through a symbolic link; the watched
    /// folder itself may be one (`Content` linked elsewhere is the site's choice).
    private func addTree(_ path: String, followingLink: Bool) {
        var info = stat()
        guard (followingLink ? stat(path, &info) : lstat(path, &info)) == 0, info.st_mode & S_IFMT == S_IFDIR else { return }
        addWatch(path, mask: followingLink ? Self.treeMask & ~Self.dontFollow : Self.treeMask)
        guard let directory = opendir(path) else { return }
        defer { closedir(directory) }
        var children: [String] = []
        while let entry = readdir(directory) {
            let name = FilePath.name(of: entry)
            let type = Int32(entry.pointee.d_type)
            if name != ".", name != "..", type == DT_DIR || type == DT_UNKNOWN { children.append(name) }
        }
        for child in children.sorted() { addTree(path + "/" + child, followingLink: false) }
    }

    /// Drops the watches of a folder that went away or moved, and of every folder below it.
    private func removeTree(_ path: String) {
        let removed = lock.withLock {
            let ids = watches.filter { $0.value == path || $0.value.hasPrefix(path + "/") }.keys
            for id in ids { watches[id] = nil }
            return Array(ids)
        }
        for id in removed { inotify_rm_watch(descriptor, id) }
    }

    private func readEvents() {
        let size = 64 * 1024
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 8)
        defer { buffer.deallocate() }
        while true {
            let fd = lock.withLock { descriptor }
            guard fd >= 0 else { return }
            let count = read(fd, buffer, size)
            if count <= 0 {
                if count < 0 && errno == EINTR { continue }
                return
            }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let event = buffer.load(fromByteOffset: offset, as: inotify_event.self)
                let nameLength = Int(event.len)
                var name = ""
                if nameLength > 0 {
                    let namePointer = buffer.advanced(by: offset + MemoryLayout<inotify_event>.size).assumingMemoryBound(to: CChar.self)
                    name = String(cString: namePointer)
                }
                offset += MemoryLayout<inotify_event>.size + nameLength
                handle(event, name: name)
            }
        }
    }

    private func handle(_ event: inotify_event, name: String) {
        if event.mask & UInt32(IN_IGNORED) != 0 { // the watch is gone (its folder was deleted)
            _ = lock.withLock { watches.removeValue(forKey: event.wd) }
            return
        }
        guard let folder = lock.withLock({ watches[event.wd] }) else { return }
        let path = name.isEmpty ? folder : folder + "/" + name
        if folder == site {
            guard folders.contains(name) else { return } // other files of the site folder are not watched
        } else if event.mask & UInt32(IN_ISDIR) == 0 {
            onChange(path)
            return
        }
        // A folder appeared, went or moved: watch what is there now.
        if event.mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0 { removeTree(path) }
        if event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            removeTree(path)
            addTree(path, followingLink: folder == site)
        }
        onChange(path)
    }
    #endif
}
