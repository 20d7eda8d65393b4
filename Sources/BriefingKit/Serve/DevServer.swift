import FlyingFox
import FlyingSocks
import Foundation

/// `briefing serve`: builds the site, serves its output where asked (127.0.0.1, this machine only,
/// by default), rebuilds when content or templates change, and reloads the browser once the new
/// build is in place.
public final class DevServer: @unchecked Sendable {
    /// How to serve.
    public struct Options: Sendable {
        public var siteDirectory: URL
        /// The address to listen on, and only there (see `ListenAddress`).
        public var host: String
        /// Where to start looking for a free port; 0 takes any free port.
        public var port: UInt16
        /// Quiet time after the last change before rebuilding (editors save in bursts).
        public var debounce: TimeInterval
        /// Log each rebuild's stage timings.
        public var verbose: Bool

        public init(siteDirectory: URL, host: String = "127.0.0.1", port: UInt16 = 8080, debounce: TimeInterval = 0.1,
                    verbose: Bool = false) {
            self.siteDirectory = siteDirectory
            self.verbose = verbose
            self.host = host
            self.port = port
            self.debounce = debounce
        }
    }

    public let options: Options
    public let hub = ReloadHub()
    private let log: @Sendable (String) -> Void
    private let queue = DispatchQueue(label: "briefing.rebuild")
    /// What each build keeps for the next, so an edit re-renders only the pages it changed.
    private let cache = BuildCache()
    private var pending: DispatchWorkItem?
    private var watcher: FileWatcher?
    private var listener: HTTPListener?

    public init(options: Options, log: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.log = log
    }

    var outputDirectory: URL { options.siteDirectory.appendingPathComponent("Output") }

    /// Runs a build and reports it: diagnostics to the log and to every browser.
    @discardableResult
    public func rebuild() async -> SiteBuilder.Report {
        let start = Date()
        var buildOptions = SiteBuilder.Options(siteDirectory: options.siteDirectory)
        buildOptions.cache = cache
        let report = SiteBuilder(options: buildOptions).build()
        for diagnostic in report.diagnostics { log(diagnostic.description) }
        if report.succeeded {
            log(String(format: "rebuilt %d pages in %.0f ms", report.pageCount, Date().timeIntervalSince(start) * 1000))
            if options.verbose {
                log(report.timings.map { String(format: "%@ %.0f ms", $0.stage, $0.seconds * 1000) }.joined(separator: ", "))
            }
        } else {
            log("build failed; still serving the last good site")
        }
        await hub.built(report.diagnostics)
        return report
    }

    /// Builds, starts watching and serving; returns once the server listens, with its address
    /// (`http://127.0.0.1:8080/`). Throws `ServeError` when it cannot listen.
    public func start() async throws -> String {
        // The port is taken first, so that a bad address or a busy range is said at once; a
        // browser that connects during the first build waits in the backlog.
        let address = try ListenAddress(host: options.host)
        let (socket, port) = try address.listen(from: options.port)
        let listener = try HTTPListener(socket: socket, port: port, handler: routes(), log: log)
        await rebuild()
        let watcher = FileWatcher(site: options.siteDirectory, folders: ["Content", "Templates"]) { [weak self] path in
            self?.changed(path)
        }
        try watcher.start()
        self.watcher = watcher
        try await listener.start()
        self.listener = listener
        return "http://\(address.urlHost):\(port)/"
    }

    public func stop() async {
        watcher?.stop()
        await listener?.stop()
    }

    private func changed(_ path: String) {
        let name = (path as NSString).lastPathComponent
        // Editors' swap and backup files are not content.
        if name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasPrefix("#") { return }
        queue.async { [self] in
            pending?.cancel()
            let item = DispatchWorkItem { [self] in
                let done = DispatchSemaphore(value: 0)
                Task {
                    await rebuild()
                    done.signal()
                }
                done.wait()
            }
            pending = item
            queue.asyncAfter(deadline: .now() + options.debounce, execute: item)
        }
    }

    private func routes() -> RoutedHTTPHandler {
        let root = RequestPath(root: outputDirectory)
        var routes = RoutedHTTPHandler()
        routes.appendRoute(HTTPRoute(methods: [.GET, .HEAD], path: "/__briefing/reload.js")) { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                         body: Data(Self.reloadScript.utf8))
        }
        routes.appendRoute("GET /__briefing/ws", to: WebSocketHTTPHandler(handler: MessageFrameWSHandler(handler: ReloadSocket(hub: hub))))
        routes.appendRoute(HTTPRoute(methods: [.GET, .HEAD], path: "*")) { request in Self.respond(to: request, root: root) }
        return routes
    }

    static func respond(to request: HTTPRequest, root: RequestPath) -> HTTPResponse {
        switch root.open(request.target.path(percentEncoded: true)) {
        case .file(let file):
            return send(file, status: .ok, range: request.headers[.range])
        case .redirect(let location):
            // The query stays: /search?q=x → /search/?q=x.
            let query = request.target.query(percentEncoded: true)
            let headers: HTTPHeaders = [.location: query.isEmpty ? location : location + "?" + query]
            return HTTPResponse(statusCode: .movedPermanently, headers: headers)
        case .forbidden:
            return HTTPResponse(statusCode: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: Data("403 forbidden\n".utf8))
        case .unavailable:
            return HTTPResponse(statusCode: .serviceUnavailable, headers: [HTTPHeader("Retry-After"): "1"],
                                body: Data("503 out of file descriptors; try again\n".utf8))
        case .notFound:
            if case .file(let page) = root.open("/404.html") { return send(page, status: .notFound, range: nil) }
            return HTTPResponse(statusCode: .notFound, body: Data("404 not found\n".utf8))
        }
    }

    /// Sends an open file, streamed, or the part a `Range:` asks for; HTML pages get the
    /// live-reload script (only here, never in Output/) before their last `</body>`.
    static func send(_ file: ServedFile, status: HTTPStatusCode, range: String?) -> HTTPResponse {
        let type = RequestPath.contentType(of: file.url)
        var body = FileBody([.file(file, 0..<file.size)])
        if type.hasPrefix("text/html") {
            let end = bodyEnd(of: file)
            body = FileBody([.file(file, 0..<end), .bytes(Array(reloadTag.utf8)), .file(file, end..<file.size)])
        }
        func stream(_ body: FileBody) -> HTTPBodySequence {
            HTTPBodySequence(from: body, count: body.count, suggestedBufferSize: 64 * 1024)
        }
        var headers: HTTPHeaders = [.contentType: type, .cacheControl: "no-store"]
        guard status == .ok else { return HTTPResponse(statusCode: status, headers: headers, body: stream(body)) }
        headers[.acceptRanges] = "bytes"
        switch ByteRange(header: range, size: body.count) {
        case .whole:
            return HTTPResponse(statusCode: .ok, headers: headers, body: stream(body))
        case .part(let part):
            headers[.contentRange] = "bytes \(part.lowerBound)-\(part.upperBound - 1)/\(body.count)"
            return HTTPResponse(statusCode: .partialContent, headers: headers, body: stream(body.slice(part)))
        case .unsatisfiable:
            headers[.contentRange] = "bytes */\(body.count)"
            return HTTPResponse(statusCode: .rangeNotSatisfiable, headers: headers, body: Data())
        }
    }

    static let reloadTag = "<script src=\"/__briefing/reload.js\"></script>\n"

    /// Where the reload tag goes: before the last `</body>` in the page's last 64 KB (a page's
    /// closing tags are at its end), else at the very end. Only that tail is read.
    static func bodyEnd(of file: ServedFile) -> Int {
        let start = max(0, file.size - 64 * 1024)
        guard let tail = try? file.read(at: start, count: file.size - start),
              let end = Data(tail).range(of: Data("</body>".utf8), options: .backwards) else { return file.size }
        return start + end.lowerBound
    }

    /// Connects to the server, reloads on a good build, shows the diagnostics of a failed one.
    static let reloadScript = """
    (function () {
      var overlay;
      function show(diagnostics) {
        if (!overlay) {
          overlay = document.createElement("div");
          overlay.id = "briefing-error-overlay";
          overlay.setAttribute("role", "alert");
          overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
            "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace;white-space:pre-wrap";
          document.body.appendChild(overlay);
        }
        overlay.textContent = "Build failed: the page shows the last good build.\\n\\n" +
          diagnostics.map(function (d) { return d.text; }).join("\\n");
      }
      function connect() {
        var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__briefing/ws");
        socket.onmessage = function (event) {
          var message = JSON.parse(event.data);
          if (message.type === "reload") { location.reload(); }
          if (message.type === "error") { show(message.diagnostics); }
        };
        socket.onclose = function () { setTimeout(connect, 1000); };
      }
      connect();
    })();
    """
}
