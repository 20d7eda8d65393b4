"""Templates and sentence size (issue #18, findings 3, 5 and 17): a theme whose partials or parents
loop, or name no template, is a located error of `build` and `check` (it was a segfault, exit 139,
or nothing rendered); an entity named like a date is a located warning."""

import re
import shutil

import pytest

from test_hostile import CRASH, REPO, run

CYCLES = {
    # template file -> text appended inside the default template; the expected location
    "self": ({"home.mustache": ("{{$main}}\n", "{{$main}}\n{{> home}}\n")}, "Templates/home.mustache:3:1: error: template 'home' includes itself"),
    "mutual": ({"a.mustache": None, "b.mustache": None}, "Templates/b.mustache:1:1: error: template 'b' includes itself through {{> a}} (b → a → b)"),
    "parent-in-itself": ({"base.mustache": ("</html>", "</html>{{<base}}{{/base}}")}, "Templates/base.mustache:"),
}


def _theme_site(tmp_path, case):
    site = tmp_path / "site"
    shutil.copytree(REPO / "Content", site / "Content")
    shutil.copytree(REPO / "Templates", site / "Templates")
    changes, _ = CYCLES.get(case, ({}, None))
    for name, change in changes.items():
        path = site / "Templates" / name
        if change is None:
            continue
        old, new = change
        text = path.read_text()
        assert old in text
        path.write_text(text.replace(old, new, 1))
    if case == "mutual":
        (site / "Templates" / "a.mustache").write_text("{{> b}}\n")
        (site / "Templates" / "b.mustache").write_text("{{> a}}\n")
        home = site / "Templates" / "home.mustache"
        home.write_text(home.read_text().replace("{{$main}}\n", "{{$main}}\n{{> a}}\n", 1))
    return site


@pytest.mark.parametrize("case", list(CYCLES))
@pytest.mark.parametrize("command", ["build", "check"])
def test_template_cycle_is_a_located_error(tmp_path, case, command):
    site = _theme_site(tmp_path, case)
    proc = run([command, site], timeout=60)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, (proc.returncode, out[-2000:])
    assert not CRASH.search(out), out[-2000:]
    assert CYCLES[case][1] in out, out[-2000:]
    assert not (site / "Output").exists()


@pytest.mark.parametrize("tag", ["{{> nosuch}}", "{{<nosuch}}{{/nosuch}}"])
def test_template_naming_no_template_is_a_located_error(tmp_path, tag):
    site = _theme_site(tmp_path, "none")
    home = site / "Templates" / "home.mustache"
    home.write_text(home.read_text().replace("{{$main}}\n", "{{$main}}\n" + tag + "\n", 1))
    proc = run(["build", site], timeout=60)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, out[-2000:]
    assert re.search(r"^Templates/home\.mustache:3:1: error: \{\{[<>] ?nosuch\}\} names no template", out, re.M), out


# ---------------------------------------------------------------- long sentences (finding 5)

from test_hostile import FM, _limit  # noqa: E402


def _firms(root):
    for i in range(10):
        (root / "Content" / "entities" / f"firm{i}.md").write_text(f"---\nname: Firm {i}\nkind: organization\n---\nA firm.\n")


def _long_sentence(root):
    """One 104 KB sentence with a reference every 13 bytes (8,000 references to ten entities)."""
    _firms(root)
    parts = [f"[[firm{n % 10}]] and " for n in range(8200)]
    (root / "Content" / "briefings" / "long.md").write_text(FM + "".join(parts) + "the rest [[2024-01-01]].\n")


def _many_entities_one_sentence(root):
    for i in range(3000):
        (root / "Content" / "entities" / f"e{i:04d}.md").write_text(f"---\nname: Entity {i:04d}\nkind: person\n---\nPerson {i}.\n")
    (root / "Content" / "briefings" / "many.md").write_text(
        FM + " ".join(f"[[e{i:04d}]]" for i in range(3000)) + " met on [[2024-01-02]].\n")


def _no_full_stop(root):
    """A 5 MB paragraph without a full stop: one sentence, with references and dates all along it."""
    words = "the partnership between these states has grown in security trade technology and energy".split()
    _firms(root)
    parts, size, n = [], 0, 0
    while size < 5 * 1024 * 1024:
        n += 1
        word = f"[[firm{n % 10}|Firm {n % 10}]]" if n % 7 == 0 else "on [[2025-03-13|March 13, 2025]]" if n % 97 == 0 else words[n % len(words)]
        parts.append(word)
        size += len(word) + 1
    (root / "Content" / "briefings" / "nostop.md").write_text(FM + " ".join(parts) + "\n")


# name -> (make, outcome, seconds, MB of memory, MB of output): debug binary, about 3x the figures
# measured (README "Limits"); before the window each was quadratic (558 MB of output, a timeout).
SENTENCES = {
    "sentence-104kb-8000-references": (_long_sentence, "build", 30, 300, 60),
    "sentence-3000-entities": (_many_entities_one_sentence, "build", 100, 700, 400),
    "briefing-5mb-no-full-stop": (_no_full_stop, "build", 60, 1100, 750),
}


def _size_mb(folder):
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


@pytest.mark.parametrize("name", list(SENTENCES))
def test_limit_long_sentence(tmp_path, name):
    make, expected, seconds, megabytes, output = SENTENCES[name]
    _limit(tmp_path, name, (make, expected, seconds, megabytes))
    size = _size_mb(tmp_path / "site" / "Output")
    print(f"LIMIT {name}: {size:.0f} MB of output")
    assert size <= output, f"{name}: {size:.0f} MB of output > {output} MB"
