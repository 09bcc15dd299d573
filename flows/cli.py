"""The ``warta`` command line: a thin layer over the library modules; ``--help`` is the manual."""

from __future__ import annotations

import csv
import json
import os
import sys
from pathlib import Path

import click

from flows.settings import Settings

EXIT_FAILED = 1


def _settings(inbox: Path | None = None, warehouse: Path | None = None) -> Settings:
    overrides = {k: v for k, v in {"inbox": inbox, "warehouse": warehouse}.items() if v is not None}
    return Settings(**overrides)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
def main() -> None:
    """Warta: Indonesian news pages in; article, entity and event marts out.

    Settings come from WARTA_* environment variables (WARTA_INBOX, WARTA_WAREHOUSE, ...); the defaults
    work from a fresh clone: inbox seeds/, warehouse warehouse/.
    """


@main.command()
@click.option("--inbox", type=click.Path(path_type=Path), help="Folder of raw pages (default: seeds/).")
@click.option("--warehouse", type=click.Path(path_type=Path), help="Folder of the DuckDB files (default: warehouse/).")
def run(inbox: Path | None, warehouse: Path | None) -> None:
    """Run the pipeline once and print a summary; exits non-zero when the run failed.

    Exit codes: 0 published (or nothing new), 1 failed (dbt or gate; nothing published),
    74 the warehouse cannot be written or read (disk full, read-only, corrupt file),
    75 another run holds the warehouse. Reports to the `warta serve` server when it is up.
    """
    from flows.operate import run_once

    sys.exit(run_once(_settings(inbox, warehouse)))


_ALLOWED = {"SELECT", "EXPLAIN", "PRAGMA"}


def _refusal(query: str) -> str | None:
    """Why a query may not run through ``warta sql`` (which is read-only), or None."""
    import duckdb

    try:
        statements = duckdb.extract_statements(query)
    except duckdb.Error as exc:
        return f"cannot parse the query: {exc}"
    for statement in statements:
        kind = statement.type.name
        if kind not in _ALLOWED:
            return f"warta sql is read-only: {kind} statements are refused (the marts are rebuilt by `warta run`)"
    return None


@main.command()
@click.argument("query", required=False)
@click.option(
    "-f", "--file", "query_file", type=click.Path(exists=True, path_type=Path), help="Read the query from a file."
)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--warehouse", type=click.Path(path_type=Path), help="Folder of the published marts.")
def sql(query: str | None, query_file: Path | None, fmt: str, warehouse: Path | None) -> None:
    """Run a read-only SQL QUERY against the published marts (schema "marts").

    Example: warta sql "select title, publisher from marts.articles"
    """
    import duckdb

    if query_file is not None:
        query = query_file.read_text(encoding="utf-8")
    if not query:
        raise click.UsageError("give a QUERY or --file")
    reason = _refusal(query)
    if reason:
        click.echo(f"warta: {reason}", err=True)
        sys.exit(2)
    path = _settings(warehouse=warehouse).marts_db
    if not path.exists():
        click.echo(f"warta: no published marts at {path}; run `warta run` first", err=True)
        sys.exit(EXIT_FAILED)
    from flows.marts import open_marts

    try:
        con = open_marts(path)
    except duckdb.Error as exc:
        from flows.console import explain

        click.echo(f"warta: {explain(exc, path.parent) or exc}", err=True)
        sys.exit(EXIT_FAILED)
    try:
        relation = con.sql(query)
        if relation is None:
            return
        columns, rows = relation.columns, relation.fetchall()
    except duckdb.Error as exc:
        click.echo(f"warta: {exc}", err=True)
        sys.exit(EXIT_FAILED)
    finally:
        con.close()
    _print_rows(columns, rows, fmt)


def _print_rows(columns: list[str], rows: list[tuple], fmt: str, width: int = 60) -> None:
    if fmt == "json":
        for row in rows:
            click.echo(json.dumps(dict(zip(columns, row, strict=True)), default=str, ensure_ascii=False))
        return
    if fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
        return
    from flows.table import format_table, terminal_width

    click.echo(format_table(columns, rows, cell_width=width, max_width=terminal_width()))


@main.command()
@click.option("--warehouse", type=click.Path(path_type=Path), help="Folder of the warehouse.")
@click.option("-n", "--limit", default=10, show_default=True, help="How many recent runs to show.")
def status(warehouse: Path | None, limit: int) -> None:
    """Show the recent runs (state, counts, gate result) and the quarantined inputs."""
    import duckdb

    settings = _settings(warehouse=warehouse)
    if not settings.raw_db.exists():
        click.echo(f"no runs yet (no warehouse at {settings.warehouse})")
        return
    con = duckdb.connect(str(settings.raw_db), read_only=True)
    try:
        runs = con.execute(
            """select run_id, state, strftime(started_at, '%Y-%m-%d %H:%M:%S') as started, docs_seen as seen,
                      docs_new as new, docs_quarantined as quarantined, articles, entities, events,
                      case when gate_passed is null then '-' when gate_passed then 'passed' else 'FAILED' end as gate,
                      published, message
               from runs order by started_at desc limit ?""",
            [limit],
        ).fetchall()
        columns = [
            "run_id",
            "state",
            "started",
            "seen",
            "new",
            "quarantined",
            "articles",
            "entities",
            "events",
            "gate",
            "published",
            "message",
        ]
        quarantine = con.execute(
            "select source_uri, stage, reason, detail, strftime(first_seen_at, '%Y-%m-%d %H:%M') "
            "from quarantine order by first_seen_at desc, source_uri"
        ).fetchall()
    finally:
        con.close()
    click.echo("Recent runs")
    _print_rows(columns, runs, "table", width=50)
    click.echo("\nQuarantine")
    _print_rows(["file", "stage", "reason", "detail", "first_seen"], quarantine, "table", width=60)


@main.command("train-ner")
@click.option(
    "--data",
    "data_dir",
    required=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder holding nergrit/{train,valid,test}.tsv and nerui/nerui.tsv.",
)
@click.option("--out", "out_dir", required=True, type=click.Path(path_type=Path), help="Where to write the model.")
@click.option("--seed", default=13, show_default=True, help="Random seed (training is reproducible).")
@click.option("--epochs", default=None, type=int, help="Maximum epochs (default: the module's tuned value).")
def train_ner_command(data_dir: Path, out_dir: Path, seed: int, epochs: int | None) -> None:
    """Train the Indonesian NER recogniser from CoNLL files and print its test figures."""
    from flows.train_ner import train_ner

    kwargs = {"seed": seed} | ({"max_epochs": epochs} if epochs else {})
    metrics = train_ner(data_dir, out_dir, **kwargs)
    click.echo(json.dumps(metrics, indent=2, default=str))


from flows.evaluate.cli import eval_articles  # noqa: E402  (kept beside its registration)

main.add_command(eval_articles)

from flows.report.commands import docs, report  # noqa: E402  (kept beside its registration)

main.add_command(report)
main.add_command(docs)

from flows.operate import serve_command  # noqa: E402  (kept beside its registration)

main.add_command(serve_command)

from flows.cli_entities import entities_command  # noqa: E402  (kept beside its registration)

main.add_command(entities_command)

from flows.evaluate.events_cli import eval_events  # noqa: E402  (kept beside its registration)

main.add_command(eval_events)

if __name__ == "__main__":  # pragma: no cover
    os.environ.setdefault("PYTHONUNBUFFERED", "1")
    main()
