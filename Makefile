# Prevent Signpost: the two commands a new machine needs are `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint chat check clean package e2e bench

install: $(STAMP)

$(STAMP): pyproject.toml
	@if test -x $(BIN)/python && ! $(BIN)/python -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; \
		then echo "$(VENV) was made with another Python version: making it again"; rm -rf $(VENV); fi
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)
	@$(BIN)/python -c 'import sys; sys.exit(0 if sys.version_info[:2] == (3, 11) else "Prevent Signpost needs" \
		" Python 3.11 (the Bot Framework SDK supports up to 3.11): install python3.11, then run make again")' \
		|| { rm -rf $(VENV); exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

run: install
	$(BIN)/python app.py

chat: install
	$(BIN)/python -m bot.console

check: install
	$(BIN)/python -m knowledge check

lint: install
	$(BIN)/ruff check .

test: install lint
	$(BIN)/python -m knowledge check
	$(BIN)/python -m pytest
	$(MAKE) e2e

# End-to-end scenarios in the Agents Playground with headless Chromium (installs both if missing).
# One scenario: make e2e E2E=referral
e2e: install
	$(BIN)/python tests/e2e/run_e2e.py $(E2E)

package: install
	$(BIN)/python manifest/package.py

# Benchmarks (a few minutes on 2 cores): writes docs/benchmarks.md and docs/benchmarks-latency.svg
bench: install
	$(BIN)/python -m pip install --quiet -e '.[test,bench]'
	$(BIN)/python -m bench.run_all $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache dist artifacts tests/e2e/node_modules
