"""Scale-out: extraction on a real two-worker local Dask cluster gives the same marts as the default runner."""

from __future__ import annotations

from pathlib import Path

import pytest

from flows.marts import open_marts
from flows.scale import dask_task_runner, pipeline_flow
from flows.settings import Settings
from tests.conftest import copy_seeds

# Columns that record when a row was processed (or fall back to it for an undated article), not what was
# extracted: they differ between any two runs, whichever runner did the work.
_RUN_TIME_COLUMNS = {"ingested_at", "first_seen_at", "last_seen_at", "first_reported_at"}
_TABLES = ("articles", "entities", "entity_mentions", "events", "event_mentions")


def _contents(marts_db: Path) -> dict[str, list[tuple]]:
    con = open_marts(marts_db)
    try:
        contents = {}
        for table in _TABLES:
            columns = [
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_catalog = 'warta' and table_schema = 'marts' and table_name = ? "
                    "order by ordinal_position",
                    [table],
                ).fetchall()
                if r[0] not in _RUN_TIME_COLUMNS
            ]
            listed = ", ".join(f'"{c}"' for c in columns)
            contents[table] = con.execute(f"select {listed} from marts.{table} order by all").fetchall()
        return contents
    finally:
        con.close()


def test_no_address_means_the_default_runner() -> None:
    assert dask_task_runner(None) is None
    assert dask_task_runner("") is None


@pytest.mark.slow
def test_local_dask_cluster_builds_the_same_marts(seeded: tuple[Path, Path, object], tmp_path: Path) -> None:
    _, default_warehouse, _ = seeded
    inbox = copy_seeds(tmp_path / "inbox")
    settings = Settings(inbox=inbox, warehouse=tmp_path / "warehouse", dask_address="local", dask_workers=2)
    flow = pipeline_flow(settings)
    assert type(flow.task_runner).__name__ == "DaskTaskRunner"

    summary = flow(inbox=str(inbox), warehouse_dir=str(settings.warehouse), inbox_name="dask")

    assert summary.published and summary.docs_extracted == 5
    on_dask, by_default = _contents(settings.marts_db), _contents(default_warehouse / "marts.duckdb")
    for table in _TABLES:
        assert on_dask[table], f"marts.{table} is empty"
        assert on_dask[table] == by_default[table], f"marts.{table} differs between Dask and the default runner"


def test_batches_are_one_document_each_until_the_task_limit() -> None:
    from flows.pipeline import plan_batches

    docs = [(f"d{i}", "text", "text/plain") for i in range(7)]
    assert [label for label, _ in plan_batches(docs, 10)] == [f"d{i}" for i in range(7)]
    batches = plan_batches(docs, 3)
    assert [len(b) for _, b in batches] == [3, 3, 1]
    assert [d for _, b in batches for d in b] == docs  # every document once, in order
    assert batches[0][0] == "batch 1 of 3 (3 docs)"
    assert plan_batches([], 5) == []


@pytest.mark.slow
def test_local_process_pool_builds_the_same_marts(
    seeded: tuple[Path, Path, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The pool that big runs use (spawned processes, each with its own model) changes no mart."""
    from flows import scale

    _, default_warehouse, _ = seeded
    monkeypatch.setattr(scale, "POOL_MIN_DOCUMENTS", 1)  # the seeds are five documents: pool them anyway
    inbox = copy_seeds(tmp_path / "inbox")
    settings = Settings(inbox=inbox, warehouse=tmp_path / "warehouse", extract_processes=2)
    assert scale.extraction_processes(settings, 5) == 2

    monkeypatch.setenv("WARTA_EXTRACT_PROCESSES", "2")
    summary = pipeline_flow(settings)(inbox=str(inbox), warehouse_dir=str(settings.warehouse), inbox_name="pool")

    assert summary.published and summary.docs_extracted == 5
    pooled, by_default = _contents(settings.marts_db), _contents(default_warehouse / "marts.duckdb")
    for table in _TABLES:
        assert pooled[table] == by_default[table], f"marts.{table} differs between the pool and the threads"


def test_small_runs_and_dask_runs_do_not_start_a_pool() -> None:
    from flows import scale

    assert scale.extraction_processes(Settings(extract_processes=4), scale.POOL_MIN_DOCUMENTS - 1) == 1
    assert scale.extraction_processes(Settings(extract_processes=4, dask_address="local"), 10_000) == 1
    assert scale.extraction_processes(Settings(extract_processes=2), 10_000) == 2
