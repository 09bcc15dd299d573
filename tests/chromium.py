"""Headless Chromium driven over the DevTools protocol (CDP), for tests that must see a page as a browser does.

No browser-automation dependency: Chromium listens on a local WebSocket and ``websockets`` (already
installed with Prefect) speaks to it. One page per ``Browser``; every protocol event is kept, so a
test can ask afterwards which console errors, exceptions and network requests the page produced.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

from websockets.sync.client import ClientConnection, connect

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Headless, no sandbox (CI runs as root), and nothing Chromium itself would fetch in the background.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--disable-dev-shm-usage",
    "--mute-audio",
    "--hide-scrollbars",
    "--remote-debugging-address=127.0.0.1",
    "--remote-debugging-port=0",
)
LOCAL_SCHEMES = ("file:", "data:", "about:", "blob:", "devtools:", "chrome:")


def find_chromium() -> str | None:
    """``WARTA_CHROMIUM`` if set, else the first Chromium or Chrome on PATH."""
    if os.environ.get("WARTA_CHROMIUM"):
        return os.environ["WARTA_CHROMIUM"]
    return next((path for name in CANDIDATES if (path := shutil.which(name))), None)


def install_chromium() -> None:
    """``apt-get install chromium`` as root (or through password-less sudo); raises with apt's own words.

    CI is a fresh Debian machine that can reach the package mirrors; a developer's machine without
    root gets a clear failure instead of a silent skip.
    """
    if shutil.which("apt-get") is None:
        raise RuntimeError("Chromium is missing and this is not a Debian-like system: install chromium")
    if os.geteuid() == 0:
        prefix: list[str] = []
    elif shutil.which("sudo") and subprocess.run(["sudo", "-n", "true"], capture_output=True).returncode == 0:
        prefix = ["sudo", "-n"]
    else:
        raise RuntimeError("Chromium is missing: run `sudo apt-get install chromium` (or set WARTA_CHROMIUM)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    wait = ["-o", "DPkg::Lock::Timeout=300"]  # another apt (unattended upgrades) may hold the lock
    last = ""
    for _ in range(2):  # a mirror hiccup deserves one retry
        steps = (["apt-get", *wait, "update"], ["apt-get", *wait, "install", "-y", "chromium"])
        for step in steps:
            done = subprocess.run([*prefix, *step], capture_output=True, text=True, env=env, timeout=1500)
            if done.returncode != 0:
                last = (done.stdout + done.stderr)[-1500:]
                break
        else:
            if find_chromium():
                return
    raise RuntimeError(f"apt-get could not install chromium:\n{last}")


def ensure_chromium() -> str:
    """The path of a Chromium binary, installing Debian's package when none is found."""
    found = find_chromium()
    if found is None:
        install_chromium()
        found = find_chromium()
    if found is None:
        raise RuntimeError("chromium was installed but is not on PATH")
    return found


class Browser:
    """A headless Chromium with a fresh profile and one attached page session."""

    def __init__(self, binary: str, workdir: Path, width: int = 1400, height: int = 1000) -> None:
        self.workdir = workdir
        self.profile = Path(tempfile.mkdtemp(prefix="chromium-profile-", dir=workdir))
        self.log = (workdir / "chromium.log").open("w")
        self.process = subprocess.Popen(
            [binary, *FLAGS, f"--user-data-dir={self.profile}", f"--window-size={width},{height}", "about:blank"],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self.events: list[dict[str, Any]] = []
        self._next_id = 0
        try:
            self.ws = self._connect(timeout=60)
            target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
            self.session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
            for domain in ("Page", "Runtime", "Network", "Log"):
                self.send(f"{domain}.enable", session=True)
            self.send(
                "Emulation.setDeviceMetricsOverride",
                {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False},
                session=True,
            )
        except BaseException:
            self.process.kill()
            self.process.wait(timeout=10)
            self.log.close()
            raise

    def _connect(self, timeout: float) -> ClientConnection:
        port_file = self.profile / "DevToolsActivePort"
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"chromium exited with {self.process.returncode}; see {self.log.name}")
            lines = port_file.read_text().split() if port_file.exists() else []
            if len(lines) >= 2:
                return connect(f"ws://127.0.0.1:{lines[0]}{lines[1]}", max_size=None, open_timeout=30)
            time.sleep(0.1)
        raise TimeoutError(f"chromium did not open its DevTools port within {timeout} s")

    def send(self, method: str, params: dict | None = None, session: bool = False, timeout: float = 60) -> dict:
        """Call a CDP method and return its result; events received meanwhile are kept in ``events``."""
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = self.session
        self.ws.send(json.dumps(message))
        deadline = time.monotonic() + timeout
        while True:
            reply = json.loads(self.ws.recv(timeout=max(deadline - time.monotonic(), 0.01)))
            if reply.get("id") == self._next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_for_event(self, method: str, timeout: float = 60, since: int = 0) -> dict:
        """Block until this page emits ``method``, or return it if it came after ``events[since]``."""
        for event in self.events[since:]:
            if event.get("method") == method and event.get("sessionId") == self.session:
                return event
        deadline = time.monotonic() + timeout
        while True:
            event = json.loads(self.ws.recv(timeout=max(deadline - time.monotonic(), 0.01)))
            self.events.append(event)
            if event.get("method") == method and event.get("sessionId") == self.session:
                return event

    def navigate(self, url: str, timeout: float = 60) -> None:
        """Open ``url`` and wait for its own load event (not an earlier page's)."""
        since = len(self.events)
        self.send("Page.navigate", {"url": url}, session=True)
        self.wait_for_event("Page.loadEventFired", timeout, since)

    def evaluate(self, expression: str) -> Any:
        result = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression}: {result['exceptionDetails']}")
        return result["result"].get("value")

    def wait_until(self, expression: str, timeout: float = 30) -> Any:
        """Poll ``expression`` until it is truthy; returns its last value (falsy on timeout)."""
        deadline = time.monotonic() + timeout
        value = self.evaluate(expression)
        while not value and time.monotonic() < deadline:
            time.sleep(0.2)
            value = self.evaluate(expression)
        return value

    def screenshot(self, path: Path) -> Path:
        """A PNG of the whole page, not only the viewport."""
        import base64

        size = self.send("Page.getLayoutMetrics", session=True)["cssContentSize"]
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"], "scale": 1}
        shot = self.send(
            "Page.captureScreenshot", {"format": "png", "captureBeyondViewport": True, "clip": clip}, session=True
        )
        path.write_bytes(base64.b64decode(shot["data"]))
        return path

    # What the page did, read from the protocol events.
    def _page_events(self, method: str) -> list[dict]:
        return [e["params"] for e in self.events if e.get("method") == method and e.get("sessionId") == self.session]

    def console_errors(self) -> list[str]:
        errors = [
            " ".join(str(a.get("value", a.get("description", ""))) for a in p["args"])
            for p in self._page_events("Runtime.consoleAPICalled")
            if p["type"] in {"error", "assert"}
        ]
        errors += [p["entry"]["text"] for p in self._page_events("Log.entryAdded") if p["entry"]["level"] == "error"]
        errors += [
            p["exceptionDetails"].get("exception", {}).get("description") or p["exceptionDetails"]["text"]
            for p in self._page_events("Runtime.exceptionThrown")
        ]
        return errors

    def network_requests(self) -> list[str]:
        """URLs the page asked for that are not local (file, data, blob, about)."""
        urls = [p["request"]["url"] for p in self._page_events("Network.requestWillBeSent")]
        return [url for url in urls if not url.startswith(LOCAL_SCHEMES)]

    def close(self) -> None:
        with contextlib.suppress(Exception):  # the browser may be gone already; the process is ended below
            self.send("Browser.close", timeout=10)
        try:
            self.ws.close()
        finally:
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
            self.log.close()
            shutil.rmtree(self.profile, ignore_errors=True)

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
