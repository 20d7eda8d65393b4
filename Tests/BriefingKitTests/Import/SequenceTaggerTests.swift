@testable import BriefingKit
import XCTest

final class SequenceTaggerTests: XCTestCase {
    static let gmb = FixtureSite.repository.appendingPathComponent("../shared/data/gmb/ner_dataset.csv").standardizedFileURL

    func entities(_ text: String, site: [Entity] = []) -> [EntityMention] {
        ArticleAnalysis(text: text, date: "2025-03-31", entities: site).entities
    }

    func kind(of name: String, in mentions: [EntityMention]) -> String? {
        mentions.first { $0.text == name }?.kind
    }

    func testTrainingIsDeterministicAndHoldsOutEveryTenthSentence() throws {
        // GMB when it is beside the project; else sentences in its format, so the test always runs.
        let names = ["Ana Silva", "Omar Haddad", "Li Wei", "John Smith", "Maria Rossi", "Kofi Mensah", "Olga Ivanova"]
        let places = ["Lagos", "Lima", "Oslo", "Hanoi", "Quito"]
        let synthetic = "Sentence #,Word,POS,Tag\n" + (0..<300).map { index -> String in
            let name = names[index % names.count].split(separator: " ")
            return "Sentence: \(index + 1),\(name[0]),NNP,B-per\n,\(name[1]),NNP,I-per\n,visited,VBD,O\n,\(places[index % places.count]),NNP,B-geo\n,.,.,O\n"
        }.joined()
        let csv = (try? String(contentsOf: Self.gmb, encoding: .utf8)) ?? synthetic
        let first = TaggerTraining.train(csv: csv, epochs: 2, limit: 300)
        let second = TaggerTraining.train(csv: csv, epochs: 2, limit: 300)
        XCTAssertEqual(first.encoded, second.encoded, "same data, same weights")
        XCTAssertTrue(first.report.contains("trained on 270 sentences"), first.report)
        let other = TaggerTraining.train(csv: csv, epochs: 3, limit: 300)
        XCTAssertNotEqual(first.encoded, other.encoded, "epochs change the weights")
        let decoded = try XCTUnwrap(SequenceTagger(encoded: first.encoded))
        XCTAssertEqual(decoded.transitions.count, (SequenceTagger.tagCount + 1) * SequenceTagger.tagCount)
    }

    func testCSVFieldsAndTitlesOutOfPersonSpans() {
        XCTAssertEqual(TaggerTraining.fields(#","""",``,O"#[...]), ["", "\"", "``", "O"])
        XCTAssertEqual(TaggerTraining.fields(#","1,000",CD,O"#[...]), ["", "1,000", "CD", "O"])
        let sentence = TaggerTraining.sentence([("President", "B-per"), ("George", "I-per"), ("Bush", "I-per"), ("spoke", "O"),
                                                ("to", "O"), ("Mr.", "B-per"), ("Blair", "I-per")])
        XCTAssertEqual(sentence.tokens.map(\.text), ["President", "George", "Bush", "spoke", "to", "Mr", ".", "Blair"])
        let person = UInt8(1 + 2 * SequenceTagger.types.firstIndex(of: "per")!)
        XCTAssertEqual(sentence.tags, [0, person, person + 1, 0, 0, 0, 0, person])
    }

    func testFindsUnseenSentenceInitialNamesInNewswire() {
        let text = """
        Carrier Orders Jets

        PARIS — Airbus said on Tuesday that Qantara Airways had ordered 40 jets. Kowalczyk, the airline's chief \
        executive, told reporters the deal was worth $5 billion. Treasury Secretary Scott Bessent welcomed it on Feb. 13.
        """
        let found = entities(text)
        XCTAssertEqual(kind(of: "Airbus", in: found), "organization", "\(found.map(\.text))")
        XCTAssertEqual(kind(of: "Kowalczyk", in: found), "person", "\(found.map(\.text))")
        XCTAssertEqual(kind(of: "Scott Bessent", in: found), "person", "titles are not part of a name")
        XCTAssertFalse(found.contains { $0.text.contains("Treasury Secretary") })
        XCTAssertFalse(found.contains { $0.text.hasPrefix("Feb") }, "dates are not entities")
    }

    func testFindsNamesInThinkTankProse() {
        let text = """
        Rethinking Deterrence

        Deterrence in the region has eroded. Okonkwo argues that the alliance must rebuild its credibility, \
        while Dr. Halvorsen of the Brookings Institution points to the costs. Both agree with Okonkwo's conclusion. Gazprom has cut supplies twice since Jan. 9.
        """
        let found = entities(text)
        XCTAssertEqual(kind(of: "Okonkwo", in: found), "person", "\(found.map(\.text))")
        XCTAssertEqual(kind(of: "Halvorsen", in: found), "person", "\(found.map(\.text))")
        XCTAssertEqual(kind(of: "Gazprom", in: found), "organization", "\(found.map(\.text))")
        XCTAssertFalse(found.contains { $0.text == "Deterrence" }, "a common word opening a sentence is no name")
        XCTAssertFalse(found.contains { $0.text.hasPrefix("Jan") }, "dates are not entities")
    }

    func testSiteEntityOverridesTheTaggersKind() {
        let text = "T\n\nAirbus said on Tuesday that it would build a new plant. Analysts doubted Airbus could afford it."
        XCTAssertEqual(entities(text).filter { $0.text == "Airbus" }.map(\.kind), ["organization", "organization"])
        let site = [Entity(slug: "airbus-group", name: "Airbus", kind: .group, path: "Content/entities/airbus-group.md")]
        let found = entities(text, site: site).filter { $0.text == "Airbus" }
        XCTAssertEqual(found.map(\.kind), ["group", "group"], "an editor's entity always wins")
        XCTAssertEqual(found.map(\.id), ["airbus-group", "airbus-group"])
    }

    func testANameHasOneKindThroughTheArticle() {
        let text = """
        T

        Talks resumed in Geneva. Mbeki said the Kovač Group would not sign. On Monday Mbeki flew home, and Mbeki \
        later told the Kovač Group that Mbeki would return.
        """
        let kinds = Set(entities(text).filter { $0.text == "Mbeki" }.map(\.kind))
        XCTAssertEqual(kinds.count, 1, "\(entities(text).map { ($0.text, $0.kind) })")
    }
}
