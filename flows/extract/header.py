"""The page's header zone: headline, standfirst, bylines, dates, captions and outlet brands.

Lines above the article text are a mix of navigation, login walls, the headline, the standfirst, bylines,
dates and photo captions, in an order that changes from outlet to outlet. Each line is first classified;
the headline is then chosen by position: the headline-like line nearest above the first date or byline
(or the first one below it, for layouts that print the date first).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from flows.extract import boilerplate as bp
from flows.extract import metadata as md
from flows.extract.dates import DateMention, _calendar, find_dates
from flows.extract.publishers import PublisherIndex
from flows.extract.text import word_count

# a masthead naming an outlet by its domain ("Medcom.id"): the publisher even when the seed lacks it
_MASTHEAD = re.compile(r"[A-Za-z][\w-]*\.(?:com|co\.id|id|net|news|org|co)", re.IGNORECASE)
LOGIN_MAX_WORDS = 30  # a login or registration prompt is short; reporting that mentions "akun" is not
DATE_LINE_MAX_CHARS = 120  # a dateline of the page is short; a longer line is prose that mentions a date


@dataclass
class PageMeta:
    """Metadata collected from all zones of a page."""

    authors: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)
    agencies: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    published: list[DateMention] = field(default_factory=list)
    updated: list[DateMention] = field(default_factory=list)

    def add_caption(self, text: str) -> None:
        if text and text not in self.captions:
            self.captions.append(text)

    def add_people(self, authors: list[str], editors: list[str]) -> None:
        self.authors.extend(a for a in authors if a not in self.authors)
        self.editors.extend(e for e in editors if e not in self.editors)

    def add_date(self, dated: tuple[DateMention, str]) -> None:
        (self.published if dated[1] == "published" else self.updated).append(dated[0])


def is_furniture(line: str, header: bool) -> bool:
    """Navigation, ads, list timestamps, promotions; in the header also login prompts."""
    if bp.is_dropped(line) or bp.is_relative_time(line) or bp.is_read_more(line) or bp.is_promo(line):
        return True
    return header and is_login(line)


def clear_caches() -> None:
    """Forget memoised line verdicts here and in ``boilerplate``."""
    date_line.cache_clear()
    bp.clear_caches()


def is_login(line: str) -> bool:
    return bp.mentions_login(line) and word_count(line) <= LOGIN_MAX_WORDS


@lru_cache(maxsize=bp.LINE_CACHE)
def date_line(line: str) -> tuple[DateMention, str] | None:
    """A line that states a date (and little else): ``(date, kind)`` with kind published/updated."""
    if len(line) > DATE_LINE_MAX_CHARS or not any(ch.isdigit() for ch in line):
        return None  # every day-precision form has digits; a long line is prose that mentions a date
    found = [d for d in find_dates(line) if d.precision == "day"]
    if not found:
        return None
    mention = found[0]
    rest = (line[: mention.start] + line[mention.end :]).strip(" |,-–—:()")
    calendar = _calendar()
    lowered = rest.lower()
    kind = "updated" if any(w in lowered for w in calendar["updated_words"]) else "published"
    labelled = any(w in lowered for w in calendar["published_words"] + calendar["updated_words"])
    labelled = labelled or bool(_byline_beside(rest))  # "Oleh: Nama Lengkap Penulis - 3 Maret 2025"
    if word_count(rest) > (8 if labelled else 4):
        return None
    return mention, kind


def _login_block(lines: list[str]) -> set[int]:
    """Indices of a login or registration wall's lines.

    Beside lines with login words, a wall holds lines without them ("atau lanjutkan dengan", "Buka
    tautan tersebut untuk ..."): a line between two login lines belongs to the wall too.
    """
    filled = [i for i, line in enumerate(lines) if line]
    login = {i for i in filled if is_login(lines[i])}
    for k in range(1, len(filled) - 1):
        if filled[k] not in login and filled[k - 1] in login and filled[k + 1] in login:
            login.add(filled[k])
    return login


@dataclass
class _Header:
    candidates: list[int] = field(default_factory=list)  # headline-like lines
    prose: list[int] = field(default_factory=list)  # sentence-like lines: standfirst or caption
    people: list[int] = field(default_factory=list)  # a bare name next to a date or byline
    anchor: int | None = None  # first date or byline line


def read_header(lines: list[str], meta: PageMeta, publishers: PublisherIndex) -> tuple[str | None, str | None]:
    """``(title, lede)`` of a header zone; bylines, dates, captions and brands go to ``meta``."""
    outlets = publishers.outlet_words
    counts: dict[str, int] = {}
    for line in lines:
        if line:
            counts[line] = counts.get(line, 0) + 1
    login = _login_block(lines)
    found = _Header()
    pending: str | None = None
    previous = ""
    for i, line in enumerate(lines):
        if not line or i in login:
            continue
        previous, before = line, previous
        if is_furniture(line, header=True) or bp.is_related_intro(line):
            continue
        dated = date_line(line)
        byline = md.parse_byline(line, outlets)
        signed = md.signed_byline(line, outlets) if byline is None and not dated else None
        if dated or byline is not None or signed is not None:
            found.anchor = i if found.anchor is None else found.anchor
            if dated:
                meta.add_date(dated)
                meta.add_people(*_signed_date(line, dated[0], outlets))
            elif byline is not None:
                meta.add_people(byline.authors, byline.editors)
            else:
                meta.add_people(signed or [], [])
            pending = byline.pending_role if byline is not None else None
            continue
        if pending:
            role, pending = pending, None
            if md.looks_like_person(line, outlets):
                meta.add_people(*(([line], []) if role == "author" else ([], [line])))
                continue
        masthead = _MASTHEAD.fullmatch(line) or (word_count(line) <= 3 and publishers.mentioned(line))
        if publishers.is_brand(line) or masthead:
            meta.brands.append(publishers.canonical(line))
            continue
        credit = bp.split_caption_credit(line)
        if credit:
            meta.add_caption(credit[0])
            continue
        if bp.is_credit_line(line):
            if before and bp.is_sentence_like(before):
                meta.add_caption(before)
            continue
        if counts[line] > 1 and bp.is_sentence_like(line):
            meta.add_caption(line)
            continue
        if _bare_name(lines, i, outlets):
            found.people.append(i)
            found.candidates.append(i)
            continue
        if bp.is_headline_like(line) and word_count(line) >= 3:
            found.candidates.append(i)
            continue
        if bp.is_sentence_like(line):
            found.prose.append(i)
        brand = publishers.mentioned(line)
        if brand:
            meta.brands.append(brand)
    return _choose(lines, found, meta)


def _signed_date(line: str, mention: DateMention, outlets: set[str]) -> tuple[list[str], list[str]]:
    """``(authors, editors)`` beside the date on its line: "Rahmat Hidayat • 13 Aug 2024 08:30", or a
    labelled byline "Oleh: Nadia Kusuma - 3 Maret 2025, 14:20 WIB" / "Oleh Nadia Kusuma · 3 Mar 2025"."""
    rest = (line[: mention.start] + line[mention.end :]).strip(" |,-–—•·:()")
    byline = _byline_beside(rest, outlets)
    if byline:
        return byline.authors, byline.editors
    return ([rest] if len(rest.split()) >= 2 and md.looks_like_person(rest, outlets) else []), []


def _byline_beside(rest: str, outlets: set[str] | None = None) -> md.Byline | None:
    """The byline left of a date once the date is cut out ("Oleh: Nama -"), when it names someone."""
    byline = md.parse_byline(rest.strip(" |,-–—•·"), outlets)
    return byline if byline is not None and (byline.authors or byline.editors) else None


def _bare_name(lines: list[str], i: int, outlets: set[str]) -> bool:
    """A name alone on its line right above or below a date or byline ("Andi Nurul Aulia")."""
    if not md.looks_like_person(lines[i], outlets) or not 2 <= len(lines[i].split()) <= 4:
        return False
    around = [x for x in lines[max(0, i - 2) : i] if x][-1:] + [x for x in lines[i + 1 : i + 3] if x][:1]
    return any(date_line(x) or md.parse_byline(x, outlets) is not None for x in around)


def _choose(lines: list[str], found: _Header, meta: PageMeta) -> tuple[str | None, str | None]:
    anchor = len(lines) if found.anchor is None else found.anchor
    above = [c for c in found.candidates if c < anchor]
    below = [c for c in found.candidates if c > anchor]
    title_at = None
    if above:
        # a name printed between headline and date is the author, unless it is the only candidate
        title_at = above[-2] if above[-1] in found.people and len(above) > 1 else above[-1]
    elif below:
        title_at = below[0]
    for i in found.people:
        if title_at is not None and i > title_at:
            meta.add_people([lines[i]], [])
    if title_at is None:
        return None, None
    lede = next((lines[i] for i in found.prose if i > title_at and lines[i] not in meta.captions), None)
    return lines[title_at], lede
