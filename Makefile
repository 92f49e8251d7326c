# The README's two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Test-only JavaScript for the browser tests: axe-core (MPL-2.0), pinned in tests/browser/package-lock.json.
NPM ?= npm
AXE_STAMP := tests/browser/node_modules/.installed
PORT ?= 8000

.PHONY: run test lint typecheck check bench clean

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev,evidence]'
	touch $(STAMP)

$(AXE_STAMP): tests/browser/package.json tests/browser/package-lock.json
	cd tests/browser && $(NPM) ci --no-audit --no-fund --ignore-scripts
	touch $(AXE_STAMP)

run: $(STAMP)
	$(BIN)/sanctuary serve --host 127.0.0.1 --port $(PORT)

test: $(STAMP) $(AXE_STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/sanctuary lint
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/sanctuary lint

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/engine_bench.py

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache tests/browser/node_modules
