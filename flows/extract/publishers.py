"""Normalise outlet brands ("TEMPO.CO", "tempo.co", "Tempo") to one publisher name.

Backed by the dbt seed ``publishers.csv``. An outlet missing from the seed keeps the brand its page
prints, tidied ("SUARA.COM" -> "Suara.com"), so a new outlet is never silently unattributed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from flows.extract.resources import read_csv


def _key(brand: str) -> str:
    return re.sub(r"\s+", " ", brand.strip().strip(".,:;|-–—").lower())


def tidy_brand(brand: str) -> str:
    """Readable form of an unknown brand: ALL-CAPS domains become "Suara.com"."""
    brand = brand.strip().strip(",:;|-–—")
    if brand.isupper() and "." in brand:
        head, _, tail = brand.partition(".")
        return head.capitalize() + "." + tail.lower()
    if brand.isupper() and len(brand) > 4:
        return brand.title()
    return brand


@dataclass
class PublisherIndex:
    """Brand spellings and domains mapped to canonical publisher names."""

    aliases: dict[str, str] = field(default_factory=dict)
    _mention: re.Pattern[str] | None = None

    @classmethod
    def from_csv(cls, path: Path) -> PublisherIndex:
        rows = read_csv(path)
        aliases = {_key(r["alias"]): r["publisher"] for r in rows}
        aliases.update({_key(r["domain"]): r["publisher"] for r in rows if r.get("domain")})
        aliases.update({_key(r["publisher"]): r["publisher"] for r in rows})
        return cls(aliases)

    @property
    def outlet_words(self) -> set[str]:
        """Lower-case names and domains of outlets, to tell an outlet from a person in bylines."""
        return set(self.aliases)

    def is_brand(self, text: str) -> bool:
        return _key(text) in self.aliases

    def canonical(self, brand: str) -> str:
        key = _key(brand)
        if key in self.aliases:
            return self.aliases[key]
        stem = re.sub(r"\.(com|co\.id|co|id)$", "", key)
        return self.aliases.get(stem) or tidy_brand(brand)

    def mentioned(self, line: str) -> str | None:
        """The publisher whose capitalised brand or domain a line names ("dari Tempo.co"), if any."""
        if self._mention is None:
            names = sorted(self.aliases, key=len, reverse=True)
            self._mention = re.compile(
                r"(?<![\w.])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.IGNORECASE
            )
        for match in self._mention.finditer(line):
            if match.group(1)[0].isupper() or "." in match.group(1):
                return self.aliases[_key(match.group(1))]
        return None
