#!/usr/bin/env python3
"""Scores the entities of `briefing extract` against GMB's held-out split and re3d-dev.

usage: eval-ner.py BRIEFING_BINARY [--gmb ner_dataset.csv] [--re3d re3d-dev-folder] [--verbose]

GMB: the held-out split is every 10th sentence (the same one `briefing train-tagger` never
trains on), put into documents of 20 sentences, 5 to a paragraph, under a title line. Gold
spans follow the importer's conventions: `tim` is not an entity (dates are another
component's), and a person's span starts after its titles ("President George Bush" is
"George Bush"), with the title list read from Data/language.txt.

re3d: Person, Organisation, Location and Nationality are scored; the other types (Temporal,
Weapon, Money, Quantity...) are not entities of the importer, and a predicted entity that
overlaps only such a gold span counts neither for nor against.

Prints, per set, exact-span and overlap precision/recall/F1 and kind accuracy (of predicted
entities that overlap a gold entity, the share whose kind fits the gold type).
"""
import csv
import json
import os
import re
import sys
from extraction import extract_text

HERE = os.path.dirname(os.path.abspath(__file__))
GMB_KINDS = {"per": {"person"}, "org": {"organization"}, "geo": {"place", "country"},
             "gpe": {"country", "place", "group"}, "eve": {"event"}, "art": {"other", "agreement", "event"},
             "nat": {"other"}}
RE3D_KINDS = {"Person": {"person"}, "Organisation": {"organization"}, "Location": {"place", "country"},
              "Nationality": {"group"}}


def titles():
    """The [titles] section of Data/language.txt, the importer's title list."""
    words, section = set(), None
    for line in open(os.path.join(HERE, "..", "Data", "language.txt"), encoding="utf-8"):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            section = line[1:-1]
        elif section == "titles":
            words.add(line.lower())
    return words


def extract(binary, text, date="2010-01-01"):
    return extract_text(binary, text, date)["entities"]


def gmb_documents(path):
    """Held-out sentences as documents: (text, gold entities with start, end, type)."""
    title_words = titles()
    sentences = []
    with open(path, encoding="utf-8") as handle:
        rows = csv.reader(handle)
        next(rows)
        for row in rows:
            if len(row) < 4:
                continue
            if row[0]:
                sentences.append([])
            if row[1].strip():
                sentences[-1].append((row[1].strip(), row[3]))
    held_out = [s for i, s in enumerate(sentences) if i % 10 == 9]
    documents = []
    for start in range(0, len(held_out), 20):
        text = f"Held-out news sentences {start // 20 + 1}\n\n"
        gold = []
        for n, sentence in enumerate(held_out[start:start + 20]):
            if n and n % 5 == 0:
                text += "\n\n"
            elif n:
                text += " "
            spans = []  # [start, end, type, first word index]
            for index, (word, tag) in enumerate(sentence):
                if index:
                    text += " "
                begin = len(text)
                text += word
                if tag.startswith("B-") or (tag.startswith("I-") and (not spans or spans[-1][2] != tag[2:] or spans[-1][4] != index - 1)):
                    spans.append([begin, len(text), tag[2:], index, index])
                elif tag.startswith("I-"):
                    spans[-1][1] = len(text)
                    spans[-1][4] = index
            for begin, end, kind, first, last in spans:
                if kind == "tim":
                    continue
                if kind == "per":
                    # Titles are not part of names (see the module doc).
                    while first < last and sentence[first][0].lower().rstrip(".") in title_words:
                        begin += len(sentence[first][0]) + 1
                        first += 1
                gold.append({"start": begin, "end": end, "type": kind})
        documents.append((text, gold))
    return documents


def re3d_documents(folder):
    documents = []
    for source in sorted(os.listdir(folder)):
        base = os.path.join(folder, source)
        if not os.path.isfile(os.path.join(base, "documents.json")):
            continue
        texts = {}
        for line in open(os.path.join(base, "documents.json"), encoding="utf-8"):
            if line.strip():
                doc = json.loads(line)
                texts[doc["_id"]] = doc["text"]
        gold = {key: [] for key in texts}
        for line in open(os.path.join(base, "entities.json"), encoding="utf-8"):
            if line.strip():
                entity = json.loads(line)
                gold[entity["documentId"]].append({"start": entity["begin"], "end": entity["end"], "type": entity["type"]})
        for key in sorted(texts):
            # A title line first, as an article pasted from a page has; it holds no gold entities.
            documents.append(("Document\n\n" + texts[key],
                              [dict(g, start=g["start"] + 10, end=g["end"] + 10) for g in gold[key]]))
    return documents


def score(binary, documents, kinds, verbose=False):
    counts = dict(pred=0, gold=0, exact_p=0, exact_g=0, over_p=0, over_g=0, kind_ok=0, kind_n=0)
    for text, gold in documents:
        scored = [g for g in gold if g["type"] in kinds]
        ignored = [g for g in gold if g["type"] not in kinds]
        predicted = extract(binary, text)

        def overlaps(a, b):
            return a["start"] < b["end"] and b["start"] < a["end"]
        kept = [p for p in predicted if any(overlaps(p, g) for g in scored) or not any(overlaps(p, g) for g in ignored)]
        exact = {(g["start"], g["end"]) for g in scored}
        counts["pred"] += len(kept)
        counts["gold"] += len(scored)
        counts["exact_p"] += sum(1 for p in kept if (p["start"], p["end"]) in exact)
        counts["exact_g"] += len(exact & {(p["start"], p["end"]) for p in kept})
        counts["over_g"] += sum(1 for g in scored if any(overlaps(p, g) for p in kept))
        for p in kept:
            matches = [g for g in scored if overlaps(p, g)]
            if not matches:
                if verbose:
                    print(f"  extra: {p['text']!r} ({p['kind']})")
                continue
            counts["over_p"] += 1
            best = max(matches, key=lambda g: min(p["end"], g["end"]) - max(p["start"], g["start"]))
            counts["kind_n"] += 1
            if p["kind"] in kinds[best["type"]]:
                counts["kind_ok"] += 1
            elif verbose:
                print(f"  kind: {p['text']!r} {p['kind']} (gold {best['type']})")
        if verbose:
            for g in scored:
                if not any(overlaps(p, g) for p in kept):
                    print(f"  missed: {text[g['start']:g['end']]!r} ({g['type']})")

    def prf(tp_p, tp_g):
        p = tp_p / counts["pred"] if counts["pred"] else 0.0
        r = tp_g / counts["gold"] if counts["gold"] else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)
    print(f"{'measure':22} {'precision':>9} {'recall':>9} {'F1':>9}")
    for name, (tp_p, tp_g) in [("entity exact span", (counts["exact_p"], counts["exact_g"])),
                               ("entity overlap", (counts["over_p"], counts["over_g"]))]:
        p, r, f = prf(tp_p, tp_g)
        print(f"{name:22} {p:9.3f} {r:9.3f} {f:9.3f}")
    accuracy = counts["kind_ok"] / counts["kind_n"] if counts["kind_n"] else 0.0
    print(f"{'kind accuracy':22} {'':>9} {'':>9} {accuracy:9.3f}   ({counts['gold']} gold, {counts['pred']} predicted)")


def main():
    args = sys.argv[1:]
    if not args:
        sys.exit(__doc__)
    binary = args[0]
    verbose = "--verbose" in args
    gmb = args[args.index("--gmb") + 1] if "--gmb" in args else "../shared/data/gmb/ner_dataset.csv"
    re3d = args[args.index("--re3d") + 1] if "--re3d" in args else "../shared/data/re3d-dev"
    if os.path.exists(gmb):
        print("GMB held-out split (every 10th sentence; never trained on):")
        score(binary, gmb_documents(gmb), GMB_KINDS, verbose)
    else:
        print(f"no GMB data at {gmb}")
    if os.path.isdir(re3d):
        print("\nre3d-dev (Person, Organisation, Location, Nationality):")
        score(binary, re3d_documents(re3d), RE3D_KINDS, verbose)
    else:
        print(f"no re3d data at {re3d}")


if __name__ == "__main__":
    main()
