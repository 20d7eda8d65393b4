@testable import BriefingKit
import XCTest

/// The importer and the build read one set of word lists, Data/language.txt.
final class LanguageRulesTests: XCTestCase {
    func testTheEmbeddedListsAreDataLanguageTxt() throws {
        let file = try String(contentsOf: FixtureSite.repository.appendingPathComponent("Data/language.txt"), encoding: .utf8)
        XCTAssertEqual(LanguageRules.embeddedText, file, "Data/language.txt changed: run `make embed`")
    }

    func testEverySectionIsReadInLowerCase() {
        for list in [LanguageRules.titles, LanguageRules.nameSuffixes, LanguageRules.abbreviations, LanguageRules.particles,
                     LanguageRules.notNames, LanguageRules.directions, LanguageRules.roles, LanguageRules.speechVerbs] {
            XCTAssertFalse(list.isEmpty)
            XCTAssertTrue(list.allSatisfy { $0 == $0.lowercased() && !$0.isEmpty })
        }
        XCTAssertTrue(LanguageRules.titles.contains("minister"))
        XCTAssertTrue(LanguageRules.speechVerbs.contains("insisted"))
    }

    func testTheBuildAndTheImporterShareAbbreviationsAndSpeechVerbs() {
        // "Inc." ends no sentence in the build's splitter, nor in the importer's tokens.
        let text = "Acme Inc. Holdings said it would grow. Prices rose."
        XCTAssertEqual(SentenceSplitter.sentences(in: text).count, 2)
        let tokens = Tokenizer.tokens(in: Array(text.unicodeScalars))
        let holdings = tokens.firstIndex { $0.text == "Holdings" }!
        XCTAssertFalse(LanguageRules.startsSentence(tokens, at: holdings))
        // "insisted" attributes a quotation in the build as in the importer.
        XCTAssertTrue(KnowledgeLinker.hasSpeechVerb("“We will not move,” the minister insisted."))
    }
}
