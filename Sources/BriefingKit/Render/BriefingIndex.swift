import Foundation

/// The briefings sorted and grouped the ways the archive pages list them: newest first, by tag,
/// by author, and for each briefing the briefings that share the most entities with it. Made once
/// per build from front matter and the graph's resolutions; every order has a tie-break, so two
/// builds list the same briefings the same way.
struct BriefingIndex: Sendable {
    /// A tag or an author: its label as first written (newest briefing first), its slug, its briefings.
    struct Term: Sendable, Equatable {
        var label: String
        var slug: String
        /// Slugs of its briefings, newest first.
        var briefings: [String]
    }

    /// A briefing related to another, with the entities they share (most telling first).
    struct Related: Sendable, Equatable {
        var slug: String
        var shared: [String]
    }

    /// Briefing slugs, newest first (ties: slug).
    var newestFirst: [String] = []
    /// Each briefing's place in `newestFirst`.
    var position: [String: Int] = [:]
    var tags: [Term] = []
    var authors: [Term] = []
    /// Slug of the tag page of each spelling of a tag, and of the author page of each author name.
    var tagSlug: [String: String] = [:]
    var authorSlug: [String: String] = [:]
    /// The entity whose name or alias is an author's name (case-insensitive), by author slug.
    var authorEntity: [String: String] = [:]
    /// The related briefings of each briefing, best first.
    var related: [String: [Related]] = [:]

    /// An entity named in more briefings than this says little about what two of them share, and
    /// pairing all its briefings would be quadratic: it is left out of the scores.
    static let commonEntityLimit = 200

    init(briefings: [SourceDocument<BriefingFrontMatter>], graph: KnowledgeGraph, relatedCount: Int) {
        let sorted = briefings.sorted { ($0.fields.date, $1.slug) > ($1.fields.date, $0.slug) }
        newestFirst = sorted.map(\.slug)
        for (index, slug) in newestFirst.enumerated() { position[slug] = index }
        (tags, tagSlug) = Self.terms(sorted.map { ($0.slug, $0.fields.tags ?? []) })
        (authors, authorSlug) = Self.terms(sorted.map { ($0.slug, $0.fields.author.map { [$0] } ?? []) })
        var entityByName: [String: String] = [:]
        for entity in graph.sortedEntities {
            for name in [entity.name] + entity.aliases where entityByName[name.lowercased()] == nil {
                entityByName[name.lowercased()] = entity.slug
            }
        }
        for author in authors {
            if let slug = entityByName[author.label.lowercased()] { authorEntity[author.slug] = slug }
        }
        related = Self.related(sorted, graph: graph, count: relatedCount)
    }

    /// The longest slug a tag or author page gets: a folder name, far below the 255 bytes a file
    /// system allows, and still readable in an address.
    static let slugLimit = 80

    /// Terms grouped by slug, in order of label; a label without letters or digits has no page.
    /// A slug longer than `slugLimit` is cut at a hyphen; two labels whose cut slugs meet get
    /// `-2`, `-3`… in the order of first use (newest briefing first).
    private static func terms(_ labelled: [(slug: String, labels: [String])]) -> ([Term], [String: String]) {
        var bySlug: [String: Term] = [:]
        var slugOfLabel: [String: String] = [:]
        var slugOfFull: [String: String] = [:]
        var used: Set<String> = []
        for (briefing, labels) in labelled {
            for label in labels {
                let full = Slug.make(from: label)
                guard !full.isEmpty else { continue }
                let slug: String
                if let known = slugOfFull[full] {
                    slug = known
                } else {
                    var cut = full
                    if cut.utf8.count > slugLimit {
                        cut = String(cut.prefix(slugLimit))
                        if let hyphen = cut.lastIndex(of: "-"), cut.distance(from: cut.startIndex, to: hyphen) >= slugLimit / 2 {
                            cut = String(cut[..<hyphen])
                        }
                    }
                    var candidate = cut
                    var number = 2
                    while used.contains(candidate) {
                        candidate = "\(cut)-\(number)"
                        number += 1
                    }
                    slug = candidate
                    slugOfFull[full] = slug
                    used.insert(slug)
                }
                slugOfLabel[label] = slug
                if bySlug[slug] == nil { bySlug[slug] = Term(label: label, slug: slug, briefings: []) }
                if bySlug[slug]!.briefings.last != briefing { bySlug[slug]!.briefings.append(briefing) }
            }
        }
        let terms = bySlug.values.sorted { ($0.label.lowercased(), $0.slug) < ($1.label.lowercased(), $1.slug) }
        return (terms, slugOfLabel)
    }

    /// Briefings scored by the entities they share with each briefing, each shared entity weighing
    /// more the fewer briefings name it (1 + ln(briefings / briefings naming it)); ties go to the
    /// newer briefing, then to the slug.
    private static func related(_ sorted: [SourceDocument<BriefingFrontMatter>], graph: KnowledgeGraph,
                                count: Int) -> [String: [Related]] {
        guard count > 0, sorted.count > 1 else { return [:] }
        var entitiesOf: [[String]] = []
        var postings: [String: [Int]] = [:]
        for (index, briefing) in sorted.enumerated() {
            var slugs: Set<String> = []
            for case .entity(let slug) in graph.resolutions[DocumentID(.briefing, briefing.slug)] ?? [] { slugs.insert(slug) }
            let ordered = slugs.sorted()
            entitiesOf.append(ordered)
            for slug in ordered { postings[slug, default: []].append(index) }
        }
        let total = Double(sorted.count)
        var weight: [String: Double] = [:]
        for (slug, list) in postings { weight[slug] = 1 + log(total / Double(list.count)) }
        var result: [String: [Related]] = [:]
        for (index, briefing) in sorted.enumerated() {
            var score: [Int: Double] = [:]
            var shared: [Int: [String]] = [:]
            for slug in entitiesOf[index] {
                guard let list = postings[slug], list.count <= commonEntityLimit else { continue }
                for other in list where other != index {
                    score[other, default: 0] += weight[slug]!
                    shared[other, default: []].append(slug)
                }
            }
            // `sorted` is newest first, so the lower index is the newer briefing.
            let best = score.keys.sorted { (score[$0]!, -$0) > (score[$1]!, -$1) }.prefix(count)
            guard !best.isEmpty else { continue }
            result[briefing.slug] = best.map { other in
                Related(slug: sorted[other].slug,
                        shared: shared[other]!.sorted { (weight[$0]!, $1) > (weight[$1]!, $0) })
            }
        }
        return result
    }
}
