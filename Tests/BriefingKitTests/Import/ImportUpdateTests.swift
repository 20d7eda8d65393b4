@testable import BriefingKit
import XCTest

/// `import --update` (issue 18, finding 2): it adds the paragraphs that are new in the article
/// and never one that an earlier import wrote and the editor since deleted or rewrote.
final class ImportUpdateTests: XCTestCase {
    let briefing = "Content/briefings/ministers-meet-in-vienna-on-energy-security.md"
    /// How the paragraph the editor deletes starts, in the article and in the briefing.
    let deleted = "Relations between "
    /// The article with a paragraph the first import did not have.
    let longer = sampleArticle.replacingOccurrences(of: "“We are a very reliable",
                                                    with: "Talks with Hungary followed in Budapest in 2024.\n“We are a very reliable")

    func importedSite() throws -> URL {
        let site = try FixtureSite.temporaryFolder()
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content/entities"), withIntermediateDirectories: true)
        try Data("title: Test\n".utf8).write(to: site.appendingPathComponent("Content/site.yml"))
        let report = Importer(text: sampleArticle, sourceName: "a.txt", siteDirectory: site).run()
        XCTAssertTrue(report.succeeded, "\(report.diagnostics)")
        return site
    }

    func read(_ site: URL) throws -> String {
        try String(contentsOf: site.appendingPathComponent(briefing), encoding: .utf8)
    }

    func write(_ text: String, _ site: URL) throws {
        try Data(text.utf8).write(to: site.appendingPathComponent(briefing))
    }

    /// The file without the paragraph that starts with `start`.
    func deletingParagraph(startingWith start: String, from text: String) throws -> String {
        let paragraph = try XCTUnwrap(text.components(separatedBy: "\n\n").first { $0.hasPrefix(start) }, "no paragraph “\(start)…”")
        return text.replacingOccurrences(of: paragraph + "\n\n", with: "")
    }

    func update(_ site: URL, with text: String) -> Importer.Report {
        Importer(text: text, sourceName: "a.txt", siteDirectory: site, update: true).run()
    }

    func testUpdateNeverAddsBackAParagraphTheEditorDeleted() throws {
        let site = try importedSite()
        let edited = try deletingParagraph(startingWith: deleted, from: try read(site))
        try write(edited, site)

        let same = update(site, with: sampleArticle)
        XCTAssertTrue(same.succeeded, "\(same.diagnostics)")
        XCTAssertEqual(same.written, [], "\(same.changes)")
        XCTAssertEqual(try read(site), edited)

        let more = update(site, with: longer)
        XCTAssertTrue(more.succeeded, "\(more.diagnostics)")
        let merged = try read(site)
        XCTAssertTrue(merged.contains("Talks with [[hungary|Hungary]] followed in [[budapest|Budapest]] in [[2024|2024]]."), merged)
        XCTAssertFalse(merged.contains(deleted), "the deleted paragraph stays deleted")
        XCTAssertEqual(more.changes.filter { $0.contains("added “") }.count, 1, "\(more.changes)")

        // The paragraph added by this update is recorded too: deleted, it stays deleted.
        try write(try deletingParagraph(startingWith: "Talks with [[hungary", from: merged), site)
        XCTAssertEqual(update(site, with: longer).written, [])
    }

    func testUpdateNeverAddsBackAParagraphTheEditorRewrote() throws {
        let site = try importedSite()
        let edited = try read(site).replacingOccurrences(of: try XCTUnwrap(try read(site).components(separatedBy: "\n\n").first { $0.hasPrefix(deleted) }),
                                                         with: "Austrian–Israeli ties are old; see the note.")
        try write(edited, site)
        XCTAssertEqual(update(site, with: sampleArticle).written, [])
        XCTAssertEqual(try read(site), edited)
    }

    /// A briefing imported before records were kept: the first update compares words as
    /// before, records the article, and from then on a deletion sticks.
    func testUpdateOfABriefingWithoutARecordStartsOne() throws {
        let site = try importedSite()
        let original = try read(site)
        let withoutRecord = original.components(separatedBy: "\n")
            .filter { $0 != ImportRecord.explanation && !$0.hasPrefix(ImportRecord.prefix) }.joined(separator: "\n")
        XCTAssertNotEqual(withoutRecord, original, "a fresh import records its paragraphs")
        try write(withoutRecord, site)

        let first = update(site, with: sampleArticle)
        XCTAssertEqual(first.written, [briefing])
        XCTAssertTrue(first.changes.contains { $0.contains("recorded the article's 6 paragraphs as imported") }, "\(first.changes)")
        XCTAssertEqual(try read(site), original, "only the record was added")

        try write(try deletingParagraph(startingWith: deleted, from: original), site)
        XCTAssertEqual(update(site, with: sampleArticle).written, [])
    }

    func testRecordLinesRoundTripAndIgnoreSpacingAndPunctuation() throws {
        var record = ImportRecord(blocks: ["One paragraph, here.", "Another one"])
        record.add(["one   paragraph — here", "A third"])
        XCTAssertEqual(record.fingerprints.count, 3, "the same words are the same paragraph")
        let text = "---\ntitle: T\ndate: 2025-03-31\n---\nBody.\n"
        let written = record.written(into: text)
        XCTAssertEqual(ImportRecord(frontMatterOf: written), record)
        XCTAssertTrue(written.hasSuffix("\n---\nBody.\n"))
        XCTAssertEqual(record.written(into: written), written, "rewriting replaces the lines in place")
        XCTAssertNil(ImportRecord(frontMatterOf: text))
        let yaml = try XCTUnwrap(FrontMatterSplit(written).yaml)
        let (decoded, problems) = YAMLDocumentDecoder(path: "b.md", firstLine: 2).decode(BriefingFrontMatter.self, from: yaml)
        XCTAssertEqual(problems, [], "the record is YAML comments")
        XCTAssertEqual(decoded?.title, "T")
    }
}
