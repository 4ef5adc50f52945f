# Two entry points for a fresh machine: `make demo` and `make test` (see README.md).
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
DB     ?= detente.db
SAMPLES := samples/corpus

.PHONY: demo test lint env dev-env bench eval clean

$(BIN)/.runtime: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $@

$(BIN)/.dev: $(BIN)/.runtime requirements-dev.lock
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements-dev.lock
	touch $@

env: $(BIN)/.runtime
dev-env: $(BIN)/.dev

demo: env
	rm -f $(DB)
	$(BIN)/detente ingest $(SAMPLES) --db sqlite:///$(DB)
	$(BIN)/detente report --db sqlite:///$(DB)

test: dev-env
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/python -m pytest -q

lint: dev-env
	$(BIN)/ruff check src tests benchmarks

bench: env
	$(BIN)/python benchmarks/ingest_throughput.py

eval: env
	$(BIN)/detente eval ../shared/gold

clean:
	rm -rf $(VENV) $(DB) build src/*.egg-info .pytest_cache .ruff_cache
