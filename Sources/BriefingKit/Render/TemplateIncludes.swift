/// The partials (`{{> name}}`) and parents (`{{< name}}`) of a theme's templates, found by scanning
/// each template's tags the way swift-mustache reads them, and checked before anything renders:
/// swift-mustache renders a partial that names no template as nothing, and follows a cycle of
/// templates until the stack overflows (a crash of `build`, `check` and `serve`).
///
/// The rule: no cycle at all. Mustache allows a partial to include itself inside a section, where
/// the data ends the recursion (a tree), but Briefing's pages hold no recursive data, so every cycle
/// among its templates either never ends or never runs; the default theme has none.
struct TemplateIncludes {
    /// One `{{> name}}` or `{{< name}}` tag.
    struct Tag: Equatable {
        /// The tag as written, for messages (`{{> home}}`).
        var text: String
        var name: String
        /// `{{>*name}}`: the template's name comes from the page's data.
        var isDynamic: Bool
        /// The template that renders what the tag includes: the template itself, or inside the body of
        /// `{{< parent}}…{{/parent}}` that parent (the blocks given to a parent render as part of it,
        /// and every parent it reaches again renders them again).
        var owner: String
        var line: Int
        var column: Int
    }

    /// The partial and parent tags of `template` (named `name`), in the order they appear.
    /// Comments and triple mustaches are skipped; a set-delimiter tag (`{{=<% %>=}}`) changes the
    /// delimiters until the end of the section it stands in, as in swift-mustache.
    static func tags(of template: String, named name: String) -> [Tag] {
        let characters = Array(template)
        var tags: [Tag] = []
        var delimiters = (open: Array("{{"), close: Array("}}"))
        // Per open section: the delimiters to restore at its end, and whether it is a parent's body.
        var sections: [(delimiters: (open: [Character], close: [Character]), parent: String?)] = []
        var line = 1
        var lineStart = 0
        var scanned = 0
        var index = 0
        while let start = find(delimiters.open, in: characters, from: index) {
            for position in scanned..<start where characters[position].isNewline {
                line += 1
                lineStart = position + 1
            }
            scanned = start
            let contentStart = start + delimiters.open.count
            let sigil = contentStart < characters.count ? characters[contentStart] : " "
            let close = sigil == "{" ? ["}"] + delimiters.close : sigil == "=" ? ["="] + delimiters.close : delimiters.close
            guard let end = find(close, in: characters, from: contentStart + 1) else { break }
            let content = String(characters[(contentStart + 1)..<end])
            index = end + close.count
            switch sigil {
            case "=":
                let parts = content.split(whereSeparator: \.isWhitespace)
                if parts.count == 2 { delimiters = (Array(parts[0]), Array(parts[1])) }
            case "#", "^", "$":
                sections.append((delimiters, nil))
            case "/":
                if let section = sections.popLast() { delimiters = section.delimiters }
            case ">", "<":
                var target = content.trimmingCharacters(in: .whitespaces)
                let isDynamic = target.hasPrefix("*")
                if isDynamic { target = String(target.dropFirst()).trimmingCharacters(in: .whitespaces) }
                let owner = sections.last { $0.parent != nil }?.parent ?? name
                tags.append(Tag(text: String(characters[start..<index]), name: target, isDynamic: isDynamic, owner: owner,
                                line: line, column: start - lineStart + 1))
                if sigil == "<" { sections.append((delimiters, target)) }
            default:
                break // a variable, comment or pragma
            }
        }
        return tags
    }

    /// Every dynamic partial, partial or parent naming none of `templateNames`, and cycle in the tags of
    /// `templates`, as errors at the tag (`origin/name.mustache:line:column`).
    static func diagnostics(_ templates: [String: String], templateNames: Set<String>, origin: String) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var edges: [String: [(tag: Tag, file: String)]] = [:]
        for name in templates.keys.sorted() {
            for tag in tags(of: templates[name]!, named: name) {
                let location = SourceLocation(path: "\(origin)/\(name).mustache", line: tag.line, column: tag.column)
                if tag.isDynamic {
                    diagnostics.append(.error("\(tag.text) takes the name of its template from the page's data, so Briefing cannot check that it exists or that it does not include itself; name the template (\(tag.text.replacingOccurrences(of: "*", with: "")))",
                                              at: location))
                } else if !templateNames.contains(tag.name) {
                    let hint = Suggestion.closest(to: tag.name, in: Array(templateNames)).map { "did you mean '\($0)'? " } ?? ""
                    diagnostics.append(.error("\(tag.text) names no template, so it would render nothing; \(hint)create \(origin)/\(tag.name).mustache or fix the name",
                                              at: location))
                } else {
                    edges[tag.owner, default: []].append((tag, name))
                }
            }
        }
        return diagnostics + cycles(edges, origin: origin)
    }

    /// One error per tag that closes a cycle, found by a depth-first walk (without recursion: a theme
    /// may chain any number of templates) from the templates nothing includes (the pages), then from
    /// the rest, each in name order: so a page that includes itself is told at its own tag.
    private static func cycles(_ edges: [String: [(tag: Tag, file: String)]], origin: String) -> [Diagnostic] {
        enum State { case onPath, done }
        var state: [String: State] = [:]
        var diagnostics: Set<Diagnostic> = []
        let included = Set(edges.values.joined().map(\.tag.name))
        let roots = edges.keys.sorted { (included.contains($0) ? 1 : 0, $0) < (included.contains($1) ? 1 : 0, $1) }
        for root in roots where state[root] == nil {
            // The path from the root: each template with the index of its next edge to follow.
            var path: [(name: String, next: Int)] = [(root, 0)]
            state[root] = .onPath
            while let (name, next) = path.last {
                let outgoing = edges[name] ?? []
                guard next < outgoing.count else {
                    state[name] = .done
                    path.removeLast()
                    continue
                }
                path[path.count - 1].next += 1
                let (tag, file) = outgoing[next]
                switch state[tag.name] {
                case nil:
                    state[tag.name] = .onPath
                    path.append((tag.name, 0))
                case .onPath:
                    // The loop's steps: the path from the template named again, then this tag. Told at
                    // the step that leads back to the template of its own file when there is one
                    // (`{{> home}}` in home.mustache, even inside the blocks it gives to `{{< base}}`),
                    // and from that file's template when it is on the loop.
                    let start = path.firstIndex { $0.name == tag.name }!
                    let steps: [(tag: Tag, file: String)] = path[start...].dropLast().map { edges[$0.name]![$0.next - 1] } + [(tag, file)]
                    let (closing, closingFile) = steps.first { $0.tag.name == $0.file } ?? steps.last!
                    let targets = steps.map(\.tag.name)
                    let subject = targets.contains(closingFile) ? closingFile : closing.owner
                    let at = targets.firstIndex(of: subject)!
                    let loop = [subject] + targets[(at + 1)...] + targets[...at]
                    diagnostics.insert(.error("template '\(subject)' includes itself through \(closing.text) (\(loop.joined(separator: " → "))), which would render without end; Briefing allows no cycle of partials and parents, even inside a section, since its pages hold no data that could end one: remove the tag or move what both templates share into a partial of its own",
                                              at: SourceLocation(path: "\(origin)/\(closingFile).mustache", line: closing.line, column: closing.column)))
                case .done:
                    break
                }
            }
        }
        return diagnostics.sorted()
    }

    /// The first index at or after `from` where `needle` starts in `characters`.
    private static func find(_ needle: [Character], in characters: [Character], from: Int) -> Int? {
        guard let first = needle.first, from <= characters.count - needle.count else { return nil }
        var index = from
        while index <= characters.count - needle.count {
            if characters[index] == first, characters[index..<(index + needle.count)].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}
