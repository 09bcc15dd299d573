"""The consumer contract: every table and column of ARCHITECTURE.md, with its type, after a real run."""

from __future__ import annotations

import duckdb

from flows.marts import open_marts

CONTRACT = {
    "articles": {
        "article_id": "VARCHAR",
        "source_uri": "VARCHAR",
        "publisher": "VARCHAR",
        "title": "VARCHAR",
        "published_at": "TIMESTAMP WITH TIME ZONE",
        "authors": "VARCHAR[]",
        "editors": "VARCHAR[]",
        "dateline": "VARCHAR",
        "source_agencies": "VARCHAR[]",
        "lede": "VARCHAR",
        "body": "VARCHAR",
        "captions": "VARCHAR[]",
        "language": "VARCHAR",
        "word_count": "INTEGER",
        "ingested_at": "TIMESTAMP WITH TIME ZONE",
    },
    "entities": {
        "entity_id": "VARCHAR",
        "canonical_name": "VARCHAR",
        "entity_type": "VARCHAR",
        "country_code": "VARCHAR",
        "aliases": "VARCHAR[]",
        "article_count": "BIGINT",
        "mention_count": "BIGINT",
        "first_seen_at": "TIMESTAMP WITH TIME ZONE",
        "last_seen_at": "TIMESTAMP WITH TIME ZONE",
    },
    "entity_mentions": {
        "mention_id": "VARCHAR",
        "article_id": "VARCHAR",
        "entity_id": "VARCHAR",
        "surface": "VARCHAR",
        "start_char": "INTEGER",
        "end_char": "INTEGER",
        "sentence_index": "INTEGER",
    },
    "events": {
        "event_id": "VARCHAR",
        "event_type": "VARCHAR",
        "event_mode": "VARCHAR",
        "quad_class": "VARCHAR",
        "event_date": "DATE",
        "date_precision": "VARCHAR",
        "actor1_entity_id": "VARCHAR",
        "actor1_name": "VARCHAR",
        "actor2_entity_id": "VARCHAR",
        "actor2_name": "VARCHAR",
        "location_entity_id": "VARCHAR",
        "location_name": "VARCHAR",
        "num_mentions": "BIGINT",
        "num_articles": "BIGINT",
        "num_sources": "BIGINT",
        "first_reported_at": "TIMESTAMP WITH TIME ZONE",
        "summary": "VARCHAR",
    },
    "event_mentions": {
        "event_id": "VARCHAR",
        "article_id": "VARCHAR",
        "sentence": "VARCHAR",
        "start_char": "INTEGER",
        "end_char": "INTEGER",
        "trigger": "VARCHAR",
        "confidence": "DOUBLE",
    },
}


def test_run_on_seeds_publishes_and_passes_the_gate(seeded):
    _, warehouse, summary = seeded
    assert summary.state == "Completed" and summary.published and summary.gate_passed
    assert (warehouse / "marts.duckdb").exists()
    assert not list(warehouse.glob(".candidate-*")), "candidate files must not outlive the run"


def test_every_contract_column_has_its_type(seeded):
    _, warehouse, _ = seeded
    con = open_marts(warehouse / "marts.duckdb")
    try:
        for table, columns in CONTRACT.items():
            actual = dict(
                con.execute(
                    "select column_name, data_type from information_schema.columns where table_schema = 'marts' and table_name = ?",  # noqa: E501
                    [table],
                ).fetchall()
            )
            for column, dtype in columns.items():
                assert column in actual, f"marts.{table}.{column} missing"
                assert actual[column] == dtype, f"marts.{table}.{column} is {actual[column]}, contract says {dtype}"
    finally:
        con.close()


def test_five_articles_with_entities_and_events(seeded):
    _, warehouse, _ = seeded
    con = open_marts(warehouse / "marts.duckdb")
    try:
        assert con.execute("select count(*) from marts.articles").fetchone()[0] == 5
        assert con.execute("select count(*) from marts.entities").fetchone()[0] > 10
        assert con.execute("select count(*) from marts.events").fetchone()[0] > 0
        names = {r[0] for r in con.execute("select canonical_name from marts.entities").fetchall()}
        assert {"Vladimir Putin", "Kim Jong Un", "Rusia", "Korea Utara"} <= names
    finally:
        con.close()


def test_published_file_is_self_contained(seeded):
    """Every object answers a query from a client that opened only that file (no attach, no views over raw)."""
    _, warehouse, _ = seeded
    con = duckdb.connect(str(warehouse / "marts.duckdb"), read_only=True)
    try:
        objects = con.execute(
            "select table_catalog, table_schema, table_name from information_schema.tables"
            " where table_catalog = current_database()"
        ).fetchall()
        assert {o[1] for o in objects} == {"marts", "reference"}
        for catalog, schema, name in objects:
            con.execute(f'select * from "{catalog}"."{schema}"."{name}" limit 1').fetchall()
    finally:
        con.close()


def test_mention_offsets_cut_the_surface_out_of_the_body(seeded):
    _, warehouse, _ = seeded
    con = open_marts(warehouse / "marts.duckdb")
    try:
        rows = con.execute(
            "select a.body, m.start_char, m.end_char, m.surface from marts.entity_mentions m join marts.articles a using (article_id)"  # noqa: E501
        ).fetchall()
    finally:
        con.close()
    assert rows
    for body, start, end, surface in rows:
        assert body[start:end] == surface


def test_no_email_or_phone_reaches_the_marts(seeded):
    _, warehouse, _ = seeded
    con = open_marts(warehouse / "marts.duckdb")
    try:
        text = " ".join(str(r) for r in con.execute("select * from marts.articles").fetchall())
    finally:
        con.close()
    assert "@gmail.com" not in text and "rudihamdani" not in text
