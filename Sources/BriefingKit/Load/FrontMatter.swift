import Yams

/// A Markdown file split into its YAML front matter and its body.
public struct FrontMatterSplit: Sendable {
    /// The YAML between the `---` fences, or nil when the file has none.
    public var yaml: String?
    public var body: String
    /// The file line on which the body starts (1-based).
    public var bodyLine: Int

    /// Splits `text`; the front matter must open on the first line with `---`.
    public init(_ text: String) {
        // Work on UTF-8 bytes: splitting the whole file into Character lines was a measurable
        // part of loading thousands of files.
        let bytes = text.utf8
        yaml = nil
        body = text
        bodyLine = 1
        guard bytes.starts(with: "---\n".utf8) || bytes.starts(with: "---\r\n".utf8) else { return }
        var lineStart = bytes.index(after: bytes.firstIndex(of: 10)!)
        let yamlStart = lineStart
        var line = 2
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 10) ?? bytes.endIndex
            var content = bytes[lineStart..<lineEnd]
            if content.last == 13 { content = content.dropLast() }
            if content.elementsEqual("---".utf8) || content.elementsEqual("...".utf8) {
                let yamlEnd = lineStart == yamlStart ? yamlStart : bytes.index(before: lineStart)
                yaml = String(text[yamlStart..<yamlEnd])
                body = lineEnd < bytes.endIndex ? String(text[bytes.index(after: lineEnd)...]) : ""
                bodyLine = line + 1
                return
            }
            guard lineEnd < bytes.endIndex else { return }
            lineStart = bytes.index(after: lineEnd)
            line += 1
        }
    }
}

/// Decodes YAML (front matter or `site.yml`) into a Codable type and reports every problem
/// (syntax, unknown keys, wrong types, missing fields) as a diagnostic at its line and column.
public struct YAMLDocumentDecoder: Sendable {
    /// The path shown in diagnostics.
    public var path: String
    /// File line of the YAML's first line (2 for front matter after the opening `---`).
    public var firstLine: Int

    public init(path: String, firstLine: Int) {
        self.path = path
        self.firstLine = firstLine
    }

    /// Decodes `yaml` as `T`, allowing only `T.allowedKeys` at the top level.
    public func decode<T: FrontMatterFields>(_ type: T.Type, from yaml: String) -> (T?, [Diagnostic]) {
        let (value, diagnostics, _) = decodeWithLocations(type, from: yaml)
        return (value, diagnostics)
    }

    /// Like `decode`, plus where each top-level value is (and each item of a list value, as
    /// `key[index]`), for checks made after decoding.
    public func decodeWithLocations<T: FrontMatterFields>(_ type: T.Type, from yaml: String)
        -> (T?, [Diagnostic], [String: SourceLocation]) {
        let (value, diagnostics, locations) = decodeAll(type, from: yaml)
        return (diagnostics.hasErrors ? nil : value, diagnostics, locations)
    }

    /// Every problem of the document, and a value even when there are some (keys that fail left
    /// out, required ones stood in for by `T.standIns`), so that checks made after decoding
    /// (dates, addresses) report theirs in the same run. Nil only when the YAML cannot be read
    /// as a mapping or a required key cannot be stood in for.
    func decodeAll<T: FrontMatterFields>(_ type: T.Type, from yaml: String)
        -> (T?, [Diagnostic], [String: SourceLocation]) {
        let (value, diagnostics, node) = decodeParts(type, from: yaml)
        var locations: [String: SourceLocation] = [:]
        for (key, value) in node?.mapping ?? [:] {
            guard let name = key.string else { continue }
            locations[name] = location(of: value)
            for (index, item) in (value.sequence.map(Array.init) ?? []).enumerated() {
                locations["\(name)[\(index)]"] = location(of: item)
            }
        }
        return (value, diagnostics, locations)
    }

    /// Decoding a composed node only reads the decoder's options, so one serves every thread.
    nonisolated(unsafe) private static let decoder = YAMLDecoder(encoding: .utf8)

    private func decodeParts<T: FrontMatterFields>(_ type: T.Type, from yaml: String) -> (T?, [Diagnostic], Node?) {
        let node: Node
        do {
            // The encoding is given: Yams' default reads the process environment on every call.
            guard let composed = try Yams.compose(yaml: yaml, .default, .default, .utf8) else {
                return (nil, [.error("\(T.documentName) is empty; it needs at least: \(T.requiredKeys.joined(separator: ", "))",
                                     at: location(line: 1, column: 1))], nil)
            }
            node = composed
        } catch let error as YamlError {
            return (nil, [diagnostic(for: error)], nil)
        } catch {
            return (nil, [.error("cannot read YAML: \(error)", at: location(line: 1, column: 1))], nil)
        }
        guard let mapping = node.mapping else {
            return (nil, [.error("\(T.documentName) must be a mapping of `key: value` lines", at: location(of: node))], node)
        }
        var diagnostics: [Diagnostic] = []
        var kept: [(Node, Node)] = []
        for (key, value) in mapping {
            guard let name = key.string, T.allowedKeys.contains(name) else {
                let known = T.allowedKeys.sorted().joined(separator: ", ")
                let hint = key.string.flatMap { Suggestion.closest(to: $0, in: Array(T.allowedKeys)) }
                    .map { "did you mean '\($0)'? " } ?? ""
                diagnostics.append(.error("unknown key '\(key.string ?? "?")' in \(T.documentName); \(hint)allowed keys: \(known)",
                                          at: location(of: key)))
                continue
            }
            kept.append((key, value))
        }
        for required in T.requiredKeys where mapping[required] == nil {
            diagnostics.append(.error("\(T.documentName) is missing the required key '\(required)'",
                                      at: location(of: node)))
            if let standIn = standIn(T.self, required) { kept.append((Node(required), standIn)) }
        }
        // Known keys only, and only their values and list items: never a walk through expanded aliases.
        // A free `params:` map is walked to its leaves, but only so far (see `paramProblems`).
        for (key, value) in kept where key.string != "params" {
            for item in value.sequence.map(Array.init) ?? [value] { diagnostics += controlCharacters(in: item) }
        }
        if let params = mapping["params"] {
            let problems = paramProblems(params)
            diagnostics += problems
            if !problems.isEmpty { kept.removeAll { $0.0.string == "params" } }
        }
        // Decoding stops at the first value that fails: that key is left out (or stood in for)
        // and the rest decoded again, so each bad value is reported in this one run.
        var decodedKeys = kept
        for _ in 0...decodedKeys.count {
            let attempt = Node.mapping(Node.Mapping(decodedKeys, .implicit, .any, node.mapping?.mark))
            do {
                return (try Self.decoder.decode(T.self, from: attempt), diagnostics, node)
            } catch let error as DecodingError {
                diagnostics.append(diagnostic(for: error, in: node))
                guard let key = Self.codingPath(of: error).first?.stringValue,
                      let position = decodedKeys.firstIndex(where: { $0.0.string == key }) else { return (nil, diagnostics, node) }
                if T.requiredKeys.contains(key) {
                    guard let standIn = standIn(T.self, key), decodedKeys[position].1 != standIn else { return (nil, diagnostics, node) }
                    decodedKeys[position].1 = standIn
                } else {
                    decodedKeys.remove(at: position)
                }
            } catch let error as YamlError {
                return (nil, diagnostics + [diagnostic(for: error)], node)
            } catch {
                return (nil, diagnostics + [.error("cannot decode \(T.documentName): \(error)", at: location(of: node))], node)
            }
        }
        return (nil, diagnostics, node)
    }

    /// The YAML value standing in for required key `key` of `T` (`{file}`: this file's name).
    private func standIn<T: FrontMatterFields>(_ type: T.Type, _ key: String) -> Node? {
        guard let text = T.standIns[key] else { return nil }
        let file = path.split(separator: "/").last.map { $0.hasSuffix(".md") ? String($0.dropLast(3)) : String($0) } ?? "file"
        return Node(text.replacingOccurrences(of: "{file}", with: file), .implicit, .doubleQuoted)
    }

    private static func codingPath(of error: DecodingError) -> [CodingKey] {
        switch error {
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .keyNotFound(_, context), let .dataCorrupted(context):
            context.codingPath
        @unknown default: []
        }
    }

    /// The most values a `params:` map may hold, counting every item of every nested list and map.
    /// YAML aliases can repeat a value exponentially often (`a: &a [*b, *b]`…): decoding stops
    /// being linear in the file there, so such a map is refused before it is decoded.
    static let paramLimit = 10_000

    /// Too many values, or control characters, in a `params:` map: walked with a budget.
    private func paramProblems(_ params: Node) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var budget = Self.paramLimit
        var pending = [params]
        while let node = pending.popLast() {
            budget -= 1
            if budget < 0 {
                return [.error("params holds more than \(Self.paramLimit) values (counting what aliases repeat); keep it small, it is for templates",
                               at: location(of: params))]
            }
            switch node {
            case .scalar: if problems.count < 10 { problems += controlCharacters(in: node) }
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if key.string == nil { problems.append(.error("params: keys must be plain text", at: location(of: key))) }
                    pending.append(value)
                }
            case .sequence(let sequence): pending += Array(sequence)
            case .alias: continue
            }
        }
        return problems
    }

    /// Control characters (NUL, ESC… — often from `"\0"` escapes) have no place in a page: each
    /// is an error at its value, rather than raw bytes in the HTML.
    private func controlCharacters(in node: Node) -> [Diagnostic] {
        switch node {
        case .scalar(let scalar):
            guard let bad = scalar.string.unicodeScalars.first(where: { $0.value < 0x20 && $0 != "\t" && $0 != "\n" && $0 != "\r" || $0.value == 0x7F })
            else { return [] }
            let code = String(bad.value, radix: 16, uppercase: true)
            return [.error("control character U+\(String(repeating: "0", count: 4 - code.count))\(code) in a value; remove it",
                           at: location(of: node))]
        case .mapping, .sequence, .alias:
            return []
        }
    }

    private func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: path, line: line + firstLine - 1, column: column)
    }

    private func location(of node: Node) -> SourceLocation {
        guard let mark = node.mark else { return location(line: 1, column: 1) }
        return location(line: mark.line, column: mark.column)
    }

    private func diagnostic(for error: YamlError) -> Diagnostic {
        switch error {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            return .error("invalid YAML: \(problem); check indentation, quotes and colons",
                          at: location(line: mark.line, column: mark.column))
        case let .duplicatedKeysInMapping(duplicates, context):
            return .error("duplicate key '\(duplicates.joined(separator: "', '"))'; keep only one",
                          at: location(line: context.mark.line, column: context.mark.column))
        default:
            return .error("invalid YAML: \(error)", at: location(line: 1, column: 1))
        }
    }

    private func diagnostic(for error: DecodingError, in root: Node) -> Diagnostic {
        let (path, detail): ([CodingKey], String) = switch error {
        case let .typeMismatch(type, context):
            (context.codingPath, "expected \(Self.describe(type))")
        case let .valueNotFound(type, context):
            (context.codingPath, "expected \(Self.describe(type)), found nothing")
        case let .keyNotFound(key, context):
            (context.codingPath, "missing the required key '\(key.stringValue)'")
        case let .dataCorrupted(context):
            (context.codingPath, context.debugDescription)
        @unknown default:
            ([], "\(error)")
        }
        var node = root
        for key in path {
            if let index = key.intValue, let sequence = node.sequence, index < sequence.count {
                node = sequence[index]
            } else if let child = node.mapping?[key.stringValue] {
                node = child
            }
        }
        if case let .dataCorrupted(context) = error, context.underlyingError is FieldMessage {
            return .error(context.debugDescription, at: location(of: node))
        }
        let field = path.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
        let subject = field.isEmpty ? "value" : "'\(field)'"
        return .error("\(subject): \(detail)", at: location(of: node))
    }


    private static func describe(_ type: Any.Type) -> String {
        let name = String(describing: type)
        return switch type {
        case is String.Type: "a text value"
        case is Bool.Type: "true or false"
        case is Int.Type: "a whole number"
        default: name.contains("Array") || name.contains("Sequence") ? "a list like [a, b]"
            : name.contains("Dictionary") || name.contains("Mapping") ? "a mapping of `key: value` lines" : "a value of type \(name)"
        }
    }
}

/// A Codable front matter or config type: which top-level keys it accepts.
public protocol FrontMatterFields: Decodable, Sendable {
    static var allowedKeys: Set<String> { get }
    static var requiredKeys: [String] { get }
    /// "briefing front matter", "site.yml"…, used in messages.
    static var documentName: String { get }
    /// YAML values that stand in for a required key that is missing or wrong, so that decoding
    /// goes on and every other problem of the file is reported in the same run. The file still
    /// fails the build: its errors are reported.
    static var standIns: [String: String] { get }
}

extension FrontMatterFields {
    public static var standIns: [String: String] { [:] }
}
