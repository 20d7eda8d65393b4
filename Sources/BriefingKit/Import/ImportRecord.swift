/// Which paragraphs of its article the imports of a briefing have offered: a fingerprint of
/// each, kept as comment lines in the briefing's front matter (YAML ignores them, they move
/// with the file, and they are written in the same rename as the paragraphs). `import --update`
/// adds only paragraphs without one, so a paragraph the editor deleted never comes back.
struct ImportRecord: Equatable {
    /// Fingerprints in the order the paragraphs came, each once.
    private(set) var fingerprints: [String] = []

    static let explanation = "# Paragraphs imported from the article (`briefing import --update` never adds them again):"
    static let prefix = "# imported:"
    /// Fingerprints per comment line, to keep lines short.
    static let perLine = 8

    init(blocks: [String]) {
        add(blocks)
    }

    /// The record in a briefing's front matter; nil when it has none (imported before records
    /// were kept, or the lines were deleted).
    init?(frontMatterOf text: String) {
        var found = false
        for line in Self.frontMatterLines(of: text) where line.hasPrefix(Self.prefix) {
            found = true
            for fingerprint in line.dropFirst(Self.prefix.count).split(separator: " ") where !fingerprints.contains(String(fingerprint)) {
                fingerprints.append(String(fingerprint))
            }
        }
        guard found else { return nil }
    }

    func contains(_ block: String) -> Bool { fingerprints.contains(Self.fingerprint(block)) }

    /// The share of `blocks` this record holds.
    func overlap(with blocks: [String]) -> Double {
        blocks.isEmpty ? 0 : Double(blocks.filter(contains).count) / Double(blocks.count)
    }

    mutating func add(_ blocks: [String]) {
        var known = Set(fingerprints)
        for block in blocks {
            let fingerprint = Self.fingerprint(block)
            if known.insert(fingerprint).inserted { fingerprints.append(fingerprint) }
        }
    }

    /// The comment lines that hold this record.
    func frontMatterLines() -> [String] {
        guard !fingerprints.isEmpty else { return [] }
        return [Self.explanation] + stride(from: 0, to: fingerprints.count, by: Self.perLine).map {
            Self.prefix + " " + fingerprints[$0..<min($0 + Self.perLine, fingerprints.count)].joined(separator: " ")
        }
    }

    /// `text` (a briefing) with this record in its front matter in place of the one it had, at
    /// the same place, or else just before the closing `---`; unchanged without front matter.
    func written(into text: String) -> String {
        var lines = text.components(separatedBy: "\n")
        guard lines.first == "---", let close = lines.indices.dropFirst().first(where: { lines[$0] == "---" }) else { return text }
        let old = (1..<close).filter { lines[$0] == Self.explanation || lines[$0].hasPrefix(Self.prefix) }
        let at = old.first ?? close
        for index in old.reversed() { lines.remove(at: index) }
        lines.insert(contentsOf: frontMatterLines(), at: at)
        return lines.joined(separator: "\n")
    }

    private static func frontMatterLines(of text: String) -> ArraySlice<Substring> {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.first == "---", let close = lines.indices.dropFirst().first(where: { lines[$0] == "---" }) else { return [] }
        return lines[1..<close]
    }

    /// 48 bits of FNV-1a over the block's words (runs of letters and digits), lowercased: the
    /// same paragraph however its spaces, quotes or punctuation change, and the same on every
    /// machine. On scalars with an ASCII fast path: this runs over every paragraph of an import.
    static func fingerprint(_ block: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var inWord = false
        for scalar in block.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                let byte = UInt8(value)
                let lower = byte | 0x20
                if (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")) || (lower >= UInt8(ascii: "a") && lower <= UInt8(ascii: "z")) {
                    mix(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? lower : byte)
                    inWord = true
                    continue
                }
            } else if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                for byte in scalar.properties.lowercaseMapping.utf8 { mix(byte) }
                inWord = true
                continue
            }
            if inWord { mix(0x20) }
            inWord = false
        }
        if inWord { mix(0x20) }
        let hex = String(hash >> 16, radix: 16)
        return String(repeating: "0", count: 12 - hex.count) + hex
    }
}
