@testable import BriefingKit
import XCTest

/// The output folder's rules (issue 18): what a build replaces, what it keeps, what it recovers
/// from a killed build, and how `briefing serve` knows its own output from another build's.
final class OutputFolderTests: XCTestCase {
    var site: URL!
    var output: URL { site.appendingPathComponent("Output") }

    override func setUpWithError() throws {
        site = try FixtureSite.temporaryFolder()
        try FileManager.default.copyItem(at: FixtureSite.url("minimal/Content"), to: site.appendingPathComponent("Content"))
    }

    func build(cache: BuildCache? = nil, baseURL: String? = nil) -> SiteBuilder.Report {
        var options = SiteBuilder.Options(siteDirectory: site, baseURL: baseURL)
        options.cache = cache
        options.today = "2026-01-01"
        return SiteBuilder(options: options).build()
    }

    func testABuildBetweenTwoServeRebuildsMakesTheNextRenderEverything() throws {
        let cache = BuildCache()
        let first = build(cache: cache)
        XCTAssertTrue(first.succeeded, "\(first.diagnostics)")
        XCTAssertTrue(build(baseURL: "https://example.org/").succeeded, "`briefing build --base-url` while serving")
        let about = site.appendingPathComponent("Content/pages/about.md")
        try (try String(contentsOf: about, encoding: .utf8) + "\nOne more line.\n").write(to: about, atomically: false, encoding: .utf8)
        let rebuilt = build(cache: cache)
        XCTAssertTrue(rebuilt.succeeded)
        XCTAssertEqual(rebuilt.pageCount, first.pageCount, "the output is not the one serve wrote: every page again")
        let canonical = FixtureSite.tree(output).filter { String(decoding: $0.value, as: UTF8.self).contains("rel=\"canonical\"") }
        XCTAssertEqual(canonical.keys.sorted(), [], "no page of the other build is left")
    }

    func testServeRebuildsSwapInANewTreeAndKnowTheirOwn() throws {
        let cache = BuildCache()
        XCTAssertTrue(build(cache: cache).succeeded)
        let before = try XCTUnwrap(OutputFolder(output).identity())
        let style = output.appendingPathComponent("static/style.css").path
        var info = stat()
        XCTAssertEqual(stat(style, &info), 0)
        let styleInode = info.st_ino
        let about = site.appendingPathComponent("Content/pages/about.md")
        try (try String(contentsOf: about, encoding: .utf8) + "\nOne more line.\n").write(to: about, atomically: false, encoding: .utf8)
        let rebuilt = build(cache: cache)
        XCTAssertTrue(rebuilt.succeeded)
        XCTAssertLessThan(rebuilt.pageCount, 5, "only the edited page and what shows it")
        XCTAssertNotEqual(OutputFolder(output).identity(), before, "a whole new tree, swapped in at once")
        XCTAssertEqual(stat(style, &info), 0)
        XCTAssertEqual(info.st_ino, styleInode, "an unchanged file is linked into the new tree, not copied")
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent(OutputFolder.marker), encoding: .utf8), OutputFolder.markerText)
    }

    func testATreeLinkedFromAnOutputAnotherBuildReplacedIsNeverSwappedIn() throws {
        XCTAssertTrue(build().succeeded)
        let folder = OutputFolder(output)
        let linkedFrom = try XCTUnwrap(folder.identity())
        let staging = try folder.makeStaging().get()
        try Data("mixed".utf8).write(to: staging.appendingPathComponent("index.html"))
        // Another build swaps its tree in after this one linked files from the old one.
        XCTAssertTrue(build(baseURL: "https://example.org/").succeeded)
        let other = FixtureSite.tree(output)
        XCTAssertThrowsError(try folder.commit(staging, expecting: linkedFrom)) { error in
            guard case OutputFolder.Failure.replaced = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(FixtureSite.tree(output), other, "the other build's tree stays whole")
        XCTAssertFalse(FileManager.default.fileExists(atPath: staging.path), "the mixed tree is discarded")
    }

    func testAKilledBuildWithThisProcesssIDIsRecoveredToo() throws {
        XCTAssertTrue(build().succeeded)
        // In a container every run may get the same process id: a folder left under our own id
        // belongs to a build that is gone.
        let killed = site.appendingPathComponent(".Output.building-\(getpid())-deadbeef")
        try FileManager.default.createDirectory(at: killed, withIntermediateDirectories: true)
        try Data("example.org\n".utf8).write(to: killed.appendingPathComponent("CNAME"))
        XCTAssertTrue(build().succeeded)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("CNAME"), encoding: .utf8), "example.org\n")
    }

    func testKeptEntriesLeftByAKilledBuildAreRecovered() throws {
        XCTAssertTrue(build().succeeded)
        // A build killed just after its swap: its staging folder holds the old tree and the
        // user's entries it had not moved back yet (4194305 is above any process id).
        let killed = site.appendingPathComponent(".Output.building-4194305-deadbeef")
        try FileManager.default.createDirectory(at: killed.appendingPathComponent(".git/objects"), withIntermediateDirectories: true)
        try Data("example.org\n".utf8).write(to: killed.appendingPathComponent("CNAME"))
        try Data("ref: refs/heads/gh-pages\n".utf8).write(to: killed.appendingPathComponent(".git/HEAD"))
        try Data("old page\n".utf8).write(to: killed.appendingPathComponent("index.html"))
        let report = build()
        XCTAssertTrue(report.succeeded, "\(report.diagnostics)")
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("CNAME"), encoding: .utf8), "example.org\n")
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent(".git/HEAD"), encoding: .utf8), "ref: refs/heads/gh-pages\n")
        let deadline = Date().addingTimeInterval(10)
        while FileManager.default.fileExists(atPath: killed.path) && Date() < deadline { usleep(50_000) }
        XCTAssertFalse(FileManager.default.fileExists(atPath: killed.path), "the emptied folder is removed")
    }

    func testTheOutputsOwnEntryWinsOverALeftover() throws {
        XCTAssertTrue(build().succeeded)
        try Data("new.example.org\n".utf8).write(to: output.appendingPathComponent("CNAME"))
        let killed = site.appendingPathComponent(".Output.building-4194305-deadbeef")
        try FileManager.default.createDirectory(at: killed, withIntermediateDirectories: true)
        try Data("old.example.org\n".utf8).write(to: killed.appendingPathComponent("CNAME"))
        let report = build()
        XCTAssertTrue(report.succeeded)
        XCTAssertEqual(try String(contentsOf: output.appendingPathComponent("CNAME"), encoding: .utf8), "new.example.org\n")
        XCTAssertTrue(report.diagnostics.contains { $0.severity == .warning && $0.message.contains("CNAME") }, "\(report.diagnostics)")
        XCTAssertEqual(try String(contentsOf: killed.appendingPathComponent("CNAME"), encoding: .utf8), "old.example.org\n", "never deleted")
    }

    func testWriteFailuresSayWhatHappened() {
        XCTAssertEqual(FileError("/o/x", code: ENOSPC).description, "/o/x: no space left on the device")
        XCTAssertTrue(FileError("/o/x", code: ENAMETOOLONG).reason.contains("too long"))
        XCTAssertEqual(FileError("/o/x", code: EROFS).reason, "the file system is read-only")
        XCTAssertEqual(FileError("/o/x", code: EACCES).reason, "permission denied")
    }
}
