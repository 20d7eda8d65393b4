@testable import BriefingKit
import XCTest

/// A site big enough to fill several pages of every list, built with a small page budget.
final class ArchivePagesTests: XCTestCase {
    var site: URL!
    var output: URL!

    override func setUpWithError() throws {
        var files = [
            "Content/site.yml": "title: Archive Test\n",
            "Content/entities/baku.md": "---\nname: Baku\nkind: place\n---\nA city.\n",
            "Content/entities/ada-lovelace.md": "---\nname: Ada Lovelace\nkind: person\n---\nA writer.\n",
        ]
        for kind in ["alpha", "beta", "gamma"] {
            files["Content/entities/\(kind).md"] = "---\nname: \(kind.capitalized)\nkind: organization\n---\nAn organization.\n"
        }
        for n in 0..<12 {
            let year = 2020 + n % 3
            let author = n % 2 == 0 ? "Ada Lovelace" : "Bo Writer"
            let other = ["alpha", "beta", "gamma"][n % 3]
            files["Content/briefings/b\(n).md"] = """
            ---
            title: Briefing \(n)
            author: \(author)
            date: \(year)-0\(n % 9 + 1)-1\(n % 9)
            tags: [\(n % 2 == 0 ? "Energy" : "Trade"), Region]
            ---
            [[baku|Baku]] met [[\(other)]] in [[\(year)-05|May \(year)]]. [[baku|Baku]] and [[baku|Baku]] agreed in [[\(year)|\(year)]].

            Later [[baku|Baku]] said more in [[\(year)-06|June \(year)]].
            """
        }
        site = try FixtureSite.site(files)
        output = site.appendingPathComponent("Output")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: site)
    }

    func build() -> SiteBuilder.Report {
        var options = SiteBuilder.Options(siteDirectory: site, outputDirectory: output)
        options.today = "2026-01-01"
        options.budget.briefingsPerPage = 5
        options.budget.archivePerPage = 4
        options.budget.eventsPerPage = 3
        options.budget.mentionsOnEntityPage = 4
        options.budget.entityBriefings = 2
        options.budget.sentencesPerBriefing = 1
        options.budget.mentionsPerPage = 5
        options.budget.entitiesPerKindOnIndex = 2
        options.budget.entitiesPerPage = 2
        options.budget.relatedBriefings = 3
        return SiteBuilder(options: options).build()
    }

    func page(_ path: String) throws -> String {
        try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8)
    }

    func testEveryListIsPaginatedAndEveryLinkResolves() throws {
        let report = build()
        XCTAssertTrue(report.succeeded, "\(report.diagnostics)")
        let files = FixtureSite.tree(output)
        for expected in ["page/2/index.html", "page/3/index.html", "archive/page/3/index.html", "tags/index.html",
                         "tags/energy/index.html", "tags/region/page/3/index.html", "authors/index.html",
                         "authors/ada-lovelace/index.html", "authors/bo-writer/page/2/index.html",
                         "timeline/index.html", "timeline/2020/index.html", "timeline/2020/page/4/index.html",
                         "entities/baku/mentions/index.html", "entities/baku/mentions/page/2/index.html",
                         "entities/kinds/organization/page/2/index.html"] {
            XCTAssertNotNil(files[expected], "missing \(expected)")
        }
        XCTAssertNil(files["page/4/index.html"])
        XCTAssertNil(files["entities/alpha/mentions/index.html"], "an entity named a few times has every sentence on its page")
        let outputs = files.map { OutputFile(path: $0.key, contents: Array($0.value)) }
        XCTAssertEqual(LinkChecker(files: outputs).brokenLinks(), [])

        // The home page's later pages continue the list, newest first, each briefing once.
        var listed: [String] = []
        for path in ["index.html", "page/2/index.html", "page/3/index.html"] {
            let html = try page(path)
            listed += html.components(separatedBy: "class=\"briefing-item-title\"><a href=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        }
        XCTAssertEqual(listed.count, 12)
        XCTAssertEqual(Set(listed).count, 12)

        // Dates link to the page of the timeline that has their event.
        let briefing = try page("briefings/b0/index.html")
        let dateLinks = briefing.components(separatedBy: "class=\"xref xref-date\" href=\"../../").dropFirst().map { String($0.prefix { $0 != "\"" }) }
        XCTAssertFalse(dateLinks.isEmpty)
        for link in dateLinks {
            let parts = link.split(separator: "#").map(String.init)
            XCTAssertTrue(try page(parts[0]).contains("id=\"\(parts[1])\""), link)
        }
    }

    func testEntityPagesSummariseAndTheFullListHasEverySentenceOnce() throws {
        XCTAssertTrue(build().succeeded)
        let baku = try page("entities/baku/index.html")
        XCTAssertTrue(baku.contains("First mentioned"))
        XCTAssertTrue(baku.contains("Last mentioned"))
        XCTAssertTrue(baku.contains("mentions/index.html"))
        XCTAssertEqual(baku.components(separatedBy: "class=\"mention-group\"").count - 1, 2, "the newest two briefings")
        var sentences: [String] = []
        var number = 1
        while let html = try? page(number == 1 ? "entities/baku/mentions/index.html" : "entities/baku/mentions/page/\(number)/index.html") {
            for item in html.components(separatedBy: "<li class=\"mention\">").dropFirst() {
                sentences.append(String(item.prefix { $0 != "→" }))
            }
            number += 1
        }
        // Three sentences a briefing: "Baku met …", "Baku and Baku agreed …" (named twice, shown
        // once, both marked) and "Later Baku said more …".
        XCTAssertEqual(number - 1, 8, "36 sentences, 5 a page")
        XCTAssertEqual(sentences.count, 12 * 3)
        XCTAssertEqual(Set(sentences).count, sentences.count)
        XCTAssertEqual(sentences.filter { $0.contains("<mark>Baku</mark> and <mark>Baku</mark>") }.count, 12)
    }

    func testAuthorsTagsAndRelatedBriefings() throws {
        XCTAssertTrue(build().succeeded)
        let briefing = try page("briefings/b0/index.html")
        XCTAssertTrue(briefing.contains("href=\"../../authors/ada-lovelace/index.html\""))
        XCTAssertTrue(briefing.contains("href=\"../../tags/energy/index.html\" rel=\"tag\""))
        XCTAssertTrue(try page("authors/ada-lovelace/index.html").contains("href=\"../../entities/ada-lovelace/index.html\""),
                      "an author who is an entity links to it")
        XCTAssertFalse(try page("authors/bo-writer/index.html").contains("class=\"list-entity\""), "one who is not, does not")
        // b0 names alpha like b3, b6 and b9; Baku is in every briefing and says less.
        let related = briefing.components(separatedBy: "class=\"related-briefing-list\"")[1]
        let slugs = related.components(separatedBy: "href=\"../../briefings/").dropFirst().map { String($0.prefix { $0 != "/" }) }
        XCTAssertEqual(slugs, ["b6", "b3", "b9"], "most shared first, then newest (b9 is as old as b0)")
    }

    func testTwoBuildsAreIdentical() throws {
        XCTAssertTrue(build().succeeded)
        let first = FixtureSite.tree(output)
        XCTAssertTrue(build().succeeded)
        XCTAssertEqual(FixtureSite.tree(output), first)
    }
}

final class BriefingIndexTests: XCTestCase {
    func briefing(_ slug: String, date: String, tags: [String], author: String? = nil) -> SourceDocument<BriefingFrontMatter> {
        SourceDocument(path: "Content/briefings/\(slug).md", slug: slug,
                       fields: BriefingFrontMatter(title: slug, author: author, date: date, tags: tags), body: "", bodyLine: 5,
                       fieldLocations: [:])
    }

    func testLongTagsGetShortDistinctSlugsAndSpellingsShareOne() {
        let long = String(repeating: "word ", count: 40)
        let index = BriefingIndex(
            briefings: [briefing("a", date: "2025-01-02", tags: [long + "one", "Energy"]),
                        briefing("b", date: "2025-01-01", tags: [long + "two", "energy", "!!!"])],
            graph: KnowledgeLinker(entities: [], documents: []).link().0, relatedCount: 3)
        let slugs = index.tags.map(\.slug)
        XCTAssertTrue(slugs.allSatisfy { $0.utf8.count <= BriefingIndex.slugLimit + 3 }, "\(slugs)")
        XCTAssertEqual(Set(slugs).count, 3, "two long tags apart, the two spellings of energy together; '!!!' has no page")
        XCTAssertEqual(index.tagSlug["Energy"], "energy")
        XCTAssertEqual(index.tagSlug["energy"], "energy")
        XCTAssertEqual(index.tags.first { $0.slug == "energy" }?.label, "Energy", "the newest briefing's spelling")
        XCTAssertEqual(index.tags.first { $0.slug == "energy" }?.briefings, ["a", "b"])
        XCTAssertNil(index.tagSlug["!!!"])
    }
}
