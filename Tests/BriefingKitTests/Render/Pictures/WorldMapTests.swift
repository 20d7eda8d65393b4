@testable import BriefingKit
import XCTest

final class WorldMapTests: XCTestCase {
    func testCountriesAreFoundByTheNamesEditorsWrite() throws {
        for name in ["Azerbaijan", "United States", "U.S.", "USA", "Türkiye", "Turkey", "Russia", "Iran", "UK", "Côte d'Ivoire", "Ivory Coast",
                     "the Netherlands", "Czechia", "South Korea", "Israel", "Armenia", "Georgia"] {
            XCTAssertNotNil(WorldMap.country(named: [name]), name)
        }
        let usa = try XCTUnwrap(WorldMap.country(named: ["United States of America"]))
        XCTAssertEqual(WorldMap.country(named: ["Washington DC", "America"]), usa, "an alias is tried after the name")
        XCTAssertEqual(WorldMap.countries[usa].iso3, "USA")
        XCTAssertNil(WorldMap.country(named: ["Nowhere Land"]))
        XCTAssertNotNil(WorldMap.city(named: ["Baku"]))
        XCTAssertNotNil(WorldMap.city(named: ["Yerevan"]))
        XCTAssertTrue(WorldMap.cities[try XCTUnwrap(WorldMap.city(named: ["Tbilisi"]))].capital)
    }

    func map(_ names: [String], focus: String? = nil) -> WorldMap {
        let shades = names.enumerated().compactMap { index, name in
            WorldMap.country(named: [name]).map { WorldMap.Shade(country: $0, name: name, count: 10 - index, href: "../../entities/\(index)/index.html") }
        }
        let baku = WorldMap.cities[WorldMap.city(named: ["Baku"])!]
        return WorldMap(id: "m", title: "Map", description: "d", shades: shades,
                        pins: [WorldMap.Pin(x: Double(baku.x), y: Double(baku.y), name: "Baku", count: 3, href: "../../entities/baku/index.html")],
                        focus: focus.flatMap { WorldMap.country(named: [$0]) })
    }

    func testMapIsDeterministicSmallAndLinked() throws {
        let names = ["Azerbaijan", "Armenia", "Iran", "Israel", "Türkiye", "Georgia", "Russia", "United States"]
        let svg = try XCTUnwrap(map(names).svg())
        XCTAssertEqual(svg, map(names).svg())
        XCTAssertLessThan(svg.utf8.count, 60_000)
        XCTAssertEqual(svg.matches(of: /<a href="\.\.\/\.\.\/entities\/[0-9]\/index\.html" class="map-link"/).count, names.count - 1,
                       "the United States lie outside the region and are named in the description instead")
        XCTAssertTrue(svg.contains("Outside the region shown: United States."))
        XCTAssertTrue(svg.contains("class=\"map-place\""))
        // The whole world at once stays small too.
        let world = try XCTUnwrap(map(["United States", "Australia", "Russia", "Brazil", "South Africa"]).svg())
        XCTAssertLessThan(world.utf8.count, 60_000)
    }

    func testFocusIsOutlined() throws {
        let svg = try XCTUnwrap(map(["Armenia", "Azerbaijan"], focus: "Azerbaijan").svg())
        XCTAssertEqual(svg.matches(of: /map-focus/).count, 1)
    }

    func testHostileNamesAreEscaped() throws {
        let shade = WorldMap.Shade(country: 0, name: "<script>alert(1)</script>", count: 1, href: "\"><x>")
        let svg = try XCTUnwrap(WorldMap(id: "m", title: "<t>", description: "<d>", shades: [shade], pins: [], focus: nil).svg())
        XCTAssertFalse(svg.contains("<script"))
        XCTAssertFalse(svg.contains("<x>"))
        XCTAssertFalse(svg.contains("<t>"))
    }
}
