"""One place for every knob, each with a default that works from a fresh clone.

Values come from ``WARTA_*`` environment variables (pydantic-settings); CLI flags override them by
constructing ``Settings(inbox=..., warehouse=...)``. Paths are resolved against the project root so
that ``warta run`` behaves the same from any working directory.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_DIR = Path(os.environ.get("WARTA_PROJECT_DIR", Path(__file__).resolve().parents[1]))


def _project_path(value: Path | str) -> Path:
    path = Path(value).expanduser()
    return path if path.is_absolute() else (PROJECT_DIR / path)


class Settings(BaseSettings):
    """Runtime settings of a Warta pipeline run."""

    model_config = SettingsConfigDict(env_prefix="WARTA_", extra="ignore")

    inbox: Path = Field(default=Path("seeds"), description="Folder of raw pages (.txt, .html, .htm).")
    warehouse: Path = Field(default=Path("warehouse"), description="Folder of the DuckDB files and docs.")
    dbt_project: Path = Field(default=Path("dbt"), description="The dbt project that builds the marts.")
    expectations: Path = Field(default=Path("expectations"), description="Great Expectations suites.")
    ner_model: Path = Field(default=Path("models/ner-id"), description="Trained spaCy recogniser.")
    max_bytes: int = Field(default=5_000_000, description="Inputs larger than this are quarantined.")
    lock_timeout: float = Field(default=0.0, description="Seconds to wait for another run's lock.")
    schedule: str = Field(default="*/15 * * * *", description="Cron schedule of the served deployment.")
    server_port: int = Field(default=4200, description="Port of the local Prefect server (`warta serve`); 0 picks one.")
    progress_every: int = Field(default=25, description="Log extraction progress every this many documents.")
    extract_tasks: int = Field(
        default=100,
        description="Most extraction tasks per run: up to this many documents get one task each; past it, "
        "documents are batched so Prefect's per-task cost stays bounded.",
    )
    extract_processes: int = Field(
        default=0,
        description="Local processes for extraction when a run has many new documents (0: one per core).",
    )
    dask_address: str | None = Field(
        default=None,
        description="Run per-document extraction on a Dask cluster: a scheduler address, or 'local' for a local one.",
    )
    dask_workers: int = Field(default=2, description="Worker processes of the local Dask cluster ('local' only).")

    @field_validator("inbox", "warehouse", "dbt_project", "expectations", "ner_model", mode="after")
    @classmethod
    def _resolve(cls, value: Path) -> Path:
        return _project_path(value).resolve()

    @property
    def raw_db(self) -> Path:
        return self.warehouse / "raw.duckdb"

    @property
    def marts_db(self) -> Path:
        return self.warehouse / "marts.duckdb"

    @property
    def docs_dir(self) -> Path:
        return self.warehouse / "docs"

    @property
    def prefect_home(self) -> Path:
        return self.warehouse / ".prefect"

    @property
    def server_file(self) -> Path:
        """Where `warta serve` leaves the API address of its server, for `warta run` to find."""
        return self.warehouse / ".warta-server.json"


def configure_prefect_home(settings: Settings) -> None:
    """Keep Prefect's local state inside the warehouse unless the user chose a home already.

    Must run before ``import prefect``: Prefect reads its settings once, at import.
    """
    if "PREFECT_HOME" not in os.environ:
        settings.prefect_home.mkdir(parents=True, exist_ok=True)
        os.environ["PREFECT_HOME"] = str(settings.prefect_home)
