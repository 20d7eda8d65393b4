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

    /// Builds with the cache, checks it matches a cold build, and returns how many pages it rendered.
    func rebuildMatchingColdBuild(file: StaticString = #filePath, line: UInt = #line) throws -> Int {
        let report = incrementalBuild()
        XCTAssertTrue(report.succeeded, "\(report.diagnostics)", file: file, line: line)
        try assertSameAsColdBuild(file: file, line: line)
        return report.pageCount
    }

    func testEveryKindOfEditMatchesAColdBuild() throws {
        let first = incrementalBuild()
        XCTAssertTrue(first.succeeded, "\(first.diagnostics)")
        let allPages = first.pageCount
        let briefing = "Content/briefings/azerbaijan-seeks-trilateral-partnership-with-israel-and-u-s.md"

        // A word in one paragraph: that briefing and the entities it names, not the whole site.
        try edit("Content/briefings/second-look.md", replacing: "A later paragraph", with: "A last paragraph")
        XCTAssertEqual(try rebuildMatchingColdBuild(), 5,
                       "the briefing, the pages of Israel, Azerbaijan and Armenia, and the full list of mentions of the one named in the edited sentence")
        try edit(briefing, replacing: "the previously blurred lines", with: "the once blurred lines")
        XCTAssertLessThan(try rebuildMatchingColdBuild(), allPages)

        // A new mention: mention counts change, so every page showing that entity's link does too.
        try edit("Content/briefings/second-look.md", replacing: "names [[armenia|Armenia]] only.",
                 with: "names [[armenia|Armenia]] and [[iran|Iran]].")
        XCTAssertLessThan(try rebuildMatchingColdBuild(), allPages)

        // A date removed: the timeline and event ids change.
        try edit("Content/briefings/second-look.md", replacing: "in [[2025-04|April 2025]]", with: "in April 2025")
        XCTAssertLessThan(try rebuildMatchingColdBuild(), allPages)

        // An entity's summary: its preview in every page that links it.
        try edit("Content/entities/israel.md", replacing: "on the eastern Mediterranean coast", with: "on the Mediterranean coast")
        XCTAssertLessThan(try rebuildMatchingColdBuild(), allPages)

        // Front matter: titles show on many pages, so the whole site is rendered again.
        try edit("Content/briefings/second-look.md", replacing: "title: A Second Look", with: "title: Another Look")
        XCTAssertEqual(try rebuildMatchingColdBuild(), allPages)

        // A new entity file, then a template change.
        try write("Content/entities/new-thing.md", "---\nname: New Thing\nkind: other\n---\nA thing named by [[second-look]] nowhere.\n")
        XCTAssertFalse(incrementalBuild().succeeded, "a broken reference fails the build")
        try write("Content/entities/new-thing.md", "---\nname: New Thing\nkind: other\n---\nA thing that [[israel|Israel]] made.\n")
        XCTAssertEqual(try rebuildMatchingColdBuild(), allPages + 1)
        try edit("Templates/entity.mustache", replacing: "{{", with: "<!-- edited -->{{")
        XCTAssertEqual(try rebuildMatchingColdBuild(), allPages + 1)

        // A deleted file, then a rebuild with nothing changed.
        try FileManager.default.removeItem(at: site.appendingPathComponent("Content/entities/new-thing.md"))
        XCTAssertEqual(try rebuildMatchingColdBuild(), allPages)
        XCTAssertEqual(try rebuildMatchingColdBuild(), 0, "nothing changed, nothing rendered")
    }

    func testGraphsOfSharedBriefingsFollowAnEdit() throws {
        // Entities that never share a sentence are joined by shared briefings: moving Gamma's one
        // mention into another briefing changes no mention count and no preview, but the graph of
        // Delta, whose page names neither (depth 2 through Alpha).
        for name in ["Alpha", "Beta", "Gamma", "Delta"] {
            try write("Content/entities/solo-\(name.lowercased()).md", "---\nname: \(name)\nkind: organization\n---\n")
        }
        try write("Content/briefings/solo-one.md", "---\ntitle: Solo One\ndate: 2025-05-01\n---\n[[solo-alpha]] spoke first.\n\n[[solo-beta]] answered.\n")
        try write("Content/briefings/solo-two.md", "---\ntitle: Solo Two\ndate: 2025-05-02\n---\n[[solo-delta]] wrote.\n\n[[solo-alpha]] replied.\n")
        try write("Content/briefings/solo-three.md", "---\ntitle: Solo Three\ndate: 2025-05-03\n---\n[[solo-gamma]] waited.\n")
        XCTAssertTrue(incrementalBuild().succeeded)
        let delta = output.appendingPathComponent("entities/solo-delta/index.html")
        XCTAssertTrue(try String(contentsOf: delta, encoding: .utf8).contains("data-slug=\"solo-beta\""))
        XCTAssertFalse(try String(contentsOf: delta, encoding: .utf8).contains("data-slug=\"solo-gamma\""))
        try edit("Content/briefings/solo-three.md", replacing: "[[solo-gamma]] waited.", with: "Nobody waited.")
        try edit("Content/briefings/solo-one.md", replacing: "answered.", with: "answered.\n\n[[solo-gamma]] listened.")
        XCTAssertLessThan(try rebuildMatchingColdBuild(), 40)
        XCTAssertTrue(try String(contentsOf: delta, encoding: .utf8).contains("data-slug=\"solo-gamma\""))
    }

    func testLinksBetweenDocumentsFollowNewFilesTitlesAndEdits() throws {
        try write("Content/briefings/second-look.md", """
            ---
            title: A Second Look
            date: 2025-04-02
            ---
            [[israel|Israel]] and [[Israel]] met; see [[page:colophon]].

            """)
        let failed = incrementalBuild()
        XCTAssertTrue(failed.diagnostics.contains { $0.message.contains("no page has the slug 'colophon'") }, "\(failed.diagnostics)")
        // The page appears: the reference that failed resolves without an edit to its own file.
        try write("Content/pages/colophon.md", "---\ntitle: Colophon\n---\nMade by hand.\n")
        _ = try rebuildMatchingColdBuild()
        let page = { try String(contentsOf: self.output.appendingPathComponent("briefings/second-look/index.html"), encoding: .utf8) }
        XCTAssertTrue(try page().contains(#"href="../../pages/colophon/index.html">Colophon</a>"#))
        try edit("Content/pages/colophon.md", replacing: "title: Colophon", with: "title: Colophon & credits")
        _ = try rebuildMatchingColdBuild()
        XCTAssertTrue(try page().contains(">Colophon &amp; credits</a>"), "the link shows the new title")
        // A body edit that changes which mention is the first of its section.
        try edit("Content/briefings/second-look.md", replacing: "[[israel|Israel]] and [[Israel]]", with: "Israel and [[Israel]]")
        _ = try rebuildMatchingColdBuild()
        let edited = try page()
        XCTAssertTrue(edited.contains(#"Israel and <a class="xref xref-entity"#), edited)
    }

    func testAFailedBuildLeavesTheLastGoodSiteAndTheNextEditRecovers() throws {
        XCTAssertTrue(incrementalBuild().succeeded)
        let good = FixtureSite.tree(output)
        try edit("Content/briefings/second-look.md", replacing: "[[armenia|Armenia]]", with: "[[armenai|Armenia]]")
        let failed = incrementalBuild()
        XCTAssertFalse(failed.succeeded)
        XCTAssertEqual(FixtureSite.tree(output), good, "the output is untouched")
        try edit("Content/briefings/second-look.md", replacing: "[[armenai|Armenia]]", with: "[[armenia|Armenians]]")
        XCTAssertGreaterThan(try rebuildMatchingColdBuild(), 0)
    }
}
