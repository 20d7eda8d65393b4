/// The pages of a paginated list: page 1 at `folder/index.html`, page n at `folder/page/n/index.html`
/// (Hugo's layout), so the first page keeps its address whatever the list grows to.
struct Pagination: Sendable, Equatable {
    /// The list's folder with a trailing "/", or "" for the site root.
    var folder: String
    var pageCount: Int

    init(folder: String, itemCount: Int, perPage: Int) {
        self.folder = folder
        pageCount = max(1, (itemCount + max(1, perPage) - 1) / max(1, perPage))
    }

    /// The output path of page `number` (1-based).
    func path(_ number: Int) -> String {
        number <= 1 ? folder + "index.html" : folder + "page/\(number)/index.html"
    }

    /// The items of page `number`.
    static func slice<T>(_ items: [T], page number: Int, perPage: Int) -> ArraySlice<T> {
        let start = min(items.count, (number - 1) * max(1, perPage))
        return items[start..<min(items.count, start + max(1, perPage))]
    }

    /// What the `pagination` partial shows on page `number`, links relative to that page.
    func view(page number: Int) -> PaginationView {
        let here = path(number)
        let root = SiteRenderer.root(for: here)
        func href(_ page: Int) -> String { root + path(page) }
        // First, last, and two on either side of the current page; gaps show as an ellipsis.
        var numbers: [Int] = []
        for page in 1...pageCount where page == 1 || page == pageCount || abs(page - number) <= 2 { numbers.append(page) }
        var items: [PageLinkView] = []
        for (index, page) in numbers.enumerated() {
            if index > 0, page - numbers[index - 1] > 1 { items.append(PageLinkView(number: 0, href: "", current: false, gap: true)) }
            items.append(PageLinkView(number: page, href: href(page), current: page == number, gap: false))
        }
        return PaginationView(number: number, count: pageCount, isPaginated: pageCount > 1,
                              previousHref: number > 1 ? href(number - 1) : "", nextHref: number < pageCount ? href(number + 1) : "",
                              pages: items)
    }
}
