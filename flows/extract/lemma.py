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


# Prefix allomorphs by class, with the consonant a nasal prefix replaced ("menuduh" <- tuduh).
_PREFIX_CLASSES: tuple[tuple[str, str, str], ...] = (
    ("memper", "", "memper"),
    ("diper", "", "diper"),
    ("meny", "s", "meN"),
    ("mem", "p", "meN"),
    ("men", "t", "meN"),
    ("meng", "k", "meN"),
    ("menge", "", "meN"),
    ("meng", "", "meN"),
    ("mem", "", "meN"),
    ("men", "", "meN"),
    ("me", "", "meN"),
    ("peny", "s", "peN"),
    ("pem", "p", "peN"),
    ("pen", "t", "peN"),
    ("peng", "k", "peN"),
    ("penge", "", "peN"),
    ("peng", "", "peN"),
    ("pem", "", "peN"),
    ("pen", "", "peN"),
    ("pe", "", "peN"),
    ("per", "", "per"),
    ("ber", "", "ber"),
    ("be", "", "ber"),
    ("di", "", "di"),
    ("ter", "", "ter"),
    ("ke", "", "ke"),
    ("", "", ""),
)
_DERIVATIONAL = ("kan", "an", "i", "")
_CLITICS = ("nya", "lah", "kah", "pun", "ku", "mu")


@lru_cache(maxsize=50_000)
def analyses(word: str) -> frozenset[tuple[str, str]]:
    """Every plausible (root, form) reading of ``word``; form is "<prefix class>-<suffix>".

    "menangkap" -> ("tangkap", "meN-"), "penangkapan" -> ("tangkap", "peN-an"), "ditandatangani" ->
    ("tandatangan", "di-i"). Forms let the lexicon tell a verb ("menahan", detain) from an unrelated
    noun of the same root ("pertahanan", defence) without listing surface words.
    """
    word = word.lower().replace("-", "")
    bases = {word}
    for clitic in _CLITICS:
        if word.endswith(clitic) and len(word) - len(clitic) >= 4:
            bases.add(word[: -len(clitic)])
    out: set[tuple[str, str]] = set()
    for base in bases:
        for suffix in _DERIVATIONAL:
            if suffix and not (base.endswith(suffix) and len(base) - len(suffix) >= 3):
                continue
            stem = base[: len(base) - len(suffix)] if suffix else base
            for prefix, restore, cls in _PREFIX_CLASSES:
                if stem.startswith(prefix) and len(stem) - len(prefix) >= 3:
                    out.add((restore + stem[len(prefix) :], f"{cls}-{suffix}"))
    return frozenset(out)


NOMINAL_FORMS = frozenset({"-", "-an", "peN-an", "per-an", "ke-an"})
