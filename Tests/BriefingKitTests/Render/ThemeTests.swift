@testable import BriefingKit
import XCTest

final class ThemeTests: XCTestCase {
    func testEmbeddedThemeIsTheRepositoryTemplatesFolder() throws {
        let (repository, diagnostics) = Theme.load(from: FixtureSite.repository.appendingPathComponent("Templates"))
        XCTAssertEqual(diagnostics, [])
        let embedded = Theme.embedded
        XCTAssertEqual(embedded.templates, repository.templates, "Templates/ changed: run `make embed`")
        XCTAssertEqual(embedded.staticFiles, repository.staticFiles, "Templates/static changed: run `make embed`")
        XCTAssertEqual(Set(Theme.requiredTemplates).subtracting(embedded.templates.keys), [])
    }

    func testTemplateSyntaxErrorsAndMissingTemplatesAreDiagnostics() {
        var theme = Theme.embedded
        theme.templates["home"] = "<h1>{{title}}</h1>\n{{#briefings}}\n<p>{{/brefings}}\n"
        theme.templates["404"] = nil
        let (library, diagnostics) = theme.library()
        XCTAssertNil(library)
        XCTAssertEqual(diagnostics.count, 2)
        XCTAssertEqual(diagnostics.map(\.location.path).sorted(), ["Templates/404.mustache", "Templates/home.mustache"])
        XCTAssertEqual(diagnostics.first { $0.location.path.hasSuffix("home.mustache") }?.location.line, 3)
    }

    func testMentionHighlightEscapesTheSentence() {
        XCTAssertEqual(SiteRenderer.highlight("A <b> & Aliyev said", range: 8..<14), "A &lt;b&gt; &amp; <mark>Aliyev</mark> said")
    }
}
