@testable import BriefingKit
import XCTest

/// Backslash escapes cancel `[[references]]`, `[^annotations]` and `[!KIND]` as CommonMark's
/// escapes cancel links (issue 18, finding 15): the text shows as typed, with no diagnostic.
final class EscapedOpeningsTests: XCTestCase {
    /// The first noncharacter, the escape mark (Swift literals may not spell it).
    let mark = String(Unicode.Scalar(0xFDD0)!)

    func parse(_ markdown: String) -> ParsedDocument {
        MarkupParser(path: "b.md").parse(markdown)
    }

    func html(_ document: ParsedDocument) -> String {
        document.html { _ in ParsedDocument.Link(href: "#x", classes: "xref") }
    }

    func testEscapedReferencesStayText() {
        for (markdown, text) in [("See \\[[Israel]] here.", "See [[Israel]] here."),
                                 ("See [\\[Israel]] here.", "See [[Israel]] here."),
                                 ("See \\[\\[Israel\\]\\] here.", "See [[Israel]] here."),
                                 ("See \\[[a|b]] and \\[[c]].", "See [[a|b]] and [[c]]."),
                                 ("\\[[Israel]]", "[[Israel]]")] {
            let document = parse(markdown)
            XCTAssertEqual(document.references.count, 0, markdown)
            XCTAssertEqual(document.diagnostics, [], markdown)
            XCTAssertEqual(document.blocks.map(\.text), [text], markdown)
            XCTAssertEqual(html(document), "<p id=\"p1\">\(text)</p>\n", markdown)
        }
    }

    func testEscapedAnnotationsAndKindsStayText() {
        let document = parse("Claim \\[^1] and [\\^2].\n\n> \\[!NOTE]\n> Plain quote.\n\n[^3]: \\[!SOURCE] Kind as text.\n\nUses it.[^3]\n")
        XCTAssertEqual(document.diagnostics, [], "no “has no definition” for an escaped [^1]")
        XCTAssertEqual(document.annotations.map(\.kind), [.note], "an escaped [!SOURCE] is not the kind")
        let output = html(document)
        XCTAssertTrue(output.contains("Claim [^1] and [^2]."), output)
        XCTAssertTrue(output.contains("<blockquote>\n<p id=\"p2\">[!NOTE]\nPlain quote.</p>"), output)
        XCTAssertTrue(output.contains("[!SOURCE] Kind as text."), output)
        XCTAssertFalse(output.contains(mark), "no mark reaches the page")
    }

    func testUnescapedAndDoublyEscapedOpeningsStillWork() {
        let document = parse("A [[israel|Israel]] and \\\\[[iran]] and code `\\[[x]]`.\n\n```\n\\[[y]]\n```\n\n[link](http://e.org/\\[[z)\n")
        XCTAssertEqual(document.references.map(\.target), ["israel", "iran"], "an escaped backslash escapes nothing else")
        let output = html(document)
        XCTAssertTrue(output.contains("and \\<a"), output)
        XCTAssertTrue(output.contains("<code>\\[[x]]</code>"), "backslashes in code are text: \(output)")
        XCTAssertTrue(output.contains("<code>\\[[y]]\n</code>"), output)
        XCTAssertTrue(output.contains("href=\"http://e.org/%5B%5Bz\""), output)
        XCTAssertFalse(output.contains(mark), output)
        XCTAssertEqual(document.blocks.first?.text, "A Israel and \\iran and code \\[[x]].")
    }

    func testEmphasisBesideAnEscapeReadsAsBefore() {
        XCTAssertEqual(html(parse("\\[*x*] and \\[**\"y\"**]\n")), "<p id=\"p1\">[<em>x</em>] and [<strong>&quot;y&quot;</strong>]</p>\n")
    }

    func testTextThatAlreadyHasTheMarkIsLeftAlone() {
        let document = parse("Keep \(mark) and \\[[x]].\n")
        XCTAssertEqual(document.references.count, 0)
        XCTAssertEqual(document.blocks.map(\.text), ["Keep \(mark) and [[x]]."], "another noncharacter marks the escape")
    }
}
