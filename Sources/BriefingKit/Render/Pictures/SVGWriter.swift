import Foundation

/// Builds the text of an inline SVG picture: escaped text, numbers in one fixed format.
///
/// Every picture is written through it so that two builds give the same bytes (numbers are
/// rounded to one decimal and printed without locale or exponent) and so that no name, label or
/// link reaches the page unescaped.
struct SVGWriter {
    private(set) var text = ""

    /// Text for element content and attribute values (the five HTML characters replaced).
    static func escape(_ value: String) -> String { HTML.escape(value) }

    /// A coordinate or length: one decimal at most, "-0" as "0", no exponent.
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "0" }
        let tenths = Int((value * 10).rounded())
        if tenths == 0 { return "0" }
        let sign = tenths < 0 ? "-" : ""
        let magnitude = abs(tenths)
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// Appends markup as it is (the caller escapes what it interpolates).
    mutating func raw(_ markup: String) { text += markup }

    /// `<name a="v"…>` (or `<name …/>` when `close`), attribute values escaped.
    mutating func open(_ name: String, _ attributes: [(String, String)] = [], close: Bool = false) {
        text += "<" + name
        for (key, value) in attributes { text += " \(key)=\"\(Self.escape(value))\"" }
        text += close ? "/>" : ">"
    }

    mutating func close(_ name: String) { text += "</\(name)>" }

    /// `<name …>escaped text</name>`.
    mutating func element(_ name: String, _ attributes: [(String, String)] = [], text content: String) {
        open(name, attributes)
        text += Self.escape(content)
        close(name)
    }

    /// The opening of a picture with its `<title>` and `<desc>`, the ids that `aria-labelledby`
    /// needs made from `id` (unique on the page). Only a picture without links is `role="img"`:
    /// the children of an `img` are presentational, so a screen reader would not announce the
    /// links; the others keep an svg's own role (graphics-document; the Nu checker refuses `group`).
    mutating func begin(id: String, className: String, width: Double, height: Double, title: String, description: String,
                        hasLinks: Bool = true) {
        open("svg", [("class", "picture-svg " + className), ("id", id)] + (hasLinks ? [] : [("role", "img")]) + [
                     ("viewBox", "0 0 \(Self.number(width)) \(Self.number(height))"),
                     ("width", Self.number(width)), ("height", Self.number(height)),
                     ("aria-labelledby", "\(id)-title \(id)-desc"), ("xmlns", "http://www.w3.org/2000/svg")])
        element("title", [("id", "\(id)-title")], text: title)
        element("desc", [("id", "\(id)-desc")], text: description)
    }

    mutating func end() { close("svg") }

    /// An estimate of the width of `text` in a sans-serif font at `size`, on the generous side
    /// (wide fonts such as DejaVu Sans included) so that labels placed by it never overlap.
    static func textWidth(_ text: String, size: Double) -> Double {
        var units = 0.0
        for character in text {
            switch character {
            case "i", "l", "j", "t", "f", "r", "I", ".", ",", "'", ":", ";", "|", "!", " ": units += 0.36
            case "m", "w", "M", "W": units += 0.95
            case "A"..."Z": units += 0.72
            case "0"..."9": units += 0.64
            default: units += character.isASCII ? 0.6 : 0.9
            }
        }
        return units * size + 2
    }

    /// `text` cut at a word to at most `limit` characters, with an ellipsis when cut.
    static func shorten(_ text: String, to limit: Int) -> String {
        guard text.count > limit else { return text }
        let prefix = String(text.prefix(limit - 1))
        let cut = prefix.lastIndex(of: " ").map { String(prefix[..<$0]) } ?? prefix
        return (cut.count >= limit / 2 ? cut : prefix).trimmingCharacters(in: .whitespaces) + "…"
    }
}

/// An axis-aligned box, for keeping labels apart.
struct LabelBox: Equatable, Sendable {
    var x: Double
    var y: Double
    var width: Double
    var height: Double

    func overlaps(_ other: LabelBox) -> Bool {
        x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height
    }
}
