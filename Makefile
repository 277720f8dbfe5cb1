# Two commands set everything up: `make demo` and `make test`.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
TSTAMP := $(VENV)/.installed-test

.PHONY: demo test lint fuzz bench docs messages clean pure

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(TSTAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP)

# The hot modules (translate_kit/accel.py) compiled in place with mypyc, rebuilt when one
# changes; without a C compiler the sources run, slower, with the same findings.
COMPILED  := $(VENV)/.compiled
ACCEL_SRC := $(shell $(PYTHON) -c "import ast; t = ast.parse(open('translate_kit/accel.py').read()); \
	print(' '.join(m.replace('.', '/') + '.py' for n in t.body if isinstance(n, ast.Assign) \
	and getattr(n.targets[0], 'id', '') == 'COMPILED' for m in ast.literal_eval(n.value)))")

$(COMPILED): translate_kit/accel.py $(ACCEL_SRC) | $(STAMP)
	@echo "== compiling $(words $(ACCEL_SRC)) modules with mypyc (log: $(VENV)/compile.log)"
	@if $(BIN)/python -m pip install --quiet "mypy>=1.11" "setuptools>=68" wheel > $(VENV)/compile.log 2>&1 \
	    && TRANSLATE_KIT_COMPILE=1 $(BIN)/python setup.py -q build_ext --inplace >> $(VENV)/compile.log 2>&1; then \
	  echo "   compiled"; \
	else \
	  find translate_kit -name '*.so' -delete; rm -f translate_kit/.compiled-from; \
	  echo "   could not compile them (no C compiler or Python headers?): the sources run instead, slower"; \
	fi
	@touch $@

# Bytecode of every module, as pip writes for a regular install (an editable one has none,
# and with PYTHONDONTWRITEBYTECODE each run compiles every module again: 30 ms a run).
BYTECODE := $(VENV)/.bytecode
$(BYTECODE): $(shell find translate_kit -name '*.py') | $(STAMP)
	@$(BIN)/python -m compileall -q translate_kit > /dev/null
	@touch $@

# Remove the compiled modules (the sources run; `make` builds them again).
pure:
	find translate_kit -name '*.so' -delete
	rm -f $(COMPILED) translate_kit/.compiled-from

demo: $(STAMP) $(COMPILED) $(BYTECODE)
	@echo "== translate-kit entities examples/"
	$(BIN)/translate-kit entities examples/
	@echo
	@echo "== translate-kit check examples/ (findings are expected here; the demo exits 0)"
	$(BIN)/translate-kit check examples/ --fail-on never

test: lint $(COMPILED) $(BYTECODE)
	$(BIN)/python -m pytest -q

# the layers contract (pyproject.toml), pyflakes/bugbear, and types of the core
lint: $(TSTAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check translate_kit
	$(BIN)/mypy
# Property-based fuzzing of every loader and of check, thousands of examples each (a few
# run in `make test`).
fuzz: $(TSTAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_fuzz.py

bench: $(STAMP)
	$(BIN)/python bench/pipeline_bench.py

docs: $(STAMP)
	$(BIN)/python -m translate_kit.docs --write README.md

# The tool's own messages: extract the template, merge it into each translation.
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg --project translate-kit --version 0.1.0 --msgid-bugs-address "" \
		--sort-by-file -o locales/translate_kit.pot .
	for po in locales/*/LC_MESSAGES/translate_kit.po; do [ -f "$$po" ] || continue; \
		$(BIN)/pybabel update -D translate_kit -i locales/translate_kit.pot -o $$po -l $$(basename $$(dirname $$(dirname $$po))); \
	done

clean:
	rm -rf $(VENV) .pytest_cache .translate_kit_cache .hypothesis build
	find translate_kit -name '*.so' -delete; rm -f translate_kit/.compiled-from
