"""Metadata lines of a page: bylines, agency source lines, outlet brands and datelines."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from flows.extract.resources import load_yaml
from flows.extract.text import word_count, words


@cache
def _bylines() -> dict:
    return load_yaml("bylines.yml")


@cache
def _agencies() -> tuple[dict[str, str], re.Pattern[str], re.Pattern[str]]:
    data = load_yaml("agencies.yml")
    spelling = {alias.lower(): name for name, aliases in data["agencies"].items() for alias in [name, *aliases]}
    names = "|".join(re.escape(a) for a in sorted(spelling, key=len, reverse=True))
    only = re.compile(
        r"(?:(?:sumber|source|sumber berita|dikutip dari)\s*:?\s*)?(?P<list>(?:"
        + names
        + r")(?:\s*(?:[|/,&+]|via|dan|and)\s*(?:"
        + names
        + r"))*)\s*\.?",
        re.IGNORECASE,
    )
    verbs = "|".join(re.escape(v) for v in sorted(data["citation_verbs"], key=len, reverse=True))
    cited = re.compile(r"\b(?:" + verbs + r")\s+(?:kantor berita\s+)?(?P<name>" + names + r")\b", re.IGNORECASE)
    return spelling, only, cited


def agency_name(token: str) -> str | None:
    spelling, _, _ = _agencies()
    return spelling.get(token.strip().lower())


def agency_line(line: str) -> list[str] | None:
    """Agencies named by a source line ("Sumber: Reuters", "KCNA WATCH | REUTERS"), else None."""
    spelling, only, _ = _agencies()
    match = only.fullmatch(line.strip())
    if not match:
        return None
    parts = re.split(r"\s*(?:[|/,&+]|\bvia\b|\bdan\b|\band\b)\s*", match.group("list"), flags=re.IGNORECASE)
    return [spelling[p.lower()] for p in parts if p.lower() in spelling]


def cited_agencies(text: str) -> list[str]:
    """Agencies the body cites as its source ("dikutip dari Reuters", "seperti dilansir AFP")."""
    spelling, _, cited = _agencies()
    return [spelling[m.group("name").lower()] for m in cited.finditer(text)]


# --- bylines -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Byline:
    authors: list[str]
    editors: list[str]
    pending_role: str | None = None  # a label line ("Reporter") whose value is on the next line


@cache
def _label_alternation() -> str:
    data = _bylines()
    labels = sorted({*data["author_labels"], *data["editor_labels"]}, key=len, reverse=True)
    return "|".join(re.escape(x) for x in labels)


@cache
def _label_pattern() -> re.Pattern[str]:
    return re.compile(r"(?P<label>" + _label_alternation() + r")\b\s*(?::|\s-\s|$|\s(?=\S))\s*", re.IGNORECASE)


def _role(label: str) -> str:
    return "editor" if label.lower() in {x.lower() for x in _bylines()["editor_labels"]} else "author"


def looks_like_person(value: str, outlets: set[str] | None = None) -> bool:
    """A byline value naming a person: 1-5 capitalised words, no digits, not an outlet or desk."""
    value = value.strip(" ,.;")
    tokens = words(value)
    if not 1 <= len(tokens) <= 5 or any(ch.isdigit() or ch in ":/@[]" for ch in value):
        return False
    if not any(len(t) >= 3 for t in tokens):  # "A A A" (font controls), "S. M."
        return False
    lowered = value.lower()
    if outlets and (lowered in outlets or any(t.lower() in outlets for t in tokens)):
        return False
    if any(t.lower() in _bylines()["not_a_person"] for t in tokens):
        return False
    if re.search(r"\.(com|co|id|net)\b", lowered):
        return False
    return all(t[0].isupper() or t.lower() in {"bin", "binti", "de", "van", "al", "el"} for t in tokens)


def is_initials(value: str) -> bool:
    """Reporter or editor initials as printed at an article's end: "abc", "rdp"."""
    return re.fullmatch(r"[a-z]{2,5}|[A-Z]{2,5}", value.strip()) is not None


def parse_byline(line: str, outlets: set[str] | None = None) -> Byline | None:
    """Authors and editors named by one byline line, or None if the line is not a byline.

    Handles "Reporter: X", "Penulis: X, Y", "Editor: X", "Rep: X/ Red: Y", "Oleh X", and label-only
    lines whose name follows on the next line.
    """
    stripped = line.strip()
    label_re = _label_pattern()
    first = label_re.match(stripped)
    if not first:
        return None
    if first.end() == len(stripped) and first.group(0).strip().lower() == first.group("label").lower():
        return Byline([], [], pending_role=_role(first.group("label")))
    if ":" not in first.group(0) and " - " not in first.group(0) and not _bare_label_byline(stripped, first):
        return None
    authors: list[str] = []
    editors: list[str] = []
    segments = re.split(r"\s*[/|]\s*(?=(?:" + _label_alternation() + r")\s*:)", stripped, flags=re.IGNORECASE)
    for segment in segments:
        match = label_re.match(segment)
        if not match:
            continue
        target = editors if _role(match.group("label")) == "editor" else authors
        for name in re.split(r"\s*(?:,|&|\bdan\b|;)\s*", segment[match.end() :]):
            name = name.strip(" .")
            if looks_like_person(name, outlets) or is_initials(name):
                target.append(name)
    if not authors and not editors:
        return Byline([], [])
    return Byline(authors, editors)


def _bare_label_byline(line: str, label: re.Match[str]) -> bool:
    """ "Oleh Nama", "Editor Nama", "Penulis Kontributor Garut, Nama": a label and a short name, no colon.

    Prose opens with these words too ("Editor senior itu mengatakan ..."), so the rest must be short,
    unpunctuated and end in a person's name.
    """
    rest = line[label.end() :]
    if word_count(rest) > 8 or re.search(r"[.!?:;\"“”]\s*$", rest):
        return False
    last = re.split(r"\s*[,|]\s*", rest)[-1]
    return looks_like_person(last)


def signed_byline(line: str, outlets: set[str]) -> list[str] | None:
    """The author of "Nama, CNN Indonesia", "Nama - detikNews" or "Nama, Jurnalis", else None.

    ``[]`` when the signature names only a desk ("Tim detikcom - detikNews"): the line is still a byline.
    """
    parts = [p.strip() for p in re.split(r"\s*,\s*|\s+[-–—]\s+", line.strip()) if p.strip()]
    if len(parts) != 2:
        return None
    name, tag = parts
    roles = {label.lower() for label in _bylines()["author_labels"]}
    if tag.lower() not in outlets and tag.lower() not in roles:
        return None
    if looks_like_person(name, outlets) and len(words(name)) >= 2:
        return [name]
    lowered = {t.lower() for t in words(name)}
    return [] if lowered & set(_bylines()["not_a_person"]) or name.lower() in outlets else None


_CLOSING = re.compile(r"\s*[(\[](?P<inner>[^()\[\]]{2,80})[)\]]\s*$")


def closing_signature(paragraph: str, outlets: set[str] | None = None) -> tuple[str, list[str], list[str]] | None:
    """Split "(Nama Penulis)" or "(abc/def)" off the end of a last paragraph.

    Returns ``(paragraph_without_it, authors, editors)``, or None when the parentheses hold
    something else (a note, an agency, an abbreviation).
    """
    match = _CLOSING.search(paragraph)
    if not match:
        return None
    inner = match.group("inner").strip()
    parts = [p.strip() for p in re.split(r"\s*/\s*", inner) if p.strip()]
    rest = paragraph[: match.start()].rstrip()
    if parts and all(is_initials(p) for p in parts) and len(parts) >= 2:
        # "(ast/jpnn)": an outlet's short name in the editor's slot is no person
        editors = [p for p in parts[1:] if not (outlets and p.lower() in outlets)]
        return rest, [parts[0]], editors
    if len(parts) == 1 and looks_like_person(parts[0], outlets) and len(words(parts[0])) >= 2:
        return rest, [parts[0]], []
    return None


# --- datelines -----------------------------------------------------------------------------------

_DATELINE = re.compile(
    r"^(?P<pre>[^\s\-–—(][^\-–—()\n]{0,60}?)\s*(?:\((?P<paren>[^)]{2,30})\))?\s*(?:-{1,3}|–|—)\s+(?=\S)"
)
_DOMAIN = re.compile(r"\.(?:com|co\.id|co|id|net|org|news)\b", re.IGNORECASE)
# the place after the brand's dash, closed by a full stop: "KONTAN.CO.ID - JAKARTA. Otoritas ..."
_PLACE_AFTER_BRAND = re.compile(r"(?P<place>[A-Z]{2,}(?:[ -][A-Z]{2,}){0,3})\.\s+(?=\S)")
# "Jakarta: Pemerintah ..." (a place, a colon, the story); labels use the same shape, so they are excluded
_COLON_DATELINE = re.compile(r"^(?P<place>[A-Z][\w'’.-]*(?:\s[A-Z][\w'’.-]*){0,2}):\s+(?=\S)")


@dataclass(frozen=True)
class Dateline:
    place: str | None
    brand: str | None
    length: int  # characters to strip from the paragraph's start


def _is_place(part: str) -> bool:
    tokens = part.split()
    if not 1 <= len(tokens) <= 4:
        return False
    return all(re.fullmatch(r"[A-Z][A-Za-z'’.-]*|[A-Z]+", t) for t in tokens)


def normal_case(place: str) -> str:
    """ "JAKARTA" -> "Jakarta", "NUSA TENGGARA TIMUR" -> "Nusa Tenggara Timur"; mixed case kept."""
    if place.isupper():
        return " ".join(w.capitalize() for w in place.split())
    return place


def parse_dateline(paragraph: str, is_brand) -> Dateline | None:
    """Read the "BRAND, Place -" prefix of a first paragraph, if there is one."""
    match = _DATELINE.match(paragraph)
    if not match:
        return None
    parts = [p.strip() for p in match.group("pre").split(",") if p.strip()]
    brand = place = None
    paren = match.group("paren")
    if paren:
        if is_brand(paren) or _DOMAIN.search(paren):
            brand = paren.strip()
        else:
            return None
    if not 1 <= len(parts) <= 2:
        return None
    for part in parts:
        if brand is None and (is_brand(part) or _DOMAIN.search(part)):
            brand = part
        elif place is None and _is_place(part):
            place = part
        else:
            return None
    if place is None and brand is None:
        return None
    if brand is None and not (place and (place.isupper() or len(place.split()) <= 2)):
        return None
    length = match.end()
    after = _PLACE_AFTER_BRAND.match(paragraph, length) if place is None else None
    if after:
        place, length = after.group("place"), after.end()
    return Dateline(place=normal_case(place) if place else None, brand=brand, length=length)


def parse_colon_dateline(paragraph: str, min_words: int = 12) -> Dateline | None:
    """Read a "Place: " prefix ("Jakarta: Pemerintah ..."), the weaker form: callers try it last."""
    match = _COLON_DATELINE.match(paragraph)
    if not match or word_count(paragraph[match.end() :]) < min_words:
        return None
    place = match.group("place")
    labels = {*_bylines()["author_labels"], *_bylines()["editor_labels"], *_bylines()["not_a_dateline"]}
    if place.lower() in labels or any(t.lower() in labels for t in place.split()) or not _is_place(place):
        return None
    return Dateline(place=normal_case(place), brand=None, length=match.end())
