/// Mentions over time as a small bar chart (a sparkline): one bar per month from the site's first
/// briefing to its last (per year when that is more than five years), with the first and last
/// period named below and each bar's count in its tooltip.
struct Sparkline {
    /// Mentions in one month.
    struct Month: Hashable, Comparable, Sendable {
        var year: Int
        var month: Int

        static func < (a: Month, b: Month) -> Bool { (a.year, a.month) < (b.year, b.month) }
    }

    var id: String
    var title: String
    var description: String
    var counts: [Month: Int]
    /// The months the axis covers (the site's briefings), so entity sparklines are comparable.
    var first: Month
    var last: Month
    var width = 320.0
    var height = 56.0

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The bars: label and count, in order.
    func bars() -> [(label: String, count: Int)] {
        guard first <= last else { return [] }
        let months = (last.year - first.year) * 12 + last.month - first.month + 1
        if months > 60 {
            return (first.year...last.year).map { year in
                (String(year), counts.filter { $0.key.year == year }.reduce(0) { $0 + $1.value })
            }
        }
        var bars: [(String, Int)] = []
        var month = first
        while month <= last {
            bars.append(("\(Self.monthNames[month.month - 1]) \(month.year)", counts[month] ?? 0))
            month = month.month == 12 ? Month(year: month.year + 1, month: 1) : Month(year: month.year, month: month.month + 1)
        }
        return bars
    }

    func svg() -> String? {
        let bars = bars()
        guard !bars.isEmpty, bars.contains(where: { $0.count > 0 }) else { return nil }
        let most = Double(bars.map(\.count).max()!)
        let chartHeight = height - 16
        let slot = width / Double(bars.count)
        let barWidth = max(1, min(slot * 0.8, 24))
        var svg = SVGWriter()
        let n = SVGWriter.number
        svg.begin(id: id, className: "picture-sparkline", width: width, height: height, title: title, description: description, hasLinks: false)
        svg.open("line", [("class", "sp-base"), ("x1", "0"), ("x2", n(width)), ("y1", n(chartHeight + 0.5)), ("y2", n(chartHeight + 0.5))], close: true)
        for (index, bar) in bars.enumerated() {
            let h = bar.count == 0 ? 0 : max(2, Double(bar.count) / most * (chartHeight - 2))
            let x = Double(index) * slot + (slot - barWidth) / 2
            svg.open("rect", [("class", bar.count == 0 ? "sp-bar sp-zero" : "sp-bar"), ("x", n(x)), ("y", n(chartHeight - h)),
                              ("width", n(barWidth)), ("height", n(max(h, 1)))])
            svg.element("title", text: "\(bar.label): \(bar.count) mention\(bar.count == 1 ? "" : "s")")
            svg.close("rect")
        }
        svg.element("text", [("class", "sp-axis"), ("x", "0"), ("y", n(height - 2))], text: bars.first!.label)
        if bars.count > 1 {
            svg.element("text", [("class", "sp-axis"), ("x", n(width)), ("y", n(height - 2)), ("text-anchor", "end")], text: bars.last!.label)
        }
        svg.end()
        return svg.text
    }
}
