import Foundation

/// A deterministic force-directed layout (Fruchterman–Reingold with a pull to the centre):
/// seeded start positions, a fixed number of iterations and a cooling schedule, so the same
/// graph always gets the same picture.
struct GraphLayout {
    /// An undirected weighted edge between node indexes.
    struct Edge: Equatable, Sendable {
        var a: Int
        var b: Int
        var weight: Double
    }

    var nodeCount: Int
    var edges: [Edge]
    /// Per node, how much room it needs (larger nodes push harder).
    var sizes: [Double]
    /// A node kept at the centre (the entity of the page).
    var pinned: Int?
    var iterations = 150
    var seed: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// Positions in the unit square [0, 1]², one per node.
    func positions() -> [(x: Double, y: Double)] {
        guard nodeCount > 0 else { return [] }
        if nodeCount == 1 { return [(0.5, 0.5)] }
        // Start on a golden-angle spiral (node 0, the most important, in the middle), jittered by a
        // SplitMix64 stream: never two nodes on one spot, the same every run.
        var state = seed
        func random() -> Double {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            z ^= z >> 31
            return Double(z >> 11) / Double(1 << 53)
        }
        var x = [Double](repeating: 0, count: nodeCount)
        var y = [Double](repeating: 0, count: nodeCount)
        for i in 0..<nodeCount {
            let radius = 0.45 * sqrt(Double(i) / Double(nodeCount))
            let angle = Double(i) * 2.399_963_229_728_653
            x[i] = 0.5 + radius * cos(angle) + (random() - 0.5) * 0.02
            y[i] = 0.5 + radius * sin(angle) + (random() - 0.5) * 0.02
        }
        let k = 0.75 * sqrt(1.0 / Double(nodeCount))
        let k2 = k * k
        let maxWeight = edges.map(\.weight).max() ?? 1
        let half = sizes.map { $0 * 0.5 }
        var temperature = 0.1
        let cooling = temperature / Double(iterations + 1)
        // Every entity page lays out its own graph (5,000 at N = 1,000), so the pairs loop is the
        // build's hottest: raw buffers, and the repulsion k²·room/d along (ddx, ddy)/d written as
        // (ddx, ddy)·k²·room/d², which needs no square root.
        let n = nodeCount
        let dx = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        let dy = UnsafeMutableBufferPointer<Double>.allocate(capacity: n)
        defer { dx.deallocate(); dy.deallocate() }
        x.withUnsafeMutableBufferPointer { x in
            y.withUnsafeMutableBufferPointer { y in
                half.withUnsafeBufferPointer { half in
                    for _ in 0..<iterations {
                        dx.initialize(repeating: 0)
                        dy.initialize(repeating: 0)
                        for i in 0..<n {
                            let xi = x[i], yi = y[i], hi = half[i]
                            var fx = 0.0, fy = 0.0
                            for j in (i + 1)..<n {
                                var ddx = xi - x[j]
                                var ddy = yi - y[j]
                                var d2 = ddx * ddx + ddy * ddy
                                if d2 < 1e-12 { ddx = 1e-3; ddy = 0; d2 = 1e-6 }
                                let force = k2 * (1 + hi + half[j]) / d2
                                fx += ddx * force
                                fy += ddy * force
                                dx[j] -= ddx * force
                                dy[j] -= ddy * force
                            }
                            dx[i] += fx
                            dy[i] += fy
                        }
                        for edge in edges {
                            let ddx = x[edge.a] - x[edge.b]
                            let ddy = y[edge.a] - y[edge.b]
                            let distance = max(sqrt(ddx * ddx + ddy * ddy), 1e-6)
                            let force = distance / k * (0.3 + 0.7 * edge.weight / maxWeight)
                            dx[edge.a] -= ddx * force
                            dy[edge.a] -= ddy * force
                            dx[edge.b] += ddx * force
                            dy[edge.b] += ddy * force
                        }
                        for i in 0..<n {
                            // A pull to the centre keeps nodes without edges in the picture.
                            let fx = dx[i] + (0.5 - x[i]) * k * 1.5
                            let fy = dy[i] + (0.5 - y[i]) * k * 1.5
                            let length = sqrt(fx * fx + fy * fy)
                            guard length > 0 else { continue }
                            let step = min(length, temperature) / length
                            x[i] += fx * step
                            y[i] += fy * step
                        }
                        if let pinned { x[pinned] = 0.5; y[pinned] = 0.5 }
                        temperature -= cooling
                    }
                }
            }
        }
        // Fit to the unit square, keeping the aspect ratio the layout found.
        let minX = x.min()!, maxX = x.max()!, minY = y.min()!, maxY = y.max()!
        let spanX = max(maxX - minX, 1e-9), spanY = max(maxY - minY, 1e-9)
        return (0..<nodeCount).map { ((x[$0] - minX) / spanX, (y[$0] - minY) / spanY) }
    }
}
