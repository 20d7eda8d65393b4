/// Adds the paragraphs of a fresh import that an edited briefing does not have yet, without
/// touching a byte of what the editor wrote. A paragraph an earlier import offered (its
/// `ImportRecord`) is never added again: the editor kept, rewrote or deleted it. Another one
/// counts as present when most of its words are in one of the file's paragraphs.
struct BriefingMerge {
    var existing: String
    var generated: [BriefingWriter.Block]
    /// What `merged()` added, one line each.
    private(set) var changes: [String] = []

    init(existing: String, generated: [BriefingWriter.Block]) {
        self.existing = existing
        self.generated = generated
    }

    /// The file with new paragraphs inserted after their predecessor and the record of this
    /// import in its front matter, or nil when nothing is new.
    mutating func merged() -> String? {
        let record = ImportRecord(frontMatterOf: existing)
        var updatedRecord = record ?? ImportRecord(blocks: [])
        updatedRecord.add(generated.map(\.source))
        var lines = (updatedRecord == record ? existing : updatedRecord.written(into: existing)).components(separatedBy: "\n")
        // Blocks of the file: runs of non-blank lines, excluding annotation definitions.
        var blocks: [(lastLine: Int, words: Set<String>)] = []
        var definedLabels: Set<String> = []
        var current: [String] = []
        var insideFrontMatter = lines.first == "---"
        for (number, line) in lines.enumerated() {
            if insideFrontMatter {
                if number > 0 && line == "---" { insideFrontMatter = false }
                continue
            }
            if line.hasPrefix("[^"), let close = line.range(of: "]:") {
                definedLabels.insert(String(line[line.index(line.startIndex, offsetBy: 2)..<close.lowerBound]))
            }
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
                if !current.isEmpty { blocks.append((number - 1, Self.words(current.joined(separator: " ")))) }
                current = []
            } else if !line.hasPrefix("[^") {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append((lines.count - 1, Self.words(current.joined(separator: " ")))) }

        var insertions: [(afterLine: Int, text: String)] = []
        var notes: [String] = []
        var anchorLine = blocks.last?.lastLine ?? lines.count - 1
        var previousMatch: Int?
        for block in generated {
            let words = Self.words(block.markdown)
            guard !words.isEmpty else { continue }
            if let match = blocks.indices.max(by: { Self.similarity(words, blocks[$0].words) < Self.similarity(words, blocks[$1].words) }),
               Self.similarity(words, blocks[match].words) >= 0.5 {
                previousMatch = match
                continue
            }
            if record?.contains(block.source) == true { continue }
            var markdown = block.markdown
            for note in block.notes {
                guard let close = note.range(of: "]:") else { continue }
                let label = String(note[note.index(note.startIndex, offsetBy: 2)..<close.lowerBound])
                var fresh = label
                var counter = 1
                while definedLabels.contains(fresh) { counter += 1; fresh = "\(label)-\(counter)" }
                definedLabels.insert(fresh)
                markdown = markdown.replacingOccurrences(of: "[^\(label)]", with: "[^\(fresh)]")
                notes.append("[^\(fresh)]" + note[close.lowerBound...])
            }
            anchorLine = previousMatch.map { blocks[$0].lastLine } ?? anchorLine
            insertions.append((anchorLine, markdown))
            changes.append("added “\(markdown.prefix(60))…” after line \(anchorLine + 1)")
        }
        if updatedRecord != record {
            let added = updatedRecord.fingerprints.count - (record?.fingerprints.count ?? 0)
            changes.append(record == nil
                ? "recorded the article's \(added) paragraphs as imported (comment lines in the front matter), so that --update never adds back one you delete"
                : "recorded \(added) more of the article's paragraphs as imported")
        }
        guard !insertions.isEmpty || updatedRecord != record else { return nil }
        // Insert from the bottom up so earlier line numbers stay valid.
        for insertion in insertions.enumerated().sorted(by: { ($0.element.afterLine, $0.offset) > ($1.element.afterLine, $1.offset) }) {
            lines.insert(contentsOf: ["", insertion.element.text], at: insertion.element.afterLine + 1)
        }
        var text = lines.joined(separator: "\n")
        if !notes.isEmpty {
            if !text.hasSuffix("\n") { text += "\n" }
            text += "\n" + notes.joined(separator: "\n") + "\n"
        }
        return text
    }

    /// Lowercased words of a block's reader-visible text (reference targets and syntax removed).
    static func words(_ markdown: String) -> Set<String> {
        var visible = ""
        var rest = Substring(markdown)
        while let open = rest.range(of: "[[") {
            visible += rest[..<open.lowerBound]
            guard let close = rest.range(of: "]]", range: open.upperBound..<rest.endIndex) else { break }
            let inner = rest[open.upperBound..<close.lowerBound]
            visible += inner.split(separator: "|", maxSplits: 1).last ?? inner
            rest = rest[close.upperBound...]
        }
        visible += rest
        return Set(visible.lowercased().split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { $0.count > 2 })
    }

    static func similarity(_ a: Set<String>, _ b: Set<String>) -> Double {
        guard !a.isEmpty else { return 0 }
        return Double(a.intersection(b).count) / Double(a.count)
    }
}
