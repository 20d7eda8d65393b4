"""Publishing tests: the built site works wherever it is put, and what it offers other tools is valid.

`make publish-test` runs this file with the virtual environment's pytest (it needs `feedparser`,
`pyld`, `jsonschema` and, for the search tests, `selenium` with Debian Chromium). Every site is
built here into a temporary folder with the debug binary (BRIEFING_BIN overrides it):

- portable links: the example site crawled (pages, CSS, JS, the search index shards that
  search.js loads on demand, every #anchor) from the root of a real HTTP server on 127.0.0.1,
  under a subpath of one, and from file://, with zero broken links;
- feed.xml (feedparser and RFC 4287), sitemap.xml, robots.txt, canonical links, Open Graph;
- JSON-LD on every page (parses, expands with pyld offline, the right schema.org @type), and a
  site whose titles and aliases contain `</script>` keeps every script element intact;
- graph.json against Docs/graph.schema.json, timeline.json in TimelineJS's shape;
- search in headless Chromium over http and file://, and its fallback without JavaScript;
- drafts and future-dated briefings left out unless --drafts / --future.
"""

import datetime
import functools
import http.server
import json
import os
import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import feedparser
import jsonschema
import pytest
from pyld import jsonld

REPO = Path(__file__).resolve().parents[2]
BIN = REPO / os.environ.get("BRIEFING_BIN", ".build/debug/briefing")  # relative to the repository
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")
BASE = "https://example.org/briefings/"
SUBPATH = "briefings"
HOSTILE = "Q \"quoted\" & 'single' </script><script>alert(1)</script> <!-- --> \u2028end"

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SCHEMA = "https://schema.org/"
ENTITY_TYPES = {"person": "Person", "country": "Country", "organization": "Organization",
                "group": "Organization", "place": "Place", "event": "Event",
                "agreement": "Legislation", "other": "Thing"}


def build(site, output, *flags):
    proc = subprocess.run([str(BIN), "build", str(site), "--output", str(output), "--quiet", *flags],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return Path(output)


# ---------------------------------------------------------------- HTML parsing


class Page(HTMLParser):
    """Ids, links (tag, attribute, value), <link rel> and <meta> of one page, and the text of
    every script element with its type."""

    LINKING = {("a", "href"), ("link", "href"), ("script", "src"), ("img", "src"),
               ("source", "src"), ("iframe", "src"), ("form", "action"), ("area", "href")}

    def __init__(self, text):
        super().__init__(convert_charrefs=True)
        self.ids, self.links, self.rels, self.meta, self.scripts = set(), [], [], {}, []
        self._script = None
        self.feed(text)
        self.close()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.ids.add(a["name"])
        for key, value in attrs:
            if (tag, key) in self.LINKING and value is not None:
                self.links.append((tag, key, value))
        if tag == "link":
            self.rels.append((a.get("rel", ""), a.get("href")))
        if tag == "meta":
            name = a.get("property") or a.get("name")
            if name:
                self.meta.setdefault(name, []).append(a.get("content"))
        if tag == "script":
            self._script = [a.get("type", ""), a.get("id"), ""]

    def handle_data(self, data):
        if self._script is not None:
            self._script[2] += data

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append(tuple(self._script))
            self._script = None


def pages_of(site):
    return {p.relative_to(site).as_posix(): p for p in sorted(site.rglob("*.html"))}


def search_payload(text, call):
    """The JSON argument(s) of `BriefingSearch.<call>(…);` in a search index file."""
    m = re.fullmatch(r"BriefingSearch\.%s\((.*)\);\n" % call, text, re.S)
    assert m, text[:200]
    return json.loads("[" + m.group(1) + "]")


# ---------------------------------------------------------------- sites


@pytest.fixture(scope="session")
def www(tmp_path_factory):
    """The example site built without a base URL into www/briefings/ (served as the root, as a
    subpath of www/, and opened from disk)."""
    root = tmp_path_factory.mktemp("www")
    build(REPO, root / SUBPATH)
    return root


@pytest.fixture(scope="session")
def plain_site(www):
    return www / SUBPATH


@pytest.fixture(scope="session")
def published(tmp_path_factory):
    """The example site built with --base-url into www/briefings/."""
    root = tmp_path_factory.mktemp("published")
    build(REPO, root / SUBPATH, "--base-url", BASE)
    return root


@pytest.fixture(scope="session")
def published_site(published):
    return published / SUBPATH


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _serve(directory):
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="session")
def servers(www, published):
    """Static servers on 127.0.0.1: each site at the root of one, and each site's parent
    folder (so the site is at /briefings/)."""
    started = {"plain": _serve(www), "published": _serve(published),
               "plain-root": _serve(www / SUBPATH), "published-root": _serve(published / SUBPATH)}
    yield {k: f"http://127.0.0.1:{s.server_address[1]}/" for k, s in started.items()}
    for s in started.values():
        s.shutdown()
        s.server_close()


def _location(mode, which, servers, www, published):
    """The URL prefix of the site, under which every internal URL must stay."""
    if mode == "file":
        return ((www if which == "plain" else published) / SUBPATH).resolve().as_uri() + "/"
    if mode == "subpath":
        return servers[which] + SUBPATH + "/"
    return servers[which + "-root"]


# ---------------------------------------------------------------- fetching as a browser would


def fetch(url):
    """The bytes at url as a browser would get them, or None when it would fail. From file://
    a folder is not a page (a browser shows a listing, not index.html)."""
    parts = urlsplit(url)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
        return path.read_bytes() if path.is_file() else None
    try:
        with urllib.request.urlopen(url.split("#")[0], timeout=10) as response:
            return response.read()
    except urllib.error.URLError:
        return None


class Crawler:
    def __init__(self, prefix):
        self.prefix = prefix
        self.pages = {}      # url (no fragment) -> Page, for HTML
        self.bodies = {}     # url -> bytes or None
        self.broken = []     # (from, link, reason)
        self.anchors = []    # (from, link, target url, fragment)

    def get(self, url):
        if url not in self.bodies:
            self.bodies[url] = fetch(url)
        return self.bodies[url]

    def page(self, url):
        if url not in self.pages:
            body = self.get(url)
            self.pages[url] = Page(body.decode("utf-8")) if body is not None else None
        return self.pages[url]

    def internal(self, url):
        parts, site = urlsplit(url), urlsplit(self.prefix)
        return (parts.scheme, parts.netloc) == (site.scheme, site.netloc)

    def check(self, source, link, url):
        """Follows one link from source; returns the target without fragment if it is a page."""
        if not self.internal(url):
            return None
        target, _, fragment = url.partition("#")
        target = target.split("?")[0]
        if not target.startswith(self.prefix):
            self.broken.append((source, link, "leaves the site: " + target))
            return None
        if self.get(target) is None:
            self.broken.append((source, link, "not found: " + target))
            return None
        if fragment:
            self.anchors.append((source, link, target, unquote(fragment)))
        return target if target.endswith(".html") else None

    def crawl(self, starts):
        queue, seen = list(starts), set(starts)
        while queue:
            url = queue.pop()
            page = self.page(url)
            if page is None:
                self.broken.append(("(start)", url, "not found"))
                continue
            for tag, attr, link in page.links:
                resolved = urljoin(url, link)
                if urlsplit(resolved).scheme not in ("http", "https", "file"):
                    continue  # mailto:, javascript: (none expected), data:
                target = self.check(url, link, resolved)
                if target and target not in seen:
                    seen.add(target)
                    queue.append(target)
        for source, link, target, fragment in self.anchors:
            page = self.page(target)
            if page is not None and target.endswith(".html") and fragment not in page.ids:
                self.broken.append((source, link, "no such anchor #" + fragment))
        return seen

    def check_search_index(self):
        """search.js loads `meta.js`, then `terms/<shard>.js` and `docs/<n>.js` beside the
        search page; each result links to `../<url>#<anchor>`."""
        search = self.prefix + "search/index.html"
        meta_body = self.get(urljoin(search, "meta.js"))
        assert meta_body is not None, "search/meta.js is missing"
        (meta,) = search_payload(meta_body.decode(), "meta")
        assert meta["documentCount"] > 0 and meta["shards"]
        for key in meta["shards"]:
            body = self.get(urljoin(search, f"terms/{key}.js"))
            if body is None:
                self.broken.append((search, f"terms/{key}.js", "shard named in meta.js missing"))
                continue
            name, terms = search_payload(body.decode(), "terms")
            assert name == key and terms
        chunks = -(-meta["documentCount"] // meta["chunkSize"])
        documents = 0
        for n in range(chunks):
            body = self.get(urljoin(search, f"docs/{n}.js"))
            if body is None:
                self.broken.append((search, f"docs/{n}.js", "document chunk missing"))
                continue
            number, docs = search_payload(body.decode(), "docs")
            assert number == n
            documents += len(docs)
            for doc in docs:
                anchors = {a for a, _ in doc["paragraphs"]}
                for anchor in sorted(anchors) or [""]:
                    link = "../" + doc["url"] + ("#" + anchor if anchor else "")
                    target = self.check(search, link, urljoin(search, link))
                    if target is None and not any(b[1] == link for b in self.broken):
                        self.broken.append((search, link, "search result is not a page"))
        assert documents == meta["documentCount"]
        for source, link, target, fragment in self.anchors:
            page = self.page(target)
            if page is not None and fragment not in page.ids and (source, link, "no such anchor #" + fragment) not in self.broken:
                self.broken.append((source, link, "no such anchor #" + fragment))


# ---------------------------------------------------------------- 1. portable links


@pytest.mark.parametrize("which", ["plain", "published"])
@pytest.mark.parametrize("mode", ["root", "subpath", "file"])
def test_no_broken_links(mode, which, servers, www, published):
    prefix = _location(mode, which, servers, www, published)
    site = (www if which == "plain" else published) / SUBPATH
    crawler = Crawler(prefix)
    # start from the home page, plus every page on disk so that orphans are checked too
    starts = [prefix + rel for rel in pages_of(site)]
    reached = crawler.crawl([prefix + "index.html"])
    crawler.crawl(starts)
    crawler.check_search_index()
    report = "\n".join(f"{s[len(prefix):]}: {l} ({r})" for s, l, r in crawler.broken[:40])
    assert not crawler.broken, f"{len(crawler.broken)} broken links from {prefix}:\n{report}"
    # the home page reaches every page but 404.html (and the search page, linked from the nav)
    unreached = {prefix + rel for rel in pages_of(site)} - reached - {prefix + "404.html"}
    assert not unreached, sorted(unreached)[:10]
    assert len(crawler.bodies) > 100


def test_404_page_works_at_any_depth(published_site):
    """A host serves 404.html's bytes at the missing address, e.g. /briefings/no/such/page."""
    missing = BASE + "no/such/page"
    page = Page((published_site / "404.html").read_text())
    broken = []
    for tag, attr, link in page.links:
        url = urljoin(missing, link).split("#")[0]
        if url.startswith(BASE) and url != missing:
            rel = url[len(BASE):]
            if not (published_site / (rel + "index.html" if rel.endswith("/") or not rel else rel)).is_file():
                broken.append(link)
    assert not broken, broken


def test_links_are_relative(plain_site):
    """No internal link is root-relative (it would break under a subpath and from disk)."""
    bad = []
    for rel, path in pages_of(plain_site).items():
        for tag, attr, link in Page(path.read_text()).links:
            if link.startswith("/") and not link.startswith("//"):
                bad.append((rel, link))
    assert not bad, bad[:10]


# ---------------------------------------------------------------- 2. feed, sitemap, robots


def test_feed_parses_with_feedparser(published_site):
    feed = feedparser.parse((published_site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.title and feed.feed.id == BASE and feed.feed.updated
    assert any(l.rel == "self" and l.href == BASE + "feed.xml" for l in feed.feed.links)
    assert feed.entries
    for entry in feed.entries:
        assert entry.title and entry.link and entry.id and entry.updated
        assert entry.link.startswith(BASE) and entry.id.startswith(BASE)
        page = published_site / (entry.link[len(BASE):] + "index.html")
        assert page.is_file(), entry.link
        assert entry.title in page.read_text()
    dates = [e.updated_parsed for e in feed.entries]
    assert dates == sorted(dates, reverse=True), "entries newest first"


RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")


def test_feed_has_rfc4287_required_elements(published_site):
    root = ET.parse(published_site / "feed.xml").getroot()
    assert root.tag == ATOM + "feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(ATOM + name)) == 1, f"feed needs exactly one atom:{name}"
    assert RFC3339.match(root.find(ATOM + "updated").text)
    entries = root.findall(ATOM + "entry")
    assert entries
    feed_author = root.findall(ATOM + "author")
    for entry in entries:
        for name in ("id", "title", "updated"):
            assert len(entry.findall(ATOM + name)) == 1, f"entry needs exactly one atom:{name}"
            assert (entry.find(ATOM + name).text or "").strip()
        assert RFC3339.match(entry.find(ATOM + "updated").text)
        assert feed_author or entry.findall(ATOM + "author"), "an author at feed or entry level"
        alternate = [l for l in entry.findall(ATOM + "link") if l.get("rel", "alternate") == "alternate"]
        assert entry.find(ATOM + "content") is not None or alternate, "entry needs content or link rel=alternate"
        assert len({l.get("type") for l in alternate}) == len(alternate)
    ids = [e.find(ATOM + "id").text for e in entries]
    assert len(ids) == len(set(ids))


def test_sitemap_lists_every_page(published_site):
    root = ET.parse(published_site / "sitemap.xml").getroot()
    assert root.tag == SITEMAP + "urlset"
    locs = [u.find(SITEMAP + "loc").text for u in root.findall(SITEMAP + "url")]
    assert len(locs) == len(set(locs))
    listed = set()
    for loc in locs:
        assert loc.startswith(BASE), loc
        rel = loc[len(BASE):]
        rel = rel + "index.html" if rel == "" or rel.endswith("/") else rel
        assert (published_site / rel).is_file(), loc
        listed.add(rel)
    for lastmod in root.iter(SITEMAP + "lastmod"):
        assert re.match(r"^\d{4}-\d{2}-\d{2}", lastmod.text)
    expected = set(pages_of(published_site)) - {"404.html"}
    assert listed == expected, sorted(expected ^ listed)[:10]


def test_robots_txt(published_site, plain_site):
    lines = (published_site / "robots.txt").read_text().splitlines()
    assert "User-agent: *" in lines
    assert f"Sitemap: {BASE}sitemap.xml" in lines
    plain = (plain_site / "robots.txt").read_text()
    assert "User-agent: *" in plain and "Sitemap:" not in plain
    # without a base URL there is nothing absolute to write
    assert not (plain_site / "feed.xml").exists() and not (plain_site / "sitemap.xml").exists()
    assert not any('rel="canonical"' in p.read_text() for p in pages_of(plain_site).values())


def test_canonical_links_and_open_graph(published_site):
    for rel, path in pages_of(published_site).items():
        page = Page(path.read_text())
        canonical = [href for r, href in page.rels if r == "canonical"]
        if rel == "404.html":
            continue
        pretty = rel[: -len("index.html")] if rel.endswith("index.html") else rel
        assert canonical == [BASE + pretty], (rel, canonical)
        assert page.meta.get("og:url") == canonical, rel
        for name in ("og:title", "og:type", "og:site_name", "twitter:card"):
            assert len(page.meta.get(name, [])) == 1 and page.meta[name][0], (rel, name)
        assert page.meta.get("og:description", [""])[0], (rel, "og:description")
        if rel.startswith("briefings/"):
            assert page.meta["og:type"] == ["article"], rel
        feeds = [href for r, href in page.rels if r == "alternate"]
        assert feeds and urljoin("https://x/" + rel, feeds[0]) == "https://x/feed.xml", rel


# ---------------------------------------------------------------- 2. JSON-LD


def _offline_loader(url, options=None):
    if url.rstrip("/") not in ("https://schema.org", "http://schema.org"):
        raise AssertionError(f"JSON-LD asked for a remote document: {url}")
    return {"contentType": "application/ld+json", "contextUrl": None, "documentUrl": url,
            "document": {"@context": {"@vocab": SCHEMA}}}


def json_ld(page):
    blocks = [text for kind, _, text in page.scripts if kind == "application/ld+json"]
    assert len(blocks) == 1, f"{len(blocks)} JSON-LD blocks"
    data = json.loads(blocks[0])
    expanded = jsonld.expand(data, {"documentLoader": _offline_loader})
    assert len(expanded) == 1
    return data, expanded[0]


def _values(node, prop):
    return node.get(SCHEMA + prop, [])


def test_json_ld_on_every_page(published_site):
    graph = json.loads((published_site / "graph.json").read_text())
    kinds = {e["url"]: e["kind"] for e in graph["entities"]}
    seen_types = set()
    for rel, path in pages_of(published_site).items():
        data, node = json_ld(Page(path.read_text()))
        assert data["@context"] in ("https://schema.org", "https://schema.org/"), rel
        types = [t.replace(SCHEMA, "") for t in node["@type"]]
        seen_types.update(types)
        assert _values(node, "name") or _values(node, "headline"), rel
        if rel.startswith("briefings/"):
            assert types == ["Article"], (rel, types)
            for prop in ("headline", "author", "publisher", "datePublished", "mentions"):
                assert _values(node, prop), (rel, prop)
            author = _values(node, "author")[0]
            assert author["@type"] == [SCHEMA + "Person"] and _values(author, "name")
            publisher = _values(node, "publisher")[0]
            assert publisher["@type"][0] in (SCHEMA + "Organization", SCHEMA + "Person")
            assert re.match(r"^\d{4}-\d{2}-\d{2}", _values(node, "datePublished")[0]["@value"])
            for mention in _values(node, "mentions"):
                url = _values(mention, "url")[0]
                url = url.get("@id") or url.get("@value")
                assert url.startswith(BASE) and (published_site / url[len(BASE):] / "index.html").is_file(), url
        elif rel in kinds:
            assert types == [ENTITY_TYPES[kinds[rel]]], (rel, types)
        urls = [u.get("@id") or u.get("@value") for u in _values(node, "url")]
        assert urls and urls[0].startswith(BASE), rel
    assert {"Article", "Person", "Organization", "Place", "Country", "Event", "Legislation"} <= seen_types, seen_types


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory):
    """A site whose every free text field carries script-ending markup, quotes and ampersands."""
    root = tmp_path_factory.mktemp("hostile")
    content = root / "Content"
    (content / "briefings").mkdir(parents=True)
    (content / "entities").mkdir()
    q = json.dumps  # a JSON string is a valid YAML double-quoted scalar
    (content / "site.yml").write_text(
        f"title: {q('Site ' + HOSTILE)}\ndescription: {q('About ' + HOSTILE)}\nlanguage: en\nauthor: {q('Desk ' + HOSTILE)}\n")
    (content / "entities" / "villain.md").write_text(
        f"---\nname: {q('Villain ' + HOSTILE)}\nkind: person\naliases: [{q('Alias ' + HOSTILE)}, Vil]\n"
        f"role: {q('Role ' + HOSTILE)}\n---\nA person who likes & and \"quotes\".\n")
    (content / "entities" / "acme.md").write_text(
        f"---\nname: {q('Acme ' + HOSTILE)}\nkind: organization\naliases: [Acme]\n---\nA firm.\n")
    (content / "briefings" / "attack.md").write_text(
        f"---\ntitle: {q('Title ' + HOSTILE)}\nauthor: {q('Author ' + HOSTILE)}\ndate: 2025-03-31\n"
        f"publisher: {q('Publisher ' + HOSTILE)}\nsummary: {q('Summary ' + HOSTILE)}\ntags: [{q('Tag ' + HOSTILE)}]\n---\n"
        "[[villain|The villain]] met [[Acme]] on [[2025-03-13|March 13]] & said “hello”.\n\n"
        "Text with </script><script>alert(1)</script> in it.\n")
    return build(root, root / "Output", "--base-url", BASE)


def test_hostile_text_stays_inside_script_elements(hostile_site):
    pages = pages_of(hostile_site)
    assert "briefings/attack/index.html" in pages and "entities/villain/index.html" in pages
    for rel, path in pages.items():
        text = path.read_text()
        opened = len(re.findall(r"<script\b", text, re.I))
        closed = len(re.findall(r"</script", text, re.I))
        assert opened == closed, f"{rel}: {opened} <script> but {closed} </script>"
        page = Page(text)
        assert len(page.scripts) == opened, rel
        assert "alert(1)" not in "".join(s for t, _, s in page.scripts if t in ("", "text/javascript", "module"))
        data, node = json_ld(page)
        for kind, ident, body in page.scripts:
            if kind in ("application/ld+json", "application/json"):
                json.loads(body)
        if rel == "briefings/attack/index.html":
            assert data["headline"] == "Title " + HOSTILE
            assert data["author"]["name"] == "Author " + HOSTILE
            assert data["publisher"]["name"] == "Publisher " + HOSTILE
            assert data["description"] == "Summary " + HOSTILE
            assert "Villain " + HOSTILE in [m["name"] for m in data["mentions"]]
            previews = [json.loads(b) for k, i, b in page.scripts if i == "entity-previews"]
            assert previews and previews[0]["villain"]["name"] == "Villain " + HOSTILE
            assert previews[0]["villain"]["role"] == "Role " + HOSTILE
            assert page.meta["og:title"] == ["Title " + HOSTILE]
        if rel == "entities/villain/index.html":
            assert data["name"] == "Villain " + HOSTILE
            assert "Alias " + HOSTILE in data["alternateName"]
            assert data["jobTitle"] == "Role " + HOSTILE
    feed = feedparser.parse((hostile_site / "feed.xml").read_bytes())
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert feed.entries[0].title == "Title " + HOSTILE
    ET.parse(hostile_site / "sitemap.xml")
    graph = json.loads((hostile_site / "graph.json").read_text())
    assert {"Villain " + HOSTILE} <= {e["name"] for e in graph["entities"]}
    # the search index files are scripts too: their JSON survives, nothing ends a line in them
    docs = []
    for chunk in (hostile_site / "search" / "docs").glob("*.js"):
        text = chunk.read_text()
        assert "\u2028" not in text and "<" not in text
        docs += search_payload(text, "docs")[1]
    assert "Title " + HOSTILE in {d["title"] for d in docs}
    assert "Villain " + HOSTILE in {d["title"] for d in docs}


# ---------------------------------------------------------------- 3. graph.json, timeline.json


@pytest.fixture(scope="session")
def graph(plain_site):
    return json.loads((plain_site / "graph.json").read_text())


def test_graph_json_matches_schema(graph):
    schema = json.loads((REPO / "Docs" / "graph.schema.json").read_text())
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(graph))
    assert not errors, "\n".join(f"{e.json_path}: {e.message}" for e in errors[:10])
    # the schema is strict enough to catch a wrong field
    broken = json.loads(json.dumps(graph))
    broken["mentions"][0]["start"] = "0"
    del broken["entities"][0]["kind"]
    assert len(list(jsonschema.Draft202012Validator(schema).iter_errors(broken))) == 2
    # the README shows the same schema
    readme = (REPO / "README.md").read_text()
    shown = re.search(r"## graph\.json\n.*?```json\n(.*?)```", readme, re.S)
    assert shown and json.loads(shown.group(1)) == schema, "README's graph.json schema differs from Docs/graph.schema.json"


def test_graph_json_is_consistent(graph, plain_site):
    assert graph["entities"] and graph["mentions"] and graph["events"] and graph["quotes"] \
        and graph["relations"] and graph["briefings"]
    ids = {e["id"] for e in graph["entities"]}
    assert len(ids) == len(graph["entities"])
    ids_of = {}

    def anchors(doc):
        if doc not in ids_of:
            ids_of[doc] = Page((plain_site / doc).read_text()).ids
        return ids_of[doc]

    # the plain text of each block, from the search index (anchor → texts of its blocks:
    # a paragraph and the annotations attached to it share its anchor)
    blocks = {}
    for chunk in sorted((plain_site / "search" / "docs").glob("*.js")):
        for doc in search_payload(chunk.read_text(), "docs")[1]:
            for anchor, text in doc["paragraphs"]:
                blocks.setdefault((doc["url"], anchor), []).append(text)
    for m in graph["mentions"]:
        assert m["entity"] in ids and m["paragraph"] in anchors(m["document"]), m
        assert 0 <= m["start"] < m["end"], m
        texts = blocks.get((m["document"], m["paragraph"]), [])
        assert any(t[m["start"]:m["end"]] == m["text"] for t in texts), m
    event_ids = [e["id"] for e in graph["events"]]
    assert len(event_ids) == len(set(event_ids))
    # the timeline has a page per year (and per page of a long year)
    timeline = set().union(*(Page(p.read_text()).ids for p in (plain_site / "timeline").rglob("index.html")))
    for e in graph["events"]:
        assert set(e["entities"]) <= ids and e["id"] in timeline, e
        assert "paragraph" not in e or e["paragraph"] in anchors(e["document"]), e
    for q in graph["quotes"]:
        assert q["speaker"] in ids and q["paragraph"] in anchors(q["document"]), q
    for r in graph["relations"]:
        assert r["source"] in ids and r["target"] in ids and r["source"] < r["target"], r
    for b in graph["briefings"]:
        assert (plain_site / b["url"]).is_file()
    for e in graph["entities"]:
        assert (plain_site / e["url"]).is_file()


def test_timeline_json_has_timelinejs_shape(graph, plain_site):
    timeline = json.loads((plain_site / "timeline.json").read_text())
    assert timeline["title"]["text"]["headline"]
    events = timeline["events"]
    assert events and len(events) <= len(graph["events"])
    assert len(events) >= len(graph["events"]) - 5
    ids = [e["unique_id"] for e in events]
    assert len(ids) == len(set(ids))
    for e in events:
        assert re.fullmatch(r"-?\d+", str(e["start_date"]["year"])), e
        for part in ("start_date", "end_date"):
            if part in e:
                d = e[part]
                assert 1 <= int(d.get("month", 1)) <= 12 and 1 <= int(d.get("day", 1)) <= 31, e
        assert e["text"]["headline"] and e["text"]["text"], e
        if "end_date" in e:
            start = tuple(int(e["start_date"].get(k, 1)) for k in ("year", "month", "day"))
            end = tuple(int(e["end_date"].get(k, 1)) for k in ("year", "month", "day"))
            assert start <= end, e


# ---------------------------------------------------------------- 4. search in a browser


@pytest.fixture(scope="module")
def chrome():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    def make(javascript):
        options = Options()
        options.binary_location = CHROMIUM
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1280,900", "--disable-extensions", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync"):
            options.add_argument(arg)
        if not javascript:
            options.add_experimental_option(
                "prefs", {"profile.managed_default_content_settings.javascript": 2})
        d = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        d.set_page_load_timeout(30)
        return d

    drivers = {"js": make(True), "nojs": make(False)}
    yield drivers
    for d in drivers.values():
        d.quit()


def _search_url(mode, servers, plain_site):
    if mode == "file":
        return plain_site.resolve().as_uri() + "/search/index.html"
    return servers["plain"] + SUBPATH + "/search/index.html"


@pytest.mark.parametrize("mode", ["http", "file"])
@pytest.mark.parametrize("query", ["Tamar", "Aliyev"])
def test_search_finds_highlighted_results(chrome, servers, plain_site, mode, query):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    d = chrome["js"]
    d.get(_search_url(mode, servers, plain_site))
    form = d.find_element(By.CSS_SELECTOR, "form.search-form")
    assert form.is_displayed()
    assert not d.find_element(By.ID, "search-fallback").is_displayed()
    box = d.find_element(By.ID, "search-query")
    box.clear()
    box.send_keys(query)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(d, 10).until(lambda x: x.find_elements(By.CSS_SELECTOR, "#search-results li.search-result"))
    assert f"q={query}" in d.current_url
    results = d.find_elements(By.CSS_SELECTOR, "#search-results li.search-result")
    status = d.find_element(By.ID, "search-status").text
    assert str(len(results)) in status and query in status
    marks = [m.text for m in d.find_elements(By.CSS_SELECTOR, "#search-results mark")]
    assert marks and all(query.lower() in m.lower() for m in marks), marks
    snippets = d.find_elements(By.CSS_SELECTOR, "#search-results .search-result-snippet mark")
    assert snippets, "no snippet has a highlighted word"
    hrefs = [a.get_attribute("href") for a in d.find_elements(By.CSS_SELECTOR, "a.search-result-title")]
    assert len(hrefs) == len(results)
    for href in hrefs:
        body = fetch(href)
        assert body is not None, href
        fragment = urlsplit(href).fragment
        if fragment:
            assert unquote(fragment) in Page(body.decode()).ids, href
    # the first result opens its page, on the paragraph where the word is
    first = d.find_element(By.CSS_SELECTOR, "a.search-result-title")
    target = first.get_attribute("href")
    first.click()
    WebDriverWait(d, 10).until(lambda x: x.current_url.split("#")[0] == target.split("#")[0])
    assert query.lower() in d.find_element(By.TAG_NAME, "main").text.lower()
    # ?q= in the address runs the search on load too
    d.get(_search_url(mode, servers, plain_site) + "?q=" + query.lower())
    WebDriverWait(d, 10).until(lambda x: len(x.find_elements(By.CSS_SELECTOR, "li.search-result")) == len(results))


def test_search_without_javascript_shows_fallback(chrome, servers, plain_site):
    from selenium.webdriver.common.by import By

    d = chrome["nojs"]
    for mode in ("http", "file"):
        d.get(_search_url(mode, servers, plain_site))
        fallback = d.find_element(By.ID, "search-fallback")
        assert fallback.is_displayed()
        assert not d.find_element(By.CSS_SELECTOR, "form.search-form").is_displayed()
        hrefs = [a.get_attribute("href") for a in fallback.find_elements(By.TAG_NAME, "a")]
        assert any(h.endswith("/entities/index.html") for h in hrefs), hrefs
        assert any(h.endswith("/timeline/index.html") for h in hrefs), hrefs
        assert all(fetch(h) is not None for h in hrefs), hrefs


# ---------------------------------------------------------------- 5. drafts and future dates


@pytest.fixture(scope="session")
def dated_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("dated")
    shutil.copytree(REPO / "Tests" / "Fixtures" / "minimal" / "Content", root / "Content")
    future = datetime.date.today() + datetime.timedelta(days=400)
    (root / "Content" / "briefings" / "future-plan.md").write_text(
        f"---\ntitle: Plan From Tomorrow\nauthor: A. Writer\ndate: {future.isoformat()}\n"
        "summary: Not yet published.\n---\n"
        f"[[israel]] and [[azerbaijan]] will meet on [[{future.isoformat()}|that day]].\n")
    return root


DRAFT, FUTURE = ("draft-note", "Not Ready"), ("future-plan", "Plan From Tomorrow")


@pytest.mark.parametrize("flags,included", [
    ((), ()),
    (("--drafts",), (DRAFT,)),
    (("--future",), (FUTURE,)),
    (("--drafts", "--future"), (DRAFT, FUTURE)),
])
def test_drafts_and_future_briefings(dated_site, tmp_path, flags, included):
    out = build(dated_site, tmp_path / "out", "--base-url", BASE, *flags)
    assert (out / "briefings" / "gas-deal" / "index.html").is_file()
    everything = "\n".join(p.read_text(errors="replace") for p in out.rglob("*") if p.is_file())
    graph = json.loads((out / "graph.json").read_text())
    briefings = {b["id"] for b in graph["briefings"]}
    feed_titles = {e.title for e in feedparser.parse((out / "feed.xml").read_bytes()).entries}
    for slug, title in (DRAFT, FUTURE):
        page = out / "briefings" / slug / "index.html"
        wanted = (slug, title) in included
        assert page.is_file() == wanted, (slug, flags)
        assert (slug in briefings) == wanted, (slug, flags)
        assert (title in feed_titles) == wanted, (slug, flags)
        assert (f"briefings/{slug}/" in (out / "sitemap.xml").read_text()) == wanted
        assert (title in (out / "index.html").read_text()) == wanted
        # left out means left out everywhere: search index, timeline, entity pages, graph
        assert (title in everything) == wanted, (slug, flags)
        assert any(e["document"] == f"briefings/{slug}/index.html" for e in graph["mentions"]) == wanted
