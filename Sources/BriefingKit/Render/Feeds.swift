import Foundation

/// `feed.xml` (Atom, RFC 4287), `sitemap.xml` and `robots.txt`. Feed and sitemap need absolute
/// addresses, so they are written only when the site's base URL is known.
struct Feeds {
    var site: LoadedSite
    var baseURL: String?
    /// Every page's output path, for the sitemap.
    var pages: [String]

    func files() -> [OutputFile] {
        var files: [OutputFile] = []
        var robots = "User-agent: *\nAllow: /\n"
        if let baseURL {
            files.append(OutputFile(path: "feed.xml", text: atom(baseURL)))
            files.append(OutputFile(path: "sitemap.xml", text: sitemap(baseURL)))
            robots += "Sitemap: \(baseURL)sitemap.xml\n"
        }
        files.append(OutputFile(path: "robots.txt", text: robots))
        return files
    }

    static func escape(_ text: String) -> String {
        // XML 1.0 has no place for most control characters: drop them rather than write a broken feed.
        let cleaned = String(String.UnicodeScalarView(text.unicodeScalars.filter { $0.value >= 0x20 || $0 == "\n" || $0 == "\t" }))
        return HTML.escape(cleaned)
    }

    static func pretty(_ path: String) -> String {
        path.hasSuffix("index.html") ? String(path.dropLast("index.html".count)) : path
    }

    /// An RFC 3339 time for an EDTF day ("2025-03-31" → "2025-03-31T00:00:00Z").
    static func timestamp(_ date: String) -> String {
        guard let edtf = EDTFDate(date), let start = edtf.start else { return "1970-01-01T00:00:00Z" }
        let (year, month, day) = start.lowerBound
        return String(format: "%04d-%02d-%02dT00:00:00Z", year, month, day)
    }

    func atom(_ baseURL: String) -> String {
        let briefings = site.briefings.sorted { ($0.fields.date, $1.slug) > ($1.fields.date, $0.slug) }
        let updated = briefings.first.map { Self.timestamp($0.fields.date) } ?? "1970-01-01T00:00:00Z"
        var xml = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(Self.escape(site.config.language ?? "en"))">
          <title>\(Self.escape(site.config.title))</title>
          <id>\(Self.escape(baseURL))</id>
          <link rel="self" href="\(Self.escape(baseURL))feed.xml"/>
          <link rel="alternate" type="text/html" href="\(Self.escape(baseURL))"/>
          <updated>\(updated)</updated>
          <author><name>\(Self.escape(site.config.author ?? site.config.title))</name></author>
          <generator>Briefing</generator>

        """
        if let description = site.config.description { xml += "  <subtitle>\(Self.escape(description))</subtitle>\n" }
        for briefing in briefings {
            let url = baseURL + Self.pretty(DocumentID(.briefing, briefing.slug).outputPath)
            xml += """
              <entry>
                <title>\(Self.escape(briefing.fields.title))</title>
                <id>\(Self.escape(url))</id>
                <link rel="alternate" type="text/html" href="\(Self.escape(url))"/>
                <published>\(Self.timestamp(briefing.fields.date))</published>
                <updated>\(Self.timestamp(briefing.fields.date))</updated>

            """
            if let author = briefing.fields.author { xml += "    <author><name>\(Self.escape(author))</name></author>\n" }
            if let summary = briefing.fields.summary { xml += "    <summary>\(Self.escape(summary))</summary>\n" }
            for tag in briefing.fields.tags ?? [] { xml += "    <category term=\"\(Self.escape(tag))\"/>\n" }
            xml += "  </entry>\n"
        }
        return xml + "</feed>\n"
    }

    func sitemap(_ baseURL: String) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let dates = Dictionary(site.briefings.map { (DocumentID(.briefing, $0.slug).outputPath, $0.fields.date) },
                               uniquingKeysWith: { first, _ in first })
        for page in pages.sorted() where page != "404.html" {
            xml += "  <url><loc>\(Self.escape(baseURL + Self.pretty(page)))</loc>"
            if let date = dates[page], let iso = EDTFDate(date)?.isoValue { xml += "<lastmod>\(iso)</lastmod>" }
            xml += "</url>\n"
        }
        return xml + "</urlset>\n"
    }
}
