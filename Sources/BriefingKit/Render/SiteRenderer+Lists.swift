// Lists of briefings: the home page and its pages, the archive, tag and author pages.
extension SiteRenderer {
    /// A briefing in a list, linked from a page `root` away from the site root.
    func briefingSummary(_ slug: String, root: String) -> BriefingSummaryView? {
        guard let briefing = briefingsBySlug[slug] else { return nil }
        let date = EDTFDate(briefing.fields.date)
        var view = BriefingSummaryView(title: briefing.fields.title, href: root + DocumentID(.briefing, slug).outputPath,
                                       dateLabel: date?.label ?? briefing.fields.date, dateISO: date?.isoValue ?? "",
                                       author: briefing.fields.author ?? "", summary: briefing.fields.summary ?? "")
        view.authorHref = authorHref(briefing.fields.author, root: root)
        return view
    }

    /// The author's page, or "" when there is no author (or no letter in the name to make a slug from).
    func authorHref(_ author: String?, root: String) -> String {
        guard let author, let slug = briefingIndex.authorSlug[author] else { return "" }
        return root + "authors/\(slug)/index.html"
    }

    func tagLinks(_ tags: [String], root: String) -> [TermView] {
        tags.map { tag in
            let slug = briefingIndex.tagSlug[tag]
            let count = slug.flatMap { slug in briefingIndex.tags.first { $0.slug == slug }?.briefings.count } ?? 0
            return TermView(label: tag, href: slug.map { root + "tags/\($0)/index.html" } ?? "", count: count)
        }
    }

    /// The home page: newest briefings, key entities and recent events on page 1; later pages
    /// (`page/2/index.html`…) continue the list of briefings.
    func homeContext(page number: Int) -> [String: Any] {
        let pages = Pagination(folder: "", itemCount: briefingIndex.newestFirst.count, perPage: budget.briefingsPerPage)
        let path = pages.path(number)
        let root = Self.root(for: path)
        var context = common(path: path, title: number > 1 ? "Briefings, page \(number)" : nil, bodyClass: "page-home")
        let briefings = Pagination.slice(briefingIndex.newestFirst, page: number, perPage: budget.briefingsPerPage)
            .compactMap { briefingSummary($0, root: root) }
        context["briefings"] = briefings
        context["hasBriefings"] = !briefings.isEmpty
        context["pagination"] = pages.view(page: number)
        context["isFirstPage"] = number == 1
        context["archiveHref"] = root + "archive/index.html"
        context["briefingCount"] = briefingIndex.newestFirst.count
        guard number == 1 else {
            context["keyEntities"] = [EntityLinkView]()
            context["recentEvents"] = [EventView]()
            context["hasEvents"] = false
            return context
        }
        let key = graph.sortedEntities.filter { graph.mentionCount(of: $0.slug) > 0 }
            .sorted { graph.mentionCount(of: $0.slug) > graph.mentionCount(of: $1.slug) }
            .prefix(12).compactMap { entityLink($0.slug, root: "") }
        // "Recent" is relative to the newest briefing, not to the clock, so builds stay reproducible
        // and forecasts ("by 2027") do not crowd out what happened.
        let newest = site.briefings.compactMap { EDTFDate($0.fields.date) }.max()
        let past = graph.events.filter { event in newest.map { !($0 < event.date) } ?? true }
        let recent = past.suffix(8).reversed().map { eventView($0, root: "", onTimeline: false) }
        context["keyEntities"] = Array(key)
        context["recentEvents"] = Array(recent)
        context["hasEvents"] = !recent.isEmpty
        context.merge(homePictures()) { $1 }
        return context
    }

    /// The archive, tag and author pages, each paginated.
    func archiveJobs() -> [PageJob] {
        var jobs: [PageJob] = []
        let archive = Pagination(folder: "archive/", itemCount: briefingIndex.newestFirst.count, perPage: budget.archivePerPage)
        for number in 1...archive.pageCount {
            jobs.append(PageJob(path: archive.path(number), document: nil, template: "list", scope: .frontMatter) {
                $0.archiveContext(page: number)
            })
        }
        jobs.append(PageJob(path: "tags/index.html", document: nil, template: "terms", scope: .frontMatter) { $0.termsContext(tags: true) })
        jobs.append(PageJob(path: "authors/index.html", document: nil, template: "terms", scope: .frontMatter) { $0.termsContext(tags: false) })
        for (isTag, terms) in [(true, briefingIndex.tags), (false, briefingIndex.authors)] {
            for (index, term) in terms.enumerated() {
                let pages = Pagination(folder: (isTag ? "tags/" : "authors/") + term.slug + "/", itemCount: term.briefings.count,
                                       perPage: budget.briefingsPerPage)
                for number in 1...pages.pageCount {
                    jobs.append(PageJob(path: pages.path(number), document: nil, template: "list", scope: .frontMatter) {
                        $0.termContext(isTag: isTag, index: index, page: number)
                    })
                }
            }
        }
        return jobs
    }

    /// Every briefing, newest first, grouped by year of publication: titles and dates only.
    func archiveContext(page number: Int) -> [String: Any] {
        let pages = Pagination(folder: "archive/", itemCount: briefingIndex.newestFirst.count, perPage: budget.archivePerPage)
        let path = pages.path(number)
        let root = Self.root(for: path)
        var context = common(path: path, title: number > 1 ? "Archive, page \(number)" : "Archive", bodyClass: "page-archive")
        let slugs = Pagination.slice(briefingIndex.newestFirst, page: number, perPage: budget.archivePerPage)
        var groups: [(label: String, briefings: [BriefingSummaryView])] = []
        for slug in slugs {
            guard let briefing = briefingSummary(slug, root: root) else { continue }
            let year = String(briefingsBySlug[slug]?.fields.date.prefix(4) ?? "")
            if groups.last?.label == year { groups[groups.count - 1].briefings.append(briefing) } else { groups.append((year, [briefing])) }
        }
        context["list"] = [
            "title": "Archive", "intro": "All \(briefingIndex.newestFirst.count) briefings, newest first.",
            "compact": true,
            "groups": groups.map { ["label": $0.label, "briefings": $0.briefings] as [String: Any] },
            "hasBriefings": !slugs.isEmpty,
        ] as [String: Any]
        context["pagination"] = pages.view(page: number)
        context["tagsHref"] = root + "tags/index.html"
        context["authorsHref"] = root + "authors/index.html"
        return context
    }

    /// The briefings of one tag or one author, newest first, with their summaries.
    func termContext(isTag: Bool, index: Int, page number: Int) -> [String: Any] {
        let term = (isTag ? briefingIndex.tags : briefingIndex.authors)[index]
        let pages = Pagination(folder: (isTag ? "tags/" : "authors/") + term.slug + "/", itemCount: term.briefings.count,
                               perPage: budget.briefingsPerPage)
        let path = pages.path(number)
        let root = Self.root(for: path)
        let title = isTag ? "Tagged “\(term.label)”" : term.label
        var context = common(path: path, title: number > 1 ? "\(title), page \(number)" : title,
                             description: isTag ? "Briefings tagged \(term.label)" : "Briefings by \(term.label)",
                             bodyClass: isTag ? "page-tag" : "page-author",
                             structuredData: isTag ? nil : ["@type": "ProfilePage", "name": term.label,
                                                            "mainEntity": ["@type": "Person", "name": term.label]])
        let briefings = Pagination.slice(term.briefings, page: number, perPage: budget.briefingsPerPage)
            .compactMap { briefingSummary($0, root: root) }
        let count = term.briefings.count
        var list: [String: Any] = [
            "title": title, "kindLabel": isTag ? "Tag" : "Author",
            "intro": "\(count) briefing\(count == 1 ? "" : "s")" + (isTag ? " tagged “\(term.label)”." : " by \(term.label)."),
            "compact": false, "groups": [["label": "", "briefings": briefings] as [String: Any]], "hasBriefings": !briefings.isEmpty,
            "indexHref": root + (isTag ? "tags/index.html" : "authors/index.html"),
            "indexLabel": isTag ? "All tags" : "All authors",
        ]
        if !isTag, let entity = briefingIndex.authorEntity[term.slug], let link = entityLink(entity, root: root) {
            list["entity"] = link
        }
        context["list"] = list
        context["pagination"] = pages.view(page: number)
        return context
    }

    /// The index of tags or of authors, by name, with their counts.
    func termsContext(tags: Bool) -> [String: Any] {
        let path = tags ? "tags/index.html" : "authors/index.html"
        var context = common(path: path, title: tags ? "Tags" : "Authors", bodyClass: tags ? "page-tags" : "page-authors")
        let terms = (tags ? briefingIndex.tags : briefingIndex.authors).map {
            TermView(label: $0.label, href: "\($0.slug)/index.html", count: $0.briefings.count)
        }
        context["terms"] = ["title": tags ? "Tags" : "Authors", "items": terms, "hasItems": !terms.isEmpty,
                            "empty": tags ? "No briefing has tags yet." : "No briefing names an author yet.",
                            "otherHref": tags ? "../authors/index.html" : "../tags/index.html",
                            "otherLabel": tags ? "Authors" : "Tags"] as [String: Any]
        return context
    }
}
