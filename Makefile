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

lint: $(STAMP)
	$(BIN)/ruff check .

clean:
	rm -rf warehouse/*.duckdb warehouse/.prefect warehouse/docs warehouse/dbt_target warehouse/dbt_logs
