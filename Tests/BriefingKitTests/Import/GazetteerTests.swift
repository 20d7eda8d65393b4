@testable import BriefingKit
import XCTest

final class GazetteerTests: XCTestCase {
    func testEmbeddedGazetteerIsTheDataFile() throws {
        let file = try String(contentsOf: FixtureSite.repository.appendingPathComponent("Data/gazetteer.tsv"), encoding: .utf8)
        XCTAssertEqual(Gazetteer.embeddedTSV, file, "Data/gazetteer.tsv changed: run `make embed`")
    }

    func testCoversEveryCountryWithItsForms() throws {
        let gazetteer = Gazetteer.builtIn
        XCTAssertGreaterThanOrEqual(gazetteer.entries.filter { $0.kind == .country }.count, 193)
        let us = try XCTUnwrap(gazetteer.entries.first { $0.slug == "united-states" })
        XCTAssertTrue(Set(["U.S.", "U.S.A.", "USA"]).isSubset(of: us.aliases))
        XCTAssertEqual(us.capital, "Washington")
        let turkiye = try XCTUnwrap(gazetteer.entries.first { $0.slug == "turkiye" })
        XCTAssertTrue(turkiye.aliases.contains("Turkey"))
        XCTAssertTrue(gazetteer.entries.first { $0.slug == "azerbaijan" }?.demonyms.contains("Azerbaijani") == true)
        // Every surface form names one entity, so a match is never ambiguous (Brussels: the EU).
        var owners: [String: String] = [:]
        for entry in gazetteer.entries {
            for form in [entry.name] + entry.aliases + entry.demonyms {
                XCTAssertNil(owners[form.lowercased()].flatMap { $0 == entry.slug ? nil : $0 }, "\(form) names two entries")
                owners[form.lowercased()] = entry.slug
            }
        }
    }

    func testLexiconMatchesLongestNameAndAcronymsByCase() {
        let lexicon = Lexicon()
        let tokens = Tokenizer.tokens(in: Array("the United States of America and US and us".unicodeScalars))
        XCTAssertEqual(lexicon.match(tokens, at: 1) { _ in false }?.length, 4)
        XCTAssertEqual(lexicon.match(tokens, at: 6) { _ in false }?.target.slug, "united-states")
        XCTAssertNil(lexicon.match(tokens, at: 8) { _ in false }, "lowercase 'us' is a pronoun")
    }
}
