import Foundation

/// A map of the countries and places a page mentions, as inline SVG: Natural Earth's country
/// shapes (`MapData`, Equal Earth projection), countries shaded by mentions, places as dots sized
/// by mentions, each linking to its entity page. Only the region around what is shown is drawn,
/// simplified for the scale it is drawn at (Douglas–Peucker), so the picture stays small.
struct WorldMap {
    /// A country of the map data.
    struct Country: Sendable {
        var iso3: String
        var iso2: String
        var names: [String]
        var rings: [[(x: Int, y: Int)]]
        /// The index of its largest ring (the mainland).
        var main: Int
        var box: (minX: Int, minY: Int, maxX: Int, maxY: Int)
        /// The box of its mainland: what a regional map must show of it.
        var mainBox: (minX: Int, minY: Int, maxX: Int, maxY: Int)
    }

    /// A city of the map data.
    struct City: Sendable {
        var name: String
        var iso2: String
        var x: Int
        var y: Int
        var population: Int
        var capital: Bool
    }

    /// A country to shade.
    struct Shade: Sendable {
        var country: Int
        var name: String
        var count: Int
        var href: String
    }

    /// A place to pin, on the map grid.
    struct Pin: Sendable {
        var x: Double
        var y: Double
        var name: String
        var count: Int
        var href: String
    }

    var id: String
    var title: String
    var description: String
    var shades: [Shade]
    var pins: [Pin]
    /// The country of the page the map is on, outlined.
    var focus: Int?
    var width = 720.0

    // MARK: Data

    static let countries: [Country] = MapData.countries.split(separator: "\n").map { line in
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        let rings = fields[3].split(separator: "|").map { ring in
            ring.split(separator: " ").map { pair -> (x: Int, y: Int) in
                let xy = pair.split(separator: ",")
                return (Int(xy[0])!, Int(xy[1])!)
            }
        }
        func box<S: Sequence>(_ points: S) -> (minX: Int, minY: Int, maxX: Int, maxY: Int) where S.Element == (x: Int, y: Int) {
            (points.map(\.x).min()!, points.map(\.y).min()!, points.map(\.x).max()!, points.map(\.y).max()!)
        }
        // The mainland is the ring of largest area: its box frames a regional map, its centroid
        // holds the name (the same ring for both, so a name never starts on an island).
        let areas = rings.map(WorldMap.area)
        let main = areas.indices.max { (areas[$0], $1) < (areas[$1], $0) }!
        return Country(iso3: String(fields[0]), iso2: String(fields[1]), names: fields[2].split(separator: ";").map(String.init),
                       rings: rings, main: main, box: box(rings.joined()), mainBox: box(rings[main]))
    }

    static let cities: [City] = MapData.cities.split(separator: "\n").map { line in
        let f = line.split(separator: "\t", omittingEmptySubsequences: false)
        return City(name: String(f[0]), iso2: String(f[1]), x: Int(f[2])!, y: Int(f[3])!, population: Int(f[4])!, capital: f[5] == "1")
    }

    /// Normalized names and ISO codes → country index.
    static let countryIndex: [String: Int] = {
        var index: [String: Int] = [:]
        for (position, country) in countries.enumerated() {
            for key in country.names + [country.iso3, country.iso2] where !key.isEmpty {
                let normalized = normalize(key)
                if index[normalized] == nil { index[normalized] = position }
            }
        }
        return index
    }()

    /// Normalized city names → city index (a capital first, then the most populous).
    static let cityIndex: [String: Int] = {
        var index: [String: Int] = [:]
        for (position, city) in cities.enumerated() {
            let key = normalize(city.name)
            if let other = index[key] {
                let current = cities[other]
                if (current.capital ? 1 : 0, current.population) >= (city.capital ? 1 : 0, city.population) { continue }
            }
            index[key] = position
        }
        return index
    }()

    /// Lowercased, without diacritics, dots or a leading "the", single spaces.
    static func normalize(_ name: String) -> String {
        var text = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        text = text.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: "’", with: "'")
        if text.hasPrefix("the ") { text.removeFirst(4) }
        return text.split(whereSeparator: { $0.isWhitespace || $0 == "-" }).joined(separator: " ")
    }

    /// Where a latitude and longitude fall on the grid: the Equal Earth projection exactly as
    /// scripts/make-map-data.py draws the shapes, so an entity's `coordinates` land on its country.
    static func gridPoint(_ coordinates: Coordinates) -> (x: Double, y: Double) {
        func project(longitude: Double, latitude: Double) -> (x: Double, y: Double) {
            let (a1, a2, a3, a4) = (1.340264, -0.081106, 0.000893, 0.003796)
            let lambda = longitude * .pi / 180, phi = latitude * .pi / 180
            let theta = asin(3.0.squareRoot() / 2 * sin(phi))
            let t2 = theta * theta, t6 = t2 * t2 * t2
            let x = 2 * 3.0.squareRoot() * lambda * cos(theta) / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
            return (x, theta * (a4 * t6 * t2 + a3 * t6 + a2 * t2 + a1))
        }
        let xMax = 2.7064  // |x| at longitude ±180 on the equator, as the script rounds it
        let scale = Double(MapData.gridWidth) / (2 * xMax)
        let top = project(longitude: 0, latitude: 84).y  // the grid's top edge; Antarctica is left out
        let point = project(longitude: coordinates.longitude, latitude: min(max(coordinates.latitude, -60), 84))
        return ((point.x + xMax) * scale, (top - point.y) * scale)
    }

    /// The country one of `names` names (an entity's name, then its aliases).
    static func country(named names: [String]) -> Int? {
        names.lazy.compactMap { countryIndex[normalize($0)] }.first
    }

    /// The city one of `names` names.
    static func city(named names: [String]) -> Int? {
        names.lazy.compactMap { cityIndex[normalize($0)] }.first
    }

    // MARK: Drawing

    /// The region drawn, on the grid, and the names of what lies outside it. It grows from the
    /// focus (else the most mentioned) over the others by mentions while it stays within a quarter
    /// of the world's width and a third of its height, so a briefing about the Caucasus that names
    /// Washington twice shows the Caucasus; a country that reaches into the region is drawn in part.
    /// With a margin, at least a ninth of the world wide, between 1.6 and 2.2 times as wide as high.
    func region() -> (x: Double, y: Double, width: Double, height: Double, outside: [String])? {
        typealias Box = (minX: Double, minY: Double, maxX: Double, maxY: Double)
        var items: [(box: Box, count: Int, name: String, focus: Bool)] = shades.map { shade in
            let b = Self.countries[shade.country].mainBox
            return ((Double(b.minX), Double(b.minY), Double(b.maxX), Double(b.maxY)), shade.count, shade.name, shade.country == focus)
        }
        items += pins.map { (($0.x, $0.y, $0.x, $0.y), $0.count, $0.name, false) }
        items.sort { ($0.focus ? 1 : 0, $0.count, $1.name) > ($1.focus ? 1 : 0, $1.count, $0.name) }
        guard var region = items.first?.box else { return nil }
        let gridWidth = Double(MapData.gridWidth), gridHeight = Double(MapData.gridHeight)
        var outside: [(Box, String)] = []
        var (insideWeight, outsideWeight) = (items[0].count, 0)
        for item in items.dropFirst() {
            let union: Box = (min(region.minX, item.box.minX), min(region.minY, item.box.minY),
                              max(region.maxX, item.box.maxX), max(region.maxY, item.box.maxY))
            if union.maxX - union.minX <= gridWidth / 4, union.maxY - union.minY <= gridHeight / 3 {
                region = union
                insideWeight += item.count
            } else {
                outside.append((item.box, item.name))
                outsideWeight += item.count
            }
        }
        // When most mentions lie outside the region (a site about the whole world), the world; not
        // on a country's own page, whose map is about that country's region.
        if focus == nil, outsideWeight > insideWeight {
            return (0, 0, gridWidth, gridHeight, [])
        }
        var (minX, minY, maxX, maxY) = region
        let margin = max(maxX - minX, maxY - minY) * 0.12 + 40
        minX -= margin; maxX += margin; minY -= margin; maxY += margin
        var w = max(maxX - minX, gridWidth / 9), h = max(maxY - minY, gridWidth / 9 / 2)
        if w / h < 1.6 { w = h * 1.6 } else if w / h > 2.2 { h = w / 2.2 }
        w = min(w, gridWidth); h = min(h, gridHeight)
        let cx = (minX + maxX) / 2, cy = (minY + maxY) / 2
        let x = min(max(cx - w / 2, 0), gridWidth - w)
        let y = min(max(cy - h / 2, 0), gridHeight - h)
        // What the drawn region does not reach at all.
        let hidden = outside.filter { box, _ in box.maxX < x || box.minX > x + w || box.maxY < y || box.minY > y + h }.map(\.1)
        return (x, y, w, h, hidden)
    }

    /// Shading classes by mention count: five steps on a logarithmic scale of the largest count.
    func level(_ count: Int) -> Int {
        let most = shades.map(\.count).max() ?? 1
        guard most > 1 else { return 5 }
        return 1 + min(4, Int((log(Double(max(count, 1))) / log(Double(most)) * 4.999).rounded(.down)))
    }

    func svg() -> String? {
        guard let view = region() else { return nil }
        var description = description
        if !view.outside.isEmpty { description += " Outside the region shown: " + view.outside.joined(separator: ", ") + "." }
        let scale = width / view.width
        let height = (view.height * scale).rounded()
        let shaded = Dictionary(shades.map { ($0.country, $0) }, uniquingKeysWith: { first, _ in first })
        var svg = SVGWriter()
        let n = SVGWriter.number
        svg.begin(id: id, className: "picture-map", width: width, height: height, title: title, description: description)
        svg.open("rect", [("class", "map-sea"), ("x", "0"), ("y", "0"), ("width", n(width)), ("height", n(height))], close: true)
        let viewBox = (minX: view.x, minY: view.y, maxX: view.x + view.width, maxY: view.y + view.height)
        // Unshaded land first, so the shaded countries' outlines are drawn over it.
        var plain = ""
        var links = SVGWriter()
        for (index, country) in Self.countries.enumerated() {
            let b = country.box
            guard Double(b.maxX) >= viewBox.minX, Double(b.minX) <= viewBox.maxX, Double(b.maxY) >= viewBox.minY,
                  Double(b.minY) <= viewBox.maxY else { continue }
            let path = self.path(country, view: view, scale: scale, keepSmall: shaded[index] != nil || index == focus)
            guard !path.isEmpty else { continue }
            if let shade = shaded[index] {
                let label = "\(shade.name): \(shade.count) mention\(shade.count == 1 ? "" : "s")"
                links.open("a", [("href", shade.href), ("class", "map-link"), ("aria-label", label)])
                links.element("title", text: label)
                links.open("path", [("class", "map-country map-shaded map-l\(level(shade.count))" + (index == focus ? " map-focus" : "")),
                                    ("d", path)], close: true)
                links.close("a")
            } else {
                plain += "<path class=\"map-country\(index == focus ? " map-focus" : "")\" d=\"\(path)\"/>"
            }
        }
        svg.raw("<g class=\"map-land\">" + plain + "</g>")
        svg.raw(links.text)
        // Places as dots by mentions; then labels, the most mentioned first, countries and places
        // alike, where they overlap no other label and no dot.
        let most = Double(pins.map(\.count).max() ?? 1)
        let sortedPins = pins.sorted { ($0.count, $1.name) > ($1.count, $0.name) }
        let dots = sortedPins.map { pin in
            (x: (pin.x - view.x) * scale, y: (pin.y - view.y) * scale, r: 2.5 + 4 * sqrt(Double(pin.count) / most))
        }
        let labels = placeLabels(named: shades.sorted { ($0.count, $1.name) > ($1.count, $0.name) }.prefix(12), pins: sortedPins, dots: dots,
                                 view: view, scale: scale, size: (width, height),
                                 key: (shades.map(\.count).max() ?? 0) > 1 ? LabelBox(x: 0, y: height - 22, width: 150, height: 22) : nil)
        for (index, pin) in sortedPins.enumerated() {
            let label = "\(pin.name): \(pin.count) mention\(pin.count == 1 ? "" : "s")"
            svg.open("a", [("href", pin.href), ("class", "map-place"), ("aria-label", label)])
            svg.element("title", text: label)
            svg.open("circle", [("cx", n(dots[index].x)), ("cy", n(dots[index].y)), ("r", n(dots[index].r))], close: true)
            if let text = labels.pins[index] {
                svg.element("text", [("x", n(text.x)), ("y", n(dots[index].y + 4)), ("text-anchor", text.anchor)], text: text.text)
            }
            svg.close("a")
        }
        // Names and key repeat what the links say: hidden from screen readers, which read the links.
        svg.open("g", [("class", "map-names"), ("aria-hidden", "true")])
        for name in labels.countries {
            if let leader = name.leader {
                svg.open("line", [("class", "map-leader"), ("x1", n(leader.x1)), ("y1", n(leader.y1)), ("x2", n(leader.x2)), ("y2", n(leader.y2))], close: true)
            }
            svg.element("text", [("x", n(name.x)), ("y", n(name.y)), ("text-anchor", name.anchor)], text: name.text)
        }
        svg.close("g")
        // The key to the shading: five steps from fewest to most mentions.
        if let most = shades.map(\.count).max(), most > 1 {
            svg.open("g", [("class", "map-key"), ("aria-hidden", "true")])
            svg.open("rect", [("class", "map-key-bg"), ("x", "0"), ("y", n(height - 22)), ("width", "150"), ("height", "22")], close: true)
            svg.element("text", [("x", "6"), ("y", n(height - 7))], text: "1")
            for step in 1...5 {
                svg.open("rect", [("class", "map-shaded map-l\(step)"), ("x", n(14 + Double(step - 1) * 16)), ("y", n(height - 16)),
                                  ("width", "15"), ("height", "10")], close: true)
            }
            svg.element("text", [("x", "98"), ("y", n(height - 7))], text: "\(most) mention\(most == 1 ? "" : "s")")
            svg.close("g")
        }
        svg.end()
        return svg.text
    }

    /// A label as drawn: its text at (x, y) with its anchor, and for a country too small to hold
    /// its name, the line from the country to the name beside it.
    struct Label {
        var text: String
        var x: Double
        var y: Double
        var anchor: String
        var leader: (x1: Double, y1: Double, x2: Double, y2: Double)?
    }

    /// Where the names go. A country's name sits on its mainland when it fits there, else beside it
    /// with a leader line (Israel, Lebanon, Armenia at a regional scale); a place's beside its dot.
    /// A label that would overlap a label already placed, or any dot, is left out (its name is in
    /// the link's title and the list beside the picture).
    func placeLabels(named: ArraySlice<Shade>, pins: [Pin], dots: [(x: Double, y: Double, r: Double)],
                     view: (x: Double, y: Double, width: Double, height: Double, outside: [String]), scale: Double,
                     size: (width: Double, height: Double), key: LabelBox?) -> (countries: [Label], pins: [Int: Label]) {
        var placed = key.map { [$0] } ?? []
        let dotBoxes = dots.map { LabelBox(x: $0.x - $0.r - 1, y: $0.y - $0.r - 1, width: 2 * $0.r + 2, height: 2 * $0.r + 2) }
        func free(_ box: LabelBox, except dot: Int? = nil) -> Bool {
            box.x >= 2 && box.y >= 2 && box.x + box.width <= size.width - 2 && box.y + box.height <= size.height - 2
                && !placed.contains(where: box.overlaps)
                && !dotBoxes.indices.contains { $0 != dot && dotBoxes[$0].overlaps(box) }
        }
        enum Item { case country(Shade), pin(Int) }
        var items: [(count: Int, name: String, item: Item)] = named.map { ($0.count, $0.name, .country($0)) }
        items += pins.indices.map { (pins[$0].count, pins[$0].name, .pin($0)) }
        items.sort { ($0.count, $1.name) > ($1.count, $0.name) }
        var countries: [Label] = []
        var pinLabels: [Int: Label] = [:]
        for entry in items {
            switch entry.item {
            case .pin(let index):
                let text = SVGWriter.shorten(pins[index].name, to: 20)
                let w = SVGWriter.textWidth(text, size: 11)
                let (px, py, r) = dots[index]
                for (box, anchor) in [(LabelBox(x: px + r + 2, y: py - 7, width: w, height: 14), "start"),
                                      (LabelBox(x: px - r - 2 - w, y: py - 7, width: w, height: 14), "end")] where free(box, except: index) {
                    placed.append(box)
                    pinLabels[index] = Label(text: text, x: anchor == "start" ? box.x : box.x + box.width, y: py + 4, anchor: anchor)
                    break
                }
            case .country(let shade):
                let country = Self.countries[shade.country]
                let (gx, gy) = Self.centroid(of: country)
                let cx = (gx - view.x) * scale, cy = (gy - view.y) * scale
                // A country whose middle is out of the picture (Russia beside the Caucasus) keeps
                // its shading and title; a name far from any of it would point nowhere.
                guard cx >= 0, cx <= size.width, cy >= 0, cy <= size.height else { continue }
                let main = country.mainBox
                let left = (Double(main.minX) - view.x) * scale, right = (Double(main.maxX) - view.x) * scale
                let top = (Double(main.minY) - view.y) * scale, bottom = (Double(main.maxY) - view.y) * scale
                let text = SVGWriter.shorten(shade.name, to: 18)
                // Bold with a 3 px halo: wider than textWidth's regular text.
                let w = SVGWriter.textWidth(text, size: 10.5) * 1.08 + 3, h = 13.0
                var candidates: [(LabelBox, Bool)] = []
                // On the country when the name is about as wide as it (a little overhang reads well).
                if w <= (right - left) * 1.15 + 6 { candidates.append((LabelBox(x: cx - w / 2, y: cy - 7, width: w, height: h), false)) }
                // Else beside it, nearest first, over the sea or land left blank: a name over another
                // shaded country would read as that country's.
                for gap in [7.0, 22, 42, 70] {
                    let sides = [LabelBox(x: right + gap, y: cy - h / 2, width: w, height: h),
                                 LabelBox(x: left - gap - w, y: cy - h / 2, width: w, height: h),
                                 LabelBox(x: cx - w / 2, y: bottom + gap, width: w, height: h),
                                 LabelBox(x: cx - w / 2, y: top - gap - h, width: w, height: h),
                                 LabelBox(x: right + gap * 0.7, y: bottom + gap * 0.7, width: w, height: h),
                                 LabelBox(x: left - gap * 0.7 - w, y: bottom + gap * 0.7, width: w, height: h),
                                 LabelBox(x: right + gap * 0.7, y: top - gap * 0.7 - h, width: w, height: h),
                                 LabelBox(x: left - gap * 0.7 - w, y: top - gap * 0.7 - h, width: w, height: h)]
                    candidates += sides.map { ($0, true) }
                }
                // Points every 6 px along the box's edges and middle line (a small country between
                // its corners counts), and along the leader line.
                func onOtherShade(_ points: [(Double, Double)]) -> Bool {
                    points.contains { point in
                        let grid = (x: point.0 / scale + view.x, y: point.1 / scale + view.y)
                        return shades.contains { $0.country != shade.country && Self.contains(Self.countries[$0.country], grid) }
                    }
                }
                // A name on its own country may overhang its corners a little, as on any atlas: only
                // the middle of its line is checked there.
                func samples(_ box: LabelBox, onCountry: Bool) -> [(Double, Double)] {
                    let steps = max(1, Int((box.width / 6).rounded(.up)))
                    return (0...steps).flatMap { step -> [(Double, Double)] in
                        let fraction = Double(step) / Double(steps)
                        let x = box.x + box.width * fraction
                        if onCountry { return fraction < 0.15 || fraction > 0.85 ? [] : [(x, box.y + box.height / 2)] }
                        return [(x, box.y), (x, box.y + box.height / 2), (x, box.y + box.height)]
                    }
                }
                func leaderEnd(_ box: LabelBox) -> (Double, Double) {
                    (min(max(cx, box.x), box.x + box.width), min(max(cy, box.y), box.y + box.height))
                }
                func leaderClear(_ box: LabelBox) -> Bool {
                    let (ex, ey) = leaderEnd(box)
                    let points = (1..<10).map { (cx + (ex - cx) * Double($0) / 10, cy + (ey - cy) * Double($0) / 10) }
                    return !points.contains { point in
                        placed.contains { $0.overlaps(LabelBox(x: point.0, y: point.1, width: 0.1, height: 0.1)) }
                            || dotBoxes.contains { $0.overlaps(LabelBox(x: point.0, y: point.1, width: 0.1, height: 0.1)) }
                    }
                }
                for (box, beside) in candidates where free(box) && !onOtherShade(samples(box, onCountry: !beside)) && (!beside || leaderClear(box)) {
                    placed.append(box)
                    // The leader runs from the country's middle to the nearest point of the name's box.
                    let (ex, ey) = leaderEnd(box)
                    countries.append(Label(text: text, x: box.x + box.width / 2, y: box.y + 11, anchor: "middle",
                                           leader: beside ? (cx, cy, ex, ey) : nil))
                    break
                }
            }
        }
        return (countries, pinLabels)
    }

    /// Whether a grid point lies on a country (even-odd rule over its rings).
    static func contains(_ country: Country, _ point: (x: Double, y: Double)) -> Bool {
        let b = country.box
        guard point.x >= Double(b.minX), point.x <= Double(b.maxX), point.y >= Double(b.minY), point.y <= Double(b.maxY) else { return false }
        var inside = false
        for ring in country.rings {
            var previous = ring[ring.count - 1]
            for current in ring {
                let (x1, y1, x2, y2) = (Double(previous.x), Double(previous.y), Double(current.x), Double(current.y))
                if (y1 > point.y) != (y2 > point.y), point.x < (x2 - x1) * (point.y - y1) / (y2 - y1) + x1 { inside.toggle() }
                previous = current
            }
        }
        return inside
    }

    /// The centroid of a country's largest ring, on the grid (where its name goes).
    static func centroid(of country: Country) -> (Double, Double) {
        let ring = country.rings[country.main]
        var cx = 0.0, cy = 0.0, total = 0.0
        for (index, point) in ring.enumerated() {
            let next = ring[(index + 1) % ring.count]
            let cross = Double(point.x * next.y - next.x * point.y)
            total += cross
            cx += Double(point.x + next.x) * cross
            cy += Double(point.y + next.y) * cross
        }
        guard abs(total) > 0 else { return (Double(ring[0].x), Double(ring[0].y)) }
        return (cx / (3 * total), cy / (3 * total))
    }

    static func area(_ ring: [(x: Int, y: Int)]) -> Double {
        var sum = 0
        for (index, point) in ring.enumerated() {
            let next = ring[(index + 1) % ring.count]
            sum += point.x * next.y - next.x * point.y
        }
        return abs(Double(sum)) / 2
    }

    /// A country's outline in the picture's coordinates: whole numbers, relative moves, rings too
    /// small to see left out.
    private func path(_ country: Country, view: (x: Double, y: Double, width: Double, height: Double, outside: [String]), scale: Double,
                      keepSmall: Bool) -> String {
        var d = ""
        for ring in country.rings {
            let points = ring.map { (x: (Double($0.x) - view.x) * scale, y: (Double($0.y) - view.y) * scale) }
            let xs = points.map(\.x), ys = points.map(\.y)
            let extent = max(xs.max()! - xs.min()!, ys.max()! - ys.min()!)
            if extent < (keepSmall ? 0.8 : 2.0) { continue }
            if xs.max()! < -2 || xs.min()! > width + 2 || ys.max()! < -2 || ys.min()! > view.height * scale + 2 { continue }
            let kept = Self.simplify(points + [points[0]], tolerance: 0.6).dropLast()
            var rounded: [(Int, Int)] = []
            for point in kept {
                let p = (Int(point.x.rounded()), Int(point.y.rounded()))
                if rounded.last.map({ $0 != p }) ?? true { rounded.append(p) }
            }
            guard rounded.count >= 3 else { continue }
            d += "M\(rounded[0].0) \(rounded[0].1)"
            var previous = rounded[0]
            var command = ""
            for p in rounded.dropFirst() {
                let dx = p.0 - previous.0, dy = p.1 - previous.1
                if command.isEmpty { d += "l"; command = "l" } else if dx >= 0 { d += " " }
                d += "\(dx)" + (dy < 0 ? "\(dy)" : " \(dy)")
                previous = p
            }
            d += "z"
        }
        return d
    }

    /// Douglas–Peucker: the points that keep the line within `tolerance` of the original.
    static func simplify(_ points: [(x: Double, y: Double)], tolerance: Double) -> [(x: Double, y: Double)] {
        guard points.count > 2 else { return points }
        var keep = [Bool](repeating: false, count: points.count)
        keep[0] = true
        keep[points.count - 1] = true
        var stack = [(0, points.count - 1)]
        while let (a, b) = stack.popLast() {
            let (ax, ay) = points[a], (bx, by) = points[b]
            let dx = bx - ax, dy = by - ay
            let length = (dx * dx + dy * dy).squareRoot()
            var best = -1.0, index = -1
            for i in (a + 1)..<max(b, a + 1) {
                let (px, py) = points[i]
                let distance = length > 0 ? abs(dy * (px - ax) - dx * (py - ay)) / length : ((px - ax) * (px - ax) + (py - ay) * (py - ay)).squareRoot()
                if distance > best { best = distance; index = i }
            }
            if best > tolerance, index > 0 {
                keep[index] = true
                stack.append((a, index))
                stack.append((index, b))
            }
        }
        return points.indices.filter { keep[$0] }.map { points[$0] }
    }
}
