"""Query results as an aligned text table for a terminal (``warta sql``, ``warta status``).

Numbers are right-aligned, text is cut with an ellipsis, line breaks inside values become spaces, and
when the table would be wider than the terminal the widest text columns give way first, so a row
stays on one line. Output that is not a terminal (a pipe, a file) keeps the per-cell limit only.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Sequence
from decimal import Decimal

GAP = "  "
MIN_WIDTH = 6


def _is_number(value: object) -> bool:
    return isinstance(value, int | float | Decimal) and not isinstance(value, bool)


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.6g}" if abs(value) < 1e15 else str(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_text(v) for v in value) + "]"
    return " ".join(str(value).split()) if isinstance(value, str) else str(value).replace("\n", " ")


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def terminal_width() -> int | None:
    """Columns of the terminal on stdout, or None when stdout is not a terminal."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def format_table(
    columns: Sequence[str], rows: Sequence[Sequence[object]], cell_width: int = 60, max_width: int | None = None
) -> str:
    """Header, dashes, one line per row and a row count; fits ``max_width`` characters when given."""
    texts = [[_text(v) for v in row] for row in rows]
    numeric = [bool(rows) and all(row[i] is None or _is_number(row[i]) for row in rows) for i in range(len(columns))]
    widths = [min(max([len(c), *(len(r[i]) for r in texts)]), max(cell_width, len(c))) for i, c in enumerate(columns)]
    if max_width is not None:
        excess = sum(widths) + len(GAP) * (len(widths) - 1) - max_width
        while excess > 0:
            # Shrink the widest text column one character at a time, never below MIN_WIDTH.
            candidates = [i for i, w in enumerate(widths) if w > MIN_WIDTH and not numeric[i]]
            if not candidates:
                break
            widest = max(candidates, key=lambda i: widths[i])
            widths[widest] -= 1
            excess -= 1

    def line(cells: Sequence[str]) -> str:
        parts = [
            _cut(cell, w).rjust(w) if numeric[i] else _cut(cell, w).ljust(w)
            for i, (cell, w) in enumerate(zip(cells, widths, strict=True))
        ]
        return GAP.join(parts).rstrip()

    lines = [line(list(columns)), GAP.join("-" * w for w in widths)]
    lines += [line(r) for r in texts]
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(lines)
