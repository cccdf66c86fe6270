# The two commands a new user needs:
#   make lab    -> virtual environment, install, JupyterLab on mentorkit/notebooks/ with a workbook
#   make app    -> the same workbook as an app (Voila): only the text and the forms, no code
#   make test   -> virtual environment if needed, then lint, type checks and every test tier
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.mentorkit-installed
# The participant's own workbook: created from the sample on first `make lab`, never committed.
MY_WORKBOOK ?= workbooks/my-workbook.json
PORT ?= 8888

.PHONY: lab app test lint typecheck pytest fast sample screenshots bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -c 'import sys; sys.exit("mentorkit needs Python 3.11 or newer") if sys.version_info < (3, 11) else None'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[lab,dask,test]'
	touch $(STAMP)

lab: $(STAMP)
	@test -f $(MY_WORKBOOK) || $(BIN)/mentorkit new $(MY_WORKBOOK) --sample
	@echo "Your workbook: $(abspath $(MY_WORKBOOK))"
	@echo "Two ways in: JupyterLab (the address below), or the same notebooks as an app"
	@echo "without code: http://localhost:$(PORT)/voila/render/00_start_here.ipynb"
	MENTORKIT_WORKBOOK=$(abspath $(MY_WORKBOOK)) $(BIN)/jupyter lab \
		--ServerApp.root_dir=mentorkit/notebooks --port=$(PORT) \
		$(if $(DISPLAY),,--no-browser) $(if $(filter 0,$(shell id -u)),--allow-root,)

# The workbook without code: each notebook opens as an app showing only text and widgets.
app: $(STAMP)
	@test -f $(MY_WORKBOOK) || $(BIN)/mentorkit new $(MY_WORKBOOK) --sample
	@echo "Your workbook: $(abspath $(MY_WORKBOOK))"
	@echo "Open http://localhost:$(PORT)/voila/render/00_start_here.ipynb (JupyterLab: make lab)"
	MENTORKIT_WORKBOOK=$(abspath $(MY_WORKBOOK)) $(BIN)/voila mentorkit/notebooks \
		--port=$(PORT) $(if $(DISPLAY),,--no-browser)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest

test: lint typecheck pytest

# Unit tests only: the quick loop while developing.
fast: $(STAMP)
	$(BIN)/pytest -m "not notebook and not browser and not slow" -q

# Rewrite the committed sample cohort (deterministic: the same files every time).
sample: $(STAMP)
	$(BIN)/mentorkit sample data/sample-cohort --force

screenshots: $(STAMP)
	$(BIN)/python -m tools.screenshots docs/screenshots

bench: $(STAMP)
	for script in benchmarks/bench_*.py; do PYTHONPATH=. $(BIN)/python $$script || exit 1; done

clean:
	rm -rf $(VENV) build .pytest_cache .mypy_cache .ruff_cache
