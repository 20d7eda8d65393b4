/// How much one page holds before the rest goes to the next page: what keeps every page of a
/// 1,000-briefing site under 300 KB (see `make bench`). Tests lower it to paginate small sites.
public struct PageBudget: Sendable, Equatable {
    /// Briefings (with summaries) on each page of the home page and of tag and author pages.
    public var briefingsPerPage = 20
    /// Briefings (title and date) on each page of the archive.
    public var archivePerPage = 200
    /// Events on each page of a year of the timeline.
    public var eventsPerPage = 200
    /// About how many bytes of events a page of the timeline holds before the next page starts.
    public var timelineBytesPerPage = 150_000
    /// Entities of a kind on the entity index before the rest moves to the kind's own pages.
    public var entitiesPerKindOnIndex = 60
    /// Entities on each page of a kind's list.
    public var entitiesPerPage = 500
    /// An entity mentioned this many times or fewer has every sentence that names it on its page;
    /// past it, the page shows a summary and the full list has pages of its own.
    public var mentionsOnEntityPage = 30
    /// Briefings an entity page's summary shows mentions from (newest first), and sentences from each.
    public var entityBriefings = 8
    public var sentencesPerBriefing = 3
    /// Sentences on each page of an entity's full list of mentions.
    public var mentionsPerPage = 150
    /// Co-mentioned entities, events, quotes and backlinks on an entity page.
    public var coMentioned = 12
    public var entityEvents = 12
    public var entityQuotes = 10
    public var entityBacklinks = 40
    /// Related briefings on a briefing page.
    public var relatedBriefings = 5
    /// Events in a briefing's own "In this briefing" timeline.
    public var briefingEvents = 120

    public init() {}
}
