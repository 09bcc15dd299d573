"""Write-audit-publish: the validated candidate replaces the published marts file atomically.

``os.replace`` is a single rename on one filesystem, so a reader sees either the old file or the
new one, and a reader that already opened the old file keeps reading it undisturbed.
"""

from __future__ import annotations

import os
from pathlib import Path

from flows.crashpoints import pause_point

CANDIDATE_PREFIX = ".candidate-"


def candidate_path(warehouse: Path, run_id: str) -> Path:
    return warehouse / f"{CANDIDATE_PREFIX}{run_id}.duckdb"


def publish(candidate: Path, published: Path) -> None:
    """Atomically make ``candidate`` the published file (same folder, so same filesystem)."""
    wal = candidate.with_name(candidate.name + ".wal")
    if wal.exists():
        raise RuntimeError(f"candidate {candidate.name} was not checkpointed (WAL present); refusing to publish")
    fd = os.open(candidate, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    pause_point("publish")  # durable candidate, not yet renamed
    os.replace(candidate, published)
    dir_fd = os.open(published.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


def remove_stale_candidates(warehouse: Path, keep: Path | None = None) -> list[Path]:
    """Delete candidates (and their WALs) left by runs that died before publishing."""
    removed = []
    for path in warehouse.glob(f"{CANDIDATE_PREFIX}*"):
        if keep is not None and path.name.startswith(keep.name):
            continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed
