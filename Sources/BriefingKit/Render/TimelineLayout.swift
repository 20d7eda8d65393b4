/// Where each timeline event is shown: the timeline is split into one page per year
/// (`timeline/2025/index.html`, and `timeline/undated/index.html`), a year with more events than
/// a page holds continues on `timeline/2025/page/2/index.html`. Dates link to the page of their
/// event, so a page number depends on how many events come before it in its year.
struct TimelineLayout: Sendable, Equatable {
    /// One year of events: indexes into the graph's chronological `events`.
    struct Year: Sendable, Equatable {
        /// "2025", or "Undated".
        var label: String
        /// The year's folder: "timeline/2025/".
        var folder: String
        var events: [Int]
        var pagination: Pagination
    }

    var years: [Year] = []
    /// The output path of each event's page, by event id.
    var pathOfEvent: [String: String] = [:]

    init(events: [TimelineEvent], perPage: Int) {
        var years: [Year] = []
        var yearIndex: [String: Int] = [:]
        for (index, event) in events.enumerated() {
            let label = event.date.start == nil ? "Undated" : String(event.date.year)
            // Events are chronological, so a year's events are together; the lookup only guards that.
            if let at = yearIndex[label] {
                years[at].events.append(index)
            } else {
                yearIndex[label] = years.count
                let folder = "timeline/" + (event.date.start == nil ? "undated" : String(event.date.year)) + "/"
                years.append(Year(label: label, folder: folder, events: [index],
                                  pagination: Pagination(folder: folder, itemCount: 0, perPage: perPage)))
            }
        }
        for index in years.indices {
            years[index].pagination = Pagination(folder: years[index].folder, itemCount: years[index].events.count, perPage: perPage)
            for (position, event) in years[index].events.enumerated() {
                pathOfEvent[events[event].id] = years[index].pagination.path(position / max(1, perPage) + 1)
            }
        }
        self.years = years
    }

    /// The page that shows event `id` ("timeline/index.html" for an id it does not know).
    func path(of id: String) -> String { pathOfEvent[id] ?? "timeline/index.html" }
}
