@testable import BriefingKit
import FlyingFox
import XCTest

final class ServeProtocolTests: XCTestCase {
    func testByteRanges() {
        XCTAssertEqual(ByteRange(header: nil, size: 100), .whole)
        XCTAssertEqual(ByteRange(header: "bytes=0-9", size: 100), .part(0..<10))
        XCTAssertEqual(ByteRange(header: "bytes=90-200", size: 100), .part(90..<100))
        XCTAssertEqual(ByteRange(header: "bytes=-10", size: 100), .part(90..<100))
        XCTAssertEqual(ByteRange(header: "bytes=-1000", size: 100), .part(0..<100))
        XCTAssertEqual(ByteRange(header: "bytes=50-", size: 100), .part(50..<100))
        XCTAssertEqual(ByteRange(header: "bytes=100-", size: 100), .unsatisfiable)
        XCTAssertEqual(ByteRange(header: "bytes=99999999999999999999-", size: 100), .unsatisfiable)
        XCTAssertEqual(ByteRange(header: "bytes=-0", size: 100), .unsatisfiable)
        for ignored in ["bytes=0-1,5-6", "items=0-1", "bytes=5-1", "bytes=a-b", "bytes=-", "bytes=١-٢"] {
            XCTAssertEqual(ByteRange(header: ignored, size: 100), .whole, ignored)
        }
    }

    func testRequestHeads() throws {
        let request = try RequestHeadReader.parse(Array("GET /a%20b?q=x HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nX-Two:  spaced \r\n\r\n".utf8))
        XCTAssertEqual(request.method, .GET)
        XCTAssertEqual(request.target.path(percentEncoded: true), "/a%20b")
        XCTAssertEqual(request.target.query(percentEncoded: true), "q=x")
        XCTAssertEqual(request.headers[.host], "127.0.0.1:8080")
        XCTAssertEqual(request.headers[HTTPHeader("x-two")], "spaced")
        XCTAssertTrue(request.keepsAlive)
        for bad in ["GET /\r\n\r\n", "GET / HTTP/2.0\r\n\r\n", "GET http://x/ HTTP/1.1\r\n\r\n", "GET / HTTP/1.1\r\nNo colon\r\n\r\n",
                    "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", "GET / HTTP/1.1\r\nBad name: x\r\n\r\n",
                    "GET /a\rLocation:x HTTP/1.1\r\n\r\n", "GET /\u{7F} HTTP/1.1\r\n\r\n"] {
            XCTAssertThrowsError(try RequestHeadReader.parse(Array(bad.utf8)), bad)
        }
    }

    func testBodySlicesSpanFilePartsAndInsertedBytes() async throws {
        let folder = try FixtureSite.temporaryFolder()
        try Data("0123456789".utf8).write(to: folder.appendingPathComponent("f.txt"))
        guard case .file(let file) = RequestPath(root: folder).open("/f.txt") else { return XCTFail("not opened") }
        let body = FileBody([.file(file, 0..<4), .bytes(Array("abc".utf8)), .file(file, 4..<10)])
        XCTAssertEqual(body.count, 13)
        func text(_ body: FileBody) async throws -> String {
            var bytes: [UInt8] = []
            var iterator = body.makeAsyncIterator()
            while let chunk = try await iterator.nextBuffer(suggested: 2) { bytes += chunk }
            return String(decoding: bytes, as: UTF8.self)
        }
        let whole = try await text(body)
        XCTAssertEqual(whole, "0123abc456789")
        let middle = try await text(body.slice(3..<8))
        XCTAssertEqual(middle, "3abc4")
        let tail = try await text(body.slice(12..<13))
        XCTAssertEqual(tail, "9")
    }

    func testLinksAndSpecialFilesAreNeverOpened() throws {
        let root = try FixtureSite.temporaryFolder()
        try FileManager.default.createDirectory(at: root.appendingPathComponent("entities"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: root.appendingPathComponent("entities/index.html"))
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("inner").path, withDestinationPath: "entities")
        XCTAssertEqual(mkfifo(root.appendingPathComponent("pipe").path, 0o600), 0)
        let paths = RequestPath(root: root)
        XCTAssertEqual(paths.resolve("/inner/"), .forbidden)
        XCTAssertEqual(paths.resolve("/inner/index.html"), .forbidden)
        XCTAssertEqual(paths.resolve("/pipe"), .forbidden)
        XCTAssertEqual(paths.resolve("/entities/index.html/x"), .notFound)
        // The served folder itself is opened without following a link.
        let linked = try FixtureSite.temporaryFolder().appendingPathComponent("Output")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: root)
        XCTAssertEqual(RequestPath(root: linked).resolve("/entities/"), .forbidden)
    }
}
