"""The warta command line, as users type it (real subprocesses where it matters)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli import main
from tests.conftest import ROOT, copy_seeds

WARTA = [sys.executable, "-m", "flows.cli"]


@pytest.mark.parametrize("command", [[], *([name] for name in sorted(main.commands))])
def test_every_command_has_help(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output and len(result.output) > 100


def test_warta_run_prints_a_summary_and_sql_reads_it(tmp_path):
    inbox, warehouse = copy_seeds(tmp_path / "inbox"), tmp_path / "warehouse"
    env = {**os.environ, "PREFECT_HOME": os.environ["PREFECT_HOME"]}
    done = subprocess.run(
        [*WARTA, "run", "--inbox", str(inbox), "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    for expected in (
        "documents   seen 5 · new 5",
        "articles 5",
        "gate        passed",
        str(warehouse / "marts.duckdb"),
        "elapsed",
    ):
        assert expected in done.stdout
    count = subprocess.run(
        [*WARTA, "sql", "select count(*) as n from marts.articles", "--warehouse", str(warehouse)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert count.returncode == 0 and "5" in count.stdout.split("\n")[2]


def test_sql_formats(seeded):
    _, warehouse, _ = seeded
    runner = CliRunner()
    query = "select title, publisher from marts.articles order by article_id"
    table = runner.invoke(main, ["sql", query, "--warehouse", str(warehouse)])
    assert table.exit_code == 0 and "(5 rows)" in table.output
    csv_out = runner.invoke(main, ["sql", query, "--format", "csv", "--warehouse", str(warehouse)])
    assert csv_out.output.splitlines()[0] == "title,publisher" and len(csv_out.output.splitlines()) == 6
    json_out = runner.invoke(main, ["sql", query, "--format", "json", "--warehouse", str(warehouse)])
    assert json_out.output.count('"publisher"') == 5


@pytest.mark.parametrize(
    "statement",
    [
        "delete from marts.articles",
        "drop table marts.articles",
        "insert into marts.articles (article_id) values ('x')",
        "create table t as select 1",
        "copy marts.articles to '/tmp/out.csv'",
        "attach '/tmp/other.duckdb' as other",
        "select 1; delete from marts.articles",
    ],
)
def test_sql_refuses_writes(seeded, statement):
    _, warehouse, _ = seeded
    result = CliRunner().invoke(main, ["sql", statement, "--warehouse", str(warehouse)])
    assert result.exit_code == 2
    assert "read-only" in result.output


def test_sql_reads_a_query_file(seeded, tmp_path):
    _, warehouse, _ = seeded
    query = tmp_path / "q.sql"
    query.write_text("select count(*) as n from marts.entities where entity_type = 'PERSON'")
    result = CliRunner().invoke(main, ["sql", "-f", str(query), "--warehouse", str(warehouse)])
    assert result.exit_code == 0 and "(1 row)" in result.output


def test_status_lists_runs_with_gate_and_counts(seeded):
    _, warehouse, _ = seeded
    result = CliRunner().invoke(main, ["status", "--warehouse", str(warehouse)])
    assert result.exit_code == 0
    assert "Completed" in result.output and "passed" in result.output and "Quarantine" in result.output


def test_sql_without_published_marts_says_so(tmp_path: Path):
    result = CliRunner().invoke(main, ["sql", "select 1", "--warehouse", str(tmp_path)])
    assert result.exit_code == 1 and "warta run" in result.output
