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
from flows.extract.dates import _calendar, to_timestamp
from flows.extract.header import PageMeta, date_line, is_furniture, read_header
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
    editors: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)


def parse_article(text: str, publishers: PublisherIndex, hints: PageHints | None = None) -> ArticleParse:
    """Parse one page's text (already redacted) into an ``ArticleParse``."""
    hints = hints or PageHints()
    lines = normalise(text).split("\n")
    meta = PageMeta()
    for caption in hints.captions:
        meta.add_caption(caption)
    tail_at = _tail_start(lines)
    start, dateline = _body_start(lines, tail_at, publishers)
    title, lede = read_header(lines[:start] if start is not None else lines[:tail_at], meta, publishers)
    paragraphs: list[str] = []
    if start is not None:
        first = lines[start]
        if dateline is not None:
            lines = [*lines[:start], first[dateline.length :], *lines[start + 1 :]]
        paragraphs = _read_body(lines, start, tail_at, meta, publishers)
        _read_footer(lines[tail_at:], meta, publishers)
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
        editors=hints.editors or meta.editors,
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
            is_list = _is_list_rhythm(lines, i) or not any(bp.is_sentence_like(x) for x in following)
            if is_list and not _article_resumes(lines, i):
                return i
    return len(lines)


def _article_resumes(lines: list[str], i: int, needed: int = 2) -> bool:
    """Whether article prose follows the related list that opens at line ``i`` (a mid-body list).

    Teasers inside a tail list are prose too, but each is followed by list rhythm (a timestamp, "Baca
    Selengkapnya") or another tail heading; the article's own paragraphs run on without either.
    """
    j = _skip_related_block(lines, i + 1, len(lines))
    found = 0
    for line in lines[j:]:
        if not line:
            continue
        if bp.is_tail_section(line) or bp.is_relative_time(line) or bp.is_read_more(line):
            return False
        found += bp.is_sentence_like(line)
        if found >= needed:
            return True
    return False


def _is_meta_line(line: str, publishers: PublisherIndex) -> bool:
    return (
        md.parse_byline(line, publishers.outlet_words) is not None
        or md.signed_byline(line, publishers.outlet_words) is not None
        or date_line(line) is not None
        or bp.is_credit_line(line)
        or bp.split_caption_credit(line) is not None
        or publishers.is_brand(line)
    )


def _body_start(lines: list[str], tail_at: int, publishers: PublisherIndex) -> tuple[int | None, md.Dateline | None]:
    """Where the article's own text begins, and its dateline if it opens with one."""
    for parse in (lambda x: md.parse_dateline(x, publishers.is_brand), md.parse_colon_dateline):
        for i, line in enumerate(lines[:tail_at]):
            if line and not bp.split_caption_credit(line):
                dateline = parse(line)
                if dateline and bp.is_sentence_like(line[dateline.length :]):
                    return i, dateline
    # No dateline: the first line of prose that another line of prose follows before any metadata
    # line (a standfirst is followed by bylines, dates or captions instead).
    seen: set[str] = set()
    for i, line in enumerate(lines[:tail_at]):
        if not line or line in seen:
            continue
        seen.add(line)
        if not bp.is_sentence_like(line) or _is_meta_line(line, publishers) or is_furniture(line, header=True):
            continue
        if lines.count(line) > 1:  # repeated lines are captions
            continue
        for nxt in lines[i + 1 : tail_at]:
            if not nxt or is_furniture(nxt, header=False):
                continue
            if _is_meta_line(nxt, publishers) or nxt == line:
                break
            return i, None
        else:
            return i, None
    return None, None


def _read_body(lines: list[str], start: int, tail_at: int, meta: PageMeta, publishers: PublisherIndex) -> list[str]:
    """The article's paragraphs from ``start`` to the tail; metadata lines met on the way go to ``meta``."""
    paragraphs: list[str] = []
    i = start
    while i < tail_at:
        line = lines[i]
        i += 1
        if not line or (paragraphs and line == paragraphs[-1]):
            continue
        if bp.is_relative_time(line) or bp.is_read_more(line):
            # the headline above belongs to the list; an intertitle right before it would introduce nothing
            while paragraphs and bp.is_headline_like(paragraphs[-1]):
                paragraphs.pop()
            i = _skip_related_block(lines, i, tail_at)
            continue
        if bp.is_tail_section(line) or bp.is_related_intro(line):
            if _is_list_rhythm(lines, i - 1):
                i = _skip_related_block(lines, i, tail_at)
            elif not bp.related_intro_has_headline(line):
                i = _skip_headlines(lines, i, tail_at)
            continue
        agencies = md.agency_line(line)
        if agencies:
            meta.agencies.extend(agencies)
            continue
        if bp.is_dropped(line) or bp.is_promo(line):
            brand = publishers.mentioned(line)  # "Ikuti berita terkini dari Tempo.co": furniture names its outlet
            if brand:
                meta.brands.append(brand)
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
    return _trim_end(paragraphs, meta, publishers)


def _trim_end(paragraphs: list[str], meta: PageMeta, publishers: PublisherIndex) -> list[str]:
    """Drop what trails the last paragraph of prose, then read its closing signature.

    An intertitle always introduces prose, so a short unpunctuated line after the last sentence is
    page furniture ("Artikel Selanjutnya", "Ikuti kumparanBISNIS ...") whatever its wording.
    """
    while paragraphs:
        signature = md.closing_signature(paragraphs[-1], publishers.outlet_words)
        rest = signature[0] if signature else paragraphs[-1]
        if signature:
            meta.add_people(signature[1], signature[2])
        if rest and bp.is_sentence_like(rest):
            paragraphs[-1] = rest
            break
        paragraphs.pop()
    return paragraphs


def _skip_headlines(lines: list[str], i: int, stop: int, limit: int = 3) -> int:
    """Skip up to ``limit`` headline-like lines after a "Baca juga" marker.

    A block whose first headline sits right under the marker is printed tight: a blank line after its
    headlines ends it, so an intertitle that follows is kept (a block spaced with blank lines throughout
    is read to its limit). A byline ("Penulis: Nama", "Editor: Nama") is short and unpunctuated too, but
    never a headline: it ends the run, so a "Baca Juga" block just above the page's credits does not
    swallow them.
    """
    skipped = 0
    tight = True
    while i < stop and skipped < limit:
        if not lines[i]:
            if skipped and tight:
                break
            tight = tight and skipped > 0
            i += 1
            continue
        if not bp.is_headline_like(lines[i]) or md.parse_byline(lines[i]) is not None:
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


def _read_footer(lines: list[str], meta: PageMeta, publishers: PublisherIndex) -> None:
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
        # related lists print their own dates; only a labelled one ("Diterbitkan ...") dates this page
        dated = date_line(line) if _labels_a_date(line) else None
        if dated and not meta.published:
            meta.add_date(dated)


def _labels_a_date(line: str) -> bool:
    lowered = line.lower()
    calendar = _calendar()
    return any(w in lowered for w in calendar["published_words"] + calendar["updated_words"])


def _published_at(meta: PageMeta) -> datetime | None:
    chosen = meta.published[0] if meta.published else (meta.updated[0] if meta.updated else None)
    return to_timestamp(chosen) if chosen else None
