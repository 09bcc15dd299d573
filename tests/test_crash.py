"""Crash safety: a real ``warta run`` SIGKILLed inside each stage leaves the published marts as they were,
and the next run completes the work with no duplicate rows and cleans up what the dead run left.

The run is paused at a named point (``flows/crashpoints.py``: inside the ingest and extraction
transactions, with a built but unfinalised candidate, after the gate, between fsync and rename),
signals the test through a file, and is killed there with its whole process group.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from flows.crashpoints import STAGES
from flows.marts import open_marts
from tests.conftest import ROOT, run_pipeline

NEW_ARTICLE = (
    "JAKARTA, KOMPAS.com - Menteri Luar Negeri Indonesia bertemu Menteri Luar Negeri Jepang di Tokyo pada Senin"
    " (17/6/2024) untuk membahas kerja sama perdagangan dan keamanan maritim di kawasan Asia. Kedua menteri sepakat"
    " memperkuat kerja sama ekonomi dan berjanji menggelar pertemuan lanjutan tahun depan di Jakarta.\n\n"
    "Pemerintah Jepang menyambut baik tawaran tersebut, sementara Jakarta menyatakan dukungan terhadap rencana itu."
)
UNIQUE_KEYS = {
    "articles": "article_id",
    "entities": "entity_id",
    "entity_mentions": "mention_id",
    "events": "event_id",
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def kill_run_at(stage: str, inbox: Path, wh: Path, work: Path) -> int:
    """Start ``warta run``, wait until it pauses inside ``stage``, SIGKILL it; returns the exit status."""
    ready, log = work / f"paused-{stage}", work / f"run-{stage}.log"
    env = {**os.environ, "WARTA_TEST_PAUSE_AT": stage, "WARTA_TEST_PAUSE_FILE": str(ready)}
    with log.open("w") as out:
        run = subprocess.Popen(
            [sys.executable, "-m", "flows.cli", "run", "--inbox", str(inbox), "--warehouse", str(wh)],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the kill takes its Prefect API server too
        )
    try:
        deadline = time.monotonic() + 300
        while not ready.exists() and run.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        assert ready.exists(), f"the run never reached {stage}:\n{log.read_text()[-3000:]}"
        assert int(ready.read_text()) == run.pid, "the pause is in the run's own process"
    finally:
        if run.poll() is None:
            os.killpg(run.pid, signal.SIGKILL)
        run.wait(60)
    return run.returncode


@pytest.mark.parametrize("stage", STAGES)
def test_run_killed_during_a_stage_changes_nothing_and_the_next_run_completes(stage, fresh_copy, tmp_path):
    inbox, wh = fresh_copy
    (inbox / "baru.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    published = wh / "marts.duckdb"
    before = digest(published)

    assert kill_run_at(stage, inbox, wh, tmp_path) == -signal.SIGKILL
    assert digest(published) == before, "the published marts are byte-identical after the crash"
    if stage in ("dbt", "gate", "publish"):
        assert list(wh.glob(".candidate-*")), "the dead run left its candidate behind"

    summary = run_pipeline(inbox, wh)

    assert summary.state == "Completed" and summary.published
    assert any("Crashed" in line for line in summary.recovered)
    assert not list(wh.glob(".candidate-*")), "the next run removed the dead run's temporary files"
    raw = duckdb.connect(str(wh / "raw.duckdb"), read_only=True)
    try:
        states = dict(raw.execute("select state, count(*) from runs group by state").fetchall())
        docs = raw.execute("select count(*), count(distinct doc_id) from documents").fetchone()
        parses = raw.execute("select count(*), count(distinct doc_id) from article_parses").fetchone()
        sources = raw.execute("select count(*) from document_sources where source_uri = 'baru.txt'").fetchone()
    finally:
        raw.close()
    assert states.get("Crashed") == 1 and "Running" not in states
    assert docs == (6, 6) and parses == (6, 6) and sources == (1,)
    marts = open_marts(published)
    try:
        assert marts.execute("select count(*) from marts.articles").fetchone()[0] == 6
        for table, key in UNIQUE_KEYS.items():
            total, distinct = marts.execute(f"select count(*), count(distinct {key}) from marts.{table}").fetchone()
            assert total == distinct, f"duplicate {key} in marts.{table}"
    finally:
        marts.close()
