import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A regular file of the served folder, open for reading; it is closed when the last response
/// that sends it is done. Its bytes are read from this descriptor only (see `RequestPath`).
public final class ServedFile: @unchecked Sendable {
    private let descriptor: Int32
    /// Where it was found, for its Content-Type and for tests.
    public let url: URL
    /// Its size when it was opened; a file that shrinks later ends the response early.
    public let size: Int

    init(descriptor: Int32, url: URL) {
        self.descriptor = descriptor
        self.url = url
        var info = stat()
        size = fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
    }

    deinit { close(descriptor) }

    /// Up to `count` bytes from `offset`; fewer at the end of the file, none past it.
    func read(at offset: Int, count: Int) throws -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let read = bytes.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
        guard read >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        bytes.removeLast(count - read)
        return bytes
    }
}

/// The bytes of a response made of parts of open files and of literal bytes (the live-reload tag
/// inserted into a page), read in chunks as the socket takes them: memory stays at one chunk per
/// response whatever the file's size.
struct FileBody: AsyncBufferedSequence, Sendable {
    typealias Element = UInt8

    enum Part: Sendable {
        case file(ServedFile, Range<Int>)
        case bytes([UInt8])

        var count: Int {
            switch self {
            case .file(_, let range): range.count
            case .bytes(let bytes): bytes.count
            }
        }
    }

    var parts: [Part]

    init(_ parts: [Part]) { self.parts = parts }

    var count: Int { parts.reduce(0) { $0 + $1.count } }

    /// The bytes at `range` of this body (a `Range:` request).
    func slice(_ range: Range<Int>) -> FileBody {
        var start = 0
        var sliced: [Part] = []
        for part in parts {
            let span = start..<(start + part.count)
            start = span.upperBound
            let overlap = span.clamped(to: range)
            guard !overlap.isEmpty else { continue }
            let local = (overlap.lowerBound - span.lowerBound)..<(overlap.upperBound - span.lowerBound)
            switch part {
            case .file(let file, let fileRange):
                sliced.append(.file(file, (fileRange.lowerBound + local.lowerBound)..<(fileRange.lowerBound + local.upperBound)))
            case .bytes(let bytes):
                sliced.append(.bytes(Array(bytes[local])))
            }
        }
        return FileBody(sliced)
    }

    func makeAsyncIterator() -> Iterator { Iterator(parts: parts[...]) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var parts: ArraySlice<Part>
        var pending: [UInt8] = []

        mutating func next() async throws -> UInt8? {
            if pending.isEmpty { pending = try await nextBuffer(suggested: 1) ?? [] }
            return pending.isEmpty ? nil : pending.removeFirst()
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            if !pending.isEmpty { defer { pending = [] }; return pending }
            while let part = parts.first {
                switch part {
                case .bytes(let bytes):
                    parts.removeFirst()
                    if !bytes.isEmpty { return bytes }
                case .file(let file, let range):
                    guard !range.isEmpty else { parts.removeFirst(); continue }
                    let chunk = try file.read(at: range.lowerBound, count: Swift.min(Swift.max(count, 1), range.count))
                    // A file cut short since it was opened: stop rather than send other bytes.
                    guard !chunk.isEmpty else { throw SocketError.disconnected }
                    parts[parts.startIndex] = .file(file, (range.lowerBound + chunk.count)..<range.upperBound)
                    return chunk
                }
            }
            return nil
        }
    }
}
