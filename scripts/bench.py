#!/usr/bin/env python3
"""`make bench`: Briefing against Hugo and the cmark-gfm floor on the synthetic corpus.

usage: bench.py BRIEFING_BINARY [N ...]      (N defaults to 1000; BENCH_N=10000 adds 10,000)
For each N: generates ../shared/bench/make_corpus.py's corpus (cached in bench-work/N), then
times cold builds (a fresh output folder each run; median of BENCH_RUNS runs, peak memory the
most seen) of Briefing, of Hugo on the same site, and of `cmark-gfm` on all the Markdown (the
floor, one core). Both generators write to BENCH_TMP (default /dev/shm, a RAM disk, when it
exists): on this machine's ext4 disk, creating thousands of files right after deleting thousands
slows down with every run, whichever tool runs.

Then the incremental rebuild: `briefing serve` on a copy of the N=1,000 site, one paragraph of
one briefing edited BENCH_EDITS times; the rebuild time is what the server logs ("rebuilt … in
… ms", from the change being noticed to the new files in place), and the edit-to-rebuilt time
seen from outside (with the 100 ms debounce) is shown beside it. The served folder is then
compared byte for byte with a cold build of the same content.

This machine's speed drifts by 10-25 % over minutes, so the two sides of every ratio are
measured back to back, run for run: Briefing and Hugo alternate at N = 1,000; Briefing at
N = 1,000 and at N = 10,000 alternate for the time per page; the incremental rebuild is set
against cold builds of the same site made right after the edits.

At N = 1,000 the output's largest HTML pages are weighed and loaded in headless Chromium
(scripts/page-weights.py, with the project's .venv: `make browser-deps`): the largest page, its
size and load time are printed, and screenshots of the home page, a tag page, the largest
entity page and the timeline go to Artifacts/screenshots/bench-*.png.

Prints the figures with the issue's targets and whether each is met.
"""
import filecmp
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "bench", "make_corpus.py")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
EDITS = int(os.environ.get("BENCH_EDITS", "9"))
TMP = os.environ.get("BENCH_TMP") or ("/dev/shm" if os.path.isdir("/dev/shm") else None)


def measure(command, output=None, runs=RUNS):
    """Runs `command` `runs` times; returns (median seconds, peak KB)."""
    times, peaks = [], []
    for _ in range(runs):
        if output:
            shutil.rmtree(output, ignore_errors=True)
        result = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + command, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, check=True)
        seconds, kilobytes = result.stderr.strip().splitlines()[-1].split()
        times.append(float(seconds))
        peaks.append(int(kilobytes))
    return statistics.median(times), max(peaks)


def corpus(n):
    folder = os.path.join(ROOT, "bench-work", str(n))
    if not os.path.isdir(os.path.join(folder, "briefing")):
        subprocess.run([sys.executable, CORPUS, str(n), folder], check=True)
    return folder


TOPICS = ["energy", "security", "trade", "diplomacy", "sanctions", "pipelines", "elections", "South Caucasus"]


def tagged_corpus(n):
    """A copy of the corpus whose briefings have one to three tags each (chosen by their number,
    so every run makes the same site), in bench-work/N-tagged."""
    folder = os.path.join(ROOT, "bench-work", f"{n}-tagged", "briefing")
    if os.path.isdir(folder):
        return folder
    shutil.copytree(os.path.join(corpus(n), "briefing"), folder)
    briefings = os.path.join(folder, "Content", "briefings")
    for index, name in enumerate(sorted(os.listdir(briefings))):
        path = os.path.join(briefings, name)
        text = open(path, encoding="utf-8").read()
        tags = [TOPICS[index % len(TOPICS)], TOPICS[(index * 7 + 3) % len(TOPICS)]][: 1 + index % 2]
        text = text.replace("\nauthor:", "\ntags: [" + ", ".join(sorted(set(tags))) + "]\nauthor:", 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    return folder


def same_tree(a, b):
    """Whether folders a and b hold the same files with the same bytes."""
    def files(root):
        return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, fs in os.walk(root) for f in fs)
    names = files(a)
    if names != files(b):
        return False
    return all(filecmp.cmp(os.path.join(a, name), os.path.join(b, name), shallow=False) for name in names)


def incremental(binary, source, scratch):
    """Median server-logged rebuild seconds, median edit-to-rebuilt seconds, whether the served
    output equals a cold build afterwards, and the median seconds of those cold builds."""
    site = os.path.join(scratch, "serve-site")
    shutil.copytree(source, site)
    server = subprocess.Popen([binary, "serve", site, "--port", "18731"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        server.stdout.readline()  # "serving … at http://…" once the first build is in place
        while "rebuilt" not in server.stderr.readline():  # the first build's own line
            pass
        names = sorted(os.listdir(os.path.join(site, "Content", "briefings")))
        logged, seen = [], []
        for number in range(EDITS):
            path = os.path.join(site, "Content", "briefings", names[(len(names) // 2 + number) % len(names)])
            text = open(path, encoding="utf-8").read()
            end = text.index("\n\n", text.index("\n---\n") + 5)  # the end of the first paragraph
            text = text[:end] + f" Edited once ({number})." + text[end:]
            time.sleep(0.3)
            start = time.monotonic()
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            while True:
                line = server.stderr.readline()
                if not line:
                    raise RuntimeError("serve stopped")
                match = re.search(r"rebuilt \d+ pages in (\d+) ms", line)
                if match:
                    seen.append(time.monotonic() - start)
                    logged.append(int(match.group(1)) / 1000)
                    break
                if "build failed" in line:
                    raise RuntimeError("rebuild failed: " + line)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=30)
    cold = os.path.join(scratch, "serve-cold")
    cold_seconds, _ = measure([binary, "build", site, "--output", cold, "--quiet"], cold)
    identical = same_tree(os.path.join(site, "Output"), cold)
    shutil.rmtree(site, ignore_errors=True)
    shutil.rmtree(cold, ignore_errors=True)
    return statistics.median(logged), statistics.median(seen), identical, cold_seconds


def page_weights(site, screenshots=False):
    """The largest page of a built site, its size and its load time in headless Chromium
    (scripts/page-weights.py, run by the project's virtual environment, which has selenium);
    with `screenshots`, the home page, a tag page, the largest entity page and the timeline go to
    Artifacts/screenshots/bench-*.png. None without the virtual environment."""
    python = os.environ.get("BENCH_PYTHON") or os.path.join(ROOT, ".venv", "bin", "python")
    if not os.path.exists(python):
        return None
    command = [python, os.path.join(ROOT, "scripts", "page-weights.py"), site, "--top", "5"]
    if screenshots:
        def largest(folder):
            """The largest `folder/<name>/index.html` (one level down: an entity, not a kind's list)."""
            found = [(os.path.getsize(os.path.join(site, folder, name, "index.html")), f"{folder}/{name}/index.html")
                     for name in os.listdir(os.path.join(site, folder))
                     if os.path.isfile(os.path.join(site, folder, name, "index.html"))]
            return max(found)[1] if found else None
        shots = {"bench-home": "index.html", "bench-timeline": "timeline/index.html",
                 "bench-timeline-year": largest("timeline"), "bench-entity": largest("entities"),
                 "bench-tag": largest("tags") or "archive/index.html", "bench-archive": "archive/index.html"}
        command += ["--screenshots", os.path.join(ROOT, "Artifacts", "screenshots")] + \
            [f"{name}={rel}" for name, rel in shots.items() if rel]
    result = subprocess.run(command, capture_output=True, text=True)
    line = next((l for l in result.stdout.splitlines() if l.startswith("largest: ")), None)
    if line is None:
        print(result.stdout[-2000:] + result.stderr[-2000:])
        return None
    match = re.match(r"largest: (\S+) ([\d.]+) KB load (\d+) ms; slowest of the (\d+): (\d+) ms", line)
    over = re.search(r"(\d+) pages over (\d+) KB", result.stdout)
    return dict(path=match.group(1), kb=float(match.group(2)), ms=float(match.group(3)), top=int(match.group(4)),
                slowest=float(match.group(5)), over=int(over.group(1)) if over else 0)


def alternate(commands, runs=RUNS):
    """Runs each (command, output) once per round, `runs` rounds, so that drift in the machine's
    speed falls on all of them alike; returns each one's (median seconds, peak KB)."""
    times = [[] for _ in commands]
    peaks = [[] for _ in commands]
    for _ in range(runs):
        for index, (command, output) in enumerate(commands):
            seconds, kilobytes = measure(command, output, runs=1)
            times[index].append(seconds)
            peaks[index].append(kilobytes)
    return [(statistics.median(t), max(p)) for t, p in zip(times, peaks)]


def main():
    binary = os.path.abspath(sys.argv[1])
    sizes = [int(n) for n in sys.argv[2:]] or [1000]
    results = {}
    scratch = tempfile.mkdtemp(prefix="briefing-bench-", dir=TMP)
    print(f"outputs in {scratch}; {RUNS} runs each, median wall time, highest peak memory")

    def build(n):
        out = os.path.join(scratch, f"briefing-{n}")
        return [binary, "build", os.path.join(corpus(n), "briefing"), "--output", out, "--quiet"], out

    for n in sizes:
        folder = corpus(n)
        hugo_out = os.path.join(scratch, f"hugo-{n}")
        hugo_command = ["hugo", "--quiet", "--source", os.path.join(folder, "hugo"), "--destination", hugo_out]
        if n <= 1000:
            briefing, hugo = alternate([build(n), (hugo_command, hugo_out)])
        else:
            # Hugo needs minutes at N = 10,000 and only gives context there: one run.
            briefing = measure(*build(n))
            hugo = measure(hugo_command, hugo_out, runs=1)
        shutil.rmtree(hugo_out, ignore_errors=True)
        floor = measure(["cmark-gfm", os.path.join(folder, "plain", "all.md")])
        out = build(n)[1]
        page_count = sum(1 for _, _, files in os.walk(out) for f in files if f.endswith(".html"))
        shutil.rmtree(out, ignore_errors=True)
        weights = None
        if n <= 1000:
            # Weighed on the same corpus with tags added, so that tag pages are weighed (and shown) too.
            tagged = os.path.join(scratch, f"tagged-{n}")
            subprocess.run([binary, "build", tagged_corpus(n), "--output", tagged, "--quiet"], check=True)
            weights = page_weights(tagged, screenshots=n == min(sizes))
            shutil.rmtree(tagged, ignore_errors=True)
        results[n] = dict(briefing=briefing, hugo=hugo, floor=floor, pages=page_count, weights=weights)
        print(f"\nN = {n:,}: {page_count:,} pages")
        print(f"  {'':22}{'median wall':>14}{'peak memory':>14}")
        for name, (seconds, kb) in (("Briefing", briefing), ("Hugo", hugo), ("cmark-gfm (floor)", floor)):
            print(f"  {name:22}{seconds:>12.2f} s{kb / 1024:>11.0f} MB")
        print(f"  Briefing / Hugo:      time {briefing[0] / hugo[0]:.2f}x, memory {briefing[1] / hugo[1]:.2f}x")
        print(f"  Briefing / cmark-gfm: time {briefing[0] / floor[0]:.1f}x")
        print(f"  time per page: Briefing {briefing[0] / page_count * 1000:.2f} ms, Hugo {hugo[0] / page_count * 1000:.2f} ms")
        if weights:
            print(f"  largest page: {weights['path']} {weights['kb']:.1f} KB, loaded in headless Chromium in {weights['ms']:.0f} ms"
                  f" (median of 3; the {weights['top']} largest pages: {weights['slowest']:.0f} ms at most)")
        elif n <= 1000:
            print("  page weights and load times skipped: no selenium (run `make browser-deps`)")

    scaling = None
    if len(results) > 1:
        small, big = min(results), max(results)
        small_time, big_time = (seconds for seconds, _ in alternate([build(small), build(big)]))
        for n in (small, big):
            shutil.rmtree(build(n)[1], ignore_errors=True)
        scaling = (small_time / results[small]["pages"], big_time / results[big]["pages"])
        print(f"\ntime per page, N = {small:,} and N = {big:,} built in turn: "
              f"{scaling[0] * 1000:.2f} ms and {scaling[1] * 1000:.2f} ms")

    base_n = min(results)
    rebuild, seen, identical, cold = incremental(binary, os.path.join(corpus(base_n), "briefing"), scratch)
    print(f"\nincremental rebuild in serve, N = {base_n:,}, one paragraph of one briefing edited ({EDITS} edits):")
    print(f"  rebuild (server log) {rebuild * 1000:.0f} ms, edit to rebuilt {seen * 1000:.0f} ms, "
          f"output identical to a cold build: {'yes' if identical else 'NO'}; "
          f"cold builds of the edited site right after: {cold:.2f} s")
    shutil.rmtree(scratch, ignore_errors=True)

    # Import and extract speed: the seed article repeated to about a million words, one core.
    seed = os.path.join(ROOT, "Tests", "Fixtures", "eval", "seed.txt")
    text = open(seed, encoding="utf-8").read()
    body = text.split("\n", 4)[4]
    big = os.path.join(tempfile.mkdtemp(), "article.txt")
    with open(big, "w", encoding="utf-8") as f:
        f.write(text + ("\n" + body) * max(1, 1_000_000 // len(text.split())))
    words = len(open(big, encoding="utf-8").read().split())
    extract_seconds, _ = measure(["taskset", "-c", "0", binary, "extract", big, "--date", "2025-03-31"])
    os.remove(big)

    print("\ntargets")
    rows = []
    base = results[base_n]
    rows.append((f"cold build time, N={base_n}", base["briefing"][0] / base["hugo"][0], "<= 0.25 x Hugo",
                 base["briefing"][0] <= 0.25 * base["hugo"][0]))
    rows.append((f"peak memory, N={base_n}", base["briefing"][1] / base["hugo"][1], "<= 0.5 x Hugo",
                 base["briefing"][1] <= 0.5 * base["hugo"][1]))
    if scaling:
        per_small, per_big = scaling
        rows.append((f"time per page N={max(results)} / N={base_n}", per_big / per_small, "<= 1.2", per_big <= 1.2 * per_small))
    rows.append(("incremental rebuild / cold build", rebuild / cold, "<= 0.05, identical",
                 rebuild <= 0.05 * cold and identical))
    rows.append(("extract words per second, one core", words / extract_seconds, ">= 200,000", words / extract_seconds >= 200_000))
    if base.get("weights"):
        w = base["weights"]
        rows.append((f"largest page KB, N={base_n}", w["kb"], "<= 300, every page", w["kb"] <= 300 and w["over"] == 0))
        rows.append((f"largest page load ms, N={base_n}", w["ms"], "< 1,000", w["ms"] < 1000))
    for name, value, target, met in rows:
        shown = f"{value:,.0f}" if value > 100 else f"{value:.3f}"
        print(f"  {name:38}{shown:>16}   target {target:22} {'met' if met else 'NOT MET'}")


if __name__ == "__main__":
    main()
