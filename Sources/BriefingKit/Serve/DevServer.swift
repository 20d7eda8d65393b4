import FlyingFox
import FlyingSocks
import Foundation

/// `briefing serve`: builds the site, serves its output on the loopback interface, rebuilds when
/// content or templates change, and reloads the browser once the new build is in place.
public final class DevServer: @unchecked Sendable {
    /// How to serve.
    public struct Options: Sendable {
        public var siteDirectory: URL
        public var host: String
        /// Where to start looking for a free port.
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
    private var server: HTTPServer?

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

    /// Builds, starts watching and serving; returns once the server listens, with its port.
    public func start() async throws -> UInt16 {
        await rebuild()
        let watched = ["Content", "Templates"].map { options.siteDirectory.appendingPathComponent($0) }
        let watcher = FileWatcher(paths: watched) { [weak self] path in self?.changed(path) }
        try watcher.start()
        self.watcher = watcher

        var lastError: Error?
        for port in options.port..<(options.port &+ 50) where port != 0 {
            let host = options.host == "localhost" ? "127.0.0.1" : options.host
            let server = HTTPServer(address: try sockaddr_in.inet(ip4: host, port: port), logger: .disabled)
            await route(server)
            let task = Task { try await server.run() }
            do {
                try await server.waitUntilListening(timeout: 2)
                self.server = server
                _ = task
                return port
            } catch {
                lastError = error
                task.cancel()
                await server.stop()
            }
        }
        throw lastError ?? CocoaError(.featureUnsupported)
    }

    public func stop() async {
        watcher?.stop()
        await server?.stop(timeout: 1)
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

    private func route(_ server: HTTPServer) async {
        let root = RequestPath(root: outputDirectory)
        await server.appendRoute("GET /__briefing/reload.js") { _ in
            HTTPResponse(statusCode: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "no-store"],
                         body: Data(Self.reloadScript.utf8))
        }
        await server.appendRoute("GET /__briefing/ws", to: .webSocket(ReloadSocket(hub: hub)))
        await server.appendRoute("GET *") { request in Self.respond(to: request, root: root) }
        await server.appendRoute("HEAD *") { request in Self.respond(to: request, root: root) }
    }

    static func respond(to request: HTTPRequest, root: RequestPath) -> HTTPResponse {
        switch root.resolve(request.target.path(percentEncoded: true)) {
        case .file(let url):
            return file(url, status: .ok)
        case .redirect(let location):
            return HTTPResponse(statusCode: .movedPermanently, headers: [.location: location])
        case .forbidden:
            return HTTPResponse(statusCode: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                                body: Data("403 forbidden\n".utf8))
        case .notFound:
            let notFound = root.root.appendingPathComponent("404.html")
            if FileManager.default.fileExists(atPath: notFound.path) { return file(notFound, status: .notFound) }
            return HTTPResponse(statusCode: .notFound, body: Data("404 not found\n".utf8))
        }
    }

    /// Sends a file; HTML pages get the live-reload script (only here, never in Output/).
    static func file(_ url: URL, status: HTTPStatusCode) -> HTTPResponse {
        guard var data = FileManager.default.contents(atPath: url.path) else {
            return HTTPResponse(statusCode: .notFound, body: Data("404 not found\n".utf8))
        }
        let type = RequestPath.contentType(of: url)
        if type.hasPrefix("text/html") {
            let tag = Data("<script src=\"/__briefing/reload.js\"></script>\n".utf8)
            if let end = data.range(of: Data("</body>".utf8), options: .backwards) {
                data.replaceSubrange(end.lowerBound..<end.lowerBound, with: tag)
            } else {
                data.append(tag)
            }
        }
        return HTTPResponse(statusCode: status, headers: [.contentType: type, .cacheControl: "no-store"], body: data)
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
