"""One writer per warehouse: an advisory ``flock`` that the kernel releases when its process dies.

A crashed run therefore never leaves a stale lock behind, and a second run either waits for the
first (``WARTA_LOCK_TIMEOUT`` seconds) or exits with ``EXIT_LOCKED``.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

EXIT_LOCKED = 75  # EX_TEMPFAIL: try again later


class WarehouseLocked(RuntimeError):
    """Another process holds the warehouse."""


@contextmanager
def warehouse_lock(
    warehouse: Path, timeout: float = 0.0, on_wait: Callable[[str], None] | None = None
) -> Iterator[None]:
    warehouse.mkdir(parents=True, exist_ok=True)
    path = warehouse / ".warta.lock"
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    deadline = time.monotonic() + timeout
    told = False
    try:
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
                if time.monotonic() >= deadline:
                    raise WarehouseLocked(f"warehouse {warehouse} is in use by {holder}") from None
                if on_wait and not told:
                    on_wait(f"waiting for {holder} to finish with {warehouse} (up to {timeout:.0f} s)")
                    told = True
                time.sleep(0.5)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()}".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the flock


def current_holder(warehouse: Path) -> str | None:
    """Who holds the warehouse right now (``"pid 123"``), or None; a check, not a reservation."""
    path = warehouse / ".warta.lock"
    if not path.exists():
        return None
    fd = os.open(path, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return os.pread(fd, 64, 0).decode(errors="replace").strip() or "another process"
    finally:
        os.close(fd)
    return None
