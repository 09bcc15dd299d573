"""Run behaviour: idempotence, duplicates, the gate stopping a bad run, readers during a run."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

from flows.marts import open_marts
from tests.conftest import ROOT, run_pipeline

TABLES = ["articles", "entities", "entity_mentions", "events", "event_mentions"]


def snapshot(marts: Path) -> dict[str, list[tuple]]:
    con = open_marts(marts)
    try:
        return {t: sorted(map(repr, con.execute(f"select * from marts.{t}").fetchall())) for t in TABLES}
    finally:
        con.close()


def test_second_run_on_same_inbox_changes_nothing(fresh_copy):
    inbox, warehouse = fresh_copy
    before = snapshot(warehouse / "marts.duckdb")
    summary = run_pipeline(inbox, warehouse)
    assert summary.docs_new == 0 and summary.docs_extracted == 0
    assert snapshot(warehouse / "marts.duckdb") == before


def test_same_file_under_another_name_adds_nothing(fresh_copy):
    inbox, warehouse = fresh_copy
    original = sorted(inbox.glob("*.txt"))[0]
    shutil.copy(original, inbox / "renamed-copy.txt")
    before = snapshot(warehouse / "marts.duckdb")
    summary = run_pipeline(inbox, warehouse)
    assert summary.docs_new == 0 and summary.docs_duplicate == 1
    assert snapshot(warehouse / "marts.duckdb") == before
    con = duckdb.connect(str(warehouse / "raw.duckdb"), read_only=True)
    try:
        linked = con.execute(
            "select count(distinct source_uri) from document_sources where doc_id = "
            "(select doc_id from document_sources where source_uri = 'renamed-copy.txt')"
        ).fetchone()[0]
    finally:
        con.close()
    assert linked == 2, "the duplicate is linked to the document it duplicates"


def suites_with(tmp_path: Path, suite: str, expectation: dict, monkeypatch) -> None:
    """Point the run at a copy of the suites with one extra critical expectation."""
    suites = tmp_path / "expectations"
    shutil.copytree(ROOT / "expectations", suites)
    path = suites / "critical" / f"{suite}.json"
    spec = json.loads(path.read_text())
    spec["expectations"].append(expectation)
    path.write_text(json.dumps(spec))
    monkeypatch.setenv("WARTA_EXPECTATIONS", str(suites))


def test_failed_critical_expectation_fails_the_run_and_publishes_nothing(fresh_copy, tmp_path, monkeypatch):
    from flows.pipeline import PipelineFailed

    inbox, warehouse = fresh_copy
    suites_with(
        tmp_path,
        "articles",
        {"type": "expect_table_row_count_to_be_between", "kwargs": {"min_value": 1000}, "meta": {"why": "injected"}},
        monkeypatch,
    )
    published = warehouse / "marts.duckdb"
    digest = hashlib.sha256(published.read_bytes()).hexdigest()
    with pytest.raises(PipelineFailed) as failed:
        run_pipeline(inbox, warehouse)
    summary = failed.value.summary
    assert summary.state == "Failed" and summary.gate_passed is False and not summary.published
    assert any("expect_table_row_count_to_be_between" in f for f in summary.gate_failures)
    assert hashlib.sha256(published.read_bytes()).hexdigest() == digest
    assert not list(warehouse.glob(".candidate-*"))


def test_failed_run_is_a_failed_prefect_flow_run(fresh_copy, tmp_path, monkeypatch):
    """The Prefect state tells the truth: the flow run of a failed gate is Failed."""
    from flows.pipeline import warta_pipeline

    inbox, warehouse = fresh_copy
    suites_with(
        tmp_path,
        "entities",
        {"type": "expect_column_values_to_be_in_set", "kwargs": {"column": "entity_type", "value_set": ["PERSON"]}},
        monkeypatch,
    )
    state = warta_pipeline(inbox=str(inbox), warehouse_dir=str(warehouse), return_state=True)
    assert state.is_failed()


def test_reader_opened_before_a_run_answers_during_and_after(fresh_copy):
    inbox, warehouse = fresh_copy
    (inbox / "extra.txt").write_text(
        "Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Jepang di Tokyo pada Senin (17/6/2024) "
        "untuk membahas kerja sama perdagangan dan keamanan maritim di kawasan Asia. Kedua menteri sepakat "
        "memperkuat kerja sama ekonomi dan berjanji menggelar pertemuan lanjutan tahun depan di Jakarta.\n\n"
        "Jakarta menyatakan dukungan terhadap rencana itu, dan pemerintah Jepang menyambut baik tawaran tersebut.",
        encoding="utf-8",
    )
    reader = open_marts(warehouse / "marts.duckdb")
    answers: list[int] = []
    stop = threading.Event()

    def keep_reading() -> None:
        while not stop.is_set():
            answers.append(reader.execute("select count(*) from marts.articles").fetchone()[0])
            time.sleep(0.05)

    worker = threading.Thread(target=keep_reading)
    worker.start()
    try:
        summary = run_pipeline(inbox, warehouse)
    finally:
        stop.set()
        worker.join()
    assert summary.published and summary.docs_new == 1
    assert answers and set(answers) == {5}, "the old snapshot answers throughout"
    assert reader.execute("select count(*) from marts.articles").fetchone()[0] == 5
    reader.close()
    after = open_marts(warehouse / "marts.duckdb")
    assert after.execute("select count(*) from marts.articles").fetchone()[0] == 6
    after.close()


def test_second_run_while_another_holds_the_warehouse_exits_75_with_a_clear_message(fresh_copy):
    from flows.lock import EXIT_LOCKED, warehouse_lock

    inbox, warehouse = fresh_copy
    digest = hashlib.sha256((warehouse / "marts.duckdb").read_bytes()).hexdigest()
    with warehouse_lock(warehouse):
        done = subprocess.run(
            [sys.executable, "-m", "flows.cli", "run", "--inbox", str(inbox), "--warehouse", str(warehouse)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=300,
        )
    assert done.returncode == EXIT_LOCKED, done.stderr[-2000:]
    assert f"is in use by pid {os.getpid()}" in done.stderr and "WARTA_LOCK_TIMEOUT" in done.stderr
    assert "Traceback" not in done.stderr
    assert hashlib.sha256((warehouse / "marts.duckdb").read_bytes()).hexdigest() == digest


def test_run_with_a_lock_timeout_waits_for_the_holder_then_completes(fresh_copy):
    """A waiting run says so on the terminal, and goes ahead once the other process lets go."""
    from flows.lock import warehouse_lock

    inbox, warehouse = fresh_copy
    env = {**os.environ, "WARTA_LOCK_TIMEOUT": "240"}
    command = [sys.executable, "-m", "flows.cli", "run", "--inbox", str(inbox), "--warehouse", str(warehouse)]
    with warehouse_lock(warehouse):
        waiting = subprocess.Popen(
            command, cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE
        )
        told = ""
        while "waiting for" not in told and waiting.poll() is None:
            told += waiting.stderr.readline()
        assert f"waiting for pid {os.getpid()}" in told
    out, err = waiting.communicate(timeout=300)
    assert waiting.returncode == 0, told + err[-2000:]
    assert ": Completed" in out
