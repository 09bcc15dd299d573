"""Classify single lines of a scraped page: furniture, related-list material, captions, credits.

Every vocabulary comes from ``data/boilerplate.yml``; this module only holds the mechanism.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from flows.extract.resources import load_yaml
from flows.extract.text import word_count

# A sentence may close with a signature or credit in brackets: "... dalam jumlah besar. (ast/jpnn)".
# Each page asks about the same line many times (zones, header, body, footer) and outlets repeat their
# furniture across pages, so line verdicts are memoised; ``clear_caches`` resets them (the benchmark does,
# to time unseen pages).
LINE_CACHE = 8192
CREDIT_WINDOW = 200  # a photo credit is the last words of its line: only that far back is searched
_TERMINAL = re.compile(r"[.!?…:;][\"'”’)\]]*(?:\s*[(\[][^()\[\]]{1,60}[)\]])?$|[\"”’]$")


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
        "promo": re.compile(
            r"^(?:" + "|".join(re.escape(v) for v in data["promo_verbs"]) + r")(?:\s|$)"
            r".*\b(?:" + "|".join(re.escape(c) for c in data["promo_channels"]) + r")\b",
            re.IGNORECASE,
        ),
    }


@lru_cache(maxsize=LINE_CACHE)
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


@lru_cache(maxsize=LINE_CACHE)
def mentions_login(line: str) -> bool:
    """Whether a line uses login, registration or subscription vocabulary."""
    pattern = _compiled()["login"]
    assert isinstance(pattern, re.Pattern)
    return pattern.search(line) is not None


def is_credit_line(line: str) -> bool:
    """A line that only credits a photo ("Foto: ANTARA/...")."""
    return _full("credit_line", line) and word_count(line) <= 14


@lru_cache(maxsize=LINE_CACHE)
def is_promo(line: str, max_words: int = 35) -> bool:
    """A short call to follow the outlet somewhere ("Ikuti berita kami di Google News")."""
    pattern = _compiled()["promo"]
    assert isinstance(pattern, re.Pattern)
    return word_count(line) <= max_words and pattern.search(line.strip()) is not None


_INITIALS = re.compile(r"[\(\[]\s*[a-zA-Z]{2,5}(?:\s*/\s*[a-zA-Z]{2,5})+\s*[\)\]]\s*$")
_CAPTION_LABEL = re.compile(r"^(?:foto|photo|keterangan foto)\s*:\s*", re.IGNORECASE)


@lru_cache(maxsize=LINE_CACHE)
def split_caption_credit(line: str) -> tuple[str, str] | None:
    """``(caption, credit)`` when a line ends with a photo credit, else None.

    Closing initials ("(abc/def)") end article paragraphs, not captions, so they are never a credit.
    """
    stripped = line.strip()
    window = max(0, len(stripped) - CREDIT_WINDOW)
    matches = [
        m
        for p in _compiled()["caption_credit"]  # type: ignore[union-attr]
        if (m := p.search(stripped, window)) and m.start() > 0 and not _INITIALS.fullmatch(m.group(0).strip())
    ]
    if not matches:
        return None
    match = min(matches, key=lambda m: m.start())  # the longest credit wins
    caption = _CAPTION_LABEL.sub("", stripped[: match.start()]).rstrip(" ,;:-–—|")
    # "Ilustrasi penangkapan. (Foto: ...)": a closed sentence is a caption however short; else three words
    closed = word_count(caption) >= 2 and caption.endswith((".", "!", "?"))
    return (caption, match.group(0).strip()) if closed or word_count(caption) >= 3 else None


@lru_cache(maxsize=LINE_CACHE)
def is_sentence_like(line: str) -> bool:
    """A line that reads as prose: ends like a sentence or is long."""
    n = word_count(line)
    return (n >= 6 and _TERMINAL.search(line.strip()) is not None) or n >= 25


@lru_cache(maxsize=LINE_CACHE)
def is_headline_like(line: str) -> bool:
    """A short line without sentence punctuation: a headline, intertitle or list item."""
    n = word_count(line)
    return 2 <= n <= 22 and _TERMINAL.search(line.strip()) is None


def clear_caches() -> None:
    """Forget memoised line verdicts."""
    for function in (_full, mentions_login, is_promo, split_caption_credit, is_sentence_like, is_headline_like):
        function.cache_clear()
