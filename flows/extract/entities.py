"""Find people, organisations and places in a clean body and name each one canonically.

Two sources, combined: the gazetteer (the ``entity_aliases`` and ``countries`` dbt seeds) makes known
names precise, and the trained recogniser finds names nobody listed. Within an article, a short form
("Putin", "Kim") takes the full name mentioned in the same article when exactly one fits; an
ambiguous short form is left out rather than guessed. Cross-article identity is settled in dbt on the
``canonical_name`` this module emits.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz, process

from flows.extract.records import EntityMention
from flows.extract.resources import SeedPaths, load_yaml, read_csv
from flows.extract.text import sentences

FUZZY_MIN = 88  # rapidfuzz ratio for "Rodong Sunmun" -> "Rodong Sinmun"; below it, names stay distinct


def name_key(name: str) -> str:
    """Spelling-insensitive key: "Kim Jong-un" and "Kim Jong Un" share "kim jong un"."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]|_", " ", name.lower().replace("-", " "))).strip()


@dataclass(frozen=True)
class Entry:
    canonical_name: str
    entity_type: str
    country_code: str | None


@dataclass
class Gazetteer:
    """Known names, matched case-aware with spaces and hyphens interchangeable."""

    by_key: dict[str, Entry]
    _pattern: re.Pattern[str] | None = None
    _exact_case: frozenset[str] = frozenset()

    @classmethod
    def from_seeds(cls, seeds: SeedPaths) -> Gazetteer:
        by_key: dict[str, Entry] = {}
        for row in read_csv(seeds.countries):
            entry = Entry(row["name_id"], "LOCATION", row["iso3"])
            for alias in [row["name_id"], *filter(None, row["aliases"].split("|"))]:
                by_key.setdefault(name_key(alias), entry)
        for row in read_csv(seeds.entity_aliases):  # curated entries win over generated ones
            entry = Entry(row["canonical_name"], row["entity_type"], row["country_code"] or None)
            for alias in [row["canonical_name"], *filter(None, row["aliases"].split("|"))]:
                by_key[name_key(alias)] = entry
        return cls(by_key)

    def _compiled(self) -> re.Pattern[str]:
        if self._pattern is None:
            keys = sorted(self.by_key, key=len, reverse=True)
            body = "|".join(r"[\s-]+".join(re.escape(part) for part in k.split(" ")) for k in keys if k)
            self._pattern = re.compile(r"(?<!\w)(?:" + body + r")(?!\w)", re.IGNORECASE)
        return self._pattern

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        """Known names in ``text``: proper-noun case required, short acronyms must match exactly."""
        found = []
        for match in self._compiled().finditer(text):
            surface = match.group(0)
            if not surface[0].isupper():
                continue
            key = name_key(surface)
            entry = self.by_key.get(key)
            if entry is None:
                continue
            if (
                len(surface) <= 4
                and not surface.isupper()
                and surface.upper() != surface
                and key.upper() == surface.upper()
            ):
                continue  # "As" at a sentence start is not "AS" (Amerika Serikat)
            found.append((match.start(), match.end(), entry))
        return found

    def lookup(self, name: str, entity_type: str | None = None) -> Entry | None:
        """The entry of a name, by key or, failing that, by a close spelling of the same type."""
        key = name_key(name)
        entry = self.by_key.get(key)
        if entry is not None:
            return entry
        if len(key) < 6:
            return None
        candidates = {k: e for k, e in self.by_key.items() if entity_type is None or e.entity_type == entity_type}
        best = process.extractOne(key, list(candidates), scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
        return candidates[best[0]] if best else None


@cache
def _roles() -> tuple[re.Pattern[str], frozenset[str]]:
    data = load_yaml("roles.yml")
    roles = sorted(data["roles"], key=len, reverse=True)
    pattern = re.compile(r"^(?:(?:" + "|".join(re.escape(r) for r in roles) + r")\.?\s+)+", re.IGNORECASE)
    return pattern, frozenset(data["connectors"])


def strip_role(surface: str) -> tuple[int, str]:
    """Drop leading titles: "Presiden Vladimir Putin" -> (9, "Vladimir Putin")."""
    pattern, _ = _roles()
    match = pattern.match(surface)
    if not match or match.end() >= len(surface):
        return 0, surface
    return match.end(), surface[match.end() :]


_JUNK = re.compile(r"^[\W\d_]+$")


class EntityExtractor:
    """Gazetteer + recogniser + in-article short-form resolution for one body at a time."""

    def __init__(self, gazetteer: Gazetteer, recogniser: object | None = None) -> None:
        self.gazetteer = gazetteer
        self.recogniser = recogniser
        self._model_lock = threading.Lock()  # spaCy pipelines are not documented as thread-safe

    def extract(self, body: str) -> list[EntityMention]:
        model_spans: Iterable = []
        if self.recogniser is not None:
            with self._model_lock:
                model_spans = next(iter(self.recogniser.spans([body])))  # type: ignore[attr-defined]
        return self.combine(body, model_spans)

    def combine(self, body: str, model_spans: Iterable) -> list[EntityMention]:
        """Merge gazetteer matches with model spans (``start``, ``end``, ``label``) into mentions."""
        candidates: list[tuple[int, int, str, str, str | None, str]] = []
        taken: list[tuple[int, int]] = []
        previous_end, previous_entry = -10, None
        for start, end, entry in self.gazetteer.find(body):
            surface = body[start:end]
            in_parens = body[start - 1 : start] == "(" and body[end : end + 1] == ")"
            if in_parens and surface.isupper() and previous_entry not in (None, entry) and start - previous_end <= 3:
                continue  # "Donetsk (DPR)": an acronym glossing the name before it, not another entity
            previous_end, previous_entry = end, entry
            candidates.append((start, end, entry.entity_type, entry.canonical_name, entry.country_code, "gazetteer"))
            taken.append((start, end))
        for span in model_spans:
            offset, name = strip_role(body[span.start : span.end])
            start, end = span.start + offset, span.end
            name = name.strip(" .,;:'\"“”()")
            end = start + len(body[start:end].rstrip(" .,;:'\"“”()"))
            if len(name) < 2 or _JUNK.match(name) or name.islower():
                continue
            if any(s < end and start < e for s, e in taken):
                continue
            entry = self.gazetteer.lookup(name, span.label)
            if entry is not None:
                candidates.append((start, end, entry.entity_type, entry.canonical_name, entry.country_code, "model"))
            else:
                candidates.append((start, end, span.label, name, None, "model"))
            taken.append((start, end))
        candidates.sort()
        resolved = self._resolve_short_forms(candidates)
        resolved = self._role_countries(body, resolved)
        sent = sentences(body)
        starts = [s.start for s in sent]
        return [
            EntityMention(
                mention_index=i,
                surface=body[start:end],
                start_char=start,
                end_char=end,
                sentence_index=max(0, bisect_right(starts, start) - 1),
                entity_type=etype,
                canonical_name=canonical,
                country_code=country,
                source=source,
            )
            for i, (start, end, etype, canonical, country, source) in enumerate(resolved)
        ]

    @staticmethod
    def _resolve_short_forms(cands: list[tuple]) -> list[tuple]:
        """A one-word person name takes the article's unique full name that contains it."""
        full_people = {}
        for c in cands:
            if c[2] == "PERSON" and len(c[3].split()) > 1:
                full_people.setdefault(c[3], c)
        out = []
        for c in cands:
            start, end, etype, canonical, country, _source = c
            if etype == "PERSON" and len(canonical.split()) == 1:
                token = name_key(canonical)
                fits = [f for f in full_people.values() if token in name_key(f[3]).split()]
                if len(fits) > 1:
                    continue  # ambiguous ("Kim" with Kim Jong Un and Kim Il Sung): leave it out
                if len(fits) == 1:
                    c = (start, end, etype, fits[0][3], fits[0][4] or country, "coreference")
            out.append(c)
        return out

    def _role_countries(self, body: str, cands: list[tuple]) -> list[tuple]:
        """ "Presiden Rusia Vladimir Putin": a person right after role + country gets that nationality."""
        out = []
        countries = {(c[0], c[1]): c[4] for c in cands if c[2] == "LOCATION" and c[4]}
        for c in cands:
            if c[2] == "PERSON" and not c[4]:
                for (s, e), code in countries.items():
                    between = body[e : c[0]]
                    before = body[max(0, s - 40) : s]
                    if (
                        0 <= c[0] - e <= 25
                        and re.fullmatch(r"[\s()\w]{0,25}", between)
                        and _roles()[0].search(before.split(".")[-1].strip() + " ")
                    ):
                        c = (*c[:4], code, c[5])
                        break
            out.append(c)
        return out
