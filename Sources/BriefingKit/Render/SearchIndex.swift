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
    struct Document: Sendable {
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
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiTerms(text) }
        // Folding accents is slow in Foundation: only words with non-ASCII letters need it.
        return text.lowercased().split { !$0.isLetter && !$0.isNumber }.compactMap { word in
            guard word.count >= 2 else { return nil }
            return word.utf8.allSatisfy { $0 < 0x80 } ? String(word)
                : word.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        }
    }

    /// `terms` for ASCII text, on bytes: there a letter or digit is [A-Za-z0-9] and one byte is
    /// one character, and splitting `Character`s was most of the index's time.
    static func asciiTerms(_ text: String) -> [String] {
        var terms: [String] = []
        var word: [UInt8] = []
        func finishWord() {
            if word.count >= 2 { terms.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): word.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): word.append(byte + 32)
            default: finishWord()
            }
        }
        finishWord()
        return terms
    }

    func files() -> [OutputFile] {
        // Each document's terms on all cores: term → (best paragraph, score, best paragraph's score).
        let perDocument = documents.parallelMap { document -> [String: (paragraph: Int, score: Int, best: Int)] in
            var entries: [String: (paragraph: Int, score: Int, best: Int)] = [:]
            func add(_ text: String, paragraph: Int, weight: Int) {
                var counts: [String: Int] = [:]
                for term in Self.terms(text) { counts[term, default: 0] += 1 }
                for (term, count) in counts {
                    let gain = count * weight
                    var entry = entries[term] ?? (paragraph, 0, 0)
                    entry.score += gain
                    if gain > entry.best { entry = (paragraph, entry.score, gain) }
                    entries[term] = entry
                }
            }
            add(document.title, paragraph: -1, weight: 20)
            for name in document.names { add(name, paragraph: -1, weight: 20) }
            for (position, paragraph) in document.paragraphs.enumerated() { add(paragraph.1, paragraph: position, weight: 1) }
            return entries
        }
        var postings: [String: [(document: Int, paragraph: Int, score: Int)]] = [:]
        for (index, entries) in perDocument.enumerated() {
            for (term, entry) in entries { postings[term, default: []].append((index, entry.paragraph, entry.score)) }
        }
        var shards: [String: [String: JSON]] = [:]
        for (term, documents) in postings {
            let key = Self.shardKey(term)
            shards[key, default: [:]][term] = .array(documents.map { [.int($0.document), .int($0.paragraph), .int($0.score)] })
        }
        var files = shards.sorted { $0.key < $1.key }.parallelMap { key, terms in
            OutputFile(path: "search/terms/\(key).js",
                       text: "BriefingSearch.terms(\(JSON.string(key).text()), \(JSON.object(terms).text(scriptSafe: true)));\n")
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
