import CCmarkGFM
import Foundation

/// A Markdown document after parsing: its text blocks, cross-references, annotations and
/// attributed quotes, and its HTML with a marker where each reference's link goes.
public final class ParsedDocument: @unchecked Sendable {
    public let path: String
    public internal(set) var blocks: [TextBlock] = []
    public internal(set) var references: [CrossReference] = []
    public internal(set) var annotations: [Annotation] = []
    public internal(set) var quotations: [BlockQuotation] = []
    public internal(set) var diagnostics: [Diagnostic] = []

    /// The cmark tree while parsing; released once the HTML template is made from it.
    private(set) var tree: MarkdownTree!
    /// The HTML with `\u{1}<index>\u{2}` before and `\u{1}\u{3}` after each reference's label,
    /// when the source has no U+0001 and no reference sits in a table cell (there cmark writes
    /// the link itself); else nil and the tree renders each time.
    private var template: [UInt8]?
    /// The custom inline node of each reference, by reference index.
    var referenceNodes: [MarkdownNode] = []
    /// Each footnote reference node with the index of its annotation.
    var annotationReferences: [(node: MarkdownNode, annotation: Int, id: String)] = []
    /// Footnote definition nodes, removed from the flow when rendering.
    var definitionNodes: [(node: MarkdownNode, annotation: Int)] = []

    /// The source, to parse again when a later build links the references differently.
    private let firstLine: Int
    private let markdown: String
    private let documentTitles: [String: String]

    init(path: String, firstLine: Int, markdown: String, tree: MarkdownTree, documentTitles: [String: String] = [:]) {
        self.path = path
        self.firstLine = firstLine
        self.documentTitles = documentTitles
        self.markdown = markdown
        self.tree = tree
    }

    /// How one reference renders: an `<a>` with these attributes, or plain text when nil.
    public struct Link: Sendable, Equatable {
        public var href: String
        public var classes: String
        public var attributes: [(String, String)]
        /// Text shown instead of the written label (a linked document's title), if any.
        public var text: String?

        public init(href: String, classes: String, attributes: [(String, String)] = [], text: String? = nil) {
            self.href = href
            self.classes = classes
            self.attributes = attributes
            self.text = text
        }

        public static func == (a: Link, b: Link) -> Bool {
            a.href == b.href && a.classes == b.classes && a.attributes.elementsEqual(b.attributes, by: ==) && a.text == b.text
        }
    }

    private let renderLock = NSLock()
    private var rendered: (links: [Link?], html: String)?

    /// The document's HTML, with every reference linked by `link(referenceIndex)` and
    /// annotations as sidenotes. Rendering rewrites the tree, so it happens once: a later call
    /// with the same links returns the same HTML, one with other links renders a fresh parse.
    public func html(link: (Int) -> Link?) -> String {
        let links = references.indices.map(link)
        if let template { return Self.fill(template, links: links) }
        return renderLock.withLock {
            if let rendered {
                return rendered.links == links ? rendered.html
                    : MarkupParser(path: path, firstLine: firstLine, documentTitles: documentTitles).parse(markdown).html { links[$0] }
            }
            let html = render(links)
            rendered = (links, html)
            return html
        }
    }

    /// Renders the tree into the template and releases the tree, when the document allows it.
    func makeTemplate() {
        guard !markdown.containsByte(where: { $0 == 1 }), referenceNodes.allSatisfy({ $0.type != CMARK_NODE_LINK }) else { return }
        for (index, node) in referenceNodes.enumerated() {
            node.setCustom(enter: "\u{1}\(index)\u{2}", exit: "\u{1}\u{3}")
        }
        template = Array(render(Array(repeating: nil, count: referenceNodes.count)).utf8)
        referenceNodes = []
        annotationReferences = []
        definitionNodes = []
        tree = nil
    }

    /// The opening tag of a reference's link.
    static func openingTag(_ link: Link) -> String {
        var open = "<a class=\"\(HTML.escape(link.classes))\" href=\"\(HTML.escape(link.href))\""
        for (name, value) in link.attributes {
            open += " \(name)=\"\(HTML.escape(value))\""
        }
        return open + ">"
    }

    /// The template with each marked reference linked (or left as its plain label).
    static func fill(_ template: [UInt8], links: [Link?]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(template.count + links.count * 120)
        var open: [Link?] = []
        var index = 0
        while index < template.count {
            guard template[index] == 1 else {
                let next = template[index...].firstIndex(of: 1) ?? template.count
                output.append(contentsOf: template[index..<next])
                index = next
                continue
            }
            if template[index + 1] == 3 {
                if open.popLast().flatMap({ $0 }) != nil { output.append(contentsOf: "</a>".utf8) }
                index += 2
                continue
            }
            let end = template[index...].firstIndex(of: 2)!
            let number = Int(String(decoding: template[(index + 1)..<end], as: UTF8.self))!
            let link = number < links.count ? links[number] : nil
            if let link { output.append(contentsOf: openingTag(link).utf8) }
            if let text = link?.text {
                // The label is one text node: no other marker before its end.
                output.append(contentsOf: HTML.escape(text).utf8)
                output.append(contentsOf: "</a>".utf8)
                var close = end + 1
                while close + 1 < template.count, !(template[close] == 1 && template[close + 1] == 3) { close += 1 }
                index = close + 2
                continue
            }
            open.append(link)
            index = end + 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private func render(_ links: [Link?]) -> String {
        for (index, node) in referenceNodes.enumerated() {
            guard let target = links[index] else {
                // A reference left unlinked (link density) in a table cell: its label, not an empty link.
                if node.type == CMARK_NODE_LINK {
                    for child in node.children { node.insertBefore(child) }
                    node.unlink()
                    node.free()
                }
                continue
            }
            if let text = target.text {
                for child in node.children { child.unlink(); child.free() }
                node.append(.text(text))
            }
            if node.type == CMARK_NODE_LINK {
                node.setURL(target.href, title: target.attributes.first { $0.0 == "title" }?.1 ?? "")
            } else {
                node.setCustom(enter: Self.openingTag(target), exit: "</a>")
            }
        }
        // A note referenced inside a note's definition would be freed with that definition below
        // (a use after free): it stays there as its bare number, without a sidenote of its own.
        var referencesInNotes: Set<Int> = []
        for (position, reference) in annotationReferences.enumerated() {
            var ancestor = reference.node.parent
            while let current = ancestor, current.type != CMARK_NODE_FOOTNOTE_DEFINITION { ancestor = current.parent }
            guard ancestor != nil else { continue }
            let number = annotations[reference.annotation].number
            reference.node.insertBefore(.custom(CMARK_NODE_CUSTOM_INLINE, enter: "<sup>\(number)</sup>"))
            reference.node.free()
            referencesInNotes.insert(position)
        }
        var noteHTML: [Int: String] = [:]
        for (node, annotation) in definitionNodes where annotation < 0 {
            node.unlink()
            node.free()
        }
        for (node, annotation) in definitionNodes where annotation >= 0 {
            var content = ""
            for child in node.children {
                if child.type == CMARK_NODE_PARAGRAPH {
                    child.replaceWithInlines(open: "<span class=\"annotation-text\">", close: "</span>")
                }
            }
            for child in node.children {
                content += tree.html(of: child).trimmingCharacters(in: .newlines)
            }
            noteHTML[annotation] = content
            node.unlink()
            node.free()
        }
        for (position, (node, index, id)) in annotationReferences.enumerated() where !referencesInNotes.contains(position) {
            let annotation = annotations[index]
            let kind = annotation.kind
            let html = "<span class=\"annotation annotation-\(kind.rawValue)\">"
                + "<label for=\"\(id)\" class=\"sidenote-number\" title=\"\(kind.label) note \(annotation.number)\">\(annotation.number)</label>"
                + "<input type=\"checkbox\" id=\"\(id)\" class=\"margin-toggle\" aria-label=\"Show \(kind.label.lowercased()) note \(annotation.number)\">"
                + "<span class=\"sidenote\" role=\"note\"><span class=\"annotation-kind\">\(kind.label)</span> "
                + (noteHTML[index] ?? "") + "</span></span>"
            let replacement = MarkdownNode.custom(CMARK_NODE_CUSTOM_INLINE, enter: html, exit: "")
            node.insertBefore(replacement)
            node.free()
        }
        return tree.html()
    }
}
