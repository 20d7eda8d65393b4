import FlyingFox
import FlyingSocks
import Foundation

/// One client connection: reads request heads (bounded, timed), checks Host and Origin, hands
/// each request to FlyingFox's routes, writes the response (streamed; no body for HEAD), and
/// turns into a WebSocket when a route says so.
struct ServeConnection: Sendable {
    /// Time a client has to send a complete request head, from connecting or from the end of the
    /// previous response: an idle or trickling connection is closed after it.
    static let requestTimeout: TimeInterval = 10
    /// Time a client has to take each chunk of a response.
    static let writeTimeout: TimeInterval = 30

    let socket: AsyncSocket
    let handler: RoutedHTTPHandler
    let policy: HostPolicy
    /// Told when the connection waits for a request (then it may be closed to make room).
    let idle: @Sendable (Bool) -> Void

    func run() async {
        defer { try? socket.close() }
        let localAddress = try? socket.socket.sockname()
        var reader = RequestHeadReader(socket: socket)
        while !Task.isCancelled {
            idle(true)
            let request: HTTPRequest
            do {
                request = try await reader.next(before: Date().addingTimeInterval(Self.requestTimeout))
            } catch RequestHeadReader.Failure.refused(let status) {
                let text = "\(status.code) \(status.phrase.lowercased())\n"
                try? await send(HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"],
                                             body: Data(text.utf8)), head: false, keepAlive: false)
                return
            } catch {
                return // closed, timed out, evicted
            }
            idle(false)
            let response = if let refusal = policy.refusal(of: request, localAddress: localAddress) {
                refusal
            } else {
                await respond(to: request)
            }
            let keepAlive = request.keepsAlive && !request.announcesBody
            do {
                if case .webSocket(let frameHandler) = response.payload, response.statusCode == .switchingProtocols {
                    try await send(response, head: false, keepAlive: true)
                    idle(true)
                    try await relayWebSocket(frameHandler, buffered: reader.takeBuffered())
                    return
                }
                try await send(response, head: request.method == .HEAD, keepAlive: keepAlive)
            } catch {
                return
            }
            guard keepAlive else { return }
        }
    }

    private func respond(to request: HTTPRequest) async -> HTTPResponse {
        do {
            return try await handler.handleRequest(request)
        } catch is HTTPUnhandledError {
            let allow: HTTPHeaders = [HTTPHeader("Allow"): "GET, HEAD"]
            return HTTPResponse(statusCode: .methodNotAllowed, headers: allow)
        } catch {
            return HTTPResponse(statusCode: .internalServerError)
        }
    }

    /// Writes the status line and headers, then (unless `head`) the body chunk by chunk as the
    /// socket takes it. Content-Length is the body's, for HEAD too.
    private func send(_ response: HTTPResponse, head: Bool, keepAlive: Bool) async throws {
        var lines = ["HTTP/1.1 \(response.statusCode.code) \(response.statusCode.phrase)"]
        var body: HTTPBodySequence?
        if case .httpBody(let sequence) = response.payload {
            body = sequence
            lines.append("Content-Length: \(sequence.count ?? 0)")
        }
        for (name, value) in response.headers where name != .contentLength && name != .connection {
            lines.append("\(name.rawValue): \(value)")
        }
        lines.append(response.statusCode == .switchingProtocols ? "Connection: Upgrade" : keepAlive ? "Connection: keep-alive" : "Connection: close")
        try await write(Data((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8))
        guard !head, let body else { return }
        for try await chunk in body { try await write(chunk) }
    }

    private func write(_ data: Data) async throws {
        try await withTimeout(Self.writeTimeout) { [socket] in try await socket.write(data) }
    }

    /// Runs FlyingFox's frame handler over the upgraded connection with bounded frame reading.
    private func relayWebSocket(_ frameHandler: any WSHandler, buffered: [UInt8]) async throws {
        let frames = FrameSource(frames: WebSocketFrames(socket: socket, buffered: buffered))
        let client = AsyncThrowingStream<WSFrame, any Error> { try await frames.next() }
        for await frame in try await frameHandler.makeFrames(for: client) {
            try await write(WebSocketFrames.encode(frame))
        }
        if let refusal = frames.refusal { try await write(WebSocketFrames.encode(.close(code: refusal.code))) }
    }
}

/// The client's frames for FlyingFox's handler, read one at a time by its single consumer. A
/// refused frame ends the stream and is remembered, so that the close frame says why.
private final class FrameSource: @unchecked Sendable {
    private var frames: WebSocketFrames
    private(set) var refusal: WebSocketFrames.Refusal?

    init(frames: WebSocketFrames) { self.frames = frames }

    func next() async throws -> WSFrame? {
        do {
            return try await frames.next()
        } catch let refused as WebSocketFrames.Refusal {
            refusal = refused
            return nil
        }
    }
}
