/// A JSON value, written with sorted keys so files are reproducible. Much faster than
/// `JSONSerialization` on Linux for the large files a build writes (graph, search index).
public enum JSON: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    indirect case array([JSON])
    indirect case object([String: JSON])
    /// A value already written by `bytes(pretty:scriptSafe:depth:)` at the depth it appears at,
    /// in parts that follow one another (kept apart, large files need not be copied into one).
    case written([[UInt8]])

    /// Compact JSON; `scriptSafe` also escapes `<`, `>`, `&`, U+2028 and U+2029 so the text can
    /// sit inside a `<script>` element or a JavaScript file.
    public func text(pretty: Bool = false, scriptSafe: Bool = false) -> String {
        String(decoding: bytes(pretty: pretty, scriptSafe: scriptSafe), as: UTF8.self)
    }

    /// `text`'s UTF-8 bytes, for writing to a file without a copy.
    /// `depth` is the nesting level the value will sit at, for pretty-printed `written` parts.
    public func bytes(pretty: Bool = false, scriptSafe: Bool = false, depth: Int = 0) -> [UInt8] {
        var output: [UInt8] = []
        // Large files are mostly written parts: room for them up front saves copying as it grows.
        output.reserveCapacity(writtenSize + 64)
        write(into: &output, pretty: pretty, scriptSafe: scriptSafe, depth: depth)
        return output
    }

    // Bytes, not a String: appending to a String re-checks its encoding every time, and graph.json
    // runs to tens of megabytes.
    private func write(into output: inout [UInt8], pretty: Bool, scriptSafe: Bool, depth: Int) {
        switch self {
        case .string(let text): Self.quote(text, into: &output, scriptSafe: scriptSafe)
        case .int(let number): output.append(contentsOf: String(number).utf8)
        case .bool(let value): output.append(contentsOf: (value ? "true" : "false").utf8)
        case .null: output.append(contentsOf: "null".utf8)
        case .written(let parts): for part in parts { output.append(contentsOf: part) }
        case .array(let items):
            guard !items.isEmpty else { output.append(contentsOf: "[]".utf8); return }
            output.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                if pretty { Self.newline(&output, depth + 1) }
                item.write(into: &output, pretty: pretty, scriptSafe: scriptSafe, depth: depth + 1)
            }
            if pretty { Self.newline(&output, depth) }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            Self.writeObject(members, into: &output, pretty: pretty, scriptSafe: scriptSafe, depth: depth) { value, output in
                value.write(into: &output, pretty: pretty, scriptSafe: scriptSafe, depth: depth + 1)
            }
        }
    }

    /// An object with sorted keys; `writeValue` writes each member's value.
    private static func writeObject(_ members: [String: JSON], into output: inout [UInt8], pretty: Bool, scriptSafe: Bool,
                                    depth: Int, writeValue: (JSON, inout [UInt8]) -> Void) {
        guard !members.isEmpty else { output.append(contentsOf: "{}".utf8); return }
        output.append(UInt8(ascii: "{"))
        for (index, key) in members.keys.sorted().enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            if pretty { newline(&output, depth + 1) }
            quote(key, into: &output, scriptSafe: scriptSafe)
            output.append(UInt8(ascii: ":"))
            if pretty { output.append(UInt8(ascii: " ")) }
            writeValue(members[key]!, &output)
        }
        if pretty { newline(&output, depth) }
        output.append(UInt8(ascii: "}"))
    }

    /// `bytes(pretty:)` in parts, with the large `written` members of a top-level object as
    /// they are: graph.json is tens of megabytes, nearly all of it such parts, and copying them
    /// into one array was most of the time an edit in `serve` spent on it.
    public func parts(pretty: Bool = false) -> [[UInt8]] {
        guard case .object(let members) = self else { return [bytes(pretty: pretty)] }
        var parts: [[UInt8]] = []
        var output: [UInt8] = []
        Self.writeObject(members, into: &output, pretty: pretty, scriptSafe: false, depth: 0) { value, output in
            if case .written(let written) = value, Self.byteCount(written) >= 1 << 16 {
                parts.append(output)
                parts += written
                output = []
            } else {
                value.write(into: &output, pretty: pretty, scriptSafe: false, depth: 1)
            }
        }
        parts.append(output)
        return parts
    }

    private static func byteCount(_ parts: [[UInt8]]) -> Int { parts.reduce(0) { $0 + $1.count } }

    /// The bytes of the `written` parts at the top two levels.
    private var writtenSize: Int {
        func size(_ value: JSON) -> Int { if case .written(let parts) = value { Self.byteCount(parts) } else { 0 } }
        switch self {
        case .written: return size(self)
        case .array(let items): return items.reduce(0) { $0 + size($1) }
        case .object(let members): return members.values.reduce(0) { $0 + size($1) }
        default: return 0
        }
    }

    private static func newline(_ output: inout [UInt8], _ depth: Int) {
        output.append(UInt8(ascii: "\n"))
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: 2 * depth))
    }

    /// Appends `text` as a JSON string.
    static func quote(_ text: String, into output: inout [UInt8], scriptSafe: Bool = false) {
        output.append(UInt8(ascii: "\""))
        // Most text needs no escape: copy it whole.
        let needsEscape = text.containsByte { byte in
            byte < 0x20 || byte == 0x22 || byte == 0x5C || (scriptSafe && (byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2))
        }
        guard needsEscape else {
            output.append(contentsOf: text.utf8)
            output.append(UInt8(ascii: "\""))
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output.append(contentsOf: "\\\"".utf8)
            case "\\": output.append(contentsOf: "\\\\".utf8)
            case "\n": output.append(contentsOf: "\\n".utf8)
            case "\r": output.append(contentsOf: "\\r".utf8)
            case "\t": output.append(contentsOf: "\\t".utf8)
            case "<" where scriptSafe: output.append(contentsOf: "\\u003c".utf8)
            case ">" where scriptSafe: output.append(contentsOf: "\\u003e".utf8)
            case "&" where scriptSafe: output.append(contentsOf: "\\u0026".utf8)
            case "\u{2028}" where scriptSafe: output.append(contentsOf: "\\u2028".utf8)
            case "\u{2029}" where scriptSafe: output.append(contentsOf: "\\u2029".utf8)
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output.append(contentsOf: ("\\u" + String(repeating: "0", count: 4 - hex.count) + hex).utf8)
                } else {
                    output.append(contentsOf: String(scalar).utf8)
                }
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSON...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, JSON)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
