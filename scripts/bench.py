#!/usr/bin/env python3
"""`make bench`: Briefing against Hugo and the cmark-gfm floor on the synthetic corpus.

usage: bench.py BRIEFING_BINARY [N ...]      (N defaults to 1000; BENCH_N=10000 adds 10,000)
For each N: generates ../shared/bench/make_corpus.py's corpus (cached in bench-work/N), then
times cold builds (a fresh output folder each run; median of RUNS runs, peak memory the most
seen) of Briefing, of Hugo on the same site, and of `cmark-gfm` on all the Markdown (the floor,
one core). Prints the figures with the issue's targets and whether each is met.
"""
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "bench", "make_corpus.py")
RUNS = int(os.environ.get("BENCH_RUNS", "3"))


def measure(command, output=None):
    """Runs `command` RUNS times; returns (median seconds, peak KB)."""
    times, peaks = [], []
    for _ in range(RUNS):
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


def main():
    binary = os.path.abspath(sys.argv[1])
    sizes = [int(n) for n in sys.argv[2:]] or [1000]
    results = {}
    scratch = tempfile.mkdtemp(prefix="briefing-bench-")
    for n in sizes:
        folder = corpus(n)
        out = os.path.join(scratch, f"briefing-{n}")
        briefing = measure([binary, "build", os.path.join(folder, "briefing"), "--output", out, "--quiet"], out)
        pages = sum(len(files) for _, _, files in os.walk(out) if True)
        hugo_out = os.path.join(scratch, f"hugo-{n}")
        hugo = measure(["hugo", "--quiet", "--source", os.path.join(folder, "hugo"), "--destination", hugo_out], hugo_out)
        floor = measure(["cmark-gfm", os.path.join(folder, "plain", "all.md")])
        page_count = sum(1 for _, _, files in os.walk(out) for f in files if f.endswith(".html"))
        results[n] = dict(briefing=briefing, hugo=hugo, floor=floor, pages=page_count, files=pages)
        print(f"\nN = {n:,}: {page_count:,} pages")
        print(f"  {'':22}{'median wall':>14}{'peak memory':>14}")
        for name, (seconds, kb) in (("Briefing", briefing), ("Hugo", hugo), ("cmark-gfm (floor)", floor)):
            print(f"  {name:22}{seconds:>12.2f} s{kb / 1024:>11.0f} MB")
        print(f"  Briefing / Hugo:      time {briefing[0] / hugo[0]:.2f}x, memory {briefing[1] / hugo[1]:.2f}x")
        print(f"  Briefing / cmark-gfm: time {briefing[0] / floor[0]:.1f}x")
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
    base = results[min(results)]
    rows.append(("cold build time, N=%d" % min(results), base["briefing"][0] / base["hugo"][0], "<= 0.25 x Hugo",
                 base["briefing"][0] <= 0.25 * base["hugo"][0]))
    rows.append(("peak memory, N=%d" % min(results), base["briefing"][1] / base["hugo"][1], "<= 0.5 x Hugo",
                 base["briefing"][1] <= 0.5 * base["hugo"][1]))
    if len(results) > 1:
        big_n = max(results)
        per_small = base["briefing"][0] / base["pages"]
        per_big = results[big_n]["briefing"][0] / results[big_n]["pages"]
        rows.append((f"time per page N={big_n} / N={min(results)}", per_big / per_small, "<= 1.2", per_big <= 1.2 * per_small))
    rows.append(("incremental rebuild", float("nan"), "<= 0.05 x cold build", False))
    rows.append(("extract words per second, one core", words / extract_seconds, ">= 200,000", words / extract_seconds >= 200_000))
    for name, value, target, met in rows:
        shown = "not built yet" if value != value else (f"{value:,.0f}" if value > 100 else f"{value:.2f}")
        print(f"  {name:38}{shown:>16}   target {target:22} {'met' if met else 'NOT MET'}")


if __name__ == "__main__":
    main()
