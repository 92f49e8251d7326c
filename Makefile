# The README's two commands: `make run` and `make test`. Both create .venv on first use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PORT ?= 8000

.PHONY: run test lint typecheck check bench clean messages messages-extract messages-update messages-compile messages-check axe
LOCALE_DIR := src/sanctuary/locale
AXE_DIR := tests/browser/axe
AXE := $(AXE_DIR)/node_modules/axe-core/axe.min.js

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c requirements.lock -e '.[dev,evidence]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/sanctuary serve --host 127.0.0.1 --port $(PORT)

test: $(STAMP) $(AXE)
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

# Translations (docs/i18n.md). `make messages` = extract the marked strings, merge them into en/es/fr, fill English.
messages-extract: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --no-wrap --add-location=file --sort-by-file \
	  --project=Sanctuary --copyright-holder="The Sanctuary developers" -o $(LOCALE_DIR)/messages.pot src/sanctuary

messages-update: messages-extract
	$(BIN)/pybabel update -i $(LOCALE_DIR)/messages.pot -d $(LOCALE_DIR) --no-wrap --ignore-obsolete --no-fuzzy-matching
	$(BIN)/python -m sanctuary.i18n.tools fill-en

messages: messages-update messages-check

# Optional: the app compiles a stale or missing .mo in memory from its .po (the .mo files are not committed).
messages-compile: $(STAMP)
	$(BIN)/pybabel compile -d $(LOCALE_DIR) --statistics

messages-check: $(STAMP)
	$(BIN)/python -m sanctuary.i18n.tools check

# axe-core for the browser accessibility checks, pinned by tests/browser/axe/package-lock.json.
axe: $(AXE)
$(AXE): $(AXE_DIR)/package.json $(AXE_DIR)/package-lock.json
	cd $(AXE_DIR) && npm ci --no-audit --no-fund --ignore-scripts
	touch $(AXE)

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache $(AXE_DIR)/node_modules
