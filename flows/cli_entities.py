"""``warta entities``: the command-line face of :mod:`flows.extract.entity_lines` (kept out of cli.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TextIO

import click

from flows.settings import Settings


@click.command("entities")
@click.argument("texts", type=click.File("r", encoding="utf-8"), default="-")
@click.option(
    "--model",
    "model_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Trained recogniser (default: WARTA_NER_MODEL, models/ner-id).",
)
@click.option("--no-model", is_flag=True, help="Gazetteer only: known names, no recogniser (starts in a second).")
@click.option("--batch-size", default=64, show_default=True, help="Lines per recogniser batch.")
def entities_command(texts: TextIO, model_dir: Path | None, no_model: bool, batch_size: int) -> None:
    """Find people, organisations and places in TEXTS (a file, default: standard input), one text per line.

    Prints one JSON line per input line: a list of spans {"start", "end", "type", "text",
    "canonical_name", "entity_id"} with character offsets into that line (line[start:end] == text) and
    the entity_id marts.entities uses. Each line is resolved on its own, like one article.

    Example: echo "Presiden Rusia Vladimir Putin tiba di Pyongyang." | warta entities
    """
    from flows.extract.entity_lines import entities_of_lines, load_extractor

    settings = Settings()
    model = None if no_model else (model_dir or settings.ner_model)
    extractor = load_extractor(settings.dbt_project / "seeds", model)
    for spans in entities_of_lines(texts, extractor, batch_size=batch_size):
        click.echo(json.dumps(spans, ensure_ascii=False))
    sys.stdout.flush()
