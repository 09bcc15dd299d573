"""Entity resolution rules, proven on invented Indonesian sentences.

Most tests hand ``EntityExtractor.combine`` the recogniser's output explicitly (``spans``), so each rule is
tested on its own and does not move when the model is retrained; the last ones run the shipped model.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from flows.extract.entities import EntityExtractor, Gazetteer, entity_id, name_key, strip_role
from flows.extract.recogniser import NerSpan, Recogniser
from flows.extract.resources import SeedPaths

ROOT = Path(__file__).resolve().parents[1]
SEEDS = SeedPaths(ROOT / "dbt" / "seeds")


@pytest.fixture(scope="module")
def extractor() -> EntityExtractor:
    return EntityExtractor(Gazetteer.from_seeds(SEEDS))


def spans(text: str, *named: tuple) -> list[NerSpan]:
    """Recogniser output: each (surface, label[, occurrence]) at its n-th occurrence (default 1st) in ``text``."""
    out = []
    for surface, label, *nth in named:
        starts = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", text)]
        start = starts[nth[0] - 1 if nth else 0]
        out.append(NerSpan(start, start + len(surface), label, surface))
    return sorted(out, key=lambda s: s.start)


def resolved(extractor: EntityExtractor, text: str, *named: tuple[str, str]) -> list[tuple[str, str, str]]:
    mentions = extractor.combine(text, spans(text, *named))
    assert all(text[m.start_char : m.end_char] == m.surface for m in mentions)
    return [(m.surface, m.entity_type, m.canonical_name) for m in mentions]


def by_surface(extractor: EntityExtractor, text: str, *named: tuple[str, str]) -> dict[str, object]:
    return {m.surface: m for m in extractor.combine(text, spans(text, *named))}


def test_spelling_and_punctuation_variants_are_one_entity(extractor):
    text = "Kim Jong-un menerima surat itu. Media resmi menyebut Kim Jong Un membalasnya sehari kemudian."
    names = resolved(extractor, text)
    assert [n[2] for n in names] == ["Kim Jong Un", "Kim Jong Un"]
    assert entity_id("PERSON", "Kim Jong-un") == entity_id("PERSON", "Kim Jong Un")


def test_close_misspelling_of_a_known_entity_resolves(extractor):
    text = "Surat itu dimuat harian Rodong Sunmun pada Selasa pagi."
    names = resolved(extractor, text, ("Rodong Sunmun", "ORGANIZATION"))
    assert ("Rodong Sunmun", "ORGANIZATION", "Rodong Sinmun") in names
    # the recogniser's type is noisier than a one-letter slip: a wrong type still finds the entry
    assert resolved(extractor, text, ("Rodong Sunmun", "LOCATION"))[0][1:] == ("ORGANIZATION", "Rodong Sinmun")


def test_names_differing_by_a_word_stay_apart(extractor):
    gazetteer = extractor.gazetteer
    assert gazetteer.lookup("Kementerian Luar Negeri Ukraina", "ORGANIZATION") is None
    assert gazetteer.lookup("Kim Jong Nam", "PERSON") is None  # not Kim Jong Un, not Kim Jong Il
    assert gazetteer.lookup("Espanyol", "ORGANIZATION") is None  # a slip keeps the first letter: not Spanyol


def test_titles_and_roles_are_stripped(extractor):
    text = "Menteri Luar Negeri Sergei Lavrov dan Menteri Pertahanan Rusia Oleg Sidorenko tiba di Hanoi."
    names = resolved(
        extractor,
        text,
        ("Menteri Luar Negeri Sergei Lavrov", "PERSON"),
        ("Menteri Pertahanan Rusia Oleg Sidorenko", "PERSON"),
    )
    assert ("Sergei Lavrov", "PERSON", "Sergei Lavrov") in names
    assert ("Oleg Sidorenko", "PERSON", "Oleg Sidorenko") in names
    assert strip_role("Presiden Vladimir Putin") == (9, "Vladimir Putin")


def test_a_title_alone_is_nobody(extractor):
    text = "Pemimpin tertinggi itu menerima tamu dari Vietnam."
    assert [n[0] for n in resolved(extractor, text, ("Pemimpin", "PERSON"))] == ["Vietnam"]


def test_short_form_takes_the_unique_full_name_mentioned_earlier(extractor):
    text = "Oleg Sidorenko tiba di Pyongyang pada Senin. Sidorenko kemudian bertemu pejabat setempat."
    names = resolved(extractor, text, ("Oleg Sidorenko", "PERSON"), ("Sidorenko", "PERSON", 2))
    assert names[-1] == ("Sidorenko", "PERSON", "Oleg Sidorenko")


def test_ambiguous_short_form_stays_unresolved(extractor):
    text = "Kim Jong Un bertemu Kim Yo Jong di Pyongyang. Kim kemudian berpidato tentang ekonomi."
    names = resolved(extractor, text, ("Kim", "PERSON", 3))
    assert [n[2] for n in names if n[0] == "Kim"] == []  # two Kims came before it: left out, not guessed
    assert {n[2] for n in names} >= {"Kim Jong Un", "Kim Yo Jong"}


def test_short_form_before_a_second_full_name_resolves_to_the_first(extractor):
    text = "Kim Jong Un tiba lebih dulu. Kim tersenyum kepada wartawan. Lalu Kim Yo Jong menyusul."
    names = resolved(extractor, text, ("Kim", "PERSON", 2))
    assert ("Kim", "PERSON", "Kim Jong Un") in names


@pytest.mark.parametrize(
    ("text", "surface", "canonical"),
    [
        ("Latihan gabungan AS dan Korsel dikecam Korut.", "AS", "Amerika Serikat"),
        ("Latihan gabungan AS dan Korsel dikecam Korut.", "Korsel", "Korea Selatan"),
        ("Latihan gabungan AS dan Korsel dikecam Korut.", "Korut", "Korea Utara"),
        ("Sekjen PBB menyerukan gencatan senjata.", "PBB", "Perserikatan Bangsa-Bangsa"),
        ("Pemerintah RI mengirim bantuan ke Gaza.", "RI", "Indonesia"),
        ("Rusia memperdalam kerja sama dengan DPRK.", "DPRK", "Korea Utara"),
        ("Juru bicara Deplu menolak berkomentar.", "Deplu", "Kementerian Luar Negeri Indonesia"),
    ],
)
def test_abbreviations_and_short_names_resolve(extractor, text, surface, canonical):
    assert by_surface(extractor, text)[surface].canonical_name == canonical


def test_a_word_is_not_its_acronym(extractor):
    text = "As the talks ended, Korut menolak. Antara lain, pejabat menolak. Hal itu dilaporkan Antara."
    names = resolved(extractor, text)
    assert ("Antara", "ORGANIZATION", "Antara") in names  # mid-sentence: the news agency
    assert [n for n in names if n[0] == "As"] == []
    assert sum(1 for n in names if n[0] == "Antara") == 1  # "Antara lain" opens a sentence: a common word


def test_country_codes_for_countries_people_and_organisations(extractor):
    text = (
        "Presiden Rusia Ivan Petrovsky bertemu pejabat Kementerian Pertahanan Jepang di Hanoi, Vietnam. "
        "Jaksa Agung Korea Utara Ri Chol Man tidak hadir."
    )
    found = by_surface(
        extractor,
        text,
        ("Ivan Petrovsky", "PERSON"),
        ("Kementerian Pertahanan Jepang", "ORGANIZATION"),
        ("Ri Chol Man", "PERSON"),
    )
    assert found["Rusia"].country_code == "RUS" and found["Vietnam"].country_code == "VNM"
    assert found["Ivan Petrovsky"].country_code == "RUS"  # nationality from "Presiden Rusia"
    assert found["Ri Chol Man"].country_code == "PRK"  # "Jaksa Agung Korea Utara"
    assert found["Kementerian Pertahanan Jepang"].country_code == "JPN"  # the country in its name


def test_bracketed_acronym_names_the_entity_before_it(extractor):
    text = "Pasukan Donetsk (DPR) menyerang kota itu. Pemimpin DPR menolak tuduhan tersebut."
    assert {m.canonical_name for m in extractor.combine(text, []) if m.surface == "DPR"} == {"Donetsk"}
    parliament = "Rapat Dewan Perwakilan Rakyat (DPR) membahas anggaran. Ketua DPR memimpin sidang."
    assert {m.canonical_name for m in extractor.combine(parliament, []) if m.surface == "DPR"} == {
        "Dewan Perwakilan Rakyat"
    }
    council = "Dewan Keamanan Perserikatan Bangsa-Bangsa (PBB) bersidang. PBB lalu mengeluarkan resolusi."
    assert {m.canonical_name for m in extractor.combine(council, []) if m.surface == "PBB"} == {
        "Perserikatan Bangsa-Bangsa"
    }


def test_no_bare_korea_from_fragments(extractor):
    text = (
        "Stabilitas semenanjung Korea terancam, kata Republik Rakyat Demokratik Korea. "
        "Peringatan pembebasan Korea digelar di Seoul."
    )
    names = resolved(extractor, text, ("Korea", "LOCATION"))
    assert ("semenanjung Korea", "LOCATION", "Semenanjung Korea") in names
    assert ("Republik Rakyat Demokratik Korea", "LOCATION", "Korea Utara") in names
    assert "Korea" not in {n[2] for n in names}


def test_longer_model_name_beats_a_known_name_inside_it(extractor):
    text = "Maskapai Garuda Indonesia membuka rute dari Jakarta Selatan ke Tokyo."
    found = by_surface(extractor, text, ("Garuda Indonesia", "ORGANIZATION"), ("Jakarta Selatan", "LOCATION"))
    assert found["Garuda Indonesia"].entity_type == "ORGANIZATION" and "Indonesia" not in found
    assert found["Jakarta Selatan"].country_code == "IDN"


def test_known_names_tiling_a_model_span_stay_separate(extractor):
    text = "Kunjungan Rusia Vladimir Putin ke Asia berlanjut."
    names = resolved(extractor, text, ("Rusia Vladimir Putin", "PERSON"))
    assert [n[2] for n in names] == ["Rusia", "Vladimir Putin", "Asia"]


def test_common_words_and_months_are_not_names(extractor):
    text = "Meskipun begitu, pada Juli pasukan itu mundur dari Donbas."
    names = resolved(extractor, text, ("Meskipun", "PERSON"), ("Juli", "PERSON"))
    assert [n[0] for n in names] == ["Donbas"]


def test_entity_id_is_the_documented_formula():
    key = name_key("Presiden-Rusia  Vladimir Putin!")
    assert key == "presiden rusia vladimir putin"
    assert entity_id("PERSON", "Vladimir Putin") == hashlib.md5(b"PERSON|vladimir putin").hexdigest()


@pytest.fixture(scope="module")
def with_model() -> EntityExtractor:
    return EntityExtractor(Gazetteer.from_seeds(SEEDS), Recogniser.load(ROOT / "models" / "ner-id"))


def test_shipped_model_and_gazetteer_together(with_model):
    text = (
        "Presiden Rusia Vladimir Putin berjanji kepada pemimpin Korea Utara Kim Jong-un untuk memperluas kerja "
        "sama. Menurut pengamat Bambang Sutrisno, Putin ingin dukungan Pyongyang. Sutrisno menambahkan, "
        "Retno LP Marsudi akan bertemu Sergey Lavrov di Moskwa."
    )
    mentions = with_model.extract(text)
    names = {(m.surface, m.canonical_name) for m in mentions}
    assert {
        ("Vladimir Putin", "Vladimir Putin"),
        ("Kim Jong-un", "Kim Jong Un"),
        ("Putin", "Vladimir Putin"),
        ("Bambang Sutrisno", "Bambang Sutrisno"),
        ("Sutrisno", "Bambang Sutrisno"),
        ("Retno LP Marsudi", "Retno Marsudi"),
        ("Sergey Lavrov", "Sergei Lavrov"),
        ("Moskwa", "Moskow"),
    } <= names
    assert all(text[m.start_char : m.end_char] == m.surface for m in mentions)
