# Two commands matter: `make run` and `make test`. Both create .venv/ and install what they need.
SHELL := /bin/bash
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

# hazm 0.12 needs Python >= 3.12. Try a real interpreter on PATH first, then pyenv's installs.
PYTHON ?= $(shell for p in python3.13 python3.12; do \
	  if $$p -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; then command -v $$p; exit; fi; done; \
	  root=$$(pyenv root 2>/dev/null); for v in $$root/versions/3.12* $$root/versions/3.13*; do \
	  if [ -x $$v/bin/python3 ] && $$v/bin/python3 -c 'import sys; assert sys.version_info >= (3, 12)' >/dev/null 2>&1; then echo $$v/bin/python3; exit; fi; done)

.PHONY: run test test-transformers setup check-python clean bench

check-python:
	@if [ -z "$(PYTHON)" ]; then \
	  echo "Python 3.12 or newer is needed (hazm 0.12 requires it). Install python3.12, or set PYTHON=/path/to/python3.12." >&2; exit 1; fi

$(STAMP): pyproject.toml | check-python
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test]'
	@touch $(STAMP)

setup: $(STAMP)

run: $(STAMP)
	$(BIN)/screening serve --host 127.0.0.1 --port 8000 --workers 2

test: $(STAMP)
	$(BIN)/python -m pytest -q

# The optional transformers backend (torch, ~4.8 GB) has its own target; CI calls it after `make test`.
TF_STAMP := $(VENV)/.installed-transformers
$(TF_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install -q --disable-pip-version-check -e '.[test,transformers]'
	@touch $(TF_STAMP)

test-transformers: $(TF_STAMP)
	PETITION_TEST_TRANSFORMERS=1 $(BIN)/python -m pytest -q tests/model/test_transformers_backend.py

bench: $(STAMP)
	$(BIN)/python bench/bench_core.py
	$(BIN)/python bench/bench_model.py
	$(BIN)/python bench/bench_api.py
	$(BIN)/python bench/bench_batch.py
	$(BIN)/python bench/bench_similar.py
	$(BIN)/python bench/bench_records.py

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
