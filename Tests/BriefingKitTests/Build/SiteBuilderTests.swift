@testable import BriefingKit
import XCTest

final class SiteBuilderTests: XCTestCase {
    func build(_ site: URL, output: URL, drafts: Bool = false) -> SiteBuilder.Report {
        SiteBuilder(options: .init(siteDirectory: site, outputDirectory: output, includeDrafts: drafts)).build()
    }

    func page(_ output: URL, _ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func testMinimalSiteBuildsEveryPage() throws {
        let output = try FixtureSite.temporaryFolder().appendingPathComponent("Output")
        let report = build(FixtureSite.url("minimal"), output: output)
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }, [])
        let files = Set(FixtureSite.tree(output).keys)
        for expected in ["index.html", "404.html", "timeline/index.html", "entities/index.html",
                         "briefings/gas-deal/index.html", "entities/ilham-aliyev/index.html", "entities/israel/index.html",
                         "pages/about/index.html", "static/style.css", "static/site.js", "assets/note.txt"] {
            XCTAssertTrue(files.contains(expected), "missing \(expected)")
        }
        XCTAssertFalse(files.contains("briefings/draft-note/index.html"), "drafts stay out unless --drafts")

        let briefing = try page(output, "briefings/gas-deal/index.html")
        XCTAssertTrue(briefing.contains(#"<a class="xref xref-entity kind-person" href="../../entities/ilham-aliyev/index.html" data-entity="ilham-aliyev">Ilham Aliyev</a>"#))
        XCTAssertTrue(briefing.contains(#"<a class="xref xref-date" href="../../timeline/2025/index.html#ev-gas-deal-1" data-edtf="2025-03-13""#))
        XCTAssertTrue(briefing.contains(#"class="annotation annotation-source""#))
        XCTAssertTrue(briefing.contains(#"class="callout callout-key""#))
        XCTAssertTrue(briefing.contains("<figure class=\"quote\">"))
        XCTAssertFalse(briefing.contains("href=\"/"), "internal links must be relative")

        let home = try page(output, "index.html")
        XCTAssertTrue(home.contains("briefings/gas-deal/index.html"))
        XCTAssertTrue(home.contains("timeline/2025/index.html#ev-gas-deal-1"), "recent events link to the timeline")
        XCTAssertFalse(home.contains("Exports should double"), "events after the newest briefing are not 'recent'")

        let entity = try page(output, "entities/ilham-aliyev/index.html")
        XCTAssertTrue(entity.contains("<mark>Ilham Aliyev</mark>"), "mention shown in its sentence")
        XCTAssertTrue(entity.contains("../../briefings/gas-deal/index.html#p2"), "mention links to its paragraph")
        XCTAssertTrue(entity.contains("We are building a lasting partnership together."), "inline quote attributed")
        XCTAssertTrue(entity.contains("We were there for them."), "blockquote attributed")
        XCTAssertTrue(entity.contains("President of Azerbaijan"))

        let azerbaijan = try page(output, "entities/azerbaijan/index.html")
        XCTAssertTrue(azerbaijan.contains("../../entities/ilham-aliyev/index.html"), "backlink or related from Aliyev's summary")

        // The timeline has a page per year, linked from its overview in chronological order.
        let overview = try page(output, "timeline/index.html")
        let years = overview.components(separatedBy: "class=\"year-link\" href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertEqual(years, ["2000/index.html", "2003/index.html", "2009/index.html", "2020/index.html", "2024/index.html",
                               "2025/index.html", "2027/index.html"])
        let timeline = try years.map { try page(output, "timeline/" + $0) }.joined()
        let dates = timeline.components(separatedBy: "data-edtf=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertEqual(dates, ["2000/2004", "2003-10-31", "2009", "2009", "2020-09-27/2020-11-10", "2024-11", "2025~",
                               "2025-03-13", "2025-03-13", "2027"], "every date reference, in chronological order")
        for label in ["2000–2004", "October 31, 2003", "September 27 – November 10, 2020", "about 2025", "March 13, 2025"] {
            XCTAssertTrue(timeline.contains(label), label)
        }
        XCTAssertTrue(timeline.contains(#"id="ev-gas-deal-1""#))
        XCTAssertTrue(timeline.contains("../../briefings/gas-deal/index.html#p2"))
    }

    func testDraftsAreBuiltOnRequest() throws {
        let output = try FixtureSite.temporaryFolder().appendingPathComponent("Output")
        XCTAssertTrue(build(FixtureSite.url("minimal"), output: output, drafts: true).succeeded)
        XCTAssertNotNil(FixtureSite.tree(output)["briefings/draft-note/index.html"])
    }

    func testTwoBuildsAreByteIdentical() throws {
        let folder = try FixtureSite.temporaryFolder()
        let first = folder.appendingPathComponent("a")
        let second = folder.appendingPathComponent("b")
        XCTAssertTrue(build(FixtureSite.url("minimal"), output: first).succeeded)
        XCTAssertTrue(build(FixtureSite.url("minimal"), output: second).succeeded)
        XCTAssertEqual(FixtureSite.tree(first), FixtureSite.tree(second))
    }

    func testBrokenSiteReportsEveryProblemAndLeavesOutputAlone() throws {
        let output = try FixtureSite.temporaryFolder().appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
        try Data("previous build\n".utf8).write(to: output.appendingPathComponent("index.html"))
        // The mark of a folder Briefing wrote: without it the build would also refuse the folder.
        try Data(OutputFolder.markerText.utf8).write(to: output.appendingPathComponent(OutputFolder.marker))
        let report = build(FixtureSite.url("broken"), output: output)
        XCTAssertFalse(report.succeeded)
        let lines = report.diagnostics.map(\.description)
        XCTAssertEqual(lines.count, 3, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Content/briefings/bad-date.md:5:16: error: invalid date [[2025-02-30]]") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Content/briefings/malformed-front-matter.md:5:1: error: invalid YAML") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Content/briefings/unknown-reference.md:5:8: error: unknown reference [[isreal]]") && $0.lowercased().contains("did you mean 'israel'?") }, "\(lines)")
        XCTAssertEqual(FixtureSite.tree(output), ["index.html": Data("previous build\n".utf8),
                                                  OutputFolder.marker: Data(OutputFolder.markerText.utf8)])
    }

    func testCustomTemplatesOverrideTheDefaultTheme() throws {
        let site = try FixtureSite.temporaryFolder()
        try FileManager.default.copyItem(at: FixtureSite.url("minimal/Content"), to: site.appendingPathComponent("Content"))
        let templates = site.appendingPathComponent("Templates")
        try FileManager.default.createDirectory(at: templates.appendingPathComponent("static"), withIntermediateDirectories: true)
        for (name, text) in Theme.embedded.templates {
            try Data(text.utf8).write(to: templates.appendingPathComponent("\(name).mustache"))
        }
        try Data("{{<base}}{{$main}}<p class=\"custom-home\">{{site.title}}</p>{{/main}}{{/base}}".utf8)
            .write(to: templates.appendingPathComponent("home.mustache"))
        try Data("body{}".utf8).write(to: templates.appendingPathComponent("static/style.css"))
        let output = site.appendingPathComponent("Output")
        XCTAssertTrue(build(site, output: output).succeeded)
        XCTAssertTrue(try page(output, "index.html").contains(#"<p class="custom-home">Minimal Briefings</p>"#))
        XCTAssertEqual(try page(output, "static/style.css"), "body{}")
    }

    func testExampleSiteMeetsTheContentGoals() throws {
        let output = try FixtureSite.temporaryFolder().appendingPathComponent("Output")
        let report = build(FixtureSite.repository, output: output)
        XCTAssertEqual(report.diagnostics.filter { $0.severity == .error }, [])
        let files = FixtureSite.tree(output).keys
        XCTAssertGreaterThanOrEqual(files.filter { $0.hasPrefix("entities/") && $0 != "entities/index.html" }.count, 40)
        XCTAssertGreaterThanOrEqual(report.eventCount, 30)
        let briefing = try page(output, "briefings/azerbaijan-seeks-trilateral-partnership-with-israel-and-u-s/index.html")
        XCTAssertGreaterThanOrEqual(briefing.components(separatedBy: "class=\"sidenote\"").count - 1, 10)
    }
}

final class HostileContentTests: XCTestCase {
    func testEntityDataCannotCloseTheScriptElement() throws {
        let site = try FixtureSite.temporaryFolder()
        let content = site.appendingPathComponent("Content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("entities"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: content.appendingPathComponent("briefings"), withIntermediateDirectories: true)
        try Data("title: T\n".utf8).write(to: content.appendingPathComponent("site.yml"))
        try Data("---\nname: \"Evil </script><script>alert(1)</script>\"\nkind: person\nrole: \"<img src=x onerror=alert(1)>\"\n---\nSays \\</script\\> loudly.\n".utf8)
            .write(to: content.appendingPathComponent("entities/evil.md"))
        try Data("---\ntitle: B\ndate: 2025-01-01\n---\nMet [[evil|the man]].\n".utf8)
            .write(to: content.appendingPathComponent("briefings/b.md"))
        let output = site.appendingPathComponent("Output")
        XCTAssertTrue(SiteBuilder(options: .init(siteDirectory: site, outputDirectory: output)).build().succeeded)
        for path in ["briefings/b/index.html", "entities/evil/index.html", "entities/index.html", "index.html"] {
            let html = try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
            XCTAssertFalse(html.contains("<script>alert"), path)
            XCTAssertFalse(html.contains("<img src=x"), path)
            XCTAssertEqual(html.components(separatedBy: "</script>").count - 1, html.components(separatedBy: "<script").count - 1, path)
        }
    }
}

final class OutputSafetyTests: XCTestCase {
    func testRefusesOutputFoldersThatWouldReplaceTheSite() throws {
        let site = try FixtureSite.temporaryFolder()
        try FileManager.default.copyItem(at: FixtureSite.url("minimal/Content"), to: site.appendingPathComponent("Content"))
        let before = FixtureSite.tree(site)
        for output in [URL(fileURLWithPath: "/"), FileManager.default.homeDirectoryForCurrentUser, site,
                       site.deletingLastPathComponent(), site.appendingPathComponent("Content"),
                       site.appendingPathComponent("Content/assets/out"), site.appendingPathComponent("Templates")] {
            let report = SiteBuilder(options: .init(siteDirectory: site, outputDirectory: output)).build()
            XCTAssertFalse(report.succeeded, output.path)
            XCTAssertTrue(report.diagnostics.first?.message.hasPrefix("refusing to write the site") == true, output.path)
        }
        XCTAssertEqual(FixtureSite.tree(site), before, "nothing was touched")
        XCTAssertTrue(SiteBuilder(options: .init(siteDirectory: site, outputDirectory: site.appendingPathComponent("public"))).build().succeeded)
    }
}
