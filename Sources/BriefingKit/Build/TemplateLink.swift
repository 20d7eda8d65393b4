/// Where a template writes a link that is broken on the pages made with it: the template's file,
/// line and column, and the link as written there (`{{root}}static/x.css`).
struct TemplateLink: Hashable {
    var location: SourceLocation
    var written: String
}

extension LinkChecker {
    /// The template that writes `link`, if one does: found as `{{root}}` and the target's path
    /// from the site root (what a template writes for a link that works at any depth), else as
    /// the target itself as a quoted `href` or `src` value (never for an empty link: that text
    /// is everywhere). Templates are tried in name order, so the answer is stable.
    static func templateLink(_ link: BrokenLink, in theme: Theme) -> TemplateLink? {
        guard !link.target.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
        let root = SiteRenderer.root(for: link.page)
        var candidates: [String] = []
        if link.target.hasPrefix(root), link.target.count > root.count {
            let rest = String(link.target.dropFirst(root.count))
            candidates += ["{{root}}" + rest, "{{ root }}" + rest]
        }
        for attribute in ["href=", "src="] { candidates += [attribute + "\"" + link.target + "\"", attribute + "'" + link.target + "'"] }
        for name in theme.templates.keys.sorted() {
            let text = theme.templates[name]!
            for candidate in candidates {
                guard let range = text.range(of: candidate) else { continue }
                let before = text[..<range.lowerBound]
                let line = before.reduce(1) { $1 == "\n" ? $0 + 1 : $0 }
                let lineStart = before.lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
                // A quoted candidate is `href="…"`: the location and the text are the link's own.
                let prefix = candidate.hasPrefix("{{") ? 0 : candidate.prefix { $0 != "\"" && $0 != "'" }.count + 1
                let column = text.distance(from: lineStart, to: range.lowerBound) + 1 + prefix
                return TemplateLink(location: SourceLocation(path: "\(theme.origin)/\(name).mustache", line: line, column: column),
                                    written: prefix == 0 ? candidate : link.target)
            }
        }
        return nil
    }
}
