# Two commands do everything: `make` (environment + main job) and `make test`.
# Needs only Python 3.11, pip and make; every package comes pinned from uv.lock.
#
# The build is incremental. Each step leaves a stamp in build/stamps/ and, in
# build/deps/, the files its output was really made from (the code it ran and
# the data it read), which Make reads back as prerequisites. So a `make` with
# nothing changed runs no command at all; after an edit, only the steps that
# read the edited file run, and inside them `tables figures` and `tables
# notebooks` redo only the figures and notebooks whose own inputs changed. A
# step that fails leaves no stamp, so it runs (and fails) again next time.

PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.8
TABLES := $(VENV)/bin/tables
ENV := $(VENV)/.synced
STAMPS := build/stamps
DEPS := build/deps

# uv: trust the system's certificates (TLS proxies), compile bytecode once at
# install time (imports are ~4x faster), never download a Python.
export UV_SYSTEM_CERTS := 1
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

# A step that fails loses the file it was writing, so it runs again next time.
.DELETE_ON_ERROR:

.PHONY: all build-all env validate check figures figures-manifest paper notebooks site lab list test lint release serve e2e \
	bench scale clean clean-build
.DEFAULT_GOAL := all

# The figures and the notebooks are independent of each other: Make runs them side
# by side (each also runs its own two workers), after the data are valid and checked.
all:
	@$(MAKE) --no-print-directory -j2 build-all

build-all: validate check figures notebooks site
	@:

# What each step read last time (absent before the first build: the steps run).
-include $(DEPS)/validate.mk $(DEPS)/check.mk $(DEPS)/figures.mk $(DEPS)/notebooks.mk

# Every step also reruns when the command-line front end changes.
CLI := src/tables/cli.py
# Files of the package: a new one is noticed even before any step has listed it.
DATA := $(wildcard data/tables/*.json data/tables/*.csv data/tables/*/*)

# The environment is rebuilt whenever the lock file changes.
$(ENV): uv.lock pyproject.toml
	@test -x $(UV) || { $(PYTHON) -m venv $(VENV) && $(VENV)/bin/pip install --quiet --no-cache-dir --disable-pip-version-check uv==$(UV_VERSION); }
	$(UV) sync --frozen --quiet
	$(VENV)/bin/python -c "from tables.notebooks import ensure_kernel; ensure_kernel()"
	@touch $@

env: $(ENV)

validate: $(STAMPS)/validate
$(STAMPS)/validate: $(ENV) $(CLI) $(DATA) $(VALIDATE_INPUTS)
	$(TABLES) validate --deps $(DEPS)/validate.mk
	@mkdir -p $(@D) && touch $@

# A short summary goes to the terminal; every claim, in JSON, CSV, markdown and
# HTML, and the errata go to build/reports/. A changed verdict fails the step.
check: $(STAMPS)/check
$(STAMPS)/check: $(STAMPS)/validate $(CLI) $(DATA) $(CHECK_INPUTS)
	$(TABLES) check --no-validate --format summary --reports build/reports --deps $(DEPS)/check.mk
	@mkdir -p $(@D) && touch $@

# The default profile's figures (build/figures) must match figures/default.sha256 byte
# for byte; `make paper` does the same for every other profile of figures/profiles.toml
# (build/figures/PROFILE against figures/PROFILE.sha256). After reviewing an intended
# change, `make figures-manifest` records the new hashes of every profile.
PROFILES_FILE := figures/profiles.toml
figures: $(STAMPS)/figures
build/figures/SHA256SUMS: $(ENV) $(CLI) $(FIGURES_INPUTS) $(PROFILES_FILE) | $(STAMPS)/validate
	$(TABLES) figures --deps $(DEPS)/figures.mk
$(STAMPS)/figures: build/figures/SHA256SUMS figures/default.sha256 figures/default.pixels.sha256
	$(TABLES) figures --verify
	@mkdir -p $(@D) && touch $@

# Every profile: the journal's files (600 dpi TIFF and EPS at one and two columns).
paper: $(STAMPS)/validate
	$(TABLES) figures --profile all
	$(TABLES) figures --profile all --verify

figures-manifest: $(STAMPS)/validate
	$(TABLES) figures --profile all
	$(TABLES) figures --profile all --record

# Every notebook executed (errors and printed warnings fail), exported to HTML.
notebooks: $(STAMPS)/notebooks
$(STAMPS)/notebooks: $(ENV) $(CLI) $(NOTEBOOKS_INPUTS) $(wildcard notebooks/*.ipynb) | $(STAMPS)/validate
	$(TABLES) notebooks --out build/notebooks --deps $(DEPS)/notebooks.mk
	@mkdir -p $(@D) && touch $@

# build/index.html links every notebook, figure and report.
site: build/index.html
build/index.html: $(STAMPS)/check $(STAMPS)/figures $(STAMPS)/notebooks src/tables/site.py src/tables/views.py $(DATA)
	$(TABLES) site build

# A versioned archive of the valid, checked data, with checksums, licence and citation.
release: $(STAMPS)/check
	$(TABLES) release --out build/release

# The package as a SQLite database, browsed with Datasette on this machine only
# (http://127.0.0.1:8001): every resource a table, foreign keys as links, facets on
# the checked claims' verdicts.
serve: $(STAMPS)/check
	$(TABLES) export sqlite build/tables.sqlite --metadata build/tables.metadata.json
	$(VENV)/bin/datasette serve build/tables.sqlite --metadata build/tables.metadata.json \
		--host 127.0.0.1 --port 8001

# The real clients: in a browser (Debian's chromium; Playwright drives it), every
# notebook run in JupyterLab through its Run menu, the site's every link and image,
# Datasette's every table and facets; and R reading the package with readr. Missing
# Debian packages are installed (as root) first; here a missing R fails, not skips.
# Screenshots in build/e2e/.
E2E_DEBIAN := chromium r-base-core r-cran-readr r-cran-jsonlite
e2e: all
	@missing=$$(for p in $(E2E_DEBIAN); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then \
			echo "make e2e needs these Debian packages: $$(echo $$missing); install them as root (apt-get install)" >&2; \
			exit 1; fi; \
		echo "installing $$(echo $$missing)"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; fi
	TABLES_E2E=1 $(VENV)/bin/pytest -q -p no:xdist tests/e2e tests/test_r_client.py

# JupyterLab on the project's environment, with its registered kernel.
LAB_FLAGS = $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: $(ENV)
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(LAB_FLAGS)

list: $(ENV)
	$(TABLES) list

test: $(ENV)
	$(VENV)/bin/ruff check src tests benchmarks
	$(TABLES) fmt --check
	$(VENV)/bin/pytest -n 2 -q

lint: $(ENV)
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks

# Measurements, not tests: each command against a floor measured in the same run,
# median of 5 -> build/bench.md (about 15 min; BENCH_FLAGS=--quick for 3 runs); then the
# checker's false alarms and detections on generated tables -> build/validity.md (1-2 min).
bench: $(ENV)
	$(VENV)/bin/python benchmarks/bench.py --out build/bench.md $(BENCH_FLAGS)
	$(VENV)/bin/python benchmarks/validity.py --out build/validity.md

# validate and check on synthetic packages at 1x, 10x, 100x -> build/scale.md (about 5 min).
scale: $(ENV)
	$(VENV)/bin/python benchmarks/scale.py --out build/scale.md

# Everything generated, but not the environment.
clean-build:
	rm -rf build

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache .hypothesis
