#!/usr/bin/env python3
"""Scores `briefing extract` against a hand-annotated gold file and measures its speed.

usage: eval.py BRIEFING_BINARY GOLD.json ARTICLE.txt [--verbose] [--scores-only]
Prints precision, recall and F1 for entities (exact span, overlap, span+kind) and dates
(span, normalized value), and words per second on one core; exits 1 when a target is missed.
--scores-only prints the scores alone (held-out articles: no speed run, no targets).
"""
import json
import os
import subprocess
import sys
import tempfile
import time

TARGETS = {"entity overlap F1": 0.95, "entity span+kind F1": 0.85, "date span F1": 0.95,
           "date value accuracy": 0.95, "words per second": 200_000}


def prf(tp_pred, n_pred, tp_gold, n_gold):
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def extract(binary, path, date):
    out = subprocess.run([binary, "extract", path, "--date", date], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


def main():
    binary, gold_path, article = sys.argv[1:4]
    verbose = "--verbose" in sys.argv
    gold = json.load(open(gold_path, encoding="utf-8"))
    text = open(article, encoding="utf-8").read()
    got = extract(binary, article, gold["publication_date"])
    for span in got["entities"] + got["dates"]:
        assert text[span["start"]:span["end"]] == span["text"], f"span text differs from the input: {span}"

    results = {}
    ge, pe = gold["entities"], got["entities"]
    exact_g = {(e["start"], e["end"]) for e in ge}
    exact_p = {(e["start"], e["end"]) for e in pe}
    results["entity exact span"] = prf(len(exact_p & exact_g), len(exact_p), len(exact_g & exact_p), len(exact_g))

    def overlaps(a, b):
        return a["start"] < b["end"] and b["start"] < a["end"]
    tp_p = sum(1 for p in pe if any(overlaps(p, g) for g in ge))
    tp_g = sum(1 for g in ge if any(overlaps(p, g) for p in pe))
    results["entity overlap"] = prf(tp_p, len(pe), tp_g, len(ge))
    kind_g = {(e["start"], e["end"], e["kind"]) for e in ge}
    kind_p = {(e["start"], e["end"], e["kind"]) for e in pe}
    results["entity span+kind"] = prf(len(kind_p & kind_g), len(kind_p), len(kind_g & kind_p), len(kind_g))

    # The gold files hold calendar dates (EDTF values): durations, sets and "now" (value null) are not scored here.
    gd, pd = gold["dates"], [d for d in got["dates"] if d.get("value") is not None]
    span_g = {(d["start"], d["end"]): d["value"] for d in gd}
    span_p = {(d["start"], d["end"]): d["value"] for d in pd}
    common = set(span_g) & set(span_p)
    results["date span"] = prf(len(common), len(span_p), len(common), len(span_g))
    value_accuracy = sum(1 for k in common if span_g[k] == span_p[k]) / len(common) if common else 0.0

    print(f"{'measure':<22}{'precision':>10}{'recall':>10}{'F1':>10}")
    for name, (p, r, f) in results.items():
        print(f"{name:<22}{p:>10.3f}{r:>10.3f}{f:>10.3f}")
    print(f"{'date value accuracy':<22}{value_accuracy:>30.3f}")
    if "--scores-only" in sys.argv:
        return 0

    # Speed: the article repeated to about a million words, one extract process, one core.
    words = len(text.split())
    copies = max(1, 1_000_000 // words)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as f:
        f.write(text)
        body = text.split("\n", 4)[4]
        for _ in range(copies - 1):
            f.write("\n" + body)
        big = f.name
    total_words = len(open(big, encoding="utf-8").read().split())
    start = time.perf_counter()
    subprocess.run(["taskset", "-c", "0", binary, "extract", big, "--date", gold["publication_date"]],
                   check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    os.unlink(big)
    speed = total_words / seconds
    print(f"{'words per second':<22}{speed:>30,.0f}   ({total_words:,} words in {seconds:.2f} s, one core)")

    measured = {"entity overlap F1": results["entity overlap"][2], "entity span+kind F1": results["entity span+kind"][2],
                "date span F1": results["date span"][2], "date value accuracy": value_accuracy, "words per second": speed}
    failed = False
    print()
    for name, target in TARGETS.items():
        ok = measured[name] >= target
        failed |= not ok
        print(f"{name:<22} {measured[name]:>14,.3f}  target >= {target:,}  {'met' if ok else 'NOT MET'}")

    if verbose:
        print("\nentities missed (gold not overlapped):")
        for g in ge:
            if not any(overlaps(p, g) for p in pe):
                print("  ", g["text"], g["kind"], g["start"])
        print("entities spurious (predicted, no overlap):")
        for p in pe:
            if not any(overlaps(p, g) for g in ge):
                print("  ", p["text"], p["kind"], p["start"])
        print("entity span/kind differences:")
        by_span = {(e["start"], e["end"]): e for e in ge}
        for p in pe:
            g = by_span.get((p["start"], p["end"]))
            if g is None:
                near = [g["text"] + "/" + g["kind"] for g in ge if overlaps(p, g)]
                if near:
                    print("   span", repr(p["text"]), p["kind"], "gold:", near)
            elif g["kind"] != p["kind"]:
                print("   kind", repr(p["text"]), p["kind"], "gold:", g["kind"])
        print("dates:")
        for k in sorted(set(span_g) | set(span_p)):
            if span_g.get(k) != span_p.get(k):
                print("  ", k, repr(text[k[0]:k[1]]), "gold:", span_g.get(k), "got:", span_p.get(k))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
