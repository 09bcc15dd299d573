"""The gazetteer: known names from the dbt seeds, matched in text and looked up by spelling.

The ``entity_aliases`` seed (curated people, organisations, places) and the ``countries`` seed (CLDR
names plus Indonesian short forms) are the single source of truth; dbt publishes the same files. The
keys here are the keys dbt uses (``name_key`` is the twin of the ``name_key`` macro) and ``entity_id``
is the twin of the marts' id, so a name resolved in Python and in SQL lands on the same entity.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein
from spacy.lang.id.stop_words import STOP_WORDS

from flows.extract.resources import SeedPaths, load_yaml, read_csv

FUZZY_MIN = 88  # rapidfuzz ratio, same type: "Rodong Sunmun" -> "Rodong Sinmun"; below it names stay distinct
FUZZY_MIN_ANY_TYPE = 92  # the recogniser's type is noisier than a one-letter slip, so allow it at a stricter bar
_WORD = re.compile(r"[^\W_]+")  # the words name_key keeps
_SEPARATOR = re.compile(r"[\s-]+")  # what may join the words of one name
SHORT_ACRONYM = 3  # acronyms this short ("AS", "RI", "KPK") must be written in capitals: "As" is a word


def name_key(name: str) -> str:
    """Spelling-insensitive key: "Kim Jong-un" and "Kim Jong Un" share "kim jong un" (dbt macro ``name_key``)."""
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]|_", " ", name.lower().replace("-", " "))).strip()


def entity_id(entity_type: str, canonical_name: str) -> str:
    """The marts' ``entity_id`` of a resolved name: dbt's ``surrogate_key([type, name_key(name)])``.

    That macro is ``md5(concat_ws('|', ...))`` over the type and the name key, so computing it here lets
    ``warta entities`` print ids that join to ``marts.entities`` without opening the warehouse.
    """
    return hashlib.md5(f"{entity_type}|{name_key(canonical_name)}".encode()).hexdigest()


def close_words(key_a: str, key_b: str) -> bool:
    """Same words but for one-letter slips: equal word counts, each word equal or, at 4+ letters, one edit away.

    Why word by word: a whole-string ratio calls "Kementerian Luar Negeri Ukraina" close to "... Korut"
    and "Kim Jong Il" close to "Kim Jong Un"; a misspelling changes a letter, not a word. The dbt model
    ``int_entity_names_clustered`` applies the same rule across articles.
    """
    words_a, words_b = key_a.split(), key_b.split()
    return len(words_a) == len(words_b) and all(
        a == b or (min(len(a), len(b)) >= 4 and Levenshtein.distance(a, b) <= 1)
        for a, b in zip(words_a, words_b, strict=True)
    )


@cache
def not_names() -> frozenset[str]:
    """Lower-case words that are never a name on their own: Indonesian function words, months, weekdays."""
    data = load_yaml("not_names.yml")
    return frozenset(STOP_WORDS) | frozenset(w.lower() for group in data.values() for w in group)


def sentence_initial(text: str, start: int) -> bool:
    """Whether ``text[start:]`` opens a sentence, where capitals say nothing about being a name."""
    before = text[:start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n…"


@dataclass(frozen=True)
class Entry:
    canonical_name: str
    entity_type: str
    country_code: str | None


@dataclass
class Gazetteer:
    """Known names, matched case-aware with spaces and hyphens interchangeable."""

    by_key: dict[str, Entry]
    acronyms: frozenset[str] = frozenset()  # keys only ever written in capitals in the seeds
    _by_type: dict[tuple[str | None, str], list[str]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._first_words = frozenset(k.split(" ")[0] for k in self.by_key if k)  # where a name may start
        self._max_words = max((k.count(" ") + 1 for k in self.by_key), default=1)

    @classmethod
    def from_seeds(cls, seeds: SeedPaths) -> Gazetteer:
        by_key: dict[str, Entry] = {}
        spellings: dict[str, set[str]] = {}
        for row in read_csv(seeds.countries):
            entry = Entry(row["name_id"], "LOCATION", row["iso3"])
            for alias in [row["name_id"], *filter(None, row["aliases"].split("|"))]:
                by_key.setdefault(name_key(alias), entry)
                spellings.setdefault(name_key(alias), set()).add(alias)
        for row in read_csv(seeds.entity_aliases):  # curated entries win over generated ones
            entry = Entry(row["canonical_name"], row["entity_type"], row["country_code"] or None)
            for alias in [row["canonical_name"], *filter(None, row["aliases"].split("|"))]:
                by_key[name_key(alias)] = entry
                spellings.setdefault(name_key(alias), set()).add(alias)
        acronyms = frozenset(k for k, s in spellings.items() if len(k) <= SHORT_ACRONYM and all(a.isupper() for a in s))
        return cls(by_key, acronyms)

    def find(self, text: str) -> list[tuple[int, int, Entry]]:
        """Known names in ``text``, leftmost-longest, written as proper nouns.

        Matching walks the words of the text and looks their n-grams up by key (spaces and hyphens between
        words are interchangeable), which is linear in the text where one big regex alternation is not. A
        match must end in a capitalised word ("semenanjung Korea" is the peninsula, "tanah air" is not the
        homeland's name), short acronyms must be in capitals ("As" is not "AS"), and a one-word name that is
        also a common word ("Antara") does not count at a sentence start, where every word is capitalised.
        """
        words = [(m.start(), m.end(), m.group(0).lower()) for m in _WORD.finditer(text)]
        joined = [bool(_SEPARATOR.fullmatch(text[a[1] : b[0]])) for a, b in pairwise(words)]
        found: list[tuple[int, int, Entry]] = []
        i = 0
        while i < len(words):
            n = self._longest_at(text, words, joined, i) if words[i][2] in self._first_words else 0
            if n:
                start, end = words[i][0], words[i + n - 1][1]
                found.append((start, end, self.by_key[" ".join(w[2] for w in words[i : i + n])]))
            i += max(n, 1)
        return found

    def _longest_at(self, text: str, words: list[tuple[int, int, str]], joined: list[bool], i: int) -> int:
        """How many words from ``i`` make the longest acceptable known name (0: none)."""
        longest = 1
        while longest < self._max_words and i + longest < len(words) and joined[i + longest - 1]:
            longest += 1
        for n in range(longest, 0, -1):
            key = " ".join(w[2] for w in words[i : i + n])
            if key not in self.by_key:
                continue
            start, end = words[i][0], words[i + n - 1][1]
            surface = text[start:end]
            last = surface.split()[-1]
            if not (last[0].isupper() or last[0].isdigit()):
                continue
            if key in self.acronyms and not surface.isupper():
                continue
            if n == 1 and key in not_names() and sentence_initial(text, start):
                continue
            return n
        return 0

    def lookup(self, name: str, entity_type: str | None = None) -> Entry | None:
        """The entry of a name: by key, without a person's initials, or by a close spelling.

        A close spelling must start with the same letter (slips rarely hit it: "Espanyol" is not "Spanyol"),
        pass ``close_words`` and score ``FUZZY_MIN`` against the same type or ``FUZZY_MIN_ANY_TYPE`` against any.
        """
        key = name_key(name)
        entry = self.by_key.get(key)
        if entry is None and entity_type == "PERSON":
            words = [w for w in re.split(r"[\s.]+", name) if w and not (len(w) <= 2 and w.isupper())]
            entry = self.by_key.get(name_key(" ".join(words))) if len(words) >= 2 else None  # "Retno LP Marsudi"
        if entry is not None or len(key) < 6:
            return entry
        for wanted, cutoff in ((entity_type, FUZZY_MIN), (None, FUZZY_MIN_ANY_TYPE)):
            near = process.extract(key, self._keys_of(wanted, key[0]), scorer=fuzz.ratio, score_cutoff=cutoff, limit=5)
            for candidate, _score, _index in near:
                if close_words(key, candidate):
                    return self.by_key[candidate]
        return None

    def _keys_of(self, entity_type: str | None, first: str) -> list[str]:
        if (entity_type, first) not in self._by_type:
            self._by_type[entity_type, first] = [
                k for k, e in self.by_key.items() if k[:1] == first and entity_type in (None, e.entity_type)
            ]
        return self._by_type[entity_type, first]
