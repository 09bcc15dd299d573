"""Find people, organisations and places in a clean body and name each one canonically.

Two sources, combined: the gazetteer (the ``entity_aliases`` and ``countries`` dbt seeds) makes known
names precise, and the trained recogniser finds names nobody listed. Where both speak about the same
characters, the longer name wins ("Garuda Indonesia" is an airline, not the country), unless known names
tile the whole model span ("Rusia Vladimir Putin" is two entities). Within an article, an acronym glossed
in brackets ("Donetsk (DPR)") names the entity before it, and a short form ("Putin", "Kim") takes the full
name mentioned earlier when exactly one fits; an ambiguous short form is left out rather than guessed.
Cross-article identity is settled in dbt on the ``canonical_name`` this module emits.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache

from flows.extract.gazetteer import FUZZY_MIN, Entry, Gazetteer, entity_id, name_key, not_names
from flows.extract.records import EntityMention
from flows.extract.resources import load_yaml
from flows.extract.text import sentences

__all__ = ["FUZZY_MIN", "EntityExtractor", "Entry", "Gazetteer", "entity_id", "name_key", "strip_role"]

_TRIM = " .,;:'\"“”‘’()"
_JUNK = re.compile(r"^[\W\d_]+$")
_ACRONYM = re.compile(r"[A-Z][A-Z0-9]{1,7}")


@cache
def _roles() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(leading titles of a name, a title ending the text before a country: "... Menteri Luar Negeri")."""
    data = load_yaml("roles.yml")
    roles = "|".join(re.escape(r) for r in sorted(data["roles"], key=len, reverse=True))
    connectors = "|".join(re.escape(c) for c in data["connectors"])
    leading = re.compile(r"^(?:(?:" + roles + r")\.?\s+)+", re.IGNORECASE)
    trailing = re.compile(r"(?:^|\W)(?:" + roles + r")(?:\s+(?:" + connectors + r"))*\s*$", re.IGNORECASE)
    return leading, trailing


def strip_role(surface: str) -> tuple[int, str]:
    """Drop leading titles: "Presiden Vladimir Putin" -> (9, "Vladimir Putin")."""
    match = _roles()[0].match(surface)
    if not match or match.end() >= len(surface):
        return 0, surface
    return match.end(), surface[match.end() :]


@dataclass(frozen=True)
class _Candidate:
    start: int
    end: int
    entity_type: str
    canonical_name: str
    country_code: str | None
    source: str  # gazetteer | model | abbreviation | coreference | role
    known: bool  # resolved to a gazetteer entry

    @classmethod
    def of(cls, start: int, end: int, entry: Entry, source: str) -> _Candidate:
        return cls(start, end, entry.entity_type, entry.canonical_name, entry.country_code, source, True)

    def overlaps(self, other: _Candidate) -> bool:
        return self.start < other.end and other.start < self.end


class EntityExtractor:
    """Gazetteer + recogniser + in-article resolution for one body at a time."""

    def __init__(self, gazetteer: Gazetteer, recogniser: object | None = None) -> None:
        self.gazetteer = gazetteer
        self.recogniser = recogniser
        self._model_lock = threading.Lock()  # spaCy pipelines are not documented as thread-safe

    def extract(self, body: str) -> list[EntityMention]:
        return self.combine(body, self.model_spans([body])[0])

    def model_spans(self, bodies: Sequence[str]) -> list[list]:
        """The recogniser's spans for each body, in one batched pass (``nlp.pipe`` is several times faster
        over a batch than text by text); empty lists when there is no recogniser."""
        if self.recogniser is None or not bodies:
            return [[] for _ in bodies]
        with self._model_lock:
            return list(self.recogniser.spans(bodies))  # type: ignore[attr-defined]

    def combine(self, body: str, model_spans: Iterable) -> list[EntityMention]:
        """Merge gazetteer matches with model spans (``start``, ``end``, ``label``) into mentions."""
        found = [_Candidate.of(s, e, entry, "gazetteer") for s, e, entry in self.gazetteer.find(body)]
        for span in model_spans:
            candidate = self._model_candidate(body, span.start, span.end, span.label)
            if candidate is not None:
                found = self._merge(body, found, candidate)
        found.sort(key=lambda c: (c.start, c.end))
        resolved = self._role_countries(body, self._resolve_short_forms(self._acronym_glosses(body, found)))
        starts = [s.start for s in sentences(body)]
        return [
            EntityMention(
                mention_index=i,
                surface=body[c.start : c.end],
                start_char=c.start,
                end_char=c.end,
                sentence_index=max(0, bisect_right(starts, c.start) - 1),
                entity_type=c.entity_type,
                canonical_name=c.canonical_name,
                country_code=c.country_code,
                source=c.source,
            )
            for i, c in enumerate(resolved)
        ]

    def _model_candidate(self, body: str, start: int, end: int, label: str) -> _Candidate | None:
        """A model span without titles and stray punctuation, named by the gazetteer when it knows it."""
        offset, _ = strip_role(body[start:end])
        start += offset
        start += len(body[start:end]) - len(body[start:end].lstrip(_TRIM))
        end = start + len(body[start:end].rstrip(_TRIM.replace(".", "")))  # "Tbk." keeps its point
        name = body[start:end]
        if len(name) < 2 or _JUNK.match(name) or name.islower():
            return None
        if " " not in name and name.lower() in not_names() and not name.isupper():
            return None  # "Meskipun", "Juli": a capitalised common word, not a name
        role = _roles()[0].match(name + " ")
        if role and role.end() > len(name):
            return None  # "Pemimpin", "Menteri Luar Negeri": a title with nobody named
        entry = self.gazetteer.lookup(name, label)
        if entry is not None:
            return _Candidate.of(start, end, entry, "model")
        return _Candidate(start, end, label, re.sub(r"\s+", " ", name), None, "model", False)

    def _merge(self, body: str, found: list[_Candidate], model: _Candidate) -> list[_Candidate]:
        """Add a model span unless known names already cover it; a longer model name beats names inside it."""
        inside = [c for c in found if c.overlaps(model)]
        if not inside:
            return [*found, model]
        leading = [c for c in inside if c.start == model.start and c.entity_type != "PERSON" and c.end < model.end]
        if model.entity_type == "PERSON" and not model.known and leading:  # "(Menteri) Rusia Oleg Sidorenko"
            rest = self._model_candidate(body, leading[0].end, model.end, model.entity_type)
            return found if rest is None else self._merge(body, found, rest)
        if any(
            c.start < model.start or c.end > model.end or (c.start, c.end) == (model.start, model.end) for c in inside
        ):
            return found  # a known name as long or longer, or crossing the span: it wins
        rest = body[model.start : model.end]
        for c in sorted(inside, key=lambda c: c.start, reverse=True):
            rest = rest[: c.start - model.start] + rest[c.end - model.start :]
        if not model.known and (not rest.strip(_TRIM + "-") or any(c.entity_type == "PERSON" for c in inside)):
            return found  # "Rusia Vladimir Putin": known names tile the span; a known person is that person
        if model.entity_type != "PERSON" and model.country_code is None:
            codes = {c.country_code for c in inside if c.entity_type != "PERSON" and c.country_code}
            if len(codes) == 1:  # "Kementerian Pertahanan Rusia" is Russian, "Jakarta Selatan" Indonesian
                model = replace(model, country_code=codes.pop())
        return [*(c for c in found if c not in inside), model]

    @staticmethod
    def _acronym_glosses(body: str, cands: list[_Candidate]) -> list[_Candidate]:
        """ "Republik Rakyat Luhansk (LPR)": a bracketed acronym sharing an initial names the entity before it.

        The gloss holds for the rest of the article: after "Donetsk (DPR)", a later "DPR" is still Donetsk,
        not Indonesia's parliament.
        """
        glossed: dict[str, _Candidate] = {}
        out: list[_Candidate] = []
        for c in cands:
            surface = body[c.start : c.end]
            previous = out[-1] if out else None
            in_brackets = body[c.start - 1 : c.start] == "(" and body[c.end : c.end + 1] == ")"
            if (
                previous is not None
                and in_brackets
                and _ACRONYM.fullmatch(surface)
                and not body[previous.end : c.start - 1].strip()
                and surface[0] in {w[0] for w in body[previous.start : previous.end].split()}
                and not (c.known and name_key(c.canonical_name) in name_key(body[previous.start : previous.end]))
            ):  # "Dewan Keamanan Perserikatan Bangsa-Bangsa (PBB)": PBB glosses the inner name, no new one
                glossed[surface] = previous
            if surface in glossed and glossed[surface].canonical_name != c.canonical_name:
                target = glossed[surface]
                c = replace(
                    c,
                    entity_type=target.entity_type,
                    canonical_name=target.canonical_name,
                    country_code=target.country_code,
                    source="abbreviation",
                    known=target.known,
                )
            out.append(c)
        return out

    @staticmethod
    def _resolve_short_forms(cands: list[_Candidate]) -> list[_Candidate]:
        """A one-word person name takes the unique full name containing it, mentioned earlier (else anywhere)."""
        full = [c for c in cands if c.entity_type == "PERSON" and len(c.canonical_name.split()) > 1]
        out = []
        for c in cands:
            if c.entity_type == "PERSON" and len(c.canonical_name.split()) == 1:
                token = name_key(c.canonical_name)
                fitting = [f for f in full if token in name_key(f.canonical_name).split()]
                earlier = {f.canonical_name: f for f in fitting if f.start < c.start}
                fits = earlier or {f.canonical_name: f for f in fitting}
                if len(fits) > 1:
                    continue  # ambiguous ("Kim" after Kim Il Sung and Kim Jong Un): leave it out
                if len(fits) == 1:
                    (target,) = fits.values()
                    c = replace(
                        c,
                        canonical_name=target.canonical_name,
                        country_code=target.country_code or c.country_code,
                        source="coreference",
                        known=target.known,
                    )
            out.append(c)
        return out

    @staticmethod
    def _role_countries(body: str, cands: list[_Candidate]) -> list[_Candidate]:
        """ "Presiden Rusia Ivan Petrov": a person right after a title and a country takes that nationality."""
        trailing_role = _roles()[1]
        out = []
        for i, c in enumerate(cands):
            previous = cands[i - 1] if i else None
            if (
                c.entity_type == "PERSON"
                and not c.country_code
                and previous is not None
                and previous.country_code
                and previous.entity_type in ("LOCATION", "ORGANIZATION")
                and re.fullmatch(r"[\s,]*", body[previous.end : c.start])
                and trailing_role.search(re.split(r"[.!?\n]", body[max(0, previous.start - 60) : previous.start])[-1])
            ):
                c = replace(c, country_code=previous.country_code)
            out.append(c)
        return out
