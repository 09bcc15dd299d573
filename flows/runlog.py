"""The run log in ``raw.runs``: what each run did, what the marts are a function of, and dead runs.

A run writes its row twice: as ``Running`` when it takes the warehouse lock, and with its outcome at
the end. A row still ``Running`` when the next run takes the lock belongs to a process that died (the
lock is a ``flock``, so holding it proves nobody else is alive): it is marked ``Crashed``.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from pathlib import Path

from flows import warehouse
from flows.settings import Settings
from flows.summary import RunSummary


def build_fingerprint(settings: Settings, extractor_version: str) -> str:
    """What the marts are a function of: raw state, dbt project, suites and extractor version."""
    digest = hashlib.sha256(extractor_version.encode())
    for folder in (settings.dbt_project, settings.expectations):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and not {"target", "logs"} & set(path.relative_to(folder).parts):
                digest.update(str(path.relative_to(folder)).encode() + path.read_bytes())
    with warehouse.connect(settings.raw_db) as con:
        state = con.execute(
            "select (select count(*) from documents), (select count(*) from article_parses),"
            " (select max(extracted_at) from article_parses), (select count(*) from quarantine)"
        ).fetchone()
    digest.update(repr(state).encode())
    return digest.hexdigest()[:16]


def record_run(
    settings: Settings, summary: RunSummary, flow_run_id: str | None, started: datetime, fingerprint: str | None
) -> None:
    """Insert or update this run's row (keyed by run id, so writing it again is harmless)."""
    with warehouse.connect(settings.raw_db) as con:
        con.execute(
            """insert or replace into runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            [
                summary.run_id,
                flow_run_id,
                started,
                datetime.now(UTC),
                summary.state,
                summary.docs_seen,
                summary.docs_new,
                summary.docs_duplicate,
                summary.docs_quarantined,
                summary.docs_extracted,
                summary.marts.get("marts.articles"),
                summary.marts.get("marts.entities"),
                summary.marts.get("marts.events"),
                summary.gate_passed,
                summary.gate_failures,
                summary.published,
                summary.message,
                fingerprint,
            ],
        )


def mark_crashed_runs(settings: Settings, found_by: str) -> list[str]:
    """Mark rows left ``Running`` by dead processes as ``Crashed``; call only while holding the lock."""
    if not settings.raw_db.exists():
        return []
    with warehouse.connect(settings.raw_db) as con:
        dead = [r[0] for r in con.execute("select run_id from runs where state = 'Running' order by run_id").fetchall()]
        if dead:
            con.execute(
                "update runs set state = 'Crashed', finished_at = coalesce(finished_at, started_at),"
                " message = 'the process died before finishing; found by run ' || ? where state = 'Running'",
                [found_by],
            )
    return dead


def last_published_fingerprint(settings: Settings) -> str | None:
    with warehouse.connect(settings.raw_db) as con:
        row = con.execute(
            "select build_fingerprint from runs where published order by started_at desc limit 1"
        ).fetchone()
    return row[0] if row else None


def source_uris(settings: Settings, doc_ids: list[str]) -> dict[str, str]:
    """The file that first brought each document, so quarantine lists name files, not hashes."""
    if not doc_ids:
        return {}
    with warehouse.connect(settings.raw_db) as con:
        rows = con.execute(
            "select doc_id, source_uri from documents where doc_id in (select unnest(?))", [doc_ids]
        ).fetchall()
    return dict(rows)


def published_marts_problem(marts_db: Path) -> str | None:
    """Why the published marts file cannot be read (missing, corrupted), or None when it answers a query."""
    import duckdb

    if not marts_db.exists():
        return "no published marts yet"
    from flows.marts import open_marts

    try:
        con = open_marts(marts_db)
        try:
            con.execute("select count(*) from marts.articles").fetchone()
        finally:
            con.close()
    except duckdb.Error as exc:
        return str(exc).splitlines()[0][:200]
    return None
