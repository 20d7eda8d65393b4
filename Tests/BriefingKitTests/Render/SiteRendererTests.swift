@testable import BriefingKit
import XCTest

final class EntityPreviewJSONTests: XCTestCase {
    func testPreviewsAreWhatJSONEncoderWritesForTheirDictionary() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("az-09_Zé<>/\"\\\n ")
        func text(_ length: Int) -> String {
            String((0..<Int.random(in: 0...length, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for _ in 0..<200 {
            var linked: [String: SiteRenderer.EntityPreview] = [:]
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                linked[text(6)] = .init(name: text(12), kind: text(5), kindLabel: text(5), role: text(10), summary: text(40),
                                        mentions: Int.random(in: 0...500, using: &generator))
            }
            let expected = String(decoding: try encoder.encode(linked), as: UTF8.self).replacingOccurrences(of: "<", with: "\\u003c")
            XCTAssertEqual(SiteRenderer.previewsJSON(linked), expected)
        }
    }
}
