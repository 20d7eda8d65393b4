import FlyingFox
import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The accept loop of `briefing serve`, on FlyingSocks' async sockets, handing each connection to
/// a `ServeConnection` and each request to FlyingFox's routes.
///
/// FlyingFox's `HTTPServer` is not used because what must change is inside it and not
/// configurable: its accept loop ends for good on the first accept error (EMFILE at the
/// descriptor limit left nothing listening), its request decoder is quadratic and unbounded, it
/// reads no request with a deadline, and it sends HEAD bodies. Routing, requests, responses and the
/// WebSocket protocol stay FlyingFox's.
final class HTTPListener: @unchecked Sendable {
    private let socket: AsyncSocket
    private let pool: any AsyncSocketPool
    private let handler: RoutedHTTPHandler
    private let policy: HostPolicy
    private let log: @Sendable (String) -> Void
    private let connections: ConnectionTable
    private var task: Task<Void, Never>?

    /// Listens at once (so the port is known and taken); accepts after `start()`.
    init(socket: Socket, port: UInt16, handler: RoutedHTTPHandler, log: @escaping @Sendable (String) -> Void) throws {
        pool = HTTPServer.defaultPool()
        self.socket = try AsyncSocket(socket: socket, pool: pool)
        self.handler = handler
        self.policy = HostPolicy(port: port)
        self.log = log
        connections = ConnectionTable(limit: Self.connectionLimit())
    }

    func start() async throws {
        try await pool.prepare()
        task = Task { [self] in
            await withTaskGroup(of: Void.self) { group in
                group.addTask { [pool] in try? await pool.run() }
                group.addTask { [self] in await acceptConnections() }
                await group.next()
                group.cancelAll()
            }
        }
    }

    func stop() async {
        try? socket.close()
        task?.cancel()
        await task?.value
    }

    /// Accepts until stopped. Out of descriptors (EMFILE, ENFILE), it says so (once a minute at
    /// most), closes the longest-idle connection to make room, waits a little and goes on.
    private func acceptConnections() async {
        var lastWarning: Date?
        while !Task.isCancelled {
            let client: AsyncSocket
            do {
                client = try await socket.accept()
            } catch SocketError.failed(_, let code, _) where code == EMFILE || code == ENFILE || code == ENOBUFS || code == ENOMEM {
                if lastWarning.map({ -$0.timeIntervalSinceNow > 60 }) ?? true {
                    log("serve: out of file descriptors with \(connections.count) connections open; closing idle ones to accept new ones (raise the limit with ulimit -n)")
                    lastWarning = Date()
                }
                // Fewer connections from now on, so that requests can open files again; a closed
                // connection frees its descriptor as soon as its task ends.
                let milliseconds: UInt64 = connections.shrink() ? 10 : 100
                try? await Task.sleep(nanoseconds: milliseconds * 1_000_000)
                continue
            } catch SocketError.failed(_, let code, _) where code == ECONNABORTED || code == EINTR || code == EPROTO {
                continue
            } catch {
                return // the listening socket was closed: stopped
            }
            serve(client)
        }
    }

    private func serve(_ client: AsyncSocket) {
        guard let id = connections.admit() else {
            try? client.close() // every connection is busy sending: refuse rather than run out of descriptors
            return
        }
        let connection = ServeConnection(socket: client, handler: handler, policy: policy) { [connections] idle in
            connections.setIdle(id, idle)
        }
        let task = Task { [connections] in
            await connection.run()
            connections.remove(id)
        }
        connections.attach(task, to: id)
    }

    /// Connections allowed at once: the descriptor limit less what builds need (templates, pages,
    /// inotify, the event queue), capped at 1,024.
    private static func connectionLimit() -> Int {
        var limit = rlimit()
        let descriptors = getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 ? Int(clamping: limit.rlim_cur) : 1024
        return min(1024, max(8, descriptors - min(128, descriptors / 2)))
    }
}

/// The open connections, and which of them wait for a request (or hold a WebSocket) and may
/// be closed to make room for a new one, oldest first.
final class ConnectionTable: @unchecked Sendable {
    private struct Entry {
        var task: Task<Void, Never>?
        var idle = true
    }

    private var limit: Int
    private let lock = NSLock()
    private var entries: [Int: Entry] = [:]
    private var nextID = 0

    init(limit: Int) { self.limit = limit }

    var count: Int { lock.withLock { entries.count } }

    /// A new connection's id, after closing the longest-idle one if the table is full; nil
    /// if it is full of busy connections.
    func admit() -> Int? {
        let full = lock.withLock { entries.count >= limit }
        if full, !closeOldestIdle() { return nil }
        return lock.withLock {
            nextID += 1
            entries[nextID] = Entry()
            return nextID
        }
    }

    func attach(_ task: Task<Void, Never>, to id: Int) {
        let removed = lock.withLock {
            guard entries[id] != nil else { return true }
            entries[id]?.task = task
            return false
        }
        if removed { task.cancel() }
    }

    func setIdle(_ id: Int, _ idle: Bool) { lock.withLock { entries[id]?.idle = idle } }

    func remove(_ id: Int) { _ = lock.withLock { entries.removeValue(forKey: id) } }

    /// Lowers the limit to three quarters of the connections open (the descriptor limit was
    /// reached below it) and closes idle connections down to it; whether any was closed.
    func shrink() -> Bool {
        let excess = lock.withLock {
            limit = Swift.max(8, entries.count * 3 / 4)
            return entries.count - limit
        }
        var closed = false
        for _ in 0..<Swift.max(1, excess) { closed = closeOldestIdle() || closed }
        return closed
    }

    /// Cancels the oldest idle connection (its socket wait ends and it closes); whether one was.
    @discardableResult
    func closeOldestIdle() -> Bool {
        let task: Task<Void, Never>? = lock.withLock {
            guard let id = entries.filter({ $0.value.idle && $0.value.task != nil }).keys.min() else { return nil }
            return entries.removeValue(forKey: id)?.task
        }
        task?.cancel()
        return task != nil
    }
}
