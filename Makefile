# The two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
NODE_DEPS := tests/composition/node_modules/.package-lock.json
APOLLO_DEPS := tests/gateway/apollo/node_modules/.package-lock.json

.PHONY: run test lint bench-seed bench-authz bench-gateway bench-hall clean

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

$(NODE_DEPS): tests/composition/package-lock.json
	npm ci --prefix tests/composition --no-audit --no-fund --loglevel=error

$(APOLLO_DEPS): tests/gateway/apollo/package-lock.json
	npm ci --prefix tests/gateway/apollo --no-audit --no-fund --loglevel=error

run: $(INSTALLED)
	$(BIN)/tongban serve

lint: $(INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(INSTALLED) $(NODE_DEPS) $(APOLLO_DEPS) lint
	$(BIN)/python -m pytest

bench-seed: $(INSTALLED)
	$(BIN)/python -m bench.seed

bench-authz: $(INSTALLED)
	$(BIN)/python -m bench.authz

# Seeds 100,000 people on SQLite and on PostgreSQL (TONGBAN_BENCH_POSTGRES_URL); not part of CI.
bench-hall: $(INSTALLED)
	$(BIN)/python -m bench.hall

# Needs wrk (Debian: apt-get install -y wrk); not part of CI.
bench-gateway: $(INSTALLED) $(NODE_DEPS) $(APOLLO_DEPS)
	@command -v wrk >/dev/null || { echo "bench-gateway needs wrk: apt-get install -y wrk" >&2; exit 1; }
	$(BIN)/python -m bench.gateway

clean:
	rm -rf $(VENV) var tests/composition/node_modules tests/gateway/apollo/node_modules
