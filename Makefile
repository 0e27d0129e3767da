# Two commands on a fresh machine: `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: demo test install dev lint typecheck bench eval clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

install: $(BIN)/python
	$(BIN)/pip install -q -e .

dev: install
	$(BIN)/pip install -q -e ".[postgres,serve,dask]"
	$(BIN)/pip install -q --group dev 2>/dev/null || $(BIN)/pip install -q pytest pytest-xdist hypothesis mypy==2.4.1 ruff==0.17.6 jsonschema httpx schemathesis playwright

demo: install
	$(BIN)/according analyze examples/iran-missiles-iraq.txt

lint: dev
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy

test: dev lint
	$(BIN)/pytest -n 2 -q

eval: install
	$(BIN)/according eval attribution ../shared/data/polnear/data/dev
	$(BIN)/according eval attribution ../shared/data/gold

bench: install
	$(BIN)/python benchmarks/bench_analyze.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
