"""Choose where per-document extraction runs: this process, a local process pool, or a Dask cluster.

Across machines, Prefect's task runner is the seam: the flow already maps ``extract`` tasks, so
``prefect-dask`` spreads them over Dask workers with no change to the flow or the extraction code. On one
machine, a run with many new documents keeps its tasks on the flow's threads (so the UI shows each) but
hands their CPU work to a pool of spawned processes, because threads share one core under the GIL.
Everything else (ingest, dbt, the gate, publish) stays in the flow's own process because it writes the
single-writer DuckDB files. Every process loads the extractor once (``load_extractor`` is cached).

The worker side (``extract_batch``) lives here rather than in ``flows.pipeline`` so that a spawned pool
process imports only the extraction package, not Prefect, dbt and Great Expectations (seconds each).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from flows.extract.document import DocumentExtractor

if TYPE_CHECKING:
    from prefect import Flow

    from flows.extract.records import Extraction
    from flows.settings import Settings

LOCAL = "local"
POOL_MIN_DOCUMENTS = 50  # below this, starting processes and loading the model in each costs more than it saves

_pool: ProcessPoolExecutor | None = None
_pool_lock = threading.Lock()
_extractor_lock = threading.Lock()


def load_extractor(seeds_dir: str, model_dir: str) -> DocumentExtractor:
    """One extractor per process: the gazetteer, lexicon and model load once, not per document.

    Locked because extraction tasks start on many threads at once: without it, each would load its own
    copy of the model before the first finished (seconds of CPU and hundreds of MB each).
    """
    with _extractor_lock:
        return _cached_extractor(seeds_dir, model_dir)


@cache
def _cached_extractor(seeds_dir: str, model_dir: str) -> DocumentExtractor:
    return DocumentExtractor.load(Path(seeds_dir), Path(model_dir))


def extract_batch(docs: list[tuple[str, str, str]], seeds_dir: str, model_dir: str) -> list[Extraction]:
    """Extract a batch with this process's extractor: what a thread, a pool process or a Dask worker runs."""
    return load_extractor(seeds_dir, model_dir).extract_many(docs)


def dask_task_runner(address: str | None, workers: int = 2) -> object | None:
    """A ``DaskTaskRunner`` for ``address`` (``"local"``: a local cluster of ``workers`` processes), or None."""
    if not address:
        return None
    from prefect_dask import DaskTaskRunner

    if address == LOCAL:
        return DaskTaskRunner(
            cluster_kwargs={
                "n_workers": workers,
                "threads_per_worker": 1,  # spaCy and the parsers are CPU-bound: one task per core
                "processes": True,
                "host": "127.0.0.1",
                "dashboard_address": None,  # no web dashboard: nothing to serve, nothing to reach
            }
        )
    return DaskTaskRunner(address=address)


def pipeline_flow(settings: Settings) -> Flow:
    """The ``warta-pipeline`` flow with the task runner the settings ask for."""
    from flows.pipeline import warta_pipeline

    runner = dask_task_runner(settings.dask_address, settings.dask_workers)
    return warta_pipeline if runner is None else warta_pipeline.with_options(task_runner=runner)


def extraction_processes(settings: Settings, pending: int) -> int:
    """How many local processes extract this run's ``pending`` documents (1: the flow's own threads).

    Why processes: extraction is CPU-bound Python and spaCy, so threads share one core under the GIL.
    Not with Dask (its workers are the parallelism) nor for small runs (each process loads the model).
    """
    if settings.dask_address or pending < POOL_MIN_DOCUMENTS:
        return 1
    wanted = settings.extract_processes or (os.cpu_count() or 1)
    return max(1, min(wanted, -(-pending // POOL_MIN_DOCUMENTS)))


def extraction_pool(processes: int) -> ProcessPoolExecutor:
    """The process pool of this run (spawned, not forked: the flow process holds threads and DuckDB)."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProcessPoolExecutor(max_workers=processes, mp_context=multiprocessing.get_context("spawn"))
        return _pool


def close_extraction_pool() -> None:
    """Stop the pool's processes, so a served Warta does not keep models in memory between runs."""
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.shutdown(wait=True, cancel_futures=True)
            _pool = None
