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

    /// JSON text safe inside `<script type="application/ld+json">`, keys sorted (deterministic).
    static func json(_ object: [String: Any]) -> String {
        value(object).text(scriptSafe: true)
    }

    /// The JSON of the few value types structured data uses.
    static func value(_ any: Any) -> JSON {
        switch any {
        case let text as String: .string(text)
        case let number as Int: .int(number)
        case let flag as Bool: .bool(flag)
        case let list as [Any]: .array(list.map(value))
        case let object as [String: Any]: .object(object.mapValues(value))
        default: .null
        }
    }
}
