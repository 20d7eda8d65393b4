/// Resolves `[[target]]`s: EDTF dates, `briefing:slug` and `page:slug` links to other content, or
/// entities by slug, name or alias, case-insensitively.
public struct EntityResolver: Sendable {
    /// What a target names.
    public enum Resolution: Sendable, Equatable {
        case entity(String)
        case date(EDTFDate)
        /// `[[briefing:slug]]` or `[[page:slug]]`: another document of the site.
        case document(DocumentID)
        case unknown(suggestion: String?)
        /// `[[briefing:x]]` or `[[page:x]]` naming no such document; the suggestion is a slug.
        case unknownDocument(DocumentID.Kind, suggestion: String?)
        case invalidDate
    }

    private var slugByKey: [String: String] = [:]
    private var names: [String] = []
    /// Slugs of the briefings and pages `[[briefing:…]]` and `[[page:…]]` can name.
    private var documentSlugs: [DocumentID.Kind: Set<String>] = [:]
    /// Name and alias collisions between entities, found while indexing.
    public private(set) var diagnostics: [Diagnostic] = []

    /// The prefixes of links to documents, and the kind each names.
    static let documentPrefixes: [(prefix: String, kind: DocumentID.Kind)] = [("briefing:", .briefing), ("page:", .page)]

    /// `documents` are the briefings and pages (any entity ids among them are ignored) that
    /// `[[briefing:slug]]` and `[[page:slug]]` may name.
    public init(entities: [Entity], documents: [DocumentID] = []) {
        for id in documents where id.kind != .entity { documentSlugs[id.kind, default: []].insert(id.slug) }
        for entity in entities.sorted(by: { $0.slug < $1.slug }) {
            register(entity.slug, for: entity, what: "slug")
            register(entity.name, for: entity, what: "name")
            for alias in entity.aliases { register(alias, for: entity, what: "alias") }
        }
        names = Array(Set(entities.flatMap { [$0.slug, $0.name] + $0.aliases })).sorted()
    }

    private mutating func register(_ key: String, for entity: Entity, what: String) {
        let normalized = Self.normalize(key)
        guard !normalized.isEmpty else { return }
        // Every target is tried as a date first, so no reference can reach an entity by this key.
        if EDTFDate(key) != nil || Self.looksLikeDate(key) {
            let fix = what == "slug" ? "rename the file (e.g. \(key)-event.md)" : "change it or use another alias"
            diagnostics.append(.warning("\(what) '\(key)' of '\(entity.slug)' reads as a date, so [[\(key)]] names the date, never this entity; \(fix)",
                                        at: what == "slug" ? SourceLocation(path: entity.path)
                                            : entity.fieldLocations[what == "name" ? "name" : "aliases"] ?? SourceLocation(path: entity.path)))
        }
        if let other = slugByKey[normalized], other != entity.slug {
            diagnostics.append(.error("\(what) '\(key)' of '\(entity.slug)' also names '\(other)'; references to it would be ambiguous, so remove or change one",
                                      at: SourceLocation(path: entity.path, line: 1, column: 1)))
            return
        }
        slugByKey[normalized] = entity.slug
    }

    /// Lowercased, whitespace runs as one space, none at the ends.
    static func normalize(_ key: String) -> String {
        guard key.isAllASCII else {
            return key.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        }
        // Every reference is normalized: ASCII text by its bytes, where whitespace is 9–13 and 32.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(key.utf8.count)
        var space = false
        for byte in key.utf8 {
            if byte == 0x20 || (0x09...0x0D).contains(byte) {
                space = !bytes.isEmpty
                continue
            }
            if space { bytes.append(0x20) }
            space = false
            bytes.append((0x41...0x5A).contains(byte) ? byte + 0x20 : byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public func resolve(_ target: String) -> Resolution {
        if let (kind, slug) = Self.documentTarget(target) {
            let slugs = documentSlugs[kind] ?? []
            if slugs.contains(slug) { return .document(DocumentID(kind, slug)) }
            return .unknownDocument(kind, suggestion: Suggestion.closest(to: slug, in: slugs.sorted()))
        }
        if let date = EDTFDate(target) { return .date(date) }
        if Self.looksLikeDate(target) { return .invalidDate }
        if let slug = slugByKey[Self.normalize(target)] { return .entity(slug) }
        // `[[welcome]]` for a page or briefing: point at the prefixed form rather than a far-off entity.
        let bare = Slug.make(from: target)
        for (prefix, kind) in Self.documentPrefixes where documentSlugs[kind]?.contains(bare) == true {
            return .unknown(suggestion: prefix + bare)
        }
        return .unknown(suggestion: Suggestion.closest(to: target, in: names))
    }

    /// The kind and slug of a `briefing:slug` or `page:slug` target (prefix in any case, slug
    /// compared as a file name's slug), or nil for any other target.
    static func documentTarget(_ target: String) -> (DocumentID.Kind, String)? {
        guard let colon = target.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
        let head = target[..<colon].lowercased() + ":"
        guard let kind = documentPrefixes.first(where: { $0.prefix == head })?.kind else { return nil }
        let slug = Slug.make(from: CrossReference.trimmed(target[target.index(after: colon)...]))
        return (kind, slug)
    }

    /// "2025-13-01", "2025-02-30", "12/03/2025": meant as dates but not valid EDTF.
    static func looksLikeDate(_ target: String) -> Bool {
        guard let first = target.first, first.isNumber else { return false }
        let digits = target.filter(\.isNumber).count
        return digits >= 4 && target.allSatisfy { $0.isNumber || "-/~?%.X".contains($0) }
    }
}
