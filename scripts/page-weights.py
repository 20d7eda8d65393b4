#!/usr/bin/env python3
"""The heaviest pages of a built site and how long they take to load in headless Chromium.

usage: page-weights.py SITE_FOLDER [--top K] [--runs R] [--budget-kb KB] [--screenshots DIR PAGE...]

Lists the K largest HTML files (default 5), serves the folder over http on 127.0.0.1 and opens
each of them R times (default 3) in a fresh headless Chromium tab with the cache disabled. The
load time is the median of: navigation start to the end of the load event (the page parsed, laid
out, its deferred scripts run), plus the time to force a full layout afterwards (what a reader
waits for before the page answers a scroll or a click). Prints one line a page and, last, a line
`largest: PATH SIZE_KB load MS` that `scripts/bench.py` reads. Needs selenium (the project's
`.venv`, `make browser-deps`) and /usr/bin/chromium. Exit status 1 when a page exceeds the budget
(default 300 KB).
"""
import functools
import http.server
import os
import statistics
import sys
import threading
import time


def largest_pages(site, top):
    pages = []
    for folder, _, files in os.walk(site):
        for name in files:
            if name.endswith(".html"):
                path = os.path.join(folder, name)
                pages.append((os.path.getsize(path), os.path.relpath(path, site)))
    pages.sort(key=lambda p: (-p[0], p[1]))
    return pages, pages[:top]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site):
    handler = functools.partial(_Quiet, directory=site)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def driver():
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    options = Options()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1280,900", "--disable-extensions", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"):
        options.add_argument(arg)
    d = webdriver.Chrome(options=options, service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")))
    d.set_page_load_timeout(120)
    d.execute_cdp_cmd("Network.enable", {})
    d.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
    return d


def load_ms(d, url, runs):
    times = []
    for _ in range(runs):
        d.get("about:blank")
        d.get(url)  # returns after the load event
        ms = d.execute_script("""
            var t = performance.getEntriesByType('navigation')[0];
            var before = performance.now();
            document.documentElement.getBoundingClientRect();
            document.body.offsetHeight;
            return t.loadEventEnd + (performance.now() - before);""")
        times.append(ms)
    return statistics.median(times)


def screenshot(d, url, path, width=1280, max_height=6000):
    import base64
    d.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                      {"width": width, "height": 900, "deviceScaleFactor": 1, "mobile": False})
    d.get(url)
    metrics = d.execute_cdp_cmd("Page.getLayoutMetrics", {})
    size = metrics.get("cssContentSize") or metrics["contentSize"]
    height = min(int(size["height"]), max_height)
    shot = d.execute_cdp_cmd("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}})
    with open(path, "wb") as f:
        f.write(base64.b64decode(shot["data"]))
    d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def main():
    args = sys.argv[1:]
    site = os.path.abspath(args[0])
    top = int(args[args.index("--top") + 1]) if "--top" in args else 5
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 3
    budget = int(args[args.index("--budget-kb") + 1]) if "--budget-kb" in args else 300
    shots = []
    if "--screenshots" in args:
        at = args.index("--screenshots")
        shots = args[at + 1:]
    everything, heaviest = largest_pages(site, top)
    total = sum(size for size, _ in everything)
    print(f"{len(everything):,} HTML pages, {total / 1024 / 1024:.1f} MB; the {len(heaviest)} largest:")
    server, base = serve(site)
    d = driver()
    try:
        loads = []
        for size, rel in heaviest:
            ms = load_ms(d, base + rel, runs)
            loads.append(ms)
            print(f"  {size / 1024:9.1f} KB  {ms:8.0f} ms  {rel}")
        if shots:
            folder = shots[0]
            os.makedirs(folder, exist_ok=True)
            for spec in shots[1:]:
                name, rel = spec.split("=", 1)
                screenshot(d, base + rel, os.path.join(folder, name + ".png"))
                print(f"  screenshot {name}.png: {rel}")
    finally:
        d.quit()
        server.shutdown()
    size, rel = heaviest[0]
    print(f"largest: {rel} {size / 1024:.1f} KB load {loads[0]:.0f} ms; slowest of the {len(heaviest)}: {max(loads):.0f} ms")
    over = [(s, r) for s, r in everything if s > budget * 1024]
    if over:
        print(f"{len(over)} pages over {budget} KB")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
