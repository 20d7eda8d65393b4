import BriefingKit
import XCTest

/// Replays the committed fuzzing seeds (Fuzz/Corpus/<target>/) and crash reproducers
/// (Fuzz/Regressions/<target>/) through the same entry points the libFuzzer targets call, in
/// process: a crash, hang or broken invariant found by `make fuzz` stays fixed.
final class FuzzRegressionTests: XCTestCase {
    /// The repository root: this file is Tests/BriefingKitTests/Fuzz/FuzzRegressionTests.swift.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    func testCorpusSeeds() throws {
        let count = try replay("Fuzz/Corpus")
        XCTAssertGreaterThanOrEqual(count, FuzzEntryPoints.targets.count, "every target has seeds")
    }

    func testCrashReproducers() throws {
        _ = try replay("Fuzz/Regressions")
    }

    /// Runs every file under `folder/<target>/` through that target's entry point.
    @discardableResult
    func replay(_ folder: String) throws -> Int {
        let base = Self.root.appendingPathComponent(folder)
        let files = FileManager.default
        var count = 0
        for target in try files.contentsOfDirectory(atPath: base.path).sorted() where !target.hasPrefix(".") {
            guard let entry = FuzzEntryPoints.targets[target] else {
                XCTFail("\(folder)/\(target) names no fuzz target; known: \(FuzzEntryPoints.targets.keys.sorted())")
                continue
            }
            let inputs = try files.contentsOfDirectory(atPath: base.appendingPathComponent(target).path)
                .filter { !$0.hasPrefix(".") }.sorted()
            for name in inputs {
                let data = try Data(contentsOf: base.appendingPathComponent(target).appendingPathComponent(name))
                data.withUnsafeBytes { raw in entry(raw.bindMemory(to: UInt8.self)) }
                count += 1
            }
        }
        return count
    }

    /// The fixed bugs, spelled out (their reproducers are in Fuzz/Regressions too).
    func testNoteReferencedInsideANoteRenders() {
        let html = MarkupParser(path: "a.md").parse("Text.[^1]\n\n[^1]: [!NOTE] See also.[^2]\n\n[^2]: Other.\n")
            .html { _ in nil }
        XCTAssertTrue(html.contains("See also.<sup>2</sup>"), html)
        // Referenced only from itself: no sidenote anywhere, and no crash.
        XCTAssertEqual(MarkupParser(path: "b.md").parse("[^1]: [^1] self\n").html { _ in nil }, "")
    }

    func testImportingASingleCapitalSWord() {
        // "S" looked like a plural demonym ("Azerbaijanis") and left an empty token to look up.
        let analysis = ArticleAnalysis(text: "Plan S works.", date: "2025-03-31")
        XCTAssertFalse(BriefingWriter(analysis: analysis).briefing().isEmpty)
    }

    func testSymlinkedIndexHTMLOutsideTheRootIsForbidden() {
        XCTAssertEqual(FuzzEntryPoints.requestPaths.resolve("/linked/"), .forbidden)
        XCTAssertEqual(FuzzEntryPoints.requestPaths.resolve("/entities/x/"),
                       .file(FuzzEntryPoints.requestPaths.root.appendingPathComponent("entities/x/index.html")))
    }
}
