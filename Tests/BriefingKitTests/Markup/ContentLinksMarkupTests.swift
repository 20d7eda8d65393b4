@testable import BriefingKit
import XCTest

/// Markup for links between content, sections (link density) and figures.
final class ContentLinksMarkupTests: XCTestCase {
    func testDocumentReferencesKeepTheSlugAsTheirTextAndKnowWhetherALabelWasWritten() {
        let parsed = MarkupParser(path: "b.md").parse("See [[briefing:gas-deal]] and [[page:about|our page]] and [[Baku]].\n")
        XCTAssertEqual(parsed.references.map(\.target), ["briefing:gas-deal", "page:about", "Baku"])
        XCTAssertEqual(parsed.references.map(\.label), ["gas-deal", "our page", "Baku"])
        XCTAssertEqual(parsed.references.map(\.labeled), [false, true, false])
        XCTAssertEqual(parsed.blocks[0].text, "See gas-deal and our page and Baku.")
        let titled = MarkupParser(path: "b.md", documentTitles: ["briefing:gas-deal": "Gas <Deal>", "page:about": "About"])
            .parse("See [[briefing:gas-deal]] and [[page:about|our page]] and [[page:nope]].\n")
        XCTAssertEqual(titled.blocks[0].text, "See Gas <Deal> and our page and nope.", "the title, where a label is not written")
        XCTAssertTrue(titled.html { _ in nil }.contains("See Gas &lt;Deal&gt; and"))
    }

    func testSectionsFollowHeadingsAndNotesTheirParagraph() {
        let parsed = MarkupParser(path: "b.md").parse("""
        Intro [[A]].[^n]

        ## One

        Body [[A]].

        ### Two

        More [[A]].

        [^n]: A note on [[A]].

        """)
        XCTAssertEqual(parsed.references.map { parsed.blocks[$0.blockIndex].section }, [0, 1, 2, 0])
        XCTAssertEqual(parsed.blocks.map(\.section), [0, 1, 1, 2, 2, 0])
    }

    func testATitledImageAloneInAParagraphIsAFigure() {
        let html = MarkupParser(path: "b.md").parse("""
        ![Map of Baku](../../assets/baku.png "The <old> city")

        Text ![inline](x.png "not a figure") here.

        ![untitled](y.png)

        """).html { _ in nil }
        XCTAssertTrue(html.contains("<figure class=\"figure\">\n<img src=\"../../assets/baku.png\" alt=\"Map of Baku\" />\n<figcaption>The &lt;old&gt; city</figcaption>\n</figure>"), html)
        XCTAssertTrue(html.contains("title=\"not a figure\""), "an image inside text stays an image")
        XCTAssertEqual(html.components(separatedBy: "<figure").count, 2, html)
        XCTAssertTrue(html.contains("<p id=\"p1\">Text"), "the figure is not a numbered paragraph")
    }

    func testLinkTextReplacesTheLabelInBothRenderings() {
        let link = ParsedDocument.Link(href: "../../pages/about/index.html", classes: "xref xref-page", text: "About <us>")
        let plain = MarkupParser(path: "b.md").parse("See [[page:about]] now.\n")
        XCTAssertTrue(plain.html { _ in link }.contains(#"<a class="xref xref-page" href="../../pages/about/index.html">About &lt;us&gt;</a> now."#))
        // In a table cell the reference is a cmark link, rendered from the tree.
        let table = MarkupParser(path: "b.md").parse("| a |\n| - |\n| [[page:about]] [[Baku]] |\n")
        let html = table.html { $0 == 0 ? link : nil }
        XCTAssertTrue(html.contains(#"<a href="../../pages/about/index.html">About &lt;us&gt;</a>"#), html)
        XCTAssertTrue(html.contains("Baku</td>"), html)
        XCTAssertFalse(html.contains("href=\"\""), "an unlinked reference in a table is its text, not an empty link")
    }
}
