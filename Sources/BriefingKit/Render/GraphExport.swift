import Foundation

/// `graph.json` (entities, mentions, events, quotes, relations, briefings; its JSON Schema is
/// `Docs/graph.schema.json`) and `timeline.json` in Knight Lab's TimelineJS format, for other tools.
struct GraphExport {
    var site: LoadedSite
    var graph: KnowledgeGraph
    var documents: [ContentDocument]

    func files() -> [OutputFile] {
        [OutputFile(path: "graph.json", text: Self.encode(graphObject())),
         OutputFile(path: "timeline.json", text: Self.encode(timelineObject()))]
    }

    static func encode(_ object: Any) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Converts a UTF-8 byte offset in `text` to a Unicode code point offset.
    static func codePoints(_ text: String, _ utf8Offset: Int) -> Int {
        let utf8 = text.utf8
        let index = utf8.index(utf8.startIndex, offsetBy: min(utf8Offset, utf8.count))
        return text.unicodeScalars.distance(from: text.unicodeScalars.startIndex, to: index)
    }

    func graphObject() -> [String: Any] {
        let entities: [[String: Any]] = graph.sortedEntities.map { entity in
            var object: [String: Any] = ["id": entity.slug, "name": entity.name, "kind": entity.kind.rawValue,
                                         "aliases": entity.aliases, "url": DocumentID(.entity, entity.slug).outputPath,
                                         "mentionCount": graph.mentionCount(of: entity.slug)]
            if let role = entity.role { object["role"] = role }
            if let date = entity.date { object["date"] = date.value }
            return object
        }
        var mentions: [[String: Any]] = []
        for document in documents {
            for (index, reference) in document.parsed.references.enumerated() where reference.blockIndex >= 0 {
                guard case .entity(let slug)? = graph.resolutions[document.id]?[index], document.id != DocumentID(.entity, slug) else { continue }
                let block = document.parsed.blocks[reference.blockIndex]
                mentions.append(["entity": slug, "document": document.id.outputPath, "documentKind": document.id.kind.rawValue,
                                 "paragraph": block.anchor, "text": reference.label,
                                 "start": Self.codePoints(block.text, reference.range.lowerBound),
                                 "end": Self.codePoints(block.text, reference.range.upperBound),
                                 "line": reference.location.line, "column": reference.location.column])
            }
        }
        let events: [[String: Any]] = graph.events.map { event in
            var object: [String: Any] = ["id": event.id, "date": event.date.value, "label": event.date.label, "text": event.text,
                                         "document": event.document.outputPath, "entities": event.entities]
            if let anchor = event.anchor { object["paragraph"] = anchor }
            return object
        }
        let quotes: [[String: Any]] = graph.quotes.keys.sorted().flatMap { speaker in
            (graph.quotes[speaker] ?? []).map { quote -> [String: Any] in
                ["speaker": speaker, "text": quote.text, "document": quote.document.outputPath, "paragraph": quote.anchor]
            }
        }
        var relations: [[String: Any]] = []
        for slug in graph.related.keys.sorted() {
            for related in graph.related[slug] ?? [] where slug < related.slug {
                relations.append(["source": slug, "target": related.slug, "count": related.count])
            }
        }
        let briefings: [[String: Any]] = site.briefings.sorted { $0.slug < $1.slug }.map { briefing in
            var object: [String: Any] = ["id": briefing.slug, "title": briefing.fields.title, "date": briefing.fields.date,
                                         "url": DocumentID(.briefing, briefing.slug).outputPath, "tags": briefing.fields.tags ?? []]
            if let author = briefing.fields.author { object["author"] = author }
            if let publisher = briefing.fields.publisher { object["publisher"] = publisher }
            if let summary = briefing.fields.summary { object["summary"] = summary }
            return object
        }
        return ["version": 1, "site": ["title": site.config.title], "entities": entities, "mentions": mentions,
                "events": events, "quotes": quotes, "relations": relations, "briefings": briefings]
    }

    /// TimelineJS: `{"title": …, "events": [{"start_date": {"year": …}, "text": {…}}]}`.
    func timelineObject() -> [String: Any] {
        func date(_ point: EDTFDate.Point?) -> [String: Any]? {
            guard let point else { return nil }
            var object: [String: Any] = ["year": String(point.year - point.year % EDTFDate.Point.power(10, point.unspecifiedYearDigits))]
            if let month = point.month, month <= 12 { object["month"] = String(month) }
            if let day = point.day { object["day"] = String(day) }
            return object
        }
        let events: [[String: Any]] = graph.events.compactMap { event in
            guard let start = date(event.date.start ?? event.date.end) else { return nil }
            var object: [String: Any] = ["unique_id": event.id, "start_date": start, "display_date": event.date.label,
                                         "text": ["headline": event.date.label, "text": HTML.escape(event.text)]]
            if event.date.isInterval, let end = date(event.date.end) { object["end_date"] = end }
            if let first = event.entities.first, let entity = graph.entities[first] { object["group"] = entity.name }
            return object
        }
        return ["title": ["text": ["headline": HTML.escape(site.config.title), "text": HTML.escape(site.config.description ?? "")]],
                "events": events]
    }
}
