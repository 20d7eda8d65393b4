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
        case let number as Double where number.isFinite: .written([Array(String(number).utf8)])
        case let flag as Bool: .bool(flag)
        case let list as [Any]: .array(list.map(value))
        case let object as [String: Any]: .object(object.mapValues(value))
        default: .null
        }
    }

    /// What an entity's front matter adds to its JSON-LD: `sameAs` (its web site and Wikidata
    /// item), `image` (at `imageURL`), and where it is (`geo` of a place, the `location` of an event).
    static func extras(of entity: Entity, imageURL: String?) -> [String: Any] {
        var extras: [String: Any] = [:]
        let sameAs = [entity.url, entity.wikidata.map { "https://www.wikidata.org/wiki/" + $0 }].compactMap { $0 }
        if !sameAs.isEmpty { extras["sameAs"] = sameAs }
        if let imageURL { extras["image"] = imageURL }
        if let place = entity.coordinates {
            let geo: [String: Any] = ["@type": "GeoCoordinates", "latitude": place.latitude, "longitude": place.longitude]
            switch type(of: entity.kind) {
            case "Place", "Country": extras["geo"] = geo
            case "Event": extras["location"] = ["@type": "Place", "geo": geo] as [String: Any]
            default: break
            }
        }
        return extras
    }
}
