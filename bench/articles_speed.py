"""Articles parsed per second on one CPU core: the metadata and body parse, not NER or events.

Why: every stored page is parsed once per extractor version, so this bounds how fast a large inbox is
re-extracted after a rule change; the target is >= 200 articles/s on one core. The pages are the
labelled fixtures and the sample corpus, as a run stores them (decoded, PII redacted), repeated until
``--articles`` parses are timed; HTML pages go through trafilatura as in a run. One warm-up pass loads
the pattern files and trafilatura first; line caches are cleared before every parse, so a repeated page
is timed as if unseen. The median of ``--repeat`` timed passes is reported, in CPU time of the
process (single-threaded), so other work on the machine does not distort it.

Usage (from the repository root):

    .venv/bin/python bench/articles_speed.py [--articles 2000] [--repeat 3] [--pin-core N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_REPO))

from flows.extract.document import read_article  # noqa: E402
from flows.extract.header import clear_caches  # noqa: E402
from flows.extract.pii import redact  # noqa: E402
from flows.extract.publishers import PublisherIndex  # noqa: E402
from flows.ingest import SUFFIXES, Decoded, decode  # noqa: E402

PAGE_DIRS = (_REPO / "tests" / "fixtures" / "articles", _REPO / "seeds")


def load_pages() -> list[tuple[str, str]]:
    """``(stored text, media type)`` of every page, as ingest stores it."""
    pages = []
    for folder in PAGE_DIRS:
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in {".txt", ".html", ".htm"}:
                decoded = decode(path.read_bytes())
                if isinstance(decoded, Decoded):
                    pages.append((redact(decoded.text).text, SUFFIXES[path.suffix.lower()]))
    return pages


def timed_pass(pages: list[tuple[str, str]], count: int, publishers: PublisherIndex) -> float:
    """CPU seconds of this process for ``count`` parses: on a shared machine, wall time measures the neighbours."""
    start = time.process_time()
    for i in range(count):
        text, media_type = pages[i % len(pages)]
        clear_caches()  # every parse meets its lines for the first time, as with unseen pages
        read_article(text, media_type, publishers)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000, help="parses per timed pass")
    parser.add_argument("--repeat", type=int, default=3, help="timed passes (the median is reported)")
    parser.add_argument("--pin-core", type=int, default=None, help="bind the process to this CPU")
    args = parser.parse_args()
    if args.pin_core is not None:
        os.sched_setaffinity(0, {args.pin_core})
    publishers = PublisherIndex.from_csv(_REPO / "dbt" / "seeds" / "publishers.csv")
    pages = load_pages()
    kinds = {kind: [p for p in pages if p[1] == kind] for kind in sorted({p[1] for p in pages})}
    timed_pass(pages, len(pages), publishers)  # warm-up: pattern files, trafilatura import
    print(f"{len(pages)} distinct pages ({', '.join(f'{len(v)} {k}' for k, v in kinds.items())}), one process")
    for label, subset in [("all pages", pages), *kinds.items()]:
        count = args.articles if subset is pages else max(len(subset), args.articles // 4)
        seconds = statistics.median(timed_pass(subset, count, publishers) for _ in range(args.repeat))
        print(f"{label:<12} {count / seconds:8.1f} articles per CPU-second  ({count} parses, median of {args.repeat})")


if __name__ == "__main__":
    main()
