import FlyingFox
import FlyingSocks
import Foundation

/// Which `Host` and `Origin` the server answers to. A page on another site can make a browser
/// send requests to 127.0.0.1, and DNS rebinding (`evil.example` re-resolved to 127.0.0.1) even
/// lets it read the answers; checking that the Host names this server defeats the latter, and
/// checking the Origin keeps other sites' pages from the reload WebSocket, whose messages quote
/// the site's unpublished text. Allowed: localhost, 127.0.0.1, [::1] and the address the client
/// connected to (the bound one, or this machine's address when bound to every interface), alone
/// or with the server's port. (The name is what rebinding cannot fake; a page of another site
/// has its own name in the Host.)
struct HostPolicy: Sendable {
    let port: UInt16

    /// Why a request is refused, if it is.
    func refusal(of request: HTTPRequest, localAddress: Socket.Address?) -> HTTPResponse? {
        let authorities = allowedAuthorities(localAddress: localAddress)
        guard let host = request.headers[.host]?.lowercased(), authorities.contains(host) else {
            return Self.refuse(.misdirectedRequest, "this server answers only to http://127.0.0.1:\(port)/ and http://localhost:\(port)/\n")
        }
        if let origin = request.headers[HTTPHeader("Origin")]?.lowercased(),
           !authorities.contains(where: { "http://" + $0 == origin }) {
            return Self.refuse(.forbidden, "403 forbidden: requests from other sites' pages are refused\n")
        }
        return nil
    }

    private func allowedAuthorities(localAddress: Socket.Address?) -> Set<String> {
        var names: Set<String> = ["localhost", "127.0.0.1", "[::1]"]
        switch localAddress {
        case .ip4(let address, _): names.insert(address)
        case .ip6(let address, _):
            // An IPv4 client of a dual-stack socket shows as ::ffff:a.b.c.d.
            names.insert(address.hasPrefix("::ffff:") ? String(address.dropFirst(7)) : "[\(address.lowercased())]")
        default: break
        }
        return names.union(names.map { "\($0):\(port)" })
    }

    private static func refuse(_ status: HTTPStatusCode, _ text: String) -> HTTPResponse {
        HTTPResponse(statusCode: status, headers: [.contentType: "text/plain; charset=utf-8"], body: Data(text.utf8))
    }
}
