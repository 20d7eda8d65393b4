# Briefing: `make site` builds the example site into Output/, `make test` runs every check.
SWIFT ?= swift
CONFIG ?= release
BIN := .build/$(CONFIG)/briefing
DEBUG_BIN := .build/debug/briefing
PYTHON ?= python3

.PHONY: all deps build site test swift-test site-check serve-test embed theme eval clean

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

site: build
	$(BIN) build .

# Regenerate the data compiled into the binary: the default theme and the gazetteer.
embed theme:
	$(PYTHON) scripts/embed-resources.py

test: deps swift-test site-check serve-test

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

# Entity and date extraction scored against the hand-annotated seed, and its speed (release build).
SEED ?= ../shared/seed/000_61f6ed9a578ca843.txt
eval: build
	$(PYTHON) scripts/eval.py $(BIN) Tests/Fixtures/eval/seed.gold.json $(SEED)

clean:
	rm -rf .build Output
