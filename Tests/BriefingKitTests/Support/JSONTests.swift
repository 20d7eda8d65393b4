@testable import BriefingKit
import XCTest

final class JSONTests: XCTestCase {
    /// Written in parts, a file has the bytes it has written whole; large written members are
    /// handed on as they are, not copied.
    func testPartsJoinToTheWholeText() {
        let large: [[UInt8]] = [Array("[".utf8), Array(repeating: UInt8(ascii: "7"), count: 70_000), Array("]".utf8)]
        let small = JSON.written([Array("[1,".utf8), Array("2]".utf8)])
        let object: JSON = ["a": .string("x\"<"), "big": .written(large), "list": .array([1, small]), "z": .written([Array("{}".utf8)])]
        for pretty in [false, true] {
            let parts = object.parts(pretty: pretty)
            XCTAssertEqual(Array(parts.joined()), object.bytes(pretty: pretty))
            XCTAssertTrue(parts.contains(large[1]), "the large part is its own part")
            XCTAssertFalse(parts.contains(Array("2]".utf8)), "small written members are copied in")
        }
        XCTAssertEqual(JSON.array([1, 2]).parts(), [JSON.array([1, 2]).bytes()])
        XCTAssertEqual(OutputFile(path: "f", parts: [Array("ab".utf8), Array("c".utf8)]), OutputFile(path: "f", text: "abc"))
        XCTAssertNotEqual(OutputFile(path: "f", parts: [Array("ab".utf8)]), OutputFile(path: "f", text: "abc"))
    }
}
