"""Named points inside each stage where the crash tests kill a real run.

A crash test sets ``WARTA_TEST_PAUSE_AT=<stage>`` and ``WARTA_TEST_PAUSE_FILE=<path>``; the run, on
reaching that point, writes its pid to the file and sleeps, and the test SIGKILLs it there. Without
those variables ``pause_point`` returns at once, so the hooks cost nothing in normal runs. Each call
sits where a crash would hurt most: inside an open transaction, with a half-finished candidate on
disk, or between fsync and rename.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

STAGES = ("ingest", "extract", "dbt", "gate", "publish")


def pause_point(stage: str) -> None:
    """Signal readiness and wait to be killed, when a crash test asked for this stage."""
    if os.environ.get("WARTA_TEST_PAUSE_AT") != stage:
        return
    ready = os.environ.get("WARTA_TEST_PAUSE_FILE")
    if ready:
        Path(ready).write_text(str(os.getpid()))
    time.sleep(float(os.environ.get("WARTA_TEST_PAUSE_SECONDS", "600")))
