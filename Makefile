# Two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: demo test fuzz bench docs clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

demo: $(STAMP)
	@echo "== translate-kit entities examples/"
	$(BIN)/translate-kit entities examples/
	@echo
	@echo "== translate-kit check examples/ (findings are expected here; the demo exits 0)"
	$(BIN)/translate-kit check examples/ --fail-on never

test: $(TSTAMP)
	$(BIN)/python -m pytest -q

# Property-based fuzzing of every loader and of check, thousands of examples each (a few
# run in `make test`).
fuzz: $(TSTAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py

bench: $(STAMP)
	$(BIN)/python bench/pipeline_bench.py

docs: $(STAMP)
	$(BIN)/python -m translate_kit.docs --write README.md

clean:
	rm -rf $(VENV) .pytest_cache .translate_kit_cache .hypothesis
