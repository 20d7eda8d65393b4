@testable import BriefingKit
import XCTest

/// Every `[[target]]` is tried as a date first: a slug, name or alias that reads as one can never be
/// referenced, which is a warning at the file (slug) or the field (name, aliases).
final class DateLikeEntityKeyTests: XCTestCase {
    func testKeysThatReadAsDatesAreWarnedAt() {
        let entities = [
            Entity(slug: "2025", name: "Year Of Note", kind: .event, path: "Content/entities/2025.md"),
            Entity(slug: "twenty", name: "1992", kind: .event, aliases: ["Foo", "2025-03", "2025-13-01"], path: "Content/entities/twenty.md",
                   fieldLocations: ["name": SourceLocation(path: "Content/entities/twenty.md", line: 2, column: 7),
                                    "aliases": SourceLocation(path: "Content/entities/twenty.md", line: 4, column: 10)]),
            Entity(slug: "acme", name: "Acme 2025", kind: .organization, aliases: ["A1"], path: "Content/entities/acme.md"),
        ]
        let resolver = EntityResolver(entities: entities)
        XCTAssertEqual(resolver.diagnostics.map(\.description), [
            "Content/entities/2025.md:1:1: warning: slug '2025' of '2025' reads as a date, so [[2025]] names the date, never this entity; rename the file (e.g. 2025-event.md)",
            "Content/entities/twenty.md:2:7: warning: name '1992' of 'twenty' reads as a date, so [[1992]] names the date, never this entity; change it or use another alias",
            "Content/entities/twenty.md:4:10: warning: alias '2025-03' of 'twenty' reads as a date, so [[2025-03]] names the date, never this entity; change it or use another alias",
            "Content/entities/twenty.md:4:10: warning: alias '2025-13-01' of 'twenty' reads as a date, so [[2025-13-01]] names the date, never this entity; change it or use another alias",
        ])
        XCTAssertFalse(resolver.diagnostics.hasErrors)
        XCTAssertEqual(resolver.resolve("2025-03"), .date(EDTFDate("2025-03")!))
        XCTAssertEqual(resolver.resolve("Foo"), .entity("twenty"))
    }
}
