"""Code events in PLOVER from a body's sentences: trigger, actors, place, date and context.

The trigger vocabulary is the ``event_lexicon`` dbt seed (lemmas, so affixed forms match through
``lemma.candidates``); context cues live in ``data/event_cues.yml``. Actors come from the entity
mentions of the same sentence: the agent before an active verb, after "oleh" or the verb of a
passive one; the recipient on the other side.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from flows.extract import lemma
from flows.extract.dates import DateMention, find_dates
from flows.extract.records import EntityMention, EventMention
from flows.extract.resources import SeedPaths, load_yaml, read_csv
from flows.extract.text import Sentence, sentences

_TOKEN = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class Trigger:
    lemmas: tuple[str, ...]
    event_type: str
    event_mode: str
    quad_class: str
    passive_agent_after: bool


class Lexicon:
    """Triggers indexed by their first lemma."""

    def __init__(self, triggers: list[Trigger]) -> None:
        self.by_first: dict[str, list[Trigger]] = {}
        for trig in sorted(triggers, key=lambda t: -len(t.lemmas)):
            self.by_first.setdefault(trig.lemmas[0], []).append(trig)

    @classmethod
    def from_seeds(cls, seeds: SeedPaths) -> Lexicon:
        return cls(
            [
                Trigger(
                    tuple(r["trigger"].split()),
                    r["event_type"],
                    r["event_mode"],
                    r["quad_class"],
                    r["passive_agent_after"].lower() == "true",
                )
                for r in read_csv(seeds.event_lexicon)
            ]
        )

    def match(self, tokens: list[str], i: int) -> tuple[Trigger, int] | None:
        """The longest trigger starting at token ``i``, with the number of tokens it spans."""
        for first in lemma.candidates(tokens[i]):
            for trig in self.by_first.get(first, []):
                n = len(trig.lemmas)
                if i + n <= len(tokens) and all(trig.lemmas[k] in lemma.candidates(tokens[i + k]) for k in range(1, n)):
                    return trig, n
        return None


@cache
def _cues() -> dict:
    return load_yaml("event_cues.yml")


def _context(words_before: list[str], sentence_words: list[str], when: date | None, published: date | None) -> str:
    cues = _cues()
    window = [w.lower() for w in words_before[-cues["window"] :]]
    if any(w in cues["hypothetical"] for w in (x.lower() for x in sentence_words[: len(words_before)])):
        return "hypothetical"
    if any(w in cues["negated"] for w in window[-2:]):
        return "negated"
    if any(w in cues["planned"] for w in window):
        return "planned"
    if when and published and when > published:
        return "planned"
    if when and published and when < published - timedelta(days=90):
        return "historical"
    return "reported"


class EventExtractor:
    """Trigger-lexicon event coder over sentences and their entity mentions."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    def extract(self, body: str, mentions: list[EntityMention], published: date | None) -> list[EventMention]:
        found: list[EventMention] = []
        sents = sentences(body)
        paragraph_dates = self._paragraph_dates(body, sents, published)
        for sent in sents:
            tokens = [(m.start() + sent.start, m.end() + sent.start, m.group(0)) for m in _TOKEN.finditer(sent.text)]
            words = [t[2] for t in tokens]
            in_sentence = [m for m in mentions if sent.start <= m.start_char < sent.end]
            i = 0
            while i < len(tokens):
                blocked = (words[i][0].isupper() and i > 0) or words[i].lower() in _cues()["not_triggers"]
                hit = None if blocked else self.lexicon.match(words, i)
                if hit is None or any(m.start_char <= tokens[i][0] < m.end_char for m in in_sentence):
                    i += 1
                    continue
                trig, n = hit
                start, end = tokens[i][0], tokens[i + n - 1][1]
                found.append(
                    self._code(
                        trig,
                        sent,
                        words,
                        i,
                        start,
                        end,
                        in_sentence,
                        published,
                        paragraph_dates.get(sent.paragraph_index),
                        len(found),
                    )
                )
                i += n
        return found

    @staticmethod
    def _paragraph_dates(body: str, sents: list[Sentence], published: date | None) -> dict[int, DateMention]:
        result: dict[int, DateMention] = {}
        for sent in sents:
            if sent.paragraph_index not in result:
                dates = [d for d in find_dates(sent.text, published) if d.precision in ("day", "month")]
                if dates:
                    result[sent.paragraph_index] = dates[0]
        return result

    def _code(
        self,
        trig: Trigger,
        sent: Sentence,
        words: list[str],
        i: int,
        start: int,
        end: int,
        mentions: list[EntityMention],
        published: date | None,
        para_date: DateMention | None,
        index: int,
    ) -> EventMention:
        cues = _cues()
        actors = [m for m in mentions if m.entity_type in ("PERSON", "ORGANIZATION") or m.country_code]
        before = [m for m in actors if m.end_char <= start]
        after = [m for m in actors if m.start_char >= end]
        places = [m for m in mentions if m.entity_type == "LOCATION"]
        located = None
        for m in places:
            prefix = sent.text[: m.start_char - sent.start].rstrip().lower().split()
            if prefix and prefix[-1] in cues["location_prepositions"] and m.start_char >= start:
                located = m
                break
        after = [m for m in after if m is not located]
        passive = lemma.is_passive(words[i]) and trig.passive_agent_after
        if passive:
            agent_by = [
                m
                for m in after
                if sent.text[: m.start_char - sent.start].rstrip().lower().endswith(cues["agent_marker"])
            ]
            actor1 = agent_by[0] if agent_by else (after[0] if after else None)
            actor2 = before[-1] if before else None
        else:
            actor1 = before[-1] if before else None
            actor2 = next((m for m in after if actor1 is None or m.canonical_name != actor1.canonical_name), None)
        dates = [d for d in find_dates(sent.text, published) if d.precision in ("day", "month", "year")]
        when, source = (
            (dates[0], "sentence") if dates else ((para_date, "paragraph") if para_date else (None, "publication"))
        )
        event_date = when.value if when else published
        precision = when.precision if when else ("day" if published else None)
        context = _context(words[:i], words, event_date, published)
        if context == "reported" and event_date and published and event_date > published:
            event_date, precision = published, "day"
        confidence = 0.4 + 0.25 * (actor1 is not None) + 0.15 * (actor2 is not None) + 0.2 * (source == "sentence")
        return EventMention(
            mention_index=index,
            event_type=trig.event_type,
            event_mode=trig.event_mode,
            quad_class=trig.quad_class,
            event_context=context,
            trigger=sent.text[start - sent.start : end - sent.start],
            sentence=sent.text,
            sentence_index=sent.index,
            start_char=start,
            end_char=end,
            actor1_mention=actor1.mention_index if actor1 else None,
            actor1_name=actor1.canonical_name if actor1 else None,
            actor2_mention=actor2.mention_index if actor2 else None,
            actor2_name=actor2.canonical_name if actor2 else None,
            location_mention=located.mention_index if located else None,
            location_name=located.canonical_name if located else None,
            event_date=event_date,
            date_precision=precision,
            date_source=source if when else ("publication" if published else "none"),
            confidence=round(min(confidence, 1.0), 2),
        )
