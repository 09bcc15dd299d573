"""The analysts' report: one self-contained HTML page drawn from the published marts and the run log.

``data`` reads rows, ``network`` lays out the co-occurrence graph, ``figures`` draws Plotly figures and
``page`` assembles the HTML. Plotly because it embeds its JavaScript in the page (no request leaves
it, so the file works offline and can be mailed), its charts are interactive (hover, zoom, menus),
and it is a well-kept, widely used library already pinned by the project.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path

REPORT_NAME = "report.html"


def build_report(warehouse: Path, out: Path | None = None) -> Path:
    """Write the report for ``warehouse`` to ``out`` (default ``<warehouse>/report.html``) and return its path.

    The file is written beside its destination and renamed into place, so a reader never opens half a
    page.
    """
    from flows.report.data import load  # plotly loads here, not when the pipeline imports this hook
    from flows.report.page import render

    out = (out or warehouse / REPORT_NAME).resolve()
    data = load(warehouse / "marts.duckdb", warehouse / "raw.duckdb")
    page = render(data, out, docs_dir=warehouse / "docs")
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=out.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(page)
        os.chmod(tmp, 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return out


def write_run_report(warehouse: str | Path, state: str) -> str | None:
    """The pipeline's hook: refresh the report after a successful run; never fails the run.

    Returns the report's path, or None when the run failed or the report could not be written (the
    reason is logged as a warning: a broken chart must not hide a good publish).
    """
    if state != "Completed":
        return None
    try:
        return str(build_report(Path(warehouse)))
    except Exception as exc:
        _logger().warning("report not written: %s: %s", type(exc).__name__, exc)
        return None


def _logger() -> logging.Logger | logging.LoggerAdapter:
    try:
        from prefect import get_run_logger

        return get_run_logger()
    except Exception:  # outside a flow run
        return logging.getLogger(__name__)
