"""What the report shows, read from the published marts and the run log: plain rows, no plotting.

Only the consumer contract's columns (ARCHITECTURE.md) are read from the marts, so the report keeps
working when models gain columns. Every query tolerates empty tables; a missing marts file (no run
published yet) or a missing raw file gives empty sections rather than an error.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb

from flows.marts import open_marts

Row = dict[str, Any]

EVENTS = """
select event_id, event_type, coalesce(event_mode, '') as event_mode, coalesce(quad_class, '') as quad_class,
       event_date, coalesce(date_precision, 'day') as date_precision,
       actor1_entity_id, actor1_name, actor2_entity_id, actor2_name, location_name,
       num_mentions, num_articles, num_sources, summary
from marts.events
order by event_date nulls last, event_type, event_id
"""

ENTITIES = """
select entity_id, canonical_name, entity_type, country_code, article_count, mention_count
from marts.entities
order by mention_count desc, article_count desc, canonical_name
"""

# Two entities are linked when they are named in the same article or take part in the same event
# (as actor or place); the weight of a link counts both.
COOCCURRENCE = """
with article_entities as (
    select distinct article_id, entity_id from marts.entity_mentions
),
article_pairs as (
    select a.entity_id as source, b.entity_id as target, count(*) as articles
    from article_entities a join article_entities b on a.article_id = b.article_id and a.entity_id < b.entity_id
    group by all
),
event_entities as (
    select distinct event_id, entity_id
    from (
        select event_id, unnest([actor1_entity_id, actor2_entity_id, location_entity_id]) as entity_id
        from marts.events
    )
    where entity_id is not null
),
event_pairs as (
    select a.entity_id as source, b.entity_id as target, count(*) as events
    from event_entities a join event_entities b on a.event_id = b.event_id and a.entity_id < b.entity_id
    group by all
)
select source, target, coalesce(articles, 0) as articles, coalesce(events, 0) as events
from article_pairs full join event_pairs using (source, target)
order by source, target
"""

PUBLISHERS = """
with article_events as (
    select distinct em.article_id, em.event_id, e.num_sources
    from marts.event_mentions em join marts.events e using (event_id)
)
select coalesce(a.publisher, '(unknown)') as publisher,
       count(distinct a.article_id) as articles,
       count(distinct ae.event_id) as events,
       count(distinct case when ae.num_sources > 1 then ae.event_id end) as shared_events
from marts.articles a left join article_events ae using (article_id)
group by all
order by articles desc, events desc, publisher
"""

LATEST_ARTICLES = """
select a.article_id, a.title, coalesce(a.publisher, '(unknown)') as publisher,
       strftime(a.published_at at time zone 'UTC', '%Y-%m-%d %H:%M') as published_utc,
       a.word_count,
       (select count(distinct em.entity_id) from marts.entity_mentions em where em.article_id = a.article_id)
           as entities,
       (select count(distinct ev.event_id) from marts.event_mentions ev where ev.article_id = a.article_id)
           as events,
       a.source_uri
from marts.articles a
order by a.published_at desc nulls last, a.ingested_at desc, a.article_id
limit ?
"""

RUNS = """
select run_id, strftime(started_at at time zone 'UTC', '%Y-%m-%d %H:%M:%S') as started_utc, state,
       docs_seen, docs_new, docs_quarantined, articles, entities, events, gate_passed,
       coalesce(gate_failures, []) as gate_failures, published, coalesce(message, '') as message
from runs
order by started_at desc
limit ?
"""

QUARANTINE = """
select source_uri, stage, reason, coalesce(detail, '') as detail,
       strftime(first_seen_at at time zone 'UTC', '%Y-%m-%d %H:%M') as first_seen_utc,
       strftime(last_seen_at at time zone 'UTC', '%Y-%m-%d %H:%M') as last_seen_utc
from quarantine
order by last_seen_at desc, source_uri
limit ?
"""


@dataclass
class ReportData:
    """Everything one report renders; built by ``load`` and rendered by ``flows.report.page``."""

    generated_at: datetime
    marts_path: Path
    published: bool = False
    counts: dict[str, int] = field(default_factory=dict)
    events: list[Row] = field(default_factory=list)
    entities: list[Row] = field(default_factory=list)
    cooccurrence: list[Row] = field(default_factory=list)
    publishers: list[Row] = field(default_factory=list)
    latest_articles: list[Row] = field(default_factory=list)
    runs: list[Row] = field(default_factory=list)
    quarantine: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def dated_events(self) -> list[Row]:
        return [e for e in self.events if e["event_date"] is not None]

    @property
    def undated_events(self) -> list[Row]:
        return [e for e in self.events if e["event_date"] is None]


def _rows(con: duckdb.DuckDBPyConnection, query: str, params: list[Any] | None = None) -> list[Row]:
    cursor = con.execute(query, params or [])
    columns = [d[0] for d in cursor.description]
    return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]


def load(
    marts_db: Path, raw_db: Path | None = None, latest: int = 20, runs: int = 10, quarantined: int = 50
) -> ReportData:
    """Read the report's rows; sections whose source is missing stay empty and say why in ``problems``."""
    data = ReportData(generated_at=datetime.now(UTC), marts_path=marts_db)
    if marts_db.exists():
        con = open_marts(marts_db)
        try:
            data.published = True
            for table in ("articles", "entities", "entity_mentions", "events", "event_mentions"):
                data.counts[table] = con.execute(f"select count(*) from marts.{table}").fetchone()[0]
            data.events = _rows(con, EVENTS)
            data.entities = _rows(con, ENTITIES)
            data.cooccurrence = _rows(con, COOCCURRENCE)
            data.publishers = _rows(con, PUBLISHERS)
            data.latest_articles = _rows(con, LATEST_ARTICLES, [latest])
        finally:
            con.close()
    else:
        data.problems.append(f"no published marts at {marts_db}: run `warta run` first")
    if raw_db is not None and raw_db.exists():
        try:
            con = duckdb.connect(str(raw_db), read_only=True)
        except duckdb.Error as exc:  # a run in another process holds the file
            data.problems.append(f"run log unavailable ({str(exc).splitlines()[0][:160]})")
        else:
            try:
                data.runs = _rows(con, RUNS, [runs])
                data.quarantine = _rows(con, QUARANTINE, [quarantined])
            finally:
                con.close()
    return data
