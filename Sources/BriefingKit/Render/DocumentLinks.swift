/// Links between content: `[[briefing:slug]]` and `[[page:slug]]` in a document's body.
extension SiteRenderer {
    /// The link of a reference to another document: its page, relative to `root`, showing the
    /// document's title unless the reference gives a label.
    func documentLink(_ target: DocumentID, reference: CrossReference, root: String) -> ParsedDocument.Link {
        ParsedDocument.Link(href: root + target.outputPath, classes: "xref xref-\(target.kind.rawValue)",
                            text: reference.labeled ? nil : title(of: target))
    }
}
