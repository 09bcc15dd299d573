"""Turn a scraped page's text into the article: headline, metadata, clean body, captions.

The page is read as lines in three zones. The *header* runs until the body starts (at the dateline,
or at the first run of prose); the *body* runs until the page's tail (related lists, recommendations);
the *tail* is only mined for metadata. Each line is classified by the general rules of
``boilerplate`` and ``metadata``; nothing here knows a particular outlet.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from flows.extract import boilerplate as bp
from flows.extract import metadata as md
from flows.extract.dates import DateMention, _calendar, find_dates, to_timestamp
from flows.extract.publishers import PublisherIndex
from flows.extract.records import ArticleParse
from flows.extract.text import normalise, word_count

LOOKAHEAD = 4  # lines a related-list block is recognised over


@dataclass
class PageHints:
    """Metadata a richer source (HTML meta tags) already knows; text rules fill what it lacks."""

    title: str | None = None
    published_at: datetime | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)


@dataclass
class _Collected:
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


def parse_article(text: str, publishers: PublisherIndex, hints: PageHints | None = None) -> ArticleParse:
    """Parse one page's text (already redacted) into an ``ArticleParse``."""
    hints = hints or PageHints()
    lines = [line for line in normalise(text).split("\n")]
    meta = _Collected()
    tail_at = _tail_start(lines)
    start, dateline = _body_start(lines, tail_at, publishers)
    title, lede = _read_header(lines[:start] if start is not None else lines[:tail_at], meta, publishers)
    paragraphs: list[str] = []
    if start is not None:
        first = lines[start]
        if dateline is not None:
            lines = [*lines[:start], first[dateline.length :], *lines[start + 1 :]]
        paragraphs, end = _read_body(lines, start, tail_at, meta, publishers)
        _read_footer(lines[end:tail_at] + lines[tail_at:], meta, publishers)
        _closing_signature(paragraphs, meta, publishers)
    body = "\n\n".join(paragraphs)
    meta.agencies.extend(a for a in md.cited_agencies(body) if a not in meta.agencies)
    publisher = None
    if dateline is not None and dateline.brand:
        publisher = publishers.canonical(dateline.brand)
    publisher = publisher or hints.publisher or next(iter(meta.brands), None)
    return ArticleParse(
        title=hints.title or title,
        published_at=hints.published_at or _published_at(meta),
        publisher=publisher,
        dateline=dateline.place if dateline else None,
        authors=hints.authors or meta.authors,
        editors=meta.editors,
        source_agencies=list(dict.fromkeys(meta.agencies)),
        lede=lede or (paragraphs[0] if paragraphs else None),
        body=body,
        captions=meta.captions,
        word_count=word_count(body),
    )


# --- zones ---------------------------------------------------------------------------------------


def _nonempty_after(lines: list[str], i: int, n: int) -> list[str]:
    found = []
    for line in lines[i + 1 :]:
        if line:
            found.append(line)
            if len(found) == n:
                break
    return found


def _is_list_rhythm(lines: list[str], i: int) -> bool:
    """Whether related-list timestamps or "Baca Selengkapnya" follow line ``i`` closely."""
    return any(bp.is_relative_time(x) or bp.is_read_more(x) for x in _nonempty_after(lines, i, LOOKAHEAD))


def _tail_start(lines: list[str]) -> int:
    """Index of the first line of the page's tail: a section heading followed by a list, or the end."""
    seen_prose = 0
    for i, line in enumerate(lines):
        if not line:
            continue
        if bp.is_sentence_like(line) and not bp.split_caption_credit(line):
            seen_prose += 1
        if seen_prose >= 2 and bp.is_tail_section(line):
            following = _nonempty_after(lines, i, LOOKAHEAD * 2)
            if _is_list_rhythm(lines, i) or not any(bp.is_sentence_like(x) for x in following):
                return i
    return len(lines)


def _is_meta_line(line: str, publishers: PublisherIndex) -> bool:
    return (
        md.parse_byline(line, publishers.outlet_words) is not None
        or _date_line(line) is not None
        or bp.is_credit_line(line)
        or bp.split_caption_credit(line) is not None
        or publishers.is_brand(line)
    )


def _body_start(lines: list[str], tail_at: int, publishers: PublisherIndex) -> tuple[int | None, md.Dateline | None]:
    """Where the article's own text begins, and its dateline if it opens with one."""
    for i, line in enumerate(lines[:tail_at]):
        if line and not bp.split_caption_credit(line):
            dateline = md.parse_dateline(line, publishers.is_brand)
            if dateline and bp.is_sentence_like(line[dateline.length :]):
                return i, dateline
    # No dateline: the first line of prose that another line of prose follows before any metadata
    # line (a standfirst is followed by bylines, dates or captions instead).
    seen: set[str] = set()
    for i, line in enumerate(lines[:tail_at]):
        if not line or line in seen:
            continue
        seen.add(line)
        if not bp.is_sentence_like(line) or _is_meta_line(line, publishers) or _is_furniture(line, header=True):
            continue
        if lines.count(line) > 1:  # repeated lines are captions
            continue
        for nxt in lines[i + 1 : tail_at]:
            if not nxt or _is_furniture(nxt, header=False):
                continue
            if _is_meta_line(nxt, publishers) or nxt == line:
                break
            return i, None
        else:
            return i, None
    return None, None


def _is_furniture(line: str, header: bool) -> bool:
    if bp.is_dropped(line) or bp.is_relative_time(line) or bp.is_read_more(line):
        return True
    return header and bp.mentions_login(line) and word_count(line) <= 30


def _date_line(line: str) -> tuple[DateMention, str] | None:
    """A line that states a date (and little else): ``(date, kind)`` with kind published/updated."""
    found = [d for d in find_dates(line) if d.precision == "day"]
    if not found:
        return None
    mention = found[0]
    rest = (line[: mention.start] + line[mention.end :]).strip(" |,-–—:()")
    calendar = _calendar()
    lowered = rest.lower()
    kind = "updated" if any(w in lowered for w in calendar["updated_words"]) else "published"
    if word_count(rest) > 4 and not any(w in lowered for w in calendar["published_words"] + calendar["updated_words"]):
        return None
    return mention, kind


def _read_header(lines: list[str], meta: _Collected, publishers: PublisherIndex) -> tuple[str | None, str | None]:
    title = lede = None
    pending: str | None = None
    counts = {line: lines.count(line) for line in lines if line}
    previous = ""
    for line in lines:
        if not line:
            continue
        previous, before = line, previous
        if _is_furniture(line, header=True) or bp.is_related_intro(line):
            continue
        dated = _date_line(line)
        if dated:
            (meta.published if dated[1] == "published" else meta.updated).append(dated[0])
            continue
        byline = md.parse_byline(line, publishers.outlet_words)
        if byline is not None:
            meta.add_people(byline.authors, byline.editors)
            pending = byline.pending_role
            continue
        if pending:
            if md.looks_like_person(line, publishers.outlet_words):
                meta.add_people(*(([line], []) if pending == "author" else ([], [line])))
                pending = None
                continue
            pending = None
        if publishers.is_brand(line) or (word_count(line) <= 3 and publishers.mentioned(line)):
            meta.brands.append(publishers.canonical(line))
            continue
        credit = bp.split_caption_credit(line)
        if credit:
            meta.add_caption(credit[0])
            continue
        if bp.is_credit_line(line):
            if before and bp.is_sentence_like(before) and before != title:
                meta.add_caption(before)
                if lede == before:
                    lede = None
            continue
        if counts.get(line, 0) > 1 and bp.is_sentence_like(line):
            meta.add_caption(line)
            continue
        if title is None and bp.is_headline_like(line) and word_count(line) >= 3:
            title = line
        elif title is not None and lede is None and bp.is_sentence_like(line):
            lede = line
        brand = publishers.mentioned(line)
        if brand and line != title:
            meta.brands.append(brand)
    return title, lede


def _read_body(
    lines: list[str], start: int, tail_at: int, meta: _Collected, publishers: PublisherIndex
) -> tuple[list[str], int]:
    paragraphs: list[str] = []
    i = start
    while i < tail_at:
        line = lines[i]
        i += 1
        if not line or (paragraphs and line == paragraphs[-1]):
            continue
        if bp.is_relative_time(line) or bp.is_read_more(line):
            if paragraphs and bp.is_headline_like(paragraphs[-1]):
                paragraphs.pop()
            i = _skip_related_block(lines, i, tail_at)
            continue
        if bp.is_tail_section(line) or bp.is_related_intro(line):
            if _is_list_rhythm(lines, i - 1):
                i = _skip_related_block(lines, i, tail_at)
            elif not bp.related_intro_has_headline(line):
                i = _skip_headlines(lines, i, tail_at)
            continue
        if bp.is_dropped(line):
            continue
        agencies = md.agency_line(line)
        if agencies:
            meta.agencies.extend(agencies)
            continue
        byline = md.parse_byline(line, publishers.outlet_words)
        if byline is not None and byline.pending_role is None:
            meta.add_people(byline.authors, byline.editors)
            continue
        signature = md.closing_signature(line, publishers.outlet_words)
        if signature and not signature[0]:
            meta.add_people(signature[1], signature[2])
            continue
        credit = bp.split_caption_credit(line)
        if credit:
            meta.add_caption(credit[0])
            continue
        if bp.is_credit_line(line):
            continue
        if line in meta.captions:
            continue
        paragraphs.append(line)
    return paragraphs, tail_at


def _skip_headlines(lines: list[str], i: int, stop: int, limit: int = 3) -> int:
    """Skip up to ``limit`` headline-like lines after a "Baca juga" marker."""
    skipped = 0
    while i < stop and skipped < limit:
        if not lines[i]:
            i += 1
            continue
        if not bp.is_headline_like(lines[i]):
            break
        i += 1
        skipped += 1
    return i


def _skip_related_block(lines: list[str], i: int, stop: int) -> int:
    """Skip a related-article block; the article resumes at prose with no list rhythm after it."""
    while i < stop:
        line = lines[i]
        if line and bp.is_sentence_like(line) and not bp.split_caption_credit(line) and not _is_list_rhythm(lines, i):
            previous = next((x for x in reversed(lines[:i]) if x), "")
            if not (bp.is_headline_like(previous) and not bp.is_relative_time(previous)):
                return i
            if i + 1 >= stop or not any(_nonempty_after(lines, i, 1)):
                return stop
            return i
        i += 1
    return stop


def _read_footer(lines: list[str], meta: _Collected, publishers: PublisherIndex) -> None:
    pending: str | None = None
    for line in lines:
        if not line:
            continue
        byline = md.parse_byline(line, publishers.outlet_words)
        if byline is not None:
            meta.add_people(byline.authors, byline.editors)
            pending = byline.pending_role
            continue
        if pending and md.looks_like_person(line, publishers.outlet_words):
            meta.add_people(*(([line], []) if pending == "author" else ([], [line])))
        pending = None
        # footer furniture ("Ikuti berita terkini dari Tempo.co") names the outlet; reporting prose does not
        furniture = not bp.is_sentence_like(line) or bp.is_dropped(line) or bp.mentions_login(line)
        brand = publishers.mentioned(line) if furniture else None
        if brand:
            meta.brands.append(brand)
        dated = _date_line(line)
        if dated and not meta.published:
            (meta.published if dated[1] == "published" else meta.updated).append(dated[0])


def _closing_signature(paragraphs: list[str], meta: _Collected, publishers: PublisherIndex) -> None:
    if not paragraphs:
        return
    signature = md.closing_signature(paragraphs[-1], publishers.outlet_words)
    if signature:
        rest, authors, editors = signature
        meta.add_people(authors, editors)
        if rest:
            paragraphs[-1] = rest
        else:
            paragraphs.pop()


def _published_at(meta: _Collected) -> datetime | None:
    chosen = meta.published[0] if meta.published else (meta.updated[0] if meta.updated else None)
    return to_timestamp(chosen) if chosen else None
