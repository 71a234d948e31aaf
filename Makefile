# Two commands: `make run` and `make test`. Everything else is plumbing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint services stop schema bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	touch $(STAMP)

run: $(STAMP)
	$(PY) scripts/platformctl.py run

test: $(STAMP)
	$(PY) scripts/platformctl.py test $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports --no-cache

services: $(STAMP)
	$(PY) scripts/platformctl.py services

stop: $(STAMP)
	$(PY) scripts/platformctl.py stop

schema: $(STAMP)
	$(PY) scripts/platformctl.py manage spectacular --validate --fail-on-warn --lang en --file openapi.yaml

bench: $(STAMP)
	$(PY) scripts/platformctl.py bench $(ARGS)

clean:
	$(PY) scripts/platformctl.py stop || true
	rm -rf .data
