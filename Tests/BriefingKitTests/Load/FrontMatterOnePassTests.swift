@testable import BriefingKit
import XCTest

/// Every problem of a front matter in one run, enum values listed, the open keys (`params`,
/// entity facts, `nav`) decoded.
final class FrontMatterOnePassTests: XCTestCase {
    let decoder = YAMLDocumentDecoder(path: "Content/entities/x.md", firstLine: 2)

    func testUnknownKeyAndWrongValueAreBothReported() {
        let (fields, diagnostics, _) = decoder.decodeAll(EntityFrontMatter.self, from: "name: X\nkindd: person\nkind: thing\naliases: 3")
        XCTAssertEqual(diagnostics.count, 3, diagnostics.map(\.description).joined(separator: "\n"))
        XCTAssertTrue(diagnostics[0].message.contains("unknown key 'kindd'"))
        XCTAssertEqual(diagnostics.map(\.location.line).sorted(), [3, 4, 5])
        XCTAssertNotNil(fields, "a value still comes back, for the checks made after decoding")
        XCTAssertEqual(fields?.kind, .other, "a required key that fails is stood in for")
        XCTAssertNil(fields?.aliases, "an optional key that fails is left out")
        // The public decode keeps its contract: no value when there is an error.
        XCTAssertNil(decoder.decode(EntityFrontMatter.self, from: "name: X\nkind: thing").0)
    }

    func testEnumErrorListsTheAllowedValuesAtTheValue() {
        let (_, diagnostics) = decoder.decode(EntityFrontMatter.self, from: "name: X\nkind: thing")
        XCTAssertEqual(diagnostics.count, 1)
        XCTAssertEqual(diagnostics[0].message,
                       "kind 'thing' is not one of: person, country, organization, place, agreement, event, group, other")
        XCTAssertEqual(diagnostics[0].location, SourceLocation(path: "Content/entities/x.md", line: 3, column: 7))
        let (_, typo) = decoder.decode(EntityFrontMatter.self, from: "name: X\nkind: persn")
        XCTAssertTrue(typo[0].message.hasSuffix("did you mean 'person'?"), typo[0].message)
        let (_, density) = YAMLDocumentDecoder(path: "Content/site.yml", firstLine: 1).decode(SiteConfig.self, from: "title: T\nmentions: all")
        XCTAssertEqual(density.map(\.message), ["mentions 'all' is not one of: first-in-section, every"])
        XCTAssertEqual(density.first?.location.line, 2)
    }

    func testMissingRequiredKeyDoesNotHideOtherProblems() {
        let (_, diagnostics, _) = YAMLDocumentDecoder(path: "b.md", firstLine: 2)
            .decodeAll(BriefingFrontMatter.self, from: "date: 2025-01-01\ntags: 7\nsumary: x")
        XCTAssertEqual(Set(diagnostics.map(\.location.line)), [2, 3, 4], diagnostics.map(\.description).joined(separator: "\n"))
    }

    func testParamsKeepWhatWasWritten() throws {
        let yaml = """
        title: T
        params:
          color: red
          count: 3
          ratio: 1.5
          shown: true
          links: [{name: A, href: x}, {name: B}]
          nested: {deep: {deeper: ok}}
          nothing:
        """
        let (config, diagnostics) = YAMLDocumentDecoder(path: "Content/site.yml", firstLine: 1).decode(SiteConfig.self, from: yaml)
        XCTAssertEqual(diagnostics, [])
        let params = try XCTUnwrap(config?.params)
        XCTAssertEqual(params["color"], .text("red"))
        XCTAssertEqual(params["count"], .number(3))
        XCTAssertEqual(params["ratio"], .decimal(1.5))
        XCTAssertEqual(params["shown"], .flag(true))
        XCTAssertEqual(params["links"], .list([.map(["name": .text("A"), "href": .text("x")]), .map(["name": .text("B")])]))
        XCTAssertEqual(params["nested"], .map(["deep": .map(["deeper": .text("ok")])]))
        XCTAssertEqual(params["nothing"], .null)
    }

    func testParamsThatAliasesBlowUpAreRefusedQuickly() {
        // Each level doubles the values: 2^30 if decoded.
        var yaml = "title: T\nparams:\n  a0: &a0 [x, x]\n"
        for level in 1...30 { yaml += "  a\(level): &a\(level) [*a\(level - 1), *a\(level - 1)]\n" }
        let start = Date()
        let (config, diagnostics) = YAMLDocumentDecoder(path: "Content/site.yml", firstLine: 1).decode(SiteConfig.self, from: yaml)
        XCTAssertNil(config)
        XCTAssertTrue(diagnostics.contains { $0.message.contains("params holds more than") }, diagnostics.map(\.message).joined())
        XCTAssertLessThan(Date().timeIntervalSince(start), 5)
    }

    func testControlCharactersInParamsAreErrors() {
        let (_, diagnostics) = YAMLDocumentDecoder(path: "Content/site.yml", firstLine: 1)
            .decode(SiteConfig.self, from: "title: T\nparams: {a: {b: \"x\\u0001y\"}}")
        XCTAssertTrue(diagnostics.contains { $0.message.contains("control character U+0001") })
    }

    func testEntityFactsAndNavDecode() throws {
        let (entity, problems) = decoder.decode(EntityFrontMatter.self, from: """
        name: Baku
        kind: place
        url: https://baku.az/
        wikidata: Q9248
        coordinates: {lat: 40.4093, lon: 49.8671}
        image: assets/baku.jpg
        """)
        XCTAssertEqual(problems, [])
        XCTAssertEqual(entity?.coordinates, Coordinates(latitude: 40.4093, longitude: 49.8671))
        XCTAssertEqual(decoder.decode(EntityFrontMatter.self, from: "name: B\nkind: place\ncoordinates: [1, 2]").0?.coordinates,
                       Coordinates(latitude: 1, longitude: 2))
        let (_, badKey) = decoder.decode(EntityFrontMatter.self, from: "name: B\nkind: place\ncoordinates: {lat: 1, lng: 2}")
        XCTAssertTrue(badKey.first?.message.contains("unknown key 'lng' in coordinates; did you mean 'lat'? allowed keys: lat, lon") == true, badKey.first?.message ?? "")
        XCTAssertEqual(badKey.first?.location.line, 4)
        let (_, three) = decoder.decode(EntityFrontMatter.self, from: "name: B\nkind: place\ncoordinates: [1, 2, 3]")
        XCTAssertTrue(three.first?.message.contains("two numbers") == true)

        let pages = YAMLDocumentDecoder(path: "p.md", firstLine: 2)
        XCTAssertEqual(pages.decode(PageFrontMatter.self, from: "title: A\nnav: {order: 5, label: Us}").0?.nav,
                       NavPlacement(order: 5, label: "Us"))
        XCTAssertEqual(pages.decode(PageFrontMatter.self, from: "title: A\nnav: false").0?.nav, NavPlacement(hidden: true))
        XCTAssertTrue(pages.decode(PageFrontMatter.self, from: "title: A\nnav: {ordr: 5}").1.first?.message
            .contains("did you mean 'order'?") == true)
    }

    func testValueChecks() {
        XCTAssertNil(FrontMatterChecks.webAddressProblem("https://example.org/a?b=c", key: "url"))
        for hostile in ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "//evil.example/",
                        "https://", "https://a b/", "ftp://example.org/", "https://user:pw@example.org/", "java\tscript:x"] {
            XCTAssertNotNil(FrontMatterChecks.webAddressProblem(hostile, key: "url"), hostile)
        }
        XCTAssertNil(FrontMatterChecks.wikidataProblem("Q62578"))
        for bad in ["Q", "q42", "Q042", "Q42a", "42", "P31", "Q1 "] {
            XCTAssertNotNil(FrontMatterChecks.wikidataProblem(bad), bad)
        }
        XCTAssertNil(FrontMatterChecks.coordinatesProblem(Coordinates(latitude: -90, longitude: 180)))
        XCTAssertNotNil(FrontMatterChecks.coordinatesProblem(Coordinates(latitude: 91, longitude: 0)))
        XCTAssertNotNil(FrontMatterChecks.coordinatesProblem(Coordinates(latitude: 0, longitude: -180.5)))
        XCTAssertNotNil(FrontMatterChecks.coordinatesProblem(Coordinates(latitude: .nan, longitude: 0)))
        let assets = ["people/aliyev.jpg"]
        XCTAssertEqual(try? FrontMatterChecks.image("assets/people/aliyev.jpg", assets: assets).get(), "assets/people/aliyev.jpg")
        XCTAssertEqual(try? FrontMatterChecks.image("people/aliyev.jpg", assets: assets).get(), "assets/people/aliyev.jpg")
        for bad in ["https://example.org/a.jpg", "javascript:alert(1)", "assets/people/aliev.jpg", "assets/../people/aliyev.jpg"] {
            XCTAssertNil(try? FrontMatterChecks.image(bad, assets: assets).get(), bad)
        }
    }
}
