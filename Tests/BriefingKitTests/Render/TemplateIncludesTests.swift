@testable import BriefingKit
import XCTest

/// Partials and parents are checked before rendering: a cycle crashed swift-mustache (a stack
/// overflow) and a missing template rendered as nothing.
final class TemplateIncludesTests: XCTestCase {
    /// The default theme with `templates` changed (nil removes one), compiled.
    private func diagnostics(_ templates: [String: String?]) -> [String] {
        var theme = Theme.embedded
        for (name, text) in templates { theme.templates[name] = text }
        let (library, diagnostics) = theme.library()
        XCTAssertEqual(library == nil, !diagnostics.isEmpty)
        return diagnostics.map(\.description)
    }

    private let home = "{{<base}}\n{{$main}}\n"
    private let end = "{{/main}}\n{{/base}}\n"

    func testDefaultThemeHasNoIncludeProblem() {
        XCTAssertEqual(diagnostics([:]), [])
        XCTAssertEqual(TemplateIncludes.diagnostics(Theme.embedded.templates, templateNames: Set(Theme.embedded.templates.keys),
                                                    origin: "Templates"), [])
    }

    func testATemplateIncludingItselfIsAnErrorAtItsTag() {
        let found = diagnostics(["home": home + "<p>{{x}}</p>\n{{#items}}{{> home}}{{/items}}\n" + end])
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("Templates/home.mustache:4:11: error: template 'home' includes itself through {{> home}} (home → base → home)"), found[0])
        XCTAssertTrue(found[0].contains("no cycle"), found[0])
    }

    func testPartialsThatIncludeEachOtherAreAnError() {
        let found = diagnostics(["a": "A\n{{> b}}\n", "b": "B {{#x}}\n  {{>a}}{{/x}}\n", "home": home + "{{> a}}\n" + end])
        XCTAssertEqual(found, [
            "Templates/b.mustache:2:3: error: template 'b' includes itself through {{>a}} (b → a → b), which would render without end; Briefing allows no cycle of partials and parents, even inside a section, since its pages hold no data that could end one: remove the tag or move what both templates share into a partial of its own",
        ])
    }

    func testAParentInsideItselfIsAnError() {
        var base = Theme.embedded.templates["base"]!
        base += "{{<base}}{{/base}}\n"
        let line = base.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        XCTAssertEqual(diagnostics(["base": base]).map { $0.prefix(while: { $0 != " " }) },
                       ["Templates/base.mustache:\(line):1:"])
    }

    func testAParentNamedAgainInsideTheBlocksGivenToItIsAnError() {
        // base renders `main`, which renders base, which renders the same `main` again: a crash before.
        let found = diagnostics(["briefing": "{{<base}}{{$main}}X{{<base}}{{/base}}{{/main}}{{/base}}"])
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("Templates/briefing.mustache:1:20: error: template 'base' includes itself through {{<base}} (base → base)"), found[0])
        // The same through a partial of the block.
        let throughPartial = diagnostics(["briefing": "{{<base}}{{$main}}{{> again}}{{/main}}{{/base}}", "again": "{{<base}}{{/base}}"])
        XCTAssertEqual(throughPartial.count, 1)
        XCTAssertTrue(throughPartial[0].contains("(again → base → again)"), throughPartial[0])
    }

    func testIncludesOutsideACycleAreFine() {
        XCTAssertEqual(diagnostics(["item": "<li>{{name}}</li>\n", "list": "<ul>{{#items}}{{> item}}{{/items}}</ul>\n",
                                    "home": home + "{{> list}}{{> list}}{{> item}}\n" + end]), [])
    }

    func testAPartialOrParentNamingNoTemplateIsAnError() {
        let found = diagnostics(["home": home + "\n  {{> nosuch}}\n" + end, "entity": "{{< bas }}{{/ bas }}\n"])
        XCTAssertEqual(found, [
            "Templates/entity.mustache:1:1: error: {{< bas }} names no template, so it would render nothing; did you mean 'base'? create Templates/bas.mustache or fix the name",
            "Templates/home.mustache:4:3: error: {{> nosuch}} names no template, so it would render nothing; create Templates/nosuch.mustache or fix the name",
        ])
    }

    func testADynamicPartialIsAnError() {
        let found = diagnostics(["home": home + "{{>*partialName}}\n" + end])
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].hasPrefix("Templates/home.mustache:3:1: error: {{>*partialName}} takes the name of its template from the page's data"), found[0])
    }

    func testTagsAreFoundAsSwiftMustacheReadsThem() {
        let template = """
        {{! {{> commented}} }}{{{raw}}}
        {{=<% %>=}}{{> text}}<%> one %>
        <%#section%><%={{ }}=%>{{> two}}{{/section}}
        <%> three %><%={{ }}=%>
        {{< four}}{{$block}}{{> five}}{{/block}}{{/four}}{{> six}}
        """
        let tags = TemplateIncludes.tags(of: template, named: "t")
        XCTAssertEqual(tags.map(\.name), ["one", "two", "three", "four", "five", "six"])
        XCTAssertEqual(tags.map { "\($0.line):\($0.column)" }, ["2:22", "3:24", "4:1", "5:1", "5:21", "5:50"])
        XCTAssertEqual(tags.map(\.owner), ["t", "t", "t", "t", "four", "t"])
        XCTAssertEqual(tags[0].text, "<%> one %>")
    }

    func testIncludesAreCheckedOnlyInTemplatesThatCompile() {
        // The syntax error is reported by itself; its {{> nosuch}} is not a second error.
        let found = diagnostics(["home": "{{> nosuch}}\n{{#a}}\n"])
        XCTAssertEqual(found.count, 1)
        XCTAssertTrue(found[0].contains("template syntax"), found[0])
    }
}
