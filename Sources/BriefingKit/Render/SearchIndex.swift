import Foundation

/// A static search index that needs no server and loads only what a query needs (the idea of
/// Pagefind): terms are split into shards by their first two letters, documents into chunks.
/// Every file is a script that hands its data to `window.BriefingSearch`, so search also works
/// from `file://`, where pages may not fetch files.
///
/// - `search/meta.js`: `BriefingSearch.meta({"chunkSize", "documentCount", "shards": ["ab", …]})`
/// - `search/terms/<ab>.js`: `BriefingSearch.terms("ab", {"term": [[document, paragraph, score], …]})`
/// - `search/docs/<n>.js`: `BriefingSearch.docs(n, [{"title", "url", "kind", "paragraphs": [[anchor, text], …]}])`
struct SearchIndex {
    /// One searchable page.
    struct Document {
        var title: String
        /// From the site root, e.g. `briefings/x/index.html`.
        var url: String
        var kind: String
        /// Extra names that find the page (entity aliases), weighted like the title.
        var names: [String]
        /// (anchor, text) of each paragraph or heading.
        var paragraphs: [(String, String)]
    }

    var documents: [Document]
    var chunkSize = 100

    /// Lowercased, accents folded, split at anything that is not a letter or digit.
    static func terms(_ text: String) -> [String] {
        // Folding accents is slow in Foundation: only words with non-ASCII letters need it.
        text.lowercased().split { !$0.isLetter && !$0.isNumber }.compactMap { word in
            guard word.count >= 2 else { return nil }
            return word.utf8.allSatisfy { $0 < 0x80 } ? String(word)
                : word.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        }
    }

    func files() -> [OutputFile] {
        // term → document → (best paragraph, score)
        var postings: [String: [Int: (paragraph: Int, score: Int, best: Int)]] = [:]
        func add(_ text: String, document: Int, paragraph: Int, weight: Int) {
            var counts: [String: Int] = [:]
            for term in Self.terms(text) { counts[term, default: 0] += 1 }
            for (term, count) in counts {
                let gain = count * weight
                var entry = postings[term, default: [:]][document] ?? (paragraph, 0, 0)
                entry.score += gain
                if gain > entry.best { entry = (paragraph, entry.score, gain) }
                postings[term, default: [:]][document] = entry
            }
        }
        for (index, document) in documents.enumerated() {
            add(document.title, document: index, paragraph: -1, weight: 20)
            for name in document.names { add(name, document: index, paragraph: -1, weight: 20) }
            for (position, paragraph) in document.paragraphs.enumerated() {
                add(paragraph.1, document: index, paragraph: position, weight: 1)
            }
        }
        var shards: [String: [String: JSON]] = [:]
        for (term, documents) in postings {
            let key = Self.shardKey(term)
            shards[key, default: [:]][term] = .array(documents.sorted { $0.key < $1.key }.map {
                [.int($0.key), .int($0.value.paragraph), .int($0.value.score)]
            })
        }
        var files: [OutputFile] = []
        for (key, terms) in shards {
            files.append(OutputFile(path: "search/terms/\(key).js",
                                    text: "BriefingSearch.terms(\(JSON.string(key).text()), \(JSON.object(terms).text(scriptSafe: true)));\n"))
        }
        for start in stride(from: 0, to: documents.count, by: chunkSize) {
            let chunk = documents[start..<min(start + chunkSize, documents.count)].map { document -> JSON in
                ["title": .string(document.title), "url": .string(document.url), "kind": .string(document.kind),
                 "paragraphs": .array(document.paragraphs.map { [.string($0.0), .string($0.1)] })]
            }
            files.append(OutputFile(path: "search/docs/\(start / chunkSize).js",
                                    text: "BriefingSearch.docs(\(start / chunkSize), \(JSON.array(chunk).text(scriptSafe: true)));\n"))
        }
        let meta: JSON = ["chunkSize": .int(chunkSize), "documentCount": .int(documents.count),
                          "shards": .array(shards.keys.sorted().map(JSON.string))]
        files.append(OutputFile(path: "search/meta.js", text: "BriefingSearch.meta(\(meta.text(scriptSafe: true)));\n"))
        return files.sorted { $0.path < $1.path }
    }

    /// The shard of a term: its first two characters, as file-name-safe text.
    static func shardKey(_ term: String) -> String {
        let prefix = String(term.prefix(2))
        return prefix.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            ? prefix : "_" + prefix.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "_")
    }
}
