"""``warta eval-articles``: the click layer over ``flows.evaluate.articles``."""

from __future__ import annotations

import json
from pathlib import Path

import click

from flows.evaluate.articles import evaluate, labelled_pages
from flows.extract.publishers import PublisherIndex
from flows.settings import Settings


@click.command("eval-articles")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option(
    "--labels",
    "labels_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of the <stem>.expected.json sidecars (default: DIRECTORY itself).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_articles(directory: Path, labels_dir: Path | None, as_json: bool) -> None:
    """Score article extraction on the labelled pages in DIRECTORY.

    Every .txt/.html/.htm page with a sidecar <stem>.expected.json is decoded, redacted and parsed as a
    run would, then compared field by field with its label. Prints per-field accuracy, body boundary
    figures, boilerplate and PII leaks and every mismatch. A report, not a gate: exits 0 whatever the
    scores; 2 when DIRECTORY holds no labelled page.

    Example: warta eval-articles seeds --labels tests/fixtures/seeds_labels
    """
    pairs, _ = labelled_pages(directory, labels_dir)
    if not pairs:
        raise click.UsageError(f"no page in {directory} has a <stem>.expected.json sidecar")
    publishers = PublisherIndex.from_csv(Settings().dbt_project / "seeds" / "publishers.csv")
    report = evaluate(directory, publishers, labels_dir)
    click.echo(json.dumps(report.to_dict(), ensure_ascii=False, indent=2) if as_json else report.to_text())
