#!/usr/bin/env python3
"""Scores `briefing extract` against TimeML-annotated news (TimeBank + AQUAINT), TempEval-3 style.

usage: eval-timeml.py BRIEFING_BINARY [DATA_DIR] [--split train|dev|all] [--verbose]
For each .tml file the text inside <TEXT> is taken with its tags removed (character offsets
kept), run through `briefing extract FILE --date DCT` (DCT: the TIMEX3 whose
functionInDocument is CREATION_TIME, not itself scored), and every predicted date is compared
with the gold TIMEX3s: strict (same span) and relaxed (overlapping) precision, recall and F1,
value accuracy over relaxed matches and value-F1 (relaxed F1 times value accuracy, as
TempEval-3 computes it), overall and per type (DATE, TIME, DURATION, SET).

Every 5th file (sorted by name) is the dev-test split: rules are written looking at the
training split only (--split train, the default for --verbose); `make eval` prints both.
"""
import html
import os
import re
import sys
from concurrent.futures import ThreadPoolExecutor
from extraction import extract_text

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
TYPES = ["DATE", "TIME", "DURATION", "SET"]


def parse(path):
    """(text, dct, gold timexes) of one .tml file; offsets are into the tag-free text."""
    raw = open(path, encoding="utf-8").read()
    dct_match = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    dct = dict(ATTR.findall(dct_match.group(0)))["value"][:10]
    body = raw[raw.index("<TEXT>") + len("<TEXT>"):raw.index("</TEXT>")]
    text = []
    length = 0
    gold = []
    open_timex = None
    position = 0
    for match in TAG.finditer(body):
        chunk = html.unescape(body[position:match.start()])
        text.append(chunk)
        length += len(chunk)
        position = match.end()
        closing, name, attrs = match.group(1), match.group(2), match.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(ATTR.findall(attrs)))
        elif open_timex:
            start, attributes = open_timex
            if attributes.get("functionInDocument") != "CREATION_TIME":
                gold.append({"start": start, "end": length, "type": attributes.get("type"),
                             "value": attributes.get("value")})
            open_timex = None
    chunk = html.unescape(body[position:])
    text.append(chunk)
    text = "".join(text)
    for g in gold:
        g["text"] = text[g["start"]:g["end"]]
    return text, dct, gold


def extract(binary, text, dct):
    return extract_text(binary, text, dct)["dates"]


def prf(tp_pred, n_pred, tp_gold, n_gold):
    p = tp_pred / n_pred if n_pred else 0.0
    r = tp_gold / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def overlaps(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def score(documents):
    """Scores over all documents: a dict of measure name -> figures."""
    counts = {t: {"gold": 0, "pred": 0, "strict_p": 0, "strict_g": 0, "relaxed_p": 0, "relaxed_g": 0,
                  "matched": 0, "value_ok": 0, "type_ok": 0} for t in ["ALL"] + TYPES}
    for _, gold, pred in documents:
        for kind in ["ALL"] + TYPES:
            g = [x for x in gold if kind == "ALL" or x["type"] == kind]
            p = [x for x in pred if kind == "ALL" or x.get("type") == kind]
            c = counts[kind]
            c["gold"] += len(g)
            c["pred"] += len(p)
            spans_g = {(x["start"], x["end"]) for x in g}
            spans_p = {(x["start"], x["end"]) for x in p}
            c["strict_p"] += len(spans_p & spans_g)
            c["strict_g"] += len(spans_g & spans_p)
            c["relaxed_p"] += sum(1 for x in p if any(overlaps(x, y) for y in g))
            c["relaxed_g"] += sum(1 for y in g if any(overlaps(x, y) for x in p))
            # Attribute accuracy over matched pairs: each gold timex with its first overlapping prediction.
            for y in g:
                match = next((x for x in (pred if kind != "ALL" else p) if overlaps(x, y)), None)
                if match is None:
                    continue
                c["matched"] += 1
                c["value_ok"] += match.get("timex") == y["value"]
                c["type_ok"] += match.get("type") == y["type"]
    return counts


def report(title, counts):
    print(title)
    print(f"  {'':<10}{'n gold':>7}{'n pred':>7}  {'strict P':>8}{'R':>7}{'F1':>7}  {'relaxed P':>9}{'R':>7}{'F1':>7}"
          f"  {'value acc':>9}{'value F1':>9}{'type acc':>9}")
    for kind, c in counts.items():
        sp, sr, sf = prf(c["strict_p"], c["pred"], c["strict_g"], c["gold"])
        rp, rr, rf = prf(c["relaxed_p"], c["pred"], c["relaxed_g"], c["gold"])
        accuracy = c["value_ok"] / c["matched"] if c["matched"] else 0.0
        type_accuracy = c["type_ok"] / c["matched"] if c["matched"] else 0.0
        # TempEval-3: attribute F1 = relaxed F1 x attribute accuracy.
        print(f"  {kind:<10}{c['gold']:>7}{c['pred']:>7}  {sp:>8.3f}{sr:>7.3f}{sf:>7.3f}  {rp:>9.3f}{rr:>7.3f}{rf:>7.3f}"
              f"  {accuracy:>9.3f}{rf * accuracy:>9.3f}{type_accuracy:>9.3f}")


def main():
    args = [a for i, a in enumerate(sys.argv[1:], 1) if not a.startswith("--") and sys.argv[i - 1] != "--split"]
    binary = args[0]
    data = args[1] if len(args) > 1 else os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "timeml-train")
    verbose = "--verbose" in sys.argv
    split = "all"
    if "--split" in sys.argv:
        split = sys.argv[sys.argv.index("--split") + 1]
    elif verbose:
        split = "train"
    files = sorted(os.path.join(data, corpus, name) for corpus in ["TimeBank", "AQUAINT"]
                   if os.path.isdir(os.path.join(data, corpus))
                   for name in os.listdir(os.path.join(data, corpus)) if name.endswith(".tml"))
    if not files:
        print(f"no .tml files under {data}")
        return 1
    splits = {"train": [f for i, f in enumerate(files) if i % 5 != 4], "dev": [f for i, f in enumerate(files) if i % 5 == 4]}

    def run(path):
        text, dct, gold = parse(path)
        return path, gold, extract(binary, text, dct), text

    wanted = ["train", "dev"] if split == "all" else [split]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        for name in wanted:
            results = list(pool.map(run, splits[name]))
            report(f"TimeML {name} split ({len(results)} documents; "
                   f"{'rules written on it' if name == 'train' else 'dev-test, never looked at'}):",
                   score([(p, g, d) for p, g, d, _ in results]))
            if verbose and name == "train":
                for path, gold, pred, text in results:
                    for y in gold:
                        match = next((x for x in pred if overlaps(x, y)), None)
                        if match is None:
                            print("  missed  ", os.path.basename(path), repr(y["text"]), y["type"], y["value"])
                        elif match.get("timex") != y["value"] or (match["start"], match["end"]) != (y["start"], y["end"]):
                            print("  differs ", os.path.basename(path), repr(y["text"]), y["type"], y["value"],
                                  "got", repr(match["text"]), match.get("type"), match.get("timex"))
                    for x in pred:
                        if not any(overlaps(x, y) for y in gold):
                            print("  spurious", os.path.basename(path), repr(x["text"]), x.get("type"), x.get("timex"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
