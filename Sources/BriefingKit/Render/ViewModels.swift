// Precomputed values the templates show; see Templates/CONTRACT.md. Templates hold no logic,
// so everything shown (labels, counts, relative hrefs, order) is decided here.

/// `site` in every template.
public struct SiteView: Sendable {
    public var title: String
    public var description: String
    public var language: String
    public var author: String
    /// `params:` of site.yml.
    public var params = ParamsView()
}

/// One item of the site navigation.
public struct NavItemView: Sendable {
    public var label: String
    public var href: String
    public var current: Bool
}

/// A briefing in a list.
public struct BriefingSummaryView: Sendable {
    public var title: String
    public var href: String
    public var dateLabel: String
    public var dateISO: String
    public var author: String
    public var summary: String
    /// The author's page ("" without an author).
    public var authorHref: String = ""
}

/// A link to an entity, with what lists show beside it.
public struct EntityLinkView: Sendable {
    public var name: String
    public var slug: String
    public var href: String
    public var kind: String
    public var kindLabel: String
    public var role: String
    public var mentionCount: Int
    /// Co-occurrences, in "related" lists.
    public var count: Int
}

/// A group of entity links under a kind heading.
public struct EntityGroupView: Sendable {
    public var kind: String
    public var kindLabel: String
    public var count: Int
    public var entities: [EntityLinkView]
}

/// A timeline event as shown in lists and on the timeline page.
public struct EventView: Sendable {
    public var id: String
    public var dateLabel: String
    public var dateEDTF: String
    public var approximate: Bool
    public var text: String
    /// The event on the timeline page (in lists) or its paragraph (on the timeline page).
    public var href: String
    public var timelineHref: String
    public var sourceTitle: String
    public var entities: [EntityLinkView]
    public var kinds: String
    public var slugs: String
}

/// A year of the timeline page.
public struct YearView: Sendable {
    public var year: String
    public var events: [EventView]
}

/// A full briefing page.
public struct BriefingView: Sendable {
    public var title: String
    public var author: String
    public var publisher: String
    public var dateLabel: String
    public var dateISO: String
    public var summary: String
    public var readingMinutes: Int
    public var tags: [String]
    public var bodyHTML: String
    public var hasAnnotations: Bool
    public var entityGroups: [EntityGroupView]
    public var events: [EventView]
    /// The author's page ("" without an author) and each tag's page.
    public var authorHref: String = ""
    public var tagLinks: [TermView] = []
    /// Briefings that share the most entities with this one.
    public var related: [RelatedBriefingView] = []
    /// All of the briefing's events, when `events` shows only the first of them.
    public var eventCount: Int = 0
    public var hasMoreEvents: Bool = false
}

/// A briefing related to another by the entities they share.
public struct RelatedBriefingView: Sendable {
    public var title: String
    public var href: String
    public var dateLabel: String
    public var dateISO: String
    /// The shared entities, most telling first (a few names).
    public var shared: String
}

/// A tag or an author with the briefings under it.
public struct TermView: Sendable {
    public var label: String
    public var href: String
    public var count: Int
}

/// Links to the pages of a paginated list, relative to the page showing them.
public struct PaginationView: Sendable {
    public var number: Int
    public var count: Int
    public var isPaginated: Bool
    public var previousHref: String
    public var nextHref: String
    public var pages: [PageLinkView]
}

/// One page number in a `PaginationView`; `gap` stands for pages left out.
public struct PageLinkView: Sendable {
    public var number: Int
    public var href: String
    public var current: Bool
    public var gap: Bool
}

/// A year on the timeline's overview.
public struct YearSummaryView: Sendable {
    public var year: String
    public var href: String
    public var count: Int
    /// "1 event", "12 events".
    public var countLabel: String
    /// 1-100: the year's bar, against the year with most events.
    public var percent: Int
    /// The entities most often named in the year's events.
    public var topEntities: [EntityLinkView]
}

/// A decade (or "Undated") of years on the timeline's overview.
public struct PeriodView: Sendable {
    public var label: String
    public var count: Int
    public var years: [YearSummaryView]
}

/// A mention in the context of its sentence, on an entity page: each sentence once, with every
/// mention of the entity in it marked.
public struct MentionView: Sendable {
    /// The sentence, escaped, with the mention in `<mark>`.
    public var contextHTML: String
    public var href: String
}

/// Mentions of one entity in one document.
public struct MentionGroupView: Sendable {
    public var briefingTitle: String
    public var briefingHref: String
    public var mentions: [MentionView]
    public var dateLabel: String = ""
    public var dateISO: String = ""
    /// Mentions of the entity in the document, and sentences not shown here.
    public var count: Int = 0
    public var moreCount: Int = 0
    public var hasMore: Bool = false
    /// A group that starts on an earlier page of the full list.
    public var continued: Bool = false
}

/// A quotation on its speaker's page.
public struct QuoteView: Sendable {
    public var text: String
    public var sourceTitle: String
    public var href: String
}

/// A plain titled link.
public struct LinkView: Sendable {
    public var title: String
    public var href: String
}

/// A full entity page.
public struct EntityView: Sendable {
    public var name: String
    public var slug: String
    public var kind: String
    public var kindLabel: String
    public var role: String
    public var aliases: [String]
    public var dateLabel: String
    public var summaryHTML: String
    public var mentionCount: Int
    public var mentionGroups: [MentionGroupView]
    public var events: [EventView]
    public var related: [EntityLinkView]
    public var quotes: [QuoteView]
    public var backlinks: [LinkView]
    // Stored, not computed: Mustache reads view models by reflection, which sees stored values only.
    public var hasMentions: Bool
    public var hasEvents: Bool
    public var hasRelated: Bool
    public var hasQuotes: Bool
    public var hasBacklinks: Bool
    /// Documents that mention the entity; the oldest and newest briefing that do.
    public var documentCount: Int = 0
    /// "in 1 document", "in 12 documents".
    public var documentLabel: String = ""
    public var firstMention: MentionGroupView? = nil
    public var lastMention: MentionGroupView? = nil
    /// The full list of mentions (`entities/<slug>/mentions/index.html`), when the page shows part.
    public var mentionsHref: String = ""
    public var hasMoreMentions: Bool = false
    /// Totals, where the page shows only the first `events`, `quotes` or `backlinks`.
    public var eventCount: Int = 0
    public var quoteCount: Int = 0
    public var backlinkCount: Int = 0
    public var hasMoreEvents: Bool = false
    /// The timeline's years with events naming the entity (filtered to it), when `events` is cut.
    public var eventYears: [LinkView] = []
}

/// A free page (about, methodology).
public struct PageView: Sendable {
    public var title: String
    public var bodyHTML: String
}
