/// What one document adds to the knowledge graph. It depends only on the document and the
/// entities, so documents link in parallel and an unchanged document's part is kept between builds.
struct DocumentKnowledge: @unchecked Sendable {
    /// The parse this was derived from (compared by identity to reuse the part).
    let parsed: ParsedDocument
    /// Per reference index: what it resolved to.
    var resolutions: [EntityResolver.Resolution] = []
    var mentions: [Mention] = []
    /// In document order; `order[0]` is filled in when the parts are merged.
    var events: [TimelineEvent] = []
    /// Per date reference index: its event's id.
    var eventIDs: [Int: String] = [:]
    /// Entities named in the same sentence, once per ordered pair and sentence.
    var pairs: [(String, String)] = []
    var quotes: [Quote] = []
    /// Entities this document (not a briefing) links.
    var backlinks: Set<String> = []
    var diagnostics: [Diagnostic] = []

    init(parsed: ParsedDocument) { self.parsed = parsed }
}
