@testable import BriefingKit
import Mustache
import XCTest

final class ThemeTests: XCTestCase {
    func testEmbeddedThemeIsTheRepositoryTemplatesFolder() throws {
        let (repository, diagnostics) = Theme.load(from: FixtureSite.repository.appendingPathComponent("Templates"))
        XCTAssertEqual(diagnostics, [])
        let embedded = Theme.embedded
        XCTAssertEqual(embedded.templates, repository.templates, "Templates/ changed: run `make embed`")
        // The names of the files that differ, not half a megabyte of bytes.
        let stale = Set(embedded.staticFiles.keys).union(repository.staticFiles.keys)
            .filter { embedded.staticFiles[$0] != repository.staticFiles[$0] }.sorted()
        XCTAssertEqual(stale, [], "Templates/static changed: run `make embed`")
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

    /// Renders `template` as every theme template is rendered.
    private func render(_ template: String, _ values: [String: Any]) throws -> String {
        var theme = Theme.embedded
        theme.templates["home"] = template
        let library = try XCTUnwrap(theme.library().0)
        return try XCTUnwrap(library.render(values, withTemplate: "home"))
    }

    func testQuoteFollowedByACombiningMarkCannotEndAnAttribute() throws {
        // swift-mustache alone leaves `"\u{301}` (one Character) as it is: the attribute would end there.
        let title = "A\"\u{301} onmouseover=alert(1) x=\"\u{301} <\u{338}script>'\u{301}&\u{301}"
        XCTAssertEqual(try render(#"<meta content="{{title}}">"#, ["title": title]),
                       "<meta content=\"A&quot;\u{301} onmouseover=alert(1) x=&quot;\u{301} &lt;\u{338}script&gt;&#39;\u{301}&amp;\u{301}\">")
    }

    func testEscapingMatchesSwiftMustacheWhereItWasSafe() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("ab <>&\"'\n\té€😀\u{301}")
        for _ in 0..<300 {
            var value = String((0..<Int.random(in: 0...30, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! })
            // Only where a special character does not take a combining mark: there swift-mustache's
            // Characters and the bytes agree.
            while let range = value.range(of: #"[<>&"']\u{301}"#, options: .regularExpression) { value.removeSubrange(range) }
            let plain = try MustacheTemplate(string: "[{{v}}]{{{v}}}").render(["v": value])
            XCTAssertEqual(try render("[{{v}}]{{{v}}}", ["v": value]), plain, "value: \(value.debugDescription)")
        }
    }

    func testTemplatesKeepTheirFirstLineAndCanStillAskForText() throws {
        XCTAssertEqual(try render("{{! first line, standalone }}\n{{#x}}\n<b>{{x}}</b>\n{{/x}}\n", ["x": "<"]), "<b>&lt;</b>\n")
        XCTAssertEqual(try render("  {{x}}\n", ["x": "&"]), "  &amp;\n")
        XCTAssertEqual(try render("{{%CONTENT_TYPE:TEXT}}\n{{x}}", ["x": "<"]), "<")
    }

    func testMentionHighlightEscapesTheSentence() {
        XCTAssertEqual(SiteRenderer.highlight("A <b> & Aliyev said", range: 8..<14), "A &lt;b&gt; &amp; <mark>Aliyev</mark> said")
    }
}
