#!/usr/bin/env python3
"""The benchmark corpus as a site for the picture tests: ../shared/bench/make_corpus.py's N
briefings, with `coordinates` added to its countries and places (its names are invented, so no
map data knows them; an editor would write them the same way).

usage: bench-site.py N OUTDIR      writes OUTDIR/briefing/Content (and the corpus' other parts)

Coordinates are deterministic (a hash of the slug) and fall inside boxes drawn over land, so the
map looks like a real one: Europe, the Middle East, Africa, Asia, the Americas, Australia.
"""
import hashlib
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CORPUS = os.path.join(os.path.dirname(ROOT), "shared", "bench", "make_corpus.py")
# (south, north, west, east): boxes that lie mostly on land.
LAND = [(44, 54, 0, 30), (36, 44, -8, 3), (30, 38, 36, 60), (8, 30, -8, 30), (-28, -2, 14, 34), (45, 60, 40, 90),
        (24, 40, 100, 118), (18, 28, 74, 86), (35, 48, -120, -82), (-30, -5, -65, -42), (-32, -20, 118, 148)]


def main():
    n, out = sys.argv[1], sys.argv[2]
    subprocess.run([sys.executable, CORPUS, n, out], check=True)
    entities = os.path.join(out, "briefing", "Content", "entities")
    placed = 0
    for name in sorted(os.listdir(entities)):
        path = os.path.join(entities, name)
        text = open(path, encoding="utf-8").read()
        if "\ncoordinates:" in text or not re.search(r"^kind: *[\x27\"]?(place|country)[\x27\"]? *\r?$", text, re.M):
            continue
        digest = hashlib.sha256(name.encode()).digest()
        south, north, west, east = LAND[digest[0] % len(LAND)]
        lat = south + (north - south) * int.from_bytes(digest[1:5], "big") / 2**32
        lon = west + (east - west) * int.from_bytes(digest[5:9], "big") / 2**32
        text = text.replace("\n---\n", f"\ncoordinates: {{lat: {lat:.4f}, lon: {lon:.4f}}}\n---\n", 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        placed += 1
    print(f"bench site: {n} briefings in {out}/briefing, coordinates for {placed} countries and places")


if __name__ == "__main__":
    main()
