@testable import BriefingKit
import XCTest

final class PaginationTests: XCTestCase {
    func testPagesLiveWhereHugoPutsThem() {
        let pages = Pagination(folder: "tags/energy/", itemCount: 41, perPage: 20)
        XCTAssertEqual(pages.pageCount, 3)
        XCTAssertEqual(pages.path(1), "tags/energy/index.html")
        XCTAssertEqual(pages.path(3), "tags/energy/page/3/index.html")
        XCTAssertEqual(Pagination(folder: "", itemCount: 0, perPage: 20).pageCount, 1, "an empty list still has its first page")
        XCTAssertEqual(Array(Pagination.slice(Array(1...41), page: 3, perPage: 20)), [41])
    }

    func testLinksAreRelativeToThePageShowingThem() {
        let pages = Pagination(folder: "", itemCount: 200, perPage: 10)
        let view = pages.view(page: 7)
        XCTAssertEqual(view.previousHref, "../../page/6/index.html")
        XCTAssertEqual(view.nextHref, "../../page/8/index.html")
        XCTAssertEqual(view.pages.map { $0.gap ? 0 : $0.number }, [1, 0, 5, 6, 7, 8, 9, 0, 20])
        XCTAssertEqual(view.pages.filter(\.current).map(\.number), [7])
        let first = pages.view(page: 1)
        XCTAssertEqual(first.previousHref, "")
        XCTAssertEqual(first.pages.first { $0.number == 2 }?.href, "page/2/index.html")
        XCTAssertFalse(Pagination(folder: "x/", itemCount: 3, perPage: 10).view(page: 1).isPaginated)
    }
}
