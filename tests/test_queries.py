"""Every example query in queries/ runs through `warta sql -f` on the seeds and answers its question.

Extraction keeps improving, so these check the shape and plausible content (Putin shows up, rows
are ordered as the header promises), not exact counts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from flows.cli import main
from tests.conftest import ROOT

QUERIES = ROOT / "queries"


def run_query(warehouse: Path, name: str) -> list[dict]:
    result = CliRunner().invoke(
        main, ["sql", "-f", str(QUERIES / name), "--format", "json", "--warehouse", str(warehouse)]
    )
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines() if line.strip()]


@pytest.fixture(scope="module")
def warehouse(seeded) -> Path:
    return seeded[1]


def test_every_query_is_documented_and_tested():
    tested = {n for n in globals() if n.startswith("test_")}
    for path in sorted(QUERIES.glob("*.sql")):
        text = path.read_text(encoding="utf-8")
        header = text.split("with params as", 1)[0]
        assert header.startswith("-- ") and "Answers:" in header and "Parameters" in header, path.name
        assert f"warta sql -f queries/{path.name}" in header, path.name
        assert f"test_{path.stem}" in tested, f"{path.name} has no test"


def test_timeline_between_entities(warehouse):
    rows = run_query(warehouse, "timeline_between_entities.sql")
    assert len(rows) >= 3
    assert {"event_date", "event_type", "actor1_name", "actor2_name", "num_sources", "summary"} <= rows[0].keys()
    dates = [r["event_date"] for r in rows if r["event_date"]]
    assert dates == sorted(dates) and dates, "dated events first, in order"
    assert all(r["event_date"] is None for r in rows[len(dates) :]), "undated events last"
    names = {r[k] for r in rows for k in ("actor1_name", "actor2_name", "location_name")}
    assert "Vladimir Putin" in names and names & {"Korea Utara", "Kim Jong Un", "Pyongyang"}


def test_most_active_actors_this_month(warehouse):
    rows = run_query(warehouse, "most_active_actors_this_month.sql")
    assert 1 <= len(rows) <= 10
    assert len({r["month"] for r in rows}) == 1 and rows[0]["month"].startswith("20")
    counts = [r["events"] for r in rows]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 1
    assert all(r["as_agent"] + r["as_recipient"] >= r["events"] for r in rows)
    assert "Vladimir Putin" in {r["actor"] for r in rows}


def test_events_reported_by_several_outlets(warehouse):
    rows = run_query(warehouse, "events_reported_by_several_outlets.sql")
    assert rows, "the seeds are five reports of one story: some events must be shared"
    for row in rows:
        assert row["num_sources"] >= 2
        assert len(row["publishers"].split(", ")) == row["num_sources"]
    main_actors = {"Vladimir Putin", "Kim Jong Un", "Rusia", "Korea Utara", "Pyongyang"}
    assert any(main_actors & {r["actor1_name"], r["actor2_name"], r["location_name"]} for r in rows)
    assert all("Tempo" in r["publishers"] or "Bisnis.com" in r["publishers"] for r in rows)


def test_articles_mentioning_entity(warehouse):
    rows = run_query(warehouse, "articles_mentioning_entity.sql")
    assert len(rows) >= 2
    assert {r["entity"] for r in rows} == {"Kim Jong Un"}
    assert all(r["mentions"] >= 1 and "Kim" in r["written_as"] for r in rows)
    assert [r["mentions"] for r in rows] == sorted((r["mentions"] for r in rows), reverse=True)
    assert len({r["article_id"] for r in rows}) == len(rows)


def test_cooccurrence_of_two_entities(warehouse):
    rows = run_query(warehouse, "cooccurrence_of_two_entities.sql")
    assert len(rows) >= 2
    assert rows[0]["entity_a"] == "Vladimir Putin" and rows[0]["entity_b"] == "Kim Jong Un"
    assert all(r["mentions_a"] >= 1 and r["mentions_b"] >= 1 for r in rows)
    assert sum(r["sentences_with_both"] for r in rows) >= 1


def test_queries_read_in_a_terminal_table(warehouse):
    result = CliRunner().invoke(
        main, ["sql", "-f", str(QUERIES / "articles_mentioning_entity.sql"), "--warehouse", str(warehouse)]
    )
    lines = result.output.splitlines()
    assert result.exit_code == 0 and lines[0].startswith("entity") and set(lines[1]) <= {"-", " "}
    assert lines[-1].endswith("rows)") and all(len(line) <= 400 for line in lines)
