"""Decide whether a text is Indonesian, and if not, which language it is.

A function-word share settles the common case cheaply; py3langid (an offline n-gram model shipped
in its wheel) names the language of everything else, so quarantine can say ``language:en``.
"""

from __future__ import annotations

from functools import cache

from flows.extract.resources import load_yaml
from flows.extract.text import words


@cache
def _vocabulary() -> tuple[frozenset[str], float]:
    data = load_yaml("language.yml")
    return frozenset(data["indonesian_function_words"]), float(data["min_share"])


def indonesian_share(text: str) -> float:
    """Share of words that are Indonesian function words."""
    tokens = [w.lower() for w in words(text)]
    if not tokens:
        return 0.0
    vocabulary, _ = _vocabulary()
    return sum(t in vocabulary for t in tokens) / len(tokens)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (``id`` for Indonesian, ``und`` when there is no text)."""
    if not words(text):
        return "und"
    _, min_share = _vocabulary()
    if indonesian_share(text) >= min_share:
        return "id"
    import py3langid  # loads its model on first use; most documents never get here

    code, _ = py3langid.classify(text[:5000])
    return "id" if code == "ms" and indonesian_share(text) >= min_share / 2 else code
