@testable import BriefingKit
import XCTest

/// End to end: links between content, link density, open front matter and their errors, on small
/// sites built the way `briefing build` builds them.
final class ContentFormatTests: XCTestCase {
    static let baseFiles: [String: String] = [
        "Content/site.yml": "title: Test\nparams:\n  motto: \"<script>alert(1)</script>\"\n",
        "Content/briefings/one.md": """
        ---
        title: First & One
        date: 2025-01-02
        params: {tagline: "<b>hi</b>"}
        ---
        [[Baku]] met [[Baku]]; see [[briefing:two]] and [[page:about|the about page]].

        ![A map](../../assets/map.png "The map of <Baku>")

        ## Later

        [[Baku]] again. [[Baku]] twice.

        """,
        "Content/briefings/two.md": "---\ntitle: Second\ndate: 2025-01-03\n---\nBack to [[briefing:one]] and [[page:welcome]].\n",
        "Content/pages/about.md": "---\ntitle: About us\nnav: {order: 150, label: Who}\n---\nAbout [[briefing:one]].\n",
        "Content/pages/welcome.md": "---\ntitle: Welcome\n---\nHi.\n",
        "Content/pages/hidden.md": "---\ntitle: Hidden\nnav: false\n---\nNot in the navigation.\n",
        "Content/assets/map.png": "PNG",
        "Content/entities/baku.md": """
        ---
        name: Baku
        kind: place
        url: https://baku.az/
        wikidata: Q9248
        coordinates: {lat: 40.4093, lon: 49.8671}
        image: assets/map.png
        params: {evil: "<script>x</script>"}
        ---
        Capital.

        """,
    ]

    func render(_ files: [String: String]) throws -> (SiteBuilder.Report, [String: String]) {
        let site = try FixtureSite.site(files)
        defer { try? FileManager.default.removeItem(at: site) }
        let report = SiteBuilder(options: .init(siteDirectory: site)).render()
        return (report, Dictionary(report.files.map { ($0.path, String(decoding: $0.contents, as: UTF8.self)) },
                                   uniquingKeysWith: { first, _ in first }))
    }

    func testLinksBetweenBriefingsAndPagesAtEveryDepth() throws {
        let (report, pages) = try render(Self.baseFiles)
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }, [])
        let one = try XCTUnwrap(pages["briefings/one/index.html"])
        XCTAssertTrue(one.contains(#"<a class="xref xref-briefing" href="../../briefings/two/index.html">Second</a>"#), one)
        XCTAssertTrue(one.contains(#"<a class="xref xref-page" href="../../pages/about/index.html">the about page</a>"#))
        XCTAssertTrue(try XCTUnwrap(pages["pages/about/index.html"])
            .contains(#"<a class="xref xref-briefing" href="../../briefings/one/index.html">First &amp; One</a>"#),
            "a reference without a label shows the title, escaped")
        XCTAssertTrue(try XCTUnwrap(pages["briefings/two/index.html"]).contains(">Welcome</a>"))
        XCTAssertTrue(try XCTUnwrap(pages["entities/baku/index.html"]).contains("see Second and the about page."),
                      "a mention's sentence reads the title too")
        XCTAssertEqual(LinkChecker(files: report.files).brokenLinks(), [], "every link resolves")
        let graph = try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(pages["graph.json"]).utf8)) as? [String: Any]
        let briefings = try XCTUnwrap(graph?["briefings"] as? [[String: Any]])
        XCTAssertEqual(briefings.map { $0["links"] as? [String] }, [["briefings/two/index.html", "pages/about/index.html"],
                                                                    ["briefings/one/index.html", "pages/welcome/index.html"]])
    }

    /// The briefing's text, without the lists around it.
    func body(_ page: String?) throws -> String {
        let page = try XCTUnwrap(page)
        return try XCTUnwrap(page.components(separatedBy: "<div class=\"briefing-body prose\">").dropFirst().first)
            .components(separatedBy: "</div>")[0]
    }

    func testFirstMentionInEachSectionIsTheOnlyLinkByDefault() throws {
        let (_, pages) = try render(Self.baseFiles)
        let one = try body(pages["briefings/one/index.html"])
        XCTAssertEqual(one.components(separatedBy: "xref-entity kind-place").count - 1, 2, "one link per section")
        XCTAssertTrue(one.contains("</a> met Baku; see"), one)
        XCTAssertTrue(one.contains("</a> again. Baku twice."), one)

        var every = Self.baseFiles
        every["Content/site.yml"] = "title: Test\nmentions: every\n"
        let (_, everyPages) = try render(every)
        XCTAssertEqual(try body(everyPages["briefings/one/index.html"]).components(separatedBy: "xref-entity kind-place").count - 1, 4)
        // Mentions, the graph and the entity page do not depend on the links.
        XCTAssertEqual(pages["graph.json"], everyPages["graph.json"])
        XCTAssertEqual(pages["entities/baku/index.html"], everyPages["entities/baku/index.html"])
        XCTAssertEqual(try XCTUnwrap(pages["entities/baku/index.html"]).components(separatedBy: "<mark>Baku</mark>").count - 1, 4)
    }

    func testEntityFactsParamsNavAndFigures() throws {
        let (_, pages) = try render(Self.baseFiles)
        let baku = try XCTUnwrap(pages["entities/baku/index.html"])
        XCTAssertTrue(baku.contains(#"<img src="../../assets/map.png" alt="Baku""#))
        XCTAssertTrue(baku.contains(#"<a href="https://baku.az/" rel="external noopener">baku.az</a>"#))
        XCTAssertTrue(baku.contains(#"<a href="https://www.wikidata.org/wiki/Q9248" rel="external noopener">Q9248</a>"#))
        XCTAssertTrue(baku.contains("40.4093° N, 49.8671° E"))
        XCTAssertTrue(baku.contains(#""sameAs":["https://baku.az/","https://www.wikidata.org/wiki/Q9248"]"#), baku)
        XCTAssertTrue(baku.contains(#""geo":{"@type":"GeoCoordinates","latitude":40.4093,"longitude":49.8671}"#))
        XCTAssertFalse(baku.contains("<script>x"), "params never reach a page unescaped")

        let home = try XCTUnwrap(pages["index.html"])
        let nav = home.components(separatedBy: "<nav")[1].components(separatedBy: "</nav>")[0]
        let labels = nav.components(separatedBy: "\">").dropFirst().map { $0.prefix { $0 != "<" } }.filter { !$0.allSatisfy(\.isWhitespace) }
        XCTAssertEqual(labels, ["Home", "Who", "Archive", "Timeline", "Entities", "Search", "Welcome"], nav)

        let one = try XCTUnwrap(pages["briefings/one/index.html"])
        XCTAssertTrue(one.contains("<figure class=\"figure\">\n<img src=\"../../assets/map.png\" alt=\"A map\" />\n<figcaption>The map of &lt;Baku&gt;</figcaption>"), one)
    }

    func testTemplatesReadParamsEscaped() throws {
        var files = Self.baseFiles
        let theme = Theme.embedded
        for (name, text) in theme.templates { files["Templates/\(name).mustache"] = text }
        for (path, bytes) in theme.staticFiles { files["Templates/static/" + path] = String(decoding: bytes, as: UTF8.self) }
        files["Templates/briefing.mustache"] = theme.templates["briefing"]!.replacingOccurrences(
            of: "{{$main}}", with: "{{$main}}<p class=\"t\">{{params.tagline}}|{{site.params.motto}}|{{params.missing}}</p>")
        let (report, pages) = try render(files)
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }, [])
        XCTAssertTrue(try XCTUnwrap(pages["briefings/one/index.html"])
            .contains("<p class=\"t\">&lt;b&gt;hi&lt;/b&gt;|&lt;script&gt;alert(1)&lt;/script&gt;|</p>"))
        for (name, text) in theme.templates {
            XCTAssertFalse(text.contains("{{{params") || text.contains("{{{site.params") || text.contains("{{{entityFacts"),
                           "\(name) must not print params raw")
        }
    }

    func testHostileAndWrongValuesAreAllReportedInOneRun() throws {
        var files = Self.baseFiles
        files["Content/entities/baku.md"] = """
        ---
        name: Baku
        kind: place
        url: javascript:alert(1)
        wikidata: 9248
        coordinates: {lat: 140, lon: 49}
        image: https://evil.example/x.png
        colour: red
        date: 2025-13-45
        ---
        Capital.

        """
        files["Content/entities/thing.md"] = "---\nname: Thing\nkind: thing\ndate: 2025-99\n---\n"
        files["Content/briefings/two.md"] = "---\ntitle: Second\ndate: 2025-31-01\nauthr: X\n---\n[[briefing:on]] [[page:welcome]].\n"
        let (report, _) = try render(files)
        let errors = report.diagnostics.filter { $0.severity == .error }.map(\.description)
        let expected = [
            "Content/briefings/two.md:3:7: error: invalid date '2025-31-01'",
            "Content/briefings/two.md:4:1: error: unknown key 'authr' in briefing front matter; did you mean 'author'?",
            "Content/briefings/two.md:6:1: error: unknown reference [[briefing:on]]: no briefing has the slug 'on'; did you mean [[briefing:one]]?",
            "Content/entities/baku.md:4:6: error: url 'javascript:alert(1)' is a javascript: address; only http and https links are allowed",
            "Content/entities/baku.md:5:11: error: wikidata '9248' is not a Wikidata item id",
            "Content/entities/baku.md:6:14: error: coordinates: latitude 140.0 is out of range",
            "Content/entities/baku.md:7:8: error: image 'https://evil.example/x.png' must be a file of the site",
            "Content/entities/baku.md:8:1: error: unknown key 'colour' in entity front matter",
            "Content/entities/baku.md:9:7: error: invalid date '2025-13-45'",
            "Content/entities/thing.md:3:7: error: kind 'thing' is not one of: person, country, organization, place, agreement, event, group, other",
            "Content/entities/thing.md:4:7: error: invalid date '2025-99'",
        ]
        XCTAssertEqual(errors.count, expected.count, errors.joined(separator: "\n"))
        for (error, prefix) in zip(errors, expected) { XCTAssertTrue(error.hasPrefix(prefix), "\(error)\n  expected \(prefix)") }
        XCTAssertTrue(report.files.isEmpty, "nothing renders with errors")
    }

    func testABrokenLinkInATemplateIsReportedOnceAtTheTemplate() throws {
        var files = Self.baseFiles
        let theme = Theme.embedded
        for (name, text) in theme.templates { files["Templates/\(name).mustache"] = text }
        for (path, bytes) in theme.staticFiles { files["Templates/static/" + path] = String(decoding: bytes, as: UTF8.self) }
        let base = theme.templates["base"]!
        files["Templates/base.mustache"] = base.replacingOccurrences(of: "<footer class=\"site-footer\">",
                                                                     with: "<footer class=\"site-footer\">\n<a href=\"{{root}}colophon/\">Colophon</a>")
        let site = try FixtureSite.site(files)
        defer { try? FileManager.default.removeItem(at: site) }
        let diagnostics = SiteChecker(siteDirectory: site).check().filter { $0.severity == .error }
        XCTAssertEqual(diagnostics.count, 1, diagnostics.map(\.description).joined(separator: "\n"))
        let line = base.components(separatedBy: "\n").firstIndex { $0.contains("<footer class=\"site-footer\">") }! + 2
        XCTAssertEqual(diagnostics.first?.location, SourceLocation(path: "Templates/base.mustache", line: line, column: 10))
        XCTAssertTrue(diagnostics.first?.message.contains("broken link {{root}}colophon/ in the template") == true)
        // Once, however many pages the template made (home, archive, tags, entities…).
        XCTAssertNotNil(diagnostics.first?.message.range(of: #"on \d+ pages, e\.g\."#, options: .regularExpression), diagnostics.first?.message ?? "")
    }
}
