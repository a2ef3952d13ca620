# Two commands do everything: `make` (environment + main job) and `make test`.
# Needs only Python 3.11, pip and make; every package comes pinned from uv.lock.

PYTHON ?= python3
VENV := .venv
UV := $(VENV)/bin/uv
UV_VERSION := 0.13.8
TABLES := $(VENV)/bin/tables

# uv: trust the system's certificates (TLS proxies), compile bytecode once at
# install time (imports are ~4x faster), never download a Python.
export UV_SYSTEM_CERTS := 1
export UV_COMPILE_BYTECODE := 1
export UV_PYTHON_DOWNLOADS := never
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

.PHONY: all env validate check figures figures-manifest notebooks site lab list test lint clean
.DEFAULT_GOAL := all

all: validate check figures notebooks site list

# The environment is rebuilt whenever the lock file changes.
$(VENV)/.synced: uv.lock pyproject.toml
	@test -x $(UV) || { $(PYTHON) -m venv $(VENV) && $(VENV)/bin/pip install --quiet --no-cache-dir --disable-pip-version-check uv==$(UV_VERSION); }
	$(UV) sync --frozen --quiet
	$(VENV)/bin/python -c "from tables.notebooks import ensure_kernel; ensure_kernel()"
	@touch $@

env: $(VENV)/.synced

validate: env
	$(TABLES) validate

# The claims table goes to the terminal; JSON, markdown, HTML and the errata to build/reports/.
check: env
	$(TABLES) check --reports build/reports

# Figures must match the committed manifest byte for byte; after reviewing an
# intended change, `make figures-manifest` records the new hashes.
figures: env
	$(TABLES) figures --out build/figures
	@diff -u figures.sha256 build/figures/SHA256SUMS >/dev/null \
	  && echo "figures match figures.sha256" \
	  || { echo "figures differ from figures.sha256: look at them, then run make figures-manifest"; exit 1; }

figures-manifest: env
	$(TABLES) figures --out build/figures
	cp build/figures/SHA256SUMS figures.sha256

# Every notebook executed (errors and printed warnings fail), exported to HTML.
notebooks: env
	$(TABLES) notebooks --out build/notebooks

# build/index.html links every notebook, figure and report.
site: env
	$(TABLES) site build

# JupyterLab on the project's environment, with its registered kernel.
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root,)
lab: env
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(LAB_FLAGS)

list: env
	$(TABLES) list

test: env
	$(VENV)/bin/ruff check src tests
	$(TABLES) fmt --check
	$(VENV)/bin/pytest -n 2 -q

lint: env
	$(VENV)/bin/ruff check src tests
	$(VENV)/bin/ruff format --check src tests

clean:
	rm -rf $(VENV) build .pytest_cache .ruff_cache .hypothesis
