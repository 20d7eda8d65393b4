/// A horizontal time axis that may break: spans far apart from the rest (a treaty of 1813 in a
/// briefing about 2025) get a segment of their own instead of squeezing everything else into a
/// corner. Each segment is linear; segments are separated by a gap drawn as a break, and get
/// width by how much they hold (the square roots of their length and of their number of marks).
struct TimeAxis: Sendable {
    /// One linear piece: days `low...high` drawn from `left` to `right`.
    struct Segment: Equatable, Sendable {
        var low: Double
        var high: Double
        var left: Double
        var right: Double
    }

    private(set) var segments: [Segment] = []
    static let breakWidth = 22.0

    /// `spans` are the marks' days; the axis covers them all between `left` and `right`.
    init(spans: [ClosedRange<Int>], left: Double, right: Double) {
        let sorted = spans.sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
        guard let first = sorted.first else { return }
        let total = Double(sorted.map(\.upperBound).max()! - first.lowerBound)
        // A gap longer than three years and than a sixth of the whole breaks the axis.
        let threshold = max(1096.0, total / 6)
        var clusters: [(low: Int, high: Int, count: Int)] = [(first.lowerBound, first.upperBound, 1)]
        for span in sorted.dropFirst() {
            if Double(span.lowerBound - clusters[clusters.count - 1].high) > threshold {
                clusters.append((span.lowerBound, span.upperBound, 1))
            } else {
                clusters[clusters.count - 1].high = max(clusters[clusters.count - 1].high, span.upperBound)
                clusters[clusters.count - 1].count += 1
            }
        }
        let weights = clusters.map { (Double($0.high - $0.low) + 365).squareRoot() * Double($0.count).squareRoot() }
        let sum = weights.reduce(0, +)
        let available = right - left - Self.breakWidth * Double(clusters.count - 1)
        var x = left
        for (cluster, weight) in zip(clusters, weights) {
            let width = available * weight / sum
            let pad = max(Double(cluster.high - cluster.low) * 0.04, 20)
            segments.append(Segment(low: Double(cluster.low) - pad, high: Double(cluster.high) + pad, left: x, right: x + width))
            x += width + Self.breakWidth
        }
    }

    /// Where `day` is drawn (days between segments go to the nearer edge).
    func x(_ day: Double) -> Double {
        guard let last = segments.last else { return 0 }
        for (index, segment) in segments.enumerated() {
            if day <= segment.high || index == segments.count - 1 {
                if day < segment.low {
                    // In the gap before this segment: at the edge of the break.
                    return index == 0 ? segment.left : segment.left - Self.breakWidth / 2
                }
                let t = (day - segment.low) / max(segment.high - segment.low, 1)
                return segment.left + min(t, index == segments.count - 1 ? t : 1) * (segment.right - segment.left)
            }
        }
        return last.right
    }

    /// Tick days and labels per segment, spaced at least ~55 units apart.
    func ticks() -> [(day: Int, label: String)] {
        segments.flatMap { segment in
            TimelineStrip.ticks(from: segment.low, to: segment.high, most: max(1, Int((segment.right - segment.left) / 55)))
        }
    }
}
