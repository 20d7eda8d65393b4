@testable import BriefingKit
import XCTest

final class RequestPathTests: XCTestCase {
    func testConfinesEveryRequestToTheServedFolder() throws {
        let root = try FixtureSite.temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("entities/x"), withIntermediateDirectories: true)
        try Data("home".utf8).write(to: root.appendingPathComponent("index.html"))
        try Data("x".utf8).write(to: root.appendingPathComponent("entities/x/index.html"))
        let outside = try FixtureSite.temporaryFolder()
        try Data("secret".utf8).write(to: outside.appendingPathComponent("secret.txt"))
        try FileManager.default.createSymbolicLink(at: root.appendingPathComponent("escape"), withDestinationURL: outside)
        let paths = RequestPath(root: root)
        let real = root.resolvingSymlinksInPath()

        XCTAssertEqual(paths.resolve("/"), .file(real.appendingPathComponent("index.html")))
        XCTAssertEqual(paths.resolve("/entities/x/"), .file(real.appendingPathComponent("entities/x/index.html")))
        XCTAssertEqual(paths.resolve("/entities/x"), .redirect("/entities/x/"))
        XCTAssertEqual(paths.resolve("/entities/x/index.html"), .file(real.appendingPathComponent("entities/x/index.html")))
        XCTAssertEqual(paths.resolve("/nothing"), .notFound)
        for hostile in ["/../etc/passwd", "/%2e%2e/etc/passwd", "/%2E%2E%2Fetc", "/a%2fb", "/a%5cb", "/..\\etc", "//etc/passwd",
                        "/escape/secret.txt", "/x%00.html", "etc/passwd", "/entities/../../etc", "/~root"] {
            XCTAssertEqual(paths.resolve(hostile), .forbidden, hostile)
        }
    }
}
