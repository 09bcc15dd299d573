"""Indonesian affix stripping for trigger matching: candidate lemmas of a word.

Rather than one "correct" stem (which needs a full dictionary), every plausible stem is generated
(meN-/ber-/di-/ter-/pe(N)-/ke- prefixes, -kan/-i/-an/-nya suffixes, nasal restoration: menyerang ->
serang, memukul -> pukul, menuduh -> tuduh, mengirim -> kirim/ngirim) and the lexicon decides which
one is a known trigger. Over-generation is harmless because only lexicon lemmas are ever matched.
"""

from __future__ import annotations

from functools import lru_cache

_SUFFIXES = ("kannya", "nyalah", "kan", "an", "i", "nya", "lah", "kah", "pun")
_PREFIXES = (
    ("meny", "s"),
    ("mem", "p"),
    ("men", "t"),
    ("meng", "k"),
    ("menge", ""),
    ("meng", ""),
    ("mem", ""),
    ("men", ""),
    ("me", ""),
    ("peny", "s"),
    ("pem", "p"),
    ("pen", "t"),
    ("peng", "k"),
    ("penge", ""),
    ("peng", ""),
    ("pem", ""),
    ("pen", ""),
    ("pe", ""),
    ("per", ""),
    ("ber", ""),
    ("be", ""),
    ("di", ""),
    ("ter", ""),
    ("te", ""),
    ("ke", ""),
    ("se", ""),
    ("memper", ""),
    ("diper", ""),
    ("mempe", ""),
)


@lru_cache(maxsize=50_000)
def candidates(word: str) -> frozenset[str]:
    """Every plausible lemma of ``word`` (lower-cased), including the word itself."""
    word = word.lower()
    out = {word}
    stems = {word}
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stems.add(word[: -len(suffix)])
    for stem in list(stems):
        for suffix in _SUFFIXES:  # double suffixes: "tandatanganinya", "kunjungannya"
            if stem.endswith(suffix) and len(stem) - len(suffix) >= 3:
                stems.add(stem[: -len(suffix)])
    out |= stems
    for stem in stems:
        for prefix, restore in _PREFIXES:
            if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
                base = restore + stem[len(prefix) :]
                out.add(base)
                for inner, inner_restore in _PREFIXES:  # "diperkuat", "memperjuangkan", "berkunjung"
                    if base.startswith(inner) and len(base) - len(inner) >= 3:
                        out.add(inner_restore + base[len(inner) :])
    return frozenset(out)


def is_passive(word: str) -> bool:
    """di- verbs ("ditangkap", "diteken") put the agent after the verb."""
    lowered = word.lower()
    return lowered.startswith("di") and len(lowered) > 5 and lowered not in {"dirinya", "diri", "dia", "dimana"}
