"""``warta serve`` end to end: a real local Prefect server, the scheduled deployment firing on a one-minute
cron, the run's state and artifact read back through the Prefect API, ``warta run`` reporting to the same
server, and Ctrl-C leaving no process behind. Takes one to three minutes (it waits for the clock).
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow
FINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def wait_for(predicate, timeout: float, what: str, interval: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


async def scheduled_run(api_url: str) -> dict:
    """The deployment, its first finished scheduled run, and that run's artifacts, read through the API."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        ArtifactFilter,
        ArtifactFilterFlowRunId,
        FlowRunFilter,
        FlowRunFilterDeploymentId,
    )
    from prefect.settings import PREFECT_API_URL, temporary_settings

    with temporary_settings({PREFECT_API_URL: api_url}):
        async with get_client() as client:
            # `warta serve` registers the deployment before it prints the UI address
            deployment = await client.read_deployment_by_name("warta-pipeline/scheduled")
            runs_of = FlowRunFilter(deployment_id=FlowRunFilterDeploymentId(any_=[deployment.id]))
            deadline = time.monotonic() + 240
            while True:
                runs = await client.read_flow_runs(flow_run_filter=runs_of)
                done = [r for r in runs if r.state_type and r.state_type.value in FINAL]
                if done or time.monotonic() > deadline:
                    break
                await asyncio.sleep(2)
            assert done, f"no scheduled run finished: {[(r.name, r.state_name) for r in runs]}"
            run = done[0]
            artifacts = await client.read_artifacts(
                artifact_filter=ArtifactFilter(flow_run_id=ArtifactFilterFlowRunId(any_=[run.id]))
            )
            manual = await client.read_flow_runs(
                flow_run_filter=FlowRunFilter(deployment_id=FlowRunFilterDeploymentId(is_null_=True))
            )
    return {
        "cron": [s.schedule.cron for s in deployment.schedules],
        "run": run,
        "artifacts": {a.key: a for a in artifacts},
        "manual": manual,
    }


def server_processes(port: int) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        try:
            if proc.name.isdigit() and f"--port\0{port}\0".encode() in (proc / "cmdline").read_bytes():
                found.append(int(proc.name))
        except OSError:
            continue
    return found


def test_serve_runs_the_scheduled_deployment_and_stops_cleanly(fresh_copy, tmp_path):
    inbox, wh = fresh_copy
    env = {k: v for k, v in os.environ.items() if k not in ("PREFECT_HOME", "PREFECT_API_URL")}
    env |= {
        "WARTA_INBOX": str(inbox),
        "WARTA_WAREHOUSE": str(wh),
        "WARTA_SCHEDULE": "* * * * *",
        "WARTA_SERVER_PORT": "0",
        "WARTA_LOCK_TIMEOUT": "240",
    }
    out, err = (tmp_path / "serve.out").open("w+"), (tmp_path / "serve.err").open("w+")
    serve = subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "serve"], cwd=ROOT, env=env, stdout=out, stderr=err, text=True
    )
    port = None
    try:
        server_file = wh / ".warta-server.json"
        info = wait_for(lambda: server_file.exists() and json.loads(server_file.read_text()), 180, "the server")
        api_url, ui_url = info["api_url"], info["ui_url"]
        port = int(ui_url.rsplit(":", 1)[1])
        assert ui_url.startswith("http://127.0.0.1:")
        wait_for(lambda: f"Prefect UI: {ui_url}" in Path(out.name).read_text(), 60, "the UI address")
        assert (wh / ".prefect" / "prefect.db").exists(), "the server keeps its state under the warehouse"
        page = urllib.request.urlopen(urllib.request.Request(ui_url, headers={"Accept": "text/html"}), timeout=10)
        assert page.status == 200 and b"<html" in page.read().lower(), "the UI is served offline"

        seen = asyncio.run(scheduled_run(api_url))
        assert seen["cron"] == ["* * * * *"]
        run = seen["run"]
        assert run.state_name == "Completed", Path(err.name).read_text()[-3000:]
        assert run.name.startswith("run ") and run.name.endswith(f"· {inbox.name}")
        summary = seen["artifacts"]["warta-run-summary"]
        assert summary.type == "markdown" and "**Publish decision**" in summary.data
        assert "## Time per stage" in summary.data and "## Quarantine" in summary.data

        manual = subprocess.run(
            [sys.executable, "-m", "flows.cli", "run"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=400
        )
        assert manual.returncode == 0, manual.stderr[-3000:]
        assert f"reporting to the Prefect server at {api_url}" in manual.stderr
        assert len(asyncio.run(scheduled_run(api_url))["manual"]) == 1, "`warta run` shows in the served UI"
    finally:
        serve.send_signal(signal.SIGINT)  # what Ctrl-C sends
        try:
            serve.wait(120)
        except subprocess.TimeoutExpired:
            serve.kill()
            raise
    assert serve.returncode == 0, Path(err.name).read_text()[-3000:]
    assert "stopped the runner and the Prefect server" in Path(out.name).read_text()
    assert not (wh / ".warta-server.json").exists()
    assert port is not None and server_processes(port) == [], "no Prefect server left behind"
