"""Classify single lines of a scraped page: furniture, related-list material, captions, credits.

Every vocabulary comes from ``data/boilerplate.yml``; this module only holds the mechanism.
"""

from __future__ import annotations

import re
from functools import cache

from flows.extract.resources import load_yaml
from flows.extract.text import word_count

_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*$|[\"”’]$")


@cache
def _compiled() -> dict[str, object]:
    data = load_yaml("boilerplate.yml")

    def union(patterns: list[str]) -> re.Pattern[str]:
        return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)

    terms = sorted(data["login_terms"], key=len, reverse=True)
    return {
        "drop": union(data["drop_lines"]),
        "intro": union(data["related_intro"]),
        "tail": union(data["tail_sections"]),
        "login": re.compile(r"\b(?:" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE),
        "relative_time": re.compile(data["relative_time"], re.IGNORECASE),
        "credit_line": re.compile(data["credit_line"], re.IGNORECASE),
        "caption_credit": [re.compile(p) for p in data["caption_credit"]],
    }


def _full(name: str, line: str) -> bool:
    pattern = _compiled()[name]
    assert isinstance(pattern, re.Pattern)
    return pattern.fullmatch(line.strip()) is not None


def is_dropped(line: str) -> bool:
    """Page furniture that is never article text (ads, share bars, scroll prompts, menus)."""
    return _full("drop", line)


def is_related_intro(line: str) -> bool:
    """ "Baca juga: ..." and its kin, which introduce headlines of other articles."""
    return _full("intro", line)


def related_intro_has_headline(line: str) -> bool:
    """Whether the intro line carries the headline itself ("Baca juga: Headline")."""
    return bool(re.search(r"[:>]\s*\S", line)) or word_count(line) > 4


def is_tail_section(line: str) -> bool:
    """A heading that opens the page's tail (related lists, recommendations, tags)."""
    return _full("tail", line)


def is_relative_time(line: str) -> bool:
    """A related-list timestamp such as "4 jam lalu"."""
    return _full("relative_time", line)


def is_read_more(line: str) -> bool:
    return line.strip().lower().rstrip(" .»>") in {
        "baca selengkapnya",
        "selengkapnya",
        "read more",
        "lihat selengkapnya",
    }


def mentions_login(line: str) -> bool:
    """Whether a line uses login, registration or subscription vocabulary."""
    pattern = _compiled()["login"]
    assert isinstance(pattern, re.Pattern)
    return pattern.search(line) is not None


def is_credit_line(line: str) -> bool:
    """A line that only credits a photo ("Foto: ANTARA/...")."""
    return _full("credit_line", line) and word_count(line) <= 14


def split_caption_credit(line: str) -> tuple[str, str] | None:
    """``(caption, credit)`` when a line ends with a photo credit, else None."""
    stripped = line.strip()
    matches = [m for p in _compiled()["caption_credit"] if (m := p.search(stripped)) and m.start() > 0]  # type: ignore[union-attr]
    if not matches:
        return None
    match = min(matches, key=lambda m: m.start())  # the longest credit wins
    caption = stripped[: match.start()].rstrip(" ,;:-–—|")
    return (caption, match.group(0).strip()) if word_count(caption) >= 4 else None


def is_sentence_like(line: str) -> bool:
    """A line that reads as prose: ends like a sentence or is long."""
    n = word_count(line)
    return (n >= 6 and _TERMINAL.search(line.strip()) is not None) or n >= 25


def is_headline_like(line: str) -> bool:
    """A short line without sentence punctuation: a headline, intertitle or list item."""
    n = word_count(line)
    return 2 <= n <= 22 and _TERMINAL.search(line.strip()) is None
