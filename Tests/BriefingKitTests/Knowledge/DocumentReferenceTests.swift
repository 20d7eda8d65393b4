@testable import BriefingKit
import XCTest

final class DocumentReferenceTests: XCTestCase {
    let resolver = EntityResolver(entities: [Entity(slug: "baku", name: "Baku", kind: .place, path: "e.md")],
                                  documents: [DocumentID(.briefing, "gas-deal"), DocumentID(.page, "welcome"), DocumentID(.entity, "baku")])

    func testBriefingAndPageTargets() {
        XCTAssertEqual(resolver.resolve("briefing:gas-deal"), .document(DocumentID(.briefing, "gas-deal")))
        XCTAssertEqual(resolver.resolve("Page: Welcome"), .document(DocumentID(.page, "welcome")))
        XCTAssertEqual(resolver.resolve("briefing:gas-dael"), .unknownDocument(.briefing, suggestion: "gas-deal"))
        XCTAssertEqual(resolver.resolve("page:gas-deal"), .unknownDocument(.page, suggestion: nil), "kinds are not mixed")
        XCTAssertEqual(resolver.resolve("page:baku"), .unknownDocument(.page, suggestion: nil), "entities are not pages")
        XCTAssertEqual(resolver.resolve("welcome"), .unknown(suggestion: "page:welcome"), "a bare slug points at the prefixed form")
        XCTAssertEqual(resolver.resolve("Baku"), .entity("baku"))
    }

    func testUnknownDocumentIsAnErrorAtTheReference() {
        let parsed = MarkupParser(path: "Content/briefings/x.md", firstLine: 5).parse("Text\nsee [[page:welcom]] and [[welcome]].\n")
        let documents = [ContentDocument(id: DocumentID(.briefing, "x"), title: "X", parsed: parsed),
                         ContentDocument(id: DocumentID(.page, "welcome"), title: "Welcome", parsed: MarkupParser(path: "p.md").parse("Hi.\n"))]
        let (graph, diagnostics) = KnowledgeLinker(entities: [], documents: documents).link()
        XCTAssertEqual(diagnostics.map(\.description), [
            "Content/briefings/x.md:6:5: error: unknown reference [[page:welcom]]: no page has the slug 'welcom'; did you mean [[page:welcome]]? create Content/pages/welcom.md or fix the slug",
            "Content/briefings/x.md:6:25: error: unknown reference [[welcome]]: no entity has this slug, name or alias; did you mean [[page:welcome]]? create Content/entities/welcome.md or add an alias",
        ])
        XCTAssertEqual(graph.mentions.count, 0, "a link to a document is no mention")
    }

    func testLinkDensityCountsSectionsAndKeepsDatesAndDocuments() {
        let parsed = MarkupParser(path: "b.md").parse("""
        [[Baku]] and [[Baku]] on [[2025]] and [[2025]], [[page:welcome]] [[page:welcome]].[^n]

        ## Next

        [[Baku]], [[Baku]].

        [^n]: [[Baku]] in a note.

        """)
        let document = ContentDocument(id: DocumentID(.briefing, "b"), title: "B", parsed: parsed)
        let (graph, _) = KnowledgeLinker(entities: [Entity(slug: "baku", name: "Baku", kind: .place, path: "e.md")],
                                         documents: [document, ContentDocument(id: DocumentID(.page, "welcome"), title: "W",
                                                                               parsed: MarkupParser(path: "p.md").parse("Hi.\n"))]).link()
        XCTAssertEqual(graph.linkedReferences(of: document, density: .firstInSection),
                       [true, false, true, true, true, true, true, false, false])
        XCTAssertEqual(graph.linkedReferences(of: document, density: .every), Array(repeating: true, count: 9))
        XCTAssertEqual(graph.mentionCount(of: "baku"), 5, "every mention is still a mention")
    }
}
