"""The ``warta-pipeline`` Prefect flow: discover → ingest → extract → transform → gate → publish.

Thin wiring: each task calls one module's function with resources passed in. The flow's final state
tells the truth: a dbt failure or a failed critical expectation raises ``PipelineFailed`` after the
summary artifact is written, so the Prefect run is Failed and nothing is published.
"""

from __future__ import annotations

import hashlib
import time
import uuid
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows import ingest, publish, transform, warehouse
from flows.extract.document import DocumentExtractor
from flows.extract.records import Extraction
from flows.gate import GateResult, run_gate
from flows.lock import warehouse_lock
from flows.settings import Settings
from flows.summary import RunSummary


class PipelineFailed(RuntimeError):
    """The run finished but must not publish (dbt error or failed gate); carries its summary."""

    def __init__(self, summary: RunSummary) -> None:
        super().__init__(summary.message or "pipeline failed")
        self.summary = summary


@cache
def load_extractor(seeds_dir: str, model_dir: str) -> DocumentExtractor:
    """One extractor per process: the gazetteer, lexicon and model load once, not per document."""
    return DocumentExtractor.load(Path(seeds_dir), Path(model_dir))


@task(name="discover", cache_policy=NO_CACHE)
def discover_task(inbox: Path) -> list[Path]:
    return ingest.discover(inbox)


@task(name="ingest", cache_policy=NO_CACHE)
def ingest_task(files: list[Path], settings: Settings, now: datetime, run_id: str) -> ingest.IngestReport:
    with warehouse.connect(settings.raw_db) as con:
        return ingest.ingest_files(con, files, settings.inbox, settings.max_bytes, now, run_id)


@task(name="extract-document", task_run_name="extract {doc_id}", cache_policy=NO_CACHE)
def extract_task(doc_id: str, text: str, media_type: str, seeds_dir: str, model_dir: str) -> Extraction:
    return load_extractor(seeds_dir, model_dir).extract(doc_id, text, media_type)


@task(name="store-extractions", cache_policy=NO_CACHE)
def store_task(results: list[Extraction], settings: Settings, version: str, now: datetime, run_id: str) -> None:
    with warehouse.connect(settings.raw_db) as con:
        warehouse.store_extractions(con, results, version, now, run_id)


@task(name="transform (dbt build)", cache_policy=NO_CACHE)
def transform_task(settings: Settings, candidate: Path) -> transform.TransformResult:
    result = transform.run_dbt(settings.dbt_project, settings.raw_db, candidate, settings.warehouse)
    if result.success:
        result.rows = transform.finalise_candidate(candidate)
    return result


@task(name="gate (great expectations)", cache_policy=NO_CACHE)
def gate_task(candidate: Path, settings: Settings) -> GateResult:
    return run_gate(candidate, settings.expectations, settings.docs_dir / "gx")


@task(name="publish", cache_policy=NO_CACHE)
def publish_task(candidate: Path, settings: Settings) -> None:
    publish.publish(candidate, settings.marts_db)


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


def _record_run(
    settings: Settings, summary: RunSummary, flow_run_id: str | None, started: datetime, fingerprint: str | None
) -> None:
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


def _last_published_fingerprint(settings: Settings) -> str | None:
    with warehouse.connect(settings.raw_db) as con:
        row = con.execute(
            "select build_fingerprint from runs where published order by started_at desc limit 1"
        ).fetchone()
    return row[0] if row else None


@flow(name="warta-pipeline", flow_run_name="warta-{inbox_name}", log_prints=False)
def warta_pipeline(inbox: str | None = None, warehouse_dir: str | None = None, inbox_name: str = "inbox") -> RunSummary:
    """Ingest the inbox, extract new documents, rebuild and validate the marts, publish if they pass."""
    from prefect.runtime import flow_run

    overrides = {k: v for k, v in {"inbox": inbox, "warehouse": warehouse_dir}.items() if v}
    settings = Settings(**overrides)
    logger = get_run_logger()
    started, clock = datetime.now(UTC), time.monotonic()
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    summary = RunSummary(run_id=run_id, inbox=str(settings.inbox), warehouse=str(settings.warehouse))
    fingerprint = None

    def stage(name: str, since: float) -> float:
        now = time.monotonic()
        summary.stage_seconds[name] = now - since
        return now

    with warehouse_lock(settings.warehouse, settings.lock_timeout, on_wait=logger.warning):
        for stale in publish.remove_stale_candidates(settings.warehouse):
            logger.warning("removed %s left by an interrupted run", stale.name)
        _record_run(settings, summary, str(flow_run.id), started, None)
        t = time.monotonic()
        files = discover_task(settings.inbox)
        report = ingest_task(files, settings, started, run_id)
        summary.docs_seen, summary.docs_new, summary.docs_duplicate = report.seen, report.new, report.duplicates
        summary.docs_known, summary.quarantine = report.already_known, list(report.quarantined)
        t = stage("ingest", t)

        extractor = load_extractor(str(seeds_dir(settings)), str(settings.ner_model))
        with warehouse.connect(settings.raw_db) as con:
            pending = warehouse.pending_documents(con, extractor.version)
        futures = extract_task.map(
            [p[0] for p in pending],
            [p[1] for p in pending],
            [p[2] for p in pending],
            unmapped(str(seeds_dir(settings))),
            unmapped(str(settings.ner_model)),
        )
        results = [f.result() for f in futures]
        if results:
            store_task(results, settings, extractor.version, started, run_id)
        summary.docs_extracted = sum(r.article is not None for r in results)
        summary.quarantine += [
            (r.doc_id, r.quarantine_reason or "", r.quarantine_detail or "") for r in results if r.article is None
        ]
        summary.docs_quarantined = len(summary.quarantine)
        t = stage("extract", t)

        fingerprint = build_fingerprint(settings, extractor.version)
        if settings.marts_db.exists() and fingerprint == _last_published_fingerprint(settings):
            summary.state, summary.message = "Completed", "nothing new since the last publish"
            summary.published_path = str(settings.marts_db)
            summary.elapsed = time.monotonic() - clock
            _record_run(settings, summary, str(flow_run.id), started, None)
            _artifact(summary, [])
            return summary

        candidate = publish.candidate_path(settings.warehouse, run_id)
        built = transform_task(settings, candidate)
        summary.marts, summary.dbt_tests_passed, summary.dbt_failures = built.rows, built.tests_passed, built.failures
        t = stage("dbt", t)
        if built.success:
            verdict = gate_task(candidate, settings)
            summary.gate_passed = verdict.passed
            summary.gate_critical, summary.gate_warning = verdict.counts("critical"), verdict.counts("warning")
            summary.gate_failures = [c.describe() for c in verdict.critical_failures]
            summary.gate_warnings = [c.describe() for c in verdict.warnings]
            t = stage("gate", t)
            for failure in summary.gate_failures:
                logger.error("gate: critical expectation failed: %s", failure)
            for warning in summary.gate_warnings:
                logger.warning("gate: %s", warning)
            if verdict.passed:
                publish_task(candidate, settings)
                summary.published, summary.published_path = True, str(settings.marts_db)
                t = stage("publish", t)
            else:
                summary.message = "the gate failed: " + "; ".join(summary.gate_failures)
        else:
            for failure in built.failures:
                logger.error("dbt: %s", failure)
            summary.message = "dbt build failed: " + "; ".join(built.failures)
        publish.remove_stale_candidates(settings.warehouse)
        summary.state = "Completed" if summary.published else "Failed"
        summary.elapsed = time.monotonic() - clock
        _record_run(settings, summary, str(flow_run.id), started, fingerprint if summary.published else None)
        _artifact(summary, results)
    if summary.failed:
        raise PipelineFailed(summary)
    return summary


def seeds_dir(settings: Settings) -> Path:
    """The dbt seeds folder, which is also extraction's vocabulary."""
    return settings.dbt_project / "seeds"


def _artifact(summary: RunSummary, results: list[Extraction]) -> None:
    create_markdown_artifact(
        key="warta-run-summary",
        markdown=summary.to_markdown(),
        description=f"Warta run {summary.run_id}: {summary.state}",
    )
    events = [
        {
            "article": r.doc_id,
            "type": e.event_type,
            "mode": e.event_mode or "",
            "context": e.event_context,
            "actor1": e.actor1_name or "",
            "actor2": e.actor2_name or "",
            "date": str(e.event_date or ""),
        }
        for r in results
        for e in r.events
    ]
    if events:
        create_table_artifact(
            key="warta-new-events", table=events[:500], description=f"Event mentions extracted in run {summary.run_id}"
        )
