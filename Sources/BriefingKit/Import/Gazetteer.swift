/// Names the importer knows without the site's help: countries (with short forms, demonyms and
/// capitals used for governments), international organizations and regions. The data is
/// `Data/gazetteer.tsv` (see `Data/README.md` for its source and license), compiled in.
public struct Gazetteer: Sendable {
    /// One row: an entity and every surface form that names it.
    public struct Entry: Sendable, Equatable {
        public var slug: String
        public var kind: EntityKind
        public var name: String
        public var aliases: [String]
        public var demonyms: [String]
        public var capital: String?
    }

    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries
    }

    /// Parses the tab-separated format: `slug kind name aliases demonyms capital`, lists `|`-separated.
    public init(tsv: String) {
        var entries: [Entry] = []
        for line in tsv.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard columns.count == 6, let kind = EntityKind(rawValue: columns[1]) else { continue }
            func list(_ text: String) -> [String] { text.split(separator: "|").map(String.init) }
            entries.append(Entry(slug: columns[0], kind: kind, name: columns[2], aliases: list(columns[3]),
                                 demonyms: list(columns[4]), capital: columns[5].isEmpty ? nil : columns[5]))
        }
        self.entries = entries
    }

    /// The gazetteer compiled into the binary.
    public static let builtIn = Gazetteer(tsv: embeddedTSV)
}
