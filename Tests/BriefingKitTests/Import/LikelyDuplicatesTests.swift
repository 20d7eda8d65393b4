@testable import BriefingKit
import XCTest

/// New entities that the site may already have under another spelling are suggested, never merged.
final class LikelyDuplicatesTests: XCTestCase {
    func testSpellingVariantsAndShortenedNames() {
        XCTAssertTrue(LikelyDuplicates.isLikelySame("Volodymyr Zelenskiy", "Volodymyr Zelenskyy"))
        XCTAssertTrue(LikelyDuplicates.isLikelySame("Zelenskiy", "Volodymyr Zelenskyy"))
        XCTAssertTrue(LikelyDuplicates.isLikelySame("Ed Miliband", "Edward Miliband"))
        XCTAssertFalse(LikelyDuplicates.isLikelySame("Ed Miliband", "David Miliband"))
        XCTAssertFalse(LikelyDuplicates.isLikelySame("Black Sea", "Red Sea"))
        XCTAssertFalse(LikelyDuplicates.isLikelySame("Austria", "Australia"))
        XCTAssertFalse(LikelyDuplicates.isLikelySame("South Sudan", "Sudan", people: false))
        XCTAssertFalse(LikelyDuplicates.isLikelySame("Ministry of Foreign Affairs", "Ministry of Internal Affairs", people: false))
    }

    func testImportSuggestsTheExistingEntityAndKeepsBoth() throws {
        let site = try FixtureSite.site(["Content/site.yml": "title: T\n",
                                         "Content/entities/volodymyr-zelenskyy.md": "---\nname: Volodymyr Zelenskyy\nkind: person\n---\n"])
        defer { try? FileManager.default.removeItem(at: site) }
        let text = "Talks in Kyiv\nMarch 3, 2025\nPresident Volodymyr Zelenskiy said on Monday that talks would resume.\n"
        let report = Importer(text: text, sourceName: "a.txt", siteDirectory: site).run()
        XCTAssertTrue(report.succeeded, "\(report.diagnostics)")
        let suggestions = report.diagnostics.filter { $0.message.contains("under another spelling") }
        XCTAssertEqual(suggestions.map(\.location.description), ["a.txt:3:11"])
        XCTAssertTrue(suggestions.first?.message.contains("'volodymyr-zelenskyy'") == true, "\(suggestions)")
        XCTAssertTrue(FileManager.default.fileExists(atPath: site.appendingPathComponent("Content/entities/volodymyr-zelenskiy.md").path),
                      "never merged silently")
    }
}
