import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders and files for changes with Linux inotify. inotify is not recursive, so every
/// folder gets its own watch, and folders created later are added as they appear.
public final class FileWatcher: @unchecked Sendable {
    private let paths: [URL]
    private let onChange: @Sendable (String) -> Void
    private var descriptor: Int32 = -1
    private var watches: [Int32: String] = [:]
    private var thread: Thread?
    private let lock = NSLock()

    /// Calls `onChange` with the changed path (from a background thread) for every event.
    public init(paths: [URL], onChange: @escaping @Sendable (String) -> Void) {
        self.paths = paths
        self.onChange = onChange
    }

    deinit { stop() }

    public func start() throws {
        #if os(Linux)
        descriptor = inotify_init1(Int32(IN_CLOEXEC))
        guard descriptor >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        for path in paths { addWatches(under: path.path) }
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
    private static let mask = UInt32(IN_MODIFY | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_CLOSE_WRITE
                                     | IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF)

    private func addWatches(under path: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else { return }
        let watch = inotify_add_watch(descriptor, path, Self.mask)
        if watch >= 0 { lock.withLock { watches[watch] = path } }
        guard isDirectory.boolValue else { return }
        let children = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        for child in children.sorted() {
            let childPath = path + "/" + child
            var childIsDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: childPath, isDirectory: &childIsDirectory), childIsDirectory.boolValue {
                addWatches(under: childPath)
            }
        }
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
                let folder = lock.withLock { watches[event.wd] } ?? ""
                let path = name.isEmpty ? folder : folder + "/" + name
                if event.mask & UInt32(IN_ISDIR) != 0, event.mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    addWatches(under: path) // a new folder: watch it and what is already inside
                }
                onChange(path)
                offset += MemoryLayout<inotify_event>.size + nameLength
            }
        }
    }
    #endif
}
