# Two commands matter: `make run` and `make test`. Each creates .venv when it is missing.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test serve bench docs lint clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "needs $(PY)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)  ## set up, then run the pipeline on seeds/ and print a summary
	$(BIN)/warta run

test: $(STAMP)  ## set up, then run the whole test suite
	$(BIN)/pytest

serve: $(STAMP)  ## local Prefect server + the scheduled deployment (WARTA_SCHEDULE, default every 15 min); Ctrl-C stops
	$(BIN)/warta serve

docs: $(STAMP)  ## dbt docs (lineage, columns) and GE Data Docs into warehouse/docs; runs the pipeline first if never run
	test -e "$${WARTA_WAREHOUSE:-warehouse}/raw.duckdb" || $(BIN)/warta run
	$(BIN)/warta docs

bench: $(STAMP)  ## the pipeline against the bare tools at N = 100, 1,000, 10,000 documents; writes bench/RESULTS.md
	$(BIN)/python bench/pipeline_bench.py $(if $(SIZES),--sizes $(SIZES),)

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf warehouse/*.duckdb warehouse/.prefect warehouse/docs warehouse/dbt_target warehouse/dbt_logs warehouse/report.html warehouse/.warta-server.json
