"""Text primitives shared by the extractors: normalisation, lines, sentences with offsets."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200c\u200d\u2060\ufeff]")

# Abbreviations after which a full stop does not end a sentence.
_ABBREVIATIONS = {
    "prof",
    "dr",
    "drs",
    "dra",
    "ir",
    "h",
    "hj",
    "st",
    "no",
    "nomor",
    "dll",
    "dsb",
    "dst",
    "tn",
    "ny",
    "sdr",
    "bpk",
    "kol",
    "jend",
    "brigjen",
    "mayjen",
    "letjen",
    "kapt",
    "ltd",
    "inc",
    "co",
    "jl",
    "jln",
    "kab",
    "kec",
    "kel",
    "rp",
    "mr",
    "mrs",
    "ms",
    "vs",
    "tgl",
    "hlm",
    "a.n",
    "u.p",
    "s.h",
    "m.h",
    "s.e",
    "m.si",
    "pt",
    "cv",
    "tbk",
    "dkk",
    "sbg",
    "yth",
    "ttd",
    "pol",
    "irjen",
    "kombes",
    "akbp",
    "ipda",
    "aiptu",
}
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+)")
_WORD = re.compile(r"\w+(?:[-'’]\w+)*", re.UNICODE)


def normalise(text: str) -> str:
    """Canonical form for parsing: NFC, unified line endings and spaces, no zero-width characters."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _ZERO_WIDTH.sub("", text)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


def words(text: str) -> list[str]:
    """Word tokens (letters, digits, inner hyphens and apostrophes)."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


@dataclass(frozen=True)
class Sentence:
    """A sentence of a body with its character span and its index among the body's sentences."""

    index: int
    start: int
    end: int
    text: str
    paragraph_index: int


def _ends_sentence(text: str, match: re.Match[str]) -> bool:
    before = text[: match.start()]
    token = re.search(r"([\w.]+)$", before)
    if match.group(0).startswith("."):
        if token is None:
            return True
        word = token.group(1).lower().rstrip(".")
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            return False
        if word.isdigit() and re.match(r"\s+\d", text[match.end() :]):
            return False
    following = text[match.end() :].lstrip()
    return not following or not following[0].islower()


def sentences(body: str) -> list[Sentence]:
    """Split a body (paragraphs separated by blank lines) into sentences that keep exact offsets."""
    result: list[Sentence] = []
    for paragraph_index, (p_start, p_end) in enumerate(paragraph_spans(body)):
        paragraph = body[p_start:p_end]
        cursor = 0
        for match in _SENTENCE_END.finditer(paragraph):
            if not _ends_sentence(paragraph, match):
                continue
            result.extend(_sentence(body, p_start + cursor, p_start + match.end(), paragraph_index, result))
            cursor = match.end()
        result.extend(_sentence(body, p_start + cursor, p_end, paragraph_index, result))
    return result


def _sentence(body: str, start: int, end: int, paragraph_index: int, done: list[Sentence]) -> Iterator[Sentence]:
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if end > start:
        yield Sentence(len(done), start, end, body[start:end], paragraph_index)


def paragraph_spans(body: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of a body joined with blank lines."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n[^\n]+)*", body):
        spans.append((match.start(), match.end()))
    return spans
