@testable import BriefingKit
import Foundation

/// Paths of the repository and its fixture sites, found from this file's location.
enum FixtureSite {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func url(_ name: String) -> URL {
        repository.appendingPathComponent("Tests/Fixtures/\(name)")
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("briefing-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A fresh temporary site holding `files` (relative path → text); remove it when done.
    static func site(_ files: [String: String]) throws -> URL {
        let site = try temporaryFolder()
        for (path, text) in files {
            let url = site.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return site
    }

    /// A site of `files` built into its `Output/`: the report and the pages, read by path.
    struct Built {
        var site: URL
        var report: SiteBuilder.Report

        func page(_ path: String) throws -> String {
            try String(contentsOf: site.appendingPathComponent("Output").appendingPathComponent(path), encoding: .utf8)
        }
    }

    /// Builds a fresh temporary site holding `files`; remove `site` when done.
    static func build(_ files: [String: String]) throws -> Built {
        let site = try site(files)
        return Built(site: site, report: SiteBuilder(options: .init(siteDirectory: site, outputDirectory: site.appendingPathComponent("Output"))).build())
    }

    /// Every file below `folder` with its bytes, by relative path.
    static func tree(_ folder: URL) -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true {
                files[String(url.path.dropFirst(folder.path.count + 1))] = FileManager.default.contents(atPath: url.path)
            }
        }
        return files
    }
}
