"""Unit tests of the small extraction rules: PII, dates, language, entities, events."""

from __future__ import annotations

from datetime import date

import pytest

from flows.extract.dates import find_dates
from flows.extract.document import DocumentExtractor
from flows.extract.entities import Gazetteer, name_key
from flows.extract.language import detect_language
from flows.extract.pii import redact
from flows.extract.resources import SeedPaths
from tests.conftest import ROOT

SEED_DIR = ROOT / "dbt" / "seeds"


@pytest.mark.parametrize(
    ("text", "emails", "phones"),
    [
        ("hubungi redaksi@contoh.co.id segera", 1, 0),
        ("telepon 0812-3456-7890 atau +62 21 555 0123", 0, 2),
        ("kantor (021) 5550123 buka pagi", 0, 1),
        ("pada Selasa (18/6/2024) sebanyak 11.000 kontainer dikirim pada 2024", 0, 0),
    ],
)
def test_redaction(text, emails, phones):
    result = redact(text)
    assert (result.emails, result.phones) == (emails, phones)
    assert "@" not in result.text


@pytest.mark.parametrize(
    ("text", "expected", "precision"),
    [
        ("Rabu, 19 Juni 2024", date(2024, 6, 19), "day"),
        ("pada 19-20 Juni 2024", date(2024, 6, 19), "day"),
        ("Selasa (18/6/2024)", date(2024, 6, 18), "day"),
        ("Kamis (25/4)", date(2024, 4, 25), "day"),
        ("sejak Juli 2000", date(2000, 7, 1), "month"),
        ("kemarin", date(2024, 6, 17), "day"),
        ("tahun lalu", date(2023, 1, 1), "year"),
        ("Senin 15 Aug 2022 09:15 WIB", date(2022, 8, 15), "day"),
        ("3 Agt 2024", date(2024, 8, 3), "day"),
    ],
)
def test_dates(text, expected, precision):
    found = find_dates(text, anchor=date(2024, 6, 18))
    assert found and found[0].value == expected and found[0].precision == precision


def test_weekday_picks_the_year():
    """ "Kamis (25/4)" in a 2022 article is 25 April 2019, the last Thursday 25 April before it."""
    assert find_dates("Kamis (25/4)", anchor=date(2022, 8, 15))[0].value == date(2019, 4, 25)


def test_time_zones():
    assert find_dates("Rabu, 3 Jul 2024 | 08:05 WITA")[0].utc_offset == "+08:00"
    assert find_dates("Jumat, 12 Januari 2024 - 19:45 WIT")[0].utc_offset == "+09:00"


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Presiden mengatakan bahwa pemerintah akan terus memperkuat kerja sama dengan negara tetangga.", "id"),
        ("The president said the government will keep strengthening cooperation with its neighbours.", "en"),
    ],
)
def test_language(text, code):
    assert detect_language(text) == code


def test_spelling_variants_share_a_key():
    assert name_key("Kim Jong-un") == name_key("Kim Jong Un") == "kim jong un"


def test_gazetteer_resolves_short_names_and_requires_case():
    gazetteer = Gazetteer.from_seeds(SeedPaths(SEED_DIR))
    found = {(s, e.canonical_name) for s, _, e in gazetteer.find("Korut dan AS bertemu; as a rule, Kim Jong-un hadir.")}
    names = {name for _, name in found}
    assert {"Korea Utara", "Amerika Serikat", "Kim Jong Un"} <= names
    assert gazetteer.lookup("Rodong Sunmun", "ORGANIZATION").canonical_name == "Rodong Sinmun"


def test_ambiguous_short_form_stays_out_and_unique_one_resolves():
    extractor = DocumentExtractor.load(SEED_DIR)
    ambiguous = extractor.entities.extract("Kim Il Sung adalah kakek Kim Jong Un. Kim berpidato di Pyongyang.")
    assert not [m for m in ambiguous if m.surface == "Kim"]
    unique = extractor.entities.extract("Vladimir Putin tiba di Hanoi. Putin disambut hangat.")
    assert [m.canonical_name for m in unique if m.surface == "Putin"] == ["Vladimir Putin"]


def test_events_have_types_actors_and_context():
    extractor = DocumentExtractor.load(SEED_DIR)
    body = (
        "Presiden Rusia Vladimir Putin mengunjungi Korea Utara pada Rabu, 19 Juni 2024. "
        "Putin akan berkunjung ke Vietnam pekan depan. Moskow tidak menyerang Ukraina."
    )
    mentions = extractor.entities.extract(body)
    events = extractor.events.extract(body, mentions, date(2024, 6, 20))
    visit = next(e for e in events if e.trigger == "mengunjungi")
    assert (visit.event_type, visit.event_mode, visit.actor1_name, visit.event_date) == (
        "CONSULT",
        "visit",
        "Vladimir Putin",
        date(2024, 6, 19),
    )
    assert next(e for e in events if e.trigger == "berkunjung").event_context == "planned"
    assert next(e for e in events if e.trigger == "menyerang").event_context == "negated"


def test_extraction_quarantines_non_indonesian_and_boilerplate_pages():
    extractor = DocumentExtractor.load(SEED_DIR)
    english = (
        "Washington - The president said on Tuesday that the government would keep working with its allies "
        "to strengthen trade, security and cooperation across the region in the coming years, officials said."
    )
    assert extractor.extract("a", english).quarantine_reason == "language:en"
    login = "Masuk\nDaftar\nLupa Kata Sandi? Klik di Sini\nBeranda\nNasional\nBerita Terkini"
    assert extractor.extract("b", login).quarantine_reason == "boilerplate_only"
