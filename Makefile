# Quick start (README): `make run` sets up and opens the program; `make test` sets up and runs the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test lint format demo windows windows-check

run: $(STAMP)
	$(BIN)/python main.py $(if $(DB),--db "$(DB)")

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest -q

format: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

demo: $(STAMP)
	$(BIN)/python -m fedclient demo $(if $(DB),--db "$(DB)")

$(STAMP): pyproject.toml scripts/system-deps.sh
	scripts/system-deps.sh
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

# Windows (see README, "Windows build"): the installer and the portable zip in dist/, then their test under Wine.
# Not part of `make test` or CI: the build takes ~4-6 minutes (makensis lzma), the check ~6 more.
windows:
	packaging/windows/build.sh

windows-check:
	packaging/windows/check.sh
