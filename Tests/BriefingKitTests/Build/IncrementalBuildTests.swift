@testable import BriefingKit
import XCTest

/// A build with a `BuildCache` (as `briefing serve` runs it) after each kind of edit: it must
/// render fewer pages when only bodies changed, and leave exactly the tree a cold build writes.
final class IncrementalBuildTests: XCTestCase {
    var site: URL!
    var output: URL!
    let cache = BuildCache()

    override func setUpWithError() throws {
        let folder = try FixtureSite.temporaryFolder()
        site = folder.appendingPathComponent("site")
        output = site.appendingPathComponent("Output")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        for part in ["Content", "Templates"] {
            try FileManager.default.copyItem(at: FixtureSite.repository.appendingPathComponent(part), to: site.appendingPathComponent(part))
        }
        // A second briefing naming some of the same entities, so pages of other briefings are in play.
        try write("Content/briefings/second-look.md", """
            ---
            title: A Second Look
            date: 2025-04-02
            ---
            [[israel|Israel]] and [[azerbaijan|Azerbaijan]] met again in [[2025-04|April 2025]].

            A later paragraph names [[armenia|Armenia]] only.

            """)
    }

    func write(_ path: String, _ text: String) throws {
        try text.write(to: site.appendingPathComponent(path), atomically: false, encoding: .utf8)
    }

    func edit(_ path: String, replacing old: String, with new: String) throws {
        let url = site.appendingPathComponent(path)
        let text = try String(contentsOf: url, encoding: .utf8)
        XCTAssertTrue(text.contains(old), "fixture text moved: \(old)")
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    func incrementalBuild() -> SiteBuilder.Report {
        var options = SiteBuilder.Options(siteDirectory: site, outputDirectory: output)
        options.cache = cache
        options.today = "2026-01-01"
        return SiteBuilder(options: options).build()
    }

    /// A cold build of the same content into a fresh folder has the very same files.
    func assertSameAsColdBuild(file: StaticString = #filePath, line: UInt = #line) throws {
        let cold = try FixtureSite.temporaryFolder().appendingPathComponent("Cold")
        var options = SiteBuilder.Options(siteDirectory: site, outputDirectory: cold)
        options.today = "2026-01-01"
        XCTAssertTrue(SiteBuilder(options: options).build().succeeded, file: file, line: line)
        let expected = FixtureSite.tree(cold)
        let actual = FixtureSite.tree(output)
        XCTAssertEqual(actual.keys.sorted(), expected.keys.sorted(), "same files", file: file, line: line)
        for (path, bytes) in expected where actual[path] != bytes {
            XCTFail("\(path) differs from a cold build", file: file, line: line)
        }
    }

    func testEveryKindOfEditMatchesAColdBuild() throws {
        let first = incrementalBuild()
        XCTAssertTrue(first.succeeded, "\(first.diagnostics)")
        let allPages = first.pageCount
        let briefing = "Content/briefings/azerbaijan-seeks-trilateral-partnership-with-israel-and-u-s.md"

        // A word in one paragraph: that briefing and the entities it names, not the whole site.
        try edit("Content/briefings/second-look.md", replacing: "A later paragraph", with: "A last paragraph")
        var report = incrementalBuild()
        XCTAssertTrue(report.succeeded)
        XCTAssertEqual(report.pageCount, 4, "the briefing and the pages of Israel, Azerbaijan and Armenia")
        try assertSameAsColdBuild()
        try edit(briefing, replacing: "the previously blurred lines", with: "the once blurred lines")
        report = incrementalBuild()
        XCTAssertLessThan(report.pageCount, allPages)
        try assertSameAsColdBuild()

        // A new mention: mention counts change, so every page showing that entity's link does too.
        try edit("Content/briefings/second-look.md", replacing: "names [[armenia|Armenia]] only.",
                 with: "names [[armenia|Armenia]] and [[iran|Iran]].")
        report = incrementalBuild()
        XCTAssertLessThan(report.pageCount, allPages)
        try assertSameAsColdBuild()

        // A date removed: the timeline and event ids change.
        try edit("Content/briefings/second-look.md", replacing: "in [[2025-04|April 2025]]", with: "in April 2025")
        report = incrementalBuild()
        XCTAssertLessThan(report.pageCount, allPages)
        try assertSameAsColdBuild()

        // An entity's summary: its preview in every page that links it.
        try edit("Content/entities/israel.md", replacing: "on the eastern Mediterranean coast", with: "on the Mediterranean coast")
        report = incrementalBuild()
        XCTAssertLessThan(report.pageCount, allPages)
        try assertSameAsColdBuild()

        // Front matter: titles show on many pages, so the whole site is rendered again.
        try edit("Content/briefings/second-look.md", replacing: "title: A Second Look", with: "title: Another Look")
        report = incrementalBuild()
        XCTAssertEqual(report.pageCount, allPages)
        try assertSameAsColdBuild()

        // A new entity file, then a template change.
        try write("Content/entities/new-thing.md", "---\nname: New Thing\nkind: other\n---\nA thing named by [[second-look]] nowhere.\n")
        XCTAssertFalse(incrementalBuild().succeeded, "a broken reference fails the build")
        try write("Content/entities/new-thing.md", "---\nname: New Thing\nkind: other\n---\nA thing that [[israel|Israel]] made.\n")
        XCTAssertTrue(incrementalBuild().succeeded)
        try assertSameAsColdBuild()
        try edit("Templates/entity.mustache", replacing: "{{", with: "<!-- edited -->{{")
        XCTAssertTrue(incrementalBuild().succeeded)
        try assertSameAsColdBuild()

        // A deleted file, then a rebuild with nothing changed.
        try FileManager.default.removeItem(at: site.appendingPathComponent("Content/entities/new-thing.md"))
        XCTAssertTrue(incrementalBuild().succeeded)
        try assertSameAsColdBuild()
        XCTAssertEqual(incrementalBuild().pageCount, 0, "nothing changed, nothing rendered")
        try assertSameAsColdBuild()
    }

    func testAFailedBuildLeavesTheLastGoodSiteAndTheNextEditRecovers() throws {
        XCTAssertTrue(incrementalBuild().succeeded)
        let good = FixtureSite.tree(output)
        try edit("Content/briefings/second-look.md", replacing: "[[armenia|Armenia]]", with: "[[armenai|Armenia]]")
        let failed = incrementalBuild()
        XCTAssertFalse(failed.succeeded)
        XCTAssertEqual(FixtureSite.tree(output), good, "the output is untouched")
        try edit("Content/briefings/second-look.md", replacing: "[[armenai|Armenia]]", with: "[[armenia|Armenians]]")
        XCTAssertTrue(incrementalBuild().succeeded)
        try assertSameAsColdBuild()
    }
}
