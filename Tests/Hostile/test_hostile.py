"""Hostile input (issue #8, parts 2-5): `make hostile-test` runs this file with the virtual
environment's pytest (selenium with Debian Chromium; strace and /usr/bin/time when present).
Every site is built here into a temporary folder with the debug binary (BRIEFING_BIN overrides it).

- script injection: Tests/Fixtures/hostile (payloads.json, Content/ made by make_fixture.py) built
  and every page loaded in headless Chromium over http://127.0.0.1: no dialog, no script from
  content, no CSP violation by the theme, every hostile text shown as text, no javascript:/
  vbscript:/data: link, the entity preview, search with a hostile query, JSON-LD, the preview
  JSON and the search index hold the exact strings; the Content-Security-Policy meta is on every
  page and really blocks an inline script;
- paths: `..`, absolute paths, NUL bytes, 250-byte and 300-character names, Unicode look-alikes
  as file names, [[targets]], assets and front matter; symbolic links out of Content/; --output
  at /, the home folder, Content/, Templates/ or the site: nothing read or written outside;
- nothing lost: builds and imports killed with SIGKILL at random moments leave Output/ and
  Content/ whole; only import writes to Content/;
- limits: huge, deep, wide and broken inputs end in a build or a located diagnostic within a
  measured time and memory (README, section "Limits"), never a crash or a hang.

HOSTILE_FULL=1 runs the slow sizes measured by hand for the README (100,000 entities, a 50 MB
briefing with 500,000 references, 300 briefings killed 50 times).
"""

import functools
import hashlib
import http.server
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = (REPO / os.environ.get("BRIEFING_BIN", ".build/debug/briefing")).resolve()
FIXTURE = REPO / "Tests" / "Fixtures" / "hostile"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
FULL = os.environ.get("HOSTILE_FULL") == "1"
P = json.loads((FIXTURE / "payloads.json").read_text())
TEXT = P["text"]
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'")
DANGEROUS_SCHEMES = ("javascript:", "vbscript:", "data:")
CRASH = re.compile(r"Fatal error|Stack dump|Segmentation fault|Illegal instruction|Trace/breakpoint|"
                   r"Current stack trace|#\d+ 0x[0-9a-f]+|Aborted|core dumped", re.I)
DIAGNOSTIC = re.compile(r"^\S[^\n]*:\d+:\d+: (error|warning): ", re.M)


def run(args, timeout=120, **kw):
    return subprocess.run([str(BIN), *map(str, args)], capture_output=True, text=True, timeout=timeout, **kw)


def build(site, *flags, output=None, ok=True):
    out = ["--output", output] if output else []
    proc = run(["build", site, *out, "--quiet", *flags])
    if ok:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def tree_hash(root, cache=None):
    """sha256 over every path below root (files, folders, links) and every file's bytes. With a
    cache, a file whose inode, size and mtime were hashed before is not read again (hard links)."""
    h = hashlib.sha256()
    root = Path(root)
    if not root.exists():
        return "absent"
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        rel = os.path.relpath(dirpath, root)
        h.update(b"D" + os.fsencode(rel) + b"\0")
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            h.update(b"F" + os.fsencode(os.path.join(rel, name)) + b"\0")
            if os.path.islink(path):
                h.update(b"L" + os.fsencode(os.readlink(path)))
            else:
                st = os.stat(path)
                key = (st.st_ino, st.st_size, st.st_mtime_ns)
                digest = cache.get(key) if cache is not None else None
                if digest is None:
                    with open(path, "rb") as f:
                        digest = hashlib.sha256(f.read()).digest()
                    if cache is not None:
                        cache[key] = digest
                h.update(digest)
    return h.hexdigest()


def snapshot(*roots):
    """path -> (mtime_ns, size) of everything below the given folders (missing ones skipped)."""
    seen = {}
    for root in roots:
        for dirpath, dirnames, filenames in os.walk(root):
            for name in dirnames + filenames:
                p = os.path.join(dirpath, name)
                try:
                    st = os.lstat(p)
                except FileNotFoundError:
                    continue
                seen[p] = (st.st_mtime_ns, st.st_size)
    return seen


def crashed(proc):
    return proc.returncode < 0 or proc.returncode > 1 or CRASH.search(proc.stdout + proc.stderr)


# ================================================================ 2. script injection


@pytest.fixture(scope="session")
def hostile(tmp_path_factory):
    """The hostile fixture with this repository's theme (what `briefing build .` uses here, and
    what the binary embeds after `make embed`), built without and with a base URL."""
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(FIXTURE / "Content", root / "Content")
    shutil.copytree(REPO / "Templates", root / "Templates")
    build(root)
    build(root, "--base-url", "https://example.org/b/", output=root / "Published")
    return root


@pytest.fixture(scope="session")
def site(hostile):
    return hostile / "Output"


def html_pages(out):
    return sorted(p.relative_to(out).as_posix() for p in out.rglob("*.html"))


class Tags(HTMLParser):
    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.tags, self.scripts, self._in = [], [], None
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in = [dict(attrs), ""]

    def handle_data(self, data):
        if self._in is not None:
            self._in[1] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._in is not None:
            self.scripts.append(tuple(self._in))
            self._in = None


class Server:
    def __init__(self, directory):
        handler = functools.partial(_Quiet, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def server(site):
    s = Server(site)
    yield s.url
    s.close()


# Installed before any page script runs, in every frame: records dialogs instead of showing
# them, CSP violations, and errors; the payloads set window.__pwned (or parent.__pwned).
RECORDER = """
window.__dialogs = [];
['alert', 'confirm', 'prompt', 'print'].forEach(function (name) {
  window[name] = function (message) { window.__dialogs.push(name + ':' + String(message)); return null; };
});
window.__csp = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || ''));
});
"""


@pytest.fixture(scope="module")
def chrome():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--disable-extensions", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    options.set_capability("unhandledPromptBehavior", "ignore")
    d = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
    d.set_page_load_timeout(30)
    d.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": RECORDER})
    yield d
    d.quit()


def load(d, url):
    d.get(url)
    d.execute_script("return document.readyState")
    time.sleep(0.15)  # onerror of a broken image, deferred scripts


def assert_clean(d, what, csp_violations_allowed=False):
    from selenium.common.exceptions import NoAlertPresentException

    with pytest.raises(NoAlertPresentException):
        d.switch_to.alert.text  # a real dialog would be open here
    state = d.execute_script(
        "return {dialogs: window.__dialogs, pwned: typeof window.__pwned, csp: window.__csp,"
        " frames: Array.prototype.map.call(document.querySelectorAll('iframe,object,embed,frame'),"
        " function (f) { return f.outerHTML; })}")
    assert state["dialogs"] == [], (what, state)
    assert state["pwned"] == "undefined", (what, state)
    assert state["frames"] == [], (what, state)
    if not csp_violations_allowed:
        assert state["csp"] == [], (what, "the theme itself violates the CSP", state["csp"])
    severe = [e for e in d.get_log("browser") if e["level"] == "SEVERE"]
    if not csp_violations_allowed:
        assert not severe, (what, severe)


def _inline_bodies(text, tag):
    """The text of each inline <tag> element (no src) of a page."""
    return [m.group(2) for m in re.finditer(rf"<{tag}(\s[^>]*)?>(.*?)</{tag}>", text, re.S)
            if not (m.group(1) or "").strip().startswith(("src=", "type="))]


def expected_csp(rel, text):
    """The policy of a page: the theme's, except on 404.html (served at any address, so its stylesheet
    and, without a base URL, the script that finds the site's root are inline), whose policy allows
    exactly those inline elements by their SHA-256 and nothing else inline."""
    if rel != "404.html":
        return CSP
    import base64, hashlib
    digest = lambda body: "'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'"
    styles, scripts = _inline_bodies(text, "style"), _inline_bodies(text, "script")
    assert len(styles) == 1 and len(scripts) <= 1, (styles, scripts)
    policy = CSP.replace("style-src 'self'", "style-src 'self' " + digest(styles[0]))
    return policy.replace("script-src 'self'", "script-src 'self' " + digest(scripts[0])) if scripts else policy


def test_csp_meta_on_every_page(site, hostile):
    template = (REPO / "Templates" / "base.mustache").read_text()
    assert f'<meta http-equiv="Content-Security-Policy" content="{CSP}">' in template
    # before anything the page could inject: directly after charset and viewport, in <head>
    assert template.index("Content-Security-Policy") < template.index("<title>")
    # and compiled into the binary's default theme (after `make embed`)
    assert CSP in (REPO / "Sources" / "BriefingKit" / "Render" / "DefaultTheme.swift").read_text()
    for out in (site, hostile / "Published"):
        for rel in html_pages(out):
            metas = [a for t, a in Tags((out / rel).read_text()).tags
                     if t == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
            assert [m["content"] for m in metas] == [expected_csp(rel, (out / rel).read_text())], rel
            policy = dict(d.strip().split(" ", 1) for d in metas[0]["content"].split(";"))
            assert policy["script-src"].split()[0] == "'self'" and "'unsafe-inline'" not in metas[0]["content"]
            assert rel == "404.html" or policy["script-src"] == "'self'"
            assert policy["object-src"] == "'none'" and policy["base-uri"] == "'none'"


def test_no_executable_script_in_any_page(site):
    """Every <script> is the theme's: a src under static/ or a JSON data block, and every data
    block parses; no inline event handler attribute anywhere."""
    for rel in html_pages(site):
        tags = Tags((site / rel).read_text())
        for attrs, body in tags.scripts:
            kind = attrs.get("type", "")
            if kind in ("application/json", "application/ld+json"):
                json.loads(body)
            elif rel == "404.html" and not attrs:
                # the 404 page's own script, allowed by its hash (test_csp_meta_on_every_page): the
                # theme's static/not-found.js as it is
                assert body == (REPO / "Templates" / "static" / "not-found.js").read_text(), body[:80]
            else:
                assert body == "" and re.fullmatch(r"(\.\./)*static/(site|search|pictures)\.js", attrs.get("src", "")), (rel, attrs, body[:80])
        for tag, attrs in tags.tags:
            handlers = [k for k in attrs if k.startswith("on")]
            assert not handlers, (rel, tag, attrs)
            allowed = ("style",) if rel == "404.html" else ()
            assert tag not in ("iframe", "object", "embed", "base", "frame", "style") or tag in allowed, (rel, tag, attrs)
            assert tag != "form" or attrs.get("action") in (None, "index.html"), (rel, tag, attrs)
            if tag == "meta":
                assert attrs.get("http-equiv", "").lower() != "refresh", (rel, attrs)


def test_pages_run_no_hostile_script_in_chromium(chrome, server, site):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    for rel in html_pages(site):
        load(chrome, server + rel)
        # hover and focus every link and heading, so mouseover/focus payloads would fire
        for el in chrome.find_elements(By.CSS_SELECTOR, "main a, main h1, main h2, main p")[:60]:
            try:
                ActionChains(chrome).move_to_element(el).perform()
            except Exception:
                pass
        assert_clean(chrome, rel)


def test_no_dangerous_link_in_any_page(chrome, server, site):
    for rel in html_pages(site):
        load(chrome, server + rel)
        links = chrome.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll('a[href], area[href], img[src], link[href]'),"
            " function (a) { var v = a.hasAttribute('href') ? a.getAttribute('href') : a.getAttribute('src');"
            " var u = a.href && a.href.baseVal !== undefined ? new URL(a.href.baseVal, document.baseURI).href : (a.href || a.src);"
            " return [v, String(u)]; })")
        for raw, resolved in links:
            squeezed = re.sub(r"[\x00-\x20]", "", raw).lower()
            assert not squeezed.startswith(DANGEROUS_SCHEMES), (rel, raw)
            assert not resolved.lower().startswith(DANGEROUS_SCHEMES), (rel, raw, resolved)
            assert resolved.startswith(server) or resolved.startswith("https://example.org"), (rel, raw, resolved)
    # the dangerous links of the fixture are still links (their text shows), only without a target
    load(chrome, server + "briefings/attack/index.html")
    texts = chrome.execute_script("return Array.prototype.map.call(document.querySelectorAll('main a'), function (a) { return a.textContent; })")
    assert {"l1", "l2", "l3", "l9", "l10", "l13"} <= set(texts)


# where each front matter field's full hostile text must be visible (innerText), at 1280 px
VISIBLE = {
    "index.html": ["Site", "Description", "Desk", "Title", "Author", "Summary", "Villain", "Acme", "Summit", "Page"],
    "briefings/attack/index.html": ["Site", "Desk", "Title", "Author", "Publisher", "Summary", "Tag", "Villain", "Acme", "Summit"],
    "entities/villain/index.html": ["Villain", "Alias", "Role", "Acme", "Title"],
    "entities/index.html": ["Villain", "Role", "Acme", "Summit"],
    "entities/summit/index.html": ["Summit", "Title"],
    "timeline/index.html": ["Site", "Desk"],
    "timeline/2025/index.html": ["Title", "Villain", "Acme", "Summit"],
    "pages/about/index.html": ["Page"],
    "search/index.html": ["Site", "Desk"],
    "404.html": ["Site", "Desk"],
}


def test_hostile_text_is_shown_as_text(chrome, server, site):
    from selenium.webdriver.common.by import By

    for rel, labels in VISIBLE.items():
        load(chrome, server + rel)
        text = chrome.find_element(By.TAG_NAME, "body").get_attribute("innerText")
        for label in labels:
            assert f"{label} {TEXT}" in text, (rel, label)
        if rel == "index.html" or rel == "briefings/attack/index.html":
            assert chrome.title.endswith(f"Site {TEXT}") or f"Title {TEXT}" in chrome.title, chrome.title
    # Markdown bodies: code spans verbatim, Mustache syntax verbatim (never expanded), the
    # parts of a heading that are text; raw HTML is omitted by design (no `unsafe`)
    for rel, where in (("briefings/attack/index.html", "Briefing"), ("entities/villain/index.html", "Entity"),
                       ("pages/about/index.html", "Page")):
        load(chrome, server + rel)
        main = chrome.find_element(By.TAG_NAME, "main").get_attribute("innerText")
        for code in P["code"]:
            assert code in main, (rel, code)
        assert f"{where} mustache: {P['mustache']}" in main, rel
        assert "{{x}} \"dq\" 'sq' bt javascript:alert(7)" in main, rel
    load(chrome, server + "briefings/attack/index.html")
    main = chrome.find_element(By.TAG_NAME, "main").get_attribute("innerText")
    assert f"The Villain, {P['label'].replace('&amp;', '&').replace('`q`', 'q')}" in main
    assert f"{P['label'].replace('&amp;', '&').replace('`q`', 'q')} is here" in main


def test_entity_preview_shows_hostile_text_as_text(chrome, server, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    load(chrome, server + "briefings/attack/index.html")
    link = chrome.find_element(By.CSS_SELECTOR, "main a.xref-entity[data-entity=villain]")
    chrome.execute_script("arguments[0].focus()", link)
    tip = WebDriverWait(chrome, 5).until(lambda d: d.find_element(By.ID, "entity-preview") if
                                         d.find_element(By.ID, "entity-preview").is_displayed() else None)
    text = tip.get_attribute("innerText")
    assert f"Villain {TEXT}" in text and f"Role {TEXT}" in text
    # only the elements the script builds, none from the data
    tags = chrome.execute_script("return Array.prototype.map.call(arguments[0].querySelectorAll('*'), function (e) { return e.tagName; })", tip)
    assert set(tags) <= {"P", "SPAN"}, tags
    assert_clean(chrome, "preview")
    data = json.loads(chrome.find_element(By.ID, "entity-previews").get_attribute("textContent"))
    assert data["villain"]["name"] == f"Villain {TEXT}" and data["villain"]["role"] == f"Role {TEXT}"
    assert data["acme"]["name"] == f"Acme {TEXT}"


@pytest.mark.parametrize("query", [TEXT, P["label"], "<img src=x onerror=alert(1)> villain", "\"><svg onload=alert(1)> acme",
                                   "javascript:alert(1)", "{{x}} {{#a}}b{{/a}} villain", "</script><script>alert(1)</script>"])
def test_search_with_hostile_query(chrome, server, site, query):
    from urllib.parse import quote

    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    load(chrome, server + "search/index.html?q=" + quote(query))
    WebDriverWait(chrome, 10).until(lambda d: d.find_element(By.ID, "search-status").text not in ("", "Searching…"))
    status = chrome.find_element(By.ID, "search-status").get_attribute("innerText")
    assert query.strip() in status, status
    assert chrome.find_element(By.ID, "search-query").get_attribute("value") == query
    for a in chrome.find_elements(By.CSS_SELECTOR, "#search-results a"):
        assert a.get_attribute("href").startswith(server), a.get_attribute("href")
    tags = chrome.execute_script("return Array.prototype.map.call(document.querySelectorAll('#search-results *'), function (e) { return e.tagName; })")
    assert set(tags) <= {"LI", "A", "SPAN", "P", "MARK"}, tags
    assert_clean(chrome, "search " + query)
    # typed into the box too
    box = chrome.find_element(By.ID, "search-query")
    box.clear()
    box.send_keys(query.replace("\n", " "))
    chrome.find_element(By.CSS_SELECTOR, "form.search-form button[type=submit]").click()
    WebDriverWait(chrome, 10).until(lambda d: query.strip() in d.find_element(By.ID, "search-status").text)
    assert_clean(chrome, "typed search " + query)


def test_search_finds_hostile_titles_as_text(chrome, server, site):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    load(chrome, server + "search/index.html?q=villain")
    WebDriverWait(chrome, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
    titles = [a.get_attribute("innerText") for a in chrome.find_elements(By.CSS_SELECTOR, "a.search-result-title")]
    assert f"Villain {TEXT}" in titles, titles
    assert_clean(chrome, "search villain")


def _search_docs(out):
    docs = []
    for chunk in sorted((out / "search" / "docs").glob("*.js")):
        text = chunk.read_text()
        assert "<" not in text and "\u2028" not in text, chunk
        m = re.fullmatch(r"BriefingSearch\.docs\((.*)\);\n", text, re.S)
        docs += json.loads("[" + m.group(1) + "]")[1]
    return docs


def test_data_files_hold_the_exact_strings(site, hostile):
    """Extends Tests/Publish (titles and aliases): pages, event entities, Mustache syntax and the
    annotation and heading texts, in JSON-LD, the preview JSON, the search index and graph.json."""
    docs = {d["url"]: d for d in _search_docs(site)}
    assert docs["pages/about/index.html"]["title"] == f"Page {TEXT}"
    assert docs["entities/summit/index.html"]["title"] == f"Summit {TEXT}"
    brief = docs["briefings/attack/index.html"]
    paragraphs = " ".join(t for _, t in brief["paragraphs"])
    assert P["mustache"] in paragraphs and P["code"][0] in paragraphs
    for rel in html_pages(site):
        tags = Tags((site / rel).read_text())
        lds = [json.loads(b) for a, b in tags.scripts if a.get("type") == "application/ld+json"]
        assert len(lds) == 1, rel
        flat = json.dumps(lds[0], ensure_ascii=False)
        if rel == "pages/about/index.html":
            assert lds[0]["name"] == f"Page {TEXT}" or lds[0].get("headline") == f"Page {TEXT}", lds[0]
        if rel == "entities/summit/index.html":
            assert lds[0]["name"] == f"Summit {TEXT}"
        if rel == "entities/acme/index.html":
            assert lds[0]["name"] == f"Acme {TEXT}"
        assert "{{" not in flat or TEXT in json.loads(json.dumps(lds[0])).get("description", "") + flat.replace('\\"', '"'), rel
    graph = json.loads((site / "graph.json").read_text())
    assert f"Summit {TEXT}" in {e["name"] for e in graph["entities"]}
    assert any(a == P["alias_ref"] for e in graph["entities"] for a in e.get("aliases", []))
    assert any(q["text"].startswith("Quoted ") for q in graph["quotes"])


def test_csp_blocks_an_injected_inline_script(chrome, server, site, tmp_path):
    """If content ever landed as markup (none does), the policy stops it: a copy of a built page
    with an inline script, an event handler and a javascript: link added after the meta."""
    page = (site / "briefings" / "attack" / "index.html").read_text()
    probe = page.replace("<title>", "<title>", 1).replace(
        "<main id=\"main\" tabindex=\"-1\">",
        "<main id=\"main\" tabindex=\"-1\"><script>window.__pwned=1;alert('inline')</script>"
        "<img src=x onerror=\"window.__pwned=2\"><a id=probe href=\"javascript:window.__pwned=3\">p</a>"
        "<div style=\"color:red\" id=styled>s</div>", 1)
    assert probe != page
    (site / "briefings" / "attack" / "csp-probe.html").write_text(probe)
    try:
        load(chrome, server + "briefings/attack/csp-probe.html")
        chrome.execute_script("document.getElementById('probe').click()")
        time.sleep(0.2)
        violations = chrome.execute_script("return window.__csp")
        assert any(v.startswith("script-src") for v in violations), violations
        assert chrome.execute_script("return getComputedStyle(document.getElementById('styled')).color") != "rgb(255, 0, 0)"
        assert_clean(chrome, "csp probe", csp_violations_allowed=True)
        # the theme's own scripts still ran under the same policy (the preview data was read)
        assert chrome.execute_script("return !!document.getElementById('entity-preview')")
    finally:
        (site / "briefings" / "attack" / "csp-probe.html").unlink()


def test_file_url_search_works_under_csp(chrome, site):
    """From file:// the index shards load as <script src> files; 'self' lets them through."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    load(chrome, (site / "search" / "index.html").resolve().as_uri() + "?q=villain")
    WebDriverWait(chrome, 10).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#search-results li"))
    assert chrome.execute_script("return window.__csp") == []


def test_reference_with_markup_in_label_is_resolved_or_diagnosed(site, hostile):
    page = (site / "briefings" / "attack" / "index.html").read_text()
    proc = run(["check", hostile])
    assert "[[villain|" not in page or "Content/briefings/attack.md:" in proc.stdout + proc.stderr and "[[villain|" in proc.stdout + proc.stderr


def test_control_characters_in_front_matter_do_not_reach_html(tmp_path):
    shutil.copytree(REPO / "Tests" / "Fixtures" / "minimal" / "Content", tmp_path / "Content")
    brief = tmp_path / "Content" / "briefings" / "gas-deal.md"
    brief.write_text(brief.read_text().replace("title: ", "title: \"Nul\\0 Bell\\a Esc\\e\" # ", 1))
    proc = build(tmp_path, ok=False)
    if proc.returncode == 1:
        assert DIAGNOSTIC.search(proc.stdout + proc.stderr)
        return
    for page in (tmp_path / "Output").rglob("*.html"):
        assert not re.search(rb"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", page.read_bytes()), page


# ================================================================ 3. paths


LOOKALIKE = "\u2024\u2024\uff0f\u2024\u2024\uff0fetc\uff0fpasswd"  # one-dot leaders, fullwidth solidus


def _outside_world(root):
    """root/site (a small valid site) and root/outside (secrets a build must never read)."""
    site = root / "site"
    shutil.copytree(REPO / "Tests" / "Fixtures" / "minimal" / "Content", site / "Content")
    outside = root / "outside"
    (outside / "dir").mkdir(parents=True)
    (outside / "secret.md").write_text("---\ntitle: SECRET-FILE\ndate: 2025-01-01\n---\nSECRET-FILE body\n")
    (outside / "secret.txt").write_text("SECRET-ASSET\n")
    (outside / "dir" / "inner.md").write_text("---\ntitle: SECRET-DIR\ndate: 2025-01-01\n---\nSECRET-DIR body\n")
    return site, outside


def _traced(args, trace_file, timeout=120):
    """Runs the binary under strace (file syscalls) when strace works here, else plainly."""
    strace = shutil.which("strace")
    if strace and subprocess.run([strace, "-f", "-o", "/dev/null", "true"], capture_output=True).returncode == 0:
        cmd = [strace, "-f", "-qq", "-e", "trace=%file,%desc", "-o", str(trace_file), str(BIN), *map(str, args)]
        return subprocess.run(cmd, capture_output=True, text=True, timeout=timeout), True
    return run(args, timeout), False


WRITE_CALL = re.compile(r'((?<![a-z_])open(at)?\([^"]*"(?P<p1>[^"]+)".*O_(WRONLY|RDWR|CREAT))|'
                        r'((?<![a-z_])(mkdir(at)?|unlink(at)?|rmdir|rename(at2?)?|symlink(at)?|link(at)?|truncate|chmod|fchmodat|utimensat)'
                        r'\((AT_FDCWD, )?"(?P<p2>[^"]+)")')


def _written_paths(trace, cwd):
    paths = []
    for line in Path(trace).read_text(errors="replace").splitlines():
        m = WRITE_CALL.search(line)
        if m and " = -1 " not in line:
            p = m.group("p1") or m.group("p2")
            paths.append(os.path.normpath(os.path.join(cwd, p)))
    return paths


PATH_CALL = re.compile(r'(?<![a-z_])(open|openat|creat|stat|lstat|newfstatat|statx|readlink|readlinkat|access|faccessat2?|'
                       r'execve|chdir|opendir|getdents64|truncate|mkdir|mkdirat|rename|renameat2?|unlink|unlinkat)'
                       r'\((?:AT_FDCWD|\d+)?,? ?"([^"]+)"')


def _opened_paths(trace):
    """Every path a file system call named (not the data written)."""
    return [m.group(2) for m in PATH_CALL.finditer(Path(trace).read_text(errors="replace"))]


def test_hostile_names_and_fields_stay_inside_the_site(tmp_path):
    site, outside = _outside_world(tmp_path)
    content = site / "Content"
    long_name = "a" * 246 + ".md"  # 249 bytes: 255 is the file system's limit
    names = ["..md", "...md", "a..b.md", f"{LOOKALIKE}.md", "\uff0e\uff0e.md", "x\u2215y.md", long_name,
             "-rf.md", " space .md", "\u202eevil\u202c.md", "tab\tname.md", "new\nline.md", "\\..\\x.md"]
    for i, name in enumerate(names):
        (content / "briefings" / name).write_text(
            f"---\ntitle: \"../../outside/t{i} /etc/passwd {'L' * 300}\"\nauthor: \"/etc/shadow\"\ndate: 2025-01-01\n"
            f"summary: \"..\\\\..\\\\x {LOOKALIKE}\"\ntags: [\"../../tag\", \"/abs\", \"{LOOKALIKE}\"]\n---\n"
            f"Text about [[israel]] and [[azerbaijan|{'/' * 20}../../..]] on [[2025-01-01|{LOOKALIKE}]].\n")
    (content / "entities" / f"{LOOKALIKE}.md").write_text(
        f"---\nname: \"{LOOKALIKE}\"\nkind: place\naliases: [\"../../outside\", \"/etc/passwd\", \"{'Z' * 320}\"]\nrole: \"..\"\n---\nA place.\n")
    (content / "pages" / "..\uff0f..\uff0fabout2.md").write_text("---\ntitle: \"../x\"\n---\nAbout.\n")
    for name in ("../../escape.txt".replace("/", "\u2215"), f"{LOOKALIKE}.txt", "a" * 250, "..x", "x..", "%2e%2e%2fx"):
        (content / "assets" / name).write_text("asset\n")
    before = snapshot(tmp_path / "outside", REPO / "Content", REPO / "Output")
    parent_before = set(os.listdir(tmp_path))
    proc, traced = _traced(["build", site, "--quiet"], tmp_path / "trace")
    assert not crashed(proc), proc.stdout + proc.stderr
    assert proc.returncode in (0, 1)
    if proc.returncode == 1:
        assert DIAGNOSTIC.search(proc.stdout + proc.stderr), proc.stdout + proc.stderr
    assert set(os.listdir(tmp_path)) - {"trace"} == parent_before
    assert snapshot(tmp_path / "outside", REPO / "Content", REPO / "Output") == before
    out = site / "Output"
    if proc.returncode == 0:
        for f in out.rglob("*"):
            assert f.resolve().is_relative_to(out.resolve()), f
            assert "SECRET" not in (f.read_text(errors="replace") if f.is_file() else "")
        # every output path is a plain slug path
        for f in out.rglob("*"):
            rel = f.relative_to(out).as_posix()
            assert ".." not in rel.split("/") and "\x00" not in rel
    if traced:
        written = _written_paths(tmp_path / "trace", site)
        outside_writes = [p for p in written if not (p + "/").startswith(str(site) + "/") and not p.startswith("/dev/")]
        assert not outside_writes, outside_writes[:10]
        assert not [p for p in _opened_paths(tmp_path / "trace") if "outside" in p]


@pytest.mark.parametrize("target", ["../../outside/secret", "/etc/passwd", "../outside", LOOKALIKE,
                                    "..\\..\\outside\\secret", "\u0000x", "x" * 300, "%2e%2e%2fsecret"])
def test_hostile_reference_targets_are_located_errors(tmp_path, target):
    site, outside = _outside_world(tmp_path)
    build(site)
    before = tree_hash(site / "Output")
    brief = site / "Content" / "briefings" / "gas-deal.md"
    brief.write_text(brief.read_text() + f"\nSee [[{target}]] now.\n")
    proc = run(["build", site, "--quiet"])
    assert proc.returncode == 1 and not crashed(proc), proc.stdout + proc.stderr
    assert re.search(r"Content/briefings/gas-deal\.md:\d+:\d+: error: ", proc.stdout + proc.stderr), proc.stdout + proc.stderr
    assert tree_hash(site / "Output") == before


@pytest.mark.parametrize("field", ["related: [../../outside/secret]", "related: [/etc/passwd]",
                                   "date: ../../2025", "kind: ../person"])
def test_hostile_front_matter_paths_are_located_errors(tmp_path, field):
    site, _ = _outside_world(tmp_path)
    entity = site / "Content" / "entities" / "israel.md"
    text = entity.read_text()
    key = field.split(":")[0]
    text = re.sub(rf"^{key}:.*\n", "", text, flags=re.M).replace("---\n", f"---\n{field}\n", 1)
    entity.write_text(text)
    proc = run(["build", site, "--quiet"])
    assert proc.returncode == 1 and not crashed(proc), proc.stdout + proc.stderr
    assert re.search(r"Content/entities/israel\.md:\d+:\d+: error: ", proc.stdout + proc.stderr), proc.stdout + proc.stderr


@pytest.mark.parametrize("where,kind", [("briefings", "file"), ("briefings", "dir"), ("entities", "file"),
                                        ("assets", "file"), ("assets", "dir"), ("pages", "dir")])
def test_symlink_out_of_content_is_refused_not_followed(tmp_path, where, kind):
    site, outside = _outside_world(tmp_path)
    link = site / "Content" / where / ("link.md" if kind == "file" and where != "assets" else "link.txt" if kind == "file" else "linked")
    link.parent.mkdir(exist_ok=True)
    target = outside / ("secret.md" if kind == "file" and where != "assets" else "secret.txt" if kind == "file" else "dir")
    link.symlink_to(target)
    proc, traced = _traced(["build", site, "--quiet"], tmp_path / "trace")
    out = proc.stdout + proc.stderr
    assert not crashed(proc), out
    assert re.search(rf"Content/{where}/{link.name}(:\d+:\d+)?: (error|warning): .*symbolic link", out), out
    assert re.search(rf"Content/{where}/{link.name}:\d+:\d+: ", out), "diagnostic without line:column: " + out
    for f in (site / "Output").rglob("*") if (site / "Output").exists() else []:
        if f.is_file():
            assert "SECRET" not in f.read_text(errors="replace"), f
    if traced:
        opened = [p for p in _opened_paths(tmp_path / "trace") if str(outside) in p or "secret" in p or "inner.md" in p]
        reads = [line for line in Path(tmp_path / "trace").read_text().splitlines()
                 if re.search(r"open(at)?\(", line) and ("secret" in line or "inner.md" in line) and " = -1 " not in line]
        assert not reads, reads[:5]


def test_import_with_hostile_title_writes_only_inside_content(tmp_path):
    site, outside = _outside_world(tmp_path)
    for i, title in enumerate(["../../../outside/pwned", "/etc/passwd", LOOKALIKE + " Pact", "x" * 400,
                               "..\\..\\outside\\win", "\u202e\u2024\u2024"]):
        article = tmp_path / f"a{i}.txt"
        article.write_text(f"{title}\n\nBy Jane Roe\n\nMarch 3, 2025\n\nIsrael and Azerbaijan signed an accord in Baku on March 1, 2025.\n")
        before = snapshot(tmp_path / "outside")
        listing = set(os.listdir(tmp_path))
        proc, traced = _traced(["import", article, "--site", site], tmp_path / "trace")
        assert not crashed(proc), proc.stdout + proc.stderr
        assert snapshot(tmp_path / "outside") == before
        assert set(os.listdir(tmp_path)) - {"trace"} == listing - {"trace"}
        for f in (site / "Content").rglob("*"):
            assert f.resolve().is_relative_to((site / "Content").resolve()), f
            assert len(f.name.encode()) <= 255
        if traced:
            written = _written_paths(tmp_path / "trace", Path.cwd())
            bad = [p for p in written if not p.startswith(str(site / "Content") + "/") and not p.startswith("/dev/")]
            assert not bad, bad


def _unbuildable_site(tmp_path):
    """A site whose Templates/ lacks templates: were an --output not refused, its build would
    still fail before the swap, so even a wrong answer could never replace / or a home folder."""
    site, _ = _outside_world(tmp_path)
    (site / "Templates").mkdir()
    shutil.copy(REPO / "Templates" / "base.mustache", site / "Templates" / "base.mustache")
    assert build(site, ok=False).returncode == 1
    return site


def test_output_at_the_real_home_folder_is_refused(tmp_path):
    import pwd
    site = _unbuildable_site(tmp_path)
    home = pwd.getpwuid(os.getuid()).pw_dir
    listing = sorted(os.listdir(home))
    for output in (home, home + "/", home + "/."):
        proc = run(["build", site, "--output", output])
        assert proc.returncode == 1 and "refusing to write the site" in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    assert sorted(os.listdir(home)) == listing
    assert not [n for n in os.listdir(Path(home).parent) if n.startswith("." + Path(home).name + ".")]


def test_output_at_dollar_home_is_refused(tmp_path):
    site = _unbuildable_site(tmp_path)
    home = tmp_path / "home"
    home.mkdir()
    proc = subprocess.run([str(BIN), "build", str(site), "--output", str(home)], capture_output=True, text=True,
                          timeout=60, env=dict(os.environ, HOME=str(home)))
    assert proc.returncode == 1 and "refusing to write the site" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_output_folder_that_would_replace_something_is_refused(tmp_path):
    site = _unbuildable_site(tmp_path)
    home = tmp_path / "home"
    (home / "keep").mkdir(parents=True)
    (home / "keep" / "file").write_text("keep\n")
    (tmp_path / "to-site").symlink_to(site)
    env = dict(os.environ, HOME=str(home))
    before = (tree_hash(site), tree_hash(home), sorted(os.listdir(tmp_path)))
    for output in ["/", "//", "/./", site / "Content", site / "Content" / "briefings", site / "Templates",
                   site, str(site) + "/.", site / "Content" / "..", tmp_path, tmp_path / "to-site", tmp_path / "to-site" / "Content"]:
        proc = subprocess.run([str(BIN), "build", str(site), "--output", str(output).replace("~", str(home))],
                              capture_output=True, text=True, timeout=60, env=env)
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and "refusing to write the site" in out, (output, out)
        assert re.search(r":\d+:\d+: error: refusing", out), out
        assert (tree_hash(site), tree_hash(home), sorted(os.listdir(tmp_path))) == before, output
    assert not any(p.name.startswith(".") for p in Path("/").iterdir() if p.name.startswith((".Output", ".building")))


# ================================================================ 4. nothing lost


def _corpus(root, n, seed):
    subprocess.run([sys.executable, "/work/shared/bench/make_corpus.py" if Path("/work/shared/bench/make_corpus.py").exists()
                    else str(REPO / "scripts" / "make_corpus.py"), str(n), str(root), "--seed", str(seed)],
                   check=True, capture_output=True)
    return root / "briefing" / "Content"


@pytest.fixture(scope="module")
def two_contents(tmp_path_factory):
    """One site folder and two contents for it (A and B), the Output trees they build, and a
    pristine copy of A's Output to restore between kills."""
    n = 300 if FULL else int(os.environ.get("HOSTILE_KILL_N", "40"))
    root = tmp_path_factory.mktemp("kill")
    a = _corpus(root / "gen-a", n, 7)
    b = _corpus(root / "gen-b", n, 8)
    site = root / "site"
    shutil.copytree(b, site / "Content")
    start = time.monotonic()
    build(site)
    duration = time.monotonic() - start
    new_hash = tree_hash(site / "Output")
    shutil.rmtree(site / "Output")
    shutil.rmtree(site / "Content")
    shutil.copytree(a, site / "Content")
    build(site)
    prev_hash = tree_hash(site / "Output")
    shutil.copytree(site / "Output", root / "prev-output", symlinks=True)
    shutil.rmtree(site / "Content")
    shutil.copytree(b, site / "Content")
    assert prev_hash != new_hash
    return {"site": site, "root": root, "prev": prev_hash, "new": new_hash, "duration": duration, "n": n}


def test_killed_build_leaves_previous_or_new_output(two_contents):
    site, root = two_contents["site"], two_contents["root"]
    rng = random.Random(20240808)
    kills = 50
    duration = two_contents["duration"]
    outcomes = {"previous": 0, "new": 0}
    cache = {}
    trash = root / "trash"
    trash.mkdir(exist_ok=True)
    for i in range(kills):
        if (site / "Output").exists():  # removing thousands of files is slow here: later, in bulk
            os.rename(site / "Output", trash / str(i))
        # hard links: a build never changes a file in place (it swaps a new folder in)
        subprocess.run(["cp", "-al", str(root / "prev-output"), str(site / "Output")], check=True)
        assert tree_hash(site / "Output", cache) == two_contents["prev"]
        delay = 0.005 + rng.random() * duration * 1.1
        proc = subprocess.Popen([str(BIN), "build", str(site), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        h = tree_hash(site / "Output", cache)
        assert h in (two_contents["prev"], two_contents["new"]), f"kill {i} after {delay:.3f}s left a mixed Output/"
        outcomes["previous" if h == two_contents["prev"] else "new"] += 1
    subprocess.Popen(["rm", "-rf", str(trash)])
    print(f"\n{kills} kills over a {duration:.2f} s build of {two_contents['n']} briefings: {outcomes}")
    assert outcomes["previous"] > 0


def test_killed_builds_leave_no_staging_folders_behind(two_contents):
    site = two_contents["site"]
    for fraction in (0.3, 0.5, 0.7):  # builds killed while they write their staging folder
        p = subprocess.Popen([str(BIN), "build", str(site), "--quiet"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(two_contents["duration"] * fraction)
        p.send_signal(signal.SIGKILL)
        p.wait()
    build(site)  # a good build after the kills cleans up what they left, in the background
    deadline = time.time() + 20
    while time.time() < deadline and [p for p in site.iterdir() if p.name.startswith(".Output")]:
        time.sleep(0.2)
    leftovers = [p.name for p in site.iterdir() if p.name.startswith(".Output")]
    assert not leftovers, leftovers


def _import_article(path):
    """The example article: about 100 files (the briefing and its entity stubs) per import."""
    shutil.copy(REPO / "Tests" / "Fixtures" / "eval" / "seed.txt", path)
    return path


@pytest.fixture(scope="module")
def import_case(tmp_path_factory):
    """The minimal site, an article to import into it, and the files a complete import adds."""
    root = tmp_path_factory.mktemp("import")
    pristine = root / "pristine"
    shutil.copytree(REPO / "Tests" / "Fixtures" / "minimal" / "Content", pristine)
    article = _import_article(root / "article.txt")
    full = root / "full"
    shutil.copytree(pristine, full / "Content")
    start = time.monotonic()
    proc = run(["import", article, "--site", full, "--date", "2025-03-31"])
    duration = time.monotonic() - start
    assert proc.returncode == 0, proc.stdout + proc.stderr
    files = lambda d: {p.relative_to(d).as_posix(): p.read_bytes() for p in d.rglob("*") if p.is_file()}
    complete, original = files(full / "Content"), files(pristine)
    assert set(complete) - set(original)
    return {"root": root, "pristine": pristine, "article": article, "duration": duration, "files": files,
            "complete": complete, "original": original, "new": set(complete) - set(original)}


def _fresh_site(case, name):
    site = case["root"] / name
    if site.exists():
        shutil.rmtree(site)
    shutil.copytree(case["pristine"], site / "Content")
    return site


def test_killed_import_leaves_no_partial_file(import_case):
    """Every visible file in Content/ after a kill is either the original or complete."""
    c = import_case
    rng = random.Random(88)
    states = {"nothing": 0, "everything": 0, "some": 0}
    for i in range(20):
        site = _fresh_site(c, "killed")
        delay = rng.random() * c["duration"] * 1.1
        p = subprocess.Popen([str(BIN), "import", str(c["article"]), "--site", str(site), "--date", "2025-03-31"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        p.send_signal(signal.SIGKILL)
        p.wait()
        now = {rel: data for rel, data in c["files"](site / "Content").items() if not Path(rel).name.startswith(".")}
        for rel, data in now.items():
            assert rel in c["complete"] and data == c["complete"][rel], f"kill {i} after {delay:.3f}s: {rel} is partial"
        for rel in c["original"]:
            assert now.get(rel) == c["original"][rel], f"kill {i}: {rel} changed"
        added = set(now) - set(c["original"])
        states["nothing" if not added else "everything" if added == c["new"] else "some"] += 1
    print(f"\n20 kills over a {c['duration']:.3f} s import: {states}")


def _import_killed_at_rename(c, nth):
    """The import killed by the kernel at its nth rename (strace fault injection): the point
    between "every file is staged" and "every file is in place"."""
    strace = shutil.which("strace")
    if not strace or subprocess.run([strace, "-f", "-o", "/dev/null", "true"], capture_output=True).returncode:
        pytest.skip("strace cannot trace here")
    site = _fresh_site(c, f"at-rename-{nth}")
    c["last_site"] = site
    subprocess.run([strace, "-f", "-qq", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2",
                    "-e", f"inject=rename,renameat,renameat2:signal=KILL:when={nth}",
                    str(BIN), "import", str(c["article"]), "--site", str(site), "--date", "2025-03-31"],
                   capture_output=True, timeout=120)
    return c["files"](site / "Content")


def test_import_killed_between_renames_never_leaves_the_briefing_without_its_entities(import_case):
    """Several files cannot be renamed at once: the stubs go first and the briefing last, so a
    killed import never leaves a briefing whose entities are missing (the site still builds), and
    importing again completes it."""
    c = import_case
    for nth in (2, 3, len(c["new"]) // 2, len(c["new"])):
        now = _import_killed_at_rename(c, nth)
        added = {rel for rel in now if not Path(rel).name.startswith(".")} - set(c["original"])
        briefings = {rel for rel in added if "briefings/" in rel}
        assert not briefings or added == c["new"], f"killed at rename {nth}: the briefing is in place with {len(added)} of {len(c['new'])} files"
    site = _fresh_site(c, "killed-then-again")
    subprocess.run(["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2",
                    "-e", "inject=rename,renameat,renameat2:signal=KILL:when=3",
                    str(BIN), "import", str(c["article"]), "--site", str(site), "--date", "2025-03-31"],
                   capture_output=True, timeout=120)
    subprocess.run([str(BIN), "import", str(c["article"]), "--site", str(site), "--date", "2025-03-31"],
                   capture_output=True, timeout=120, check=True)
    now = c["files"](site / "Content")
    assert {rel for rel in now if not Path(rel).name.startswith(".")} - set(c["original"]) == c["new"]


def test_killed_import_leaves_no_temporary_files(import_case):
    """A killed import's temporary files are hidden from the site and removed by the next import."""
    c = import_case
    _import_killed_at_rename(c, 2)
    site = c["last_site"]
    subprocess.run([str(BIN), "import", str(c["article"]), "--site", str(site), "--date", "2025-03-31", "--update"],
                   capture_output=True, timeout=120)
    stray = [rel for rel in c["files"](site / "Content") if Path(rel).name.startswith(".")]
    assert not stray, f"{len(stray)} temporary files left, e.g. {stray[:3]}"


def test_only_import_modifies_content(tmp_path):
    site = tmp_path / "site"
    shutil.copytree(REPO / "Content", site / "Content")
    before = (tree_hash(site / "Content"), snapshot(site / "Content"))
    assert build(site).returncode == 0
    run(["check", site])
    run(["build", site, "--output", tmp_path / "elsewhere", "--drafts", "--future", "-v"])
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    serve = subprocess.Popen([str(BIN), "serve", str(site), "--port", str(port)], stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    try:
        time.sleep(3)
        import urllib.request
        for path in ("", "index.html", "entities/", "search/index.html"):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=5).read()
            except Exception:
                pass
    finally:
        serve.send_signal(signal.SIGINT)
        try:
            serve.wait(timeout=10)
        except subprocess.TimeoutExpired:
            serve.kill()
            serve.wait()
    assert (tree_hash(site / "Content"), snapshot(site / "Content")) == before


# ================================================================ 5. limits

FM = "---\ntitle: Limits\nauthor: A\ndate: 2025-01-01\n---\n"


def _limit_site(root):
    (root / "Content" / "briefings").mkdir(parents=True)
    (root / "Content" / "entities").mkdir()
    (root / "Content" / "site.yml").write_text("title: Limits\nlanguage: en\n")
    (root / "Content" / "entities" / "acme.md").write_text("---\nname: Acme\nkind: organization\n---\nA firm.\n")
    (root / "Content" / "briefings" / "ok.md").write_text(FM.replace("Limits", "OK") + "[[acme]] on [[2024-01-01]].\n")
    return root


def _big(root, mb, dense):
    para = (("The partnership between [[acme|Acme]] and its rivals grew on [[2024-05-01|May 1]] while trade rose. " * 8)
            if dense else ("The partnership between these states has grown in security trade technology and energy "
                           "while rivals seek to counter it. " * 6)) + "\n\n"
    with open(root / "Content" / "briefings" / "big.md", "w") as f:
        f.write(FM + "[[acme]] on [[2024-01-01]].\n\n")
        for _ in range(mb * 1024 * 1024 // len(para) + 1):
            f.write(para)


def _entities(root, count):
    ents = root / "Content" / "entities"
    for i in range(count):
        (ents / f"e{i:06d}.md").write_text(f"---\nname: Entity {i:06d}\nkind: person\naliases: [E{i:06d}]\n---\nPerson {i}.\n")
    step = max(1, count // 1000)
    (root / "Content" / "briefings" / "many.md").write_text(
        FM + "\n\n".join(f"[[e{i:06d}]] met [[acme]] on [[2024-01-02]]." for i in range(0, count, step)) + "\n")


def _nested(root, levels):
    with open(root / "Content" / "briefings" / "nested.md", "w") as f:
        f.write(FM)
        for i in range(levels):
            f.write("  " * i + "- item [[acme]]\n")


def _write(rel, data):
    def make(root):
        path = root / "Content" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return make


# name -> (make the site, expected outcome, time bound in s, memory bound in MB), debug binary,
# 2 cores; bounds are about 3x the measurements in README "Limits" (see HOSTILE_FULL for the
# sizes too slow for CI).
LIMITS = {
    "briefing-50mb-plain": (lambda r: _big(r, 50, False), "build", 90, 2500),
    "briefing-5mb-dense-references": (lambda r: _big(r, 5, True), "build", 90, 1500),
    "entities-20000": (lambda r: _entities(r, 20000), "build", 120, 1500),
    "paragraph-1mb-no-spaces": (_write("briefings/wide.md", (FM + "x" * (1 << 20) + "\n").encode()), "build", 30, 500),
    "reference-1mb-label": (_write("briefings/wide.md", (FM + "[[acme|" + "y" * (1 << 20) + "]]\n").encode()), "build", 30, 500),
    "list-10000-levels-indented": (lambda r: _nested(r, 10000), "build", 120, 1500),
    "list-10000-levels-one-line": (_write("briefings/deep.md", (FM + "- " * 10000 + "x [[acme]]\n").encode()), "build", 30, 500),
    "blockquote-10000-levels": (_write("briefings/deep.md", (FM + "> " * 10000 + "x [[acme]]\n").encode()), "build", 30, 500),
    "emphasis-20000-nested": (_write("briefings/deep.md", (FM + "*" * 20000 + "x" + "*" * 20000 + "\n").encode()), "build", 30, 500),
    "brackets-20000-nested": (_write("briefings/deep.md", (FM + "[" * 20000 + "x" + "]" * 20000 + "\n").encode()), "error", 30, 500),
    "footnotes-5000": (_write("briefings/notes.md", (FM + "".join(f"w[^{i}] " for i in range(5000)) + "\n\n"
                                                     + "".join(f"[^{i}]: note {i}\n" for i in range(5000))).encode()), "build", 30, 500),
    # 10 levels of 10 aliases each (10^10 strings once expanded) inside a known key
    "yaml-alias-bomb": (_write("briefings/bomb.md", (
        "---\ntitle: Bomb\ndate: 2025-01-01\ntags: [&a0 [x, x, x, x, x, x, x, x, x, x], "
        + ", ".join(f"&a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10))
        + "]\n---\nBody.\n").encode()), "error", 30, 1000),
    "invalid-utf8-briefing": (_write("briefings/bad.md", b"---\ntitle: Bad \xff\xfe\ndate: 2025-01-01\n---\nText \xc3\x28.\n"), "error", 15, 300),
    "invalid-utf8-site-yml": (_write("site.yml", b"title: Bad \xed\xa0\x80 surrogate\n"), "error", 15, 300),
    "invalid-utf8-entity": (_write("entities/bad.md", b"---\nname: B\xc0\xafd\nkind: person\n---\n\x80\n"), "error", 15, 300),
    "empty-briefing": (_write("briefings/empty.md", b""), "error", 15, 300),
    "empty-entity": (_write("entities/empty.md", b""), "error", 15, 300),
    "empty-site-yml": (_write("site.yml", b""), "error", 15, 300),
    "empty-page": (_write("pages/empty.md", b""), "error", 15, 300),
    "front-matter-only-briefing": (_write("briefings/fm.md", b"---\ntitle: Only\ndate: 2025-01-01\n---\n"), "build", 15, 300),
    "front-matter-only-no-newline": (_write("entities/fm.md", b"---\nname: Only\nkind: person\n---"), "build", 15, 300),
    "front-matter-never-closed": (_write("briefings/fm.md", b"---\ntitle: Only\ndate: 2025-01-01\n"), "error", 15, 300),
    "front-matter-empty": (_write("briefings/fm.md", b"---\n---\n"), "error", 15, 300),
    "nul-byte-in-body": (_write("briefings/nul.md", FM.encode() + b"Text \x00 nul [[acme]].\n"), "build", 15, 300),
    "nul-byte-in-front-matter": (_write("briefings/nul.md", b"---\ntitle: a\x00b\ndate: 2025-01-01\n---\nText.\n"), "error", 15, 300),
}
CRASHES = {
    # 500,000 nested emphasis markers (1 MB): SIGSEGV in release and debug builds alike
    "emphasis-500000-nested": (_write("briefings/deep.md", (FM + "*" * 500000 + "x" + "*" * 500000 + "\n").encode()), "build", 30, 800),
}
if FULL:
    LIMITS.update({
        "footnotes-20000": (_write("briefings/notes.md", (FM + "".join(f"w[^{i}] " for i in range(20000)) + "\n\n"
                                                          + "".join(f"[^{i}]: note {i}\n" for i in range(20000))).encode()), "build", 150, 800),
        "brackets-50000-nested": (_write("briefings/deep.md", (FM + "[" * 50000 + "x" + "]" * 50000 + "\n").encode()), "error", 60, 500),
        "entities-100000": (lambda r: _entities(r, 100000), "build", 600, 4000),
        "briefing-50mb-dense-references": (lambda r: _big(r, 50, True), "build", 600, 8000),
    })


@pytest.mark.parametrize("name", list(LIMITS))
def test_limit(tmp_path, name):
    _limit(tmp_path, name, LIMITS[name])


@pytest.mark.parametrize("name", list(CRASHES))
def test_limit_deep_inline_nesting(tmp_path, name):
    _limit(tmp_path, name, CRASHES[name])


def _no_core_dump():
    import resource
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _limit(tmp_path, name, case):
    make, expected, seconds, megabytes = case
    site = _limit_site(tmp_path / "site")
    build(site)  # the previous Output, which a failed build must leave as it was
    previous = tree_hash(site / "Output")
    make(site)
    timer = ["/usr/bin/time", "-f", "%e %M"] if Path("/usr/bin/time").exists() else []
    try:
        proc = subprocess.run([*timer, str(BIN), "build", str(site), "--quiet"], capture_output=True, text=True,
                              timeout=seconds * 2, preexec_fn=_no_core_dump)
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: no answer within {seconds * 2} s (hang)")
    err = proc.stderr
    wall = rss = None
    if timer:
        last = err.rstrip().splitlines()[-1]
        m = re.fullmatch(r"(?:Command (?:terminated by signal \d+|exited with non-zero status \d+)\n)?([\d.]+) (\d+)", last)
        wall, rss = float(last.split()[0]), int(last.split()[1]) / 1024
        err = "\n".join(err.rstrip().splitlines()[:-1])
    out = proc.stdout + err
    print(f"\nLIMIT {name}: exit {proc.returncode}, {wall} s, {rss and round(rss)} MB")
    assert "terminated by signal" not in out and not CRASH.search(out), f"{name} crashed: {out[-2000:]}"
    assert proc.returncode in (0, 1), (proc.returncode, out[-2000:])
    if expected == "build":
        assert proc.returncode == 0, out[-2000:]
        assert (site / "Output" / "index.html").is_file()
    else:
        assert proc.returncode == 1, out[-2000:]
        assert DIAGNOSTIC.search(out), out[-2000:]
        assert len(out) < 20000, "diagnostics should be short"
        assert tree_hash(site / "Output") == previous
    if wall is not None:
        assert wall <= seconds, f"{name}: {wall} s > {seconds} s"
        assert rss <= megabytes, f"{name}: {rss:.0f} MB > {megabytes} MB"
