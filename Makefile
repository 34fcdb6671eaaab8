# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test eval gazetteer clean-venv

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

# Reinstall when the pins or the project metadata change.
$(STAMP): requirements.lock pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

# The place index is built from the installed packages; rebuilt when their versions change.
gazetteer: $(STAMP)
	$(BIN)/python -m strife.gazetteer

run: gazetteer
	$(BIN)/strife extract samples --format table

test: gazetteer
	$(BIN)/python -m pytest

eval: gazetteer
	$(BIN)/python -m strife.evaluation.gate

clean-venv:
	rm -rf $(VENV)
