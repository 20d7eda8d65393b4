import Foundation

/// Checks the internal links of a rendered site before it is written: every relative `href`
/// and `src` must name a file of the site (a folder needs its `index.html`) and every `#anchor`
/// an `id` in the page it points to.
struct LinkChecker {
    /// A broken link: the page it is on, what it points to, and why it fails.
    struct BrokenLink: Equatable {
        var page: String
        var target: String
        var reason: String
    }

    let files: [OutputFile]

    func brokenLinks() -> [BrokenLink] {
        let paths = Set(files.map(\.path))
        var anchors: [String: Set<String>] = [:]
        var links: [String: [String]] = [:]
        for file in files where file.path.hasSuffix(".html") {
            let scan = HTMLScanner(String(decoding: file.contents, as: UTF8.self))
            anchors[file.path] = scan.ids
            links[file.path] = scan.links
        }
        var broken: [BrokenLink] = []
        for (page, targets) in links.sorted(by: { $0.key < $1.key }) {
            for target in targets {
                switch Self.resolve(target, from: page) {
                case .external:
                    continue
                case .invalid(let reason):
                    broken.append(BrokenLink(page: page, target: target, reason: reason))
                case .site(let path, let fragment):
                    var file = path.isEmpty ? page : path
                    if file.hasSuffix("/") {
                        file += "index.html"
                    } else if !paths.contains(file), paths.contains(file + "/index.html") {
                        file += "/index.html"
                    }
                    guard paths.contains(file) else {
                        broken.append(BrokenLink(page: page, target: target, reason: "no such file in the site"))
                        continue
                    }
                    if let fragment, !fragment.isEmpty, let ids = anchors[file], !ids.contains(fragment) {
                        broken.append(BrokenLink(page: page, target: target, reason: "no element with id \"\(fragment)\" in \(file)"))
                    }
                }
            }
        }
        return broken
    }

    /// Where a link points.
    enum Target: Equatable {
        case external
        case invalid(String)
        /// A path inside the site ("" for the page itself) and an optional fragment.
        case site(String, String?)
    }

    static func resolve(_ link: String, from page: String) -> Target {
        let trimmed = link.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return .invalid("empty link") }
        if trimmed.hasPrefix("//") || trimmed.range(of: "^[A-Za-z][A-Za-z0-9+.-]*:", options: .regularExpression) != nil {
            return .external
        }
        var rest = Substring(trimmed)
        var fragment: String?
        if let hash = rest.firstIndex(of: "#") {
            fragment = String(rest[rest.index(after: hash)...]).removingPercentEncoding
            rest = rest[..<hash]
        }
        if let query = rest.firstIndex(of: "?") { rest = rest[..<query] }
        if rest.hasPrefix("/") { return .invalid("absolute path: internal links must be relative") }
        guard !rest.isEmpty else { return .site("", fragment) }
        var components = page.split(separator: "/").dropLast().map(String.init)
        for part in (rest.removingPercentEncoding ?? String(rest)).split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "..":
                guard !components.isEmpty else { return .invalid("points outside the site") }
                components.removeLast()
            case ".", "":
                continue
            default:
                components.append(String(part))
            }
        }
        let path = components.joined(separator: "/") + (rest.hasSuffix("/") && !components.isEmpty ? "/" : "")
        return .site(path.isEmpty ? "index.html" : path, fragment)
    }
}

/// Reads the `id`s and link targets (`href`, `src`) of an HTML page, skipping comments and the
/// contents of `<script>` and `<style>`. Enough for the pages Briefing itself writes.
struct HTMLScanner {
    private(set) var ids: Set<String> = []
    private(set) var links: [String] = []

    init(_ html: String) {
        let bytes = Array(html.utf8)
        var index = 0
        func skip(past marker: [UInt8]) {
            while index < bytes.count {
                if bytes[index] == marker[0], index + marker.count <= bytes.count, Array(bytes[index..<index + marker.count]) == marker {
                    index += marker.count
                    return
                }
                index += 1
            }
        }
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "<") else { index += 1; continue }
            if index + 3 < bytes.count, bytes[index + 1] == UInt8(ascii: "!"), bytes[index + 2] == UInt8(ascii: "-"), bytes[index + 3] == UInt8(ascii: "-") {
                skip(past: Array("-->".utf8))
                continue
            }
            index += 1
            var name = ""
            while index < bytes.count, bytes[index] != UInt8(ascii: " "), bytes[index] != UInt8(ascii: ">"),
                  bytes[index] != UInt8(ascii: "\n"), bytes[index] != UInt8(ascii: "/") || name.isEmpty {
                name.append(Character(UnicodeScalar(bytes[index])))
                index += 1
            }
            name = name.lowercased()
            var attributes: [String: String] = [:]
            while index < bytes.count, bytes[index] != UInt8(ascii: ">") {
                if bytes[index] == UInt8(ascii: " ") || bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "/") {
                    index += 1
                    continue
                }
                var attribute = ""
                while index < bytes.count, ![UInt8(ascii: "="), UInt8(ascii: " "), UInt8(ascii: ">"), UInt8(ascii: "\n")].contains(bytes[index]) {
                    attribute.append(Character(UnicodeScalar(bytes[index])))
                    index += 1
                }
                var value = ""
                if index < bytes.count, bytes[index] == UInt8(ascii: "=") {
                    index += 1
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
                        let quote = bytes[index]
                        index += 1
                        let start = index
                        while index < bytes.count, bytes[index] != quote { index += 1 }
                        value = String(decoding: bytes[start..<min(index, bytes.count)], as: UTF8.self)
                        index += 1
                    } else {
                        let start = index
                        while index < bytes.count, bytes[index] != UInt8(ascii: " "), bytes[index] != UInt8(ascii: ">") { index += 1 }
                        value = String(decoding: bytes[start..<index], as: UTF8.self)
                    }
                }
                attributes[attribute.lowercased()] = Self.unescape(value)
            }
            index += 1
            if let id = attributes["id"] { ids.insert(id) }
            if ["a", "link", "script", "img", "source", "iframe"].contains(name) {
                if let href = attributes["href"] { links.append(href) }
                if let src = attributes["src"] { links.append(src) }
            }
            if name == "script" { skip(past: Array("</script".utf8)) }
            if name == "style" { skip(past: Array("</style".utf8)) }
        }
    }

    static func unescape(_ value: String) -> String {
        guard value.contains("&") else { return value }
        return value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&amp;", with: "&")
    }
}
