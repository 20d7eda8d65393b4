import Foundation

/// A folder of the site that a build reads (`Content/` or `Templates/`), with the one rule every
/// file read from the site follows: a symbolic link may lead only to a file inside the same
/// folder, and that folder must lie in the site folder. A link that leads anywhere else is an
/// error at the link, and what it points to is never opened.
struct SiteFolder: Sendable {
    /// The folder as named under the site (`site/Content`).
    let url: URL
    /// How diagnostics name it: `Content`, `Templates`.
    let name: String
    /// The folder with every symbolic link resolved; nil when it is missing or outside the site.
    let resolved: String?
    /// Why the folder itself cannot be read, if it cannot.
    let problem: Diagnostic?

    init(_ name: String, in site: URL) {
        self.init(url: site.appendingPathComponent(name), name: name, site: site)
    }

    init(url: URL, name: String, site: URL) {
        self.url = url
        self.name = name
        let root = Self.realPath(site.path)
        let folder = Self.realPath(url.path)
        if let root, let folder, !FilePath.isWithin(folder, root) {
            resolved = nil
            problem = .error("\(name)/ is a symbolic link to \(folder), outside the site; move that folder into the site instead",
                             at: SourceLocation(path: name))
        } else {
            resolved = folder
            problem = nil
        }
    }

    /// `realpath(3)`: the absolute path with every link and `..` resolved, or nil.
    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    private func isInside(_ path: String) -> Bool {
        guard let resolved else { return false }
        return path != resolved && FilePath.isWithin(path, resolved)
    }

    private func outside(_ relative: String) -> Diagnostic {
        .error("symbolic link points outside \(name)/; copy the file in instead", at: SourceLocation(path: "\(name)/\(relative)"))
    }

    /// The regular files below `relative` (all levels, or only its own with `recursive: false`),
    /// relative to it and sorted. Hidden names are skipped; links to files inside the folder are
    /// listed, links to folders are not followed, links that lead outside are errors when
    /// `include` (given the path relative to this folder) says the file would be read.
    func files(under relative: String, recursive: Bool = true,
               include: (String) -> Bool = { _ in true }) -> ([String], [Diagnostic]) {
        var files: [String] = []
        var diagnostics: [Diagnostic] = []
        let base = relative.isEmpty ? "" : relative + "/"
        // readdir's entry types save a stat per file over FileManager's enumerator.
        func walk(_ below: String) {
            let path = url.path + "/" + base + below
            guard let directory = opendir(path) else { return }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let entryName = FilePath.name(of: entry)
                guard !entryName.hasPrefix(".") else { continue }
                let child = below.isEmpty ? entryName : below + "/" + entryName
                var type = Int(entry.pointee.d_type)
                if type == DT_UNKNOWN {
                    var info = stat()
                    type = lstat(path + "/" + entryName, &info) != 0 ? DT_UNKNOWN
                        : (info.st_mode & S_IFMT) == S_IFDIR ? DT_DIR : (info.st_mode & S_IFMT) == S_IFLNK ? DT_LNK : DT_REG
                }
                switch type {
                case DT_DIR where recursive: walk(child)
                case DT_REG where include(base + child): files.append(child)
                case DT_LNK where include(base + child):
                    guard let target = Self.realPath(path + "/" + entryName), isInside(target) else {
                        diagnostics.append(outside(base + child))
                        continue
                    }
                    var info = stat()
                    if stat(target, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG { files.append(child) }
                default: continue
                }
            }
        }
        walk("")
        return (files.sorted(), diagnostics)
    }

    /// Why a file is not read.
    struct Unreadable: Error {
        var diagnostic: Diagnostic
        init(_ diagnostic: Diagnostic) { self.diagnostic = diagnostic }
    }

    /// The bytes of the file at `relative`, or the diagnostic that says why it is not read.
    func read(_ relative: String) -> Result<[UInt8], Unreadable> {
        let location = SourceLocation(path: "\(name)/\(relative)")
        if let problem { return .failure(Unreadable(problem)) }
        let path = url.path + "/" + relative
        var descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOFOLLOW)
        if descriptor < 0 && errno == ELOOP {
            // The name is a link: look where it leads before opening anything there.
            guard let target = Self.realPath(path), isInside(target) else { return .failure(Unreadable(outside(relative))) }
            descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        }
        guard descriptor >= 0 else {
            return .failure(Unreadable(.error("cannot read the file: \(FileError(path).reason); check it and its permissions", at: location)))
        }
        defer { close(descriptor) }
        // What was really opened, whatever a link was changed to meanwhile: the kernel's own name
        // for the descriptor (Linux), checked against the folder again.
        if let opened = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(descriptor)"),
           !isInside(opened) {
            return .failure(Unreadable(outside(relative)))
        }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            return .failure(Unreadable(.error("not a regular file; put a file here, not a folder, device or pipe", at: location)))
        }
        var bytes = [UInt8](repeating: 0, count: max(Int(info.st_size), 0))
        var count = 0
        while true {
            if count == bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(4096, bytes.count))) }
            let result = bytes.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress! + count, $0.count - count) }
            if result < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return .failure(Unreadable(.error("cannot read the file: \(FileError(path).reason)", at: location)))
            }
            if result == 0 { break }
            count += result
        }
        bytes.removeSubrange(count...)
        return .success(bytes)
    }
}
