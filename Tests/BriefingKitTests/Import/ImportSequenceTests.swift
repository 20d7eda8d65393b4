@testable import BriefingKit
import XCTest

/// Imports many different articles one after another, into an empty site and into the one
/// `briefing init` makes: every import must leave a site that builds.
final class ImportSequenceTests: XCTestCase {
    /// Articles in many styles (analysis, wire copy, think-tank prose, a web page with its chrome,
    /// other scripts) that share countries, capitals and people, so later imports meet earlier stubs.
    static let articles: [String] = {
        let fixtures = FixtureSite.url("import")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        // import-web/ holds pages whose chrome (share bars, stage directions) the importer drops, so not
        // every line round-trips.
        return ["eval/seed.txt"] + (1...4).map { "eval/heldout/article-\($0).txt" } + names.sorted().map { "import/\($0)" }
            + ["import-web/speech-transcript.txt", "import-web/webpage-chrome.txt"]
    }()

    func importInSequence(_ articles: [String], into site: URL) throws {
        for name in articles {
            let text = try String(contentsOf: FixtureSite.url(name), encoding: .utf8)
            let report = Importer(text: text, sourceName: name, siteDirectory: site, date: "2025-03-31").run()
            XCTAssertTrue(report.succeeded, "\(name): \(report.diagnostics)")
            let build = SiteBuilder(options: .init(siteDirectory: site, includeFuture: true)).build()
            XCTAssertEqual(build.diagnostics.filter { $0.severity == .error }, [], "the site builds after importing \(name)")
        }
    }

    func testEveryImportIntoAnEmptySiteBuilds() throws {
        let site = try FixtureSite.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try Data("title: Empty\n".utf8).write(to: site.appendingPathComponent("Content/site.yml"))
        XCTAssertGreaterThan(Self.articles.count, 10)
        try importInSequence(Self.articles, into: site)
    }

    func testEveryImportIntoAnInitialisedSiteBuilds() throws {
        let site = try FixtureSite.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: site) }
        XCTAssertEqual(SiteScaffold(directory: site).create(force: false).diagnostics, [])
        // Every other article, last first: the same names met in another order.
        try importInSequence(Self.articles.reversed().enumerated().filter { $0.offset.isMultiple(of: 2) }.map(\.element), into: site)
    }

    func testTheCheckFindsWhatWouldBreakTheBuildAndOnlyThat() throws {
        // An editor's own mistake is not the import's: an unknown reference already there.
        let site = try FixtureSite.site(["Content/site.yml": "title: T\n",
                                         "Content/entities/azerbaijan.md": "---\nname: Azerbaijan\nkind: country\naliases: [Baku]\n---\n",
                                         "Content/pages/about.md": "---\ntitle: About\n---\nSee [[nowhere]].\n"])
        defer { try? FileManager.default.removeItem(at: site) }
        let check = ImportCheck(siteDirectory: site)
        XCTAssertEqual(check.newErrors(with: [("Content/entities/x.md", "---\nname: X\nkind: place\n---\n")]), [])
        let stub = check.newErrors(with: [("Content/entities/baku.md", "---\nname: Baku\nkind: place\n---\n")])
        XCTAssertFalse(stub.isEmpty)
        XCTAssertTrue(stub.allSatisfy { $0.message.contains("also names 'azerbaijan'") }, "\(stub)")
        let briefing = check.newErrors(with: [("Content/briefings/b.md", "---\ntitle: B\ndate: 2030-01-01\ndraft: true\n---\nIn [[baku-city]].\n")])
        XCTAssertEqual(briefing.count, 1, "a future draft is checked too: \(briefing)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("Content/entities/baku.md").path) == false,
                      "checking writes nothing")
    }
}
