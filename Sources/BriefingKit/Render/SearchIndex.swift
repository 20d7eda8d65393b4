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
        if text.isAllASCII { return asciiTerms(text) }
        // Folding accents is slow in Foundation: only words with non-ASCII letters need it.
        return text.lowercased().split { !$0.isLetter && !$0.isNumber }.compactMap { word in
            guard word.count >= 2 else { return nil }
            return word.isAllASCII ? String(word)
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

    /// A term's best paragraph in one document, its score there, and that paragraph's share.
    typealias Entry = (paragraph: Int, score: Int, best: Int)
    /// Documents holding a term, by document index: (document, best paragraph, score).
    typealias Posting = (document: Int, paragraph: Int, score: Int)

    /// What the files were made from, so an edit to some documents rewrites only the shards of
    /// the terms whose postings changed and the chunks holding those documents.
    struct State: @unchecked Sendable {
        var documents: [Document]
        var entries: [[String: Entry]]
        var postings: [String: [Posting]]
        var shards: [String: Set<String>]

        static var empty: State { State(documents: [], entries: [], postings: [:], shards: [:]) }
    }

    /// Every file of the index, and the state to update it from.
    func build() -> (files: [OutputFile], state: State) {
        let entries = documents.parallelMap(Self.entries)
        var postings: [String: [Posting]] = [:]
        for (index, terms) in entries.enumerated() {
            for (term, entry) in terms { postings[term, default: []].append((index, entry.paragraph, entry.score)) }
        }
        var shards: [String: Set<String>] = [:]
        for term in postings.keys { shards[Self.shardKey(term), default: []].insert(term) }
        let state = State(documents: documents, entries: entries, postings: postings, shards: shards)
        var files = shards.keys.sorted().parallelMap { Self.shardFile($0, state: state) }
        files += stride(from: 0, to: documents.count, by: chunkSize).map { chunkFile($0 / chunkSize) }
        files.append(metaFile(shards: Array(shards.keys)))
        return (files.sorted { $0.path < $1.path }, state)
    }

    /// The files that change when the documents at the `changed` indexes are edited (the same
    /// pages in the same order), and the paths of shards that no term needs any more.
    static func update(_ state: inout State, changed: [(index: Int, document: Document)], chunkSize: Int = 100)
        -> (files: [OutputFile], removed: [String]) {
        var touchedShards: Set<String> = []
        for (index, document) in changed {
            let old = state.entries[index]
            let new = entries(document)
            state.entries[index] = new
            state.documents[index] = document
            for term in Set(old.keys).union(new.keys) where old[term].map({ [$0.paragraph, $0.score] }) != new[term].map({ [$0.paragraph, $0.score] }) {
                // Taken out of the dictionary, so the list is changed in place rather than copied.
                var list = state.postings.removeValue(forKey: term) ?? []
                let listed = !list.isEmpty
                let position = list.partitioningIndex { $0.document >= index }
                if position < list.count, list[position].document == index { list.remove(at: position) }
                if let entry = new[term] { list.insert((index, entry.paragraph, entry.score), at: position) }
                let key = shardKey(term)
                touchedShards.insert(key)
                if list.isEmpty {
                    state.shards[key]?.remove(term)
                } else {
                    if !listed { state.shards[key, default: []].insert(term) }
                    state.postings[term] = list
                }
            }
        }
        var files: [OutputFile] = []
        var removed: [String] = []
        for key in touchedShards.sorted() {
            if state.shards[key]?.isEmpty ?? true {
                state.shards[key] = nil
                removed.append(shardPath(key))
            } else {
                files.append(shardFile(key, state: state))
            }
        }
        let index = SearchIndex(documents: state.documents, chunkSize: chunkSize)
        files += Set(changed.map { $0.index / chunkSize }).sorted().map(index.chunkFile)
        files.append(index.metaFile(shards: Array(state.shards.keys)))
        return (files, removed)
    }

    /// Each term of a document: its best paragraph (-1: title or names), summed score, best share.
    /// A text's share of a term is its count there times the text's weight; the earliest text
    /// with the largest share is the best paragraph.
    static func entries(_ document: Document) -> [String: Entry] {
        var texts: [(text: String, paragraph: Int, weight: Int)] = [(document.title, -1, 20)]
        texts += document.names.map { ($0, -1, 20) }
        texts += document.paragraphs.enumerated().map { ($0.element.1, $0.offset, 1) }
        // One dictionary for the whole document (hashing every word was most of the index's time):
        // a term's count in the text being read waits beside its entry and is added when the term
        // shows up in a later text, or at the end.
        var open: [String: (entry: Entry, text: Int, count: Int)] = [:]
        func settle(_ term: inout (entry: Entry, text: Int, count: Int)) {
            let gain = term.count * texts[term.text].weight
            term.entry.score += gain
            if gain > term.entry.best { term.entry = (texts[term.text].paragraph, term.entry.score, gain) }
        }
        func count(_ term: inout (entry: Entry, text: Int, count: Int), in index: Int) {
            if term.text != index {
                settle(&term)
                term.text = index
                term.count = 0
            }
            term.count += 1
        }
        for (index, text) in texts.enumerated() {
            for term in terms(text.text) { count(&open[term, default: ((text.paragraph, 0, 0), index, 0)], in: index) }
        }
        return open.mapValues { term in
            var term = term
            settle(&term)
            return term.entry
        }
    }

    static func shardPath(_ key: String) -> String { "search/terms/\(key).js" }

    static func shardFile(_ key: String, state: State) -> OutputFile {
        var terms: [String: JSON] = [:]
        for term in state.shards[key] ?? [] {
            terms[term] = .array((state.postings[term] ?? []).map { [.int($0.document), .int($0.paragraph), .int($0.score)] })
        }
        return OutputFile(path: shardPath(key),
                          text: "BriefingSearch.terms(\(JSON.string(key).text()), \(JSON.object(terms).text(scriptSafe: true)));\n")
    }

    func chunkFile(_ number: Int) -> OutputFile {
        let start = number * chunkSize
        let chunk = documents[start..<min(start + chunkSize, documents.count)].map { document -> JSON in
            ["title": .string(document.title), "url": .string(document.url), "kind": .string(document.kind),
             "paragraphs": .array(document.paragraphs.map { [.string($0.0), .string($0.1)] })]
        }
        return OutputFile(path: "search/docs/\(number).js",
                          text: "BriefingSearch.docs(\(number), \(JSON.array(chunk).text(scriptSafe: true)));\n")
    }

    func metaFile(shards: [String]) -> OutputFile {
        let meta: JSON = ["chunkSize": .int(chunkSize), "documentCount": .int(documents.count),
                          "shards": .array(shards.sorted().map(JSON.string))]
        return OutputFile(path: "search/meta.js", text: "BriefingSearch.meta(\(meta.text(scriptSafe: true)));\n")
    }

    /// The shard of a term: its first two characters, as file-name-safe text.
    static func shardKey(_ term: String) -> String {
        let prefix = String(term.prefix(2))
        return prefix.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
            ? prefix : "_" + prefix.unicodeScalars.map { String($0.value, radix: 16) }.joined(separator: "_")
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, which must be false then true along the array.
    func partitioningIndex(where predicate: (Element) -> Bool) -> Int {
        var low = 0, high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
