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
}

/// A mention in the context of its sentence, on an entity page.
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
}

/// A free page (about, methodology).
public struct PageView: Sendable {
    public var title: String
    public var bodyHTML: String
}
