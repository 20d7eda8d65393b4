import ArgumentParser
import BriefingKit
import Foundation

extension Briefing {
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Build the site, serve it locally and rebuild and reload the browser on every change.")

        @Argument(help: "The site folder (the one holding Content/).")
        var directory: String = "."

        @Option(name: .long, help: "The first port to try; the next free one is used if it is taken (0: any free port).")
        var port: UInt16 = 8080

        @Option(name: .long, help: "The address to listen on, and only there: 127.0.0.1 (this machine only), ::1, or an address of this machine; 0.0.0.0 exposes the preview to the network.")
        var host: String = "127.0.0.1"

        @Flag(name: .shortAndLong, help: "Log the time of each stage of every rebuild.")
        var verbose = false

        func run() async throws {
            let options = DevServer.Options(siteDirectory: URL(fileURLWithPath: directory), host: host, port: port, verbose: verbose)
            let server = DevServer(options: options) { line in
                FileHandle.standardError.write(Data((line + "\n").utf8))
            }
            let address: String
            do {
                address = try await server.start()
            } catch let error as ServeError {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode.failure
            } catch {
                // Watching or listening failed in a way ServeError does not name yet: still one line.
                FileHandle.standardError.write(Data("error: cannot start the server: \(error)\n".utf8))
                throw ExitCode.failure
            }
            let line = "serving \(URL(fileURLWithPath: directory).standardizedFileURL.path) at \(address) (Ctrl-C to stop)\n"
            FileHandle.standardOutput.write(Data(line.utf8))
            // Ctrl-C and SIGTERM stop the server and exit cleanly.
            signal(SIGINT, SIG_IGN)
            signal(SIGTERM, SIG_IGN)
            let stopped = AsyncStream<Void> { continuation in
                for number in [SIGINT, SIGTERM] {
                    let source = DispatchSource.makeSignalSource(signal: number, queue: .main)
                    source.setEventHandler { continuation.yield() }
                    source.resume()
                    signalSources.append(source)
                }
            }
            for await _ in stopped { break }
            await server.stop()
            print("stopped")
        }
    }
}

/// Kept alive for the life of the process.
nonisolated(unsafe) var signalSources: [DispatchSourceSignal] = []
