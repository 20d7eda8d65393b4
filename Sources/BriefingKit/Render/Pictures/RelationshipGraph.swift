import Foundation

/// A relationship graph as inline SVG: entities as nodes (coloured by kind, sized by mentions),
/// co-mentions as edges (thicker for more), laid out by `GraphLayout`; each node links to its
/// entity page. Labels are placed beside their node where they overlap no other label or node,
/// largest nodes first; the others show their name on hover and to assistive technology.
struct RelationshipGraph {
    /// One entity.
    struct Node: Equatable, Sendable {
        var slug: String
        var name: String
        var kind: String
        var kindLabel: String
        var mentions: Int
        var href: String
    }

    /// Sentences naming both nodes.
    struct Link: Equatable, Sendable {
        var a: Int
        var b: Int
        var count: Int
    }

    var id: String
    var title: String
    var description: String
    /// Most important first (the layout starts them in the middle).
    var nodes: [Node]
    var links: [Link]
    /// The node of the page the graph is on, drawn with a ring.
    var focus: Int?
    var width = 720.0
    var height = 440.0

    static let fontSize = 11.0

    /// Each node's circle radius, by the square root of its share of the most mentions.
    func radii() -> [Double] {
        let most = max(Double(nodes.map(\.mentions).max() ?? 1), 1)
        return nodes.map { 4 + 11 * sqrt(Double(max($0.mentions, 1)) / most) }
    }

    /// Node centres in the picture's coordinates.
    func positions(radii: [Double]) -> [(x: Double, y: Double)] {
        let most = Double(nodes.map(\.mentions).max() ?? 1)
        let layout = GraphLayout(nodeCount: nodes.count,
                                 edges: links.map { GraphLayout.Edge(a: $0.a, b: $0.b, weight: log(1 + Double($0.count))) },
                                 sizes: nodes.map { sqrt(Double(max($0.mentions, 1)) / max(most, 1)) }, pinned: focus)
        let margin = (x: 70.0, y: 28.0)
        var points = layout.positions().map { (x: margin.x + $0.x * (width - 2 * margin.x), y: margin.y + $0.y * (height - 2 * margin.y)) }
        // The layout works on points; circles drawn there can still touch (nodes of equal weight,
        // pulled together by a strong line). Push overlapping pairs apart, half each, a few rounds.
        for _ in 0..<60 {
            var moved = false
            for i in points.indices {
                for j in points.indices where j > i {
                    var dx = points[j].x - points[i].x, dy = points[j].y - points[i].y
                    let distance = (dx * dx + dy * dy).squareRoot()
                    let room = radii[i] + radii[j] + 6
                    guard distance < room else { continue }
                    if distance < 1e-6 { dx = 1; dy = 0 }
                    let length = max(distance, 1e-6)
                    let (shareI, shareJ) = i == focus ? (0.0, 1.0) : j == focus ? (1.0, 0.0) : (0.5, 0.5)
                    let push = room - distance
                    points[i].x -= dx / length * push * shareI
                    points[i].y -= dy / length * push * shareI
                    points[j].x += dx / length * push * shareJ
                    points[j].y += dy / length * push * shareJ
                    moved = true
                }
            }
            for index in points.indices {
                points[index].x = min(max(points[index].x, margin.x), width - margin.x)
                points[index].y = min(max(points[index].y, margin.y), height - margin.y)
            }
            if !moved { break }
        }
        return points
    }

    /// Each node's label box, or nil where no place beside the node was free.
    func labelBoxes(_ points: [(x: Double, y: Double)], radii: [Double]) -> [(box: LabelBox, anchor: String)?] {
        var placed: [LabelBox] = []
        let circles = nodes.indices.map { index -> LabelBox in
            let r = radii[index]
            return LabelBox(x: points[index].x - r, y: points[index].y - r, width: 2 * r, height: 2 * r)
        }
        var result: [(box: LabelBox, anchor: String)?] = Array(repeating: nil, count: nodes.count)
        let order = nodes.indices.sorted { (nodes[$0].mentions, $1) > (nodes[$1].mentions, $0) }
        for index in order {
            let text = SVGWriter.shorten(nodes[index].name, to: 24)
            let w = SVGWriter.textWidth(text, size: Self.fontSize)
            let h = Self.fontSize + 3
            let r = radii[index]
            let (cx, cy) = points[index]
            let candidates: [(LabelBox, String)] = [
                (LabelBox(x: cx + r + 3, y: cy - h / 2, width: w, height: h), "start"),
                (LabelBox(x: cx - r - 3 - w, y: cy - h / 2, width: w, height: h), "end"),
                (LabelBox(x: cx - w / 2, y: cy - r - 2 - h, width: w, height: h), "middle"),
                (LabelBox(x: cx - w / 2, y: cy + r + 2, width: w, height: h), "middle"),
            ]
            for (box, anchor) in candidates {
                guard box.x >= 0, box.y >= 0, box.x + box.width <= width, box.y + box.height <= height else { continue }
                if placed.contains(where: box.overlaps) { continue }
                if circles.indices.contains(where: { $0 != index && circles[$0].overlaps(box) }) { continue }
                placed.append(box)
                result[index] = (box, anchor)
                break
            }
        }
        return result
    }

    func svg() -> String? {
        guard !nodes.isEmpty else { return nil }
        let radii = radii()
        let points = positions(radii: radii)
        let labels = labelBoxes(points, radii: radii)
        let kinds = Array(Set(nodes.map { $0.kind })).sorted()
        let legendHeight = 26.0
        var svg = SVGWriter()
        let n = SVGWriter.number
        svg.begin(id: id, className: "picture-graph", width: width, height: height + legendHeight, title: title, description: description)
        svg.open("g", [("class", "gr-edges")])
        let strongest = Double(links.map(\.count).max() ?? 1)
        for link in links {
            let a = points[link.a], b = points[link.b]
            svg.open("line", [("x1", n(a.x)), ("y1", n(a.y)), ("x2", n(b.x)), ("y2", n(b.y)),
                              ("stroke-width", n(0.7 + 3.3 * Double(link.count) / strongest)),
                              ("data-a", nodes[link.a].slug), ("data-b", nodes[link.b].slug)], close: true)
        }
        svg.close("g")
        svg.open("g", [("class", "gr-nodes")])
        for (index, node) in nodes.enumerated() {
            let (cx, cy) = points[index]
            let label = "\(node.name) (\(node.kindLabel)), \(node.mentions) mention\(node.mentions == 1 ? "" : "s")"
            svg.open("a", [("href", node.href), ("class", "gr-node kind-\(node.kind)" + (index == focus ? " gr-focus" : "")),
                           ("data-slug", node.slug), ("aria-label", label)])
            svg.element("title", text: label)
            if index == focus {
                svg.open("circle", [("class", "gr-ring"), ("cx", n(cx)), ("cy", n(cy)), ("r", n(radii[index] + 4))], close: true)
            }
            svg.open("circle", [("cx", n(cx)), ("cy", n(cy)), ("r", n(radii[index]))], close: true)
            if let (box, anchor) = labels[index] {
                let tx = anchor == "start" ? box.x : anchor == "end" ? box.x + box.width : box.x + box.width / 2
                svg.element("text", [("x", n(tx)), ("y", n(box.y + box.height - 3.5)), ("text-anchor", anchor)],
                            text: SVGWriter.shorten(node.name, to: 24))
            }
            svg.close("a")
        }
        svg.close("g")
        // Legend: the kinds shown, each with its colour.
        svg.open("g", [("class", "gr-legend"), ("aria-hidden", "true")])  // each node's label names its kind
        var lx = 8.0
        for kind in kinds {
            let label = nodes.first { $0.kind == kind }!.kindLabel
            let w = SVGWriter.textWidth(label, size: 11)
            if lx + 14 + w > width { break }
            svg.open("circle", [("class", "kind-\(kind)"), ("cx", n(lx + 5)), ("cy", n(height + 12)), ("r", "5")], close: true)
            svg.element("text", [("x", n(lx + 14)), ("y", n(height + 16))], text: label)
            lx += 14 + w + 14
        }
        svg.close("g")
        svg.end()
        return svg.text
    }
}
