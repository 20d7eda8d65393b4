@testable import BriefingKit
import XCTest

/// What the importer writes reads back as the article's text exactly (issue 18, finding 15):
/// Markdown, GFM and Briefing syntax in an article stay text; only the importer's own
/// references and annotations are new.
final class ImportRoundTripTests: XCTestCase {
    /// Text that is Markdown, GFM or Briefing syntax when written unescaped.
    static let hostile = [
        "Text with [^1] and [[Israel]] and [[x|y]] and [!NOTE] inside.",
        "Entities &amp; &#38; &#x26; &copy; and AT&T and &;",
        "*stars* and **strong** and _under_ and __double__ and snake_case_name.",
        "<b>bold</b> and <script>alert(1)</script> and <http://example.org> and a < b > c.",
        "1. This paragraph starts like a list item.",
        "2) So does this one.",
        "# Not a heading at all.",
        "###### Nor this one",
        "> Not a quote.",
        "- Not a list.",
        "+ Not a list either.",
        "* Not a list with a star.",
        "---",
        "***",
        "___",
        "===",
        "```swift",
        "~~~",
        "~~struck~~ and ~single~ tildes.",
        "`code` and ``double `ticks` `` here.",
        "a | b | c",
        "| a | b |",
        "Trailing backslash\\",
        "Back\\slash \\* and \\[ already written",
        "[link](http://example.org) and ![image](x.png) and [ref][1] and <mail@example.org>.",
        "[1]: http://example.org",
        "[^note]: Looks like a definition.",
        "www.example.org and https://example.org/path_(x) too.",
        "Closing hashes at the end ##",
        "- [ ] a task",
        "Ünïcödé — “quotes” – dashes… and 李明 and محمد.",
        "A line\twith a tab.",
        "100. Numbered paragraph of a think-tank report.",
        "1234567890. A long number is no list.",
    ]

    func parse(_ markdown: String) -> ParsedDocument {
        MarkupParser(path: "b.md").parse(markdown)
    }

    func assertReadsBack(_ text: String, as markdown: String, file: StaticString = #filePath, line: UInt = #line) {
        let document = parse(markdown)
        XCTAssertEqual(document.blocks.map(\.text), [text], "written as \(markdown)", file: file, line: line)
        XCTAssertEqual(document.references.count, 0, markdown, file: file, line: line)
        XCTAssertEqual(document.annotations.count, 0, markdown, file: file, line: line)
        XCTAssertEqual(document.diagnostics, [], markdown, file: file, line: line)
    }

    func testEscapedTextParsesBackToItself() {
        for text in Self.hostile {
            assertReadsBack(text, as: MarkdownEscaper.escape(text, at: .init(atBlockStart: true)))
            assertReadsBack(text, as: "> " + MarkdownEscaper.escape(text, at: .init(atBlockStart: true)))
            assertReadsBack(text, as: "## " + MarkdownEscaper.escape(text, at: .init(atHeadingEnd: true)))
        }
    }

    /// Random lines over an alphabet of every ASCII punctuation mark, digits and spaces.
    func testRandomPunctuationParsesBackToItself() {
        var generator = SplitMix(seed: 18)
        let alphabet = "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ 1a".map(String.init) + ["  ", "1. ", "&amp;", "[[", "]]", "[^", "\t"]
        for _ in 0..<3000 {
            var text = ""
            for _ in 0..<Int.random(in: 1...14, using: &generator) { text += alphabet.randomElement(using: &generator)! }
            text = text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            assertReadsBack(text, as: MarkdownEscaper.escape(text, at: .init(atBlockStart: true)))
            assertReadsBack(text, as: "## " + MarkdownEscaper.escape(text, at: .init(atHeadingEnd: true)))
        }
    }

    /// An imported article's briefing, parsed as the build parses it: every block's text is the
    /// article's, with the importer's references around its entities and dates.
    func testImportedBriefingReadsBackAsTheArticle() throws {
        let body = Self.hostile.joined(separator: "\n")
        let text = "Hostile Text in [[Brackets]] & <Tags>\nBy 李明\nMarch 31, 2025\n"
            + "Israel(2020) and [Israel] and [[Israel]] met Azerbaijan! President Ilham Aliyev said, “We will go on.” (It did.)\n"
            + body + "\n"
        let site = try FixtureSite.temporaryFolder()
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try Data("title: Test\n".utf8).write(to: site.appendingPathComponent("Content/site.yml"))
        let report = Importer(text: text, sourceName: "a.txt", siteDirectory: site).run()
        XCTAssertTrue(report.succeeded, "\(report.diagnostics)")
        let (loaded, diagnostics) = ContentLoader(siteDirectory: site).load()
        XCTAssertEqual(diagnostics, [])
        let briefing = try XCTUnwrap(loaded?.briefings.first)
        XCTAssertEqual(briefing.fields.title, "Hostile Text in [[Brackets]] & <Tags>")
        let document = MarkupParser(path: briefing.path, firstLine: briefing.bodyLine).parse(briefing.body)
        XCTAssertEqual(document.diagnostics, [])
        let expected = ArticleStructure(scalars: Array(text.unicodeScalars)).blocks.map(\.text)
        XCTAssertEqual(document.blocks.count, expected.count + 1, "and the quote's annotation")
        XCTAssertEqual(Array(document.blocks.prefix(expected.count).map(\.text)), expected)
        XCTAssertTrue(document.references.contains { $0.target == "israel" }, "the importer's references are there")
        XCTAssertTrue(document.references.allSatisfy { !$0.label.contains("[") }, "\(document.references.map(\.label))")
    }

    func testControlCharactersAreReplacedAndSaidSo() throws {
        let (text, diagnostics) = Importer.replacingControlCharacters(in: "Title\nA NUL \u{0} here\nand ESC \u{1B}, tab\tstays.", source: "a.txt")
        XCTAssertEqual(text, "Title\nA NUL \u{FFFD} here\nand ESC \u{FFFD}, tab\tstays.")
        XCTAssertEqual(diagnostics.map(\.description),
                       ["a.txt:2:7: warning: the article has 2 control characters (the first U+0000), which no page can show; the briefing has U+FFFD (�) in its place"])
        XCTAssertEqual(Importer.replacingControlCharacters(in: "Plain\r\ntext", source: "a.txt").1, [])
    }
}

/// A seeded generator, so that a failing line is the same on every run.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
