import Foundation
import XCTest

/// Runs the real `briefing` executable the way a user does.
final class CommandLineTests: XCTestCase {
    var executable: URL {
        FixtureSite.repository.appendingPathComponent(".build/debug/briefing")
    }

    func run(_ arguments: [String]) throws -> (status: Int32, output: String, errors: String) {
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
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: executable.path), "run `swift build` first")
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
        try XCTSkipUnless(FileManager.default.isExecutableFile(atPath: executable.path), "run `swift build` first")
        let output = try FixtureSite.temporaryFolder().appendingPathComponent("Output")
        let result = try run(["build", FixtureSite.url("minimal").path, "--output", output.path])
        XCTAssertEqual(result.status, 0, result.errors)
        XCTAssertTrue(result.output.hasPrefix("built "), result.output)
    }
}
