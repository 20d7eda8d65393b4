import Foundation

// Entity pages (a summary of the mentions), their full lists of mentions, and the entity index.
extension SiteRenderer {
    /// Whether the entity page leaves mentions out, so the full list has pages of its own.
    func hasMentionsPages(_ slug: String) -> Bool {
        // Counted in mentions, not sentences (a sentence may hold several): known without grouping
        // them, which every build's list of pages would do for every entity.
        graph.mentionCount(of: slug) > budget.mentionsOnEntityPage
    }

    func mentionsPagination(_ slug: String) -> Pagination {
        Pagination(folder: "entities/\(slug)/mentions/", itemCount: mentions(of: slug).pages.count, perPage: 1)
    }

    /// A group of mentions as a page shows it: the document, its date, and the given sentences.
    func mentionGroupView(_ group: EntityMentions.Group, sentences: Range<Int>, root: String) -> MentionGroupView {
        let href = root + group.document.outputPath
        var view = MentionGroupView(
            briefingTitle: title(of: group.document), briefingHref: href,
            mentions: group.sentences[sentences].map { sentence in
                MentionView(contextHTML: Self.highlight(sentence.text, ranges: sentence.ranges), href: href + "#" + sentence.anchor)
            })
        if group.document.kind == .briefing, let briefing = briefingsBySlug[group.document.slug] {
            let date = EDTFDate(briefing.fields.date)
            view.dateLabel = date?.label ?? briefing.fields.date
            view.dateISO = date?.isoValue ?? ""
        }
        view.count = group.count
        view.moreCount = group.sentences.count - sentences.count
        view.hasMore = view.moreCount > 0 && sentences.lowerBound == 0
        view.continued = sentences.lowerBound > 0
        return view
    }

    func entityContext(_ slug: String) -> [String: Any] {
        guard let entity = graph.entities[slug], let document = document(DocumentID(.entity, slug)) else { return [:] }
        let root = "../../"
        let path = DocumentID(.entity, slug).outputPath
        var thing: [String: Any] = ["@type": StructuredData.type(of: entity.kind), "name": entity.name]
        if !entity.aliases.isEmpty { thing["alternateName"] = entity.aliases }
        if let role = entity.role { thing[entity.kind == .person ? "jobTitle" : "description"] = role }
        if entity.kind == .event, let date = entity.date {
            let parts = date.value.split(separator: "/").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "~?%")) }
            thing["startDate"] = parts.first
            if parts.count == 2 { thing["endDate"] = parts[1] }
        }
        thing.merge(StructuredData.extras(of: entity, imageURL: entity.image.map { dataURL($0, root: root) })) { old, _ in old }
        var context = common(path: path, title: entity.name, description: entity.role, bodyClass: "page-entity",
                             ogType: entity.kind == .person ? "profile" : "website", structuredData: thing)
        let table = mentions(of: slug)
        let summarised = hasMentionsPages(slug)
        let groups = table.groups.prefix(summarised ? budget.entityBriefings : table.groups.count).map { group in
            mentionGroupView(group, sentences: 0..<(summarised ? min(group.sentences.count, budget.sentencesPerBriefing) : group.sentences.count),
                             root: root)
        }
        let briefingGroups = table.groups.filter { $0.document.kind == .briefing }
        let allEvents = graph.eventsByEntity[slug] ?? []
        // The latest events, shown in order; the rest are on the timeline, filtered to the entity.
        let events = allEvents.suffix(budget.entityEvents).map { eventView(graph.events[$0], root: root, onTimeline: false) }
        var years: [LinkView] = []
        if allEvents.count > events.count {
            var seen: Set<String> = []
            for index in allEvents {
                let date = graph.events[index].date
                let label = date.start == nil ? "Undated" : String(date.year)
                guard seen.insert(label).inserted else { continue }
                let folder = "timeline/" + (date.start == nil ? "undated" : String(date.year)) + "/"
                years.append(LinkView(title: label, href: root + folder + "index.html?entity=" + slug))
            }
        }
        let related = (graph.related[slug] ?? []).prefix(budget.coMentioned).compactMap { entityLink($0.slug, root: root, count: $0.count) }
        let allQuotes = graph.quotes[slug] ?? []
        let quotes = allQuotes.suffix(budget.entityQuotes).reversed().map {
            QuoteView(text: $0.text, sourceTitle: title(of: $0.document), href: root + $0.document.outputPath + "#" + $0.anchor)
        }
        let allBacklinks = graph.backlinks[slug] ?? []
        let backlinks = allBacklinks.prefix(budget.entityBacklinks).map { LinkView(title: title(of: $0), href: root + $0.outputPath) }
        context["previewsJSON"] = previewsJSON(for: DocumentID(.entity, slug))
        var view = EntityView(
            name: entity.name, slug: slug, kind: entity.kind.rawValue, kindLabel: entity.kind.label, role: entity.role ?? "",
            aliases: entity.aliases, dateLabel: entity.date?.label ?? "", summaryHTML: bodyHTML(of: document),
            mentionCount: table.total, mentionGroups: Array(groups), events: Array(events), related: Array(related),
            quotes: Array(quotes), backlinks: Array(backlinks), hasMentions: !groups.isEmpty, hasEvents: !events.isEmpty,
            hasRelated: !related.isEmpty, hasQuotes: !quotes.isEmpty, hasBacklinks: !backlinks.isEmpty)
        view.documentCount = table.groups.count
        view.documentLabel = table.groups.isEmpty ? "" : "in \(table.groups.count) document" + (table.groups.count == 1 ? "" : "s")
        if let newest = briefingGroups.first, let oldest = briefingGroups.last {
            view.lastMention = mentionGroupView(newest, sentences: 0..<0, root: root)
            view.firstMention = mentionGroupView(oldest, sentences: 0..<0, root: root)
        }
        view.hasMoreMentions = summarised
        view.mentionsHref = view.hasMoreMentions ? "mentions/index.html" : ""
        view.eventCount = allEvents.count
        view.hasMoreEvents = allEvents.count > events.count
        view.eventYears = years
        view.quoteCount = allQuotes.count
        view.backlinkCount = allBacklinks.count
        context["entity"] = view
        context.merge(entityPictures(slug)) { $1 }
        return context
    }

    /// One page of an entity's full list of mentions.
    func mentionsContext(_ slug: String, page number: Int) -> [String: Any] {
        guard let entity = graph.entities[slug] else { return [:] }
        let pages = mentionsPagination(slug)
        let path = pages.path(number)
        let root = Self.root(for: path)
        let table = mentions(of: slug)
        var context = common(path: path, title: "Mentions of \(entity.name)" + (number > 1 ? ", page \(number)" : ""),
                             description: "Every sentence that names \(entity.name)", bodyClass: "page-mentions")
        let page = table.pages[max(0, min(number - 1, table.pages.count - 1))]
        context["mentions"] = [
            "name": entity.name, "kind": entity.kind.rawValue, "kindLabel": entity.kind.label,
            "entityHref": root + DocumentID(.entity, slug).outputPath,
            "count": table.total, "documentCount": table.groups.count,
            "groups": page.parts.map { mentionGroupView(table.groups[$0.group], sentences: $0.sentences, root: root) },
        ] as [String: Any]
        context["pagination"] = pages.view(page: number)
        return context
    }

    /// Kinds that have entities, in the order of the index.
    var entityKinds: [EntityKind] {
        Array(Set(graph.sortedEntities.map(\.kind))).sorted()
    }

    func entityCount(of kind: EntityKind) -> Int {
        graph.sortedEntities.lazy.filter { $0.kind == kind }.count
    }

    func kindPagination(_ kind: EntityKind) -> Pagination {
        Pagination(folder: "entities/kinds/\(kind.rawValue)/", itemCount: entityCount(of: kind), perPage: budget.entitiesPerPage)
    }

    /// Entities by kind: every entity of a small kind, the most mentioned of a large one (with a
    /// link to the kind's own pages, where all of them are, by name).
    func entitiesContext() -> [String: Any] {
        let path = "entities/index.html"
        var context = common(path: path, title: "Entities", bodyClass: "page-entities")
        context["kinds"] = Dictionary(grouping: graph.sortedEntities, by: \.kind).sorted { $0.key < $1.key }.map { kind, entities in
            let shown = entities.count <= budget.entitiesPerKindOnIndex ? entities
                : Array(entities.sorted { (graph.mentionCount(of: $0.slug), $1.name, $1.slug) > (graph.mentionCount(of: $1.slug), $0.name, $0.slug) }
                    .prefix(budget.entitiesPerKindOnIndex))
            return [
                "kind": kind.rawValue, "kindLabel": kind.pluralLabel, "count": entities.count,
                "entities": shown.compactMap { entityLink($0.slug, root: "../") },
                "isCut": shown.count < entities.count, "shownCount": shown.count,
                "allHref": "kinds/\(kind.rawValue)/index.html",
            ] as [String: Any]
        }
        context["isIndex"] = true
        return context
    }

    /// All entities of one kind, by name, paginated.
    func entityKindContext(_ kind: EntityKind, page number: Int) -> [String: Any] {
        let pages = kindPagination(kind)
        let path = pages.path(number)
        let root = Self.root(for: path)
        var context = common(path: path, title: kind.pluralLabel + (number > 1 ? ", page \(number)" : ""), bodyClass: "page-entities")
        let entities = graph.sortedEntities.filter { $0.kind == kind }
        let shown = Pagination.slice(entities, page: number, perPage: budget.entitiesPerPage)
        context["kinds"] = [[
            "kind": kind.rawValue, "kindLabel": kind.pluralLabel, "count": entities.count,
            "entities": shown.compactMap { entityLink($0.slug, root: root) }, "isCut": false,
        ] as [String: Any]]
        context["isIndex"] = false
        context["indexHref"] = root + "entities/index.html"
        context["pagination"] = pages.view(page: number)
        return context
    }
}
