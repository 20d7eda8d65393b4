import FlyingFox
import FlyingSocks
import Foundation

/// Reads and writes RFC 6455 frames on an upgraded connection. FlyingFox's frame decoder
/// allocates whatever length a frame announces (up to 2^63) and joins continuation frames without
/// limit; the reload socket only ever receives close, ping and pong frames from a browser, so a
/// frame or message above `limit` ends the connection with 1009 (message too big).
struct WebSocketFrames {
    /// Largest client frame payload, and largest message across continuation frames.
    static let limit = 4 * 1024

    /// A frame the server will not take; the connection closes with this code.
    struct Refusal: Error {
        var code: WSCloseCode
    }

    let socket: AsyncSocket
    private var buffered: [UInt8]
    private var messageBytes = 0

    init(socket: AsyncSocket, buffered: [UInt8]) {
        self.socket = socket
        self.buffered = buffered
    }

    /// The next client frame; nil once the client has closed the connection.
    mutating func next() async throws -> WSFrame? {
        guard let header = try await read(2) else { return nil }
        var length = Int(header[1] & 0x7F)
        let masked = header[1] & 0x80 != 0
        if length >= 126 {
            guard let extended = try await read(length == 126 ? 2 : 8) else { return nil }
            let value = extended.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            length = value > UInt64(Self.limit) ? Self.limit + 1 : Int(value)
        }
        let opcode = WSFrame.Opcode(header[0] & 0x0F)
        let fin = header[0] & 0x80 != 0
        let isControl = header[0] & 0x08 != 0
        if !isControl { messageBytes = (opcode == .continuation ? messageBytes : 0) + length }
        guard length <= Self.limit, messageBytes <= Self.limit else { throw Refusal(code: .messageTooBig) }
        // RFC 6455 §5.1: a client masks every frame.
        guard masked, let mask = try await read(4), let payload = try await read(length) else {
            throw Refusal(code: .protocolError)
        }
        let unmasked = payload.enumerated().map { $0.element ^ mask[$0.offset % 4] }
        return WSFrame(fin: fin, rsv1: header[0] & 0x40 != 0, rsv2: header[0] & 0x20 != 0, rsv3: header[0] & 0x10 != 0,
                       opcode: opcode, mask: nil, payload: Data(unmasked))
    }

    /// Exactly `count` bytes; nil if the connection ends first.
    private mutating func read(_ count: Int) async throws -> [UInt8]? {
        while buffered.count < count {
            let chunk = try await socket.read(atMost: 4096)
            guard !chunk.isEmpty else { return nil }
            buffered += chunk
        }
        defer { buffered.removeFirst(count) }
        return Array(buffered.prefix(count))
    }

    /// A server frame: never masked (RFC 6455 §5.1).
    static func encode(_ frame: WSFrame) -> Data {
        var bytes: [UInt8] = [(frame.fin ? 0x80 : 0) | frame.opcode.rawValue]
        let length = frame.payload.count
        switch length {
        case ..<126: bytes.append(UInt8(length))
        case ..<65536: bytes += [126, UInt8(length >> 8), UInt8(length & 0xFF)]
        default: bytes += [127] + (0..<8).reversed().map { UInt8((UInt64(length) >> ($0 * 8)) & 0xFF) }
        }
        return Data(bytes) + frame.payload
    }
}
