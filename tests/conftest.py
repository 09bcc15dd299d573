"""Shared fixtures: real pipeline runs (Prefect, DuckDB, dbt, Great Expectations) in temp folders.

Prefect reads PREFECT_HOME when it is first imported, so it is pointed at a session folder here,
before any test imports the pipeline; all runs of the session share one local Prefect database.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"

_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="warta-prefect-"))
os.environ["PREFECT_HOME"] = str(_PREFECT_HOME)
os.environ.pop("PREFECT_API_URL", None)


def copy_seeds(target: Path) -> Path:
    target.mkdir(parents=True, exist_ok=True)
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, target / path.name)
    return target


def run_pipeline(inbox: Path, warehouse: Path):
    """One real pipeline run; returns its summary or raises PipelineFailed."""
    from flows.pipeline import warta_pipeline

    return warta_pipeline(inbox=str(inbox), warehouse_dir=str(warehouse), inbox_name=inbox.name)


@pytest.fixture(scope="session")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path, object]:
    """A warehouse built once from the five sample articles: (inbox, warehouse, summary)."""
    base = tmp_path_factory.mktemp("seeded")
    inbox = copy_seeds(base / "inbox")
    warehouse = base / "warehouse"
    summary = run_pipeline(inbox, warehouse)
    return inbox, warehouse, summary


@pytest.fixture
def fresh_copy(seeded: tuple[Path, Path, object], tmp_path: Path) -> tuple[Path, Path]:
    """A private copy of the seeded inbox and warehouse, for tests that change them."""
    inbox, warehouse, _ = seeded
    shutil.copytree(inbox, tmp_path / "inbox")
    shutil.copytree(warehouse, tmp_path / "warehouse", ignore=shutil.ignore_patterns(".prefect", ".warta.lock"))
    return tmp_path / "inbox", tmp_path / "warehouse"
