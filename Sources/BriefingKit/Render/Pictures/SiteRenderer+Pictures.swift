import Foundation
import Mustache

/// A picture as the templates get it: the SVG (already escaped, shown raw) and a caption.
public struct PictureView: Sendable {
    public var svg: String
    public var caption: String
    /// The same picture told as text for screen readers is the list beside it; this names it.
    public var alternative: String
}

extension PictureView: MustacheParent {
    public func child(named key: String) -> Any? {
        switch key {
        case "svg": svg
        case "caption": caption
        case "alternative": alternative
        default: nil
        }
    }
}

/// What several pages' pictures share, made once per build when first asked for.
final class PictureCache: @unchecked Sendable {
    fileprivate let briefingMonths = Memo<Int, (bySlug: [String: Sparkline.Month], first: Sparkline.Month?, last: Sparkline.Month?)>()
    fileprivate let places = Memo<String, PlaceMatch?>()
    fileprivate let briefingEntities = Memo<DocumentID, [String]>()
    fileprivate let briefingNeighbours = Memo<String, [CoMentioned]>()
    fileprivate let homeGraph = Memo<Int, PictureView?>()
    fileprivate let homeMap = Memo<Int, PictureView?>()
}

/// Where an entity is on the map: a country's shape, a city's point, or the grid point of the
/// `coordinates` its front matter gives.
enum PlaceMatch: Equatable, Sendable {
    case country(Int)
    case city(Int)
    case point(x: Double, y: Double)
}

/// An entity named with another, and how often.
struct CoMentioned: Equatable, Sendable {
    var slug: String
    var count: Int
}

/// What a graph's lines count: sentences that name both entities, or, where an entity shares no
/// sentence with another (the bench corpus names one entity a sentence), briefings that do.
enum CoMention: Sendable {
    case sentence, briefing

    var phrase: String { self == .sentence ? "named in the same sentences" : "named in the same briefings" }
}

// The pictures of each page (issue 17), as context entries `picture…` for the templates'
// `picture-*` partials. Every input is bounded so a site of a thousand briefings keeps light pages.
extension SiteRenderer {
    /// At most this many entities in the site-wide graph, and in an entity's neighbourhood.
    static let siteGraphNodes = 40
    static let neighbourhoodNodes = 25
    /// At most this many places as dots on a map (the most mentioned); countries are bounded by the map.
    static let mapPins = 60

    // MARK: Pages

    /// The home page: the site-wide relationship graph and the map of everything mentioned.
    func homePictures() -> [String: Any] {
        var entries: [String: PictureView] = [:]
        entries["pictureGraph"] = pictureCache.homeGraph.value(0) { siteGraph(root: "") }
        entries["pictureMap"] = pictureCache.homeMap.value(0) {
            map(id: "map-site", counts: siteMentionCounts(), root: "", focus: nil,
                title: "Map of the countries and places mentioned",
                caption: "Countries shaded and places sized by how often the briefings mention them.",
                alternative: "Key entities")
        }
        return Self.withAssets(entries)
    }

    /// A briefing: its timeline strip and its map.
    func briefingPictures(_ id: DocumentID, published: String) -> [String: Any] {
        var entries: [String: PictureView] = [:]
        let root = "../../"
        let events = (graph.eventsByDocument[id] ?? []).map { graph.events[$0] }
        let items = events.map { event in
            TimelineStrip.Item(date: event.date, label: Self.shortLabel(event.date), text: event.text,
                               href: root + event.document.outputPath + (event.anchor.map { "#" + $0 } ?? ""), lane: 0)
        }
        let strip = TimelineStrip(id: "strip-\(id.slug)", title: "Timeline of this briefing",
                                  description: "\(items.count) dated reference\(items.count == 1 ? "" : "s") on a time axis; each mark links to its paragraph.",
                                  lanes: [""], items: items, published: EDTFDate(published))
        if let svg = strip.svg() {
            entries["pictureTimeline"] = PictureView(svg: svg, caption: "Dates this briefing refers to. Bars are months, years and periods; hollow marks after the publication date are forecasts.",
                                                     alternative: "Timeline")
        }
        var counts: [String: Int] = [:]
        for case .entity(let slug) in graph.resolutions[id] ?? [] { counts[slug, default: 0] += 1 }
        entries["pictureMap"] = map(id: "map-\(id.slug)", counts: counts, root: root, focus: nil,
                                    title: "Map of the countries and places in this briefing",
                                    caption: "Countries and places this briefing mentions, shaded by how often.",
                                    alternative: "In this briefing")
        return Self.withAssets(entries)
    }

    /// An entity: its neighbourhood graph, its map (countries and places), its mentions by month.
    func entityPictures(_ slug: String) -> [String: Any] {
        guard let entity = graph.entities[slug] else { return [:] }
        var entries: [String: PictureView] = [:]
        let root = "../../"
        entries["pictureGraph"] = neighbourhoodGraph(of: slug, root: root)
        if let match = place(of: slug) {
            var counts: [String: Int] = [slug: max(graph.mentionCount(of: slug), 1)]
            let (neighbours, by) = coMentioned(with: slug)
            for related in neighbours where place(of: related.slug) != nil { counts[related.slug] = related.count }
            var focus: Int?
            if case .country(let index) = match { focus = index }
            entries["pictureMap"] = map(id: "map-\(slug)", counts: counts, root: root, focus: focus,
                                        title: "Map of \(entity.name) and the places mentioned with it",
                                        caption: "\(entity.name) (outlined or largest) and the countries and places \(by.phrase), shaded by how often.",
                                        alternative: "Related")
        }
        entries["pictureSparkline"] = sparkline(of: slug, name: entity.name)
        return Self.withAssets(entries)
    }

    /// The timeline page: one lane per entity kind (of an event's first entity).
    func timelinePictures(_ events: [TimelineEvent], root: String) -> [String: Any] {
        let kinds = EntityKind.allCases
        var laneOf: [EntityKind?: Int] = [:]
        var lanes: [String] = []
        var items: [TimelineStrip.Item] = []
        let used = Set(events.map { $0.entities.first.flatMap { graph.entities[$0]?.kind } })
        for kind in kinds where used.contains(kind) {
            laneOf[kind] = lanes.count
            lanes.append(kind.pluralLabel)
        }
        if used.contains(EntityKind?.none) {
            laneOf[EntityKind?.none] = lanes.count
            lanes.append("No entity")
        }
        for event in events {
            let kind = event.entities.first.flatMap { graph.entities[$0]?.kind }
            guard let lane = laneOf[kind] else { continue }
            let first = event.entities.first.flatMap { graph.entities[$0]?.name }
            items.append(TimelineStrip.Item(date: event.date, label: Self.shortLabel(event.date) + (first.map { " · " + $0 } ?? ""),
                                            text: event.text,
                                            href: root + event.document.outputPath + (event.anchor.map { "#" + $0 } ?? ""), lane: lane))
        }
        let strip = TimelineStrip(id: "strip-timeline", title: "Timeline of every briefing",
                                  description: "\(items.count) events on a time axis, one lane per kind of the entity each names first; marks link to their paragraphs, a bar per year where a lane has too many.",
                                  lanes: lanes, items: items, published: nil,
                                  yearHref: { "\(root)timeline/\($0)/index.html" })
        guard let svg = strip.svg() else { return [:] }
        return Self.withAssets(["pictureTimeline": PictureView(svg: svg, caption: "Every dated event, by the kind of entity it names first. Points are days; bars are months, years and periods.",
                                               alternative: "the list of events below")])
    }

    /// The pictures of a page, and `hasPictures` when there is one: only such a page loads
    /// pictures.css and pictures.js (base.mustache), so the others stay within the CSS+JS budget.
    static func withAssets(_ entries: [String: PictureView]) -> [String: Any] {
        var context: [String: Any] = entries
        if !entries.isEmpty { context["hasPictures"] = true }
        return context
    }

    /// The entities whose co-mentions the pictures of an entity's page show (its neighbourhood
    /// graph and its map): an incremental build draws the page again when theirs changed.
    func pictureEntities(onPageOf slug: String) -> Set<String> {
        // What is drawn: the graph's nodes and, on a map, the places named with it.
        let places = place(of: slug) == nil ? [] : coMentioned(with: slug).entities.map(\.slug).filter { place(of: $0) != nil }
        return Set(neighbourhood(of: slug, limit: Self.neighbourhoodNodes).slugs).union(places)
    }

    /// The entities named with `slug`, most often first: in the same sentences when it shares any,
    /// else in the same briefings.
    func coMentioned(with slug: String) -> (entities: [CoMentioned], by: CoMention) {
        let sentences = coMentioned(with: slug, by: .sentence)
        return sentences.isEmpty ? (coMentioned(with: slug, by: .briefing), .briefing) : (sentences, .sentence)
    }

    func coMentioned(with slug: String, by kind: CoMention) -> [CoMentioned] {
        switch kind {
        case .sentence:
            return (graph.related[slug] ?? []).filter { $0.count > 0 && graph.entities[$0.slug] != nil }
                .map { CoMentioned(slug: $0.slug, count: $0.count) }
        case .briefing:
            return pictureCache.briefingNeighbours.value(slug) {
                var counts: [String: Int] = [:]
                let briefings = Set((graph.mentions[slug] ?? []).map(\.document).filter { $0.kind == .briefing })
                for briefing in briefings {
                    for other in entities(namedIn: briefing) where other != slug { counts[other, default: 0] += 1 }
                }
                let names = counts.keys.map { ($0, graph.entities[$0]?.name ?? "") }
                let name = Dictionary(names, uniquingKeysWith: { first, _ in first })
                return counts.map { CoMentioned(slug: $0.key, count: $0.value) }
                    .sorted { ($1.count, name[$0.slug]!, $0.slug) < ($0.count, name[$1.slug]!, $1.slug) }
            }
        }
    }

    /// The site's entities a briefing names, each once (asked for by every entity it names).
    private func entities(namedIn briefing: DocumentID) -> [String] {
        pictureCache.briefingEntities.value(briefing) { graph.entities(namedIn: briefing) }
    }

    // MARK: Graphs

    func siteGraph(root: String) -> PictureView? {
        let top = graph.sortedEntities.map(\.slug).filter { graph.mentionCount(of: $0) > 0 }
            .sorted { (graph.mentionCount(of: $0), $1) > (graph.mentionCount(of: $1), $0) }
            .prefix(Self.siteGraphNodes)
        guard top.count >= 2 else { return nil }
        let chosen = Set(top)
        let by: CoMention = top.contains { slug in coMentioned(with: slug, by: .sentence).contains { chosen.contains($0.slug) } } ? .sentence : .briefing
        return relationshipGraph(id: "graph-site", slugs: Array(top), by: by, focus: nil, root: root, maxLinks: 3 * Self.siteGraphNodes,
                                 title: "Relationship graph of the \(top.count) most mentioned entities",
                                 caption: "The \(top.count) most mentioned entities; lines join those \(by.phrase), thicker for more.",
                                 alternative: "Key entities")
    }

    /// The entity, its co-mentioned entities, and theirs (depth 2), strongest first.
    func neighbourhood(of slug: String, limit: Int) -> (slugs: [String], by: CoMention) {
        var chosen = [slug]
        var seen: Set<String> = [slug]
        let (first, by) = coMentioned(with: slug)
        for related in first where chosen.count < limit && seen.insert(related.slug).inserted { chosen.append(related.slug) }
        guard chosen.count < limit else { return (chosen, by) }
        var second: [String: Int] = [:]
        for related in first {
            for next in coMentioned(with: related.slug, by: by).prefix(limit) where !seen.contains(next.slug) {
                second[next.slug] = max(second[next.slug] ?? 0, min(next.count, related.count))
            }
        }
        for candidate in second.sorted(by: { ($0.value, $1.key) > ($1.value, $0.key) }) where chosen.count < limit {
            chosen.append(candidate.key)
        }
        return (chosen, by)
    }

    func neighbourhoodGraph(of slug: String, root: String) -> PictureView? {
        let (slugs, by) = neighbourhood(of: slug, limit: Self.neighbourhoodNodes)
        guard slugs.count >= 2, let name = graph.entities[slug]?.name else { return nil }
        return relationshipGraph(id: "graph-\(slug)", slugs: slugs, by: by, focus: 0, root: root, maxLinks: 60,
                                 title: "Relationship graph around \(name)",
                                 caption: "\(name) (ringed), the entities \(by.phrase), and theirs; thicker lines for more.",
                                 alternative: "Related")
    }

    func relationshipGraph(id: String, slugs: [String], by: CoMention, focus: Int?, root: String, maxLinks: Int,
                           title: String, caption: String, alternative: String) -> PictureView? {
        let index = Dictionary(slugs.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        var links: [RelationshipGraph.Link] = []
        for (a, slug) in slugs.enumerated() {
            for related in coMentioned(with: slug, by: by) {
                if let b = index[related.slug], a < b { links.append(RelationshipGraph.Link(a: a, b: b, count: related.count)) }
            }
        }
        // The strongest lines, after each node's strongest one: no node drifts off on its own.
        let strongest = links.sorted { ($0.count, $1.a, $1.b) > ($1.count, $0.a, $0.b) }
        var kept: [RelationshipGraph.Link] = []
        var linked: Set<Int> = []
        for link in strongest where !linked.contains(link.a) || !linked.contains(link.b) {
            kept.append(link)
            linked.formUnion([link.a, link.b])
        }
        for link in strongest where kept.count < max(maxLinks, kept.count) && !kept.contains(link) { kept.append(link) }
        links = kept.sorted { ($0.a, $0.b) < ($1.a, $1.b) }
        let nodes = slugs.compactMap { slug -> RelationshipGraph.Node? in
            guard let entity = graph.entities[slug] else { return nil }
            return RelationshipGraph.Node(slug: slug, name: entity.name, kind: entity.kind.rawValue, kindLabel: entity.kind.label,
                                          mentions: graph.mentionCount(of: slug), href: root + DocumentID(.entity, slug).outputPath)
        }
        let picture = RelationshipGraph(id: id, title: title,
                                        description: "\(nodes.count) entities as circles sized by mentions and coloured by kind, \(links.count) lines between entities \(by.phrase). Each circle links to its entity page.",
                                        nodes: nodes, links: links, focus: focus)
        return picture.svg().map { PictureView(svg: $0, caption: caption, alternative: alternative) }
    }

    // MARK: Maps

    /// Where an entity of kind country or place (or another kind named like a country) is on the map.
    func place(of slug: String) -> PlaceMatch? {
        pictureCache.places.value(slug) {
            guard let entity = graph.entities[slug] else { return nil }
            let names = [entity.name] + entity.aliases
            // The editor's coordinates win over a city of the same name; a country keeps its shape.
            let point = entity.coordinates.map { WorldMap.gridPoint($0) }.map { PlaceMatch.point(x: $0.x, y: $0.y) }
            switch entity.kind {
            case .country:
                return WorldMap.country(named: names).map(PlaceMatch.country) ?? point
            case .place:
                if let point { return point }
                if let city = WorldMap.city(named: names) { return .city(city) }
                return WorldMap.country(named: names).map(PlaceMatch.country)
            default:
                return nil
            }
        }
    }

    func siteMentionCounts() -> [String: Int] {
        var counts: [String: Int] = [:]
        for entity in graph.sortedEntities where entity.kind == .country || entity.kind == .place {
            let count = graph.mentionCount(of: entity.slug)
            if count > 0 { counts[entity.slug] = count }
        }
        return counts
    }

    func map(id: String, counts: [String: Int], root: String, focus: Int?, title: String, caption: String, alternative: String) -> PictureView? {
        var shades: [Int: WorldMap.Shade] = [:]
        var pins: [WorldMap.Pin] = []
        for slug in counts.keys.sorted() {
            guard let place = place(of: slug), let entity = graph.entities[slug] else { continue }
            let href = root + DocumentID(.entity, slug).outputPath
            switch place {
            case .country(let index):
                // Two entities on one shape (a country and its government): the more mentioned names it.
                if let other = shades[index], other.count >= counts[slug]! { continue }
                shades[index] = WorldMap.Shade(country: index, name: entity.name, count: counts[slug]!, href: href)
            case .city(let index):
                let city = WorldMap.cities[index]
                pins.append(WorldMap.Pin(x: Double(city.x), y: Double(city.y), name: entity.name, count: counts[slug]!, href: href))
            case .point(let x, let y):
                pins.append(WorldMap.Pin(x: x, y: y, name: entity.name, count: counts[slug]!, href: href))
            }
        }
        guard !shades.isEmpty || !pins.isEmpty else { return nil }
        // A thousand briefings name more places than a map can show: the most mentioned, and a count.
        let unpinned = max(0, pins.count - Self.mapPins)
        pins = Array(pins.sorted { ($0.count, $1.name) > ($1.count, $0.name) }.prefix(Self.mapPins))
        let map = WorldMap(id: id, title: title,
                           description: "\(shades.count) countr\(shades.count == 1 ? "y" : "ies") shaded and \(pins.count) place\(pins.count == 1 ? "" : "s") marked; each links to its entity page.",
                           shades: shades.keys.sorted().map { shades[$0]! }, pins: pins, focus: focus)
        let outside = map.region()?.outside ?? []
        var more = outside.isEmpty ? "" : " Outside this view: " + outside.prefix(6).joined(separator: ", ")
            + (outside.count > 6 ? " and \(outside.count - 6) more." : ".")
        if unpinned > 0 { more += " The \(Self.mapPins) most mentioned places are marked, \(unpinned) others are not." }
        return map.svg().map { PictureView(svg: $0, caption: caption + more, alternative: alternative) }
    }

    // MARK: Sparkline

    func sparkline(of slug: String, name: String) -> PictureView? {
        let months = pictureCache.briefingMonths.value(0) {
            var months: [String: Sparkline.Month] = [:]
            for briefing in site.briefings {
                guard let date = EDTFDate(briefing.fields.date), let start = date.start, let month = start.month, month <= 12 else { continue }
                months[briefing.slug] = Sparkline.Month(year: start.year, month: month)
            }
            return (months, months.values.min(), months.values.max())
        }
        guard var first = months.first, let last = months.last else { return nil }
        // At least a year, ending with the last briefing: one month alone is no line.
        let yearBefore = last.month == 12 ? Sparkline.Month(year: last.year, month: 1) : Sparkline.Month(year: last.year - 1, month: last.month + 1)
        first = min(first, yearBefore)
        var counts: [Sparkline.Month: Int] = [:]
        for mention in graph.mentions[slug] ?? [] where mention.document.kind == .briefing {
            if let month = months.bySlug[mention.document.slug] { counts[month, default: 0] += 1 }
        }
        let total = counts.values.reduce(0, +)
        let line = Sparkline(id: "spark-\(slug)", title: "Mentions of \(name) by month",
                             description: "\(total) mention\(total == 1 ? "" : "s") in briefings, by the month each briefing was published.",
                             counts: counts, first: first, last: last)
        let peak = counts.max { ($0.value, $1.key) < ($1.value, $0.key) }
        let most = peak.map { ": most in \(Sparkline.monthNames[$0.key.month - 1]) \($0.key.year) (\($0.value))" } ?? ""
        return line.svg().map { PictureView(svg: $0, caption: "Mentions in briefings by month of publication" + most, alternative: "Mentions") }
    }

    // MARK: Labels

    /// "Mar 13, 2025", "Mar 2025", "2025", "2000–2004", "~2025": short enough for a label.
    static func shortLabel(_ date: EDTFDate) -> String {
        // Word by word (every event of a thousand briefings gets one): month names shortened,
        // "about" as "~", "perhaps" dropped.
        var words: [Substring] = []
        var tilde = false
        for word in date.label.split(separator: " ") {
            if word == "perhaps" { continue }
            if word == "about" { tilde = true; continue }
            let short: Substring = shortMonths[word].map { Substring($0) } ?? word
            words.append(tilde ? "~" + short : short)
            tilde = false
        }
        return words.joined(separator: " ")
    }

    private static let shortMonths: [Substring: String] = Dictionary(
        uniqueKeysWithValues: zip(EDTFDate.monthNames.map { Substring($0) }, Sparkline.monthNames))
}
