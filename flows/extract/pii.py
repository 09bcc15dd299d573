"""Redact personal contact data (e-mail addresses, phone numbers) before text is stored.

Runs in ingest, so no later stage, table or log ever holds the original values. Numbers that merely
look numeric (dates like 18/6/2024, amounts like 11.000, years) must survive: a phone number needs
an Indonesian or international prefix and enough digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

EMAIL_TOKEN = "[EMAIL]"
PHONE_TOKEN = "[PHONE]"

EMAIL = re.compile(r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])")
# +62 812-3456-7890, 0812 3456 7890, (021) 555-0123, 021-5550123, +1 202 555 0100, wa.me/6281234567890
PHONE = re.compile(
    r"(?<![\w/+.-])(?:"
    r"(?:\+|00)\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,5}){2,4}"  # international
    r"|\(0\d{1,3}\)[\s.-]?\d{3,4}(?:[\s.-]?\d{3,5})?"  # (021) 5550123
    r"|0(?:8\d{1,2}|[1-79]\d{1,2})(?:[\s.-]?\d{3,5}){2,3}"  # 0812-3456-7890, 021-555-0123
    r"|62\d{9,13}"  # 6281234567890 (wa.me links)
    r")(?![\w/-])"
)


@dataclass(frozen=True)
class Redaction:
    text: str
    emails: int
    phones: int

    @property
    def total(self) -> int:
        return self.emails + self.phones


def _digits(value: str) -> int:
    return sum(ch.isdigit() for ch in value)


def redact(text: str) -> Redaction:
    """Replace e-mail addresses with ``[EMAIL]`` and phone numbers with ``[PHONE]``."""
    text, emails = EMAIL.subn(EMAIL_TOKEN, text)
    phones = 0

    def _phone(match: re.Match[str]) -> str:
        nonlocal phones
        value = match.group(0)
        if not 9 <= _digits(value) <= 15:
            return value
        phones += 1
        return PHONE_TOKEN

    text = PHONE.sub(_phone, text)
    return Redaction(text=text, emails=emails, phones=phones)
