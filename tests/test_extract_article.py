"""Article parsing rules, on the sample pages and on small invented layouts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from flows.extract.article import parse_article
from flows.extract.pii import redact
from flows.extract.publishers import PublisherIndex
from tests.conftest import ROOT, SEEDS

PUBLISHERS = PublisherIndex.from_csv(ROOT / "dbt" / "seeds" / "publishers.csv")
WIB = timezone(timedelta(hours=7))


def parse(name: str):
    path = next(SEEDS.glob(f"{name}_*.txt"))
    return parse_article(redact(path.read_text(encoding="utf-8")).text, PUBLISHERS)


# Labelled by hand from the five sample pages (what a reader of each page sees).
SEED_LABELS = {
    "000": dict(
        title="Vladimir Putin Memperkuat Hubungan dengan Korea Utara, Janji Bangun Keamanan",
        publisher="Tempo",
        published_at=datetime(2024, 6, 18, 11, 0, tzinfo=WIB),
        dateline="Jakarta",
        authors=[],
        editors=[],
        source_agencies=["Reuters"],
    ),
    "001": dict(
        title="Putin Janjikan Perluas Hubungan dengan Korea Utara",
        publisher="Republika",
        published_at=datetime(2022, 8, 15, 9, 15, tzinfo=WIB),
        dateline="Pyongyang",
        authors=["Dwina Agustin"],
        editors=["Friska Yolandha"],
        source_agencies=["Reuters"],
    ),
    "002": dict(
        title="Vladimir Putin dan Kim Jong Un Janji akan Mempererat Kerja Sama",
        publisher="Tempo",
        published_at=datetime(2024, 8, 16, 11, 55, tzinfo=WIB),
        dateline="Jakarta",
        authors=[],
        editors=[],
        source_agencies=["KCNA Watch", "Reuters"],
    ),
    "003": dict(
        title="Putin dan Kim Jong Un Janji Saling Bantu Jika Rusia atau Korea Utara Diserang",
        publisher="Tempo",
        published_at=None,
        dateline="Jakarta",
        authors=[],
        editors=["Ida Rosdalina"],
        source_agencies=["Reuters"],
    ),
    "004": dict(
        title=None,
        publisher="Bisnis.com",
        published_at=None,
        dateline="Jakarta",
        authors=["Ahmadi Yahya"],
        editors=[],
        source_agencies=["Reuters"],
    ),
}


@pytest.mark.parametrize("name", sorted(SEED_LABELS))
def test_seed_metadata(name):
    article = parse(name)
    for field, expected in SEED_LABELS[name].items():
        assert getattr(article, field) == expected, field


@pytest.mark.parametrize("name", sorted(SEED_LABELS))
def test_seed_body_has_no_boilerplate(name):
    body = parse(name).body.lower()
    for marker in (
        "baca selengkapnya",
        "berita terkait",
        "baca juga",
        "advertis",
        "iklan\n",
        "jam lalu",
        "pilihan editor",
        "ikuti berita",
        "kata sandi",
        "rekomendasi artikel",
        "scroll untuk",
        "sumber: reuters",
        "kcna via reuters",
    ):
        assert marker not in body, marker


def test_dateline_is_stripped_from_the_body():
    assert parse("000").body.startswith("Presiden Rusia Vladimir Putin berjanji")
    assert parse("001").body.startswith("Presiden Rusia Vladimir Putin mengirimkan surat")


def test_captions_are_separated_once_and_without_credit():
    article = parse("003")
    assert len(article.captions) == 1
    assert article.captions[0].startswith("Presiden Rusia Vladimir Putin berjabat tangan")
    assert "REUTERS" not in article.captions[0]
    assert article.captions[0] not in article.body


def test_standfirst_becomes_the_lede():
    assert parse("001").lede == "Putin mengatakan hubungan yang lebih erat akan menjadi kepentingan kedua negara."


def test_closing_name_in_parentheses_is_an_author_and_leaves_the_body():
    article = parse("004")
    assert article.authors == ["Ahmadi Yahya"] and "(Ahmadi Yahya)" not in article.body


def test_body_date_is_not_the_publication_date():
    """Seed 004 dates its events "(18/6/2024)" in the body but states no publication date."""
    assert parse("004").published_at is None


def test_invented_detik_like_layout():
    page = "\n".join(
        [
            "detikNews",
            "Berita",
            "Gubernur Resmikan Jembatan Baru di Tepi Sungai Kapuas",
            "Rina Wulandari - detikNews",
            "Kamis, 20 Jun 2024 14:30 WIB",
            "Jembatan baru di Pontianak saat diresmikan. (Foto: Rina Wulandari/detikcom)",
            "Pontianak - Gubernur meresmikan jembatan baru yang menghubungkan dua kecamatan di tepi Sungai Kapuas pada Kamis pagi.",  # noqa: E501
            "ADVERTISEMENT",
            "SCROLL TO CONTINUE WITH CONTENT",
            "Baca juga: Harga Cabai di Pasar Flamboyan Turun Tajam",
            "Menurut gubernur, jembatan itu akan memangkas waktu tempuh warga dari satu jam menjadi lima belas menit.",
            "Warga yang ingin menyampaikan keluhan dapat menghubungi posko di 0812-3456-7890 atau posko@contoh.go.id.",
            "(rwl/idh)",
        ]
    )
    article = parse_article(redact(page).text, PUBLISHERS)
    assert article.title == "Gubernur Resmikan Jembatan Baru di Tepi Sungai Kapuas"
    assert article.published_at == datetime(2024, 6, 20, 14, 30, tzinfo=WIB)
    assert article.dateline == "Pontianak"
    assert article.authors == ["rwl"] and article.editors == ["idh"]
    assert "[PHONE]" in article.body and "[EMAIL]" in article.body
    assert "ADVERTISEMENT" not in article.body and "Baca juga" not in article.body
    assert len(article.body.split("\n\n")) == 3
    assert article.captions == ["Jembatan baru di Pontianak saat diresmikan."]


@pytest.mark.parametrize(
    ("line", "place", "brand"),
    [
        ("TEMPO.CO, Jakarta - Presiden berjanji membangun sistem perdagangan baru.", "Jakarta", "TEMPO.CO"),
        (
            "REPUBLIKA.CO.ID, PYONGYANG -- Presiden mengirimkan surat kepada pemimpin itu.",
            "Pyongyang",
            "REPUBLIKA.CO.ID",
        ),
        ("Jakarta, CNN Indonesia -- Pemerintah mengumumkan kebijakan baru pada Senin.", "Jakarta", "CNN Indonesia"),
        ("Banjarmasin (ANTARA) - Banjir merendam ratusan rumah warga di tepi sungai.", "Banjarmasin", "ANTARA"),
        ("KOMPAS.com - Sebuah gempa mengguncang wilayah selatan pada malam hari.", None, "KOMPAS.com"),
        ("SURABAYA - Kebakaran melanda pasar tradisional pada dini hari tadi.", "Surabaya", None),
    ],
)
def test_datelines(line, place, brand):
    from flows.extract.metadata import parse_dateline

    dateline = parse_dateline(line, PUBLISHERS.is_brand)
    assert dateline is not None and dateline.place == place and dateline.brand == brand


def test_sentence_starting_with_a_name_and_dash_is_not_a_dateline():
    from flows.extract.metadata import parse_dateline

    assert (
        parse_dateline("Presiden Joko Widodo dan para menteri - yang hadir lengkap - berfoto.", PUBLISHERS.is_brand)
        is None
    )


def test_unknown_outlet_keeps_the_name_its_page_states():
    assert PUBLISHERS.canonical("WARTAKOTA.NET") == "Wartakota.net"
    assert PUBLISHERS.canonical("tempo.co") == "Tempo"


def test_fixture_files_exist_for_outlets():
    fixtures = Path(__file__).parent / "fixtures" / "articles"
    assert len(list(fixtures.glob("*.expected.json"))) >= 10
