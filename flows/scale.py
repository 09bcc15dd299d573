"""Choose where per-document extraction runs: in this process (default) or on a Dask cluster.

Why a task runner and not our own pool: Prefect's task runner is the seam the flow already uses for its
mapped ``extract`` tasks, so ``prefect-dask`` spreads them across Dask workers with no change to the
flow or the extraction code. Everything else (ingest, dbt, the gate, publish) stays in the flow's own
process because it writes the single-writer DuckDB files. Workers load the extractor once per process
(``flows.pipeline.load_extractor`` is cached), so the model is not shipped with every task.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from prefect import Flow

    from flows.settings import Settings

LOCAL = "local"


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
