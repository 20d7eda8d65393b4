import CCmarkGFM

/// Parses one Markdown body with cmark-gfm and finds Briefing's syntax in the tree:
/// `[[references]]`, `[^annotations]` with `[!KIND]`, `> [!NOTE]` callouts,
/// `— [[speaker]]` attributions, and gives paragraphs and headings stable anchors.
public struct MarkupParser: Sendable {
    /// Path shown in diagnostics.
    public var path: String
    /// File line of the body's first line.
    public var firstLine: Int
    /// Titles of the site's briefings and pages (`briefing:slug`, `page:slug` → title): the text
    /// of a `[[briefing:slug]]` written without a label, in sentences, search and mentions.
    public var documentTitles: [String: String] = [:]

    public init(path: String, firstLine: Int = 1, documentTitles: [String: String] = [:]) {
        self.path = path
        self.firstLine = firstLine
        self.documentTitles = documentTitles
    }

    public func parse(_ markdown: String) -> ParsedDocument {
        let escapes = EscapedOpenings(markdown)
        let document = ParsedDocument(path: path, firstLine: firstLine, markdown: markdown, tree: MarkdownTree(markdown: escapes.markdown),
                                      documentTitles: documentTitles)
        var state = ParseState(parser: self, document: document, lines: markdown.lineSlices(), escapeMark: escapes.mark)
        state.run()
        document.makeTemplate()
        return document
    }

    /// Characters in `text`, a part of one line: its bytes when all are ASCII (within a line no
    /// two ASCII bytes form one Character: "\r\n" would need the "\n").
    static func characterCount(_ text: Substring) -> Int {
        text.isAllASCII ? text.utf8.count : text.count
    }
}

/// Backslash escapes that cancel Briefing's syntax as CommonMark's cancel its own: `\[[x]]`,
/// `[\[x]]`, `\[^1]` and `> \[!NOTE]` stay text. cmark resolves an escape to its bare character,
/// so before parsing a mark (a noncharacter the text does not use) goes between such an escaped
/// bracket and the `[`, `^` or `!` beside it; the scans for `[[`, `[^` and `[!` then pass it by,
/// and the mark is taken out of every node before rendering. It never touches `*`, `_` or `~`,
/// so emphasis reads as before.
struct EscapedOpenings {
    /// The source with marks; the source itself when no escape needs one.
    let markdown: String
    let mark: Unicode.Scalar?

    init(_ source: String) {
        guard source.containsBytes("\\[") || source.containsBytes("[\\"), let mark = (0xFDD0...0xFDEF).lazy.compactMap(Unicode.Scalar.init)
            .first(where: { mark in !source.unicodeScalars.contains(mark) }) else {
            (markdown, mark) = (source, nil)
            return
        }
        let bytes = Array(source.utf8)
        let markBytes = Array(String(mark).utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + 64)
        var index = 0
        var marked = false
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "\\") else {
                output.append(bytes[index])
                index += 1
                continue
            }
            var end = index
            while end < bytes.count, bytes[end] == UInt8(ascii: "\\") { end += 1 }
            // An odd run of backslashes escapes the byte after it.
            guard (end - index) % 2 == 1, end < bytes.count, Self.openings.contains(bytes[end]) else {
                output.append(contentsOf: bytes[index..<end])
                index = end
                continue
            }
            output.append(contentsOf: bytes[index..<(end - 1)])
            if end - index == 1, index > 0, bytes[index - 1] == UInt8(ascii: "[") {
                output.append(contentsOf: markBytes) // "[\[", "[\^", "[\!"
                marked = true
            }
            output.append(contentsOf: bytes[(end - 1)...end])
            if bytes[end] == UInt8(ascii: "["), end + 1 < bytes.count, Self.openings.contains(bytes[end + 1]) {
                output.append(contentsOf: markBytes) // "\[[", "\[^", "\[!"
                marked = true
            }
            index = end + 1
        }
        (markdown, self.mark) = marked ? (String(decoding: output, as: UTF8.self), mark) : (source, nil)
    }

    /// What follows a `[` in Briefing's openings: `[[`, `[^`, `[!`.
    private static let openings: Set<UInt8> = [UInt8(ascii: "["), UInt8(ascii: "^"), UInt8(ascii: "!")]
}

/// The walk over one tree; kept separate so `MarkupParser` stays a plain value.
private struct ParseState {
    let parser: MarkupParser
    let document: ParsedDocument
    let lines: [Substring]
    /// The mark of escaped openings in the tree's text (see `EscapedOpenings`), if any.
    let escapeMark: Unicode.Scalar?
    /// Per source line, the column up to which references were already located.
    var locatedUpTo: [Int: String.Index] = [:]
    /// Per source line, how many characters precede the last reference located in it.
    var countedUpTo: [Int: (index: String.Index, characters: Int)] = [:]
    var referenceIndexByNode: [MarkdownNode: Int] = [:]
    // The nodes inside table cells and inside footnote definitions, found once: asking each
    // node's ancestors instead made 10,000 nested list items take 10,000 × 10,000 steps.
    var inTables: Set<MarkdownNode> = []
    var inFootnoteDefinitions: Set<MarkdownNode> = []
    var annotationIndexByLabel: [String: Int] = [:]
    var headingAnchors: Set<String> = []
    var paragraphCount = 0

    init(parser: MarkupParser, document: ParsedDocument, lines: [Substring], escapeMark: Unicode.Scalar?) {
        self.parser = parser
        self.document = document
        self.lines = lines
        self.escapeMark = escapeMark
    }

    /// `text` without escape marks.
    func unmarked<Text: StringProtocol>(_ text: Text) -> String {
        guard let escapeMark, text.unicodeScalars.contains(escapeMark) else { return String(text) }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: text.unicodeScalars.lazy.filter { $0 != escapeMark })
        return String(result)
    }

    /// Takes the escape marks out of every literal, link and code block info before rendering.
    func removeEscapeMarks() {
        guard escapeMark != nil else { return }
        for node in document.tree.nodes() {
            if let literal = cmark_node_get_literal(node.raw).map({ String(cString: $0) }), unmarked(literal) != literal {
                node.setLiteral(unmarked(literal))
            }
            if node.type == CMARK_NODE_LINK || node.type == CMARK_NODE_IMAGE {
                let url = cmark_node_get_url(node.raw).map { String(cString: $0) } ?? ""
                let title = cmark_node_get_title(node.raw).map { String(cString: $0) } ?? ""
                if unmarked(url) != url || unmarked(title) != title { node.setURL(unmarked(url), title: unmarked(title)) }
            }
            if node.type == CMARK_NODE_CODE_BLOCK, let info = cmark_node_get_fence_info(node.raw).map({ String(cString: $0) }),
               unmarked(info) != info {
                cmark_node_set_fence_info(node.raw, unmarked(info))
            }
        }
    }

    func location(line: Int, column: Int) -> SourceLocation {
        SourceLocation(path: parser.path, line: line + parser.firstLine - 1, column: column)
    }

    mutating func run() {
        // Each pass collects the nodes anew: the pass before may have freed some.
        for node in document.tree.nodes() where node.type == CMARK_NODE_BLOCK_QUOTE {
            makeCallout(node)
        }
        for cell in document.tree.nodes() where String(cString: cmark_node_get_type_string(cell.raw)) == "table_cell" {
            inTables.formUnion(document.tree.nodes(under: cell).dropFirst())
        }
        for node in document.tree.nodes() where node.type == CMARK_NODE_TEXT {
            splitReferences(in: node)
        }
        reportUndefinedFootnotes()
        let definitions = document.tree.nodes().filter { $0.type == CMARK_NODE_FOOTNOTE_DEFINITION }
        // Number annotations in order of first reference, as readers meet them.
        for node in document.tree.nodes() where node.type == CMARK_NODE_FOOTNOTE_REFERENCE {
            registerAnnotationReference(node)
        }
        for node in document.tree.nodes() where node.type == CMARK_NODE_BLOCK_QUOTE {
            makeAttributedQuote(node)
        }
        for definition in definitions {
            inFootnoteDefinitions.formUnion(document.tree.nodes(under: definition).dropFirst())
        }
        for node in document.tree.nodes() where node.type == CMARK_NODE_PARAGRAPH {
            if !insideFootnoteDefinition(node) { makeFigure(node) }
        }
        for node in document.tree.nodes() where node.type == CMARK_NODE_PARAGRAPH || node.type == CMARK_NODE_HEADING {
            if insideFootnoteDefinition(node) { continue }
            addBlock(for: node)
        }
        anchorQuotations()
        for (index, definition) in definitions.enumerated() {
            addAnnotationText(definition, index: index)
        }
        reportUnusedDefinitions(definitions)
        removeEscapeMarks()
    }

    // MARK: Cross-references

    /// Splits `[[target|label]]` out of a text node into custom inline nodes with the label inside.
    mutating func splitReferences(in node: MarkdownNode) {
        let text = node.literal
        guard text.containsBytes("[[") else { return }
        var cursor = text.startIndex
        var pieces: [MarkdownNode] = []
        var found = false
        while let open = text.firstRange(ofBytes: "[[", from: cursor),
              let close = text.firstRange(ofBytes: "]]", from: open.upperBound) {
            let inner = text[open.upperBound..<close.lowerBound]
            if inner.containsBytes("[[") {
                // "[[a [[b]]": the reference starts at the last opening.
                cursor = text.index(after: open.lowerBound)
                continue
            }
            var (target, label, labeled) = CrossReference.labeledParts(of: Substring(unmarked(inner)))
            if !labeled, !parser.documentTitles.isEmpty, let (kind, slug) = EntityResolver.documentTarget(target),
               let title = parser.documentTitles[kind.rawValue + ":" + slug], !title.isEmpty {
                label = title
            }
            let raw = unmarked(text[open.lowerBound..<close.upperBound])
            if open.lowerBound > cursor { pieces.append(.text(String(text[cursor..<open.lowerBound]))) }
            // Table cells take no custom inline nodes: there a reference is a plain Markdown link.
            let reference = insideTable(node) ? MarkdownNode(cmark_node_new(CMARK_NODE_LINK)!) : MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE)
            reference.append(.text(label))
            pieces.append(reference)
            let location = locate(raw, near: node)
            if target.isEmpty {
                document.diagnostics.append(.error("empty reference \(raw); write [[slug]] or [[slug|label]]", at: location))
            }
            referenceIndexByNode[reference] = document.references.count
            document.references.append(CrossReference(target: target, label: label, location: location, blockIndex: -1, range: 0..<0,
                                                      labeled: labeled))
            document.referenceNodes.append(reference)
            cursor = close.upperBound
            found = true
        }
        guard found else { return }
        if cursor < text.endIndex { pieces.append(.text(String(text[cursor...]))) }
        for piece in pieces { node.insertBefore(piece) }
        node.free()
    }

    func insideTable(_ node: MarkdownNode) -> Bool { inTables.contains(node) }

    /// Finds `raw` in the source at or after the enclosing block's first line, left to right.
    mutating func locate(_ raw: String, near node: MarkdownNode) -> SourceLocation {
        var block: MarkdownNode? = node
        while let current = block, current.startLine == 0 { block = current.parent }
        let firstLine = max(1, block?.startLine ?? 1)
        for lineNumber in firstLine...max(firstLine, lines.count) where lineNumber <= lines.count {
            let line = lines[lineNumber - 1]
            let from = locatedUpTo[lineNumber] ?? line.startIndex
            if let range = line.firstRange(ofBytes: raw, from: from) {
                locatedUpTo[lineNumber] = range.upperBound
                // Counted on from the last reference of the line: from its start each time, the
                // references of a 5 MB line took minutes.
                let counted = countedUpTo[lineNumber] ?? (line.startIndex, 0)
                let characters = counted.characters + MarkupParser.characterCount(line[counted.index..<range.lowerBound])
                countedUpTo[lineNumber] = (range.lowerBound, characters)
                return location(line: lineNumber, column: characters + 1)
            }
        }
        return location(line: firstLine, column: max(1, block?.startColumn ?? 1))
    }

    // MARK: Annotations

    /// cmark-gfm replaces a footnote reference's label by its number (1, 2… in order of first
    /// reference) and moves the definitions, in that order, to the end of the document.
    mutating func registerAnnotationReference(_ node: MarkdownNode) {
        guard let number = Int(node.literal), number >= 1 else { return }
        while document.annotations.count < number {
            document.annotations.append(Annotation(label: "", kind: .note, number: document.annotations.count + 1,
                                                   location: location(line: max(1, node.startLine), column: 1), blockIndex: nil))
        }
        let index = number - 1
        let uses = document.annotationReferences.filter { $0.annotation == index }.count
        document.annotationReferences.append((node, index, "sn-\(number)" + (uses == 0 ? "" : "-\(uses + 1)")))
    }

    /// Reads the label and `[!KIND]` of the definition of annotation `index` and records its text.
    mutating func addAnnotationText(_ definition: MarkdownNode, index: Int) {
        guard index < document.annotations.count, let label = definitionLabel(definition) else {
            document.definitionNodes.append((definition, -1))
            return
        }
        document.annotations[index].label = label
        annotationIndexByLabel[label] = index
        if let reference = document.annotationReferences.first(where: { $0.annotation == index }) {
            document.annotations[index].location = locate("[^\(label)]", near: reference.node)
        }
        document.definitionNodes.append((definition, index))
        if let paragraph = definition.firstChild, paragraph.type == CMARK_NODE_PARAGRAPH,
           let first = paragraph.firstChild, first.type == CMARK_NODE_TEXT {
            let text = first.literal
            if text.hasPrefix("[!"), let close = text.firstIndex(of: "]") {
                let name = text[text.index(text.startIndex, offsetBy: 2)..<close]
                if let kind = AnnotationKind(rawValue: name.lowercased()) {
                    document.annotations[index].kind = kind
                } else {
                    let hint = Suggestion.closest(to: String(name), in: AnnotationKind.allCases.map { $0.rawValue.uppercased() })
                        .map { "did you mean [!\($0)]? " } ?? ""
                    document.diagnostics.append(.error("unknown annotation kind [!\(name)]; \(hint)use one of \(AnnotationKind.allCases.map { "[!\($0.rawValue.uppercased())]" }.joined(separator: ", "))",
                                                       at: locate("[!\(name)]", near: paragraph)))
                }
                let rest = text[text.index(after: close)...].drop { $0 == " " }
                first.setLiteral(String(rest))
            }
        }
        let anchor = document.annotationReferences.first { $0.annotation == index }
            .flatMap { reference in enclosingBlockAnchor(of: reference.node) } ?? "top"
        var texts: [String] = []
        var references: [(Int, Range<Int>)] = []
        var offset = 0
        for child in definition.children where child.type == CMARK_NODE_PARAGRAPH {
            var text = ""
            var refs: [(Int, Range<Int>)] = []
            collectText(child, into: &text, references: &refs)
            references += refs.map { ($0.0, ($0.1.lowerBound + offset)..<($0.1.upperBound + offset)) }
            texts.append(text)
            offset += text.utf8.count + 1
        }
        addBlock(anchor: anchor, text: texts.joined(separator: " "), references: references, inNote: true)
        document.annotations[index].blockIndex = document.blocks.count - 1
    }

    func definitionLabel(_ definition: MarkdownNode) -> String? {
        let lineNumber = definition.startLine
        guard lineNumber >= 1, lineNumber <= lines.count else { return nil }
        let line = lines[lineNumber - 1]
        guard let open = line.firstRange(ofBytes: "[^"), let close = line.firstRange(ofBytes: "]:", from: open.upperBound) else {
            return nil
        }
        return String(line[open.upperBound..<close.lowerBound])
    }

    /// cmark leaves `[^label]` as text when no definition exists: report each one.
    mutating func reportUndefinedFootnotes() {
        for node in document.tree.nodes() where node.type == CMARK_NODE_TEXT {
            let text = node.literal
            var cursor = text.startIndex
            while let open = text.firstRange(ofBytes: "[^", from: cursor),
                  let close = text[open.upperBound...].firstIndex(of: "]") {
                let label = text[open.upperBound..<close]
                cursor = text.index(after: close)
                guard !label.isEmpty, !label.contains(" ") else { continue }
                let next = text[cursor...].first
                if next == ":" { continue }
                document.diagnostics.append(.error("annotation [^\(label)] has no definition; add a line `[^\(label)]: [!NOTE] …` at the end of the file",
                                                   at: locate("[^\(label)]", near: node)))
            }
        }
    }

    mutating func reportUnusedDefinitions(_ definitions: [MarkdownNode]) {
        for (lineIndex, line) in lines.enumerated() {
            let trimmed = line.drop { $0 == " " || $0 == ">" }
            guard trimmed.hasPrefix("[^"), let close = trimmed.firstRange(ofBytes: "]:") else { continue }
            let label = String(trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close.lowerBound])
            if annotationIndexByLabel[label] == nil {
                let column = line.distance(from: line.startIndex, to: trimmed.startIndex) + 1
                document.diagnostics.append(.warning("annotation [^\(label)] is never referenced; add [^\(label)] after the sentence it annotates",
                                                     at: location(line: lineIndex + 1, column: column)))
            }
        }
    }

    func insideFootnoteDefinition(_ node: MarkdownNode) -> Bool { inFootnoteDefinitions.contains(node) }

    func enclosingBlockAnchor(of node: MarkdownNode) -> String? {
        var current: MarkdownNode? = node
        while let candidate = current {
            if let anchor = anchorByNode[candidate] { return anchor }
            current = candidate.parent
        }
        return nil
    }

    // MARK: Blocks

    var anchorByNode: [MarkdownNode: String] = [:]

    /// Gives a paragraph (`p1`, `p2`…) or heading (slug of its text) an anchor and records its text.
    mutating func addBlock(for node: MarkdownNode) {
        var text = ""
        var references: [(Int, Range<Int>)] = []
        collectText(node, into: &text, references: &references)
        // A "[[…]]" still in the prose (not in code) was not read as a reference: its label has
        // formatting or HTML.
        // Only blocks whose text has "[[" at all pay for a second walk (to leave code spans out).
        var prose = ""
        if text.containsBytes("[[") {
            document.tree.walk(under: node) { child, _ in if child.type == CMARK_NODE_TEXT { prose += child.literal } }
        }
        var rest = Substring(prose)
        while let open = rest.firstRange(ofBytes: "[["), let close = rest.firstRange(ofBytes: "]]", from: open.upperBound) {
            rest = rest[close.upperBound...]
            let location = locate("[[", near: node)
            var written = "[[…]]"
            let lineIndex = location.line - parser.firstLine
            if lineIndex >= 0, lineIndex < lines.count {
                let line = lines[lineIndex].dropFirst(location.column - 1)
                let end = line.firstRange(ofBytes: "]]").map { $0.upperBound } ?? line.endIndex
                written = String(line[..<end].prefix(80))
            }
            document.diagnostics.append(.warning("\(written) looks like a reference but cannot be read, so it shows as typed; write its label as plain text, without formatting or HTML",
                                                 at: location))
        }
        let anchor: String
        let replacement: MarkdownNode
        if node.type == CMARK_NODE_HEADING {
            section += 1
            let level = node.headingLevel
            var base = Slug.make(from: text)
            if base.isEmpty || base.first!.isNumber { base = "section-" + base }
            anchor = uniqueHeadingAnchor(base)
            replacement = node.replaceWithInlines(open: "<h\(level) id=\"\(anchor)\">", close: "</h\(level)>")
        } else {
            paragraphCount += 1
            anchor = "p\(paragraphCount)"
            if node.isTightListItem {
                let marker = MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE, enter: "<span id=\"\(anchor)\"></span>")
                if let first = node.firstChild { first.insertBefore(marker) } else { node.append(marker) }
                replacement = node
            } else {
                replacement = node.replaceWithInlines(open: "<p id=\"\(anchor)\">", close: "</p>")
            }
        }
        anchorByNode[replacement] = anchor
        addBlock(anchor: anchor, text: text, references: references)
    }

    mutating func uniqueHeadingAnchor(_ base: String) -> String {
        var anchor = base
        var counter = 1
        while headingAnchors.contains(anchor) || (anchor.hasPrefix("p") && Int(anchor.dropFirst()) != nil) {
            counter += 1
            anchor = "\(base)-\(counter)"
        }
        headingAnchors.insert(anchor)
        return anchor
    }

    /// Headings met so far: the section the next block is in (0 before the first heading).
    var section = 0
    /// The section of each body block's anchor, for the notes anchored there.
    var sectionByAnchor: [String: Int] = [:]

    /// Records a block; a note (`inNote`) is in the section of the paragraph it is anchored to.
    mutating func addBlock(anchor: String, text: String, references: [(Int, Range<Int>)], inNote: Bool = false) {
        let blockIndex = document.blocks.count
        let blockSection = inNote ? sectionByAnchor[anchor] ?? section : section
        if !inNote { sectionByAnchor[anchor] = section }
        document.blocks.append(TextBlock(anchor: anchor, text: text, sentences: SentenceSplitter.sentences(in: text),
                                         section: blockSection))
        for (index, range) in references {
            document.references[index].blockIndex = blockIndex
            document.references[index].range = range
        }
    }

    /// The plain text of a block's inlines, with the byte range of each reference's label.
    /// Iterative (cmark's iterator): inline nesting can be thousands of levels deep in hostile input.
    func collectText(_ node: MarkdownNode, into text: inout String, references: inout [(Int, Range<Int>)]) {
        var starts: [MarkdownNode: Int] = [:]
        var collected = text
        var found: [(Int, Range<Int>)] = []
        document.tree.walk(under: node) { child, entering in
            switch child.type {
            case CMARK_NODE_TEXT, CMARK_NODE_CODE:
                collected += unmarked(child.literal)
            case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
                collected += " "
            default:
                guard let index = referenceIndexByNode[child] else { return }
                if entering {
                    starts[child] = collected.utf8.count
                } else if let start = starts[child] {
                    found.append((index, start..<collected.utf8.count))
                }
            }
        }
        text = collected
        references += found
    }

    // MARK: Callouts and quotes

    /// `> [!NOTE]` on the first line turns a blockquote into a callout.
    mutating func makeCallout(_ quote: MarkdownNode) {
        guard let paragraph = quote.firstChild, paragraph.type == CMARK_NODE_PARAGRAPH,
              let first = paragraph.firstChild, first.type == CMARK_NODE_TEXT else { return }
        let text = first.literal
        guard text.hasPrefix("[!"), text.hasSuffix("]"), text.count > 3 else { return }
        let name = String(text.dropFirst(2).dropLast())
        guard let kind = CalloutKind(rawValue: name.lowercased()) else {
            let hint = Suggestion.closest(to: name, in: CalloutKind.allCases.map { $0.rawValue.uppercased() })
                .map { "did you mean [!\($0)]? " } ?? ""
            let kinds = CalloutKind.allCases.map { "[!\($0.rawValue.uppercased())]" }.joined(separator: ", ")
            document.diagnostics.append(.warning("unknown callout kind [!\(name)]; \(hint)use one of \(kinds); shown as a plain quote",
                                                 at: locate(text, near: paragraph)))
            return
        }
        if let breakNode = first.next, breakNode.type == CMARK_NODE_SOFTBREAK || breakNode.type == CMARK_NODE_LINEBREAK {
            breakNode.free()
        }
        first.free()
        if paragraph.firstChild == nil { paragraph.free() }
        quote.replaceWithCustomBlock(
            enter: "<div class=\"callout callout-\(kind.rawValue)\" role=\"note\"><p class=\"callout-title\">\(kind.label)</p>\n",
            exit: "</div>\n")
    }

    /// A blockquote whose last line starts with "—" and names an entity becomes an attributed quote.
    mutating func makeAttributedQuote(_ quote: MarkdownNode) {
        guard let last = quote.lastChild, last.type == CMARK_NODE_PARAGRAPH else { return }
        let inlines = last.children
        let lineStart = (inlines.lastIndex { $0.type == CMARK_NODE_SOFTBREAK || $0.type == CMARK_NODE_LINEBREAK }).map { $0 + 1 } ?? 0
        let attribution = Array(inlines[lineStart...])
        guard let first = attribution.first, first.type == CMARK_NODE_TEXT,
              first.literal.hasPrefix("—") || first.literal.hasPrefix("―") || first.literal.hasPrefix("-- "),
              let speaker = attribution.compactMap({ referenceIndexByNode[$0] }).first else { return }
        let figure = MarkdownNode.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "<figure class=\"quote\">\n", exit: "</figure>\n")
        quote.insertBefore(figure)
        figure.append(quote)
        if lineStart > 0 { inlines[lineStart - 1].free() }
        let caption = MarkdownNode(cmark_node_new(CMARK_NODE_PARAGRAPH)!)
        figure.append(caption)
        for inline in attribution { caption.append(inline) }
        if last.firstChild == nil { last.free() }
        caption.replaceWithInlines(open: "<figcaption>", close: "</figcaption>")
        var texts: [String] = []
        for child in quote.children {
            var text = ""
            var ignored: [(Int, Range<Int>)] = []
            collectText(child, into: &text, references: &ignored)
            texts.append(text)
        }
        document.quotations.append(BlockQuotation(text: texts.joined(separator: " "), speakerReference: speaker, anchor: ""))
        quoteFigures.append(quote)
    }

    /// A paragraph that is only an image with a title (`![alt](src "Title")`) becomes a figure
    /// with the title as its caption (escaped: a title is plain text), and no longer a paragraph.
    mutating func makeFigure(_ paragraph: MarkdownNode) {
        let children = paragraph.children
        guard children.count == 1, let image = children.first, image.type == CMARK_NODE_IMAGE,
              let title = cmark_node_get_title(image.raw).map({ unmarked(String(cString: $0)) }),
              !title.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        let url = cmark_node_get_url(image.raw).map { String(cString: $0) } ?? ""
        image.setURL(url, title: "")
        let figure = MarkdownNode.custom(CMARK_NODE_CUSTOM_BLOCK, enter: "<figure class=\"figure\">\n", exit: "</figure>\n")
        paragraph.insertBefore(figure)
        figure.append(paragraph)
        paragraph.replaceWithInlines(open: "", close: "\n<figcaption>\(HTML.escape(title))</figcaption>\n")
    }

    /// The blockquote of each attributed quotation, to find its anchor once paragraphs have one.
    var quoteFigures: [MarkdownNode] = []

    mutating func anchorQuotations() {
        for (index, quote) in quoteFigures.enumerated() {
            let anchors = anchorByNode
            let anchor = document.tree.nodes(under: quote).compactMap { anchors[$0] }.first
            document.quotations[index].anchor = anchor ?? "top"
        }
    }
}
