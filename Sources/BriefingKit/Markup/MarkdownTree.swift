import CCmarkGFM
import Foundation

/// A cmark-gfm syntax tree that Briefing rewrites (cross-references, anchors, sidenotes)
/// before cmark renders it. One tree is only ever used by one thread at a time.
final class MarkdownTree: @unchecked Sendable {
    /// GFM extensions Briefing enables; the renderer gets the same list (with nil, tagfilter stops).
    static let extensionNames = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]
    /// Never CMARK_OPT_UNSAFE: raw HTML in content is dropped, so content cannot inject script.
    static let options = CMARK_OPT_FOOTNOTES | CMARK_OPT_VALIDATE_UTF8

    /// cmark-gfm 0.29.0.gfm.6 flips a global table in `cmark_parser_finish` while inline
    /// extensions run, so two documents finishing at once corrupt each other.
    private static let finishLock = NSLock()
    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    /// The extensions as the list the renderer takes; built once, never freed.
    nonisolated(unsafe) private static let renderExtensions: UnsafeMutablePointer<cmark_llist>? = {
        _ = registered
        var list: UnsafeMutablePointer<cmark_llist>?
        for name in extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                list = cmark_llist_append(cmark_get_default_mem_allocator(), list, UnsafeMutableRawPointer(syntax))
            }
        }
        return list
    }()

    let root: MarkdownNode

    init(markdown: String) {
        _ = Self.registered
        let parser = cmark_parser_new(Self.options)!
        // The tree outlives its parser (as in cmark_parse_document): thousands of parsers'
        // buffers would otherwise stay allocated until rendering.
        defer { cmark_parser_free(parser) }
        for name in Self.extensionNames {
            if let syntax = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, syntax)
            }
        }
        var text = markdown
        text.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        root = MarkdownNode(Self.finishLock.withLock { cmark_parser_finish(parser) })
        cmark_consolidate_text_nodes(root.raw)
    }

    deinit {
        cmark_node_free(root.raw)
    }

    /// Renders the tree (or one subtree) to HTML with the same extensions.
    func html(of node: MarkdownNode? = nil) -> String {
        guard let output = cmark_render_html((node ?? root).raw, Self.options, Self.renderExtensions) else {
            return ""
        }
        defer { free(output) }
        return String(cString: output)
    }

    /// Every node in document order, collected first so callers can rewrite the tree safely.
    func nodes(under start: MarkdownNode? = nil) -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        guard let iterator = cmark_iter_new((start ?? root).raw) else { return result }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) {
                result.append(MarkdownNode(node))
            }
        }
        return result
    }

    /// Visits the subtree below `start` (not `start` itself) in document order, entering and
    /// leaving each container; cmark's iterator needs no recursion, however deep the nesting.
    func walk(under start: MarkdownNode, _ visit: (MarkdownNode, _ entering: Bool) -> Void) {
        guard let iterator = cmark_iter_new(start.raw) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let raw = cmark_iter_get_node(iterator) else { continue }
            let node = MarkdownNode(raw)
            if node == start { continue }
            visit(node, event == CMARK_EVENT_ENTER)
        }
    }
}

/// A node of a `MarkdownTree`: small conveniences over cmark's C accessors.
struct MarkdownNode: Hashable {
    let raw: OpaquePointer

    init(_ raw: OpaquePointer) { self.raw = raw }

    private static func wrap(_ raw: OpaquePointer?) -> MarkdownNode? { raw.map(MarkdownNode.init) }

    var type: cmark_node_type { cmark_node_get_type(raw) }
    var literal: String { cmark_node_get_literal(raw).map { String(cString: $0) } ?? "" }
    var parent: MarkdownNode? { Self.wrap(cmark_node_parent(raw)) }
    var firstChild: MarkdownNode? { Self.wrap(cmark_node_first_child(raw)) }
    var lastChild: MarkdownNode? { Self.wrap(cmark_node_last_child(raw)) }
    var next: MarkdownNode? { Self.wrap(cmark_node_next(raw)) }
    var previous: MarkdownNode? { Self.wrap(cmark_node_previous(raw)) }
    var startLine: Int { Int(cmark_node_get_start_line(raw)) }
    var startColumn: Int { Int(cmark_node_get_start_column(raw)) }
    var headingLevel: Int { Int(cmark_node_get_heading_level(raw)) }
    var isTightListItem: Bool {
        guard let list = parent?.parent, list.type == CMARK_NODE_LIST else { return false }
        return cmark_node_get_list_tight(list.raw) != 0
    }

    var children: [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = firstChild
        while let node = child {
            result.append(node)
            child = node.next
        }
        return result
    }

    func setLiteral(_ text: String) { cmark_node_set_literal(raw, text) }

    /// A node that prints `enter` and `exit` verbatim around its children.
    static func custom(_ type: cmark_node_type, enter: String = "", exit: String = "") -> MarkdownNode {
        let node = MarkdownNode(cmark_node_new(type)!)
        node.setCustom(enter: enter, exit: exit)
        return node
    }

    static func text(_ literal: String) -> MarkdownNode {
        let node = MarkdownNode(cmark_node_new(CMARK_NODE_TEXT)!)
        node.setLiteral(literal)
        return node
    }

    func setURL(_ url: String, title: String) {
        cmark_node_set_url(raw, url)
        cmark_node_set_title(raw, title)
    }

    func setCustom(enter: String, exit: String) {
        cmark_node_set_on_enter(raw, enter)
        cmark_node_set_on_exit(raw, exit)
    }

    /// False when the parent cannot hold the node (a table cell takes no custom inline).
    @discardableResult
    func insertBefore(_ sibling: MarkdownNode) -> Bool { cmark_node_insert_before(raw, sibling.raw) != 0 }
    func insertAfter(_ sibling: MarkdownNode) { cmark_node_insert_after(raw, sibling.raw) }
    func append(_ child: MarkdownNode) { cmark_node_append_child(raw, child.raw) }
    func unlink() { cmark_node_unlink(raw) }
    func free() { cmark_node_free(raw) }

    /// Replaces this block of inlines (paragraph, heading) with `open` + inlines + `close`.
    /// Unlike a custom block's own enter/exit, which cmark puts on lines of their own, the
    /// tags then hug the text: `<p id="p1">Text</p>`.
    @discardableResult
    func replaceWithInlines(open: String, close: String) -> MarkdownNode {
        let block = Self.custom(CMARK_NODE_CUSTOM_BLOCK)
        insertBefore(block)
        block.append(Self.custom(CMARK_NODE_CUSTOM_INLINE, enter: open))
        for child in children { block.append(child) }
        block.append(Self.custom(CMARK_NODE_CUSTOM_INLINE, enter: close))
        free()
        return block
    }

    /// Replaces this node with a custom block printing `enter`/`exit`, keeping the children.
    @discardableResult
    func replaceWithCustomBlock(enter: String, exit: String) -> MarkdownNode {
        let block = Self.custom(CMARK_NODE_CUSTOM_BLOCK, enter: enter, exit: exit)
        insertBefore(block)
        for child in children { block.append(child) }
        free()
        return block
    }
}
