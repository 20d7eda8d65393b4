/// Which references of a document are links. Every mention stays a mention (entity pages, the
/// graph and the timeline count them all); only how many are links changes with `mentions:`.
extension KnowledgeGraph {
    /// Per reference index of `document`: whether it renders as a link. With `firstInSection`,
    /// an entity is linked at its first reference in each section (the text under one heading;
    /// a note belongs to the section of its paragraph) and plain text after; dates, links to
    /// documents and references outside prose blocks (table cells) are always links.
    public func linkedReferences(of document: ContentDocument, density: MentionLinks) -> [Bool] {
        let parsed = document.parsed
        let resolutions = self.resolutions[document.id] ?? []
        guard density == .firstInSection else { return Array(repeating: true, count: parsed.references.count) }
        var seen: Set<SectionEntity> = []
        return parsed.references.indices.map { index in
            guard index < resolutions.count, case .entity(let slug) = resolutions[index] else { return true }
            let block = parsed.references[index].blockIndex
            guard block >= 0, block < parsed.blocks.count else { return true }
            return seen.insert(SectionEntity(section: parsed.blocks[block].section, slug: slug)).inserted
        }
    }

    private struct SectionEntity: Hashable {
        var section: Int
        var slug: String
    }
}
