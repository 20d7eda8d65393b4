"""Import round trip (issue 18, findings 2, 14 and 15), as a user runs it: `briefing init`, then
`briefing import` of articles in several styles and scripts (Tests/Fixtures/import: a news wire
piece, a think-tank analysis with numbered paragraphs, Russian, Chinese and Arabic articles,
plus one line of every Markdown, GFM and Briefing syntax and control characters), then
`briefing build`; the built briefing page, read back as text with html.parser, holds every
paragraph of the article exactly. Also several imports into one site with a build after each,
`import --update` after an editor's deletion, names that never collide or hide, dates that are
never silently today, and backslash escapes in hand-written Markdown.

    BRIEFING_BIN=.build/debug/briefing /work/main/.venv/bin/python -m pytest Tests/Hostile/test_import_roundtrip.py -q
"""

import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BIN = (REPO / os.environ.get("BRIEFING_BIN", ".build/debug/briefing")).resolve()
ARTICLES = REPO / "Tests" / "Fixtures" / "import"
SEED = REPO / "Tests" / "Fixtures" / "eval" / "seed.txt"
# Lines the importer drops as page furniture (ArticleStructure.noise).
NOISE = {"Share", "Advertisement"}
DIAGNOSTIC = re.compile(r"^\S[^\n]*:\d+:\d+: (error|warning): ", re.M)
CRASH = re.compile(r"Fatal error|Stack dump|Segmentation fault|Illegal instruction|Current stack trace", re.I)

# One line each of what Markdown, GFM or Briefing would read as syntax, and control characters.
HOSTILE_LINES = [
    "Text with [^1] and [[Israel]] and [[x|y]] and \\[[z]] and [!NOTE] inside.",
    "Entities &amp; &#38; &#x26; &copy; and AT&T and &; stay as typed.",
    "*stars* and **strong** and _under_ and __double__ and snake_case_name.",
    "<b>bold</b> and <script>alert(1)</script> and <http://example.org> and a < b > c.",
    "1. This paragraph starts like a list item.",
    "2) So does this one.",
    "# Not a heading at all.",
    "> Not a quote.",
    "- Not a list.",
    "+ Not a list either.",
    "* Not a list with a star.",
    "***",
    "```swift",
    "~~~",
    "~~struck~~ and ~single~ tildes.",
    "`code` and ``double `ticks` `` here.",
    "| a | b | c |",
    "Back\\slash \\* and \\[ already written, and a trailing one\\",
    "[link](http://example.org) and ![image](x.png) and [ref][1] and <mail@example.org>.",
    "[1]: http://example.org",
    "[^note]: Looks like a definition.",
    "www.example.org/a_b and https://example.org/path_(x) too.",
    "Closing hashes at the end ##",
    "- [ ] a task",
    "A line\twith a tab and a NUL \x00 and an escape \x1b in it.",
    "100. Numbered paragraph of a think-tank report.",
]


def run(args, timeout=120):
    return subprocess.run([str(BIN), *map(str, args)], capture_output=True, text=True, timeout=timeout)


def ok(proc):
    assert proc.returncode == 0 and not CRASH.search(proc.stdout + proc.stderr), proc.stdout + proc.stderr
    return proc


class ArticleText(HTMLParser):
    """The text of a page's <article>, one line per block element, without the sidenotes
    (the annotations the importer adds)."""

    BLOCKS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "figure", "div", "header",
              "section", "footer", "nav", "ul", "ol", "table", "tr", "td", "th", "br", "hr", "aside", "dl", "dt", "dd"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0          # inside <article>
        self.skip = []          # stack: whether each open element is skipped
        self.text = []

    def handle_starttag(self, tag, attrs):
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article":
            self.depth += 1
        if tag in ("br", "hr", "input", "img", "meta", "link"):
            if self.depth and not (self.skip and self.skip[-1]) and tag in ("br", "hr"):
                self.text.append("\n")
            return
        self.skip.append(bool(self.skip and self.skip[-1]) or "annotation" in classes or tag in ("script", "style"))
        if self.depth and tag in self.BLOCKS and not self.skip[-1]:
            self.text.append("\n")

    def handle_endtag(self, tag):
        if tag in ("br", "hr", "input", "img", "meta", "link"):
            return
        skipped = self.skip.pop() if self.skip else False
        if self.depth and tag in self.BLOCKS and not skipped:
            self.text.append("\n")
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth and not (self.skip and self.skip[-1]):
            self.text.append(data)


def page_lines(path):
    parser = ArticleText()
    parser.feed(Path(path).read_text(encoding="utf-8"))
    return [line.strip(" \n") for line in "".join(parser.text).split("\n") if line.strip(" \n")]


def article_lines(text):
    """The article's paragraphs as the reader should see them: every line after the title,
    byline and date, noise dropped, control characters as U+FFFD."""
    lines = [line.strip() for line in re.split(r"\r\n|\r|\n", text)]
    body = [line for line in lines[3:] if line and line not in NOISE]
    return [re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", "\ufffd", line) for line in body]


def fresh_site(tmp_path, name="site"):
    site = tmp_path / name
    ok(run(["init", site]))
    return site


def imported(site, article, *flags):
    """Imports `article` into `site`; returns the briefing file it created."""
    before = set((site / "Content" / "briefings").iterdir())
    proc = ok(run(["import", article, "--site", site, *flags]))
    created = set((site / "Content" / "briefings").iterdir()) - before
    assert len(created) == 1, (created, proc.stdout, proc.stderr)
    briefing = created.pop()
    assert not briefing.name.startswith(".") and briefing.name != ".md" and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.md", briefing.name), briefing.name
    assert len(briefing.stem) <= 80
    return briefing


def built(site):
    proc = ok(run(["build", site]))
    # Nothing the importer wrote gives a diagnostic (no "looks like a reference", no unknown target).
    assert "Content/briefings/" not in proc.stdout + proc.stderr, proc.stdout + proc.stderr
    return site / "Output"


def assert_round_trip(site, briefing, text):
    lines = page_lines(site / "Output" / "briefings" / briefing.stem / "index.html")
    title = re.split(r"\r\n|\r|\n", text)[0].strip()
    assert title in lines, (title, lines[:5])
    missing = [line for line in article_lines(text) if line not in lines]
    assert not missing, f"{briefing.name}: {len(missing)} paragraphs not shown exactly, e.g. {missing[:3]}\npage: {lines}"


def hostile_article(tmp_path):
    path = tmp_path / "hostile.txt"
    path.write_bytes(("Hostile Text in [[Brackets]] & <Tags>\nBy 李明\nMarch 31, 2025\n"
                      + "\n".join(HOSTILE_LINES) + "\r\nA Windows line.\r\nAn old Mac line.\rAnd the last one.\n").encode())
    return path


def all_articles(tmp_path):
    return sorted(ARTICLES.glob("*.txt")) + [hostile_article(tmp_path)]


def test_each_article_round_trips_into_a_fresh_site(tmp_path):
    for article in all_articles(tmp_path):
        site = fresh_site(tmp_path, article.stem)
        briefing = imported(site, article)
        built(site)
        assert_round_trip(site, briefing, article.read_bytes().decode())


def test_articles_imported_one_after_another_build_after_each(tmp_path):
    site = fresh_site(tmp_path)
    done = []
    for article in all_articles(tmp_path):
        done.append((imported(site, article), article.read_bytes().decode()))
        built(site)
        for briefing, text in done:
            assert_round_trip(site, briefing, text)
    names = sorted(p.name for p in (site / "Content" / "briefings").iterdir())
    assert len(names) == len(done) + 1, names  # and init's welcome.md
    assert len({p.name for p in (site / "Content" / "entities").iterdir()}) == len(list((site / "Content" / "entities").iterdir()))


def test_non_latin_titles_get_transliterated_names(tmp_path):
    site = fresh_site(tmp_path)
    names = {article.stem: imported(site, ARTICLES / f"{article.stem}.txt").name
             for article in (ARTICLES / "russian.txt", ARTICLES / "chinese.txt", ARTICLES / "arabic.txt")}
    assert names == {"russian": "moskva-i-baku-obsudili-tranzit-gaza-v-evropu.md",
                     "chinese": "bei-jing-yu-mo-si-ke-qian-shu-neng-yuan-he-zuo-xie-yi.md",
                     "arabic": "atfaq-jdyd-lltaqt-byn-adhrbyjan-wasrayyl.md"}, names
    chinese = (site / "Content" / "briefings" / names["chinese"]).read_text()
    assert '\nauthor: "李明"\n' in chinese and "\ndate: 2025-03-31\n" in chinese, chinese[:300]
    assert "## " not in chinese.split("---\n", 2)[2].split("\n")[0], "the date below the byline is no heading"


def test_another_article_with_the_same_title_is_never_overwritten(tmp_path):
    site = fresh_site(tmp_path)
    first = tmp_path / "first.txt"
    second = tmp_path / "second.txt"
    first.write_text("Морской транзит\nBy Jane Roe\n2025-03-01\nThe first article, about ports in Baku.\n")
    second.write_text("Морской транзит\nBy Jane Roe\n2025-03-02\nThe second article, about something else entirely.\n")
    a = imported(site, first)
    kept = a.read_bytes()
    proc = run(["import", second, "--site", site])
    assert proc.returncode == 0, proc.stderr
    assert "holds another article, so this one goes to Content/briefings/morskoi-tranzit-2.md" in proc.stderr
    assert a.read_bytes() == kept
    again = run(["import", second, "--site", site])
    assert again.returncode == 1 and "Content/briefings/morskoi-tranzit-2.md already exists" in again.stderr, again.stderr
    built(site)


def test_a_date_that_is_no_day_is_never_silently_today(tmp_path):
    site = fresh_site(tmp_path)
    article = tmp_path / "leap.txt"
    article.write_text("Leap Day Talks in Baku\nBy Jane Roe\nFebruary 29, 2025\nAzerbaijan and Israel met in Baku.\n")
    before = sorted(p.name for p in (site / "Content").rglob("*"))
    proc = run(["import", article, "--site", site])
    assert proc.returncode == 1
    assert f"{article}:3:1: error: “February 29, 2025” is not a day of the calendar" in proc.stderr, proc.stderr
    assert sorted(p.name for p in (site / "Content").rglob("*")) == before, "nothing written"
    briefing = imported(site, article, "--date", "2025-02-28")
    assert "\ndate: 2025-02-28\n" in briefing.read_text()
    undated = tmp_path / "undated.txt"
    undated.write_text("Talks Without a Date\nAzerbaijan and Israel met in Baku.\n")
    before = sorted(p.name for p in (site / "Content").rglob("*"))
    proc = run(["import", undated, "--site", site])
    assert proc.returncode == 1
    assert f"{undated}:1:1: error: no publication date found" in proc.stderr and "--date YYYY-MM-DD" in proc.stderr, proc.stderr
    assert sorted(p.name for p in (site / "Content").rglob("*")) == before, "nothing written"


def test_update_never_adds_back_a_deleted_paragraph(tmp_path):
    site = fresh_site(tmp_path)
    wire = ARTICLES / "wire.txt"
    briefing = imported(site, wire)
    text = briefing.read_text()
    deleted = next(block for block in text.split("\n\n") if block.startswith("\\> Analysts in"))
    edited = text.replace(deleted + "\n\n", "")
    briefing.write_text(edited)
    proc = ok(run(["import", wire, "--site", site, "--update"]))
    assert "added" not in proc.stdout and briefing.read_text() == edited, proc.stdout
    longer = tmp_path / "wire-v2.txt"
    longer.write_text(wire.read_text().replace("Copyright 2025", "Shares of SOCAR bonds rose 1.5% in London.\nCopyright 2025"))
    proc = ok(run(["import", longer, "--site", site, "--update"]))
    merged = briefing.read_text()
    assert "bonds rose 1.5% in" in merged and "Analysts in" not in merged, proc.stdout
    built(site)
    lines = page_lines(site / "Output" / "briefings" / briefing.stem / "index.html")
    assert "Shares of SOCAR bonds rose 1.5% in London." in lines
    assert not any(line.startswith("> Analysts in") for line in lines)


def test_seed_into_an_empty_site_builds(tmp_path):
    """What the before-stop check does: the seed into a site with only `title: Check`."""
    site = tmp_path / "check"
    (site / "Content").mkdir(parents=True)
    (site / "Content" / "site.yml").write_text("title: Check\n")
    ok(run(["import", SEED, "--site", site]))
    proc = ok(run(["build", site]))
    assert not DIAGNOSTIC.search(proc.stdout + proc.stderr), proc.stdout + proc.stderr
    ok(run(["import", SEED, "--site", site, "--update"]))


def test_backslash_escapes_cancel_references_and_annotations(tmp_path):
    site = fresh_site(tmp_path)
    (site / "Content" / "briefings" / "escapes.md").write_text(
        "---\ntitle: Escapes\ndate: 2025-03-31\n---\n"
        "Typed as text: \\[[Ada Lovelace]], [\\[Nobody]], \\[^1] and [\\^2]; linked: [[Ada Lovelace]].\n")
    proc = ok(run(["check", site]))
    assert not DIAGNOSTIC.search(proc.stdout + proc.stderr), proc.stdout + proc.stderr
    built(site)
    page = (site / "Output" / "briefings" / "escapes" / "index.html").read_text()
    assert "Typed as text: [[Ada Lovelace]], [[Nobody]], [^1] and [^2]; linked: " in page, page
    assert page.count('href="../../entities/ada-lovelace/index.html"') >= 1
