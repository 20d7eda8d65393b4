import CBriefingSupport
import Foundation

/// The folder a build writes (`Output/` or `--output`), and what keeps a build from destroying
/// anything there. A build replaces only a folder that is missing, empty, or Briefing's own (it
/// holds the `.briefing-output` marker, or is unmistakably an earlier version's output). It keeps
/// the user's entries (`CNAME`, `.git`, `.nojekyll` and `keep_in_output:` in `site.yml`) across
/// every swap, moving them one by one with `rename`, so that at every moment each is in the live
/// folder or in a staging folder that the next build recovers it from: a build killed at any
/// moment loses none of them.
struct OutputFolder: Sendable {
    /// The file that says a folder is Briefing's to replace.
    static let marker = ".briefing-output"
    static let markerText = """
        This folder is written by Briefing (briefing build): each build replaces all of it, except
        CNAME, .git, .nojekyll and the names listed under keep_in_output: in Content/site.yml.

        """
    /// Kept in every output folder: a custom domain (GitHub Pages), a git worktree (the gh-pages
    /// pattern: `.git` is a file or a folder), Jekyll switched off.
    static let alwaysKept = ["CNAME", ".git", ".nojekyll"]
    /// The names a build writes at the top of the folder (and so may never be kept).
    static let siteNames: Set<String> = ["index.html", "404.html", "robots.txt", "feed.xml", "sitemap.xml", "graph.json",
                                         "timeline.json", "briefings", "entities", "pages", "timeline", "search", "static",
                                         "assets", "archive", "tags", "authors", "page", marker]
    /// What every version of Briefing has written: a folder without the marker that holds all of
    /// these and nothing but `siteNames` and kept entries is an earlier version's output.
    static let earlierVersionNames = ["index.html", "404.html", "robots.txt", "graph.json", "timeline.json", "search", "static"]
    /// Room for the staging folder's name (`.NAME.building-PID-XXXXXXXX`) within 255 bytes.
    static let longestName = 200

    /// Why a failed commit failed.
    enum Failure: Error {
        case refused(String)
        case file(FileError)
        /// Another build swapped its tree in after this one linked files from the old tree.
        case replaced
    }

    /// Which folder is at the path: a swap puts a new one there, and another build's swap too.
    struct Identity: Equatable, Sendable {
        var device: UInt64
        var inode: UInt64
        var changed: timespec

        static func == (a: Identity, b: Identity) -> Bool {
            a.device == b.device && a.inode == b.inode && a.changed.tv_sec == b.changed.tv_sec && a.changed.tv_nsec == b.changed.tv_nsec
        }
    }

    let url: URL
    /// The names kept across builds: `alwaysKept`, then the site's own.
    let kept: [String]

    init(_ url: URL, keeping names: [String] = []) {
        self.url = url.standardizedFileURL
        kept = Self.alwaysKept + names.filter { !Self.alwaysKept.contains($0) }
    }

    private var path: String { url.path }
    private var parent: String { url.deletingLastPathComponent().path }
    private var name: String { url.lastPathComponent }
    private var stagingPrefix: String { "." + name + ".building-" }
    private var garbagePrefix: String { "." + name + ".old-" }

    /// Why a `keep_in_output` entry cannot be kept, if it cannot.
    static func keptNameProblem(_ name: String) -> String? {
        if name.isEmpty || name == "." || name == ".." || name.contains("/") || name.utf8.contains(0) {
            return "'\(name)' is not a name in the output folder; write the name of a file or folder at its top, such as README.md"
        }
        if siteNames.contains(name) { return "'\(name)' is written by every build, so it cannot be kept; rename your file" }
        if name.utf8.count > 255 { return "'\(name.prefix(40))…' is longer than a file name can be (255 bytes)" }
        return nil
    }

    /// Why a build must not replace the folder, if it must not (checked again just before the swap).
    func refusal() -> String? {
        if name.utf8.count > Self.longestName {
            return "its name is \(name.utf8.count) bytes long, and a build needs a staging folder named after it beside it; choose a name of at most \(Self.longestName) bytes"
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            return errno == ENOENT ? nil : "cannot look at it: \(FileError(path).reason)"
        }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: break
        case S_IFLNK:
            let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: path)) ?? "?"
            return "it is a symbolic link (to \(target)), and a build replaces the folder itself, not what the link points to; remove the link, or pass --output with the folder it points to"
        default:
            return "it is a file, not a folder; pass --output with a new or empty folder"
        }
        if Self.isFile(path + "/" + Self.marker) { return nil }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { !kept.contains($0) }.sorted()
        if entries.isEmpty || isEarlierVersionsOutput(entries) { return nil }
        let foreign = entries.filter { !Self.siteNames.contains($0) }
        let shown = (foreign.isEmpty ? entries : foreign)
        let list = shown.prefix(5).joined(separator: ", ") + (shown.count > 5 ? " and \(shown.count - 5) more" : "")
        return "it holds files Briefing did not write (\(list)) and no \(Self.marker) marker, and a build replaces the whole folder; pass --output with a new or empty folder, move those files away, or list the ones to keep under keep_in_output: in Content/site.yml"
    }

    /// Only when nothing else could have made it: every name one Briefing writes, all the names
    /// every build writes, and a `graph.json` that starts as Briefing's does.
    private func isEarlierVersionsOutput(_ entries: [String]) -> Bool {
        guard Set(entries).isSubset(of: Self.siteNames), Self.earlierVersionNames.allSatisfy(entries.contains),
              let graph = FileHandle(forReadingAtPath: path + "/graph.json") else { return false }
        defer { try? graph.close() }
        let start = (try? graph.read(upToCount: 32)) ?? Data()
        return start.starts(with: Data("{\n  \"briefings\": [".utf8))
    }

    /// A new, empty staging folder beside the output (with the marker), its parents made first.
    /// Garbage that earlier builds left (`.old-` trees, already without kept entries) is removed
    /// in the background meanwhile.
    func makeStaging() -> Result<URL, FileError> {
        if let error = Self.makeFolders(parent) { return .failure(error) }
        let token = UUID().uuidString.prefix(8)
        let staging = parent + "/" + stagingPrefix + "\(getpid())-\(token)"
        guard mkdir(staging, 0o755) == 0 else { return .failure(FileError(staging)) }
        if let error = FileSink.write([Array(Self.markerText.utf8)], to: staging + "/" + Self.marker) {
            Self.removeInBackground(staging)
            return .failure(error)
        }
        for entry in siblings() where entry.hasPrefix(garbagePrefix) { Self.removeInBackground(parent + "/" + entry) }
        return .success(URL(fileURLWithPath: staging))
    }

    /// Puts the staging folder in place of the output: kept entries that a killed build left in
    /// its staging folder first, then an atomic exchange (Linux `renameat2`), then this folder's
    /// kept entries moved from the old tree into the new, then the old tree removed. Returns
    /// warnings about entries that could not be moved back (they stay where the message says).
    /// With `expecting`, the staging tree was made from that folder (hard links to its files) and
    /// goes in only while that folder is still the one at the path.
    func commit(_ staging: URL, expecting: Identity? = nil) throws(Failure) -> [Diagnostic] {
        // One commit at a time per parent folder: concurrent builds must not move the same entries.
        let lock = open(parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if lock >= 0 { flock(lock, LOCK_EX) }
        defer { if lock >= 0 { close(lock) } }
        if let reason = refusal() {
            discard(staging)
            throw .refused(reason)
        }
        if let expecting, identity() != expecting {
            discard(staging)
            throw .replaced
        }
        var warnings = rescueLeftovers(into: staging.path)
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard rename(staging.path, path) == 0 else {
                let error = FileError(path)
                discard(staging)
                throw .file(error)
            }
            return warnings
        }
        var previous = staging.path
        if briefing_exchange_paths(staging.path, path) != 0 {
            // No exchange here (another system, or a file system without it): two renames, with
            // a moment without the folder; the old tree keeps a staging name until emptied.
            previous = staging.path + "-previous"
            guard rename(path, previous) == 0 else {
                let error = FileError(path)
                discard(staging)
                throw .file(error)
            }
            guard rename(staging.path, path) == 0 else {
                let error = FileError(path)
                _ = rename(previous, path)
                discard(staging)
                throw .file(error)
            }
        }
        let left = move(kept, from: previous, to: path)
        if left.isEmpty {
            let garbage = parent + "/" + garbagePrefix + "\(getpid())-\(UUID().uuidString.prefix(8))"
            Self.removeInBackground(rename(previous, garbage) == 0 ? garbage : previous)
        } else {
            warnings.append(.warning("could not move \(left.joined(separator: ", ")) back into \(path); they are in \(previous): move them by hand",
                                     at: SourceLocation(path: path)))
        }
        return warnings
    }

    /// Kept entries still in the staging folders of builds that were killed (before, or just
    /// after, their swap) go into `staging`, unless the output has its own; emptied folders go.
    private func rescueLeftovers(into staging: String) -> [Diagnostic] {
        var warnings: [Diagnostic] = []
        let own = (staging as NSString).lastPathComponent
        for entry in siblings() where entry.hasPrefix(stagingPrefix) && !entry.hasPrefix(own) {
            let pid = Int32(entry.dropFirst(stagingPrefix.count).prefix { $0.isNumber })
            guard let pid, !Self.isAnotherLiveBuild(pid) else { continue }
            let folder = parent + "/" + entry
            let left = kept.filter { Self.exists(folder + "/" + $0) && Self.exists(path + "/" + $0) }
            let rest = move(kept.filter { !left.contains($0) }, from: folder, to: staging)
            if left.isEmpty && rest.isEmpty {
                Self.removeInBackground(folder)
            } else {
                warnings.append(.warning("\(folder) holds \((left + rest).joined(separator: ", ")) from a build that was stopped, and \(path) has its own: compare them, keep one and delete that folder",
                                         at: SourceLocation(path: path)))
            }
        }
        return warnings
    }

    /// Whether `pid` is another running Briefing, whose staging folder must be left alone. Our own
    /// pid is not (a container or CI often gives every run the same pid), nor a pid reused by
    /// another program: either way the folder's build is gone and its kept entries need rescuing.
    private static func isAnotherLiveBuild(_ pid: Int32) -> Bool {
        guard pid != getpid(), kill(pid, 0) == 0 || errno == EPERM else { return false }
        func executable(_ proc: String) -> String? {
            var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
            let count = readlink("/proc/\(proc)/exe", &buffer, buffer.count - 1)
            return count > 0 ? String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
        }
        // Unreadable (another user's process): assume it is a build, the safe side.
        guard let theirs = executable(String(pid)) else { return true }
        return theirs == executable("self")
    }

    /// Moves each of `names` present in `from` into `to`, never over one already there; returns
    /// those left in `from`.
    private func move(_ names: [String], from: String, to: String) -> [String] {
        names.filter { name in
            let source = from + "/" + name
            guard Self.exists(source) else { return false }
            let target = to + "/" + name
            if briefing_rename_noreplace(source, target) == 0 { return false }
            // Without renameat2's no-replace flag: look first (the lock keeps other builds out).
            return errno == EEXIST || Self.exists(target) || rename(source, target) != 0
        }
    }

    /// Which folder is at the path now, for `briefing serve` to know its own output from another's.
    func identity() -> Identity? {
        var info = stat()
        guard lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else { return nil }
        return Identity(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), changed: info.st_ctim)
    }

    /// Removes the staging folder of a build that failed (kept entries are never in it then).
    func discard(_ staging: URL) {
        Self.removeInBackground(staging.path)
    }

    private func siblings() -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0
    }

    private static func isFile(_ path: String) -> Bool {
        var info = stat()
        return lstat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }

    /// `mkdir -p`, with the reason when it fails.
    static func makeFolders(_ path: String) -> FileError? {
        var info = stat()
        if stat(path, &info) == 0 { return (info.st_mode & S_IFMT) == S_IFDIR ? nil : FileError(path, code: ENOTDIR) }
        let parent = (path as NSString).deletingLastPathComponent
        if parent != path, let error = makeFolders(parent) { return error }
        return mkdir(path, 0o755) == 0 || errno == EEXIST ? nil : FileError(path)
    }

    /// Deleting thousands of files takes as long as writing them; the new site is already in
    /// place, so a separate `rm` process removes the old one while the command finishes.
    static func removeInBackground(_ folder: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/rm")
        process.arguments = ["-rf", folder]
        do {
            try process.run()
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
        }
    }
}
