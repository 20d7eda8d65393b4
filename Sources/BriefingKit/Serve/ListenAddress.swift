import FlyingSocks
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Why `serve` cannot start listening, said so that the user knows what to change.
public struct ServeError: Error, CustomStringConvertible {
    public var description: String
}

/// The address `serve` listens on: an IPv4 or IPv6 address, `localhost` being 127.0.0.1.
/// It listens there only; the default, 127.0.0.1, is reachable from this machine alone.
public struct ListenAddress: Sendable {
    private enum Family: Sendable {
        case v4(in_addr)
        case v6(in6_addr)
    }

    private let family: Family
    /// The host as written in a URL: `127.0.0.1`, `[::1]`.
    public let urlHost: String

    /// Parses `--host`: `127.0.0.1`, `::1`, `[::1]`, `0.0.0.0`, `localhost`.
    public init(host: String) throws {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let name = bare.lowercased() == "localhost" ? "127.0.0.1" : bare
        var v4 = in_addr()
        var v6 = in6_addr()
        if inet_pton(AF_INET, name, &v4) == 1 {
            family = .v4(v4)
            urlHost = name
        } else if inet_pton(AF_INET6, name, &v6) == 1 {
            family = .v6(v6)
            urlHost = "[\(name)]"
        } else {
            throw ServeError(description: "--host \(host): give an IP address of this machine, such as 127.0.0.1 (the default), ::1 or 0.0.0.0 (every interface), or localhost")
        }
    }

    /// Binds the first free port from `first` (at most 50 tried, never past 65535) and listens;
    /// port 0 takes any free port the system chooses. Returns the socket and its port.
    func listen(from first: UInt16) throws -> (Socket, UInt16) {
        let last = first == 0 ? 0 : UInt16(min(Int(first) + 49, Int(UInt16.max)))
        for port in first...last {
            let socket: Socket
            do { socket = try Socket(domain: domain) } catch SocketError.failed(_, let code, let message) {
                throw ServeError(description: code == EAFNOSUPPORT
                    ? "cannot listen on \(urlHost): this machine has no IPv6; use --host 127.0.0.1"
                    : "cannot open a socket for \(urlHost): \(message)")
            }
            do {
                try socket.setValue(true, for: .localAddressReuse)
                try bind(socket, port: port)
                try socket.listen()
                switch try socket.sockname() {
                case .ip4(_, let bound), .ip6(_, let bound): return (socket, bound)
                case .unix: return (socket, port)
                }
            } catch SocketError.failed(_, let code, _) where code == EADDRINUSE {
                try? socket.close()
            } catch SocketError.failed(_, let code, let message) {
                try? socket.close()
                throw ServeError(description: code == EADDRNOTAVAIL
                    ? "cannot listen on \(urlHost): it is not an address of this machine; use --host 127.0.0.1"
                    : code == EACCES ? "cannot listen on port \(port): ports below 1024 need privileges; use --port 8080"
                    : "cannot listen on \(urlHost):\(port): \(message)")
            }
        }
        throw ServeError(description: "no free port from \(first) to \(last) on \(urlHost); stop what uses them or choose another with --port (--port 0 takes any free port)")
    }

    private var domain: Int32 {
        switch family {
        case .v4: AF_INET
        case .v6: AF_INET6
        }
    }

    private func bind(_ socket: Socket, port: UInt16) throws {
        switch family {
        case .v4(let address):
            var socketAddress = sockaddr_in.inet(port: port)
            socketAddress.sin_addr = address
            try socket.bind(to: socketAddress)
        case .v6(let address):
            var socketAddress = sockaddr_in6.inet6(port: port)
            socketAddress.sin6_addr = address
            try socket.bind(to: socketAddress)
        }
    }
}
