"""The operator's commands behind ``warta run`` and ``warta serve``: checks first, then the flow.

Cheap checks run before Prefect starts (a writable warehouse, a free lock), so the common failures
answer in a second with one sentence. Failures during the run are explained the same way; the full
traceback stays in the Prefect run's logs (``WARTA_DEBUG=1`` also prints it).
"""

from __future__ import annotations

import gc
import os
import traceback
from collections.abc import Callable

import click

from flows.console import EXIT_FAILED, EXIT_IO, EnvironmentProblem, explain, preflight, setup_terminal
from flows.lock import EXIT_LOCKED, WarehouseLocked, current_holder
from flows.settings import Settings, configure_prefect_home


def _err(message: str) -> None:
    click.echo(f"warta: {message}", err=True)


def run_once(settings: Settings, echo: Callable[[str], None] = click.echo) -> int:
    """One pipeline run with its summary on stdout; returns the exit code (see ``warta run --help``)."""
    try:
        preflight(settings.warehouse)
    except EnvironmentProblem as problem:
        _err(str(problem))
        return EXIT_IO
    holder = current_holder(settings.warehouse) if settings.lock_timeout <= 0 else None
    if holder:
        _err(f"warehouse {settings.warehouse} is in use by {holder}; try again when it has finished")
        _err("(or set WARTA_LOCK_TIMEOUT=<seconds> to wait for it)")
        return EXIT_LOCKED
    from flows.serve import use_running_server

    api_url = use_running_server(settings)
    if api_url:
        _err(f"reporting to the Prefect server at {api_url} (started by `warta serve`)")
    configure_prefect_home(settings)
    from flows.pipeline import PipelineFailed
    from flows.scale import pipeline_flow

    setup_terminal()
    code = 0
    try:
        summary = pipeline_flow(settings)(
            inbox=str(settings.inbox), warehouse_dir=str(settings.warehouse), inbox_name=settings.inbox.name
        )
        echo(summary.to_text())
    except PipelineFailed as failed:
        echo(failed.summary.to_text())
        code = EXIT_FAILED
    except WarehouseLocked as locked:
        _err(f"{locked}; try again when it has finished (or set WARTA_LOCK_TIMEOUT).")
        code = EXIT_LOCKED
    except Exception as exc:
        if os.environ.get("WARTA_DEBUG"):
            raise
        message = explain(exc, settings.warehouse)
        _err(message or f"the run crashed: {type(exc).__name__}: {exc} (the traceback is in the run's Prefect logs)")
        code = EXIT_IO if message else EXIT_FAILED
        _release_frames(exc)
    gc.collect()
    return code


def _release_frames(exc: BaseException) -> None:
    """Free the locals (DuckDB connections) held by a failed run's traceback before the interpreter exits.

    Prefect keeps the exception in the run's state; left alone, its frames keep DuckDB objects alive until
    shutdown, where DuckDB's bindings print a page of "leaked instance" warnings under the one-line message.
    """
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        traceback.clear_frames(exc.__traceback__)
        exc = exc.__cause__ or exc.__context__


@click.command("serve")
def serve_command() -> None:
    """Start a local Prefect server and serve the scheduled deployment until Ctrl-C.

    The server listens on 127.0.0.1:WARTA_SERVER_PORT (default 4200; 0 picks a free port) and keeps its
    state under the warehouse folder. The deployment warta-pipeline/scheduled runs the pipeline on
    WARTA_INBOX on the cron schedule WARTA_SCHEDULE (default every 15 minutes). While it is up,
    `warta run` reports to the same server, so every run shows in its UI.
    """
    from flows.serve import serve

    try:
        serve(Settings(), click.echo)
    except EnvironmentProblem as problem:
        _err(str(problem))
        raise SystemExit(EXIT_IO) from None
    except KeyboardInterrupt:
        pass
