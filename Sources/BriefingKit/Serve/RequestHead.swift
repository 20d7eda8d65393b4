import FlyingFox
import FlyingSocks
import Foundation

/// Reads request heads (request line and header fields) from a connection, in time linear in
/// the bytes read and within fixed limits. FlyingFox's decoder collects each line byte by byte
/// into a growing string (a 256 KB header took 48 s of CPU) and has no limit, which is why
/// `briefing serve` reads heads itself and hands FlyingFox the parsed request.
struct RequestHeadReader {
    /// Longest request line (method, target, version); longer is 414 URI Too Long.
    static let requestLineLimit = 8 * 1024
    /// Longest head in all; longer is 431 Request Header Fields Too Large.
    static let headLimit = 16 * 1024

    /// Why no request could be read.
    enum Failure: Error {
        /// The client closed the connection between requests.
        case closed
        /// A head the server answers with this status and then closes the connection.
        case refused(HTTPStatusCode)
    }

    let socket: AsyncSocket
    /// Bytes read past the last head: the start of the next request, or of WebSocket frames.
    private(set) var buffered: [UInt8] = []

    init(socket: AsyncSocket) { self.socket = socket }

    /// The next request, whose head must be complete by `deadline`. Throws `Failure`,
    /// `TimeoutError`, a socket error or cancellation.
    mutating func next(before deadline: Date) async throws -> HTTPRequest {
        var scanned = 0
        var lineStart = 0
        var requestLineEnd: Int?
        while true {
            // Each byte is looked at once: the scan resumes where the last read ended.
            while scanned < buffered.count {
                defer { scanned += 1 }
                guard buffered[scanned] == UInt8(ascii: "\n") else { continue }
                let line = lineStart..<scanned
                lineStart = scanned + 1
                if requestLineEnd == nil {
                    if Self.isBlank(buffered[line]) { continue } // RFC 9112 §2.2: ignore empty lines before a request
                    requestLineEnd = scanned
                } else if Self.isBlank(buffered[line]) {
                    let head = Array(buffered[..<lineStart])
                    buffered.removeFirst(lineStart)
                    return try Self.parse(head)
                }
            }
            if requestLineEnd == nil, buffered.count - lineStart > Self.requestLineLimit { throw Failure.refused(.uriTooLong) }
            if buffered.count > Self.headLimit { throw Failure.refused(.requestHeaderFieldsTooLarge) }
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { throw TimeoutError() }
            let chunk = try await withTimeout(remaining) { [socket] in try await socket.read(atMost: 4096) }
            guard !chunk.isEmpty else { throw Failure.closed }
            buffered += chunk
        }
    }

    /// Takes the bytes read past the head (for the WebSocket frame reader).
    mutating func takeBuffered() -> [UInt8] {
        defer { buffered = [] }
        return buffered
    }

    private static func isBlank(_ line: ArraySlice<UInt8>) -> Bool {
        line.isEmpty || (line.count == 1 && line.first == UInt8(ascii: "\r"))
    }

    /// A head (ending with its blank line) as a request with no body: the server serves GET and
    /// HEAD, and closes a connection whose request announces a body rather than read it.
    static func parse(_ head: [UInt8]) throws -> HTTPRequest {
        // Lines are split as bytes: as Characters, "\r\n" is one grapheme and "\n" never matches it.
        var lines = head.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            String(decoding: line.last == UInt8(ascii: "\r") ? line.dropLast() : line, as: UTF8.self)
        }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        guard let requestLine = lines.first else { throw Failure.refused(.badRequest) }
        let parts = requestLine.split(separator: " ", omittingEmptySubsequences: false)
        // No control characters in the target: it is echoed in a redirect's Location.
        guard parts.count == 3, !parts[0].isEmpty, parts[1].hasPrefix("/") || parts[1] == "*",
              !parts[1].utf8.contains(where: { $0 < 0x21 || $0 == 0x7F }),
              parts[2] == "HTTP/1.1" || parts[2] == "HTTP/1.0" else { throw Failure.refused(.badRequest) }
        var headers = HTTPHeaders()
        for line in lines.dropFirst() where !line.isEmpty {
            guard let colon = line.firstIndex(of: ":"), colon != line.startIndex,
                  !line[..<colon].contains(where: { $0 == " " || $0 == "\t" }) else { throw Failure.refused(.badRequest) }
            let name = HTTPHeader(String(line[..<colon]))
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            // Two Host fields would let two parts of a request disagree about its origin.
            if name == .host, headers[.host] != nil { throw Failure.refused(.badRequest) }
            headers.addValue(value, for: name)
        }
        let target = parts[1].split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        return HTTPRequest(method: HTTPMethod(String(parts[0])), version: HTTPVersion(String(parts[2])),
                           target: .init(path: String(target[0]), query: target.count > 1 ? String(target[1]) : ""),
                           headers: headers, body: HTTPBodySequence())
    }
}

extension HTTPRequest {
    /// Whether the request announces a body (never read: the connection closes after the response).
    var announcesBody: Bool {
        headers[.transferEncoding] != nil || (headers[.contentLength].map { $0 != "0" } ?? false)
    }

    /// Whether the client keeps the connection open for another request.
    var keepsAlive: Bool {
        let connection = headers[.connection]?.lowercased() ?? ""
        return version == .http11 ? !connection.contains("close") : connection.contains("keep-alive")
    }
}
