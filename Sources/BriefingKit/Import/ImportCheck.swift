import Foundation

/// Checks the site an import is about to make with the build's own rules (load, parse, link),
/// before anything is written: an import must never leave a site that does not build.
struct ImportCheck {
    var siteDirectory: URL

    /// The errors the site would have with `files` (paths relative to the site) written that it
    /// does not have now. Problems the site already had are the editor's, not the import's.
    func newErrors(with files: [(path: String, text: String)]) -> [Diagnostic] {
        // Drafts and future briefings are checked too: the build leaves them out only for now.
        var options = SiteBuilder.Options(siteDirectory: siteDirectory, includeDrafts: true, includeFuture: true)
        options.pending = Dictionary(files.map { ($0.path, $0.text) }, uniquingKeysWith: { _, last in last })
        let after = SiteBuilder(options: options).validate().filter { $0.severity == .error }
        guard !after.isEmpty else { return [] }
        // Compared without lines: `--update` moves a briefing's own old errors down the file.
        options.pending = [:]
        let before = Set(SiteBuilder(options: options).validate().filter { $0.severity == .error }.map { [$0.location.path, $0.message] })
        return after.filter { !before.contains([$0.location.path, $0.message]) }
    }
}
