"""Indonesian dates: publication timestamps of pages and the dates events are said to happen on.

Handles "Selasa, 18 Juni 2024 11:00 WIB", "Senin 15 Aug 2022 09:15 WIB", "18/06/2024, 11:00 WIB",
"19-20 Juni 2024", "(17/6/2024)", "Senin (17/6)" (year chosen so the weekday matches), "Juli 2000",
"Juni lalu", "kemarin", "pekan lalu", "tahun lalu". Calendar words live in ``data/dates.yml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import cache

from flows.extract.resources import load_yaml


@dataclass(frozen=True)
class DateMention:
    """A date expression found in text, resolved to a calendar date at some precision."""

    start: int
    end: int
    text: str
    value: date
    precision: str  # day | month | year
    time: tuple[int, int] | None = None
    utc_offset: str | None = None
    relative: bool = False


_DIGIT = re.compile(r"\d")
_NEEDS_DIGIT = frozenset({"iso", "textual", "numeric", "weekday_short", "month_year", "year", "day_month_paren"})


@cache
def _calendar() -> dict:
    return load_yaml("dates.yml")


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def _patterns() -> dict[str, re.Pattern[str]]:
    cal = _calendar()
    month = _alternation(list(cal["months"]))
    weekday = _alternation(list(cal["weekdays"]))
    zone = _alternation(list(cal["zones"]))
    time = (
        r"(?:\s*(?:[,|/\-–—·•]|pukul|jam|pkl\.?)?\s*(?P<hh>\d{1,2})[:.](?P<mm>\d{2})(?:[:.]\d{2})?\s*(?P<zone>"
        + zone
        + r")?)?"
    )
    flags = re.IGNORECASE
    return {
        "textual": re.compile(
            r"(?:(?P<wd>"
            + weekday
            + r")\s*,?\s*)?(?:(?P<d1>\d{1,2})\s*[-–]\s*)?(?P<d>\d{1,2})\s+(?P<m>"
            + month
            + r")\.?\s+(?P<y>\d{4})\b"
            + time,
            flags,
        ),
        "numeric": re.compile(
            r"(?:(?P<wd>" + weekday + r")\s*,?\s*)?\(?(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4}|\d{2})\)?" + time,
            flags,
        ),
        "iso": re.compile(
            r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<hh>\d{2}):(?P<mm>\d{2})(?::\d{2}(?:\.\d+)?)?"
            r"(?P<off>Z|[+-]\d{2}:?\d{2})?)?"
        ),
        "weekday_short": re.compile(r"(?P<wd>" + weekday + r")\s*\((?P<d>\d{1,2})/(?P<m>\d{1,2})\)", flags),
        "month_year": re.compile(r"\b(?P<m>" + month + r")\s+(?:tahun\s+)?(?P<y>\d{4})\b", flags),
        "month_lalu": re.compile(r"\b(?:pada\s+)?(?:bulan\s+)?(?P<m>" + month + r")\s+(?:lalu|kemarin)\b", flags),
        "year": re.compile(
            r"\b(?:pada|tahun|sejak|sebelum|hingga|awal|akhir|pertengahan)\s+(?:tahun\s+)?(?P<y>(?:19|20)\d{2})\b",
            flags,
        ),
        "relative": re.compile(
            r"\b(?P<rel>kemarin|kemarin lusa|hari ini|tadi pagi|tadi malam|semalam|pekan lalu|minggu lalu|bulan lalu|tahun lalu|"  # noqa: E501
            r"pekan depan|minggu depan|bulan depan|tahun depan|besok)\b",
            flags,
        ),
        # "pada Senin", "Selasa lalu": the last such weekday up to the anchor (event dates only)
        "weekday_bare": re.compile(
            r"\b(?:(?:pada|hari|sejak)\s+(?:hari\s+)?(?P<wd>" + weekday + r")|(?P<wd2>" + weekday + r")\s+lalu)\b"
            r"(?!\s*[,(]?\s*\d)",
            flags,
        ),
        "day_month_paren": re.compile(r"\((?P<d>\d{1,2})/(?P<m>\d{1,2})\)"),  # "(25/4)" without a weekday
        # "pada Juli" (no year): the last such month up to the anchor
        "month_bare": re.compile(
            r"\b(?:pada|bulan|sejak|awal|akhir|pertengahan)\s+(?:bulan\s+)?(?P<m>" + month + r")\b"
            r"(?!\s+(?:\d|lalu|kemarin|depan|tahun))",
            flags,
        ),
    }


def _month(token: str) -> int | None:
    return _calendar()["months"].get(token.lower().rstrip("."))


def _weekday(token: str | None) -> int | None:
    return None if token is None else _calendar()["weekdays"].get(token.lower())


def _offset(zone: str | None) -> str | None:
    return None if zone is None else _calendar()["zones"].get(zone.lower())


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(month: int, day: int, weekday: int | None, anchor: date | None) -> int | None:
    """Year of a day-month without year: the one whose weekday matches, nearest before the anchor."""
    if anchor is None:
        return None
    candidates = [anchor.year - k for k in range(0, 12)] + [anchor.year + 1]
    fitting = [
        y for y in candidates if (d := _safe_date(y, month, day)) and (weekday is None or d.weekday() == weekday)
    ]
    if not fitting:
        return None
    not_after = [y for y in fitting if date(y, month, day) <= anchor + timedelta(days=1)]
    return max(not_after) if not_after else min(fitting)


def find_dates(text: str, anchor: date | None = None) -> list[DateMention]:
    """All date expressions in ``text``; relative ones need an ``anchor`` (the publication date)."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []

    def add(mention: DateMention | None) -> None:
        if mention is None or any(s < mention.end and mention.start < e for s, e in taken):
            return
        taken.append((mention.start, mention.end))
        found.append(mention)

    pats, digits = _patterns(), _DIGIT.search(text) is not None

    def scan(key: str) -> Iterator[re.Match[str]]:  # most sentences hold no digit: skip what needs one
        return pats[key].finditer(text) if digits or key not in _NEEDS_DIGIT else iter(())

    for m in scan("iso"):
        value = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        if value:
            off = m["off"]
            if off and off != "Z" and ":" not in off:
                off = off[:3] + ":" + off[3:]
            add(
                DateMention(
                    m.start(),
                    m.end(),
                    m[0],
                    value,
                    "day",
                    (int(m["hh"]), int(m["mm"])) if m["hh"] else None,
                    "+00:00" if off == "Z" else off,
                )
            )
    for key in ("textual", "numeric"):
        for m in pats[key].finditer(text):
            month = _month(m["m"]) if key == "textual" else int(m["m"])
            year = int(m["y"]) + (2000 if len(m["y"]) == 2 else 0)
            first_day = m.groupdict().get("d1") or m["d"]  # a range "19-20 Juni" starts on the 19th
            value = _safe_date(year, month, int(first_day)) if month else None
            if value:
                hh = m["hh"]
                add(
                    DateMention(
                        m.start(),
                        m.end(),
                        m[0].strip(),
                        value,
                        "day",
                        (int(hh), int(m["mm"])) if hh else None,
                        _offset(m["zone"]),
                    )
                )
    for m in scan("weekday_short"):
        month, day = int(m["m"]), int(m["d"])
        year = _infer_year(month, day, _weekday(m["wd"]), anchor)
        value = _safe_date(year, month, day) if year else None
        if value:
            add(DateMention(m.start(), m.end(), m[0], value, "day", relative=True))
    for m in scan("month_year"):
        month = _month(m["m"])
        if month:
            add(DateMention(m.start(), m.end(), m[0], date(int(m["y"]), month, 1), "month"))
    if anchor is not None:
        for m in scan("month_lalu"):
            month = _month(m["m"])
            if month:
                year = anchor.year if month <= anchor.month else anchor.year - 1
                add(DateMention(m.start(), m.end(), m[0], date(year, month, 1), "month", relative=True))
        for m in scan("relative"):
            add(_relative(m, anchor))
        for m in scan("day_month_paren"):
            year = _infer_year(int(m["m"]), int(m["d"]), None, anchor)
            value = _safe_date(year, int(m["m"]), int(m["d"])) if year else None
            if value:
                add(DateMention(m.start(), m.end(), m[0], value, "day", relative=True))
        for m in scan("weekday_bare"):
            add(_last_weekday(m, anchor))
        for m in scan("month_bare"):
            month = _month(m["m"])
            if month and m["m"][0].isupper():
                year = anchor.year if month <= anchor.month else anchor.year - 1
                add(DateMention(m.start(), m.end(), m[0], date(year, month, 1), "month", relative=True))
    for m in scan("year"):
        add(DateMention(m.start("y"), m.end("y"), m["y"], date(int(m["y"]), 1, 1), "year"))
    return sorted(found, key=lambda d: d.start)


def _relative(m: re.Match[str], anchor: date) -> DateMention | None:
    rel = m["rel"].lower()
    table = {
        "hari ini": (anchor, "day"),
        "tadi pagi": (anchor, "day"),
        "tadi malam": (anchor - timedelta(days=1), "day"),
        "semalam": (anchor - timedelta(days=1), "day"),
        "kemarin": (anchor - timedelta(days=1), "day"),
        "kemarin lusa": (anchor - timedelta(days=2), "day"),
        "besok": (anchor + timedelta(days=1), "day"),
        "pekan lalu": (anchor - timedelta(days=7), "week"),
        "minggu lalu": (anchor - timedelta(days=7), "week"),
        "pekan depan": (anchor + timedelta(days=7), "week"),
        "minggu depan": (anchor + timedelta(days=7), "week"),
        "bulan lalu": (_shift_month(anchor, -1), "month"),
        "bulan depan": (_shift_month(anchor, 1), "month"),
        "tahun lalu": (date(anchor.year - 1, 1, 1), "year"),
        "tahun depan": (date(anchor.year + 1, 1, 1), "year"),
    }
    value, precision = table[rel]
    if precision == "week":  # the Monday of that week; analysts get month precision, never a made-up day
        value, precision = value.replace(day=1), "month"
    return DateMention(m.start(), m.end(), m[0], value, precision, relative=True)


def _last_weekday(m: re.Match[str], anchor: date) -> DateMention | None:
    """ "pada Senin" in a page of Wednesday 19 June is Monday 17 June; "Minggu" only capitalised (week)."""
    word = m["wd"] or m["wd2"]
    wanted = _weekday(word)
    if wanted is None or not word[0].isupper():
        return None
    back = (anchor.weekday() - wanted) % 7 or (7 if m["wd2"] else 0)
    return DateMention(m.start(), m.end(), m[0], anchor - timedelta(days=back), "day", relative=True)


def _shift_month(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def to_timestamp(mention: DateMention, default_offset: str = "+07:00") -> datetime:
    """A timezone-aware timestamp from a day-precision mention (WIB when the page states no zone)."""
    hh, mm = mention.time or (0, 0)
    offset = mention.utc_offset or default_offset
    sign = 1 if offset[0] == "+" else -1
    tz = timezone(sign * timedelta(hours=int(offset[1:3]), minutes=int(offset[4:6])))
    return datetime(mention.value.year, mention.value.month, mention.value.day, hh, mm, tzinfo=tz)
