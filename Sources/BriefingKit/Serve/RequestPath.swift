import Foundation

/// Maps a request path to a file inside the served folder, refusing anything that could reach
/// outside it: `..` in any spelling, encoded slashes or backslashes, NUL, absolute file paths,
/// and symbolic links that lead out. FlyingFox's own directory handler lets `%2e%2e` escape its
/// root, so every request goes through this instead.
public struct RequestPath: Sendable {
    /// What a request path names.
    public enum Resolution: Sendable, Equatable {
        /// A file to send.
        case file(URL)
        /// A folder asked for without its trailing slash: relative links need it, so redirect.
        case redirect(String)
        case forbidden
        case notFound
    }

    /// The served folder.
    public var root: URL

    public init(root: URL) {
        self.root = root.standardizedFileURL.resolvingSymlinksInPath()
    }

    /// Resolves the raw (still percent-encoded) path of a request, without its query.
    public func resolve(_ rawPath: String) -> Resolution {
        let lowered = rawPath.lowercased()
        guard rawPath.hasPrefix("/"), !rawPath.hasPrefix("//"), !rawPath.contains("\\"),
              !lowered.contains("%2f"), !lowered.contains("%5c"), !lowered.contains("%00"),
              let decoded = rawPath.removingPercentEncoding, !decoded.contains("\0"), !decoded.contains("\\")
        else { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." || $0 == "." || $0.hasPrefix("~") }) { return .forbidden }
        var url = root
        for segment in segments { url.appendPathComponent(String(segment)) }
        let resolved = url.resolvingSymlinksInPath()
        guard resolved.path == root.path || resolved.path.hasPrefix(root.path + "/") else { return .forbidden }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved.path, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            guard decoded.hasSuffix("/") else { return .redirect(rawPath + "/") }
            // index.html may itself be a symbolic link that leads out.
            let index = resolved.appendingPathComponent("index.html").resolvingSymlinksInPath()
            guard index.path.hasPrefix(root.path + "/") else { return .forbidden }
            return FileManager.default.fileExists(atPath: index.path) ? .file(index) : .notFound
        }
        return .file(resolved)
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
