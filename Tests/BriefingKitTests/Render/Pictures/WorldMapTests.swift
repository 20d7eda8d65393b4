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

    func testCoordinatesLandWhereTheMapDataPutsTheCity() throws {
        // Baku (40.4093 N, 49.8671 E) and Buenos Aires (34.6037 S, 58.3816 W), as GeoNames gives them.
        for (name, latitude, longitude) in [("Baku", 40.4093, 49.8671), ("Buenos Aires", -34.6037, -58.3816)] {
            let city = WorldMap.cities[try XCTUnwrap(WorldMap.city(named: [name]))]
            let point = WorldMap.gridPoint(Coordinates(latitude: latitude, longitude: longitude))
            XCTAssertEqual(point.x, Double(city.x), accuracy: 1.5, name)
            XCTAssertEqual(point.y, Double(city.y), accuracy: 1.5, name)
        }
        XCTAssertEqual(WorldMap.gridPoint(Coordinates(latitude: 0, longitude: 180)).x, Double(MapData.gridWidth), accuracy: 2,
                       "the date line on the equator is the grid's right edge")
        XCTAssertEqual(WorldMap.gridPoint(Coordinates(latitude: -89, longitude: 0)).y, Double(MapData.gridHeight), accuracy: 1,
                       "south of 60° S is drawn at the bottom edge")
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

    func testMentionsAllOverTheWorldShowTheWorld() throws {
        // Places on every continent, none much more mentioned: no region holds most of them.
        let spots = [(48.8, 2.3), (35.7, 139.7), (-33.9, 151.2), (40.7, -74.0), (-23.5, -46.6), (6.5, 3.4), (28.6, 77.2)]
        let pins = spots.enumerated().map { index, spot in
            let point = WorldMap.gridPoint(Coordinates(latitude: spot.0, longitude: spot.1))
            return WorldMap.Pin(x: point.x, y: point.y, name: "P\(index)", count: 3, href: "p\(index).html")
        }
        let world = WorldMap(id: "w", title: "t", description: "d", shades: [], pins: pins, focus: nil)
        let region = try XCTUnwrap(world.region())
        XCTAssertEqual(region.width, Double(MapData.gridWidth))
        XCTAssertEqual(region.outside, [])
        XCTAssertLessThan(try XCTUnwrap(world.svg()).utf8.count, 60_000)
        // Two of them mentioned most: the region around those, the others named outside it.
        var regional = world
        regional.pins[0].count = 20
        regional.pins[6].count = 20
        XCTAssertLessThan(try XCTUnwrap(regional.region()).width, Double(MapData.gridWidth))
    }

    func testPointsOnCountriesAndInTheirHoles() throws {
        // Lesotho is a hole in South Africa: its middle is on Lesotho, not on South Africa.
        let southAfrica = WorldMap.countries[try XCTUnwrap(WorldMap.country(named: ["South Africa"]))]
        let lesotho = WorldMap.countries[try XCTUnwrap(WorldMap.country(named: ["Lesotho"]))]
        let maseru = WorldMap.gridPoint(Coordinates(latitude: -29.6, longitude: 28.2))
        XCTAssertTrue(WorldMap.contains(lesotho, maseru))
        XCTAssertFalse(WorldMap.contains(southAfrica, maseru))
        XCTAssertTrue(WorldMap.contains(southAfrica, WorldMap.gridPoint(Coordinates(latitude: -26.2, longitude: 28.0))), "Johannesburg")
        XCTAssertFalse(WorldMap.contains(southAfrica, WorldMap.gridPoint(Coordinates(latitude: -35, longitude: 10))), "the Atlantic")
    }

    func testNamesNeverSitOnAnotherShadedCountry() throws {
        // The Levant at a regional scale: Israel and Lebanon are too small for their names, which go
        // beside them, over the sea or unshaded land, never on Syria or Jordan.
        let names = ["Syria", "Israel", "Lebanon", "Jordan", "Iraq", "Türkiye", "Egypt", "Cyprus"]
        let shades = names.enumerated().map { index, name in
            WorldMap.Shade(country: WorldMap.country(named: [name])!, name: name, count: 20 - index, href: "\(index).html")
        }
        let map = WorldMap(id: "m", title: "t", description: "d", shades: shades, pins: [], focus: nil)
        let view = try XCTUnwrap(map.region())
        let scale = map.width / view.width
        let labels = map.placeLabels(named: shades[...], pins: [], dots: [], view: view, scale: scale,
                                     size: (map.width, (view.height * scale).rounded()), key: nil)
        XCTAssertGreaterThanOrEqual(labels.countries.count, 6, "most names find a place")
        for label in labels.countries {
            let grid = (x: label.x / scale + view.x, y: (label.y - 4) / scale + view.y)
            for shade in shades where shade.name != label.text {
                XCTAssertFalse(WorldMap.contains(WorldMap.countries[shade.country], grid), "\(label.text) is written on \(shade.name)")
            }
        }
        XCTAssertTrue(labels.countries.contains { $0.text == "Lebanon" && $0.leader != nil }, "Lebanon's name beside it, with a line")
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

    func testCoordinatesPutPlacesTheMapDataDoesNotKnow() throws {
        // Invented names (as in the bench corpus) are found by their front matter's coordinates; a
        // country the data knows keeps its shape.
        let built = try FixtureSite.build([
            "Content/site.yml": "title: Somewhere\n",
            "Content/entities/zubrowka.md": "---\nname: Zubrowka\nkind: place\ncoordinates: {lat: 47.5, lon: 19.0}\n---\n",
            "Content/entities/freedonia.md": "---\nname: Freedonia\nkind: country\ncoordinates: {lat: 44.0, lon: 21.0}\n---\n",
            "Content/entities/hungary.md": "---\nname: Hungary\nkind: country\ncoordinates: {lat: 10, lon: 10}\n---\n",
            "Content/entities/nowhere.md": "---\nname: Nowhere\nkind: place\n---\n",
            "Content/briefings/b.md": "---\ntitle: B\ndate: 2024-05-01\n---\n[[zubrowka]] and [[freedonia]] met in [[hungary]], not in [[nowhere]].\n",
        ])
        defer { try? FileManager.default.removeItem(at: built.site) }
        XCTAssertTrue(built.report.succeeded, "\(built.report.diagnostics)")
        let home = try built.page("index.html")
        let map = try XCTUnwrap(home.firstMatch(of: #/<svg class="picture-svg picture-map".*?</svg>/#.dotMatchesNewlines())).output
        XCTAssertEqual(map.matches(of: /class="map-place"/).count, 2, "Zubrowka and Freedonia as points")
        XCTAssertTrue(map.contains("aria-label=\"Zubrowka: 1 mention\""))
        XCTAssertEqual(map.matches(of: /class="map-link"/).count, 1, "Hungary shaded, not moved to its coordinates")
        XCTAssertFalse(map.contains("Nowhere"))
        let zubrowka = try built.page("entities/zubrowka/index.html")
        XCTAssertTrue(zubrowka.contains("data-picture=\"map\""), "a place with coordinates has its own map")
    }
}
