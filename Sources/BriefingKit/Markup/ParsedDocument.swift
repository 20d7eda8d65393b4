import CCmarkGFM
import Foundation

/// A Markdown document after parsing: its cmark tree, text blocks, cross-references,
/// annotations and attributed quotes. Rendered once, after references are resolved.
public final class ParsedDocument: @unchecked Sendable {
    public let path: String
    public internal(set) var blocks: [TextBlock] = []
    public internal(set) var references: [CrossReference] = []
    public internal(set) var annotations: [Annotation] = []
    public internal(set) var quotations: [BlockQuotation] = []
    public internal(set) var diagnostics: [Diagnostic] = []

    let tree: MarkdownTree
    /// The custom inline node of each reference, by reference index.
    var referenceNodes: [MarkdownNode] = []
    /// Each footnote reference node with the index of its annotation.
    var annotationReferences: [(node: MarkdownNode, annotation: Int, id: String)] = []
    /// Footnote definition nodes, removed from the flow when rendering.
    var definitionNodes: [(node: MarkdownNode, annotation: Int)] = []

    /// The source, to parse again when a later build links the references differently.
    private let firstLine: Int
    private let markdown: String

    init(path: String, firstLine: Int, markdown: String, tree: MarkdownTree) {
        self.path = path
        self.firstLine = firstLine
        self.markdown = markdown
        self.tree = tree
    }

    /// How one reference renders: an `<a>` with these attributes, or plain text when nil.
    public struct Link: Sendable, Equatable {
        public var href: String
        public var classes: String
        public var attributes: [(String, String)]

        public init(href: String, classes: String, attributes: [(String, String)] = []) {
            self.href = href
            self.classes = classes
            self.attributes = attributes
        }

        public static func == (a: Link, b: Link) -> Bool {
            a.href == b.href && a.classes == b.classes && a.attributes.elementsEqual(b.attributes, by: ==)
        }
    }

    private let renderLock = NSLock()
    private var rendered: (links: [Link?], html: String)?

    /// The document's HTML, with every reference linked by `link(referenceIndex)` and
    /// annotations as sidenotes. Rendering rewrites the tree, so it happens once: a later call
    /// with the same links returns the same HTML, one with other links renders a fresh parse.
    public func html(link: (Int) -> Link?) -> String {
        let links = referenceNodes.indices.map(link)
        return renderLock.withLock {
            if let rendered {
                return rendered.links == links ? rendered.html
                    : MarkupParser(path: path, firstLine: firstLine).parse(markdown).html { links[$0] }
            }
            let html = render(links)
            rendered = (links, html)
            return html
        }
    }

    private func render(_ links: [Link?]) -> String {
        for (index, node) in referenceNodes.enumerated() {
            guard let target = links[index] else { continue }
            var open = "<a class=\"\(HTML.escape(target.classes))\" href=\"\(HTML.escape(target.href))\""
            for (name, value) in target.attributes {
                open += " \(name)=\"\(HTML.escape(value))\""
            }
            if node.type == CMARK_NODE_LINK {
                node.setURL(target.href, title: target.attributes.first { $0.0 == "title" }?.1 ?? "")
            } else {
                node.setCustom(enter: open + ">", exit: "</a>")
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
