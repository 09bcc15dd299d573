"""Run ``dbt build`` in-process (dbtRunner) into a candidate file, and report what failed.

The candidate is a fresh DuckDB file per run; the raw warehouse is attached read-only through the
profile. After the build, schemas that only hold views over the raw file are dropped, so the
candidate (and so the published file) answers every query on its own.
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

PUBLISHED_SCHEMAS = ("marts", "reference")
_DBT_LOCK = threading.Lock()  # dbt keeps global state: one invocation per process at a time


@dataclass
class TransformResult:
    success: bool
    failures: list[str] = field(default_factory=list)
    rows: dict[str, int] = field(default_factory=dict)
    tests_passed: int = 0


def run_dbt(project_dir: Path, raw_db: Path, candidate: Path, work_dir: Path) -> TransformResult:
    """``dbt build`` (seeds, models, tests) into ``candidate``; failures are named, never raised."""
    from dbt.cli.main import dbtRunner

    os.environ["WARTA_RAW_PATH"] = str(raw_db)
    os.environ["WARTA_CANDIDATE_PATH"] = str(candidate)
    args = [
        "build",
        "--project-dir",
        str(project_dir),
        "--profiles-dir",
        str(project_dir),
        "--target-path",
        str(work_dir / "dbt_target"),
        "--log-path",
        str(work_dir / "dbt_logs"),
        "--quiet",
        "--no-use-colors",
        "--no-send-anonymous-usage-stats",
        "--no-version-check",
    ]
    with _DBT_LOCK:
        try:
            outcome = dbtRunner().invoke(args)
        finally:
            _release_dbt_connection()
    result = TransformResult(success=bool(outcome.success))
    if outcome.exception is not None:
        result.success = False
        result.failures.append(f"dbt: {outcome.exception}")
    for node in outcome.result or []:
        status = str(node.status)
        if status in {"error", "fail", "runtime error"}:
            message = (node.message or "").strip().splitlines()[0][:200] if node.message else status
            result.failures.append(f"{node.node.resource_type} {node.node.name}: {message}")
        elif node.node.resource_type == "test":
            result.tests_passed += 1
    return result


def _release_dbt_connection() -> None:
    """dbt-duckdb keeps its DuckDB connection open in-process after ``invoke`` returns.

    It must be closed before the gate opens the candidate read-only (DuckDB refuses a second
    configuration of an open file) and before the file is renamed into place.
    """
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager

    environment = DuckDBConnectionManager._ENV
    if environment is not None:
        environment.close()
    DuckDBConnectionManager.close_all_connections()


def finalise_candidate(candidate: Path) -> dict[str, int]:
    """Drop view-only schemas, checkpoint, and return the row count of every published table."""
    con = duckdb.connect(str(candidate))
    try:
        schemas = [
            r[0]
            for r in con.execute(
                "select schema_name from information_schema.schemata where catalog_name = current_database()"
            ).fetchall()
        ]
        for schema in schemas:
            if schema not in (*PUBLISHED_SCHEMAS, "main", "information_schema", "pg_catalog"):
                con.execute(f'drop schema "{schema}" cascade')
        tables = con.execute(
            "select table_schema, table_name from information_schema.tables "
            "where table_catalog = current_database() and table_schema in ('marts', 'reference')"
        ).fetchall()
        counts = {f"{s}.{t}": con.execute(f'select count(*) from "{s}"."{t}"').fetchone()[0] for s, t in tables}
        con.execute("checkpoint")
        return counts
    finally:
        con.close()
