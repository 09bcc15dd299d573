"""HTML pages: trafilatura finds the main text and the meta tags; the text rules do the rest.

trafilatura's output still carries inline "Baca juga" links, captions and bylines, so its text goes
through the same ``parse_article`` as plain-text pages, with the page's meta tags as hints. Two things
trafilatura leaves out are recovered here: intertitles (``<h2>``-``<h4>`` inside the article, which it
drops as headings) and photo captions (``<figcaption>`` or an element whose class says caption).
"""

from __future__ import annotations

import html as html_lib
import re

from flows.extract import boilerplate as bp
from flows.extract.article import PageHints
from flows.extract.dates import find_dates, to_timestamp

_ATTR = r"""(?:property|name|itemprop)=["'](?:{})["'][^>]*?content=["']([^"']+)"""
# Most specific first: a page's "publishdate" is often a bare local stamp, article:published_time an ISO one.
_PUBLISHED = [
    re.compile(_ATTR.format(r"article:published_time"), re.IGNORECASE),
    re.compile(r""""datePublished"\s*:\s*"([^"]+)\"""", re.IGNORECASE),
    re.compile(_ATTR.format(r"datePublished|pubdate|publishdate|publish-date|dc\.date"), re.IGNORECASE),
]
_SITE = re.compile(_ATTR.format(r"og:site_name"), re.IGNORECASE)
_AUTHOR = re.compile(_ATTR.format(r"author|content_author|article:author"), re.IGNORECASE)
_EDITOR = re.compile(_ATTR.format(r"editor|content_editor"), re.IGNORECASE)
_HEADING = re.compile(r"<(/?)h[2-4]\b", re.IGNORECASE)
_CAPTION = re.compile(
    r"""<figcaption\b[^>]*>(?P<fig>.*?)</figcaption>"""
    r"""|<(?P<tag>div|p|span)\b[^>]*class=["'][^"']*caption[^"']*["'][^>]*>(?P<cls>.*?)</(?P=tag)>""",
    re.IGNORECASE | re.DOTALL,
)
_TAG = re.compile(r"<[^>]+>")


def _names(value: str) -> list[str]:
    return [a.strip() for a in re.split(r",|&| dan ", html_lib.unescape(value)) if a.strip()]


def _captions(html: str) -> list[str]:
    """Photo captions without their credit, in page order, each once."""
    found: list[str] = []
    for match in _CAPTION.finditer(html):
        inner = match.group("fig") if match.group("fig") is not None else match.group("cls")
        text = re.sub(r"\s+", " ", html_lib.unescape(_TAG.sub(" ", inner))).strip()
        split = bp.split_caption_credit(text)
        caption = split[0] if split else text
        if split or bp.is_sentence_like(caption):
            found.append(caption)
    return list(dict.fromkeys(found))


def html_to_text(html: str) -> tuple[str, PageHints]:
    """Main text of an HTML page (headline first) and the metadata its tags state."""
    import trafilatura  # imported lazily: it costs ~1 s and only HTML inputs need it

    doc = trafilatura.bare_extraction(
        _HEADING.sub(r"<\1p", html),
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=False,
    )
    text = (doc.text if doc is not None else "") or ""
    title = doc.title if doc is not None else None
    hints = PageHints(title=title or None, captions=_captions(html))
    for pattern in _PUBLISHED:
        match = pattern.search(html)
        found = find_dates(match.group(1)) if match else []
        if found:
            hints.published_at = to_timestamp(found[0])
            break
    site = _SITE.search(html)
    if site:
        hints.publisher = html_lib.unescape(site.group(1)).strip()
    author = _AUTHOR.search(html)
    if author:
        hints.authors = _names(author.group(1))
    editor = _EDITOR.search(html)
    if editor:
        hints.editors = _names(editor.group(1))
    if title and not text.startswith(title):
        text = title + "\n\n" + text
    return text, hints
