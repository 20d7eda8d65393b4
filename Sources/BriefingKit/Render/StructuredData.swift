import Foundation

/// schema.org JSON-LD for each page: `Article` for briefings with author, publisher, dates and
/// `mentions`; `Person`, `Organization`, `Place`, `Event`, `Legislation` for entities. Written so
/// that no text in it can end the `<script>` element that holds it.
enum StructuredData {
    /// The schema.org type of an entity kind.
    static func type(of kind: EntityKind) -> String {
        switch kind {
        case .person: "Person"
        case .country: "Country"
        case .organization, .group: "Organization"
        case .place: "Place"
        case .event: "Event"
        case .agreement: "Legislation"
        case .other: "Thing"
        }
    }

    /// JSON text safe inside `<script type="application/ld+json">`: sorted keys (deterministic),
    /// and `<`, `>`, `&`, U+2028 and U+2029 escaped.
    static func json(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else { return "{}" }
        var text = String(decoding: data, as: UTF8.self)
        for (character, escape) in [("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u{2028}", "\\u2028"), ("\u{2029}", "\\u2029")] {
            text = text.replacingOccurrences(of: character, with: escape)
        }
        return text
    }
}
