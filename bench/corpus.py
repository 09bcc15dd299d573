"""Build a synthetic corpus of N distinct Indonesian news pages from real paragraphs.

Why recombine rather than copy: the pipeline deduplicates by content hash, so N copies of five articles
would be five documents. Each synthetic page takes a header layout (dateline brand, byline, date line),
a publication date and 4-9 body paragraphs drawn from the paragraph pool of the source pages, so every
page is distinct, looks like an outlet's page to the parser, and exercises the same code paths as real
input (boilerplate lines are kept in the pool on purpose: the parser must still remove them).

The generator is seeded: the same N and sources give byte-identical files, so benchmark runs compare.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable
from datetime import date, timedelta
from pathlib import Path

_MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember".split()  # noqa: SIM905
_DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
_HEADERS = (
    ("TEMPO.CO, {place} - ", "Reporter\n\n{author}\n\n{weekday}, {day} {month} {year} {hh}:{mm} WIB"),
    ("REPUBLIKA.CO.ID, {PLACE} -- ", "Rep: {author}/ Red: {editor}\n\n{weekday} {day} {month} {year} {hh}:{mm} WIB"),
    ("Bisnis.com, {PLACE} - ", "Penulis: {author}\n\n{weekday}, {day}/{mm_month}/{year} {hh}:{mm} WIB"),
    ("KOMPAS.com - ", "Penulis {author} | Editor {editor}\n\n{day}/{mm_month}/{year}, {hh}:{mm} WIB"),
    ("{place}, CNN Indonesia -- ", "CNN Indonesia\n\n{weekday}, {day} {month} {year} {hh}:{mm} WIB"),
    ("{PLACE} (ANTARA) - ", "{weekday}, {day} {month} {year} {hh}:{mm} WIB\n\nPewarta: {author}\nEditor: {editor}"),
)
_PLACES = ("Jakarta", "Surabaya", "Bandung", "Medan", "Makassar", "Moskow", "Seoul", "Pyongyang", "Beijing")
_NAMES = ("Andi Saputra", "Rina Marlina", "Budi Hartono", "Sari Wulandari", "Dewi Lestari", "Agus Salim")
_MIN_PARAGRAPH_WORDS = 12


def paragraph_pool(sources: Iterable[Path]) -> list[str]:
    """Every paragraph of at least a dozen words from the given .txt pages, in file order, deduplicated."""
    seen: set[str] = set()
    pool: list[str] = []
    for path in sources:
        text = path.read_text(encoding="utf-8", errors="replace")
        for block in re.split(r"\n\s*\n", text):
            block = " ".join(block.split())
            if len(block.split()) >= _MIN_PARAGRAPH_WORDS and block not in seen:
                seen.add(block)
                pool.append(block)
    if not pool:
        raise ValueError("no paragraphs of a dozen words or more in the source pages")
    return pool


def synthetic_page(rng: random.Random, pool: list[str], index: int) -> str:
    """One page: a title, a header in one outlet's layout, a dateline and 4-9 recombined paragraphs."""
    dateline, header = rng.choice(_HEADERS)
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(700))
    place = rng.choice(_PLACES)
    fields = {
        "place": place,
        "PLACE": place.upper(),
        "author": rng.choice(_NAMES),
        "editor": rng.choice(_NAMES),
        "weekday": _DAYS[day.weekday()],
        "day": day.day,
        "month": _MONTHS[day.month - 1],
        "mm_month": f"{day.month:02d}",
        "year": day.year,
        "hh": f"{rng.randrange(6, 23):02d}",
        "mm": f"{rng.randrange(60):02d}",
    }
    paragraphs = rng.sample(pool, k=min(len(pool), rng.randint(4, 9)))
    title_words = paragraphs[0].split()[: rng.randint(6, 11)]
    title = " ".join(title_words).rstrip(",.;:") + f" ({index})"
    body = [dateline.format(**fields) + paragraphs[0], *paragraphs[1:]]
    return "\n\n".join([title, header.format(**fields), *body]) + "\n"


def build_corpus(n: int, sources: Iterable[Path], out_dir: Path, seed: int = 7) -> list[Path]:
    """Write ``n`` distinct pages into ``out_dir`` and return their paths."""
    pool = paragraph_pool(sources)
    rng = random.Random(seed)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(n):
        path = out_dir / f"doc_{index:07d}.txt"
        path.write_text(synthetic_page(rng, pool, index), encoding="utf-8")
        paths.append(path)
    return paths
