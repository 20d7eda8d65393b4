"""Browser tests of the pictures (issue 17) over the built example site.

Run after `make browser-test` has built .build/browser-site (or point BRIEFING_BROWSER_SITE at
another built site, such as the N = 1,000 bench site). Headless Chromium through Selenium, as in
test_site.py: every picture is present, linked, ordered and readable; no two labels overlap
(getBBox); graphs are bounded; axe-core finds nothing, with and without JavaScript, light and dark;
the pictures work without JavaScript; zoom and hover work with it; screenshots of each picture at
1280 and 375 px go to Artifacts/screenshots/picture-<page>-<kind>-<width>.png.
"""

import os
import re
import time
from pathlib import Path

import pytest
from axe_selenium_python import Axe

from conftest import REPO, SITE
from selenium.webdriver.common.by import By
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import WebDriverWait

SCREENSHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS", REPO / "Artifacts" / "screenshots"))
WIDTHS = (1280, 375)
SITE_GRAPH_NODES = 40
NEIGHBOURHOOD_NODES = 25

if not (SITE / "index.html").exists():
    raise RuntimeError(f"{SITE} has no index.html; build the site first (`make browser-test`)")


def _page_with(picture, folder):
    """The first page under `folder` (sorted) that holds a picture of that kind."""
    for path in sorted((SITE / folder).glob("*/index.html")):
        if f'data-picture="{picture}"' in path.read_text(encoding="utf-8"):
            return path.relative_to(SITE).as_posix()
    return None


def _busiest_entity():
    """The entity page with the most nodes in its graph (a country when there is one with a map)."""
    best, best_count = None, -1
    for path in sorted((SITE / "entities").glob("*/index.html")):
        text = path.read_text(encoding="utf-8")
        count = text.count('class="gr-node ') + (100 if 'data-picture="map"' in text else 0)
        if count > best_count:
            best, best_count = path.relative_to(SITE).as_posix(), count
    return best


PAGES = {
    "home": "index.html",
    "timeline": "timeline/index.html",
    "briefing": _page_with("timeline", "briefings"),
    "entity": _busiest_entity(),
}
PAGES = {k: v for k, v in PAGES.items() if v}


def open_page(d, url, width=1280, dark=False):
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": width, "height": 900, "deviceScaleFactor": 1,
                                                             "mobile": width < 600})
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "", "features": [
        {"name": "prefers-color-scheme", "value": "dark" if dark else "light"},
        {"name": "prefers-reduced-motion", "value": "reduce"}]})
    d.get(url)
    WebDriverWait(d, 20).until(lambda x: x.execute_script("return document.readyState") == "complete")


def pictures(d):
    return d.execute_script("""
      return Array.from(document.querySelectorAll('figure.picture')).map(function (f) {
        var svg = f.querySelector('svg.picture-svg');
        return {kind: f.getAttribute('data-picture'), id: svg && svg.id,
                title: svg && svg.querySelector('title') && svg.querySelector('title').textContent,
                desc: svg && svg.querySelector('desc') && svg.querySelector('desc').textContent,
                role: svg && svg.getAttribute('role'), caption: f.querySelector('figcaption').textContent,
                width: svg && svg.getBoundingClientRect().width, height: svg && svg.getBoundingClientRect().height};
      });""")


EXPECTED = {"home": {"graph", "map"}, "timeline": {"timeline"}, "briefing": {"timeline", "map"},
            "entity": {"graph", "sparkline"}}


@pytest.mark.parametrize("name", list(PAGES))
def test_pictures_present_titled_and_visible(driver, base_url, name):
    open_page(driver, base_url + PAGES[name])
    found = pictures(driver)
    kinds = {p["kind"] for p in found}
    assert EXPECTED[name] <= kinds, f"{name}: pictures {kinds}"
    for p in found:
        # Only a picture without links is an img (an img's children are hidden from assistive technology).
        assert p["role"] == ("img" if p["kind"] == "sparkline" else None), p
        assert p["title"] and p["desc"] and p["caption"].strip(), p
        assert p["width"] > 100 and p["height"] > 20, p


def test_bench_sized_pages_stay_light():
    """Each page with pictures stays within the archive budget (300 KB), and each picture is small."""
    for name, path in PAGES.items():
        text = (SITE / path).read_text(encoding="utf-8")
        assert len(text.encode()) <= 300 * 1024, f"{path} is {len(text.encode())} bytes"
        for svg in re.findall(r"<svg class=\"picture-svg.*?</svg>", text, re.S):
            assert len(svg.encode()) < 80 * 1024, f"a picture of {path} is {len(svg.encode())} bytes"


@pytest.mark.parametrize("name", [n for n in ("timeline", "briefing") if n in PAGES])
def test_timeline_marks_linked_ordered_and_labels_apart(driver, base_url, name):
    open_page(driver, base_url + PAGES[name])
    marks = driver.execute_script("""
      var svg = document.querySelector('figure[data-picture=timeline] svg');
      return Array.from(svg.querySelectorAll('a.tl-mark')).map(function (a) {
        var shape = a.querySelector('circle, rect'), b = shape.getBBox();
        return {href: a.getAttribute('href'), start: +a.getAttribute('data-start'), x: b.x + (shape.tagName === 'circle' ? b.width / 2 : 0),
                lane: a.getAttribute('data-lane'), label: a.getAttribute('aria-label')};
      });""")
    assert marks, "no mark"
    for m in marks:
        # A paragraph of a briefing, or the page of a dated entity, or a year of the timeline.
        assert m["href"] and ("#" in m["href"] or "/entities/" in m["href"] or "timeline/" in m["href"]) and m["label"], m
    lanes = {}
    for m in marks:
        lanes.setdefault(m["lane"], []).append(m)
    for lane in lanes.values():
        by_date = [m["x"] for m in sorted(lane, key=lambda m: m["start"])]
        assert by_date == sorted(by_date), f"marks of lane {lane[0]['lane']} are not ordered by date along the axis"
    # Every link leads to a page of the site with its anchor.
    for href in {m["href"] for m in marks}:
        target = (SITE / Path(PAGES[name]).parent / href.split("#")[0]).resolve()
        assert target.exists(), href
        anchor = href.split("#")[1] if "#" in href else "y"
        if not anchor.startswith("y"):
            assert f'id="{anchor}"' in target.read_text(encoding="utf-8"), href
    assert_no_overlap(driver, "figure[data-picture=timeline] svg", ".tl-label")


def assert_no_overlap(d, svg_selector, label_selector):
    boxes = d.execute_script("""
      var svg = document.querySelector(arguments[0]);
      return Array.from(svg.querySelectorAll(arguments[1])).map(function (t) {
        var b = t.getBBox(); return [b.x, b.y, b.width, b.height, t.textContent];
      });""", svg_selector, label_selector)
    assert boxes, "no label"
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            apart = a[0] + a[2] <= b[0] + 0.5 or b[0] + b[2] <= a[0] + 0.5 or a[1] + a[3] <= b[1] + 0.5 or b[1] + b[3] <= a[1] + 0.5
            assert apart, f"labels overlap: {a} and {b}"


@pytest.mark.parametrize("name", [n for n in ("home", "entity") if n in PAGES])
def test_graph_bounded_linked_and_labels_apart(driver, base_url, name):
    open_page(driver, base_url + PAGES[name])
    nodes = driver.execute_script("""
      return Array.from(document.querySelectorAll('figure[data-picture=graph] a.gr-node')).map(function (a) {
        return {href: a.getAttribute('href'), label: a.getAttribute('aria-label'), focusable: a.tabIndex >= 0};
      });""")
    bound = SITE_GRAPH_NODES if name == "home" else NEIGHBOURHOOD_NODES
    assert 2 <= len(nodes) <= bound, len(nodes)
    for n in nodes:
        assert n["href"].endswith("/index.html") and n["label"] and n["focusable"], n
        assert (SITE / Path(PAGES[name]).parent / n["href"]).resolve().exists(), n["href"]
    assert_no_overlap(driver, "figure[data-picture=graph] svg", ".gr-node text")


@pytest.mark.parametrize("name", [n for n in ("home", "briefing") if n in PAGES])
def test_map_shades_and_links(driver, base_url, name):
    open_page(driver, base_url + PAGES[name])
    links = driver.execute_script("""
      return Array.from(document.querySelectorAll('figure[data-picture=map] a')).map(function (a) {
        return a.getAttribute('href'); });""")
    assert links, "the map links no entity"
    for href in links:
        assert (SITE / Path(PAGES[name]).parent / href).resolve().exists(), href
    fill = driver.execute_script(
        "return getComputedStyle(document.querySelector('figure[data-picture=map] .map-shaded, figure[data-picture=map] .map-place circle')).fill")
    land = driver.execute_script("return getComputedStyle(document.querySelector('figure[data-picture=map] .map-land path')).fill")
    assert fill != land, "shaded countries look like the others"
    assert_no_overlap(driver, "figure[data-picture=map] svg", ".map-names text, .map-place text")


def test_keyboard_reaches_picture_links(driver, base_url):
    open_page(driver, base_url + PAGES["home"])
    from selenium.webdriver.common.keys import Keys
    body = driver.find_element(By.TAG_NAME, "body")
    reached = False
    for _ in range(200):
        body.send_keys(Keys.TAB) if False else ActionChains(driver).send_keys(Keys.TAB).perform()
        inside = driver.execute_script("var a = document.activeElement; return !!(a && a.closest && a.closest('svg.picture-svg'));")
        if inside:
            reached = True
            break
    assert reached, "Tab never reached a link inside a picture"


@pytest.mark.parametrize("name", list(PAGES))
def test_pictures_without_javascript(nojs_driver, base_url, name):
    open_page(nojs_driver, base_url + PAGES[name])
    found = pictures(nojs_driver)
    assert EXPECTED[name] <= {p["kind"] for p in found}
    assert not nojs_driver.find_elements(By.CSS_SELECTOR, ".picture-tools"), "zoom buttons without JavaScript"
    links = nojs_driver.find_elements(By.CSS_SELECTOR, "figure.picture svg a[href]")
    assert links or name == "entity", "no link in the pictures"


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("name", list(PAGES))
def test_axe_finds_nothing(driver, base_url, name, dark):
    open_page(driver, base_url + PAGES[name], dark=dark)
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, severe
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    assert not results["violations"], axe.report(results["violations"])


def test_zoom_pan_and_hover(driver, base_url):
    open_page(driver, base_url + PAGES["home"])
    svg = driver.find_element(By.CSS_SELECTOR, "figure[data-picture=graph] svg")

    def view():
        return driver.execute_script("return arguments[0].getAttribute('viewBox')", svg)
    before = view()
    driver.find_element(By.CSS_SELECTOR, "figure[data-picture=graph] .picture-tools button").click()
    zoomed = view()
    assert zoomed != before and float(zoomed.split()[2]) < float(before.split()[2])
    ActionChains(driver).move_to_element(svg).click_and_hold().move_by_offset(-60, -20).release().perform()
    assert view() != zoomed, "drag did not pan"
    driver.find_elements(By.CSS_SELECTOR, "figure[data-picture=graph] .picture-tools button")[2].click()
    assert view() == before
    node = driver.find_element(By.CSS_SELECTOR, "figure[data-picture=graph] a.gr-node")
    driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('mouseenter'))", node)
    assert "gr-hover" in svg.get_attribute("class")
    # The timeline zooms along time only: the marks spread, the text keeps its size.
    open_page(driver, base_url + PAGES["timeline"])
    strip = driver.find_element(By.CSS_SELECTOR, "figure[data-picture=timeline] svg")
    size = driver.execute_script("return document.querySelector('figure[data-picture=timeline] .tl-label').getBoundingClientRect().height")
    height = strip.size["height"]
    driver.find_element(By.CSS_SELECTOR, "figure[data-picture=timeline] .picture-tools button").click()
    after = driver.execute_script("return document.querySelector('figure[data-picture=timeline] .tl-label').getBoundingClientRect().height")
    assert abs(after - size) < 1.5 and abs(strip.size["height"] - height) < 1.5


def test_print_shows_pictures(driver, base_url):
    open_page(driver, base_url + PAGES["home"])
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    shown = driver.execute_script(
        "return Array.from(document.querySelectorAll('figure.picture svg')).every(function (s) { return s.getBoundingClientRect().height > 20; })")
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    assert shown


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_screenshots(driver, base_url, name, width):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for dark in ((False, True) if width == 1280 else (False,)):
        open_page(driver, base_url + PAGES[name], width=width, dark=dark)
        overflow = driver.execute_script("var e = document.documentElement; return e.scrollWidth - e.clientWidth;")
        assert overflow <= 0, f"horizontal scroll at {width}: {overflow}px"
        for figure in driver.find_elements(By.CSS_SELECTOR, "figure.picture"):
            kind = figure.get_attribute("data-picture")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", figure)
            time.sleep(0.05)
            suffix = "-dark" if dark else ""
            figure.screenshot(str(SCREENSHOTS / f"picture-{name}-{kind}-{width}{suffix}.png"))
