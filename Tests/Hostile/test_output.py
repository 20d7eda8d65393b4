"""The output folder and the files a build reads (issue #18, findings 1, 10, 16 and 17): run by
`make hostile-test` with the rest of this folder.

- `build` writes only into a folder that is missing, empty (but for kept entries), marked as
  Briefing's (`.briefing-output`) or unmistakably an earlier version's output; anything else,
  a file or a symbolic link is refused with the folder named, and left as it was;
- the user's entries (`CNAME`, `.git`, `.nojekyll`, `keep_in_output:` in site.yml) survive every
  build, a real gh-pages worktree included, and a build killed at each of its renames;
- `serve`'s incremental rebuild is swapped in whole (SIGKILL never leaves a mix of pages and
  search index), and a `build` run meanwhile makes the next rebuild render everything;
- symbolic links out of the site in site.yml, templates and theme static files are located
  errors, never read;
- write errors say what happened (name too long, no space left) and base URLs with a query or
  fragment are refused.
"""

import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from test_hostile import BIN, REPO, _corpus, _outside_world, _traced, crashed, run, tree_hash

MARKER = ".briefing-output"


def minimal_site(root, keep=None):
    site = root / "site"
    shutil.copytree(REPO / "Tests" / "Fixtures" / "minimal" / "Content", site / "Content")
    if keep is not None:
        with open(site / "Content" / "site.yml", "a") as f:
            f.write(f"keep_in_output: [{', '.join(keep)}]\n")
    return site


def built(site, *args):
    proc = run(["build", site, "--quiet", *args])
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def refused(proc, folder):
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and not crashed(proc), out
    assert re.search(rf"^{re.escape(str(folder))}:\d+:\d+: error: refusing to write the site to {re.escape(str(folder))}: ", out, re.M), out
    return out


# ================================================================ 1. what a build may replace


def test_build_refuses_a_folder_it_did_not_write(tmp_path):
    site = minimal_site(tmp_path)
    documents = tmp_path / "Documents" / "v"
    (documents / "photos").mkdir(parents=True)
    (documents / "notes.txt").write_text("mine\n")
    (documents / "photos" / "a.jpg").write_bytes(b"\xff\xd8")
    before = tree_hash(documents)
    out = refused(run(["build", site, "--output", documents]), documents)
    assert "notes.txt" in out and "photos" in out and "--output" in out
    assert tree_hash(documents) == before
    assert not [p for p in documents.parent.iterdir() if p.name.startswith(".v.")]


def test_output_dot_from_another_folder_is_refused(tmp_path):
    site = minimal_site(tmp_path)
    elsewhere = tmp_path / "project"
    elsewhere.mkdir()
    (elsewhere / "thesis.tex").write_text("years of work\n")
    before = tree_hash(elsewhere)
    proc = subprocess.run([str(BIN), "build", str(site), "--output", "."], cwd=elsewhere, capture_output=True, text=True, timeout=60)
    refused(proc, elsewhere)
    assert tree_hash(elsewhere) == before


def test_output_that_is_a_file_is_refused(tmp_path):
    site = minimal_site(tmp_path)
    target = tmp_path / "file.txt"
    target.write_text("a file\n")
    out = refused(run(["build", site, "--output", target]), target)
    assert "is a file" in out
    assert target.is_file() and target.read_text() == "a file\n"


def test_output_that_is_a_symbolic_link_is_refused(tmp_path):
    site = minimal_site(tmp_path)
    real = tmp_path / "real"
    built(site, "--output", real)
    before = tree_hash(real)
    (site / "Output").symlink_to(real)
    out = refused(run(["build", site]), site / "Output")
    assert "symbolic link" in out
    assert (site / "Output").is_symlink() and tree_hash(real) == before


def test_missing_empty_and_own_folders_are_written(tmp_path):
    site = minimal_site(tmp_path)
    built(site, "--output", tmp_path / "new" / "deep" / "out")
    (tmp_path / "empty").mkdir()
    built(site, "--output", tmp_path / "empty")
    assert (tmp_path / "empty" / "index.html").is_file() and (tmp_path / "empty" / MARKER).is_file()
    built(site, "--output", tmp_path / "empty")  # its own folder again


def test_an_earlier_versions_output_is_recognised_only_when_unambiguous(tmp_path):
    site = minimal_site(tmp_path)
    built(site)
    out = site / "Output"
    (out / MARKER).unlink()  # as a version before the marker wrote it
    (out / "CNAME").write_text("example.org\n")
    built(site)
    assert (out / MARKER).is_file() and (out / "CNAME").read_text() == "example.org\n"
    (out / MARKER).unlink()
    (out / "notes.txt").write_text("mine\n")
    refused(run(["build", site]), out)
    assert (out / "notes.txt").read_text() == "mine\n"
    (out / "notes.txt").unlink()
    (out / "graph.json").write_text('{"not": "briefing"}\n')
    refused(run(["build", site]), out)


def test_the_marker_stays_out_of_the_sitemap_and_links(tmp_path):
    site = minimal_site(tmp_path)
    built(site, "--base-url", "https://example.org/")
    out = site / "Output"
    assert MARKER not in (out / "sitemap.xml").read_text()
    assert "keep_in_output" in (out / MARKER).read_text()
    proc = run(["check", site])
    assert proc.returncode == 0, proc.stdout + proc.stderr


# ================================================================ 1. what a build keeps


def _users_entries(out):
    (out / "CNAME").write_text("briefings.example.org\n")
    (out / ".nojekyll").write_text("")
    (out / ".git").mkdir()
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (out / ".git" / "objects").mkdir()
    (out / ".git" / "objects" / "pack").write_bytes(os.urandom(2048))
    (out / "README.md").write_text("# Published site\n")
    (out / "notes.txt").write_text("not listed: a build may remove it\n")


def _kept(out):
    return {name: tree_hash(out / name) if (out / name).is_dir() else (out / name).read_bytes()
            for name in ("CNAME", ".nojekyll", ".git", "README.md") if (out / name).exists() or (out / name).is_symlink()}


def test_kept_entries_survive_builds(tmp_path):
    site = minimal_site(tmp_path, keep=["README.md"])
    built(site)
    out = site / "Output"
    _users_entries(out)
    kept = _kept(out)
    assert len(kept) == 4
    for _ in range(2):
        built(site)
        assert _kept(out) == kept
    assert not (out / "notes.txt").exists(), "only kept entries are the user's"
    fresh = tmp_path / "fresh"
    built(site, "--output", fresh)
    for name in kept:
        shutil.rmtree(out / name) if (out / name).is_dir() else (out / name).unlink()
    assert tree_hash(out) == tree_hash(fresh), "beside kept entries, exactly the site"


def test_an_output_folder_with_only_kept_entries_counts_as_empty(tmp_path):
    site = minimal_site(tmp_path)
    out = site / "Output"
    out.mkdir()
    (out / "CNAME").write_text("example.org\n")
    (out / ".git").write_text("gitdir: /somewhere/.git/worktrees/Output\n")
    built(site)
    assert (out / "CNAME").read_text() == "example.org\n" and (out / ".git").read_text().startswith("gitdir:")
    assert (out / "index.html").is_file()


def test_gh_pages_worktree_in_output_survives_builds(tmp_path):
    if not shutil.which("git"):
        pytest.skip("no git")
    site = minimal_site(tmp_path)
    git = ["git", "-c", "user.name=T", "-c", "user.email=t@example.org", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", str(site)], check=True)
    subprocess.run([*git, "-C", str(site), "add", "Content"], check=True)
    subprocess.run([*git, "-C", str(site), "commit", "-qm", "content"], check=True)
    subprocess.run([*git, "-C", str(site), "worktree", "add", "-q", "--detach", "Output"], check=True, capture_output=True)
    out = site / "Output"
    subprocess.run([*git, "-C", str(out), "checkout", "-q", "--orphan", "gh-pages"], check=True)
    subprocess.run([*git, "-C", str(out), "rm", "-rfq", "."], check=True)
    assert sorted(os.listdir(out)) == [".git"]
    (out / "CNAME").write_text("briefings.example.org\n")
    built(site)
    subprocess.run([*git, "-C", str(out), "add", "-A"], check=True)
    subprocess.run([*git, "-C", str(out), "commit", "-qm", "publish"], check=True)
    (site / "Content" / "pages" / "about.md").write_text("---\ntitle: About us\n---\nChanged.\n")
    built(site)
    status = subprocess.run([*git, "-C", str(out), "status", "--porcelain"], capture_output=True, text=True, check=True).stdout
    assert "pages/about/index.html" in status and "CNAME" not in status and MARKER not in status, status
    log = subprocess.run([*git, "-C", str(out), "log", "--format=%s"], capture_output=True, text=True, check=True).stdout
    assert log.split() == ["publish"] and (out / "CNAME").read_text() == "briefings.example.org\n"


def _strace_works():
    strace = shutil.which("strace")
    return strace and subprocess.run([strace, "-f", "-o", "/dev/null", "true"], capture_output=True).returncode == 0


def test_kept_entries_survive_a_build_killed_at_each_rename(tmp_path):
    """The build's renames are where kept entries move (into the new tree, the exchange, out of
    the old): killed at each, nothing kept is lost, and the next build puts everything back."""
    if not _strace_works():
        pytest.skip("strace cannot trace here")
    site = minimal_site(tmp_path, keep=["README.md"])
    built(site)
    out = site / "Output"
    _users_entries(out)
    (out / "notes.txt").unlink()
    kept = _kept(out)
    (site / "Content" / "pages" / "about.md").write_text("---\ntitle: About us\n---\nChanged.\n")
    for nth in range(1, 9):
        subprocess.run(["strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=rename,renameat,renameat2",
                        "-e", f"inject=rename,renameat,renameat2:signal=KILL:when={nth}", str(BIN), "build", str(site), "--quiet"],
                       capture_output=True, timeout=120)
        # Never lost: each kept entry is in Output/ or in a killed build's staging folder.
        for name in kept:
            places = [p for p in [out, *site.glob(".Output.building-*")] if (p / name).exists()]
            assert len(places) == 1, (nth, name, places)
        built(site)
        assert _kept(out) == kept, f"killed at rename {nth}"
    deadline = time.time() + 20
    while time.time() < deadline and list(site.glob(".Output.*")):
        time.sleep(0.2)
    assert not list(site.glob(".Output.*"))


def test_keep_in_output_is_validated_at_its_line(tmp_path):
    site = minimal_site(tmp_path)
    with open(site / "Content" / "site.yml", "a") as f:
        f.write("keep_in_output:\n  - README.md\n  - ../etc\n  - index.html\n")
    lines = (site / "Content" / "site.yml").read_text().splitlines()
    proc = run(["build", site])
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out
    assert re.search(rf"^Content/site.yml:{lines.index('  - ../etc') + 1}:5: error: keep_in_output: '../etc' is not a name", out, re.M), out
    assert re.search(rf"^Content/site.yml:{lines.index('  - index.html') + 1}:5: error: keep_in_output: 'index.html' is written by every build", out, re.M), out
    (site / "Content" / "site.yml").write_text("title: T\nkeep_in_output: README.md\n")
    proc = run(["build", site])
    assert proc.returncode == 1 and re.search(r"Content/site.yml:2:\d+: error: .*keep_in_output", proc.stderr), proc.stderr


# ================================================================ 16. serve's incremental write


def _serve(site):
    proc = subprocess.Popen([str(BIN), "serve", str(site), "--port", str(random.randint(20000, 40000))],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = proc.stdout.readline()
    assert "serving" in line, line + proc.stderr.read()
    return proc


@pytest.fixture(scope="module")
def edit_case(tmp_path_factory):
    """A site, an edit of several briefings' bodies (so a rebuild rewrites many pages and the
    search index), and the trees a cold build makes before and after it."""
    root = tmp_path_factory.mktemp("serve-kill")
    content = _corpus(root / "gen", 60, 11)
    site = root / "site"
    shutil.copytree(content, site / "Content")
    briefings = sorted((site / "Content" / "briefings").glob("*.md"))[:12]
    before = {p: p.read_text() for p in briefings}
    after = {}
    for p, text in before.items():
        head, sep, body = text.partition("\n---\n")
        after[p] = head + sep + body.replace(" the ", " that ", 3) + "\nA new closing paragraph about zanzibarite.\n"
    built(site)
    cold_before = tree_hash(site / "Output")
    for p, text in after.items():
        p.write_text(text)
    built(site)
    cold_after = tree_hash(site / "Output")
    for p, text in before.items():
        p.write_text(text)
    return {"site": site, "before": before, "after": after, "hashes": (cold_before, cold_after)}


def _edit_then_wait_for_rebuild(case, server):
    """Saves the edit; returns the seconds until serve says it rebuilt."""
    start = time.monotonic()
    for p, text in case["after"].items():
        p.write_text(text)
    while "rebuilt" not in server.stderr.readline():
        pass
    return time.monotonic() - start


def test_serve_killed_during_an_incremental_rebuild_leaves_one_whole_site(edit_case):
    site, hashes = edit_case["site"], edit_case["hashes"]
    for p, text in edit_case["before"].items():
        p.write_text(text)
    server = _serve(site)
    while "rebuilt" not in server.stderr.readline():  # the first build's own line
        pass
    took = _edit_then_wait_for_rebuild(edit_case, server)
    server.send_signal(signal.SIGKILL)
    server.wait()
    assert tree_hash(site / "Output") == hashes[1], "serve's rebuild is what a cold build writes"
    rng = random.Random(18)
    outcomes = {"before": 0, "after": 0}
    kills = 20
    for i in range(kills):
        for p, text in edit_case["before"].items():
            p.write_text(text)
        server = _serve(site)
        assert tree_hash(site / "Output") == hashes[0]
        for p, text in edit_case["after"].items():
            p.write_text(text)
        time.sleep(took * (0.3 + rng.random() * 0.8))  # from the debounce to just after the rebuild
        server.send_signal(signal.SIGKILL)
        server.wait()
        h = tree_hash(site / "Output")
        assert h in hashes, f"kill {i} left pages and the search index out of step"
        outcomes["before" if h == hashes[0] else "after"] += 1
    print(f"\nserve killed {kills} times during a {took:.2f} s edit-to-rebuilt: {outcomes}")


def test_a_build_while_serving_makes_the_next_rebuild_render_everything(edit_case):
    site = edit_case["site"]
    for p, text in edit_case["before"].items():
        p.write_text(text)
    server = _serve(site)
    try:
        built(site, "--base-url", "https://example.org/")
        assert 'rel="canonical"' in (site / "Output" / "index.html").read_text()
        first = next(iter(edit_case["after"]))
        first.write_text(edit_case["after"][first])
        deadline = time.time() + 30
        while time.time() < deadline and "zanzibarite" not in (site / "Output" / "search" / "meta.js").read_text() + \
                "".join(p.read_text() for p in (site / "Output" / "search" / "terms").glob("za*.js")):
            time.sleep(0.1)
        time.sleep(0.3)
        pages = list((site / "Output").rglob("*.html"))
        canonical = [p for p in pages if 'rel="canonical"' in p.read_text()]
        assert not canonical, f"{len(canonical)} of {len(pages)} pages still carry the other build's canonical link"
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=20)


# ================================================================ 10. one symbolic link rule


@pytest.mark.parametrize("where", ["Content/site.yml", "Templates/404.mustache", "Templates/base.mustache",
                                   "Templates/static/style.css", "Templates/static/extra/secret.css"])
def test_symlink_out_of_the_site_is_a_located_error_never_read(tmp_path, where):
    site, outside = _outside_world(tmp_path)
    shutil.copytree(REPO / "Templates", site / "Templates")
    secret = outside / "secret-file"
    secret.write_text("title: SECRET-FILE\n" if where.endswith(".yml") else "SECRET-FILE {{site.title}}\n")
    link = site / where
    link.parent.mkdir(parents=True, exist_ok=True)
    if link.exists():
        link.unlink()
    link.symlink_to(secret)
    proc, traced = _traced(["build", site, "--quiet"], tmp_path / "trace")
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1 and not crashed(proc), out
    assert re.search(rf"^{re.escape(where)}:1:1: error: symbolic link points outside (Content|Templates)/", out, re.M), out
    for f in (site / "Output").rglob("*") if (site / "Output").exists() else []:
        assert not f.is_file() or "SECRET" not in f.read_text(errors="replace"), f
    if traced:
        opened = [line for line in Path(tmp_path / "trace").read_text().splitlines()
                  if re.search(r"open(at)?\(", line) and ("secret-file" in line) and " = -1 " not in line]
        assert not opened, opened[:5]
    proc = run(["check", site])
    assert proc.returncode == 1 and re.search(rf"^{re.escape(where)}:1:1: error: symbolic link", proc.stderr, re.M), proc.stderr


def test_symlink_inside_the_folder_is_followed(tmp_path):
    site, _ = _outside_world(tmp_path)
    shutil.copytree(REPO / "Templates", site / "Templates")
    (site / "Templates" / "static" / "copy.css").symlink_to(site / "Templates" / "static" / "style.css")
    (site / "Content" / "real.yml").write_text((site / "Content" / "site.yml").read_text())
    (site / "Content" / "site.yml").unlink()
    (site / "Content" / "site.yml").symlink_to("real.yml")
    built(site)
    assert (site / "Output" / "static" / "copy.css").read_bytes() == (site / "Templates" / "static" / "style.css").read_bytes()


def test_content_folder_linked_outside_the_site_is_refused(tmp_path):
    site, outside = _outside_world(tmp_path)
    shutil.move(site / "Content", outside / "Content")
    (site / "Content").symlink_to(outside / "Content")
    proc = run(["build", site, "--quiet"])
    assert proc.returncode == 1 and re.search(r"^Content:1:1: error: Content/ is a symbolic link to .*outside the site", proc.stderr, re.M), proc.stderr


# ================================================================ 17. errors in words


def test_a_name_too_long_is_said_in_words(tmp_path):
    site = minimal_site(tmp_path)
    for output in (tmp_path / ("n" * 256), tmp_path / ("n" * 230)):
        proc = run(["build", site, "--output", output])
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and not crashed(proc), out
        assert "NSCocoaErrorDomain" not in out and "error 5" not in out, out
        assert re.search(r"name is too long|name is \d+ bytes long", out), out
        assert str(tmp_path) in out, out


def _tmpfs(path, size):
    path.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(path)],
                                           capture_output=True).returncode:
        pytest.skip("cannot mount a small tmpfs here (needs root)")


def test_a_full_disk_is_said_in_words(tmp_path):
    site = minimal_site(tmp_path)
    (site / "Content" / "assets" / "big.bin").write_bytes(os.urandom(3 * 1024 * 1024))
    disk = tmp_path / "disk"
    _tmpfs(disk, "1m")
    try:
        proc = run(["build", site, "--output", disk / "Output"])
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and not crashed(proc), out
        assert "no space left on the device" in out and "NSCocoaErrorDomain" not in out, out
        assert re.search(rf"cannot write {re.escape(str(disk))}/Output/\S+: no space left", out), out
        assert not (disk / "Output").exists()
    finally:
        subprocess.run(["umount", "-l", str(disk)])


def test_an_import_onto_a_full_disk_is_said_in_words(tmp_path):
    disk = tmp_path / "disk"
    _tmpfs(disk, "64k")
    try:
        site = disk / "site"
        (site / "Content").mkdir(parents=True)
        (site / "Content" / "site.yml").write_text("title: T\n")
        article = tmp_path / "article.txt"
        article.write_text("A Long Article About Ports\n\nBy Ann Lee\n\nMarch 3, 2025\n\n"
                           + "The port of Rotterdam grew again. " * 2500 + "\n")
        proc = run(["import", article, "--site", site])
        out = proc.stdout + proc.stderr
        assert proc.returncode == 1 and not crashed(proc), out
        assert "no space left on the device" in out and "NSCocoaErrorDomain" not in out, out
        assert not list((site / "Content").glob("briefings/*.md")), "nothing half-written"
    finally:
        subprocess.run(["umount", "-l", str(disk)])


@pytest.mark.parametrize("url", ["https://e.org/?x=1", "https://e.org/#top", "ftp://e.org/", "https://", "e.org"])
def test_base_url_with_query_fragment_or_other_scheme_is_refused(tmp_path, url):
    site = minimal_site(tmp_path)
    proc = run(["build", site, "--base-url", url])
    assert proc.returncode == 1 and re.search(r"^--base-url:1:1: error: base URL .* must", proc.stderr, re.M), proc.stderr
    (site / "Content" / "site.yml").write_text(f"title: T\nlanguage: en\nbase_url: '{url}'\n")
    proc = run(["build", site])
    assert proc.returncode == 1 and re.search(r"^Content/site.yml:3:\d+: error: base URL .* must", proc.stderr, re.M), proc.stderr
    assert not (site / "Output").exists()


def test_check_reports_an_output_folder_a_build_would_refuse(tmp_path):
    site = minimal_site(tmp_path)
    (site / "Output").mkdir()
    (site / "Output" / "notes.txt").write_text("mine\n")
    proc = run(["check", site])
    assert proc.returncode == 1, proc.stdout + proc.stderr
    refused(proc, site / "Output")
    assert (site / "Output" / "notes.txt").read_text() == "mine\n"
