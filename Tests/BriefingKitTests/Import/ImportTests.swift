@testable import BriefingKit
import XCTest

/// A short article written for these tests (not the seed), so the rules are tested in general.
let sampleArticle = """
Ministers Meet in Vienna on Energy Security
Share
By Jane Doe
March 31, 2025
Foreign Minister Gabi Ashkenazi met Chancellor Karl Nehammer in Vienna on March 13 to discuss the Tamar Gas Field. The Organization for Security and Co-operation in Europe (OSCE) hosted the talks.
Background
Relations between Israel and Austria date from 1956. From 2002 to 2018 trade grew, and in early 2025 the two sides signed the Vienna Energy Accords. Section 907 was not discussed; $500 million and 1,500 soldiers were.
Ashkenazi said, “We have built a lasting partnership together.” Later that year he spoke again. “The work is not finished. We will continue it”, he added.
“We are a very reliable partner and we will remain one for many years.”
Jane Doe is a fellow at the Vienna Institute for International Studies.
"""

final class ArticleStructureTests: XCTestCase {
    func testFindsTitleBylineDateHeadingsQuotationsAndBio() {
        let structure = ArticleStructure(scalars: Array(sampleArticle.unicodeScalars))
        XCTAssertEqual(structure.title?.text, "Ministers Meet in Vienna on Energy Security")
        XCTAssertEqual(structure.author?.text, "Jane Doe")
        XCTAssertEqual(structure.date?.value, "2025-03-31")
        XCTAssertEqual(structure.blocks.map(\.kind), [.paragraph, .heading, .paragraph, .paragraph, .quotation, .bio])
        XCTAssertEqual(structure.blocks[1].text, "Background")
        for block in structure.blocks {
            let scalars = Array(sampleArticle.unicodeScalars)[block.start..<block.end]
            XCTAssertEqual(String(String.UnicodeScalarView(scalars)), block.text)
        }
    }

    func testRecognizesCommonDateLinesAndBylines() {
        for line in ["03/31/2025", "March 31, 2025", "31 March 2025", "2025-03-31", "Published: March 31, 2025"] {
            let structure = ArticleStructure(scalars: Array("Title\n\(line)\nText of the article.".unicodeScalars))
            XCTAssertEqual(structure.date?.value, "2025-03-31", line)
        }
        for line in ["Author: Jane Doe", "By Jane Doe", "Written by Jane Doe"] {
            let structure = ArticleStructure(scalars: Array("Title\n\(line)\nText of the article.".unicodeScalars))
            XCTAssertEqual(structure.author?.text, "Jane Doe", line)
        }
    }
}

final class RecognizerTests: XCTestCase {
    lazy var analysis = ArticleAnalysis(text: sampleArticle)

    func entity(_ text: String) -> EntityMention? { analysis.entities.first { $0.text == text } }

    func testEntitiesByRuleAndGazetteer() throws {
        XCTAssertEqual(entity("Gabi Ashkenazi")?.kind, "person", "title + name; the title is not part of the span")
        XCTAssertEqual(entity("Karl Nehammer")?.kind, "person")
        XCTAssertEqual(entity("Vienna")?.kind, "place", "a capital after \"in\" is the city")
        XCTAssertEqual(ArticleAnalysis(text: "T\n\nVienna protested on Monday.").entities.first?.id, "austria", "else it names its government")
        XCTAssertEqual(entity("Israel")?.kind, "country")
        XCTAssertEqual(entity("Tamar Gas Field")?.kind, "place")
        XCTAssertEqual(entity("Vienna Energy Accords")?.kind, "agreement", "head word decides the kind")
        XCTAssertEqual(entity("Section 907")?.kind, "other")
        XCTAssertEqual(entity("OSCE")?.kind, "organization")
        XCTAssertEqual(entity("Vienna Institute for International Studies")?.kind, "organization", "connectors inside a name")
        let surname = try XCTUnwrap(analysis.entities.first { $0.text == "Ashkenazi" })
        XCTAssertEqual(surname.id, entity("Gabi Ashkenazi")?.id, "a later surname is the same person")
        XCTAssertEqual(entity("Jane Doe")?.kind, "person", "the byline names the author")
        XCTAssertNil(entity("Foreign Minister Gabi Ashkenazi"))
        XCTAssertNil(entity("Background"), "headings only link known names")
        XCTAssertNil(entity("Later"))
        for mention in analysis.entities + [] {
            let scalars = Array(sampleArticle.unicodeScalars)[mention.start..<mention.end]
            XCTAssertEqual(String(String.UnicodeScalarView(scalars)), mention.text)
        }
    }

    func testDatesResolveAgainstThePublicationDate() {
        let dates = Dictionary(analysis.dates.map { ($0.text, $0.value) }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(dates["March 31, 2025"], "2025-03-31")
        XCTAssertEqual(dates["March 13"], "2025-03-13")
        XCTAssertEqual(dates["1956"], "1956")
        XCTAssertEqual(dates["2002 to 2018"], "2002/2018")
        XCTAssertEqual(dates["early 2025"], "2025-01~/2025-04~")
        XCTAssertEqual(dates["that year"], "2025")
        XCTAssertNil(dates["907"])
        XCTAssertFalse(analysis.dates.contains { $0.text.contains("500") || $0.text.contains("1,500") })
        for date in analysis.dates { if let value = date.value { XCTAssertNotNil(EDTFDate(value), value) } }
    }

    func testRelativeDatesAndNumbersThatAreNotYears() {
        let text = "Title\n\nThis month prices rose; last year they fell. In the 1990s and in 2000–2004 too. It cost $2000 and 2025 km. Section 1999 applies. 60–69% agreed."
        let values = ArticleAnalysis(text: text, date: "2025-03-31").dates.map(\.value)
        XCTAssertEqual(values, ["2025-03", "2024", "199X", "2000/2004"])
    }

    func testQuotesAreAttributedToTheirSpeaker() {
        let quotes = analysis.quotes.map { ($0.text, $0.speaker) }
        let ashkenazi = entity("Gabi Ashkenazi")?.id
        XCTAssertEqual(quotes.map(\.0), ["We have built a lasting partnership together.", "The work is not finished. We will continue it"])
        XCTAssertEqual(quotes.map(\.1), [ashkenazi, ashkenazi])
        XCTAssertEqual(analysis.quotationSpeakers[4]?.id, ashkenazi, "a paragraph-long quotation belongs to the last person named")
    }

    func testOrganizationsQuotedWithAPossessive() {
        let text = "T\n\nIn March 2025, Israel’s Prime Minister’s Office (PMO) underscored this alliance, stating, “Azerbaijan is an important ally of Israel.” It went on."
        let analysis = ArticleAnalysis(text: text, date: "2025-03-31")
        XCTAssertEqual(analysis.entities.map(\.text), ["Israel", "Prime Minister’s Office", "PMO", "Azerbaijan", "Israel"])
        XCTAssertEqual(analysis.quotes.map(\.speaker), ["prime-ministers-office"])
    }
}

final class ImporterTests: XCTestCase {
    func makeSite() throws -> URL {
        let site = try FixtureSite.temporaryFolder()
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content/entities"), withIntermediateDirectories: true)
        try Data("title: Test\n".utf8).write(to: site.appendingPathComponent("Content/site.yml"))
        try Data("---\nname: Gabi Ashkenazi\nkind: person\nrole: Edited by hand\n---\nHand-written summary.\n".utf8)
            .write(to: site.appendingPathComponent("Content/entities/ashkenazi.md"))
        return site
    }

    func testImportWritesALinkedBriefingThatBuilds() throws {
        let site = try makeSite()
        let report = Importer(text: sampleArticle, sourceName: "a.txt", siteDirectory: site).run()
        XCTAssertTrue(report.succeeded, "\(report.diagnostics)")
        let briefing = try String(contentsOf: site.appendingPathComponent("Content/briefings/ministers-meet-in-vienna-on-energy-security.md"), encoding: .utf8)
        XCTAssertTrue(briefing.hasPrefix("---\ntitle: \"Ministers Meet in Vienna on Energy Security\"\nauthor: \"Jane Doe\"\ndate: 2025-03-31\n"))
        XCTAssertTrue(briefing.contains("Foreign Minister [[ashkenazi|Gabi Ashkenazi]] met"), "the site's entity takes precedence")
        XCTAssertTrue(briefing.contains("[[2025-03-13|March 13]]"))
        XCTAssertTrue(briefing.contains("## Background"))
        XCTAssertTrue(briefing.contains("> “We are a very reliable partner"))
        XCTAssertTrue(briefing.contains("> — [[ashkenazi|"), "block quotation attributed")
        XCTAssertTrue(briefing.contains("[^quote-1]: [!SOURCE] Quoted: [[ashkenazi|"))
        XCTAssertTrue(briefing.contains("\\$500") == false && briefing.contains("$500 million"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("Content/entities/austria.md").path))
        XCTAssertEqual(try String(contentsOf: site.appendingPathComponent("Content/entities/ashkenazi.md"), encoding: .utf8),
                       "---\nname: Gabi Ashkenazi\nkind: person\nrole: Edited by hand\n---\nHand-written summary.\n")

        let build = SiteBuilder(options: .init(siteDirectory: site)).build()
        XCTAssertEqual(build.diagnostics.filter { $0.severity == .error }, [], "an imported site builds")
        let page = try String(contentsOf: site.appendingPathComponent("Output/entities/ashkenazi/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("We have built a lasting partnership together."), "the quote is on the speaker's page")
    }

    func testReimportWritesNothingAndUpdateKeepsEdits() throws {
        let site = try makeSite()
        XCTAssertTrue(Importer(text: sampleArticle, sourceName: "a.txt", siteDirectory: site).run().succeeded)
        let path = site.appendingPathComponent("Content/briefings/ministers-meet-in-vienna-on-energy-security.md")
        // An editor rewrites a sentence and adds an annotation.
        var edited = try String(contentsOf: path, encoding: .utf8)
        edited = edited.replacingOccurrences(of: "hosted the talks.", with: "hosted the talks in its Hofburg offices.[^hofburg]")
        edited += "\n[^hofburg]: [!CONTEXT] Added by an editor.\n"
        try Data(edited.utf8).write(to: path)
        let before = FixtureSite.tree(site.appendingPathComponent("Content"))

        let again = Importer(text: sampleArticle, sourceName: "a.txt", siteDirectory: site).run()
        XCTAssertFalse(again.succeeded)
        XCTAssertTrue(again.diagnostics.first?.message.contains("already exists, so nothing was written") == true)
        XCTAssertEqual(FixtureSite.tree(site.appendingPathComponent("Content")), before)

        let unchanged = Importer(text: sampleArticle, sourceName: "a.txt", siteDirectory: site, update: true).run()
        XCTAssertTrue(unchanged.succeeded)
        XCTAssertEqual(unchanged.written, [])
        XCTAssertEqual(FixtureSite.tree(site.appendingPathComponent("Content")), before)

        let longer = sampleArticle.replacingOccurrences(of: "“We are a very reliable", with: "Talks with Hungary followed in Budapest in 2024.\n“We are a very reliable")
        let update = Importer(text: longer, sourceName: "a.txt", siteDirectory: site, update: true).run()
        XCTAssertTrue(update.succeeded)
        let merged = try String(contentsOf: path, encoding: .utf8)
        XCTAssertTrue(merged.contains("Talks with [[hungary|Hungary]] followed in [[budapest|Budapest]] in [[2024|2024]]."), merged)
        XCTAssertTrue(merged.contains("hosted the talks in its Hofburg offices.[^hofburg]"), "edits kept")
        XCTAssertTrue(merged.contains("[^hofburg]: [!CONTEXT] Added by an editor."))
        XCTAssertEqual(withoutRecord(merged.replacingOccurrences(of: "\nTalks with [[hungary|Hungary]] followed in [[budapest|Budapest]] in [[2024|2024]].\n", with: "")),
                       withoutRecord(edited), "nothing else changed but the import record")
        XCTAssertTrue(update.changes.contains { $0.contains("created Content/entities/hungary.md") })
    }

    /// A briefing without the import record's comment lines in its front matter.
    func withoutRecord(_ text: String) -> String {
        text.components(separatedBy: "\n").filter { $0 != ImportRecord.explanation && !$0.hasPrefix(ImportRecord.prefix) }
            .joined(separator: "\n")
    }

    func testEmptyInputIsAnError() throws {
        let site = try makeSite()
        let report = Importer(text: "  \n", sourceName: "empty.txt", siteDirectory: site).run()
        XCTAssertTrue(report.written.isEmpty)
        XCTAssertEqual(report.diagnostics.map(\.description), ["empty.txt:1:1: error: the article is empty; paste its text into the file"])
    }
}

final class ExampleContentTests: XCTestCase {
    /// A copy of `shared/seed/000_61f6ed9a578ca843.txt`, kept beside its gold annotations.
    static let seed = FixtureSite.url("eval/seed.txt")

    /// The example site is the importer's output improved by hand: importing the seed again with
    /// --update finds nothing new and changes no file.
    func testExampleContentIsTheImportOfTheSeedWithEditsKept() throws {
        let text = try String(contentsOf: Self.seed, encoding: .utf8)
        let site = try FixtureSite.temporaryFolder()
        try FileManager.default.copyItem(at: FixtureSite.repository.appendingPathComponent("Content"), to: site.appendingPathComponent("Content"))
        let before = FixtureSite.tree(site)
        let report = Importer(text: text, sourceName: "seed.txt", siteDirectory: site, update: true).run()
        XCTAssertTrue(report.succeeded, "\(report.diagnostics)")
        XCTAssertEqual(report.written, [])
        XCTAssertEqual(FixtureSite.tree(site), before)
    }

    func testExtractJSONSpansEqualTheInput() throws {
        let text = try String(contentsOf: Self.seed, encoding: .utf8)
        let json = ArticleAnalysis(text: text, date: "2025-03-31").json()
        let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: [[String: Any]]])
        let scalars = Array(text.unicodeScalars)
        XCTAssertGreaterThan(object["entities"]?.count ?? 0, 300)
        XCTAssertGreaterThan(object["dates"]?.count ?? 0, 30)
        for span in (object["entities"] ?? []) + (object["dates"] ?? []) {
            let start = try XCTUnwrap(span["start"] as? Int)
            let end = try XCTUnwrap(span["end"] as? Int)
            XCTAssertEqual(String(String.UnicodeScalarView(scalars[start..<end])), span["text"] as? String)
        }
        for entity in object["entities"] ?? [] {
            XCTAssertNotNil(EntityKind(rawValue: entity["kind"] as? String ?? ""))
        }
        for date in object["dates"] ?? [] {
            // A value is EDTF, or null for what the calendar cannot place (durations, sets, "now").
            if let value = date["value"] as? String {
                XCTAssertNotNil(EDTFDate(value), value)
            } else {
                XCTAssertTrue(date["value"] is NSNull)
                let placeless = ["DURATION", "SET"].contains(date["type"] as? String ?? "") || (date["timex"] as? String ?? "").hasSuffix("_REF")
                XCTAssertTrue(placeless, "\(date)")
            }
        }
    }
}
