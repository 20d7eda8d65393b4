import Foundation

/// Resolves every reference and derives the knowledge graph from the parsed documents.
public struct KnowledgeLinker: Sendable {
    public var entities: [Entity]
    /// Documents in reading order (briefings, then entity summaries, then pages).
    public var documents: [ContentDocument]

    public init(entities: [Entity], documents: [ContentDocument]) {
        self.entities = entities
        self.documents = documents
    }

    public func link() -> (KnowledgeGraph, [Diagnostic]) {
        let (graph, diagnostics, _) = link(reusing: nil, keeping: false)
        return (graph, diagnostics)
    }

    /// What the last link derived, for the next build in the same process: a document whose
    /// parse is the same object, linked against the same entities, is not linked again.
    struct Cache: Sendable {
        var entities: [Entity]
        /// The briefings and pages the resolver was made with, sorted.
        var linkable: [DocumentID]
        var resolver: EntityResolver
        var parts: [DocumentID: DocumentKnowledge]
        /// The merged graph, its pair counts, and the documents in the order they were merged.
        var graph: KnowledgeGraph
        var pairCounts: [String: [String: Int]]
        var order: [DocumentID]
    }

    /// Links every document (in parallel, or from `cache`) and merges the parts in reading order;
    /// with `keeping`, also returns what the next build can reuse.
    func link(reusing cache: Cache?, keeping: Bool) -> (KnowledgeGraph, [Diagnostic], Cache?) {
        // Links to documents resolve against the site's briefings and pages: another set of them
        // (one added or removed) links every document again.
        let linkable = documents.map(\.id).filter { $0.kind != .entity }.sorted()
        let reused = cache.flatMap { $0.entities == entities && $0.linkable == linkable ? $0 : nil }
        let resolver = reused?.resolver ?? EntityResolver(entities: entities, documents: linkable)
        var diagnostics = resolver.diagnostics
        let bySlug = Dictionary(entities.map { ($0.slug, $0) }, uniquingKeysWith: { first, _ in first })
        for entity in entities {
            for other in entity.related where bySlug[other] == nil {
                let hint = Suggestion.closest(to: other, in: Array(bySlug.keys)).map { " (did you mean '\($0)'?)" } ?? ""
                diagnostics.append(.error("related entity '\(other)' does not exist\(hint); create Content/entities/\(other).md or fix the slug",
                                          at: SourceLocation(path: entity.path)))
            }
        }
        let reusable = reused?.parts ?? [:]
        let parts = documents.parallelMap { document -> DocumentKnowledge in
            if let part = reusable[document.id], part.parsed === document.parsed { return part }
            return linkDocument(document, resolver: resolver, entities: bySlug)
        }

        for part in parts { diagnostics += part.diagnostics }
        let order = documents.map(\.id)
        let (graph, pairCounts) = reused.flatMap { $0.order == order ? patch($0, parts: parts, entities: bySlug) : nil }
            ?? merge(parts, entities: bySlug)
        guard keeping else { return (graph, diagnostics, nil) }
        let newCache = Cache(entities: entities, linkable: linkable, resolver: resolver,
                             parts: Dictionary(zip(order, parts), uniquingKeysWith: { first, _ in first }),
                             graph: graph, pairCounts: pairCounts, order: order)
        return (graph, diagnostics, newCache)
    }

    /// Merges every document's part in reading order, with the dated entities' events.
    private func merge(_ parts: [DocumentKnowledge], entities bySlug: [String: Entity]) -> (KnowledgeGraph, [String: [String: Int]]) {
        var mentions: [String: [Mention]] = [:]
        var events: [TimelineEvent] = []
        var quotes: [String: [Quote]] = [:]
        var pairCounts: [String: [String: Int]] = [:]
        var backlinks: [String: Set<DocumentID>] = [:]
        var resolutions: [DocumentID: [EntityResolver.Resolution]] = [:]
        var eventIDs: [DocumentID: [Int: String]] = [:]
        for (documentOrder, (document, part)) in zip(documents, parts).enumerated() {
            for mention in part.mentions { mentions[mention.entity, default: []].append(mention) }
            for slug in part.backlinks { backlinks[slug, default: []].insert(document.id) }
            for var event in part.events {
                event.order = [documentOrder, event.order[1]]
                events.append(event)
            }
            for quote in part.quotes { quotes[quote.speaker, default: []].append(quote) }
            for (a, b) in part.pairs { pairCounts[a, default: [:]][b, default: 0] += 1 }
            resolutions[document.id] = part.resolutions
            eventIDs[document.id] = part.eventIDs
        }

        let summaries = Dictionary(documents.filter { $0.id.kind == .entity }.map { ($0.id.slug, $0.parsed) },
                                   uniquingKeysWith: { first, _ in first })
        for entity in entities {
            guard let date = entity.date else { continue }
            // A dated entity stands on the timeline with the first sentence of its summary.
            let summary = summaries[entity.slug]?.blocks.first.flatMap { block in
                block.sentences.first.map { sentence in
                    block.context(block.window(around: sentence.lowerBound..<sentence.lowerBound, in: sentence), of: sentence,
                                  label: sentence.lowerBound..<sentence.lowerBound).text
                }
            }
            events.append(TimelineEvent(id: "ev-entity-\(entity.slug)", date: date, text: summary ?? entity.name,
                                        document: DocumentID(.entity, entity.slug), anchor: nil, entities: [entity.slug],
                                        order: [documents.count, events.count]))
        }
        events = Self.chronological(events)

        var related: [String: [(slug: String, count: Int)]] = [:]
        for entity in entities { related[entity.slug] = Self.related(of: entity, pairCounts: pairCounts, entities: bySlug) }

        let sortKeys = entities.map { ($0.name.lowercased(), $0.slug) }
        var graph = KnowledgeGraph(
            entities: bySlug,
            sortedEntities: entities.indices.sorted { sortKeys[$0] < sortKeys[$1] }.map { entities[$0] },
            mentions: mentions, events: events, quotes: quotes, related: related,
            backlinks: backlinks.mapValues { $0.sorted() }, resolutions: resolutions, eventIDs: eventIDs)
        graph.indexEvents()
        return (graph, pairCounts)
    }

    /// The last graph with the parts of changed documents swapped: what `merge` gives for the new
    /// parts, at the cost of the changes only. Nil when an edited document is a dated entity's
    /// (its summary is that entity's timeline text): then everything is merged again.
    private func patch(_ cache: Cache, parts: [DocumentKnowledge], entities bySlug: [String: Entity])
        -> (KnowledgeGraph, [String: [String: Int]])? {
        let changed = documents.indices.filter { cache.parts[documents[$0].id]?.parsed !== parts[$0].parsed }
        guard !changed.isEmpty else { return (cache.graph, cache.pairCounts) }
        for index in changed {
            let id = documents[index].id
            if cache.parts[id] == nil || (id.kind == .entity && bySlug[id.slug]?.date != nil) { return nil }
        }
        var graph = cache.graph
        var pairCounts = cache.pairCounts
        let position = Dictionary(documents.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var paired: Set<String> = []
        var replacedEvents: Set<DocumentID> = []
        var newEvents: [TimelineEvent] = []
        for index in changed {
            let id = documents[index].id
            let before = cache.parts[id]!
            let after = parts[index]
            // Lists kept in reading order: drop the document's old items, put its new ones where it stands.
            func replace<Item>(_ lists: inout [String: [Item]], key: (Item) -> String, document: (Item) -> DocumentID,
                               old: [Item], new: [Item]) {
                for slug in Set(old.map(key)).union(new.map(key)) {
                    var list = (lists[slug] ?? []).filter { document($0) != id }
                    let at = list.partitioningIndex { position[document($0)]! > index }
                    list.insert(contentsOf: new.filter { key($0) == slug }, at: at)
                    lists[slug] = list.isEmpty ? nil : list
                }
            }
            replace(&graph.mentions, key: \.entity, document: \.document, old: before.mentions, new: after.mentions)
            replace(&graph.quotes, key: \.speaker, document: \.document, old: before.quotes, new: after.quotes)
            for slug in before.backlinks.union(after.backlinks) {
                var documents = Set(graph.backlinks[slug] ?? [])
                documents.remove(id)
                if after.backlinks.contains(slug) { documents.insert(id) }
                graph.backlinks[slug] = documents.isEmpty ? nil : documents.sorted()
            }
            for (a, b) in before.pairs {
                pairCounts[a]![b]! -= 1
                if pairCounts[a]![b]! == 0 { pairCounts[a]![b] = nil }
                if pairCounts[a]!.isEmpty { pairCounts[a] = nil }
                paired.insert(a)
            }
            for (a, b) in after.pairs {
                pairCounts[a, default: [:]][b, default: 0] += 1
                paired.insert(a)
            }
            graph.resolutions[id] = after.resolutions
            graph.eventIDs[id] = after.eventIDs
            if !before.events.isEmpty || !after.events.isEmpty {
                replacedEvents.insert(id)
                newEvents += after.events.map { event in
                    var event = event
                    event.order = [index, event.order[1]]
                    return event
                }
            }
        }
        for slug in paired {
            if let entity = bySlug[slug] { graph.related[slug] = Self.related(of: entity, pairCounts: pairCounts, entities: bySlug) }
        }
        if !replacedEvents.isEmpty {
            var events = graph.events.filter { !replacedEvents.contains($0.document) }
            for event in newEvents {
                events.insert(event, at: events.partitioningIndex { !Self.precedes($0, event) })
            }
            graph.events = events
            graph.indexEvents()
        }
        return (graph, pairCounts)
    }

    /// Timeline order: by date, then where the sentence stands in reading order.
    static func precedes(_ a: TimelineEvent, _ b: TimelineEvent) -> Bool {
        a.date != b.date ? a.date < b.date : a.order.lexicographicallyPrecedes(b.order)
    }

    /// `events` sorted by `precedes`, comparing keys made once per event: sorting the events
    /// themselves moved large values and worked out both dates' bounds on every comparison.
    /// (Dates differ exactly when their texts do, so the text stands in for `!=`.)
    static func chronological(_ events: [TimelineEvent]) -> [TimelineEvent] {
        let keys = events.map { event in
            (start: event.date.start?.lowerBound ?? (Int.min, 0, 0), end: event.date.end?.upperBound ?? event.date.start!.upperBound,
             text: event.date.value, order: event.order)
        }
        return events.indices.sorted { i, j in
            let a = keys[i], b = keys[j]
            if a.start != b.start { return a.start < b.start }
            if a.end != b.end { return a.end < b.end }
            if a.text != b.text { return a.text < b.text }
            return a.order.lexicographicallyPrecedes(b.order)
        }.map { events[$0] }
    }

    /// Co-occurring entities with counts (and those listed under `related:`), most frequent first.
    static func related(of entity: Entity, pairCounts: [String: [String: Int]], entities bySlug: [String: Entity])
        -> [(slug: String, count: Int)] {
        var counts = pairCounts[entity.slug] ?? [:]
        for other in entity.related where bySlug[other] != nil && other != entity.slug { counts[other, default: 0] += 0 }
        return counts.map { (slug: $0.key, count: $0.value) }
            .sorted { ($1.count, bySlug[$0.slug]?.name ?? "") < ($0.count, bySlug[$1.slug]?.name ?? "") }
    }

    /// Resolves one document's references and collects its mentions, events, quotes and pairs.
    func linkDocument(_ document: ContentDocument, resolver: EntityResolver, entities bySlug: [String: Entity]) -> DocumentKnowledge {
        let parsed = document.parsed
        var part = DocumentKnowledge(parsed: parsed)
        part.diagnostics = parsed.diagnostics
        // Entities per (block, sentence), to find speakers; and each entity reference's place there,
        // to relate entities and to tag events within a reference's context window.
        var sentenceEntities: [[Range<Int>: [String]]] = Array(repeating: [:], count: parsed.blocks.count)
        var sentenceEntitySets: [[Range<Int>: Set<String>]] = Array(repeating: [:], count: parsed.blocks.count)
        var placed: [[Range<Int>: [(slug: String, at: Int, window: Range<Int>)]]] = Array(repeating: [:], count: parsed.blocks.count)
        for reference in parsed.references {
            let resolution = resolver.resolve(reference.target)
            part.resolutions.append(resolution)
            switch resolution {
            case .entity(let slug):
                guard reference.blockIndex >= 0 else { continue }
                let block = parsed.blocks[reference.blockIndex]
                let sentence = block.sentence(containing: reference.range.lowerBound)
                let window = block.window(around: reference.range, in: sentence)
                if document.id != DocumentID(.entity, slug) {
                    let context = block.context(window, of: sentence, label: reference.range)
                    part.mentions.append(Mention(entity: slug, document: document.id, anchor: block.anchor,
                                                 sentence: context.text, range: context.range, location: reference.location))
                    if document.id.kind != .briefing { part.backlinks.insert(slug) }
                }
                if sentenceEntitySets[reference.blockIndex][sentence, default: []].insert(slug).inserted {
                    sentenceEntities[reference.blockIndex][sentence, default: []].append(slug)
                }
                placed[reference.blockIndex][sentence, default: []].append((slug, reference.range.lowerBound, window))
            case .date:
                break
            case .document:
                break
            case .unknownDocument(let kind, let suggestion):
                let hint = suggestion.map { "did you mean [[\(kind.rawValue):\($0)]]? " } ?? ""
                let slug = EntityResolver.documentTarget(reference.target)?.1 ?? ""
                part.diagnostics.append(.error("unknown reference [[\(reference.target)]]: no \(kind.rawValue) has the slug '\(slug)'; \(hint)create Content/\(kind.folder)/\(slug.isEmpty ? "name" : slug).md or fix the slug",
                                               at: reference.location))
            case .unknown(let suggestion):
                let hint = suggestion.map { EntityResolver.documentTarget($0) != nil ? "did you mean [[\($0)]]? " : "did you mean '\($0)'? " } ?? ""
                part.diagnostics.append(.error("unknown reference [[\(reference.target)]]: no entity has this slug, name or alias; \(hint)create Content/entities/\(Slug.make(from: reference.target)).md or add an alias",
                                               at: reference.location))
            case .invalidDate:
                part.diagnostics.append(.error("invalid date [[\(reference.target)]]; write an EDTF date such as 2025, 2025-03, 2025-03-13, 2025~ or 2000/2004",
                                               at: reference.location))
            }
        }

        for (index, reference) in parsed.references.enumerated() {
            guard case .date(let date) = part.resolutions[index] else { continue }
            let id = eventID(for: document.id, number: part.eventIDs.count + 1)
            part.eventIDs[index] = id
            var text = reference.label
            var anchor: String?
            var named: [String] = []
            if reference.blockIndex >= 0 {
                let block = parsed.blocks[reference.blockIndex]
                let sentence = block.sentence(containing: reference.range.lowerBound)
                let window = block.window(around: reference.range, in: sentence)
                text = block.context(window, of: sentence, label: reference.range).text
                anchor = block.anchor
                named = window == sentence ? sentenceEntities[reference.blockIndex][sentence] ?? []
                    : Self.named(in: window, among: placed[reference.blockIndex][sentence] ?? [])
            }
            // The document's place in reading order is set when the parts are merged.
            part.events.append(TimelineEvent(id: id, date: date, text: text, document: document.id, anchor: anchor,
                                             entities: named, order: [0, index]))
        }

        for (blockIndex, block) in sentenceEntities.enumerated() {
            for (sentence, slugs) in block {
                if sentence.count <= TextBlock.contextLimit {
                    for a in slugs { for b in slugs where a != b { part.pairs.append((a, b)) } }
                } else {
                    part.pairs += Self.nearbyPairs(placed[blockIndex][sentence] ?? [])
                }
            }
        }
        for quotation in parsed.quotations {
            guard case .entity(let speaker) = part.resolutions[quotation.speakerReference] else { continue }
            part.quotes.append(Quote(speaker: speaker, text: quotation.text, document: document.id, anchor: quotation.anchor))
        }
        for (blockIndex, block) in parsed.blocks.enumerated() {
            // "“…”, he added." speaks for the person named last before it in the paragraph.
            var lastPerson: String?
            for sentence in block.sentences {
                let slugs = sentenceEntities[blockIndex][sentence] ?? []
                defer { if let person = slugs.last(where: { bySlug[$0]?.kind == .person }) { lastPerson = person } }
                // Most sentences hold no “quotation”: look for its opening mark in the bytes first.
                guard Self.containsOpeningQuote(block.text.utf8, in: sentence) else { continue }
                let text = block.slice(sentence)
                var speaker = Self.speaker(among: slugs, entities: bySlug)
                if speaker == nil, slugs.allSatisfy({ bySlug[$0]?.kind != .person }), Self.hasPronoun(text) {
                    speaker = lastPerson
                }
                guard let speaker, Self.hasSpeechVerb(text) else { continue }
                for quoted in Self.quotations(in: text) {
                    part.quotes.append(Quote(speaker: speaker, text: quoted, document: document.id, anchor: block.anchor))
                }
            }
        }
        return part
    }

    /// The entities referenced inside `window`, in order of first mention (`placed` is in text order).
    static func named(in window: Range<Int>, among placed: [(slug: String, at: Int, window: Range<Int>)]) -> [String] {
        var seen: Set<String> = []
        let first = placed.partitioningIndex { $0.at >= window.lowerBound }
        return placed[first...].prefix { $0.at < window.upperBound }.compactMap { seen.insert($0.slug).inserted ? $0.slug : nil }
    }

    /// In a sentence too long to be one context: the entities named within one another's context
    /// window, once per ordered pair. A window holds a bounded number of references, so this grows
    /// with the sentence (all pairs of 3,000 entities in one sentence were 9 million).
    static func nearbyPairs(_ placed: [(slug: String, at: Int, window: Range<Int>)]) -> [(String, String)] {
        var pairs: Set<[String]> = []
        for reference in placed {
            for other in named(in: reference.window, among: placed) where other != reference.slug {
                pairs.insert([reference.slug, other])
                pairs.insert([other, reference.slug])
            }
        }
        return pairs.sorted { $0.lexicographicallyPrecedes($1) }.map { ($0[0], $0[1]) }
    }

    func eventID(for document: DocumentID, number: Int) -> String {
        document.kind == .briefing ? "ev-\(document.slug)-\(number)" : "ev-\(document.kind.rawValue)-\(document.slug)-\(number)"
    }

    /// The one person (or else the one organization) named in a sentence, if exactly one.
    static func speaker(among slugs: [String], entities: [String: Entity]) -> String? {
        let people = slugs.filter { entities[$0]?.kind == .person }
        if people.count == 1 { return people[0] }
        let organizations = slugs.filter { entities[$0]?.kind == .organization }
        return people.isEmpty && organizations.count == 1 ? organizations[0] : nil
    }

    /// Whether the UTF-8 bytes of `range` contain “ (E2 80 9C).
    static func containsOpeningQuote(_ bytes: String.UTF8View, in range: Range<Int>) -> Bool {
        var index = bytes.index(bytes.startIndex, offsetBy: range.lowerBound)
        let end = bytes.index(bytes.startIndex, offsetBy: range.upperBound)
        while index < end {
            if bytes[index] == 0xE2 {
                let second = bytes.index(after: index)
                if second < end, bytes[second] == 0x80 {
                    let third = bytes.index(after: second)
                    if third < end, bytes[third] == 0x9C { return true }
                }
            }
            index = bytes.index(after: index)
        }
        return false
    }

    static func hasPronoun(_ sentence: String) -> Bool {
        let words = sentence.lowercased().split { !$0.isLetter }
        return words.contains("he") || words.contains("she")
    }

    static func hasSpeechVerb(_ sentence: String) -> Bool {
        let words = " " + sentence.lowercased().map { $0.isLetter ? $0 : " " } + " "
        return LanguageRules.speechVerbs.contains { words.contains(" \($0) ") }
    }

    /// Text between typographic double quotes “…”, at least three words long.
    static func quotations(in sentence: String) -> [String] {
        var result: [String] = []
        var rest = Substring(sentence)
        while let open = rest.firstIndex(of: "“"), let close = rest[open...].firstIndex(of: "”") {
            let inner = rest[rest.index(after: open)..<close].trimmingCharacters(in: .whitespaces)
            if inner.split(separator: " ").count >= 3 { result.append(inner) }
            rest = rest[rest.index(after: close)...]
        }
        return result
    }
}
