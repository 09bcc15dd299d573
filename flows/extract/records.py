"""Typed records that extraction returns. They carry no database or orchestration types.

Offsets (``start_char``/``end_char``) always index the clean ``ArticleParse.body`` string, so that
``body[start_char:end_char] == surface`` holds for every mention.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True)
class ArticleParse:
    """An article's clean text and metadata, as one page states them."""

    title: str | None
    published_at: datetime | None
    publisher: str | None
    dateline: str | None
    authors: list[str]
    editors: list[str]
    source_agencies: list[str]
    lede: str | None
    body: str
    captions: list[str]
    language: str | None = None
    word_count: int = 0


@dataclass(frozen=True)
class EntityMention:
    """One span of the body naming a person, organisation or place."""

    mention_index: int
    surface: str
    start_char: int
    end_char: int
    sentence_index: int
    entity_type: str  # PERSON | ORGANIZATION | LOCATION
    canonical_name: str
    country_code: str | None
    source: str  # gazetteer | model | abbreviation | coreference


@dataclass(frozen=True)
class EventMention:
    """One sentence's report of something an actor did to another, coded in PLOVER."""

    mention_index: int
    event_type: str
    event_mode: str | None
    quad_class: str
    event_context: str  # reported | planned | historical | negated | hypothetical
    trigger: str
    sentence: str
    sentence_index: int
    start_char: int
    end_char: int
    actor1_mention: int | None
    actor1_name: str | None
    actor2_mention: int | None
    actor2_name: str | None
    location_mention: int | None
    location_name: str | None
    event_date: date | None
    date_precision: str | None  # day | month | year
    date_source: str  # sentence | paragraph | publication | none
    confidence: float


@dataclass(frozen=True)
class Extraction:
    """Everything extraction learned from one document, or why it refused it."""

    doc_id: str
    article: ArticleParse | None
    entities: list[EntityMention] = field(default_factory=list)
    events: list[EventMention] = field(default_factory=list)
    quarantine_reason: str | None = None
    quarantine_detail: str | None = None
