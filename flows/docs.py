"""``warta docs``: dbt's documentation site (lineage, every column) and the gate's Data Docs, offline.

dbt documents what it can see in a database, so the site is generated from a throwaway build: a copy
of ``raw.duckdb`` (taken under the warehouse lock, so a run never meets a docs build on its files) is
attached as the source and every seed and model is built into a temporary file, tests skipped. The
published marts and the run's own dbt target are never touched. ``--static`` embeds the manifest and
catalog in one page, which a browser opens from disk (the plain ``index.html`` needs an HTTP server).
The Great Expectations Data Docs are written by each run's gate into ``docs/gx``; when they are
missing, the gate is run once on the throwaway build to write them.
"""

from __future__ import annotations

import html
import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from flows import warehouse
from flows.lock import warehouse_lock
from flows.settings import Settings

DBT_FLAGS = ("--quiet", "--no-use-colors", "--no-send-anonymous-usage-stats", "--no-version-check")


@dataclass
class DocsResult:
    index: Path
    dbt_index: Path
    gx_index: Path | None
    notes: list[str] = field(default_factory=list)
    undocumented: dict[str, list[str]] = field(default_factory=dict)


class DocsFailed(RuntimeError):
    """dbt could not build or document the project."""


def build_docs(settings: Settings) -> DocsResult:
    """Write ``<warehouse>/docs/{index.html, dbt/, gx/}`` and return where they are."""
    docs = settings.docs_dir
    notes: list[str] = []
    with tempfile.TemporaryDirectory(prefix="warta-docs-") as tmp:
        work = Path(tmp)
        raw = work / "raw.duckdb"
        if settings.raw_db.exists():
            with warehouse_lock(settings.warehouse, settings.lock_timeout):
                shutil.copy2(settings.raw_db, raw)
                wal = settings.raw_db.with_name(settings.raw_db.name + ".wal")
                if wal.exists():
                    shutil.copy2(wal, raw.with_name(raw.name + ".wal"))
        else:
            notes.append(f"no raw warehouse at {settings.raw_db}: documented an empty build")
        with warehouse.connect(raw):  # creates the source tables when the copy is new or empty
            pass
        candidate = work / "warta.duckdb"  # relations read warta.marts.events, as with the README's attach
        target = work / "target"
        _dbt(
            settings,
            raw,
            candidate,
            target,
            ["build", "--exclude-resource-type", "test", "--exclude-resource-type", "unit_test"],
        )
        _dbt(settings, raw, candidate, target, ["docs", "generate", "--static"])
        dbt_dir = docs / "dbt"
        dbt_dir.mkdir(parents=True, exist_ok=True)
        for name in ("manifest.json", "catalog.json"):
            shutil.copy2(target / name, dbt_dir / name)
        # The static page opens from disk; dbt's plain index.html would fetch the JSON files instead.
        shutil.copy2(target / "static_index.html", dbt_dir / "index.html")
        gx_index = docs / "gx" / "index.html"
        if not gx_index.exists():
            if settings.raw_db.exists():
                _gate_docs(settings, candidate, docs / "gx")
                notes.append("no Data Docs from a run yet: ran the gate on the docs build to write them")
            else:
                notes.append("no Great Expectations Data Docs: they are written by a run's gate (`warta run`)")
    index = docs / "index.html"
    index.write_text(_index_page(docs, settings.warehouse / "report.html"), encoding="utf-8")
    gaps = undocumented_columns(dbt_dir)
    return DocsResult(index, dbt_dir / "index.html", gx_index if gx_index.exists() else None, notes, gaps)


def undocumented_columns(dbt_dir: Path) -> dict[str, list[str]]:
    """Columns the database has but the YAML does not describe, per model, seed or source.

    Read from the generated catalog (what exists) against the manifest (what is documented), so a
    column added to a model without a description shows up here.
    """
    manifest = json.loads((dbt_dir / "manifest.json").read_text(encoding="utf-8"))
    catalog = json.loads((dbt_dir / "catalog.json").read_text(encoding="utf-8"))
    gaps: dict[str, list[str]] = {}
    for group in ("nodes", "sources"):
        for unique_id, found in catalog[group].items():
            node = manifest[group].get(unique_id, {})
            described = {name.lower() for name, column in node.get("columns", {}).items() if column.get("description")}
            missing = [name for name in found["columns"] if name.lower() not in described]
            if not node.get("description"):
                missing.insert(0, "(the model itself)")
            if missing:
                gaps[unique_id] = missing
    return gaps


def _dbt(settings: Settings, raw: Path, candidate: Path, target: Path, command: list[str]) -> None:
    from dbt.cli.main import dbtRunner

    from flows.transform import _DBT_LOCK, _release_dbt_connection

    project = str(settings.dbt_project)
    os.environ["WARTA_RAW_PATH"] = str(raw)
    os.environ["WARTA_CANDIDATE_PATH"] = str(candidate)
    args = [*command, "--project-dir", project, "--profiles-dir", project, "--target-path", str(target)]
    args += ["--log-path", str(target.parent / "logs"), *DBT_FLAGS]
    with _DBT_LOCK:
        try:
            outcome = dbtRunner().invoke(args)
        finally:
            _release_dbt_connection()
    if not outcome.success:
        results = getattr(outcome.result, "results", None) or []
        failures = [f"{r.node.name}: {r.message or r.status}" for r in results if str(r.status) == "error"]
        raise DocsFailed(f"dbt {' '.join(command)} failed: {outcome.exception or '; '.join(failures) or 'see logs'}")


def _gate_docs(settings: Settings, candidate: Path, gx_dir: Path) -> None:
    from flows.gate import run_gate
    from flows.transform import finalise_candidate

    finalise_candidate(candidate)  # the gate reads marts only; the views over the raw copy go
    run_gate(candidate, settings.expectations, gx_dir)


def _index_page(docs: Path, report: Path) -> str:
    links = [
        ("dbt/index.html", "dbt docs", "models, sources and lineage graph; every column with its description"),
        ("gx/index.html", "Great Expectations Data Docs", "the publish gate's suites and latest validation results"),
        (os.path.relpath(report, docs), "Analyst report", "timeline, entity network, sources, runs"),
    ]
    items = "".join(
        f'<li><a href="{html.escape(href)}">{html.escape(label)}</a>: {html.escape(what)}</li>'
        for href, label, what in links
        if (docs / href).exists()
    )
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Warta docs</title>'
        "<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:40px auto;color:#222}</style>"
        f"</head><body><h1>Warta documentation</h1><ul>{items}</ul></body></html>\n"
    )
