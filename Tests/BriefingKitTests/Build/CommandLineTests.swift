import Foundation
import XCTest

/// Runs the real `briefing` executable the way a user does.
final class CommandLineTests: XCTestCase {
    var executable: URL {
        FixtureSite.repository.appendingPathComponent(".build/debug/briefing")
    }

    /// `make test` builds the executable before the tests; a missing one is a failure, not a skip.
    func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            XCTFail("\(executable.path) is missing: run `swift build` before `swift test`")
            throw CocoaError(.fileNoSuchFile)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    func testFailedBuildPrintsDiagnosticsAndExitsOne() throws {
        let output = try FixtureSite.temporaryFolder().appendingPathComponent("Output")
        let result = try run(["build", FixtureSite.url("broken").path, "--output", output.path])
        XCTAssertEqual(result.status, 1)
        let lines = result.errors.split(separator: "\n")
        XCTAssertEqual(lines.filter { $0.contains(": error: ") }.count, 3, result.errors)
        XCTAssertTrue(lines.allSatisfy { !$0.contains("Fatal error") && !$0.contains("Stack") }, result.errors)
        XCTAssertTrue(result.errors.contains("build failed: 3 errors"), result.errors)
        XCTAssertFalse(FileManager.default.fileExists(atPath: output.path))
    }

    func testBuildPrintsASummary() throws {
        let output = try FixtureSite.temporaryFolder().appendingPathComponent("Output")
        let result = try run(["build", FixtureSite.url("minimal").path, "--output", output.path])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.hasPrefix("built "), result.output)
    }

    func testImportRefusesBadInputAndExistingFiles() throws {
        let folder = try FixtureSite.temporaryFolder()
        let latin1 = folder.appendingPathComponent("latin1.txt")
        try Data([0x43, 0x61, 0x66, 0xE9, 0x0A]).write(to: latin1)
        let bad = try run(["import", latin1.path, "--site", folder.path])
        XCTAssertEqual(bad.status, 1)
        XCTAssertEqual(bad.errors, "\(latin1.path):1:1: error: the file is not valid UTF-8 text; save it as UTF-8 and try again\n")

        let site = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: site.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try Data("title: T\n".utf8).write(to: site.appendingPathComponent("Content/site.yml"))
        let article = folder.appendingPathComponent("article.txt")
        try Data("A Title\nBy Jane Doe\n2025-03-31\nJane Doe met officials in Vienna in 2024.\n".utf8).write(to: article)
        let first = try run(["import", article.path, "--site", site.path])
        XCTAssertEqual(first.status, 0, first.errors)
        XCTAssertTrue(first.output.contains("created Content/briefings/a-title.md"), first.output)
        let second = try run(["import", article.path, "--site", site.path])
        XCTAssertEqual(second.status, 1)
        XCTAssertTrue(second.errors.contains("already exists, so nothing was written"), second.errors)
        let extract = try run(["extract", article.path, "--date", "2025-03-31"])
        XCTAssertEqual(extract.status, 0)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(extract.output.utf8)) as? [String: [[String: Any]]])
        XCTAssertTrue(json["dates"]?.contains { $0["value"] as? String == "2024" } == true, extract.output)
    }

    func testCheckPrintsJSONAndInitMakesASite() throws {
        let check = try run(["check", FixtureSite.url("check").path, "--format", "json"])
        XCTAssertEqual(check.status, 1)
        let items = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(check.output.utf8)) as? [[String: Any]])
        XCTAssertEqual(items.count, 4)
        XCTAssertEqual(items.first?["path"] as? String, "Content/briefings/report.md")
        XCTAssertEqual(items.first?["severity"] as? String, "error")
        XCTAssertNotNil(items.first?["line"] as? Int)

        let folder = try FixtureSite.temporaryFolder().appendingPathComponent("new")
        let created = try run(["init", folder.path])
        XCTAssertEqual(created.status, 0, created.errors)
        XCTAssertTrue(created.output.contains("created Content/site.yml"))
        let again = try run(["init", folder.path])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.errors.contains("the folder is not empty"), again.errors)
        let clean = try run(["check", folder.path])
        XCTAssertEqual(clean.status, 0, clean.errors)
        XCTAssertTrue(clean.errors.hasSuffix("0 errors, 0 warnings\n"), clean.errors)
    }
}
