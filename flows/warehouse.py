"""The raw warehouse (``raw.duckdb``): schema, and the writes each stage makes.

Everything a run learns lands here first; dbt reads it (attached read-only) to build the marts in a
separate candidate file. Writes of a stage happen in one transaction, so a crash mid-stage leaves
the previous state, and every write is keyed so that repeating it changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

import duckdb

from flows.crashpoints import pause_point
from flows.extract.records import Extraction

SCHEMA = """
create table if not exists documents (
    doc_id varchar primary key,        -- sha256 of the redacted, normalised text (first 16 hex)
    source_uri varchar not null,       -- the first file that brought this text
    media_type varchar not null,
    encoding varchar,
    byte_size bigint,
    text varchar not null,             -- redacted: no e-mail address or phone number
    redactions integer not null default 0,
    ingested_at timestamptz not null,
    run_id varchar
);
create table if not exists document_sources (
    source_uri varchar not null,
    file_hash varchar not null,        -- sha256 of the file's bytes
    doc_id varchar not null,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    primary key (source_uri, file_hash)
);
create table if not exists quarantine (
    source_uri varchar not null,
    file_hash varchar not null,
    stage varchar not null,            -- ingest | extract
    reason varchar not null,
    detail varchar,
    doc_id varchar,
    extractor_version varchar,
    first_seen_at timestamptz not null,
    last_seen_at timestamptz not null,
    run_id varchar,
    primary key (source_uri, file_hash)
);
create table if not exists article_parses (
    doc_id varchar primary key,
    extractor_version varchar not null,
    title varchar, published_at timestamptz, published_at_local varchar, publisher varchar, dateline varchar,
    authors varchar[], editors varchar[], source_agencies varchar[], lede varchar, body varchar not null,
    captions varchar[], language varchar, word_count integer, extracted_at timestamptz not null
);
create table if not exists entity_mentions (
    doc_id varchar not null, mention_index integer not null, surface varchar not null,
    start_char integer not null, end_char integer not null, sentence_index integer,
    entity_type varchar not null, canonical_name varchar not null, country_code varchar, source varchar,
    primary key (doc_id, mention_index)
);
create table if not exists event_mentions (
    doc_id varchar not null, mention_index integer not null, event_type varchar not null, event_mode varchar,
    quad_class varchar, event_context varchar, trigger varchar, sentence varchar, sentence_index integer,
    start_char integer, end_char integer, actor1_mention integer, actor1_name varchar, actor2_mention integer,
    actor2_name varchar, location_mention integer, location_name varchar, event_date date,
    date_precision varchar, date_source varchar, confidence double,
    primary key (doc_id, mention_index)
);
create table if not exists runs (
    run_id varchar primary key, flow_run_id varchar, started_at timestamptz not null, finished_at timestamptz,
    state varchar not null, docs_seen integer, docs_new integer, docs_duplicate integer, docs_quarantined integer,
    docs_extracted integer, articles integer, entities integer, events integer, gate_passed boolean,
    gate_failures varchar[], published boolean, message varchar, build_fingerprint varchar
);
"""


@contextmanager
def connect(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """A connection that is always closed: dbt attaches the same file later in the same process."""
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        if not read_only:
            con.execute(SCHEMA)
        yield con
    finally:
        con.close()


def pending_documents(con: duckdb.DuckDBPyConnection, version: str) -> list[tuple[str, str, str]]:
    """Documents with no extraction (or quarantine verdict) from this extractor version."""
    return con.execute(
        """
        select d.doc_id, d.text, d.media_type from documents d
        where not exists (select 1 from article_parses p where p.doc_id = d.doc_id and p.extractor_version = ?)
          and not exists (select 1 from quarantine q where q.doc_id = d.doc_id and q.extractor_version = ?)
        order by d.doc_id
        """,
        [version, version],
    ).fetchall()


def store_extractions(
    con: duckdb.DuckDBPyConnection, results: Sequence[Extraction], version: str, now: datetime, run_id: str
) -> None:
    """Replace the extraction rows of these documents in one transaction.

    Rows go in column-wise (``insert ... select unnest(?), ...``), not with ``executemany``: a run of
    10,000 documents writes hundreds of thousands of mention rows, and row-by-row inserts cost about
    100 times more.
    """
    ids = [r.doc_id for r in results]
    refused = [r for r in results if r.article is None]
    accepted = [r for r in results if r.article is not None]
    con.execute("begin")
    try:
        for table in ("article_parses", "entity_mentions", "event_mentions"):
            con.execute(f"delete from {table} where doc_id in (select unnest(?::varchar[]))", [ids])
        con.execute("delete from quarantine where stage = 'extract' and doc_id in (select unnest(?::varchar[]))", [ids])
        sources = dict(
            con.execute(
                "select doc_id, source_uri from documents where doc_id in (select unnest(?::varchar[]))",
                [[r.doc_id for r in refused]],
            ).fetchall()
        )
        insert_rows(
            con,
            "quarantine",
            [
                [sources[r.doc_id], "doc:" + r.doc_id, "extract", r.quarantine_reason, r.quarantine_detail,
                 r.doc_id, version, now, now, run_id]
                for r in refused
            ],
        )  # fmt: skip
        insert_rows(
            con,
            "article_parses",
            [
                [
                    r.doc_id,
                    version,
                    a.title,
                    a.published_at,
                    a.published_at.isoformat() if a.published_at else None,
                    a.publisher,
                    a.dateline,
                    a.authors,
                    a.editors,
                    a.source_agencies,
                    a.lede,
                    a.body,
                    a.captions,
                    a.language,
                    a.word_count,
                    now,
                ]
                for r in accepted
                for a in [r.article]
            ],
        )
        insert_rows(con, "entity_mentions", [[r.doc_id, *asdict(m).values()] for r in accepted for m in r.entities])
        insert_rows(con, "event_mentions", [[r.doc_id, *asdict(e).values()] for r in accepted for e in r.events])
        pause_point("extract")  # extractions written, transaction not yet committed
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[list], conflict: str = "") -> None:
    """Insert rows in one statement: each column travels as one list and is unnested back into rows.

    ``conflict`` is an ``on conflict ...`` clause for upserts. Why not ``executemany``: every DuckDB
    statement from Python costs about a millisecond, so a batch of 10,000 rows one by one takes seconds.
    """
    if not rows:
        return
    types = [r[0] for r in con.execute(
        "select data_type from information_schema.columns where table_catalog = current_database() "
        "and table_schema = 'main' and table_name = ? "
        "order by ordinal_position", [table]
    ).fetchall()]  # fmt: skip
    if len(types) != len(rows[0]):
        raise ValueError(f"{table}: {len(rows[0])} values per row for {len(types)} columns")
    columns = [list(column) for column in zip(*rows, strict=True)]
    selects = ", ".join(f"unnest(?::{t}[])" for t in types)
    con.execute(f"insert into {table} select {selects} {conflict}", columns)
