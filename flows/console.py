"""What ``warta`` shows on a terminal: progress lines, and one readable line per failure, never a traceback.

Prefect logs a flow's exception with its traceback; that belongs in the Prefect UI (the API handler
still receives it) but not on an operator's terminal, where the CLI prints one sentence saying what
went wrong and what to do. Environment failures (full disk, read-only folder, corrupt file) are
recognised by errno or by DuckDB's message, whichever layer raised them.
"""

from __future__ import annotations

import errno
import logging
import os
import sys
import time
from collections.abc import Iterator
from pathlib import Path

EXIT_FAILED = 1  # the run failed (dbt or the gate); nothing was published
EXIT_IO = 74  # EX_IOERR: the warehouse cannot be written or read (disk full, read-only, corrupt file)
_PROBE_BYTES = 256 * 1024


class EnvironmentProblem(RuntimeError):
    """The machine, not the data, stops the run; the message says what to do."""


class _TerminalLines(logging.Handler):
    """Prints the flow's progress lines (logged with ``extra={"terminal": True}``) to stderr."""

    def emit(self, record: logging.LogRecord) -> None:
        if getattr(record, "terminal", False):
            stamp = time.strftime("%H:%M:%S", time.localtime(record.created))
            sys.stderr.write(f"{stamp} | {record.getMessage()}\n")
            sys.stderr.flush()


class _NoRunTracebacks(logging.Filter):
    """Drop run exceptions and final-state lines from the console; the CLI explains them in one line."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(("prefect.flow_runs", "prefect.task_runs")):
            return True
        return not (record.exc_info or str(record.msg).startswith("Finished in state"))


def setup_terminal() -> None:
    """Call after Prefect configured logging (i.e. after importing the flow)."""
    for handler in logging.getLogger().handlers:
        if not any(isinstance(f, _NoRunTracebacks) for f in handler.filters):
            handler.addFilter(_NoRunTracebacks())
    runs = logging.getLogger("prefect.flow_runs")
    if not any(isinstance(h, _TerminalLines) for h in runs.handlers):
        runs.addHandler(_TerminalLines(logging.INFO))


def preflight(warehouse: Path) -> None:
    """Prove the warehouse folder takes a write before starting a run: fail fast and say why."""
    try:
        warehouse.mkdir(parents=True, exist_ok=True)
        probe = warehouse / f".warta-probe-{os.getpid()}"
        try:
            fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            try:
                os.write(fd, b"\0" * _PROBE_BYTES)
                os.fsync(fd)
            finally:
                os.close(fd)
        finally:
            probe.unlink(missing_ok=True)
    except OSError as exc:
        raise EnvironmentProblem(explain(exc, warehouse) or f"cannot write to {warehouse}: {exc}") from None


def _chain(exc: BaseException) -> Iterator[BaseException]:
    seen: set[int] = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        yield exc
        exc = exc.__cause__ or exc.__context__


def explain(exc: BaseException, warehouse: Path) -> str | None:
    """One sentence for a failure caused by the machine, or None when it is something else."""
    for item in _chain(exc):
        text = str(item)
        where = getattr(item, "filename", None) or warehouse
        code = item.errno if isinstance(item, OSError) else None
        if code == errno.ENOSPC or "No space left on device" in text:
            return (
                f"the disk holding {warehouse} is full (no space left on device). Free some space and run again;"
                " the published marts were not changed."
            )
        if code == errno.EROFS or "Read-only file system" in text:
            return f"the warehouse folder {warehouse} is on a read-only file system; Warta needs to write there."
        if code in (errno.EACCES, errno.EPERM) or "Permission denied" in text:
            return f"permission denied writing {where}; Warta needs write access to the warehouse folder."
        if code in (errno.ENOTDIR, errno.EEXIST) or "Not a directory" in text:
            return f"the warehouse path {warehouse} is not a folder (a file is in the way)."
        if "not a valid DuckDB database" in text or "Corrupt database" in text or "checksum" in text.lower():
            name = _quoted_path(text) or str(where)
            if Path(name).name == "marts.duckdb":
                advice = "`warta run` rebuilds the published marts from the raw warehouse."
            else:
                advice = "restore it from a backup, or move it aside so that the next run re-ingests the inbox."
            return f"{name} is corrupt (not a readable DuckDB database): {advice}"
    return None


def _quoted_path(text: str) -> str | None:
    parts = text.split('"')
    return parts[1] if len(parts) >= 3 else None
