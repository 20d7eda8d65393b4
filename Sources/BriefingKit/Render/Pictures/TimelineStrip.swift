/// A timeline strip: dated events on a horizontal axis, in lanes, as inline SVG.
///
/// Days are points, months, years and intervals are bars (their real extent on the axis); events
/// of one lane on the same span are one mark; marks after the publication date are forecasts,
/// drawn hollow beyond a "published" rule. Labels go in rows below each lane's marks, placed
/// greedily from left to right: a label that fits in no row is left out (its mark keeps its
/// tooltip and link), so labels never overlap. Too many marks for a lane are aggregated into one
/// bar per year, which links to that year.
struct TimelineStrip {
    /// One dated event.
    struct Item: Sendable {
        var date: EDTFDate
        /// The label shown beside the mark (short) and the tooltip's text (long).
        var label: String
        var text: String
        var href: String
        var lane: Int
    }

    /// One drawn mark: a group of events of a lane on the same span, or a year of them.
    struct Mark: Equatable, Sendable {
        var lane: Int
        var span: ClosedRange<Int>
        var count: Int
        var label: String
        var tooltip: String
        var href: String
        var forecast: Bool
        var approximate: Bool
        var isBar: Bool
        /// Set when the mark stands for a whole year of events.
        var aggregated: Bool
    }

    var id: String
    var title: String
    var description: String
    /// Lane names; with one lane no name column is drawn.
    var lanes: [String]
    var items: [Item]
    /// Events after this day are forecasts.
    var published: EDTFDate?
    /// A lane with more marks than this shows a bar per year instead.
    var aggregateAbove = 120
    /// Where the bar of a year links (aggregated lanes).
    var yearHref: (Int) -> String = { "#y\($0)" }

    static let width = 760.0
    static let trackHeight = 13.0
    static let rowHeight = 15.0
    static let fontSize = 11.0

    /// The marks, in lane order and then by date.
    func marks() -> [Mark] {
        let publishedDay = published.flatMap(CivilDay.span(of:))?.upperBound
        var marks: [Mark] = []
        for lane in lanes.indices {
            let laneItems = items.filter { $0.lane == lane }
                .compactMap { item in CivilDay.span(of: item.date).map { (item, $0) } }
            // Same lane and span: one mark, in the order the events came.
            var order: [ClosedRange<Int>] = []
            var groups: [ClosedRange<Int>: [Item]] = [:]
            for (item, span) in laneItems {
                if groups[span] == nil { order.append(span) }
                groups[span, default: []].append(item)
            }
            var laneMarks = order.map { span -> Mark in
                let group = groups[span]!
                let first = group[0]
                let tooltip = group.prefix(6).map { "\($0.date.label): \(SVGWriter.shorten($0.text, to: 140))" }
                    .joined(separator: "\n") + (group.count > 6 ? "\n… and \(group.count - 6) more" : "")
                return Mark(lane: lane, span: span, count: group.count,
                            label: group.count > 1 ? "\(first.label) (+\(group.count - 1))" : first.label,
                            tooltip: tooltip, href: first.href,
                            forecast: publishedDay.map { span.lowerBound > $0 } ?? false,
                            approximate: group.allSatisfy { $0.date.isApproximate || $0.date.isUncertain },
                            isBar: span.count > 1, aggregated: false)
            }
            if laneMarks.count > aggregateAbove {
                var years: [Int: [Mark]] = [:]
                for mark in laneMarks { years[CivilDay(number: mark.span.lowerBound).components.year, default: []].append(mark) }
                laneMarks = years.keys.sorted().map { year in
                    let count = years[year]!.reduce(0) { $0 + $1.count }
                    let span = CivilDay(year: year, month: 1, day: 1).number...CivilDay(year: year, month: 12, day: 31).number
                    return Mark(lane: lane, span: span, count: count, label: "\(year): \(count)",
                                tooltip: "\(year): \(count) event\(count == 1 ? "" : "s")", href: yearHref(year),
                                forecast: years[year]!.allSatisfy(\.forecast), approximate: false, isBar: true, aggregated: true)
                }
            }
            marks += laneMarks.sorted { ($0.span.lowerBound, $0.span.upperBound) < ($1.span.lowerBound, $1.span.upperBound) }
        }
        return marks
    }

    /// The SVG, or nil when no event has a place on the axis.
    func svg() -> String? {
        let marks = marks()
        guard !marks.isEmpty else { return nil }
        let publishedDay = published.flatMap(CivilDay.span(of:))?.upperBound
        var spans = marks.map(\.span)
        if let publishedDay, marks.contains(where: \.forecast) { spans.append(publishedDay...publishedDay) }
        let named = lanes.count > 1
        let plotLeft = named ? 104.0 : 12.0
        let plotRight = Self.width - 14
        let axis = TimeAxis(spans: spans, left: plotLeft, right: plotRight)
        func x(_ day: Double) -> Double { axis.x(day) }

        // Tracks: marks of a lane that would touch go one below the other (at most four).
        var track: [Int] = Array(repeating: 0, count: marks.count)
        var lanesTracks: [Int: Int] = [:]
        var trackEnds: [Int: [Double]] = [:]
        for (index, mark) in marks.enumerated() {
            let (left, right) = extent(of: mark, x: x)
            var ends = trackEnds[mark.lane] ?? []
            // Year bars of an aggregated lane follow each other on one track.
            let gap = mark.aggregated ? -0.5 : 3
            let free = ends.firstIndex { $0 + gap < left } ?? (ends.count < 4 ? ends.count : ends.indices.min { ends[$0] < ends[$1] }!)
            if free == ends.count { ends.append(right) } else { ends[free] = max(ends[free], right) }
            trackEnds[mark.lane] = ends
            track[index] = free
            lanesTracks[mark.lane] = max(lanesTracks[mark.lane] ?? 0, free + 1)
        }

        // Labels: greedy rows below the tracks, left to right; a label that fits nowhere is left out.
        let maxRows = named ? 2 : 3
        var labelRow: [Int?] = Array(repeating: nil, count: marks.count)
        var labelBoxes: [Int: [[LabelBox]]] = [:]
        var labelAnchorEnd: [Bool] = Array(repeating: false, count: marks.count)
        for (index, mark) in marks.enumerated() {
            let text = SVGWriter.shorten(mark.label, to: 30)
            let width = SVGWriter.textWidth(text, size: Self.fontSize)
            let (left, _) = extent(of: mark, x: x)
            let anchorEnd = left + width > Self.width - 2
            let boxX = anchorEnd ? x(Double(mark.span.upperBound)) + 4 - width : left
            guard boxX >= plotLeft - 8 else { continue }
            var rows = labelBoxes[mark.lane] ?? []
            for row in 0..<maxRows {
                if row == rows.count { rows.append([]) }
                let box = LabelBox(x: boxX - 2, y: Double(row) * Self.rowHeight, width: width + 4, height: Self.rowHeight)
                if !rows[row].contains(where: box.overlaps) {
                    rows[row].append(box)
                    labelRow[index] = row
                    labelAnchorEnd[index] = anchorEnd
                    break
                }
            }
            labelBoxes[mark.lane] = rows
        }

        // Vertical layout: the axis, then per lane its tracks and its label rows.
        let axisY = 24.0
        var laneTop: [Double] = []
        var y = axisY + 12
        for lane in lanes.indices {
            laneTop.append(y)
            let tracks = Double(max(1, lanesTracks[lane] ?? 0))
            let rows = Double(labelRow.indices.filter { marks[$0].lane == lane }.compactMap { labelRow[$0] }.max().map { $0 + 1 } ?? 0)
            y += tracks * Self.trackHeight + rows * Self.rowHeight + (named ? 10 : 6)
        }
        let height = y + 4

        var svg = SVGWriter()
        svg.begin(id: id, className: "picture-timeline", width: Self.width, height: height, title: title, description: description)
        let n = SVGWriter.number
        // Lane bands and names.
        for lane in lanes.indices where named {
            let bottom = lane + 1 < laneTop.count ? laneTop[lane + 1] : height - 4
            svg.open("rect", [("class", lane % 2 == 0 ? "tl-band" : "tl-band tl-band-alt"), ("x", "0"), ("y", n(laneTop[lane] - 5)),
                              ("width", n(Self.width)), ("height", n(bottom - laneTop[lane]))], close: true)
            svg.element("text", [("class", "tl-lane"), ("x", "6"), ("y", n(laneTop[lane] + 8))], text: SVGWriter.shorten(lanes[lane], to: 14))
        }
        // Axis and ticks.
        svg.open("g", [("class", "tl-axis"), ("aria-hidden", "true")])  // each mark's label says its date
        for segment in axis.segments {
            svg.open("line", [("x1", n(segment.left)), ("x2", n(segment.right)), ("y1", n(axisY)), ("y2", n(axisY))], close: true)
        }
        var tickRight = -Double.infinity
        for tick in axis.ticks() {
            let tx = x(Double(tick.day))
            let labelWidth = SVGWriter.textWidth(tick.label, size: 10)
            guard tx >= plotLeft, tx + labelWidth <= Self.width else { continue }
            svg.open("line", [("class", "tl-tick"), ("x1", n(tx)), ("x2", n(tx)), ("y1", n(axisY - 4)), ("y2", n(height - 4)),
                              ("data-day", String(tick.day))], close: true)
            guard tx > tickRight + 4 else { continue }
            svg.element("text", [("x", n(tx + 3)), ("y", n(axisY - 7)), ("data-day", String(tick.day))], text: tick.label)
            tickRight = tx + 3 + labelWidth
        }
        for (previous, next) in zip(axis.segments, axis.segments.dropFirst()) {
            // The break: a gap in the axis with two slashes.
            let gap = (previous.right + next.left) / 2
            svg.open("path", [("class", "tl-break"), ("d", "M\(n(gap - 6)) \(n(axisY + 5))l5 -10M\(n(gap + 1)) \(n(axisY + 5))l5 -10")], close: true)
        }
        svg.close("g")
        if let publishedDay, marks.contains(where: \.forecast) {
            let px = x(Double(publishedDay) + 0.5)
            svg.open("rect", [("class", "tl-forecast-zone"), ("x", n(px)), ("y", n(axisY)), ("width", n(plotRight - px)),
                              ("height", n(height - 4 - axisY))], close: true)
            svg.open("line", [("class", "tl-published"), ("x1", n(px)), ("x2", n(px)), ("y1", n(axisY - 4)), ("y2", n(height - 4))], close: true)
            let label = "published · forecasts →"
            let anchorEnd = px + SVGWriter.textWidth(label, size: 10) > plotRight
            svg.element("text", [("class", "tl-published-label"), ("x", n(anchorEnd ? px - 3 : px + 3)), ("y", n(axisY + 9)),
                                 ("text-anchor", anchorEnd ? "end" : "start")], text: anchorEnd ? "← published" : label)
        }
        // Marks with their labels, each a link.
        let busiestYear = max(1, marks.filter(\.aggregated).map(\.count).max() ?? 1)
        for (index, mark) in marks.enumerated() {
            let top = laneTop[mark.lane]
            let cy = top + Double(track[index]) * Self.trackHeight + 5
            let tracks = Double(max(1, lanesTracks[mark.lane] ?? 0))
            var classes = ["tl-mark", mark.isBar ? "tl-bar" : "tl-point"]
            if mark.forecast { classes.append("tl-forecast") }
            if mark.approximate { classes.append("tl-approximate") }
            if mark.count > 1 { classes.append("tl-group") }
            if mark.aggregated { classes.append("tl-year") }
            let names = mark.count > 1 && !mark.aggregated ? "\(mark.count) events, " : ""
            svg.open("a", [("href", mark.href), ("class", classes.joined(separator: " ")),
                           ("data-lane", String(mark.lane)), ("data-start", String(mark.span.lowerBound)), ("data-end", String(mark.span.upperBound)),
                           ("aria-label", names + mark.tooltip.split(separator: "\n").first.map(String.init)! + (mark.forecast ? " (forecast)" : ""))])
            svg.element("title", text: mark.tooltip + (mark.forecast ? "\n(forecast: after the publication date)" : ""))
            if mark.isBar {
                let left = x(Double(mark.span.lowerBound))
                let right = x(Double(mark.span.upperBound + 1))
                let width = max(right - left, 4)
                // A year of events is as tall as it is full: the busiest year of the strip fills the track.
                let half = mark.aggregated ? 1.5 + 4.5 * (Double(mark.count) / Double(busiestYear)).squareRoot() : 4
                svg.open("rect", [("x", n(left)), ("y", n(cy - half)), ("width", n(max(width - 1, 3))), ("height", n(2 * half)), ("rx", "1.5")],
                         close: true)
            } else {
                let r = 4.0 + Double(min(mark.count - 1, 3))
                svg.open("circle", [("cx", n(x(Double(mark.span.lowerBound) + 0.5))), ("cy", n(cy)), ("r", n(r))], close: true)
            }
            if let row = labelRow[index] {
                let ly = top + tracks * Self.trackHeight + Double(row) * Self.rowHeight + 9
                let anchorEnd = labelAnchorEnd[index]
                let (left, _) = extent(of: mark, x: x)
                let lx = anchorEnd ? x(Double(mark.span.upperBound)) + 4 : left
                svg.element("text", [("class", "tl-label"), ("x", n(lx)), ("y", n(ly)), ("text-anchor", anchorEnd ? "end" : "start")],
                            text: SVGWriter.shorten(mark.label, to: 30))
            }
            svg.close("a")
        }
        svg.end()
        return svg.text
    }

    /// The horizontal extent a mark takes on the axis (points by their radius).
    private func extent(of mark: Mark, x: (Double) -> Double) -> (Double, Double) {
        if mark.isBar { return (x(Double(mark.span.lowerBound)), max(x(Double(mark.span.upperBound + 1)), x(Double(mark.span.lowerBound)) + 4)) }
        let cx = x(Double(mark.span.lowerBound) + 0.5)
        let r = 4.0 + Double(min(mark.count - 1, 3))
        return (cx - r, cx + r)
    }

    /// Ticks on round dates: decades, years, quarters or months, whichever gives 3 to 12.
    static func ticks(from low: Double, to high: Double, most: Int = 10) -> [(day: Int, label: String)] {
        let first = CivilDay(number: Int(low.rounded(.up))).components
        let last = CivilDay(number: Int(high)).components
        let years = last.year - first.year
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        if years >= 3 || (years >= 1 && most < 3) {
            let step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500].first { years / $0 <= most } ?? 1000
            let start = first.year + (first.month == 1 && first.day == 1 ? 0 : 1)
            let aligned = start % step == 0 ? start : start + (step - start % step)
            return stride(from: aligned, through: last.year, by: step).map { (CivilDay(year: $0, month: 1, day: 1).number, String($0)) }
        }
        let totalMonths = years * 12 + last.month - first.month
        let step = [1, 2, 3, 6, 12].first { totalMonths / $0 <= most } ?? 24
        var ticks: [(Int, String)] = []
        var (year, month) = first.day == 1 ? (first.year, first.month) : (first.month == 12 ? first.year + 1 : first.year, first.month % 12 + 1)
        while (year, month) <= (last.year, last.month) {
            if (month - 1) % step == 0 {
                ticks.append((CivilDay(year: year, month: month, day: 1).number, month == 1 || ticks.isEmpty ? "\(months[month - 1]) \(year)" : months[month - 1]))
            }
            (year, month) = month == 12 ? (year + 1, 1) : (year, month + 1)
        }
        return ticks
    }
}
