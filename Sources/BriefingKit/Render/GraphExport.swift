import Foundation

/// `graph.json` (entities, mentions, events, quotes, relations, briefings; its JSON Schema is
/// `Docs/graph.schema.json`) and `timeline.json` in Knight Lab's TimelineJS format, for other tools.
struct GraphExport {
    var site: LoadedSite
    var graph: KnowledgeGraph
    var documents: [ContentDocument]
    /// Each document's mentions as written by an earlier build, reused while it is unchanged.
    var fragments: Fragments?

    /// Written mentions by document: most of graph.json, and unchanged by an edit elsewhere.
    final class Fragments: @unchecked Sendable {
        private let lock = NSLock()
        private var mentions: [DocumentID: (parsed: ParsedDocument, resolutions: [EntityResolver.Resolution], written: [UInt8])] = [:]

        func mentions(of document: ContentDocument, resolutions: [EntityResolver.Resolution], make: () -> [UInt8]) -> [UInt8] {
            if let entry = lock.withLock({ mentions[document.id] }), entry.parsed === document.parsed, entry.resolutions == resolutions {
                return entry.written
            }
            let written = make()
            lock.withLock { mentions[document.id] = (document.parsed, resolutions, written) }
            return written
        }

        private var items: [String: (key: any Sendable, written: JSON)] = [:]

        /// The item `id` as written when it was made from an equal `key`, else `make()`'s.
        func item<Key: Equatable & Sendable>(_ id: String, key: Key, make: () -> JSON) -> JSON {
            // Compared as the concrete type: AnyHashable would box every element of an array.
            if let entry = lock.withLock({ items[id] }), let old = entry.key as? Key, old == key { return entry.written }
            let written = make()
            lock.withLock { items[id] = (key, written) }
            return written
        }
    }

    /// `make()`, or the same item from an earlier build when `key` is equal.
    func item<Key: Equatable & Sendable>(_ id: String, key: Key, make: () -> JSON) -> JSON {
        fragments?.item(id, key: key, make: make) ?? make()
    }

    func graphFile() -> OutputFile { OutputFile(path: "graph.json", parts: Self.line(graphObject())) }

    func timelineFile() -> OutputFile { OutputFile(path: "timeline.json", parts: Self.line(timelineObject())) }

    /// Pretty JSON and a newline, in parts (joined, they would copy tens of megabytes).
    static func line(_ json: JSON) -> [[UInt8]] {
        json.parts(pretty: true) + [[0x0A]]
    }

    /// Converts a UTF-8 byte offset in `text` to a Unicode code point offset.
    static func codePoints(_ text: String, _ utf8Offset: Int) -> Int {
        let utf8 = text.utf8
        let index = utf8.index(utf8.startIndex, offsetBy: min(utf8Offset, utf8.count))
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
    }

    func graphObject() -> JSON {
        // Items are written on all cores; a whole section is kept while what it is made of is equal.
        let counted = graph.sortedEntities.map { CountedEntity(entity: $0, mentionCount: graph.mentionCount(of: $0.slug)) }
        let entities = item("entities", key: counted) {
            .written([JSON.array(counted.parallelMap { counted in
                let entity = counted.entity
                var object: [String: JSON] = ["id": .string(entity.slug), "name": .string(entity.name), "kind": .string(entity.kind.rawValue),
                                              "aliases": .array(entity.aliases.map(JSON.string)),
                                              "url": .string(DocumentID(.entity, entity.slug).outputPath),
                                              "mentionCount": .int(counted.mentionCount)]
                if let role = entity.role { object["role"] = .string(role) }
                if let date = entity.date { object["date"] = .string(date.value) }
                return .written([JSON.object(object).bytes(pretty: true, depth: 2)])
            }).bytes(pretty: true, depth: 1)])
        }
        // Each document's items come as one run of bytes: the section is those runs, joined.
        let runs = documents.parallelMap { document -> [UInt8] in
            let resolutions = graph.resolutions[document.id] ?? []
            return fragments?.mentions(of: document, resolutions: resolutions) { mentionItems(document, resolutions) }
                ?? mentionItems(document, resolutions)
        }.filter { !$0.isEmpty }
        // Kept as parts, not joined: this is most of graph.json.
        var section: [[UInt8]] = [Array("[".utf8)]
        for (index, run) in runs.enumerated() {
            if index > 0 { section.append(Array(",".utf8)) }
            section.append(run)
        }
        section.append(runs.isEmpty ? Array("]".utf8) : Array("\n  ]".utf8))
        let mentions = JSON.written(section)
        let events = item("events", key: graph.events) {
            .written([JSON.array(graph.events.parallelMap { event in
                var object: [String: JSON] = ["id": .string(event.id), "date": .string(event.date.value), "label": .string(event.date.label),
                                              "text": .string(event.text), "document": .string(event.document.outputPath),
                                              "entities": .array(event.entities.map(JSON.string))]
                if let anchor = event.anchor { object["paragraph"] = .string(anchor) }
                return .written([JSON.object(object).bytes(pretty: true, depth: 2)])
            }).bytes(pretty: true, depth: 1)])
        }
        let quotes: [JSON] = graph.quotes.keys.sorted().flatMap { speaker in
            (graph.quotes[speaker] ?? []).map { quote -> JSON in
                ["speaker": .string(speaker), "text": .string(quote.text), "document": .string(quote.document.outputPath),
                 "paragraph": .string(quote.anchor)]
            }
        }
        var pairs: [Relation] = []
        for slug in graph.related.keys.sorted() {
            for related in graph.related[slug] ?? [] where slug < related.slug {
                pairs.append(Relation(source: slug, target: related.slug, count: related.count))
            }
        }
        let relations = item("relations", key: pairs) {
            .written([JSON.array(pairs.map { ["source": .string($0.source), "target": .string($0.target), "count": .int($0.count)] })
                .bytes(pretty: true, depth: 1)])
        }
        let briefings: [JSON] = site.briefings.sorted { $0.slug < $1.slug }.map { briefing in
            var object: [String: JSON] = ["id": .string(briefing.slug), "title": .string(briefing.fields.title),
                                          "date": .string(briefing.fields.date),
                                          "url": .string(DocumentID(.briefing, briefing.slug).outputPath),
                                          "tags": .array((briefing.fields.tags ?? []).map(JSON.string))]
            if let author = briefing.fields.author { object["author"] = .string(author) }
            if let publisher = briefing.fields.publisher { object["publisher"] = .string(publisher) }
            if let summary = briefing.fields.summary { object["summary"] = .string(summary) }
            let links = Set((graph.resolutions[DocumentID(.briefing, briefing.slug)] ?? []).compactMap { resolution -> String? in
                if case .document(let id) = resolution { id.outputPath } else { nil }
            }).sorted()
            if !links.isEmpty { object["links"] = .array(links.map(JSON.string)) }
            return .object(object)
        }
        return ["version": 1, "site": ["title": .string(site.config.title)], "entities": entities,
                "mentions": mentions, "events": events, "quotes": .array(quotes),
                "relations": relations, "briefings": .array(briefings)]
    }

    /// A document's mentions of entities (not its own) as graph.json writes them in its
    /// "mentions" array: each item on a new line at depth 2, with commas between.
    func mentionItems(_ document: ContentDocument, _ resolutions: [EntityResolver.Resolution]) -> [UInt8] {
        var items: [UInt8] = []
        let annotationByBlock = Dictionary(document.parsed.annotations.compactMap { annotation in
            annotation.blockIndex.map { ($0, annotation.number) }
        }, uniquingKeysWith: { first, _ in first })
        // In ASCII text a byte offset is a code point offset; counting is for the rest.
        var asciiBlocks: [Int: Bool] = [:]
        for (index, reference) in document.parsed.references.enumerated() where reference.blockIndex >= 0 {
            guard index < resolutions.count, case .entity(let slug) = resolutions[index], document.id != DocumentID(.entity, slug) else { continue }
            let block = document.parsed.blocks[reference.blockIndex]
            let ascii = asciiBlocks[reference.blockIndex] ?? block.text.isAllASCII
            asciiBlocks[reference.blockIndex] = ascii
            func offset(_ bytes: Int) -> Int { ascii ? bytes : Self.codePoints(block.text, bytes) }
            var mention: [String: JSON] = [
                "entity": .string(slug), "document": .string(document.id.outputPath),
                "documentKind": .string(document.id.kind.rawValue), "paragraph": .string(block.anchor),
                "in": "paragraph", "text": .string(reference.label),
                "start": .int(offset(reference.range.lowerBound)), "end": .int(offset(reference.range.upperBound)),
                "line": .int(reference.location.line), "column": .int(reference.location.column)]
            if let number = annotationByBlock[reference.blockIndex] {
                mention["in"] = "annotation"
                mention["annotation"] = .int(number)
            }
            if !items.isEmpty { items.append(UInt8(ascii: ",")) }
            items += Array("\n    ".utf8)
            items += JSON.object(mention).bytes(pretty: true, depth: 2)
        }
        return items
    }

    /// TimelineJS: `{"title": …, "events": [{"start_date": {"year": …}, "text": {…}}]}`.
    func timelineObject() -> JSON {
        func date(_ point: EDTFDate.Point?) -> JSON? {
            guard let point else { return nil }
            var object: [String: JSON] = ["year": .string(String(point.year - point.year % EDTFDate.Point.power(10, point.unspecifiedYearDigits)))]
            if let month = point.month, month <= 12 { object["month"] = .string(String(month)) }
            if let day = point.day { object["day"] = .string(String(day)) }
            return .object(object)
        }
        let events: [JSON] = graph.events.compactMap { event in
            guard let start = date(event.date.start ?? event.date.end) else { return nil }
            var object: [String: JSON] = ["unique_id": .string(event.id), "start_date": start,
                                          "display_date": .string(event.date.label),
                                          "text": ["headline": .string(event.date.label), "text": .string(HTML.escape(event.text))]]
            if event.date.isInterval, let end = date(event.date.end) { object["end_date"] = end }
            if let first = event.entities.first, let entity = graph.entities[first] { object["group"] = .string(entity.name) }
            return .object(object)
        }
        return ["title": ["text": ["headline": .string(HTML.escape(site.config.title)),
                                   "text": .string(HTML.escape(site.config.description ?? ""))]],
                "events": .array(events)]
    }
}

/// An entity's item in graph.json depends on the entity and its mention count.
private struct CountedEntity: Hashable, Sendable {
    var entity: Entity
    var mentionCount: Int
}

/// One line of graph.json's relations.
private struct Relation: Hashable, Sendable {
    var source: String
    var target: String
    var count: Int
}
