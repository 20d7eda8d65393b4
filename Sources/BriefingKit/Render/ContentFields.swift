import Foundation
import Mustache

/// A free `params:` map as templates read it: `{{params.key}}`, `{{#params.list}}…{{/params.list}}`,
/// nested maps by dotted names. Values print escaped like every `{{value}}`.
public struct ParamsView: Sendable, MustacheParent {
    public var values: [String: Param]

    public init(_ values: [String: Param]? = nil) { self.values = values ?? [:] }

    public func child(named key: String) -> Any? { values[key]?.templateValue }
}

/// What an entity's front matter says beyond its name and kind, for the `entity-facts` partial.
public struct EntityFactsView: Sendable, MustacheParent {
    /// The picture, relative to the page (`../../assets/x.jpg`), or "".
    public var imageSrc: String
    public var imageAlt: String
    /// Its web site, "" when none; only http(s) addresses get here.
    public var url: String
    /// The host of `url`, as the link's text.
    public var urlLabel: String
    public var wikidata: String
    public var wikidataURL: String
    /// "40.4093° N, 49.8671° E", or "".
    public var coordinatesLabel: String
    /// A map of the place (OpenStreetMap), or "".
    public var mapURL: String
    public var hasImage: Bool
    public var hasLinks: Bool

    public func child(named key: String) -> Any? {
        switch key {
        case "imageSrc": imageSrc
        case "imageAlt": imageAlt
        case "url": url
        case "urlLabel": urlLabel
        case "wikidata": wikidata
        case "wikidataURL": wikidataURL
        case "coordinatesLabel": coordinatesLabel
        case "mapURL": mapURL
        case "hasImage": hasImage
        case "hasLinks": hasLinks
        default: nil
        }
    }
}

extension SiteRenderer {
    /// The front matter a template may show beyond what the page's view model holds: `params`
    /// (the page's own free values) on every page made from a document, and `entityFacts` on an
    /// entity's page.
    func addContentFields(for id: DocumentID, to context: inout [String: Any]) {
        switch id.kind {
        case .briefing: context["params"] = ParamsView(site.briefings.first { $0.slug == id.slug }?.fields.params)
        case .page: context["params"] = ParamsView(site.pages.first { $0.slug == id.slug }?.fields.params)
        case .entity:
            guard let entity = graph.entities[id.slug] else { return }
            context["params"] = ParamsView(entity.params)
            context["entityFacts"] = Self.facts(of: entity, root: Self.root(for: id.outputPath))
        }
    }

    static func facts(of entity: Entity, root: String) -> EntityFactsView {
        let coordinates = entity.coordinates.map { place in
            let lat = place.latitude, lon = place.longitude
            return (label: "\(Self.degrees(abs(lat)))° \(lat < 0 ? "S" : "N"), \(Self.degrees(abs(lon)))° \(lon < 0 ? "W" : "E")",
                    map: "https://www.openstreetmap.org/?mlat=\(lat)&mlon=\(lon)#map=8/\(lat)/\(lon)")
        }
        let url = entity.url ?? ""
        let host = URLComponents(string: url)?.host ?? url
        return EntityFactsView(
            imageSrc: entity.image.map { root + $0 } ?? "", imageAlt: entity.name, url: url,
            urlLabel: host.hasPrefix("www.") ? String(host.dropFirst(4)) : host,
            wikidata: entity.wikidata ?? "", wikidataURL: entity.wikidata.map { "https://www.wikidata.org/wiki/" + $0 } ?? "",
            coordinatesLabel: coordinates?.label ?? "", mapURL: coordinates?.map ?? "",
            hasImage: entity.image != nil, hasLinks: entity.url != nil || entity.wikidata != nil || coordinates != nil)
    }

    /// Degrees with at most four decimals, without trailing zeros.
    static func degrees(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }
}

extension SiteRenderer {
    /// The navigation: the built-in items, then the pages. A page's `nav: {order}` puts it among
    /// them (the built-in items stand at 100, 200, 300…, so `order: 150` is after the first);
    /// pages without an order follow in file order; `nav: {label}` is the link's text (else the
    /// title); `nav: false` leaves the page out.
    static func navigation(_ builtIn: [(label: String, path: String)], pages: [SourceDocument<PageFrontMatter>])
        -> [(label: String, path: String)] {
        var items: [(order: Int, position: Int, label: String, path: String)] = builtIn.enumerated().map {
            ((($0.offset + 1) * 100), $0.offset, $0.element.label, $0.element.path)
        }
        for (index, page) in pages.enumerated() where page.fields.nav?.hidden != true {
            items.append((page.fields.nav?.order ?? Int.max, builtIn.count + index, page.fields.nav?.label ?? page.fields.title,
                          DocumentID(.page, page.slug).outputPath))
        }
        return items.sorted { ($0.order, $0.position) < ($1.order, $1.position) }.map { ($0.label, $0.path) }
    }
}
