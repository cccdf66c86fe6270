# The two commands a new user needs:
#   make lab    -> virtual environment, install, JupyterLab on your own copy of the notebooks
#                  (workbooks/notebooks/, never committed) with your workbook
#   make app    -> the same workbook as an app (Voila): only the text and the forms, no code
#   make test   -> virtual environment if needed, then lint, type checks and every test tier
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.mentorkit-installed
# The participant's own workbook: created from the sample on first `make lab`, never committed.
MY_WORKBOOK ?= workbooks/my-workbook.json
# The participant's own copy of the notebooks (made by `mentorkit notebooks` on first use,
# never committed): running them never touches the packaged ones in mentorkit/notebooks/.
MY_NOTEBOOKS ?= workbooks/notebooks
# Notebooks are saved without outputs: a reload never shows a stale run.
SAVE_HOOK := --ContentsManager.pre_save_hook=mentorkit.packaged.strip_outputs_before_save
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
	@test -d $(MY_NOTEBOOKS) || $(BIN)/mentorkit notebooks $(MY_NOTEBOOKS)
	@echo "Your workbook: $(abspath $(MY_WORKBOOK)); your notebooks: $(abspath $(MY_NOTEBOOKS))"
	@echo "Two ways in: JupyterLab (the address below), or the same notebooks as an app"
	@echo "without code: http://localhost:$(PORT)/voila/render/00_start_here.ipynb"
	MENTORKIT_WORKBOOK=$(abspath $(MY_WORKBOOK)) $(BIN)/jupyter lab \
		--ServerApp.root_dir=$(MY_NOTEBOOKS) --port=$(PORT) $(SAVE_HOOK) \
		$(if $(DISPLAY),,--no-browser) $(if $(filter 0,$(shell id -u)),--allow-root,)

# The workbook without code: each notebook opens as an app showing only text and widgets.
app: $(STAMP)
	@test -f $(MY_WORKBOOK) || $(BIN)/mentorkit new $(MY_WORKBOOK) --sample
	@test -d $(MY_NOTEBOOKS) || $(BIN)/mentorkit notebooks $(MY_NOTEBOOKS)
	@echo "Your workbook: $(abspath $(MY_WORKBOOK))"
	@echo "Open http://localhost:$(PORT)/voila/render/00_start_here.ipynb (JupyterLab: make lab)"
	MENTORKIT_WORKBOOK=$(abspath $(MY_WORKBOOK)) $(BIN)/voila $(MY_NOTEBOOKS) \
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
