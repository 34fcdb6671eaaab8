# Two commands on a fresh machine: `make run` and `make test`.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test eval gazetteer model web clean-venv

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

# The default event model, trained on the team corpus (src/strife/data/event_corpus) into the cache.
model: gazetteer
	$(BIN)/python -m strife.event_training

# The dashboard's front-end packages (Leaflet, clustering, Natural Earth borders), pinned by the lock file.
WEB_STAMP := web/node_modules/.installed
$(WEB_STAMP): web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --ignore-scripts
	touch $(WEB_STAMP)

web: $(WEB_STAMP)

run: gazetteer web
	$(BIN)/strife extract samples --format table

test: gazetteer web
	$(BIN)/python -m pytest

eval: gazetteer
	$(BIN)/python -m strife.evaluation.gate

clean-venv:
	rm -rf $(VENV)
