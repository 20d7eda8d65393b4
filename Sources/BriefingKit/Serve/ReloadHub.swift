import FlyingFox
import Foundation

/// The browsers connected over WebSocket, told to reload after a good build or shown the
/// diagnostics of a failed one. A browser that connects while the last build failed is told at once.
public actor ReloadHub {
    private var clients: [UUID: AsyncStream<WSMessage>.Continuation] = [:]
    private var lastFailure: String?

    public init() {}

    /// The message for a build: `{"type":"reload"}` or `{"type":"error","diagnostics":[…]}`.
    static func message(for diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }
        guard !errors.isEmpty else { return #"{"type":"reload"}"# }
        let items = errors.map { diagnostic in
            ["path": diagnostic.location.path, "line": String(diagnostic.location.line),
             "column": String(diagnostic.location.column), "message": diagnostic.message, "text": diagnostic.description]
        }
        let object: [String: Any] = ["type": "error", "diagnostics": items]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }

    /// Tells every browser how the latest build went.
    public func built(_ diagnostics: [Diagnostic]) {
        let message = Self.message(for: diagnostics)
        lastFailure = diagnostics.hasErrors ? message : nil
        for client in clients.values { client.yield(.text(message)) }
    }

    func connect(_ continuation: AsyncStream<WSMessage>.Continuation) -> UUID {
        let id = UUID()
        clients[id] = continuation
        if let lastFailure { continuation.yield(.text(lastFailure)) }
        return id
    }

    func disconnect(_ id: UUID) {
        clients[id]?.finish()
        clients[id] = nil
    }
}

/// The WebSocket endpoint: each browser gets the hub's messages; what it sends is ignored.
struct ReloadSocket: WSMessageHandler {
    let hub: ReloadHub

    func makeMessages(for client: AsyncStream<WSMessage>) async throws -> AsyncStream<WSMessage> {
        let (stream, continuation) = AsyncStream<WSMessage>.makeStream()
        let id = await hub.connect(continuation)
        let hub = self.hub
        Task {
            for await _ in client {}
            await hub.disconnect(id)
        }
        return stream
    }
}
