"""``warta report`` and ``warta docs``: thin click commands over ``flows.report`` and ``flows.docs``."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from flows.settings import Settings


def _settings(warehouse: Path | None) -> Settings:
    return Settings(warehouse=warehouse) if warehouse is not None else Settings()


@click.command("report")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), help="Where to write the page.")
@click.option("--warehouse", type=click.Path(path_type=Path), help="Folder of the warehouse (default: warehouse/).")
def report(out: Path | None, warehouse: Path | None) -> None:
    """Write the analysts' report: one self-contained HTML page (default: <warehouse>/report.html).

    It shows the event timeline (filter by actor), the entity co-occurrence network, the top entities by
    type, articles and events per publisher, the latest articles, and the last runs with their gate
    verdicts and quarantined inputs. Everything is inline: it opens offline and can be sent as a file.
    Each successful `warta run` refreshes <warehouse>/report.html by itself.
    """
    from flows.report import build_report

    settings = _settings(warehouse)
    if not settings.marts_db.exists():
        click.echo(f"warta: no published marts at {settings.marts_db} yet; the report will be empty", err=True)
    click.echo(str(build_report(settings.warehouse, out)))


@click.command("docs")
@click.option("--warehouse", type=click.Path(path_type=Path), help="Folder of the warehouse (default: warehouse/).")
def docs(warehouse: Path | None) -> None:
    """Build dbt's documentation site and the gate's Data Docs into <warehouse>/docs/ (offline).

    dbt docs (models, sources, lineage, column descriptions) go to docs/dbt/index.html, which opens
    straight from disk; Great Expectations Data Docs are in docs/gx/index.html; docs/index.html links
    both. The published marts are not touched: dbt documents a throwaway build from a copy of raw.duckdb.
    """
    from flows.docs import DocsFailed, build_docs
    from flows.lock import EXIT_LOCKED, WarehouseLocked

    try:
        result = build_docs(_settings(warehouse))
    except WarehouseLocked as locked:
        click.echo(f"warta: {locked}; try again when the run has finished", err=True)
        sys.exit(EXIT_LOCKED)
    except DocsFailed as failed:
        click.echo(f"warta: {failed}", err=True)
        sys.exit(1)
    for note in result.notes:
        click.echo(f"note: {note}")
    if result.undocumented:
        count = sum(len(columns) for columns in result.undocumented.values())
        click.echo(f"{count} columns lack a description:")
        for unique_id, columns in sorted(result.undocumented.items()):
            click.echo(f"  {unique_id}: {', '.join(columns)}")
    click.echo(f"dbt docs    {result.dbt_index}")
    click.echo(f"data docs   {result.gx_index or '(none yet: run `warta run`)'}")
    click.echo(f"open        {result.index}")
