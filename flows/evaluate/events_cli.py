"""``warta eval-events``: the click layer over ``flows.evaluate.events``."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import click


@click.command("eval-events")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def eval_events(directory: Path) -> None:
    """Score the events mart on the labelled articles in DIRECTORY.

    DIRECTORY holds labels.yml and the articles (in DIRECTORY/articles or DIRECTORY itself). The real
    pipeline runs on them into a temporary warehouse; prints precision and recall per PLOVER type,
    type+actors+date precision and recall, actor, date and context accuracy, how many negated or
    hypothetical statements stayed out, merge accuracy over label pairs, and every miss. A report, not a
    gate: exits 0 whatever the scores.

    Example: warta eval-events tests/fixtures/events
    """
    if not (directory / "labels.yml").is_file():
        raise click.UsageError(f"{directory} has no labels.yml")
    work = Path(tempfile.mkdtemp(prefix="warta-eval-events-"))
    os.environ.setdefault("PREFECT_HOME", str(work / "prefect"))  # before Prefect is imported
    from flows.evaluate.events import evaluate

    click.echo(evaluate(directory, work).to_text())
