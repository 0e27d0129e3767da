# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install dev lint typecheck bench eval smoke minimal clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

dev: install
	$(BIN)/pip install -q torch==2.13.0  # the CPU build; the semantic extra would otherwise pull a CUDA one
	$(BIN)/pip install -q -e ".[postgres,serve,dask,train,parquet,semantic,transformer]"
	$(BIN)/pip install -q --group dev 2>/dev/null || $(BIN)/pip install -q pytest pytest-xdist hypothesis mypy==2.4.1 ruff==0.17.6 jsonschema networkx psutil httpx schemathesis playwright

demo: install
	$(BIN)/according analyze examples/iran-missiles-iraq.txt

lint: dev
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: dev lint
	$(BIN)/pytest -n 2 -q

# The core tests again with no extra installed (STYLE.md: trafilatura's `minimal` pass): what needs an
# extra must skip cleanly or say which extra to install, never crash on an import.
MINIMAL := $(abspath .minimal-venv)
minimal:
	rm -rf $(MINIMAL) && $(PY) -m venv $(MINIMAL)
	$(MINIMAL)/bin/pip install -q --upgrade pip
	$(MINIMAL)/bin/pip install -q -e . pytest pytest-xdist hypothesis jsonschema
	env -u ACCORDING_TEST_POSTGRES $(MINIMAL)/bin/pytest -n 2 -q -p no:cacheprovider  # psycopg is an extra

# The built wheel, installed without extras or dev tools into a fresh venv, must run (STYLE.md: smoke test).
SMOKE := $(abspath .smoke-venv)
smoke: install
	rm -rf $(SMOKE) dist && $(PY) -m venv $(SMOKE)
	$(SMOKE)/bin/pip install -q --upgrade pip
	$(BIN)/pip wheel -q --no-deps -w dist .
	$(SMOKE)/bin/pip install -q dist/according-*.whl
	cd /tmp && $(SMOKE)/bin/according --help > /dev/null
	cd /tmp && $(SMOKE)/bin/according analyze $(abspath examples/iran-missiles-iraq.txt) --format json \
		| $(SMOKE)/bin/python -c "import json, sys; assert json.load(sys.stdin)['schema'] == 'according.ledger/2'"
	@echo "smoke: the wheel installs and runs"

eval: install
	$(BIN)/according eval attribution ../shared/data/polnear/data/dev
	$(BIN)/according eval attribution ../shared/data/gold

bench: install
	$(BIN)/python benchmarks/bench_analyze.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
