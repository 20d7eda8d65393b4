@testable import BriefingKit
import XCTest

final class SearchIndexTests: XCTestCase {
    /// The byte tokenizer for ASCII text gives what the Character one gives.
    func testASCIITermsMatchTheGeneralSplit() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcXYZ019 .,;-_'\"\t\n\r\u{7F}()[]")
        for _ in 0..<500 {
            let text = String((0..<Int.random(in: 0...40, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            let general = text.lowercased().split { !$0.isLetter && !$0.isNumber }.filter { $0.count >= 2 }.map(String.init)
            XCTAssertEqual(SearchIndex.asciiTerms(text), general, "\(text.debugDescription)")
        }
        XCTAssertEqual(SearchIndex.terms("Café au lait, Ünïcode"), ["cafe", "au", "lait", "unicode"])
    }

    /// Updating the index for edited documents writes what building it anew writes.
    func testUpdateMatchesAFreshIndex() {
        func document(_ title: String, _ paragraphs: [String]) -> SearchIndex.Document {
            .init(title: title, url: "\(title)/index.html", kind: "Briefing", names: [],
                  paragraphs: paragraphs.enumerated().map { ("p\($0.offset + 1)", $0.element) })
        }
        let before = [document("One", ["alpha beta gamma", "beta beta"]), document("Two", ["gamma delta", "zulu"])]
        var state = SearchIndex(documents: before, chunkSize: 1).build().state
        let after = [document("One", ["alpha beta gamma", "beta omega"]), document("Two", ["gamma delta", "yankee"])]
        let (files, removed) = SearchIndex.update(&state, changed: [(0, after[0]), (1, after[1])], chunkSize: 1)
        let fresh = Dictionary(uniqueKeysWithValues: SearchIndex(documents: after, chunkSize: 1).build().files.map { ($0.path, $0) })
        for file in files { XCTAssertEqual(file, fresh[file.path], file.path) }
        XCTAssertEqual(removed, ["search/terms/zu.js"], "a shard no term needs any more is removed")
        XCTAssertNotNil(files.first { $0.path == "search/terms/ya.js" }, "a new term's shard is written")
        XCTAssertNil(files.first { $0.path == "search/terms/al.js" }, "an unchanged shard is not")
    }

    /// The one-dictionary count gives what counting each text apart and adding them up gives:
    /// a score per term, and the earliest text with the largest share as its paragraph.
    func testEntriesMatchCountingEachTextApart() {
        var generator = SystemRandomNumberGenerator()
        let words = ["iran", "oil", "Oil", "talks", "é", "ab", "x"]
        func text() -> String {
            (0..<Int.random(in: 0...12, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined(separator: " ")
        }
        for _ in 0..<300 {
            let document = SearchIndex.Document(title: text(), url: "x", kind: "Briefing",
                                                names: (0..<Int.random(in: 0...2, using: &generator)).map { _ in text() },
                                                paragraphs: (0..<Int.random(in: 0...6, using: &generator)).map { ("p\($0)", text()) })
            var expected: [String: SearchIndex.Entry] = [:]
            let texts = [(document.title, -1, 20)] + document.names.map { ($0, -1, 20) }
                + document.paragraphs.enumerated().map { ($0.element.1, $0.offset, 1) }
            for (text, paragraph, weight) in texts {
                var counts: [String: Int] = [:]
                for term in SearchIndex.terms(text) { counts[term, default: 0] += 1 }
                for (term, count) in counts {
                    var entry = expected[term] ?? (paragraph, 0, 0)
                    entry.score += count * weight
                    if count * weight > entry.best { entry = (paragraph, entry.score, count * weight) }
                    expected[term] = entry
                }
            }
            let entries = SearchIndex.entries(document)
            XCTAssertEqual(Set(entries.keys), Set(expected.keys))
            for (term, entry) in expected {
                XCTAssertTrue(entries[term]! == entry, "\(term): \(entries[term]!) != \(entry)")
            }
        }
    }
}
