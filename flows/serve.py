"""``warta serve``: a local Prefect server plus the scheduled ``warta-pipeline/scheduled`` deployment.

The server is a child process (``prefect server start``) bound to 127.0.0.1 with its SQLite database
under the warehouse (``PREFECT_HOME``), in its own session so that Ctrl-C reaches the runner first:
the runner pauses the schedule and stops, then the server is terminated. A kernel parent-death signal
takes the server down even if ``warta serve`` itself is killed, so no orphan is left. The address is
written to ``warehouse/.warta-server.json`` so that ``warta run`` reports to the same server.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from flows.console import EnvironmentProblem
from flows.settings import Settings, configure_prefect_home

DEPLOYMENT = "scheduled"
HOST = "127.0.0.1"
_PR_SET_PDEATHSIG = 1


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def healthy(api_url: str, timeout: float = 2.0) -> bool:
    """True when a Prefect API answers its health check at ``api_url``."""
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return response.status == 200
    except (OSError, ValueError):
        return False


def running_server(settings: Settings) -> str | None:
    """The API address left by a live ``warta serve`` for this warehouse, or None."""
    try:
        info = json.loads(settings.server_file.read_text())
    except (OSError, ValueError):
        return None
    api_url = info.get("api_url")
    return api_url if api_url and healthy(api_url) else None


def use_running_server(settings: Settings) -> str | None:
    """Point this process at the served Prefect API unless ``PREFECT_API_URL`` already chose one.

    Must run before ``import prefect``, which reads its settings once.
    """
    if os.environ.get("PREFECT_API_URL"):
        return None
    api_url = running_server(settings)
    if api_url:
        os.environ["PREFECT_API_URL"] = api_url
    return api_url


def _die_with_parent() -> None:
    """In the child before exec: the kernel sends SIGTERM when ``warta serve`` dies, however it dies."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux: Ctrl-C and SIGTERM still stop it cleanly
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def start_server(settings: Settings, port: int, log: Path) -> subprocess.Popen:
    env = {k: v for k, v in os.environ.items() if k != "PREFECT_API_URL"}
    env["PREFECT_HOME"] = os.environ["PREFECT_HOME"]
    env["PREFECT_SERVER_ANALYTICS_ENABLED"] = "false"
    args = [sys.executable, "-m", "prefect", "server", "start", "--host", HOST, "--port", str(port)]
    with log.open("ab") as out:
        return subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
            preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
        )


def wait_until_healthy(api_url: str, server: subprocess.Popen, log: Path, timeout: float = 180.0) -> None:
    deadline = time.monotonic() + timeout
    while not healthy(api_url):
        if server.poll() is not None:
            tail = log.read_text(errors="replace").strip().splitlines()[-5:]
            raise EnvironmentProblem(f"the Prefect server stopped while starting: {' / '.join(tail)} (see {log})")
        if time.monotonic() > deadline:
            raise EnvironmentProblem(f"the Prefect server did not answer within {timeout:.0f} s (see {log})")
        time.sleep(0.5)


def stop_server(server: subprocess.Popen, timeout: float = 20.0) -> None:
    """SIGTERM, then SIGKILL if it lingers: never leave the server behind."""
    if server.poll() is not None:
        return
    server.terminate()
    try:
        server.wait(timeout)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def serve(settings: Settings, echo: Callable[[str], None]) -> None:
    """Start the server, serve the deployment until Ctrl-C, then stop both."""
    configure_prefect_home(settings)
    if running_server(settings):
        raise EnvironmentProblem(f"a Warta server already serves {settings.warehouse}: see {settings.server_file}")
    port = settings.server_port or free_port()
    with socket.socket() as probe:
        if probe.connect_ex((HOST, port)) == 0:
            raise EnvironmentProblem(f"port {port} is in use; set WARTA_SERVER_PORT to another (0 picks a free one)")
    ui_url, api_url = f"http://{HOST}:{port}", f"http://{HOST}:{port}/api"
    log = Path(os.environ["PREFECT_HOME"]) / "server.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    echo(f"starting the Prefect server on {ui_url} (state in {log.parent}, log {log.name}) ...")
    server = start_server(settings, port, log)
    try:
        wait_until_healthy(api_url, server, log)
        settings.server_file.write_text(json.dumps({"api_url": api_url, "ui_url": ui_url, "pid": os.getpid()}))
        os.environ["PREFECT_API_URL"] = api_url
        _serve_deployment(settings, api_url, ui_url, echo)
    finally:
        if settings.server_file.exists() and f'"pid": {os.getpid()}' in settings.server_file.read_text():
            settings.server_file.unlink()
        stop_server(server)
        echo("stopped the runner and the Prefect server")


def _serve_deployment(settings: Settings, api_url: str, ui_url: str, echo: Callable[[str], None]) -> None:
    """Serve until SIGINT or SIGTERM; either one pauses the schedule on the way out.

    Ctrl-C is honoured even when the shell started us with SIGINT ignored, and SIGTERM is turned into the
    same interrupt (Prefect's own SIGTERM handler exits without pausing the schedule), so while Warta is
    stopped no scheduled runs pile up to be replayed at the next start.
    """
    from prefect.deployments.runner import EntrypointType
    from prefect.runner import Runner
    from prefect.settings import PREFECT_API_URL, PREFECT_UI_URL, temporary_settings

    from flows.pipeline import warta_pipeline

    signal.signal(signal.SIGINT, signal.default_int_handler)
    with temporary_settings({PREFECT_API_URL: api_url, PREFECT_UI_URL: ui_url}):
        runner = Runner(name="warta", pause_on_shutdown=True, limit=1)  # one run at a time: no lock races
        runner.handle_sigterm = lambda *_: signal.raise_signal(signal.SIGINT)
        runner.add_flow(
            warta_pipeline,
            name=DEPLOYMENT,
            cron=settings.schedule,
            paused=False,
            parameters={
                "inbox": str(settings.inbox),
                "warehouse_dir": str(settings.warehouse),
                "inbox_name": settings.inbox.name,
            },
            description="Warta: ingest what arrived in the inbox, rebuild, validate and publish the marts.",
            tags=["warta"],
            entrypoint_type=EntrypointType.MODULE_PATH,
        )
        echo(f"Prefect UI: {ui_url}  (flow runs: {ui_url}/runs)")
        echo(
            f"deployment warta-pipeline/{DEPLOYMENT}: cron '{settings.schedule}' (WARTA_SCHEDULE) on inbox"
            f" {settings.inbox} -> {settings.warehouse}; `warta run` now reports here too. Ctrl-C stops."
        )
        try:
            asyncio.run(runner.start())
        except KeyboardInterrupt:
            echo("runner stopped; the schedule stays paused until the next `warta serve`")
