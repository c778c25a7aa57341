# Two commands on a fresh machine: `make publish` and `make test` (each sets everything up first).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: publish test fuzz bench lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

publish: $(STAMP)
	$(BIN)/migration-lod build --seeds seeds --out output

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The property and fuzz tests with many more examples, at random (FUZZ_EXAMPLES scales them).
fuzz: $(STAMP)
	HYPOTHESIS_PROFILE=fuzz $(BIN)/python -m pytest -q tests/test_robust_pages.py tests/test_fuzz_converters.py

# make bench [BENCH_SIZES=1000,10000] [BENCH_ARGS="--jobs 2 --limit 60"]: see `python -m bench --help`.
# The project's modules are compiled first, as a regular install does (an editable one does not, and where
# PYTHONDONTWRITEBYTECODE is set, as on the machine of bench/results, each `validate` would compile them again).
bench: $(STAMP)
	$(BIN)/python -m compileall -q converters publisher bench
	$(BIN)/python -m bench $(if $(BENCH_SIZES),--sizes $(BENCH_SIZES)) $(BENCH_ARGS)
	$(BIN)/migration-lod build --seeds seeds --out output
	$(BIN)/python -m bench.load --out output

lint: $(STAMP)
	$(BIN)/ruff check converters publisher tests

clean:
	rm -rf $(VENV) .pytest_cache
