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
