@testable import BriefingKit
import XCTest

final class RelationshipGraphTests: XCTestCase {
    func graph(_ count: Int = 30, names: (Int) -> String = { "Entity number \($0)" }) -> RelationshipGraph {
        let kinds = ["person", "country", "organization", "place"]
        let nodes = (0..<count).map { index in
            RelationshipGraph.Node(slug: "e\(index)", name: names(index), kind: kinds[index % 4], kindLabel: kinds[index % 4].capitalized,
                                   mentions: 100 / (index + 1), href: "../../entities/e\(index)/index.html")
        }
        var links: [RelationshipGraph.Link] = []
        for a in 0..<count { for b in (a + 1)..<count where (a * 7 + b * 3) % 5 == 0 { links.append(.init(a: a, b: b, count: 1 + (a + b) % 9)) } }
        return RelationshipGraph(id: "g", title: "Graph", description: "d", nodes: nodes, links: links, focus: 0)
    }

    func testLayoutIsDeterministic() {
        XCTAssertEqual(graph().svg(), graph().svg())
        let a = graph().positions(radii: graph().radii()), b = graph().positions(radii: graph().radii())
        XCTAssertEqual(a.map(\.x), b.map(\.x))
        XCTAssertEqual(a.map(\.y), b.map(\.y))
    }

    func testNodesStayInsideAndApart() {
        let g = graph()
        let radii = g.radii()
        let points = g.positions(radii: radii)
        for p in points {
            XCTAssertTrue((0...g.width).contains(p.x) && (0...g.height).contains(p.y))
        }
        for i in points.indices { for j in points.indices where j > i {
            let d = ((points[i].x - points[j].x) * (points[i].x - points[j].x) + (points[i].y - points[j].y) * (points[i].y - points[j].y)).squareRoot()
            XCTAssertGreaterThanOrEqual(d, radii[i] + radii[j] + 1, "circles \(i) and \(j) touch")
        } }
    }

    func testLabelsOverlapNeitherEachOtherNorOtherNodes() {
        let g = graph(40)
        let points = g.positions(radii: g.radii())
        let boxes = g.labelBoxes(points, radii: g.radii())
        let placed = boxes.compactMap { $0?.box }
        XCTAssertGreaterThan(placed.count, g.nodes.count / 3, "many nodes keep a label")
        for (i, a) in placed.enumerated() { for b in placed[(i + 1)...] { XCTAssertFalse(a.overlaps(b)) } }
        for (index, entry) in boxes.enumerated() {
            guard let box = entry?.box else { continue }
            for other in points.indices where other != index {
                let r = g.radii()[other]
                let circle = LabelBox(x: points[other].x - r, y: points[other].y - r, width: 2 * r, height: 2 * r)
                XCTAssertFalse(box.overlaps(circle))
            }
        }
    }

    func testEveryNodeLinksToItsPage() throws {
        let svg = try XCTUnwrap(graph().svg())
        XCTAssertEqual(svg.matches(of: /<a href="\.\.\/\.\.\/entities\/e[0-9]+\/index\.html" class="gr-node/).count, 30)
        XCTAssertFalse(svg.contains("role=\"img\""), "an img would hide its links from screen readers")
        XCTAssertTrue(svg.contains("<title id=\"g-title\">Graph</title>"))
    }

    func testHostileNamesAreEscaped() throws {
        let svg = try XCTUnwrap(graph(5) { "<script>alert(\($0))</script>\"'&" }.svg())
        XCTAssertFalse(svg.contains("<script"))
        XCTAssertTrue(svg.contains("&lt;script&gt;"))
        XCTAssertFalse(svg.contains("\"'&\""))
    }

    func testSiteGraphIsBoundedOnALargeSite() throws {
        // 80 entities in many shared sentences: the site's picture keeps the 40 most mentioned, an
        // entity's neighbourhood (to depth 2) 25.
        var files = ["Content/site.yml": "title: Many\n"]
        for index in 0..<80 {
            files["Content/entities/e\(index).md"] = "---\nname: Entity \(index)\nkind: \(["person", "country", "place"][index % 3])\n---\n"
        }
        var body = ""
        for sentence in 0..<160 { body += "[[e\(sentence % 80)]] met [[e\((sentence * 7 + 3) % 80)]] and [[e\((sentence * 13 + 5) % 80)]]. " }
        files["Content/briefings/b.md"] = "---\ntitle: B\ndate: 2024-05-01\n---\n" + body + "\n"
        let built = try FixtureSite.build(files)
        defer { try? FileManager.default.removeItem(at: built.site) }
        XCTAssertTrue(built.report.succeeded, "\(built.report.diagnostics)")
        let home = try built.page("index.html")
        XCTAssertEqual(home.matches(of: #/class="gr-node /#).count, SiteRenderer.siteGraphNodes)
        let entity = try built.page("entities/e0/index.html")
        let nodes = entity.matches(of: #/class="gr-node /#).count
        XCTAssertGreaterThan(nodes, 5)
        XCTAssertLessThanOrEqual(nodes, SiteRenderer.neighbourhoodNodes)
        XCTAssertEqual(entity.matches(of: /gr-focus/).count, 1)
        XCTAssertEqual(entity.matches(of: /class="picture-svg picture-sparkline"/).count, 1)
    }

    func testBriefingsJoinEntitiesThatNeverShareASentence() throws {
        // As in the bench corpus: every sentence names one entity. The graphs then count shared
        // briefings, and say so, rather than show circles without a line.
        var files = ["Content/site.yml": "title: Alone\n"]
        for index in 0..<6 { files["Content/entities/e\(index).md"] = "---\nname: Entity \(index)\nkind: organization\n---\n" }
        files["Content/briefings/one.md"] = "---\ntitle: One\ndate: 2024-05-01\n---\n[[e0]] spoke.\n\n[[e1]] answered.\n\n[[e2]] left.\n"
        files["Content/briefings/two.md"] = "---\ntitle: Two\ndate: 2024-06-01\n---\n[[e0]] wrote.\n\n[[e3]] replied.\n"
        files["Content/briefings/three.md"] = "---\ntitle: Three\ndate: 2024-07-01\n---\n[[e3]] came.\n\n[[e4]] went.\n\n[[e5]] stayed.\n"
        let built = try FixtureSite.build(files)
        defer { try? FileManager.default.removeItem(at: built.site) }
        XCTAssertTrue(built.report.succeeded, "\(built.report.diagnostics)")
        let home = try built.page("index.html")
        XCTAssertEqual(home.matches(of: #/<line /#).count, 3 + 1 + 3, "one line per pair of entities in a briefing")
        XCTAssertTrue(home.contains("named in the same briefings"))
        XCTAssertFalse(home.contains("named in the same sentences"))
        // Depth 2 through shared briefings: e4 and e5 reach e0's graph through e3.
        let e0 = try built.page("entities/e0/index.html")
        let nodes = e0.matches(of: #/class="gr-node [^"]*" data-slug="(e[0-9])"/#).map { String($0.output.1) }
        XCTAssertEqual(Set(nodes), ["e0", "e1", "e2", "e3", "e4", "e5"])
        XCTAssertEqual(e0.matches(of: /gr-focus/).count, 1)
    }
}
