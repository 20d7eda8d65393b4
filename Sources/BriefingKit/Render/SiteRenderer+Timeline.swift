// The timeline: an overview of years (`timeline/index.html`) and a page per year.
extension SiteRenderer {
    /// The years of the timeline by decade, each with its count, a bar, and the entities its
    /// events name most; links to the year pages.
    func timelineOverviewContext() -> [String: Any] {
        let path = "timeline/index.html"
        var context = common(path: path, title: "Timeline", bodyClass: "page-timeline page-timeline-index")
        let most = timeline.years.map(\.events.count).max() ?? 1
        var periods: [PeriodView] = []
        for year in timeline.years {
            var counts: [String: Int] = [:]
            for index in year.events {
                for slug in Set(graph.events[index].entities) { counts[slug, default: 0] += 1 }
            }
            let top = counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }.prefix(3)
            let summary = YearSummaryView(year: year.label, href: String(year.folder.dropFirst("timeline/".count)) + "index.html",
                                          count: year.events.count,
                                          countLabel: year.events.count == 1 ? "1 event" : "\(year.events.count) events",
                                          percent: max(1, year.events.count * 100 / max(1, most)),
                                          topEntities: top.compactMap { entityLink($0, root: "../") })
            let decade = year.label == "Undated" ? "Undated" : Self.decade(of: graph.events[year.events[0]].date.year)
            if periods.last?.label == decade {
                periods[periods.count - 1].years.append(summary)
                periods[periods.count - 1].count += summary.count
            } else {
                periods.append(PeriodView(label: decade, count: summary.count, years: [summary]))
            }
        }
        context["periods"] = periods
        context["yearCount"] = timeline.years.count
        context["eventCount"] = graph.events.count
        context["hasYears"] = !periods.isEmpty
        // The whole timeline as a strip: crowded lanes fold into a bar per year, each linking its page.
        context.merge(timelinePictures(graph.events, root: "../")) { $1 }
        return context
    }

    /// "1990s" for 1990…1999 (and "1990s BCE"-free: years before 1 show as themselves).
    static func decade(of year: Int) -> String {
        year < 1 ? String(year) : "\(year / 10 * 10)s"
    }

    /// One page of one year: its events with their sentences, sources and entities, filterable
    /// by kind and entity (site.js); links to the other years.
    func timelineContext(year yearIndex: Int, page number: Int) -> [String: Any] {
        let year = timeline.years[yearIndex]
        let path = year.pagination.path(number)
        let root = Self.root(for: path)
        let title = "Timeline: \(year.label)" + (number > 1 ? ", page \(number)" : "")
        var context = common(path: path, title: title, bodyClass: "page-timeline")
        let indexes = year.pages[max(0, min(number - 1, year.pages.count - 1))]
        let events = indexes.map { eventView(graph.events[$0], root: root, onTimeline: true) }
        context["years"] = [YearView(year: year.label, events: Array(events))]
        context["eventCount"] = events.count
        context["yearLabel"] = year.label
        context["yearEventCount"] = year.events.count
        context["pagination"] = year.pagination.view(page: number)
        context["overviewHref"] = root + "timeline/index.html"
        context["yearLinks"] = timeline.years.enumerated().map { index, other in
            NavItemView(label: other.label, href: root + other.pagination.path(1), current: index == yearIndex)
        }
        if yearIndex > 0 { context["previousYear"] = LinkView(title: timeline.years[yearIndex - 1].label, href: root + timeline.years[yearIndex - 1].pagination.path(1)) }
        if yearIndex + 1 < timeline.years.count { context["nextYear"] = LinkView(title: timeline.years[yearIndex + 1].label, href: root + timeline.years[yearIndex + 1].pagination.path(1)) }
        let slugs = Set(indexes.flatMap { graph.events[$0].entities })
        let kinds = Set(slugs.compactMap { graph.entities[$0]?.kind }).sorted()
        context["filterKinds"] = kinds.map { ["kind": $0.rawValue, "kindLabel": $0.pluralLabel] }
        context["filterEntities"] = graph.sortedEntities.filter { slugs.contains($0.slug) }.map { ["slug": $0.slug, "name": $0.name] }
        context.merge(timelinePictures(indexes.map { graph.events[$0] }, root: root)) { $1 }
        return context
    }
}
