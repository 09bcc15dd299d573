"""The ``warta-pipeline`` Prefect flow: discover → ingest → extract → transform → gate → publish.

Thin wiring: each task calls one module's function with resources passed in. The flow's final state
tells the truth: a dbt failure or a failed critical expectation raises ``PipelineFailed`` after the
summary artifact is written, so the Prefect run is Failed and nothing is published. Under the lock, a
run first cleans up after dead runs (``runlog``), and rebuilds a published file that cannot be read.
"""

from __future__ import annotations

import logging
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from prefect import flow, get_run_logger, task, unmapped
from prefect.cache_policies import NO_CACHE
from prefect.utilities.annotations import quote

from flows import ingest, publish, runlog, scale, transform, warehouse
from flows.crashpoints import pause_point
from flows.extract.document import DocumentExtractor
from flows.extract.records import Extraction
from flows.gate import GateResult, run_gate
from flows.lock import warehouse_lock
from flows.report import write_run_report
from flows.settings import Settings
from flows.summary import RunSummary, post_artifacts


class PipelineFailed(RuntimeError):
    """The run finished but must not publish (dbt error or failed gate); carries its summary."""

    def __init__(self, summary: RunSummary) -> None:
        super().__init__(summary.message or "pipeline failed")
        self.summary = summary


@task(name="discover", task_run_name="discover", cache_policy=NO_CACHE)
def discover_task(inbox: Path) -> list[Path]:
    return ingest.discover(inbox)


@task(name="ingest", task_run_name="ingest", cache_policy=NO_CACHE)
def ingest_task(files: list[Path], settings: Settings, now: datetime, run_id: str) -> ingest.IngestReport:
    with warehouse.connect(settings.raw_db) as con:
        return ingest.ingest_files(con, files, settings.inbox, settings.max_bytes, now, run_id)


@task(name="extract", task_run_name="extract {label}", cache_policy=NO_CACHE)
def extract_task(
    docs: list[tuple[str, str, str]], seeds_dir: str, model_dir: str, label: str, processes: int = 1
) -> list[Extraction]:
    if processes > 1:  # the task stays in the flow (and the UI); the CPU work goes to a pool process
        return scale.extraction_pool(processes).submit(scale.extract_batch, docs, seeds_dir, model_dir).result()
    return scale.extract_batch(docs, seeds_dir, model_dir)


def plan_batches(pending: list[tuple[str, str, str]], max_tasks: int) -> list[tuple[str, list[tuple[str, str, str]]]]:
    """``(label, documents)`` per extraction task: one document per task while they fit in ``max_tasks``.

    Why batch at all: each Prefect task costs a few milliseconds of orchestration and a database write
    on the API server, and the recogniser is faster over a batch; past ``max_tasks`` documents, even
    batches keep the run's overhead flat while the UI still shows the work in progress.
    """
    if not pending:
        return []
    size = -(-len(pending) // max(max_tasks, 1))
    if size == 1:
        return [(doc[0], [doc]) for doc in pending]
    chunks = [pending[i : i + size] for i in range(0, len(pending), size)]
    return [(f"batch {n} of {len(chunks)} ({len(c)} docs)", c) for n, c in enumerate(chunks, start=1)]


@task(name="store-extractions", task_run_name="store extractions", cache_policy=NO_CACHE)
def store_task(results: list[Extraction], settings: Settings, version: str, now: datetime, run_id: str) -> None:
    with warehouse.connect(settings.raw_db) as con:
        warehouse.store_extractions(con, results, version, now, run_id)


@task(name="transform (dbt build)", task_run_name="dbt build", cache_policy=NO_CACHE)
def transform_task(settings: Settings, candidate: Path) -> transform.TransformResult:
    result = transform.run_dbt(settings.dbt_project, settings.raw_db, candidate, settings.warehouse)
    pause_point("dbt")  # the candidate is built but not finalised
    if result.success:
        result.rows = transform.finalise_candidate(candidate)
    return result


@task(name="gate (great expectations)", task_run_name="gate", cache_policy=NO_CACHE)
def gate_task(candidate: Path, settings: Settings) -> GateResult:
    verdict = run_gate(candidate, settings.expectations, settings.docs_dir / "gx")
    pause_point("gate")  # validated, verdict not yet acted on
    return verdict


@task(name="publish", task_run_name="publish", cache_policy=NO_CACHE)
def publish_task(candidate: Path, settings: Settings) -> None:
    publish.publish(candidate, settings.marts_db)


def flow_run_label() -> str:
    """Run names that read well in the UI's run list: ``run 2026-11-22 10:15 · seeds``."""
    from prefect.runtime import flow_run

    parameters = flow_run.parameters or {}
    inbox = parameters.get("inbox_name") or Path(parameters.get("inbox") or "inbox").name
    return f"run {flow_run.scheduled_start_time.astimezone():%Y-%m-%d %H:%M} · {inbox}"


@flow(name="warta-pipeline", flow_run_name=flow_run_label, log_prints=False)
def warta_pipeline(inbox: str | None = None, warehouse_dir: str | None = None, inbox_name: str = "inbox") -> RunSummary:
    """Ingest the inbox, extract new documents, rebuild and validate the marts, publish if they pass."""
    from prefect.runtime import flow_run

    overrides = {k: v for k, v in {"inbox": inbox, "warehouse": warehouse_dir}.items() if v}
    settings = Settings(**overrides)
    logger = get_run_logger()
    started, clock = datetime.now(UTC), time.monotonic()
    run_id = datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + uuid.uuid4().hex[:6]
    summary = RunSummary(run_id=run_id, inbox=str(settings.inbox), warehouse=str(settings.warehouse))

    with warehouse_lock(settings.warehouse, settings.lock_timeout, on_wait=logger.warning):
        _recover(settings, summary, logger)
        runlog.record_run(settings, summary, str(flow_run.id), started, None)
        results, version = _ingest_and_extract(settings, summary, started, logger)
        fingerprint = runlog.build_fingerprint(settings, version)
        problem = runlog.published_marts_problem(settings.marts_db)
        if problem is None and fingerprint == runlog.last_published_fingerprint(settings):
            summary.state, summary.message = "Completed", "nothing new since the last publish"
            summary.published_path = str(settings.marts_db)
        else:
            if problem and settings.marts_db.exists():
                logger.warning("the published marts cannot be read (%s): rebuilding them from raw", problem)
                summary.recovered.append(f"published marts were unreadable ({problem}); rebuilt from raw")
            _build_gate_publish(settings, summary, run_id, logger)
            summary.state = "Completed" if summary.published else "Failed"
        summary.elapsed = time.monotonic() - clock
        runlog.record_run(settings, summary, str(flow_run.id), started, fingerprint if summary.published else None)
        summary.report_path = write_run_report(settings.warehouse, summary.state)  # never raises
        post_artifacts(summary, _event_rows(results))
    say(logger, "%s in %.1f s: %s", summary.state, summary.elapsed, summary.decision())
    if summary.failed:
        raise PipelineFailed(summary)
    return summary


def say(logger: logging.LoggerAdapter, message: str, *args: object) -> None:
    """A progress line: goes to the UI like every log, and to the terminal of `warta run`."""
    logger.info(message, *args, extra={"terminal": True})


def _recover(settings: Settings, summary: RunSummary, logger: logging.LoggerAdapter) -> None:
    """Clean up after runs that died: their candidates, and their rows left ``Running``."""
    for stale in publish.remove_stale_candidates(settings.warehouse):
        summary.recovered.append(f"removed {stale.name} left by an interrupted run")
    for dead in runlog.mark_crashed_runs(settings, summary.run_id):
        summary.recovered.append(f"marked run {dead} Crashed (its process died)")
    for line in summary.recovered:
        logger.warning(line)


def _ingest_and_extract(
    settings: Settings, summary: RunSummary, started: datetime, logger: logging.LoggerAdapter
) -> tuple[list[Extraction], str]:
    """Take in the inbox, then extract every document this extractor version has not seen."""
    t = time.monotonic()
    files = discover_task(settings.inbox)
    report = ingest_task(files, settings, started, summary.run_id)
    summary.docs_seen, summary.docs_new, summary.docs_duplicate = report.seen, report.new, report.duplicates
    summary.docs_known, summary.quarantine = report.already_known, list(report.quarantined)
    for uri, reason, detail in report.quarantined:
        logger.warning("quarantined %s: %s (%s)", uri, reason, detail)
    counts = (report.seen, report.new, report.duplicates, len(report.quarantined))
    say(logger, "ingest: %d files, %d new, %d duplicates, %d quarantined", *counts)
    summary.stage_seconds["ingest"] = time.monotonic() - t
    t = time.monotonic()

    version = DocumentExtractor.version_for(seeds_dir(settings), settings.ner_model)
    with warehouse.connect(settings.raw_db) as con:
        pending = warehouse.pending_documents(con, version)
    batches = plan_batches(pending, settings.extract_tasks)
    processes = scale.extraction_processes(settings, len(pending))
    if processes > 1:
        say(logger, "extract: %d documents on %d local processes", len(pending), processes)
    futures = extract_task.map(
        [docs for _, docs in batches],
        unmapped(str(seeds_dir(settings))),
        unmapped(str(settings.ner_model)),
        [label for label, _ in batches],
        unmapped(processes),
    )
    results: list[Extraction] = []
    every, reported = max(settings.progress_every, 1), 0
    try:
        for future in futures:
            results += future.result()
            if len(results) // every > reported // every or len(results) == len(pending):
                say(logger, "extract: %d of %d documents", len(results), len(pending))
                reported = len(results)
    finally:
        scale.close_extraction_pool()
    if results:
        # quote: Prefect would otherwise walk every mention of every document looking for futures (a minute at 10,000)
        store_task(quote(results), settings, version, started, summary.run_id)
    refused = [r for r in results if r.article is None]
    uris = runlog.source_uris(settings, [r.doc_id for r in refused])
    for r in refused:
        entry = (uris.get(r.doc_id, r.doc_id), r.quarantine_reason or "", r.quarantine_detail or "")
        logger.warning("quarantined %s: %s (%s)", *entry)
        summary.quarantine.append(entry)
    summary.docs_extracted, summary.docs_refused = len(results) - len(refused), len(refused)
    summary.docs_quarantined = len(summary.quarantine)
    summary.stage_seconds["extract"] = time.monotonic() - t
    return results, version


def _build_gate_publish(settings: Settings, summary: RunSummary, run_id: str, logger: logging.LoggerAdapter) -> None:
    """dbt build into a candidate, the gate on it, and the atomic publish when it passes."""
    t = time.monotonic()
    candidate = publish.candidate_path(settings.warehouse, run_id)
    built = transform_task(settings, candidate)
    summary.marts, summary.dbt_tests_passed, summary.dbt_failures = built.rows, built.tests_passed, built.failures
    summary.stage_seconds["dbt"] = time.monotonic() - t
    if not built.success:
        for failure in built.failures:
            logger.error("dbt: %s", failure)
        summary.message = "dbt build failed: " + "; ".join(built.failures)
        publish.remove_stale_candidates(settings.warehouse)
        return
    marts = ", ".join(f"{k.removeprefix('marts.')} {v}" for k, v in built.rows.items() if k.startswith("marts."))
    say(logger, "dbt: %d tests passed; %s", built.tests_passed, marts)
    t = time.monotonic()
    verdict = gate_task(candidate, settings)
    summary.gate_passed = verdict.passed
    summary.gate_critical, summary.gate_warning = verdict.counts("critical"), verdict.counts("warning")
    summary.gate_failures = [c.describe() for c in verdict.critical_failures]
    summary.gate_warnings = [c.describe() for c in verdict.warnings]
    summary.gate_checks = [(c.severity, c.describe(), c.success) for c in verdict.checks]
    summary.stage_seconds["gate"] = time.monotonic() - t
    for failure in summary.gate_failures:
        logger.error("gate: critical expectation failed: %s", failure)
    for warning in summary.gate_warnings:
        logger.warning("gate: %s", warning)
    if not verdict.passed:
        summary.message = "the gate failed: " + "; ".join(summary.gate_failures)
        publish.remove_stale_candidates(settings.warehouse)
        return
    t = time.monotonic()
    publish_task(candidate, settings)
    summary.published, summary.published_path = True, str(settings.marts_db)
    summary.stage_seconds["publish"] = time.monotonic() - t


def seeds_dir(settings: Settings) -> Path:
    """The dbt seeds folder, which is also extraction's vocabulary."""
    return settings.dbt_project / "seeds"


def _event_rows(results: list[Extraction]) -> list[dict[str, str]]:
    return [
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
