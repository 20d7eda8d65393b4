import Foundation

/// Checks of front matter values that decoding cannot make: addresses, identifiers, ranges,
/// files. Each returns why a value is refused (nil when it is fine), for a diagnostic at it.
/// Values come from files that may be hostile: an address becomes an `href`, so only http(s)
/// passes, never `javascript:`.
enum FrontMatterChecks {
    /// Why `url` is not a web address a page may link: http or https with a host, no spaces,
    /// control characters or password.
    static func webAddressProblem(_ url: String, key: String) -> String? {
        let example = "write an address that starts with https:// (or http://), e.g. https://example.org/"
        guard !url.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }),
              let parts = URLComponents(string: url), let scheme = parts.scheme?.lowercased() else {
            return "\(key) '\(url)' is not a web address; \(example)"
        }
        guard scheme == "https" || scheme == "http" else {
            return "\(key) '\(url)' is a \(scheme): address; only http and https links are allowed; \(example)"
        }
        guard let host = parts.host, !host.isEmpty else { return "\(key) '\(url)' names no host; \(example)" }
        if parts.user != nil || parts.password != nil { return "\(key) '\(url)' must not hold a user name or password" }
        return nil
    }

    /// Why `id` is not a Wikidata item id (`Q` and digits, as in https://www.wikidata.org/wiki/Q62578).
    static func wikidataProblem(_ id: String) -> String? {
        let digits = id.dropFirst()
        if id.first == "Q", !digits.isEmpty, digits.first != "0", digits.utf8.allSatisfy({ (0x30...0x39).contains($0) }), digits.count <= 12 {
            return nil
        }
        let hint = id.range(of: #"Q[1-9][0-9]*"#, options: .regularExpression).map { " (did you mean '\(id[$0])'?)" } ?? ""
        return "wikidata '\(id)' is not a Wikidata item id\(hint); write Q and its number, e.g. Q62578"
    }

    /// Why `coordinates` are out of range (latitude −90…90, longitude −180…180).
    static func coordinatesProblem(_ coordinates: Coordinates) -> String? {
        let (lat, lon) = (coordinates.latitude, coordinates.longitude)
        if !lat.isFinite || !(-90...90).contains(lat) {
            return "coordinates: latitude \(lat) is out of range; it must be between -90 and 90 degrees (write {lat: …, lon: …})"
        }
        if !lon.isFinite || !(-180...180).contains(lon) {
            return "coordinates: longitude \(lon) is out of range; it must be between -180 and 180 degrees (write {lat: …, lon: …})"
        }
        return nil
    }

    /// The output path of `image` (`assets/x.jpg`) when it names one of the site's `assets`
    /// (paths relative to `Content/assets/`), else why not. Pages load images from the site only
    /// (their Content-Security-Policy), so an address on another host is refused too.
    static func image(_ image: String, assets: [String]) -> Result<String, ImageProblem> {
        if image.contains(":") || image.hasPrefix("//") {
            return .failure(ImageProblem(message: "image '\(image)' must be a file of the site, not an address: pages load images from the site only; save it in Content/assets/ and write image: assets/<file>"))
        }
        var file = image.hasPrefix("/") ? String(image.dropFirst()) : image
        if file.hasPrefix("assets/") { file = String(file.dropFirst("assets/".count)) }
        if !file.split(separator: "/").contains(".."), assets.contains(file) { return .success("assets/" + file) }
        let hint = Suggestion.closest(to: file, in: assets).map { " (did you mean 'assets/\($0)'?)" } ?? ""
        return .failure(ImageProblem(message: "image '\(image)' is not a file in Content/assets/\(hint); put the picture there and write image: assets/<file>"))
    }

    /// Why an image is refused.
    struct ImageProblem: Error {
        var message: String
    }
}
