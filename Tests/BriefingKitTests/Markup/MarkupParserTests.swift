@testable import BriefingKit
import XCTest

final class MarkupParserTests: XCTestCase {
    func parse(_ markdown: String) -> ParsedDocument {
        MarkupParser(path: "b.md", firstLine: 5).parse(markdown)
    }

    func render(_ document: ParsedDocument) -> String {
        document.html { index in
            ParsedDocument.Link(href: "#ref-\(index)", classes: "xref", attributes: [("data-target", document.references[index].target)])
        }
    }

    func testFindsReferencesWithTargetLabelAndLocation() {
        let document = parse("President [[ilham-aliyev|Ilham Aliyev]] met [[NATO]].\n\nOn [[2025-03-13|March 13]] too.\n")
        XCTAssertEqual(document.references.map(\.target), ["ilham-aliyev", "NATO", "2025-03-13"])
        XCTAssertEqual(document.references.map(\.label), ["Ilham Aliyev", "NATO", "March 13"])
        XCTAssertEqual(document.references.map(\.location.line), [5, 5, 7])
        XCTAssertEqual(document.references.map(\.location.column), [11, 45, 4])
        XCTAssertEqual(document.blocks.map(\.anchor), ["p1", "p2"])
        let first = document.references[0]
        XCTAssertEqual(document.blocks[first.blockIndex].slice(first.range), "Ilham Aliyev")
    }

    func testRendersReferencesAsLinksAndParagraphAnchors() {
        let html = render(parse("See [[a|the A]] and [[b]].\n\n## Next part\n\nMore.\n"))
        XCTAssertTrue(html.contains(#"<p id="p1">"#), html)
        XCTAssertTrue(html.contains(##"<a class="xref" href="#ref-0" data-target="a">the A</a>"##), html)
        XCTAssertTrue(html.contains(#"<h2 id="next-part">Next part</h2>"#), html)
        XCTAssertTrue(html.contains(#"<p id="p2">"#), html)
    }

    func testSentencesGiveMentionContext() {
        let document = parse("The U.S. and [[azerbaijan|Baku]] talked. Mr. Smith left [[iran|Iran]]. Then nothing.\n")
        let block = document.blocks[0]
        XCTAssertEqual(block.sentences.map(block.slice), ["The U.S. and Baku talked.", "Mr. Smith left Iran.", "Then nothing."])
        let iran = document.references[1]
        XCTAssertEqual(block.slice(block.sentence(containing: iran.range.lowerBound)), "Mr. Smith left Iran.")
    }

    func testAnnotationsBecomeNumberedSidenotesWithTheirKind() {
        let document = parse("""
        First claim.[^src] Second claim.[^plain]

        [^src]: [!SOURCE] From [[nato|NATO]] records.
        [^plain]: Just a note.
        """)
        XCTAssertEqual(document.annotations.map(\.label), ["src", "plain"])
        XCTAssertEqual(document.annotations.map(\.kind), [.source, .note])
        XCTAssertEqual(document.references.map(\.target), ["nato"])
        let html = render(document)
        XCTAssertTrue(html.contains(#"<span class="annotation annotation-source"><label for="sn-1" class="sidenote-number""#), html)
        XCTAssertTrue(html.contains(#"<input type="checkbox" id="sn-1" class="margin-toggle""#), html)
        XCTAssertTrue(html.contains(#"<span class="annotation-kind">Source</span>"#), html)
        XCTAssertTrue(html.contains(##"From <a class="xref" href="#ref-0" data-target="nato">NATO</a> records."##), html)
        XCTAssertFalse(html.contains("[!SOURCE]"), html)
        XCTAssertFalse(html.contains("footnotes"), "cmark's footnote section must be replaced by sidenotes")
        XCTAssertEqual(document.blocks.last?.anchor, "p1", "an annotation's text points at its reference's paragraph")
    }

    func testFootnoteWithoutDefinitionAndUnknownKindAreDiagnosed() {
        let document = parse("Claim.[^gone] Other.[^x]\n\n[^x]: [!RUMOUR] Hmm.\n")
        let messages = document.diagnostics.map(\.description)
        XCTAssertTrue(messages.contains { $0.hasPrefix("b.md:5:7: error: annotation [^gone] has no definition") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.contains("unknown annotation kind [!RUMOUR]") && $0.hasPrefix("b.md:7:") }, "\(messages)")
    }

    func testCalloutsAndAttributedQuotes() {
        let document = parse("""
        > [!KEY]
        > The main point.

        > We will build it.
        > — [[ilham-aliyev|Ilham Aliyev]], 2025
        """)
        let html = render(document)
        XCTAssertTrue(html.contains(#"<div class="callout callout-key" role="note"><p class="callout-title">Key</p>"#), html)
        XCTAssertTrue(html.contains("The main point."), html)
        XCTAssertFalse(html.contains("[!KEY]"), html)
        XCTAssertTrue(html.contains("<figure class=\"quote\">"), html)
        XCTAssertTrue(html.contains("<figcaption>— <a class=\"xref\" href=\"#ref-0\" data-target=\"ilham-aliyev\">Ilham Aliyev</a>, 2025</figcaption>"), html)
        XCTAssertEqual(document.quotations.map(\.text), ["We will build it."])
        XCTAssertEqual(document.quotations.first?.speakerReference, 0)
        XCTAssertEqual(document.quotations.first?.anchor, "p2")
    }

    func testRawHTMLAndScriptNeverReachThePage() {
        let html = render(parse("<script>alert(1)</script>\n\nHi <img src=x onerror=alert(1)> [x](javascript:alert(1)) [[a|<b>bold</b>]]\n"))
        XCTAssertFalse(html.contains("<script"), html)
        XCTAssertFalse(html.contains("<img"), html)
        XCTAssertFalse(html.contains("javascript:"), html)
        XCTAssertFalse(html.contains("<b>"), html)
    }

    func testGFMExtensionsStayOn() {
        let html = render(parse("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~ www.example.com\n\n- [x] done\n"))
        XCTAssertTrue(html.contains("<table>"), html)
        XCTAssertTrue(html.contains("<del>gone</del>"), html)
        XCTAssertTrue(html.contains("href=\"http://www.example.com\""), html)
        XCTAssertTrue(html.contains("type=\"checkbox\""), html)
    }

    func testParsingInParallelGivesTheSameResultAsAlone() {
        let text = "A ~~b~~ [[x|y]] www.example.com.[^n]\n\n| a |\n|---|\n| 1 |\n\n[^n]: [!CONTEXT] note\n"
        let expected = render(parse(text))
        let results = Array(repeating: text, count: 64).parallelMap { text in
            let document = MarkupParser(path: "b.md", firstLine: 5).parse(text)
            return document.html { index in
                ParsedDocument.Link(href: "#ref-\(index)", classes: "xref", attributes: [("data-target", document.references[index].target)])
            }
        }
        XCTAssertEqual(Set(results), [expected])
    }
}

final class TableReferenceTests: XCTestCase {
    /// In a table a label's bar is escaped (`[[y\|Why]]`), as GFM wants for any `|` in a cell.
    func testReferencesInTableCellsBecomeLinks() {
        let document = MarkupParser(path: "t.md").parse("| a | b |\n|---|---|\n| [[x]] | see [[y\\|Why]] here |\n\nPara [[x]].\n")
        XCTAssertEqual(document.references.map(\.label), ["x", "Why", "x"])
        let html = document.html { index in ParsedDocument.Link(href: "../e\(index)/index.html", classes: "xref", attributes: [("title", "T")]) }
        XCTAssertTrue(html.contains(#"<td><a href="../e0/index.html" title="T">x</a></td>"#), html)
        XCTAssertTrue(html.contains(#"<td>see <a href="../e1/index.html" title="T">Why</a> here</td>"#), html)
        XCTAssertTrue(html.contains(#"Para <a class="xref" href="../e2/index.html" title="T">x</a>."#), html)
    }
}

/// A parse is rendered again when a later build links its references differently (`serve`).
final class RenderAgainTests: XCTestCase {
    func testLinkingAgainGivesWhatAFreshParseGives() {
        for text in ["A [[x]] and [[y|Why]].[^n]\n\n[^n]: [!NOTE] on [[x]]\n",      // rendered from its template
                     "| [[x]] |\n|---|\n| [[y]] |\n\nPara [[x]].\n",              // a table cell: from its tree
                     "A \u{1}0\u{2} [[x]].\n"] {                                    // marker bytes typed in: from its tree
            func link(_ version: Int) -> (Int) -> ParsedDocument.Link? {
                { index in index == 1 && version == 2 ? nil
                    : ParsedDocument.Link(href: "v\(version)/e\(index)", classes: "xref v\(version)", attributes: [("title", "T\(version)")]) }
            }
            let document = MarkupParser(path: "a.md").parse(text)
            let first = document.html(link: link(1))
            XCTAssertEqual(first, MarkupParser(path: "a.md").parse(text).html(link: link(1)), text)
            XCTAssertEqual(document.html(link: link(1)), first, text)
            XCTAssertEqual(document.html(link: link(2)), MarkupParser(path: "a.md").parse(text).html(link: link(2)), text)
            XCTAssertNotEqual(document.html(link: link(2)), first, text)
        }
    }
}


final class ReferenceTextTests: XCTestCase {
    private func randomText(_ alphabet: [Character], _ generator: inout SystemRandomNumberGenerator) -> Substring {
        let text = String((0..<Int.random(in: 0...12, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
        return text.dropFirst(Int.random(in: 0...1, using: &generator))
    }

    /// The byte shortcut trims what Foundation trims.
    func testTrimmingMatchesFoundation() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("a| \t\u{A0}\u{3000}\u{2009}é\u{301}\r\n.")
        for _ in 0..<2000 {
            let text = randomText(alphabet, &generator)
            XCTAssertEqual(CrossReference.trimmed(text), text.trimmingCharacters(in: .whitespaces), text.debugDescription)
        }
    }

    /// Columns count Characters, also where the shortcut counts bytes.
    func testCharacterCountWithinALine() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab \t\r[é\u{301}😀\u{1F3FD}")
        for _ in 0..<2000 {
            let text = randomText(alphabet, &generator)
            XCTAssertEqual(MarkupParser.characterCount(text), text.count, text.debugDescription)
        }
    }
}
