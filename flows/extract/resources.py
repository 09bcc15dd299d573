"""Load the extraction vocabularies once: YAML pattern files here, reference CSVs from dbt seeds.

The dbt seeds are the single source of truth for publishers, entity aliases and the event lexicon:
dbt publishes them to analysts as tables, and extraction reads the same files.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

DATA_DIR = Path(__file__).resolve().parent / "data"


@cache
def load_yaml(name: str) -> dict[str, Any]:
    """A pattern file of ``flows/extract/data`` (cached: files are read once per process)."""
    with (DATA_DIR / name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a seed CSV as dicts, with surrounding whitespace removed."""
    with path.open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


@dataclass(frozen=True)
class SeedPaths:
    """Where the reference CSVs live (the dbt project's ``seeds/``)."""

    seeds_dir: Path

    @property
    def publishers(self) -> Path:
        return self.seeds_dir / "publishers.csv"

    @property
    def entity_aliases(self) -> Path:
        return self.seeds_dir / "entity_aliases.csv"

    @property
    def countries(self) -> Path:
        return self.seeds_dir / "countries.csv"

    @property
    def event_lexicon(self) -> Path:
        return self.seeds_dir / "event_lexicon.csv"


def fingerprint(paths: list[Path]) -> str:
    """A short hash of files' bytes: the version of the code and data that produced an extraction."""
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]
