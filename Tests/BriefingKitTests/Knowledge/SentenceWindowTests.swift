@testable import BriefingKit
import XCTest

/// A reference's context is its sentence, or a bounded window of a long one: output and memory grow
/// with the text, not with the square of a sentence's length.
final class SentenceWindowTests: XCTestCase {
    private let entities = (0..<10).map { Entity(slug: "e\($0)", name: "Entity \($0)", kind: .organization, path: "e\($0).md") }

    private func link(_ markdown: String) -> KnowledgeGraph {
        let document = ContentDocument(id: DocumentID(.briefing, "b"), title: "B", parsed: MarkupParser(path: "b.md").parse(markdown))
        return KnowledgeLinker(entities: entities, documents: [document]).link().0
    }

    func testOrdinarySentencesStayWhole() {
        let sentence = "The [[e1]] and [[e2]] " + String(repeating: "word ", count: 150) + "met on [[2024-01-01]]."
        XCTAssertLessThan(sentence.utf8.count, TextBlock.contextLimit)
        let graph = link(sentence + " Next [[e3]].")
        XCTAssertEqual(graph.mentions["e1"]?.first?.sentence, sentence.replacingOccurrences(of: "[[e1]]", with: "e1")
            .replacingOccurrences(of: "[[e2]]", with: "e2").replacingOccurrences(of: "[[2024-01-01]]", with: "2024-01-01"))
        XCTAssertEqual(graph.events.first?.entities, ["e1", "e2"])
        XCTAssertEqual(graph.related["e1"]?.map(\.slug), ["e2"])
    }

    func testALongSentenceGivesEachReferenceABoundedWindowCutAtSpaces() throws {
        // 2,000 references in one 30 KB sentence: each context is about the limit, not the sentence.
        let words = (0..<2000).map { "[[e\($0 % 10)]] and" }.joined(separator: " ")
        let graph = link(words + " then [[2024-01-01]] ended.")
        let mentions = try XCTUnwrap(graph.mentions["e5"])
        XCTAssertEqual(mentions.count, 200)
        for mention in mentions {
            XCTAssertLessThanOrEqual(mention.sentence.utf8.count, TextBlock.contextLimit + 6)
            let utf8 = Array(mention.sentence.utf8)
            XCTAssertEqual(String(decoding: utf8[mention.range], as: UTF8.self), "e5")
        }
        let middle = mentions[100].sentence
        XCTAssertTrue(middle.hasPrefix("…e") || middle.hasPrefix("…and "), middle)
        XCTAssertTrue(middle.hasSuffix(" and…") || middle.hasSuffix("…"), middle)
        XCTAssertFalse(middle.dropFirst().dropLast().contains("…"))
        XCTAssertTrue(try XCTUnwrap(graph.mentions["e0"]).first!.sentence.hasPrefix("e0 and e1 and"), "the first reference's window starts the sentence")
        let event = try XCTUnwrap(graph.events.first)
        XCTAssertTrue(event.text.hasPrefix("…") && event.text.hasSuffix("ended."), event.text)
        XCTAssertLessThanOrEqual(event.text.utf8.count, TextBlock.contextLimit + 6)
        // Ten entities all near one another: every pair is related, counted once for the sentence.
        XCTAssertEqual(graph.related["e5"]?.count, 9)
        XCTAssertEqual(Set(graph.related["e5"]!.map(\.count)), [1])
    }

    func testEntitiesFarApartInALongSentenceAreNotRelated() {
        let filler = String(repeating: "filler ", count: 400)
        let graph = link("[[e1]] " + filler + "[[e2]] " + filler + "[[e3]] [[2024-01-01]] and [[e4]].")
        XCTAssertEqual(graph.related["e1"]?.map(\.slug) ?? [], [])
        XCTAssertEqual(graph.related["e3"]?.map(\.slug).sorted(), ["e4"])
        XCTAssertEqual(graph.events.first?.entities, ["e3", "e4"])
    }

    func testAWordLongerThanTheWindowIsCutAtACharacterBoundary() {
        let word = String(repeating: "é", count: 2000)
        let graph = link(word + " [[e1]] " + word + ".")
        let context = graph.mentions["e1"]!.first!.sentence
        XCTAssertTrue(context.hasPrefix("…é") && context.hasSuffix("é…"), String(context.prefix(10)))
        XCTAssertLessThanOrEqual(context.utf8.count, TextBlock.contextLimit + 6)
    }

    func testTheSentenceOfAnOffsetIsFoundAmongThousands() {
        let text = (0..<5000).map { "Sentence \($0) ends here." }.joined(separator: " ")
        let block = TextBlock(anchor: "p1", text: text, sentences: SentenceSplitter.sentences(in: text))
        XCTAssertEqual(block.sentences.count, 5000)
        for index in [0, 1, 2500, 4999] {
            let sentence = block.sentences[index]
            XCTAssertEqual(block.sentence(containing: sentence.lowerBound + 3), sentence)
        }
        // Between two sentences (the space): the one before, as a linear search found.
        XCTAssertEqual(block.sentence(containing: block.sentences[10].upperBound), block.sentences[10])
    }
}
