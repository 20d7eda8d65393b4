@testable import BriefingKit
import XCTest

final class SiteCheckerTests: XCTestCase {
    func testReportsEveryKindOfProblemAtItsPlace() {
        let lines = SiteChecker(siteDirectory: FixtureSite.url("check")).check().map(\.description)
        let expected = [
            "Content/briefings/report.md:5:64: error: unknown reference [[Nobody]]",
            "Content/briefings/report.md:5:78: warning: date 2026-01 is after the briefing's publication date 2024-06-01",
            "Content/briefings/report.md:5:90: warning: annotation [^empty] is empty",
            "Content/entities/unused-place.md:1:1: warning: entity 'unused-place' is never mentioned",
        ]
        for prefix in expected {
            XCTAssertTrue(lines.contains { $0.hasPrefix(prefix) }, "missing \(prefix) in \(lines)")
        }
        XCTAssertEqual(lines.count, expected.count, "\(lines)")
    }

    func testBrokenLinksAndAnchorsAreFoundInTheRenderedSite() throws {
        // Without the unknown reference the site renders, so its links are checked too.
        let site = try FixtureSite.temporaryFolder()
        try FileManager.default.copyItem(at: FixtureSite.url("check/Content"), to: site.appendingPathComponent("Content"))
        let path = site.appendingPathComponent("Content/briefings/report.md")
        let text = try String(contentsOf: path, encoding: .utf8).replacingOccurrences(of: " met [[Nobody]]", with: " met nobody")
        try Data(text.utf8).write(to: path)
        let lines = SiteChecker(siteDirectory: site).check().map(\.description)
        XCTAssertTrue(lines.contains { $0.hasPrefix("Content/briefings/report.md:7:24: error: broken link ../missing/index.html on briefings/report/index.html: no such file") }, "\(lines)")
        XCTAssertTrue(lines.contains { $0.hasPrefix("Content/briefings/report.md:7:70: error: broken link #nowhere") && $0.contains("no element with id \"nowhere\"") }, "\(lines)")
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.appendingPathComponent("Output").path), "check writes nothing")
    }

    func testTheExampleSiteHasNoErrors() {
        XCTAssertFalse(SiteChecker(siteDirectory: FixtureSite.repository).check().hasErrors)
    }

    func testLinkResolution() {
        XCTAssertEqual(LinkChecker.resolve("../../entities/x/index.html#p1", from: "briefings/b/index.html"), .site("entities/x/index.html", "p1"))
        XCTAssertEqual(LinkChecker.resolve("#p2", from: "briefings/b/index.html"), .site("", "p2"))
        XCTAssertEqual(LinkChecker.resolve("https://example.org/", from: "index.html"), .external)
        XCTAssertEqual(LinkChecker.resolve("mailto:a@b.c", from: "index.html"), .external)
        XCTAssertEqual(LinkChecker.resolve("/static/style.css", from: "index.html"), .invalid("absolute path: internal links must be relative"))
        XCTAssertEqual(LinkChecker.resolve("../../x", from: "index.html"), .invalid("points outside the site"))
        XCTAssertEqual(LinkChecker.resolve("../", from: "timeline/index.html"), .site("index.html", nil))
    }

    func testScannerSkipsScriptsAndComments() {
        let scan = HTMLScanner(#"<p id="a">x</p><!-- <a href="no"> --><script>var s = '<a href="nope">';</script><a href="yes&amp;more" id='b'>y</a>"#)
        XCTAssertEqual(scan.ids, ["a", "b"])
        XCTAssertEqual(scan.links, ["yes&more"])
    }
}

final class SiteScaffoldTests: XCTestCase {
    func testInitMakesASiteThatBuildsAndNeverOverwrites() throws {
        let folder = try FixtureSite.temporaryFolder().appendingPathComponent("new-site")
        let first = SiteScaffold(directory: folder).create(force: false)
        XCTAssertEqual(first.diagnostics, [])
        XCTAssertTrue(first.created.contains("Content/site.yml"))
        XCTAssertTrue(first.created.contains("Templates/base.mustache"))
        let report = SiteBuilder(options: .init(siteDirectory: folder)).build()
        XCTAssertTrue(report.succeeded, "\(report.diagnostics)")
        XCTAssertEqual(report.entityCount, 2)
        XCTAssertFalse(SiteChecker(siteDirectory: folder).check().contains { $0.severity == .error })

        let refused = SiteScaffold(directory: folder).create(force: false)
        XCTAssertTrue(refused.diagnostics.hasErrors)
        let site = folder.appendingPathComponent("Content/site.yml")
        try Data("title: Mine\n".utf8).write(to: site)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("README.md"))
        let forced = SiteScaffold(directory: folder).create(force: true)
        XCTAssertEqual(forced.created, ["README.md"])
        XCTAssertEqual(try String(contentsOf: site, encoding: .utf8), "title: Mine\n", "existing files are kept")
    }
}
