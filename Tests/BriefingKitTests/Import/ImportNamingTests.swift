@testable import BriefingKit
import XCTest

/// Titles, bylines and dates in any script (issue 18, finding 14): a briefing's file name is
/// never empty, hidden, cut mid-word or another article's; a byline is a byline in any script;
/// a date that is no day of the calendar is never silently replaced by today.
final class ImportNamingTests: XCTestCase {
    func emptySite() throws -> URL {
        let site = try FixtureSite.temporaryFolder()
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try Data("title: Test\n".utf8).write(to: site.appendingPathComponent("Content/site.yml"))
        return site
    }

    func article(_ title: String, byline: String = "By Jane Doe", date: String = "March 31, 2025",
                 body: String = "Israel and Azerbaijan signed an accord in Baku on March 1.") -> String {
        "\(title)\n\(byline)\n\(date)\n\(body)\n"
    }

    func briefings(_ site: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: site.appendingPathComponent("Content/briefings").path)) ?? []).sorted()
    }

    func testSlugsTransliterateEveryScript() {
        XCTAssertEqual(Slug.make(from: "Москва и Пекин"), "moskva-i-pekin")
        XCTAssertEqual(Slug.make(from: "李明"), "li-ming")
        XCTAssertEqual(Slug.make(from: "محمد علي"), "mhmd-ly")
        XCTAssertEqual(Slug.make(from: "Ελληνικά"), "ellenika")
        XCTAssertEqual(Slug.make(from: "Türkiye"), "turkiye", "Latin text folds as before")
        XCTAssertEqual(Slug.make(from: "Ilham Aliyev"), "ilham-aliyev")
    }

    func testNonLatinTitlesGetDistinctVisibleFilesThatBuild() throws {
        let site = try emptySite()
        let titles = ["Москва и Пекин подписали соглашение", "اتفاق جديد بين الرياض وطهران", "北京与莫斯科签署协议", "Αθήνα και Λευκωσία"]
        for (index, title) in titles.enumerated() {
            let report = Importer(text: article(title, body: "Paragraph \(index) of the article."), sourceName: "a\(index).txt", siteDirectory: site).run()
            XCTAssertTrue(report.succeeded, "\(report.diagnostics)")
        }
        let files = briefings(site)
        XCTAssertEqual(files, ["atfaq-jdyd-byn-alryad-wthran.md", "athena-kai-leukosia.md", "bei-jing-yu-mo-si-ke-qian-shu-xie-yi.md",
                               "moskva-i-pekin-podpisali-soglasenie.md"])
        let build = SiteBuilder(options: .init(siteDirectory: site)).build()
        XCTAssertEqual(build.diagnostics.filter { $0.severity == .error }, [])
        for file in files {
            let page = site.appendingPathComponent("Output/briefings/\(file.dropLast(3))/index.html")
            XCTAssertTrue(FileManager.default.fileExists(atPath: page.path), "\(file) is built")
        }
    }

    func testATitleWithoutLettersGetsADatedName() throws {
        let site = try emptySite()
        XCTAssertTrue(Importer(text: article("★ ★ ★"), sourceName: "a.txt", siteDirectory: site).run().succeeded)
        XCTAssertEqual(briefings(site), ["briefing-2025-03-31.md"])
    }

    func testLongTitlesAreCutAtAWord() throws {
        let title = "The Long and Winding Negotiations Between Azerbaijan and Armenia Over the Zangezur Transport Corridor Continue"
        let writer = BriefingWriter(analysis: ArticleAnalysis(text: article(title)))
        XCTAssertLessThanOrEqual(writer.slug.count, BriefingWriter.maximumSlugLength)
        XCTAssertEqual(writer.slug, "the-long-and-winding-negotiations-between-azerbaijan-and-armenia-over-the")
        XCTAssertEqual(BriefingWriter(analysis: ArticleAnalysis(text: article(String(repeating: "x", count: 100)))).slug.count, 80,
                       "one word longer than the limit is cut at the limit")
    }

    func testAnotherArticleWithTheSameNameGetsItsOwnFile() throws {
        let site = try emptySite()
        let first = article("Weekly Update", body: "The first week brought talks in Baku.")
        let second = article("Weekly Update", body: "The second week brought nothing at all.")
        XCTAssertTrue(Importer(text: first, sourceName: "1.txt", siteDirectory: site).run().succeeded)
        let before = try Data(contentsOf: site.appendingPathComponent("Content/briefings/weekly-update.md"))
        let report = Importer(text: second, sourceName: "2.txt", siteDirectory: site).run()
        XCTAssertTrue(report.succeeded, "\(report.diagnostics)")
        XCTAssertEqual(report.diagnostics.map(\.description),
                       ["2.txt:1:1: warning: Content/briefings/weekly-update.md holds another article, so this one goes to Content/briefings/weekly-update-2.md"])
        XCTAssertEqual(briefings(site), ["weekly-update-2.md", "weekly-update.md"])
        XCTAssertEqual(try Data(contentsOf: site.appendingPathComponent("Content/briefings/weekly-update.md")), before, "never overwritten")

        // Each is still the same article when imported again.
        for (text, file) in [(first, "weekly-update.md"), (second, "weekly-update-2.md")] {
            let again = Importer(text: text, sourceName: "again.txt", siteDirectory: site).run()
            XCTAssertFalse(again.succeeded)
            XCTAssertTrue(again.diagnostics.contains { $0.message.hasPrefix("Content/briefings/\(file) already exists") }, "\(again.diagnostics)")
        }
        XCTAssertEqual(briefings(site).count, 2)
    }

    func testBylinesInAnyScriptAndTheDateBelowThem() {
        for (byline, name) in [("By 李明", "李明"), ("Автор: Иван Петров", "Иван Петров"), ("بقلم محمد علي", "محمد علي"),
                               ("作者：王芳", "王芳"), ("By Jane Doe", "Jane Doe")] {
            let analysis = ArticleAnalysis(text: article("A Title", byline: byline))
            XCTAssertEqual(analysis.structure.author?.text, name, byline)
            XCTAssertEqual(analysis.structure.date?.value, "2025-03-31", "the date line under \(byline) is the date")
            XCTAssertEqual(analysis.structure.blocks.map(\.kind), [.paragraph], "no heading made of the byline or the date")
        }
        XCTAssertNil(ArticleAnalysis(text: article("A Title", byline: "by the way, this is text")).structure.author)
    }

    func testADayThatDoesNotExistIsNeverReplacedByToday() throws {
        let site = try emptySite()
        let text = article("Leap Year Talks", date: "February 29, 2025")
        let refused = Importer(text: text, sourceName: "a.txt", siteDirectory: site).run()
        XCTAssertFalse(refused.succeeded)
        XCTAssertEqual(refused.diagnostics.map(\.description),
                       ["a.txt:3:1: error: “February 29, 2025” is not a day of the calendar, and the article names no other date; pass --date YYYY-MM-DD with the day it was published"])
        XCTAssertEqual(briefings(site), [], "nothing written")

        let given = Importer(text: text, sourceName: "a.txt", siteDirectory: site, date: "2025-02-28").run()
        XCTAssertTrue(given.succeeded)
        XCTAssertEqual(given.diagnostics.map(\.severity), [.warning])
        let written = try String(contentsOf: site.appendingPathComponent("Content/briefings/leap-year-talks.md"), encoding: .utf8)
        XCTAssertTrue(written.contains("\ndate: 2025-02-28\n"))
        XCTAssertFalse(written.contains("February 29"), "the date line is not a heading")

        let later = ArticleAnalysis(text: "Leap Year Talks\nFebruary 29, 2025\nUpdated: March 2, 2025\nText.\n")
        XCTAssertEqual(later.publicationDate, "2025-03-02", "the next real date line")
        XCTAssertEqual(later.dateDiagnostics(source: "a.txt").map(\.description),
                       ["a.txt:2:1: warning: “February 29, 2025” is not a day of the calendar; the briefing is dated 2025-03-02, from “Updated: March 2, 2025”"])
    }

    func testAnArticleWithoutADateIsAnErrorThatAsksForTheDate() throws {
        let analysis = ArticleAnalysis(text: "A Title\nJust text, no date line.\n")
        let messages = analysis.dateDiagnostics(source: "a.txt").map(\.description)
        XCTAssertEqual(messages.count, 1)
        XCTAssertTrue(messages[0].hasPrefix("a.txt:1:1: error: no publication date found"), messages[0])
        XCTAssertTrue(messages[0].contains("pass --date YYYY-MM-DD"), messages[0])
        XCTAssertEqual(ArticleAnalysis(text: "A Title\nText.\n", date: "2025-01-01").dateDiagnostics(source: "a.txt"), [])
        let site = try emptySite()
        let refused = Importer(text: "A Title\nIsrael and Azerbaijan met in Baku.\n", sourceName: "a.txt", siteDirectory: site).run()
        XCTAssertFalse(refused.succeeded)
        XCTAssertEqual(briefings(site), [], "nothing is written")
        let dated = Importer(text: "A Title\nIsrael and Azerbaijan met in Baku.\n", sourceName: "a.txt", siteDirectory: site, date: "2025-01-02").run()
        XCTAssertTrue(dated.succeeded, "\(dated.diagnostics)")
    }
}
