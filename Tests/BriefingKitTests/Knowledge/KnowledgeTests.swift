@testable import BriefingKit
import XCTest

final class EntityResolverTests: XCTestCase {
    let entities = [
        Entity(slug: "ilham-aliyev", name: "Ilham Aliyev", kind: .person, aliases: ["Aliyev", "President Aliyev"], path: "a.md"),
        Entity(slug: "united-states", name: "United States", kind: .country, aliases: ["U.S.", "Washington"], path: "u.md"),
    ]

    func testResolvesSlugNameAndAliasCaseInsensitively() {
        let resolver = EntityResolver(entities: entities)
        for target in ["ilham-aliyev", "Ilham Aliyev", "ilham  ALIYEV", "aliyev", "President Aliyev"] {
            XCTAssertEqual(resolver.resolve(target), .entity("ilham-aliyev"), target)
        }
        XCTAssertEqual(resolver.resolve("u.s."), .entity("united-states"))
        XCTAssertEqual(resolver.resolve("2025-03"), .date(EDTFDate("2025-03")!))
        XCTAssertEqual(resolver.resolve("2025-13-01"), .invalidDate)
        XCTAssertEqual(resolver.resolve("ilham-aliyv"), .unknown(suggestion: "ilham-aliyev"))
        XCTAssertEqual(resolver.resolve("Zanzibar"), .unknown(suggestion: nil))
        XCTAssertEqual(resolver.diagnostics, [])
    }

    /// The byte path for ASCII normalizes as the Character one does.
    func testNormalizingASCIIMatchesTheGeneralWay() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("aZ9- \t\n\r\u{0B}\u{0C}.|")
        for _ in 0..<2000 {
            let key = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            XCTAssertEqual(EntityResolver.normalize(key),
                           key.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " "), key.debugDescription)
        }
        XCTAssertEqual(EntityResolver.normalize("  Ünïon\u{A0}Européenne "), "ünïon européenne")
    }

    func testAnAliasNamingTwoEntitiesIsAnError() {
        let resolver = EntityResolver(entities: entities + [
            Entity(slug: "washington-state", name: "Washington State", kind: .place, aliases: ["Washington"], path: "w.md"),
        ])
        XCTAssertEqual(resolver.diagnostics.count, 1)
        XCTAssertTrue(resolver.diagnostics[0].message.contains("alias 'Washington' of 'washington-state' also names 'united-states'"))
    }
}

final class KnowledgeLinkerTests: XCTestCase {
    let entities = [
        Entity(slug: "ilham-aliyev", name: "Ilham Aliyev", kind: .person, aliases: ["Aliyev"], path: "a.md"),
        Entity(slug: "azerbaijan", name: "Azerbaijan", kind: .country, aliases: ["Baku"], path: "az.md"),
        Entity(slug: "israel", name: "Israel", kind: .country, related: ["azerbaijan"], path: "il.md"),
        Entity(slug: "karabakh-war", name: "Karabakh War", kind: .event, date: EDTFDate("2020-09-27/2020-11-10"), path: "k.md"),
    ]

    func link(_ markdown: String) -> (KnowledgeGraph, [Diagnostic]) {
        let document = ContentDocument(id: DocumentID(.briefing, "b"), title: "B",
                                       parsed: MarkupParser(path: "b.md").parse(markdown))
        return KnowledgeLinker(entities: entities, documents: [document]).link()
    }

    func testMentionsEventsRelationsAndQuotes() throws {
        let (graph, diagnostics) = link("""
        [[Aliyev]] visited [[israel|Israel]] in [[2021]] and [[2023]]. [[Baku]] agreed.

        As [[ilham-aliyev|Aliyev]] said, “We are a very reliable partner.”
        """)
        XCTAssertEqual(diagnostics, [])
        XCTAssertEqual(graph.mentionCount(of: "ilham-aliyev"), 2)
        let mention = try XCTUnwrap(graph.mentions["israel"]?.first)
        XCTAssertEqual(mention.sentence, "Aliyev visited Israel in 2021 and 2023.")
        XCTAssertEqual(mention.anchor, "p1")
        XCTAssertEqual(mention.location.line, 1)
        // A sentence with two dates is on the timeline twice; dated entities are there too.
        XCTAssertEqual(graph.events.map(\.date.value), ["2020-09-27/2020-11-10", "2021", "2023"])
        XCTAssertEqual(graph.events[1].text, "Aliyev visited Israel in 2021 and 2023.")
        XCTAssertEqual(graph.events[1].entities, ["ilham-aliyev", "israel"])
        XCTAssertEqual(graph.events[1].id, "ev-b-1")
        XCTAssertEqual(graph.eventIDs[DocumentID(.briefing, "b")], [2: "ev-b-1", 3: "ev-b-2"])
        XCTAssertEqual(graph.related["israel"]?.map(\.slug), ["ilham-aliyev", "azerbaijan"])
        XCTAssertEqual(graph.related["israel"]?.map(\.count), [1, 0])
        XCTAssertEqual(graph.quotes["ilham-aliyev"]?.map(\.text), ["We are a very reliable partner."])
    }

    /// Sorting by keys made once gives the order `precedes` gives, ties and intervals included.
    func testChronologicalOrderIsPrecedes() {
        let dates = ["2025", "2025-03", "2025-03-13", "2025-03-13~", "2025?", "2024/2026", "../2025", "2025/..", "202X",
                     "2025-21", "2025-03/2025-04", "2024-12-31"].compactMap(EDTFDate.init)
        XCTAssertEqual(dates.count, 12)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<50 {
            let events = (0..<40).map { index in
                TimelineEvent(id: "e\(index)", date: dates.randomElement(using: &generator)!, text: "", document: DocumentID(.briefing, "b"),
                              anchor: nil, entities: [], order: [Int.random(in: 0...3, using: &generator), index])
            }
            XCTAssertEqual(KnowledgeLinker.chronological(events).map(\.id), events.sorted(by: KnowledgeLinker.precedes).map(\.id))
        }
    }

    func testUnknownReferencesAndBadDatesAreErrorsWithSuggestions() {
        let (_, diagnostics) = link("Met [[Israell]] on [[2025-02-30]].\n")
        XCTAssertEqual(diagnostics.map(\.description), [
            "b.md:1:5: error: unknown reference [[Israell]]: no entity has this slug, name or alias; did you mean 'Israel'? create Content/entities/israell.md or add an alias",
            "b.md:1:20: error: invalid date [[2025-02-30]]; write an EDTF date such as 2025, 2025-03, 2025-03-13, 2025~ or 2000/2004",
        ])
    }
}

final class QuoteDerivationTests: XCTestCase {
    func testAPronounQuoteBelongsToThePersonNamedBefore() {
        let entities = [Entity(slug: "ali-fadavi", name: "Ali Fadavi", kind: .person, path: "f.md"),
                        Entity(slug: "iran", name: "Iran", kind: .country, path: "i.md")]
        let markdown = "[[Ali Fadavi]] spoke in [[Iran]]. “The people are believers and will stay so”, he added.\n"
        let document = ContentDocument(id: DocumentID(.briefing, "b"), title: "B", parsed: MarkupParser(path: "b.md").parse(markdown))
        let (graph, _) = KnowledgeLinker(entities: entities, documents: [document]).link()
        XCTAssertEqual(graph.quotes["ali-fadavi"]?.map(\.text), ["The people are believers and will stay so"])
    }
}
