@testable import BriefingKit
import XCTest

/// Which entity a name refers to, within the article and across the site.
final class MentionResolverTests: XCTestCase {
    func ids(_ text: String, site: [Entity] = []) -> [String: String] {
        let analysis = ArticleAnalysis(text: text, date: "2025-03-31", entities: site)
        var result: [String: String] = [:]
        for mention in analysis.entities { result[mention.text] = mention.id }
        return result
    }

    func person(_ slug: String, _ name: String, kind: EntityKind = .person, aliases: [String] = []) -> Entity {
        Entity(slug: slug, name: name, kind: kind, aliases: aliases, path: "Content/entities/\(slug).md")
    }

    func testASurnameIsTheFullNameUsedElsewhereInTheArticle() {
        let found = ids("Talks\nMarch 3, 2025\nMr Blair spoke first. Later, Prime Minister Tony Blair met Gordon Brown. Blair and Mr Brown disagreed.\n")
        XCTAssertEqual(found["Blair"], "tony-blair")
        XCTAssertEqual(found["Tony Blair"], "tony-blair")
        XCTAssertEqual(found["Brown"], "gordon-brown")
        XCTAssertNil(found["Mr Blair"], "the title is never part of the name")
    }

    func testTwoPeopleWithOneSurnameStayApart() {
        let found = ids("Talks\nMarch 3, 2025\nOn Monday, Ed Miliband and David Miliband spoke. Later Mr Miliband said nothing more.\n")
        XCTAssertEqual(found["Ed Miliband"], "ed-miliband")
        XCTAssertEqual(found["David Miliband"], "david-miliband")
        XCTAssertEqual(found["Miliband"], "david-miliband", "the one named last; never an entity of its own")
    }

    func testASiteEntityNamedBySurnameNeverSplitsAFullName() {
        let site = [person("trump", "Trump")]
        let found = ids("Talks\nMarch 3, 2025\nPresident Donald Trump met Donald Tusk in Warsaw. Trump said the talks went well.\n", site: site)
        XCTAssertEqual(found["Donald Trump"], "trump", "one name, the site's entity")
        XCTAssertEqual(found["Trump"], "trump")
        XCTAssertNil(found["Donald"])
        XCTAssertEqual(found["Donald Tusk"], "donald-tusk")
    }

    func testASurnameFindsTheSitesPersonWhenTheArticleNeverSpellsItOut() {
        let found = ids("Talks\nMarch 3, 2025\nMr Zelenskyy said in Kyiv that talks would resume.\n", site: [person("volodymyr-zelenskyy", "Volodymyr Zelenskyy")])
        XCTAssertEqual(found["Zelenskyy"], "volodymyr-zelenskyy")
    }

    func testAcronymsAndLongFormsJoinTheSitesEntity() {
        let site = [person("islamic-revolutionary-guard-corps", "Islamic Revolutionary Guard Corps", kind: .organization),
                    person("opcw", "OPCW", kind: .organization)]
        let found = ids("Talks\nMarch 3, 2025\nThe IRGC fired missiles, the Organisation for the Prohibition of Chemical Weapons said.\n", site: site)
        XCTAssertEqual(found["IRGC"], "islamic-revolutionary-guard-corps")
        XCTAssertEqual(found["Organisation for the Prohibition of Chemical Weapons"], "opcw")
        let longForms = ids("Talks\nMarch 3, 2025\nSouth Africa and the Electoral Commission spoke.\n",
                            site: [person("saudi-arabia", "Saudi Arabia", kind: .country), person("european-commission", "European Commission", kind: .organization)])
        XCTAssertEqual(longForms["South Africa"], "south-africa", "two long forms never match by initials")
        XCTAssertNotEqual(longForms["Electoral Commission"], "european-commission")
    }

    func testACapitalOpeningADatelineIsTheCity() {
        let found = ids("Rail Link Reopens\nJune 4, 2024\nTBILISI — Georgia and Armenia agreed on Tuesday to reopen a rail link. Yerevan welcomed it.\n")
        XCTAssertEqual(found["TBILISI"], "tbilisi")
        XCTAssertEqual(found["Yerevan"], "armenia", "a capital as an actor is its government")
        let wire = ids("Deal Signed\nMarch 31, 2025\nBAKU, March 31 (Reuters) - Azerbaijan signed a deal.\n")
        XCTAssertEqual(wire["BAKU"], "baku")
    }

    func testStubsTakeNoAliasFromCapitalsTitlesOrHeadings() {
        let text = "The Ashkenazi Doctrine\nMarch 3, 2025\nBaku signed the deal with Israel.\nWhy Ashkenazi Matters\nForeign Minister Gabi Ashkenazi spoke. Ashkenazi left.\n"
        let writer = BriefingWriter(analysis: ArticleAnalysis(text: text, date: "2025-03-03"))
        let stubs = Dictionary(writer.entityStubs().map { ($0.slug, $0.text) }, uniquingKeysWith: { first, _ in first })
        XCTAssertEqual(stubs["azerbaijan"], "---\nname: \"Azerbaijan\"\nkind: country\n---\n", "“Baku” signed, but is no alias")
        XCTAssertEqual(stubs["gabi-ashkenazi"], "---\nname: \"Gabi Ashkenazi\"\nkind: person\naliases: [\"Ashkenazi\"]\n---\n")
    }
}
