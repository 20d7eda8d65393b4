import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Maps a request path to a file inside the served folder and opens it, refusing anything that
/// could reach outside it or is not the site's: `..` in any spelling, encoded slashes or
/// backslashes, NUL, absolute file paths, hidden names, and every symbolic link. FlyingFox's own directory handler lets `%2e%2e` escape its
/// root, so every request goes through this instead.
///
/// A file is opened once, component by component: the served folder with `O_NOFOLLOW`, then each
/// name with `openat(…, O_NOFOLLOW)` relative to the folder opened before it, and what is sent is
/// that descriptor's bytes. Nothing is checked by name and opened again, so swapping a file for a
/// symbolic link between a check and the open cannot leak what the link points to. The served
/// folder is opened anew for every request because `build` swaps whole output trees into place.
public struct RequestPath: Sendable {
    /// What a request path names.
    public enum Resolution<File> {
        /// A file to send.
        case file(File)
        /// A folder asked for without its trailing slash: relative links need it, so redirect.
        case redirect(String)
        case forbidden
        case notFound
        /// Out of file descriptors or memory for now: 503, try again.
        case unavailable
    }

    /// The served folder.
    public var root: URL

    /// The served folder's own name is opened without following a link; the folders above it
    /// (a site in a linked home folder, say) are resolved once here.
    public init(root: URL) {
        let standard = root.standardizedFileURL
        self.root = standard.deletingLastPathComponent().resolvingSymlinksInPath()
            .appendingPathComponent(standard.lastPathComponent)
    }

    /// Where the raw (still percent-encoded) path of a request, without its query, leads.
    public func resolve(_ rawPath: String) -> Resolution<URL> {
        switch open(rawPath) {
        case .file(let file): .file(file.url)
        case .redirect(let location): .redirect(location)
        case .forbidden: .forbidden
        case .notFound: .notFound
        case .unavailable: .unavailable
        }
    }

    /// Opens the file the raw (still percent-encoded) path of a request names.
    public func open(_ rawPath: String) -> Resolution<ServedFile> {
        let lowered = rawPath.lowercased()
        guard rawPath.hasPrefix("/"), !rawPath.hasPrefix("//"), !rawPath.contains("\\"),
              !lowered.contains("%2f"), !lowered.contains("%5c"), !lowered.contains("%00"),
              let decoded = rawPath.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\")
        else { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        // `.`, `..`, and hidden names: the build publishes no hidden file, so one in Output/ is
        // the user's own (a gh-pages `.git` worktree kept across builds), not part of the site.
        if segments.contains(where: { $0.hasPrefix(".") || $0.hasPrefix("~") }) { return .forbidden }

        var folder = Glibc.open(root.path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        // No output yet is "not found"; a link (ENOTDIR with O_DIRECTORY) is refused.
        guard folder >= 0 else { return errno == ENOENT ? .notFound : errno == ENOTDIR ? .forbidden : Self.refusal(errno) }
        var url = root
        for segment in segments {
            let next = Self.open(segment, in: folder)
            close(folder)
            guard next >= 0 else { return Self.refusal(errno) }
            folder = next
            url.appendPathComponent(segment)
        }
        switch Self.kind(of: folder) {
        case S_IFREG:
            return .file(ServedFile(descriptor: folder, url: url))
        case S_IFDIR:
            defer { close(folder) }
            guard decoded.hasSuffix("/") else { return .redirect(rawPath + "/") }
            let index = Self.open("index.html", in: folder)
            guard index >= 0 else { return Self.refusal(errno) }
            guard Self.kind(of: index) == S_IFREG else {
                close(index)
                return .notFound
            }
            return .file(ServedFile(descriptor: index, url: url.appendingPathComponent("index.html")))
        default:
            close(folder) // a device, socket or FIFO is not part of a site
            return .forbidden
        }
    }

    /// Opens a name inside an open folder, never following a link. O_NONBLOCK: opening a FIFO
    /// someone left in Output/ must not wait for a writer.
    private static func open(_ name: String, in folder: Int32) -> Int32 {
        openat(folder, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC)
    }

    /// `ELOOP` is a symbolic link met with `O_NOFOLLOW`; a missing name or a file used as a folder is
    /// simply not there.
    private static func refusal(_ error: Int32) -> Resolution<ServedFile> {
        switch error {
        case ENOENT, ENOTDIR: .notFound
        case EMFILE, ENFILE, ENOMEM: .unavailable
        default: .forbidden
        }
    }

    private static func kind(of descriptor: Int32) -> mode_t {
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return 0 }
        return info.st_mode & S_IFMT
    }

    /// The Content-Type of a file, by its extension.
    public static func contentType(of url: URL) -> String {
        switch url.pathExtension.lowercased() {
        case "html", "htm": "text/html; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "js", "mjs": "text/javascript; charset=utf-8"
        case "json": "application/json"
        case "xml": "application/xml"
        case "txt", "md": "text/plain; charset=utf-8"
        case "svg": "image/svg+xml"
        case "png": "image/png"
        case "jpg", "jpeg": "image/jpeg"
        case "gif": "image/gif"
        case "webp": "image/webp"
        case "ico": "image/x-icon"
        case "woff2": "font/woff2"
        case "pdf": "application/pdf"
        default: "application/octet-stream"
        }
    }
}

extension RequestPath.Resolution: Equatable where File: Equatable {}
extension RequestPath.Resolution: Sendable where File: Sendable {}
