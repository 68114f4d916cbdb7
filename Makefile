# Two commands do everything on a fresh machine: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test lint bench clean catalogs

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

build: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(BIN)/redline build

test: $(STAMP)
	$(BIN)/ruff check redline tests scripts bench
	$(BIN)/mypy
	NO_MKDOCS_2_WARNING=1 $(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check redline tests scripts bench
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/run.py

catalogs: $(STAMP)
	$(BIN)/redline i18n update

clean:
	rm -rf site build .pytest_cache .redline-cache
