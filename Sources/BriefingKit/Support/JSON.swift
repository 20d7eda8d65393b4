/// A JSON value, written with sorted keys so files are reproducible. Much faster than
/// `JSONSerialization` on Linux for the large files a build writes (graph, search index).
public enum JSON: Sendable, Equatable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case null
    indirect case array([JSON])
    indirect case object([String: JSON])

    /// Compact JSON; `scriptSafe` also escapes `<`, `>`, `&`, U+2028 and U+2029 so the text can
    /// sit inside a `<script>` element or a JavaScript file.
    public func text(pretty: Bool = false, scriptSafe: Bool = false) -> String {
        var output = ""
        write(into: &output, pretty: pretty, scriptSafe: scriptSafe, depth: 0)
        return output
    }

    private func write(into output: inout String, pretty: Bool, scriptSafe: Bool, depth: Int) {
        switch self {
        case .string(let text): Self.quote(text, into: &output, scriptSafe: scriptSafe)
        case .int(let number): output += String(number)
        case .bool(let value): output += value ? "true" : "false"
        case .null: output += "null"
        case .array(let items):
            guard !items.isEmpty else { output += "[]"; return }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                if pretty { Self.newline(&output, depth + 1) }
                item.write(into: &output, pretty: pretty, scriptSafe: scriptSafe, depth: depth + 1)
            }
            if pretty { Self.newline(&output, depth) }
            output += "]"
        case .object(let members):
            guard !members.isEmpty else { output += "{}"; return }
            output += "{"
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { output += "," }
                if pretty { Self.newline(&output, depth + 1) }
                Self.quote(key, into: &output, scriptSafe: scriptSafe)
                output += pretty ? ": " : ":"
                members[key]!.write(into: &output, pretty: pretty, scriptSafe: scriptSafe, depth: depth + 1)
            }
            if pretty { Self.newline(&output, depth) }
            output += "}"
        }
    }

    private static func newline(_ output: inout String, _ depth: Int) {
        output += "\n"
        output += String(repeating: "  ", count: depth)
    }

    private static func quote(_ text: String, into output: inout String, scriptSafe: Bool) {
        output += "\""
        // Most text needs no escape: copy it whole.
        let needsEscape = text.utf8.contains { byte in
            byte < 0x20 || byte == 0x22 || byte == 0x5C || (scriptSafe && (byte == 0x3C || byte == 0x3E || byte == 0x26 || byte == 0xE2))
        }
        guard needsEscape else {
            output += text
            output += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "<" where scriptSafe: output += "\\u003c"
            case ">" where scriptSafe: output += "\\u003e"
            case "&" where scriptSafe: output += "\\u0026"
            case "\u{2028}" where scriptSafe: output += "\\u2028"
            case "\u{2029}" where scriptSafe: output += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
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
