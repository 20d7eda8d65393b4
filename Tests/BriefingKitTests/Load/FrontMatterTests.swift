@testable import BriefingKit
import XCTest

final class FrontMatterTests: XCTestCase {
    func testSplitsFrontMatterAndKnowsWhereTheBodyStarts() {
        let split = FrontMatterSplit("---\ntitle: A\ndate: 2025-03-31\n---\nBody line\n")
        XCTAssertEqual(split.yaml, "title: A\ndate: 2025-03-31")
        XCTAssertEqual(split.body, "Body line\n")
        XCTAssertEqual(split.bodyLine, 5)
        XCTAssertNil(FrontMatterSplit("No front matter").yaml)
    }

    func testDecodesBriefingFrontMatter() throws {
        let decoder = YAMLDocumentDecoder(path: "b.md", firstLine: 2)
        let (fields, diagnostics) = decoder.decode(BriefingFrontMatter.self, from: "title: T\ndate: 2025-03-31\ntags: [a, b]")
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(fields?.title, "T")
        XCTAssertEqual(fields?.date, "2025-03-31")
        XCTAssertEqual(fields?.tags, ["a", "b"])
    }

    func testUnknownKeyIsReportedAtItsLineWithASuggestion() throws {
        let decoder = YAMLDocumentDecoder(path: "b.md", firstLine: 2)
        let (fields, diagnostics) = decoder.decode(BriefingFrontMatter.self, from: "title: T\ndate: 2025-03-31\nauthr: X")
        XCTAssertNil(fields)
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertEqual(diagnostics[0].location, SourceLocation(path: "b.md", line: 4, column: 1))
        XCTAssertTrue(diagnostics[0].message.contains("unknown key 'authr'"), diagnostics[0].message)
        XCTAssertTrue(diagnostics[0].message.contains("did you mean 'author'?"), diagnostics[0].message)
    }

    func testMissingRequiredKeyAndWrongType() {
        let decoder = YAMLDocumentDecoder(path: "e.md", firstLine: 2)
        let (_, missing) = decoder.decode(EntityFrontMatter.self, from: "name: X")
        XCTAssertEqual(missing.map(\.message), ["entity front matter is missing the required key 'kind'"])
        let (_, wrongType) = decoder.decode(EntityFrontMatter.self, from: "name: X\nkind: person\naliases: 3")
        XCTAssertEqual(wrongType.first?.location.line, 4)
        XCTAssertEqual(wrongType.first?.location.column, 10)
        XCTAssertTrue(wrongType.first?.message.contains("'aliases': expected a list") == true, wrongType.first?.message ?? "")
        let (_, badKind) = decoder.decode(EntityFrontMatter.self, from: "name: X\nkind: persn")
        XCTAssertEqual(badKind.first?.location.line, 3)
    }

    func testSyntaxErrorHasFileLineAndColumn() {
        let decoder = YAMLDocumentDecoder(path: "Content/site.yml", firstLine: 1)
        let (_, diagnostics) = decoder.decode(SiteConfig.self, from: "title: A\ntags: [a, b\n")
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertEqual(diagnostics[0].location.path, "Content/site.yml")
        XCTAssertTrue(diagnostics[0].description.hasPrefix("Content/site.yml:"), diagnostics[0].description)
        XCTAssertTrue(diagnostics[0].message.contains("invalid YAML"))
    }

    func testSlugs() {
        for _ in 0..<500 {
            let ascii = String((0..<Int.random(in: 0...24)).map { _ in Character(Unicode.Scalar(UInt8.random(in: 0...127))) })
            XCTAssertEqual(Slug.asciiSlug(ascii), Slug.foldedSlug(ascii), ascii.debugDescription)
        }
        XCTAssertEqual(Slug.make(from: "Ilham Aliyev"), "ilham-aliyev")
        XCTAssertEqual(Slug.make(from: "Türkiye"), "turkiye")
        XCTAssertEqual(Slug.make(from: "  U.S.–Azerbaijan ties! "), "u-s-azerbaijan-ties")
        XCTAssertEqual(Slug.make(from: "Azerbaijan’s"), "azerbaijans")
    }
}

final class ContentLoaderTests: XCTestCase {
    func testDuplicateSlugsAndMissingFrontMatterAreReported() throws {
        let site = try FixtureSite.temporaryFolder()
        let entities = site.appendingPathComponent("Content/entities")
        try FileManager.default.createDirectory(at: entities, withIntermediateDirectories: true)
        try Data("title: T\n".utf8).write(to: site.appendingPathComponent("Content/site.yml"))
        try Data("---\nname: A\nkind: person\n---\n".utf8).write(to: entities.appendingPathComponent("Ilham Aliyev.md"))
        try Data("---\nname: B\nkind: person\n---\n".utf8).write(to: entities.appendingPathComponent("ilham-aliyev.md"))
        try Data("Just text.\n".utf8).write(to: entities.appendingPathComponent("plain.md"))
        let (loaded, diagnostics) = ContentLoader(siteDirectory: site).load()
        XCTAssertEqual(loaded?.entities.map(\.slug), ["ilham-aliyev"])
        XCTAssertEqual(diagnostics.map(\.location.path), ["Content/entities/ilham-aliyev.md", "Content/entities/plain.md"])
        XCTAssertTrue(diagnostics[0].message.contains("duplicate slug 'ilham-aliyev'"))
        XCTAssertTrue(diagnostics[1].message.contains("missing front matter"))
    }

    func testNoSiteYmlSaysWhatToDo() throws {
        let (loaded, diagnostics) = ContentLoader(siteDirectory: try FixtureSite.temporaryFolder()).load()
        XCTAssertNil(loaded)
        XCTAssertTrue(diagnostics.first?.message.contains("briefing init") == true)
    }
}
