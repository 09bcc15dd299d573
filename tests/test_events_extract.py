"""Event extraction on invented sentences: lexicon forms, actors, dates and contexts (no pipeline)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from flows.extract import lemma
from flows.extract.dates import find_dates
from flows.extract.document import DocumentExtractor
from flows.extract.events_lexicon import Lexicon
from flows.extract.resources import SeedPaths, read_csv

SEED_DIR = Path(__file__).resolve().parents[1] / "dbt" / "seeds"
PLOVER = {
    "ACCUSE", "AGREE", "AID", "ASSAULT", "COERCE", "CONCEDE", "CONSULT", "COOPERATE",
    "MOBILIZE", "PROTEST", "REJECT", "REQUEST", "RETREAT", "SANCTION", "SUPPORT", "THREATEN",
}  # fmt: skip


@pytest.fixture(scope="module")
def extractor() -> DocumentExtractor:
    return DocumentExtractor.load(SEED_DIR)


def events(extractor: DocumentExtractor, body: str, published: date | None = date(2024, 6, 20)):
    return extractor.events.extract(body, extractor.entities.extract(body), published)


def one(extractor: DocumentExtractor, body: str, published: date | None = date(2024, 6, 20)):
    found = events(extractor, body, published)
    assert len(found) == 1, [(e.event_type, e.trigger) for e in found]
    return found[0]


# -- lexicon ----------------------------------------------------------------------------------------------------
def test_lexicon_covers_all_sixteen_types_and_modes_agree_on_merge_rules():
    rows = read_csv(SEED_DIR / "event_lexicon.csv")
    assert {r["event_type"] for r in rows} == PLOVER
    rules: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for r in rows:
        rules.setdefault((r["event_type"], r["event_mode"]), set()).add((r["merge_family"], r["is_symmetric"]))
    assert all(len(v) == 1 for v in rules.values()), "one merge family and symmetry per (type, mode)"


@pytest.mark.parametrize(
    ("word", "root", "form"),
    [
        ("menangkap", "tangkap", "meN-"),
        ("penangkapan", "tangkap", "peN-an"),
        ("ditandatangani", "tandatangan", "di-i"),
        ("berkunjung", "kunjung", "ber-"),
        ("kunjungannya", "kunjung", "-an"),
        ("memperingatkan", "ingat", "memper-kan"),
    ],
)
def test_affix_analysis(word, root, form):
    assert (root, form) in lemma.analyses(word)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("berkunjung", "CONSULT"),
        ("kunjungan", "CONSULT"),
        ("mengunjungi", "CONSULT"),
        ("diteken", "SUPPORT"),
        ("penandatanganan", "SUPPORT"),
        ("menuding", "ACCUSE"),
        ("tuduhan", "ACCUSE"),
        ("ditangkap", "COERCE"),
        ("menahan", "COERCE"),
        ("pertahanan", None),  # defence, not detention
        ("memperingati", None),  # commemorate, not warn
        ("pengunjuk", None),  # an agent noun
        ("menemukan", None),  # find, not meet
        ("menemui", "CONSULT"),
    ],
)
def test_forms_decide_whether_a_word_is_a_trigger(word, expected):
    hit = Lexicon.from_seeds(SeedPaths(SEED_DIR)).match([word], 0)
    assert (hit.trigger.event_type if hit else None) == expected


def test_multiword_triggers_allow_a_short_gap():
    lexicon = Lexicon.from_seeds(SeedPaths(SEED_DIR))
    hit = lexicon.match(["Kim", "mengirim", "sebuah", "surat"], 1)
    assert (hit.trigger.event_type, hit.trigger.event_mode, hit.last) == ("CONSULT", "letter", 3)
    assert lexicon.match(["meminta", "maaf"], 0).trigger.event_type == "CONCEDE"


# -- what is an event at all ------------------------------------------------------------------------------------
def test_nominal_trigger_needs_an_agent(extractor):
    assert events(extractor, "Kerja sama itu berlangsung dengan dukungan Jepang di bidang energi.") == []
    aid = one(extractor, "Jepang memberikan bantuan kepada Filipina.")
    assert (aid.event_type, aid.actor1_name, aid.actor2_name, aid.trigger) == (
        "AID",
        "Jepang",
        "Filipina",
        "memberikan bantuan",
    )


def test_object_noun_of_a_denial_is_no_accusation(extractor):
    found = events(extractor, "Rusia dan Korea Utara membantah tuduhan itu.")
    assert {(e.event_type, e.actor1_name) for e in found} == {("REJECT", "Rusia"), ("REJECT", "Korea Utara")}


def test_headings_and_quotes_are_skipped(extractor):
    body = "AS Tuding Korut Kirim Rudal\n\n“Kami akan menyerang Ukraina,” kata Putin."
    assert events(extractor, body) == []


# -- actors -------------------------------------------------------------------------------------------------------
def test_role_with_country_gives_the_person(extractor):
    e = one(extractor, "Presiden Rusia Vladimir Putin mengunjungi Korea Utara pada Rabu, 19 Juni 2024.")
    assert (e.actor1_name, e.actor2_name) == ("Vladimir Putin", "Korea Utara")


def test_passive_agent_after_oleh_is_actor1(extractor):
    e = one(extractor, "Perjanjian itu diteken oleh Jepang dan Filipina di Manila.")
    assert (e.event_type, e.event_mode, e.actor1_name, e.actor2_name) == ("SUPPORT", "sign", "Jepang", "Filipina")


def test_bare_passive_agent_and_generic_groups(extractor):
    e = one(extractor, "Dua wartawan ditangkap polisi di Jakarta pada Senin (17/6).")
    assert (e.event_type, e.actor1_name, e.actor2_name, e.location_name) == ("COERCE", "polisi", "wartawan", "Jakarta")


def test_capital_as_speaker_is_its_country(extractor):
    e = one(extractor, "Moskow membantah laporan itu.")
    assert (e.event_type, e.actor1_name) == ("REJECT", "Rusia")


def test_visit_host_and_place_from_the_destination(extractor):
    e = one(extractor, "Putin berkunjung ke Pyongyang, Korea Utara, pada Selasa (18/6/2024).")
    assert (e.actor1_name, e.actor2_name, e.location_name) == ("Vladimir Putin", "Korea Utara", "Pyongyang")


def test_symmetric_coordinated_subjects_are_both_parties(extractor):
    e = one(extractor, "Kim Jong Un dan Vladimir Putin bertemu di Vladivostok pada 25 April 2019.")
    assert {e.actor1_name, e.actor2_name} == {"Kim Jong Un", "Vladimir Putin"}
    assert e.event_context == "historical"


# -- dates ---------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Rabu, 19 Juni 2024", date(2024, 6, 19), "day"),
        ("pada 19-20 Juni 2024", date(2024, 6, 19), "day"),
        ("(17/6/2024)", date(2024, 6, 17), "day"),
        ("Senin (17/6)", date(2024, 6, 17), "day"),
        ("(17/6)", date(2024, 6, 17), "day"),
        ("pada Senin", date(2024, 6, 17), "day"),
        ("Selasa lalu", date(2024, 6, 18), "day"),
        ("25 April 2019", date(2019, 4, 25), "day"),
        ("Juli 2000", date(2000, 7, 1), "month"),
        ("pada Juni lalu", date(2024, 6, 1), "month"),
        ("pada Juli", date(2023, 7, 1), "month"),
        ("kemarin", date(2024, 6, 19), "day"),
        ("pekan lalu", date(2024, 6, 1), "month"),
        ("tahun lalu", date(2023, 1, 1), "year"),
    ],
)
def test_event_date_forms(text, value, precision):
    found = find_dates(text, anchor=date(2024, 6, 20))
    assert (found[0].value, found[0].precision) == (value, precision)


def test_kamis_25_4_takes_the_year_whose_weekday_fits():
    assert find_dates("Kamis (25/4)", anchor=date(2022, 8, 15))[0].value == date(2019, 4, 25)


def test_sentence_date_then_paragraph_then_publication(extractor):
    body = "Polisi menangkap dua aktivis pada Senin (17/6). Polisi kemudian menahan keduanya.\n\nJepang mengecam Rusia."
    found = events(extractor, body)
    assert [(e.event_date, e.date_source) for e in found] == [
        (date(2024, 6, 17), "sentence"),
        (date(2024, 6, 17), "paragraph"),
        (date(2024, 6, 20), "publication"),
    ]


def test_since_and_report_dates_do_not_date_the_event(extractor):
    e = one(extractor, "Jepang mengecam Rusia, dikutip dari Reuters, Selasa (18/6/2024).")
    assert e.date_source == "publication"
    e = one(extractor, "Pada kunjungannya ke Pyongyang sejak Juli 2000, Putin menyampaikan pidato.")
    assert (e.event_type, e.date_source, e.actor1_name) == ("CONSULT", "publication", "Vladimir Putin")


def test_reported_event_never_after_publication(extractor):
    e = one(extractor, "Polisi menangkap seorang tersangka pada 25 Juni 2024.", published=date(2024, 6, 20))
    assert e.event_context == "planned" or e.event_date <= date(2024, 6, 20)
    found = {e.event_type: e for e in events(extractor, "Jepang berjanji membantu Filipina mulai tahun depan.")}
    assert found["AGREE"].event_date == date(2024, 6, 20)  # promised now, for later
    assert (found["AID"].event_context, found["AID"].event_date) == ("planned", date(2025, 1, 1))


# -- contexts ------------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("body", "trigger", "context"),
    [
        ("Putin akan berkunjung ke Vietnam pekan depan.", "berkunjung", "planned"),
        ("Moskow tidak menyerang Ukraina.", "menyerang", "negated"),
        ("Tidak ada penangkapan dalam aksi itu, kata polisi.", None, None),
        ("Jika Korea Utara diserang, Rusia akan membantu.", "diserang", "hypothetical"),
        ("Jepang berjanji mendukung Filipina.", "mendukung", "planned"),
        ("Jepang berjanji mendukung Filipina.", "berjanji", "reported"),
        ("Rusia membantah telah menyerang Ukraina.", "menyerang", "negated"),
        (
            "Amerika Serikat meminta Israel menghentikan serangan dan membebaskan tahanan.",
            "membebaskan",
            "hypothetical",
        ),
    ],
)
def test_contexts(extractor, body, trigger, context):
    found = {e.trigger: e.event_context for e in events(extractor, body)}
    if trigger is None:
        assert all(c in ("negated", "hypothetical") for c in found.values())
    else:
        assert found.get(trigger) == context, found


def test_offsets_cut_the_trigger_out_of_the_body(extractor):
    body = "Presiden Joko Widodo bertemu Xi Jinping di Beijing. Jepang menjatuhkan sanksi terhadap Rusia kemarin."
    for e in events(extractor, body):
        assert body[e.start_char : e.end_char] == e.trigger
