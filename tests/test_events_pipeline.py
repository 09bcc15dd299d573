"""Events through the real pipeline (Prefect, DuckDB, dbt, Great Expectations): merging and the labelled set."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "events"


def _rows(warehouse: Path, query: str) -> list[tuple]:
    con = duckdb.connect(str(warehouse / "marts.duckdb"), read_only=True)
    try:
        con.execute("set schema = 'marts'")
        return con.execute(query).fetchall()
    finally:
        con.close()


def test_seeds_hold_the_pyongyang_visit_and_the_treaty_once_each(seeded):
    _, warehouse, _ = seeded
    visits = _rows(
        warehouse,
        "select event_date, actor1_name, actor2_name, location_name, num_articles, num_sources from events "
        "where event_type = 'CONSULT' and event_mode in ('visit', 'meeting') and event_date >= date '2024-06-01' "
        "and event_date < date '2024-07-01' and actor1_name = 'Vladimir Putin' and location_name = 'Pyongyang'",
    )
    assert len(visits) == 1, visits
    when, _, host, _, articles, sources = visits[0]
    assert date(2024, 6, 18) <= when <= date(2024, 6, 19) and host in ("Korea Utara", "Kim Jong Un")
    assert articles >= 3 and sources >= 2
    treaties = _rows(
        warehouse,
        "select event_date, actor1_name, actor2_name, num_articles from events "
        "where event_type = 'SUPPORT' and event_mode = 'sign' "
        "and event_date between date '2024-06-01' and date '2024-06-30'",
    )
    assert len(treaties) == 1, treaties
    when, a1, a2, articles = treaties[0]
    assert when == date(2024, 6, 19) and {a1, a2} == {"Vladimir Putin", "Kim Jong Un"} and articles >= 3


def test_every_event_has_evidence_and_no_negated_or_hypothetical_event(seeded):
    _, warehouse, _ = seeded
    assert _rows(
        warehouse, "select count(*) from events where event_id not in (select event_id from event_mentions)"
    ) == [(0,)]
    assert _rows(warehouse, "select count(*) from event_mentions where trigger is null or sentence is null") == [(0,)]
    contexts = {r[0] for r in _rows(warehouse, "select distinct event_context from event_mentions")}
    assert contexts <= {"reported", "planned", "historical"}


@pytest.mark.slow
def test_eval_events_meets_its_targets_on_the_labelled_set(tmp_path):
    from flows.evaluate.events import evaluate

    report = evaluate(FIXTURES, tmp_path)
    assert len({g for g in report.per_type}) == 16
    assert report.strict_precision >= 0.85 and report.strict_recall >= 0.85, report.to_text()
    assert report.kept_out == report.kept_out_total
    assert report.merge_pairs["fn"] == 0 and report.merge_pairs["fp"] <= 1, report.to_text()
