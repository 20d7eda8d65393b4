/// A file of the built site: its path inside the output folder and its bytes.
public struct OutputFile: Sendable, Equatable {
    public var path: String
    /// The bytes in parts written one after another: graph.json is made of parts kept from earlier
    /// builds, and joining them would copy tens of megabytes.
    public var parts: [[UInt8]]

    /// All the bytes, joined.
    public var contents: [UInt8] { parts.count == 1 ? parts[0] : Array(parts.joined()) }

    public init(path: String, parts: [[UInt8]]) {
        self.path = path
        self.parts = parts
    }

    public init(path: String, contents: [UInt8]) {
        self.init(path: path, parts: [contents])
    }

    public init(path: String, text: String) {
        self.init(path: path, contents: Array(text.utf8))
    }

    /// Files are equal when their bytes are, however they are cut into parts.
    public static func == (a: OutputFile, b: OutputFile) -> Bool {
        a.path == b.path && a.parts.lazy.joined().elementsEqual(b.parts.lazy.joined())
    }
}
