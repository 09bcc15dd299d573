"""When an event happened and whether it did: its date (resolved against publication) and its context.

Date: the date expression of the trigger's sentence nearest to the trigger, skipping the dates of
reporting ("dikutip dari Reuters, Selasa (18/6/2024)") and of periods' starts ("sejak Juli 2000"); else
the paragraph's; else the publication date, flagged by ``date_source``. Context: reported, planned,
historical, negated or hypothetical, from cue words (``event_cues.yml``), from the trigger that governs
it ("berjanji mendukung" is a planned support, "membantah menyerang" a negated attack) and from the date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from flows.extract.dates import DateMention, find_dates

_BARE_YEAR = re.compile(r"(?<=[a-z] )(?P<y>(?:19|20)\d{2})\b(?![/.\-]\d)")


@dataclass(frozen=True)
class EventDate:
    value: date | None
    precision: str | None
    source: str  # sentence | paragraph | publication | none


def period_end(value: date, precision: str) -> date:
    """Last day of the period a date names at its precision."""
    if precision == "year":
        return date(value.year, 12, 31)
    if precision == "month":
        nxt = date(value.year + (value.month == 12), value.month % 12 + 1, 1)
        return nxt - timedelta(days=1)
    return value


def event_dates(text: str, anchor: date | None, cues: dict) -> list[DateMention]:
    """Dates in a sentence that may date an event in it (report and period-start dates left out)."""
    found = find_dates(text, anchor)
    taken = [(d.start, d.end) for d in found]
    for m in _BARE_YEAR.finditer(text):  # "perjanjian 1961"
        if not any(s <= m.start() < e for s, e in taken):
            found.append(DateMention(m.start(), m.end(), m[0], date(int(m["y"]), 1, 1), "year"))
    kept = []
    for d in found:
        before = text[max(0, d.start - 40) : d.start].lower()
        words = re.findall(r"\w+", before)
        if words and words[-1] in cues["since_words"]:
            continue
        if any(w in cues["attribution_words"] for w in words[-5:]):
            continue
        kept.append(d)
    return sorted(kept, key=lambda d: d.start)


def choose_date(
    trigger_pos: int,
    sentence_dates: list[DateMention],
    paragraph_date: DateMention | None,
    published: date | None,
) -> EventDate:
    """The nearest sentence date to the trigger (``trigger_pos`` is relative to the sentence)."""
    if sentence_dates:
        best = min(sentence_dates, key=lambda d: (abs(d.start - trigger_pos), d.start < trigger_pos))
        return EventDate(best.value, best.precision, "sentence")
    if paragraph_date is not None:
        return EventDate(paragraph_date.value, paragraph_date.precision, "paragraph")
    if published is not None:
        return EventDate(published, "day", "publication")
    return EventDate(None, None, "none")


def context(
    words: list[str],
    first: int,
    last: int,
    governed: str | None,
    when: EventDate,
    published: date | None,
    cues: dict,
) -> str:
    """The event_context of a trigger at words ``first``..``last`` of its sentence."""
    lowered = [w.lower() for w in words]
    clause_start = max([k + 1 for k in range(first) if lowered[k] in cues["scope_breaks"]], default=0)
    conditional = set(cues["hypothetical"])
    if any(w in conditional for w in lowered[clause_start:first]) or governed == "hypothetical":
        return "hypothetical"
    if governed == "negated" or _negated(lowered, first, cues):
        return "negated"
    reach = max(clause_start, first - cues["planned_window"])
    planned = governed == "planned" or any(w in cues["planned"] for w in lowered[reach:first] + lowered[first:last])
    if not planned and any(w in cues["purpose"] for w in lowered[max(clause_start, first - 3) : first]):
        return "hypothetical"  # "untuk menyerang Rusia": an aim, not an act
    if planned and any(w in conditional for w in lowered[last + 1 :]):
        return "hypothetical"  # "akan membantu jika diserang"
    if planned:
        return "planned"
    if when.value and published:
        if when.value > published and when.source == "sentence":
            return "planned"
        if period_end(when.value, when.precision or "day") < published - timedelta(days=cues["historical_after_days"]):
            return "historical"
    return "reported"


def _negated(lowered: list[str], first: int, cues: dict) -> bool:
    k = first - 1
    gap = set(cues["negation_gap"])
    while k >= 0 and first - k <= cues["window"] + 1:
        if lowered[k] in cues["negated"]:
            return True
        if lowered[k] not in gap:
            return False
        k -= 1
    return False
