# TreatyKB tasks. `make serve` and `make test` are the two commands of the README.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: help setup serve test lint typecheck check import docs

help: ## list the tasks
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/'

$(BIN)/treatykb: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	-cd site/vendor && npm install --no-audit --no-fund --silent  # map boundaries; pages work without
	@touch $@

setup: $(BIN)/treatykb ## create .venv and install TreatyKB with its development tools

serve: setup ## set up, then serve the knowledge base on http://127.0.0.1:8000
	$(BIN)/treatykb serve

lint: setup ## ruff, and the import contracts of pyproject.toml (import-linter)
	$(BIN)/ruff check kb api tests $(wildcard bench)
	$(BIN)/lint-imports

typecheck: setup ## mypy --strict on kb and api
	$(BIN)/mypy

check: setup ## validate the knowledge base (strict load, SHACL, canonical Turtle, OWL/HermiT)
	$(BIN)/treatykb check

test: lint typecheck check ## everything CI runs: lint, types, KB validation, then the test suite
	$(BIN)/pytest -q

import: setup ## rebuild kb/data from kb/sources
	$(BIN)/treatykb import

docs: setup ## ontology documentation (pyLODE) into site/_build/ontology
	$(BIN)/treatykb docs
