import BriefingKit
import Foundation

/// The fuzzing entry points, shared by the libFuzzer executables in Fuzz/ (each links this file
/// through a symbolic link, `Fuzz/<target>/EntryPoints.swift`) and by FuzzRegressionTests, which
/// replays the committed corpora and crash reproducers in-process. Public API only; a broken
/// invariant ends the process with `fatalError` so that libFuzzer records the input.
enum FuzzEntryPoints {
    /// Every target, by the name of its folder under Fuzz/Corpus and Fuzz/Regressions.
    static let targets: [String: @Sendable (UnsafeBufferPointer<UInt8>) -> Void] = [
        "FuzzFrontMatter": frontMatter,
        "FuzzMarkup": markup,
        "FuzzEDTF": edtf,
        "FuzzImport": importer,
        "FuzzRequestPath": requestPath,
    ]

    static func text(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// Front matter split, then YAML decoding into every front matter type and `site.yml`.
    static func frontMatter(_ bytes: UnsafeBufferPointer<UInt8>) {
        let input = text(bytes)
        let split = FrontMatterSplit(input)
        guard split.bodyLine >= 1 else { fatalError("body line \(split.bodyLine) < 1") }
        // The whole input as YAML too (site.yml has no fences), so YAML parsing is reached directly.
        for yaml in [split.yaml, input].compactMap({ $0 }) {
            let decoder = YAMLDocumentDecoder(path: "fuzz.md", firstLine: 2)
            _ = decoder.decode(BriefingFrontMatter.self, from: yaml)
            _ = decoder.decodeWithLocations(EntityFrontMatter.self, from: yaml)
            _ = decoder.decode(PageFrontMatter.self, from: yaml)
            _ = YAMLDocumentDecoder(path: "site.yml", firstLine: 1).decode(SiteConfig.self, from: yaml)
        }
    }

    /// The Markdown, cross-reference and annotation parser, its HTML with and without links, and
    /// the byte ranges the knowledge linker slices.
    static func markup(_ bytes: UnsafeBufferPointer<UInt8>) {
        let input = text(bytes)
        let parser = MarkupParser(path: "fuzz.md", firstLine: 3)
        _ = parser.parse(input).html { _ in nil }
        let document = parser.parse(input)
        let references = document.references.count
        _ = document.html { index in
            guard index >= 0, index < references else { fatalError("link asked for reference \(index) of \(references)") }
            return index % 3 == 2 ? nil : ParsedDocument.Link(href: "../../entities/x<\"&'>.html", classes: "xref \"x\"",
                                                              attributes: [("data-entity", "<x&\"y\">")])
        }
        for reference in document.references where reference.blockIndex >= 0 {
            guard reference.blockIndex < document.blocks.count else {
                fatalError("reference block \(reference.blockIndex) of \(document.blocks.count)")
            }
            let block = document.blocks[reference.blockIndex]
            let length = block.text.utf8.count
            guard reference.range.lowerBound >= 0, reference.range.upperBound <= length else {
                fatalError("reference range \(reference.range) outside a block of \(length) bytes")
            }
            let sentence = block.sentence(containing: reference.range.lowerBound)
            guard sentence.lowerBound >= 0, sentence.upperBound <= length,
                  sentence.lowerBound <= reference.range.lowerBound else {
                fatalError("sentence \(sentence) for reference \(reference.range) in \(length) bytes")
            }
            _ = block.slice(sentence)
            _ = block.slice(reference.range)
        }
        for block in document.blocks {
            for sentence in block.sentences where sentence.lowerBound < 0 || sentence.upperBound > block.text.utf8.count {
                fatalError("sentence \(sentence) outside a block of \(block.text.utf8.count) bytes")
            }
        }
        for quotation in document.quotations where !(0..<references).contains(quotation.speakerReference) {
            fatalError("quotation speaker \(quotation.speakerReference) of \(references) references")
        }
    }

    static let fixedDates = ["2025", "2025-03-13", "199X", "2000/2004", "../2025", "2025-21~"].compactMap(EDTFDate.init)

    /// EDTF parsing, labels, ISO values and ordering; also each line and `/`-separated piece.
    static func edtf(_ bytes: UnsafeBufferPointer<UInt8>) {
        let input = text(bytes)
        var candidates = [input]
        candidates += input.split(separator: "\n").prefix(64).map(String.init)
        for candidate in candidates {
            guard let date = EDTFDate(candidate) else { continue }
            guard date.value == candidate else { fatalError("value \(date.value) != \(candidate)") }
            _ = date.label
            _ = date.isoValue
            _ = date.year
            _ = date.isApproximate
            _ = date.isUncertain
            guard !(date < date) else { fatalError("\(date) < itself") }
            guard EDTFDate(date.value) == date else { fatalError("\(date) does not parse back to itself") }
            for other in fixedDates where date < other && other < date {
                fatalError("\(date) and \(other) are each before the other")
            }
            _ = (fixedDates + [date]).sorted()
        }
    }

    /// The article importer: analysis, its JSON, the generated briefing and entity stubs.
    static func importer(_ bytes: UnsafeBufferPointer<UInt8>) {
        let input = text(bytes)
        _ = ArticleStructure(scalars: Array(input.unicodeScalars))
        let analysis = ArticleAnalysis(text: input, date: "2025-03-31")
        _ = analysis.json()
        let writer = BriefingWriter(analysis: analysis)
        _ = writer.slug
        let briefing = writer.briefing()
        _ = writer.entityStubs()
        // The generated briefing goes through the loader's parsers, as `briefing build` would.
        let split = FrontMatterSplit(briefing)
        if let yaml = split.yaml {
            _ = YAMLDocumentDecoder(path: "import.md", firstLine: 2).decode(BriefingFrontMatter.self, from: yaml)
        }
        _ = MarkupParser(path: "import.md", firstLine: split.bodyLine).parse(split.body).html { _ in nil }
    }

    /// A served folder with files, a sub-folder, and symbolic links that lead outside it.
    static let servedRoot: URL = {
        let base = FileManager.default.temporaryDirectory
            .appendingPathComponent("briefing-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        let root = base.appendingPathComponent("site")
        let outside = base.appendingPathComponent("outside")
        let files = FileManager.default
        do {
            try files.createDirectory(at: root.appendingPathComponent("entities/x"), withIntermediateDirectories: true)
            try files.createDirectory(at: root.appendingPathComponent("linked"), withIntermediateDirectories: true)
            try files.createDirectory(at: outside.appendingPathComponent("folder"), withIntermediateDirectories: true)
            for (path, text) in [("index.html", "home"), ("style.css", "p{}"), ("entities/x/index.html", "x"),
                                 ("a b.txt", "space"), ("caf\u{e9}.html", "accent")] {
                try Data(text.utf8).write(to: root.appendingPathComponent(path))
            }
            try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.txt"))
            try Data("secret".utf8).write(to: outside.appendingPathComponent("folder/index.html"))
            try files.createSymbolicLink(at: root.appendingPathComponent("escape"), withDestinationURL: outside)
            try files.createSymbolicLink(at: root.appendingPathComponent("secret.txt"),
                                         withDestinationURL: outside.appendingPathComponent("secret.txt"))
            try files.createSymbolicLink(at: root.appendingPathComponent("folder"),
                                         withDestinationURL: outside.appendingPathComponent("folder"))
            try files.createSymbolicLink(at: root.appendingPathComponent("linked/index.html"),
                                         withDestinationURL: outside.appendingPathComponent("secret.txt"))
            try files.createSymbolicLink(at: root.appendingPathComponent("inside"),
                                         withDestinationURL: root.appendingPathComponent("entities"))
        } catch {
            fatalError("cannot create the served folder: \(error)")
        }
        return root
    }()

    static let requestPaths = RequestPath(root: servedRoot)

    /// The dev server's request paths: a file result must stay inside the served folder.
    static func requestPath(_ bytes: UnsafeBufferPointer<UInt8>) {
        let input = text(bytes)
        let paths = requestPaths
        let rootPath = paths.root.path
        for raw in [input, "/" + input] {
            if case .file(let url) = paths.resolve(raw) {
                let real = url.resolvingSymlinksInPath().path
                guard real == rootPath || real.hasPrefix(rootPath + "/") else {
                    fatalError("request \(raw.debugDescription) resolved to \(real), outside \(rootPath)")
                }
            }
        }
    }
}
