"""HTML pages: trafilatura finds the main text and the meta tags; the text rules do the rest.

trafilatura's output still carries inline "Baca juga" links, captions and bylines, so its text goes
through the same ``parse_article`` as plain-text pages, with the page's meta tags as hints.
"""

from __future__ import annotations

import re

from flows.extract.article import PageHints
from flows.extract.dates import find_dates, to_timestamp

_META = {
    "published": re.compile(
        r"""(?:property|name|itemprop)=["'](?:article:published_time|datePublished|pubdate|publishdate|publish-date|dc\.date)["'][^>]*?content=["']([^"']+)"""
        r"""|"datePublished"\s*:\s*"([^"]+)\"""",
        re.IGNORECASE,
    ),
    "site": re.compile(r"""property=["']og:site_name["'][^>]*?content=["']([^"']+)""", re.IGNORECASE),
    "author": re.compile(r"""name=["'](?:author|content_author)["'][^>]*?content=["']([^"']+)""", re.IGNORECASE),
}


def html_to_text(html: str) -> tuple[str, PageHints]:
    """Main text of an HTML page (headline first) and the metadata its tags state."""
    import trafilatura  # imported lazily: it costs ~1 s and only HTML inputs need it

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        include_images=False,
        favor_precision=False,
    )
    text = (doc.text if doc is not None else "") or ""
    title = doc.title if doc is not None else None
    hints = PageHints(title=title or None)
    match = _META["published"].search(html)
    if match:
        stamp = match.group(1) or match.group(2)
        found = find_dates(stamp)
        if found:
            hints.published_at = to_timestamp(found[0])
    site = _META["site"].search(html)
    if site:
        hints.publisher = site.group(1).strip()
    author = _META["author"].search(html)
    if author:
        hints.authors = [a.strip() for a in re.split(r",|&| dan ", author.group(1)) if a.strip()]
    if title and not text.startswith(title):
        text = title + "\n\n" + text
    return text, hints
