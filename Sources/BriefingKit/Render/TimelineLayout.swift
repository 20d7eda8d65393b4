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
        /// The year's events, page by page.
        var pages: [[Int]] = []
    }

    var years: [Year] = []
    /// The output path of each event's page, by event id.
    var pathOfEvent: [String: String] = [:]

    init(events: [TimelineEvent], perPage: Int, bytesPerPage: Int = 150_000) {
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
            // A page ends after `perPage` events or about `bytesPerPage` of their text and links,
            // whichever comes first: the sentences of some sites are five times those of others.
            var pages: [[Int]] = [[]]
            var bytes = 0
            for event in years[index].events {
                let size = Self.estimatedBytes(events[event])
                if !pages[pages.count - 1].isEmpty, pages[pages.count - 1].count >= perPage || bytes + size > bytesPerPage {
                    pages.append([])
                    bytes = 0
                }
                pages[pages.count - 1].append(event)
                bytes += size
            }
            years[index].pages = pages
            years[index].pagination = Pagination(folder: years[index].folder, itemCount: pages.count, perPage: 1)
            for (number, page) in pages.enumerated() {
                for event in page { pathOfEvent[events[event].id] = years[index].pagination.path(number + 1) }
            }
        }
        self.years = years
    }

    /// About what an event weighs on a timeline page: its sentence (written twice, in the page and
    /// in the filter's attributes), its links, the markup around it.
    static func estimatedBytes(_ event: TimelineEvent) -> Int {
        event.text.utf8.count + 450 + event.entities.reduce(0) { $0 + 2 * $1.utf8.count + 120 }
    }

    /// The page that shows event `id` ("timeline/index.html" for an id it does not know).
    func path(of id: String) -> String { pathOfEvent[id] ?? "timeline/index.html" }
}
