"""Article parsing: the labelled sample pages and fixtures, then one small invented page per rule."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import pytest

from flows.evaluate.articles import evaluate
from flows.extract.article import parse_article
from flows.extract.document import read_article
from flows.extract.pii import redact
from flows.extract.publishers import PublisherIndex
from tests.conftest import ROOT, SEEDS

PUBLISHERS = PublisherIndex.from_csv(ROOT / "dbt" / "seeds" / "publishers.csv")
FIXTURES = ROOT / "tests" / "fixtures" / "articles"
SEED_LABELS = ROOT / "tests" / "fixtures" / "seeds_labels"
WIB = timezone(timedelta(hours=7))

BODY = (
    "Pemerintah kota meresmikan jembatan baru yang menghubungkan dua kecamatan di tepi sungai pada pagi hari ini.\n\n"
    "Menurut wali kota, jembatan itu memangkas waktu tempuh warga dari satu jam menjadi lima belas menit saja."
)


def parse(*lines: str):
    return parse_article(redact("\n".join(lines)).text, PUBLISHERS)


def seed(prefix: str):
    path = next(SEEDS.glob(f"{prefix}_*.txt"))
    return parse_article(redact(path.read_text(encoding="utf-8")).text, PUBLISHERS)


# --- labelled pages: the guard against regressions --------------------------------------------------


@pytest.mark.parametrize(("pages", "labels"), [(FIXTURES, None), (SEEDS, SEED_LABELS)], ids=["fixtures", "seeds"])
def test_every_labelled_page_is_parsed_exactly(pages, labels):
    report = evaluate(pages, PUBLISHERS, labels)
    assert len(report.pages) >= (20 if labels is None else 5)
    assert report.mismatches == [], report.to_text()
    assert set(report.accuracy().values()) == {1.0}
    assert set(report.body().values()) == {1.0}
    assert sum(len(p.leaks) for p in report.pages) == 0
    assert sum(p.pii for p in report.pages) == 0


def test_seed_labels_live_outside_the_inbox():
    """The inbox is ingested as is: a sidecar there would be read as a page (and quarantined)."""
    assert not list(SEEDS.glob("*.json"))
    assert sorted(p.name.split(".")[0] for p in SEED_LABELS.glob("*.expected.json")) == sorted(
        p.stem for p in SEEDS.glob("*.txt")
    )


# --- body ---------------------------------------------------------------------------------------


def test_dateline_is_stripped_from_the_body():
    assert seed("000").body.startswith("Presiden Rusia Vladimir Putin berjanji")
    assert seed("001").body.startswith("Presiden Rusia Vladimir Putin mengirimkan surat")


def test_mid_body_furniture_is_removed_and_the_article_resumes():
    first, second = BODY.split("\n\n")
    article = parse(
        "Jembatan Baru Diresmikan di Tepi Sungai",
        "Senin, 1 Juli 2024 09:00 WIB",
        "Jakarta - " + first,
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Baca Juga:",
        "Harga Cabai di Pasar Induk Turun Tajam",
        "Pilihan Editor",
        "Banjir Rob Rendam Pesisir Utara",
        "4 jam lalu",
        "Daftar newsletter kami dan dapatkan berita pilihan di email Anda setiap pagi.",
        "Halaman Selanjutnya",
        second,
        "Ikuti kanal kami di Google News untuk kabar terbaru setiap hari.",
        "Berita Terkait",
        "Warga Keluhkan Jalan Rusak Menuju Jembatan",
        "2 jam lalu",
    )
    assert article.body == BODY


def test_a_related_list_mid_body_does_not_end_the_article():
    cost = "Pembangunan jembatan itu menelan biaya sekitar Rp 40 miliar dari anggaran daerah."
    paragraphs = [*BODY.split("\n\n"), cost]
    article = parse(
        "Jembatan Baru Diresmikan di Tepi Sungai",
        "Jakarta - " + paragraphs[0],
        paragraphs[1],
        "Berita Terkait",
        "Harga Cabai di Pasar Induk Turun Tajam",
        "3 jam lalu",
        "Banjir Rob Rendam Pesisir Utara",
        "5 jam lalu",
        paragraphs[2],
        "Wali kota berjanji memperbaiki akses jalan menuju jembatan sebelum akhir tahun ini.",
    )
    assert article.body.split("\n\n") == [
        *paragraphs,
        "Wali kota berjanji memperbaiki akses jalan menuju jembatan sebelum akhir tahun ini.",
    ]


def test_intertitles_stay_but_a_trailing_heading_goes():
    first, second = BODY.split("\n\n")
    article = parse("Jakarta - " + first, "Akses Warga Lebih Mudah", second, "Artikel Selanjutnya", "Ikuti Kami")
    assert article.body.split("\n\n") == [first, "Akses Warga Lebih Mudah", second]


def test_personal_data_is_redacted_everywhere():
    article = parse(
        "Posko Pengaduan Banjir Dibuka di Kantor Kecamatan",
        "Jakarta - Warga dapat melapor ke posko di 0812-3456-7890 atau posko@contoh.go.id setiap hari kerja.",
        "Petugas akan mendata kerusakan rumah warga dan mengirimkan bantuan dalam waktu tiga hari ke depan.",
    )
    assert "[PHONE]" in article.body and "[EMAIL]" in article.body
    assert "@" not in article.body and "3456" not in article.body


# --- captions and title ---------------------------------------------------------------------------


def test_captions_are_separated_once_and_without_credit():
    article = seed("003")
    assert len(article.captions) == 1
    assert article.captions[0].startswith("Presiden Rusia Vladimir Putin berjabat tangan")
    assert "REUTERS" not in article.captions[0] and article.captions[0] not in article.body


@pytest.mark.parametrize(
    "caption_line",
    [
        "Warga melintasi banjir di kawasan pesisir, Selasa (2/7/2024). ANTARA FOTO/Bayu Pradana/rin.",
        "Warga melintasi banjir di kawasan pesisir, Selasa (2/7/2024). (Foto: Istimewa)",
        "Warga melintasi banjir di kawasan pesisir, Selasa (2/7/2024). (Rendi Kurniawan/detikcom)",
        "Warga melintasi banjir di kawasan pesisir, Selasa (2/7/2024). Vietnam News Agency via REUTERS",
        "Warga melintasi banjir di kawasan pesisir, Selasa (2/7/2024). Foto: dok. Humas Pemkot",
        "Warga melintasi banjir di kawasan pesisir, Selasa (2/7/2024). ©2024 Merdeka.com/Iqbal Santoso",
    ],
)
def test_caption_credit_forms(caption_line):
    article = parse("Banjir Rendam Kawasan Pesisir Kota", caption_line, "Jakarta - " + BODY)
    assert article.captions == ["Warga melintasi banjir di kawasan pesisir, Selasa (2/7/2024)."]
    assert article.title == "Banjir Rendam Kawasan Pesisir Kota"


def test_title_is_the_headline_not_navigation_login_or_a_related_headline():
    article = parse(
        "Masuk",
        "Lupa kata sandi?",
        "atau lanjutkan dengan",
        "Belum punya akun? Daftar sekarang",
        "Berita Kalimantan Selatan Terkini",
        "Home > Regional",
        "Jembatan Baru Diresmikan di Tepi Sungai",
        "Senin, 1 Juli 2024 09:00 WIB",
        "Jakarta - " + BODY,
        "Berita Terkait",
        "Harga Cabai di Pasar Induk Turun Tajam",
        "2 jam lalu",
    )
    assert article.title == "Jembatan Baru Diresmikan di Tepi Sungai"


def test_title_after_a_leading_date_and_null_without_headline():
    assert parse("Senin 12 Aug 2024 09:15 WIB", "Banjir Terjang Pesisir Mindanao", "Jakarta - " + BODY).title == (
        "Banjir Terjang Pesisir Mindanao"
    )
    assert seed("004").title is None
    assert parse("Jakarta - " + BODY).title is None


def test_standfirst_becomes_the_lede_and_the_first_paragraph_otherwise():
    assert seed("001").lede == "Putin mengatakan hubungan yang lebih erat akan menjadi kepentingan kedua negara."
    article = parse("Jembatan Baru Diresmikan", "Jakarta - " + BODY)
    assert article.lede == BODY.split("\n\n")[0]


# --- dates ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Selasa, 18 Juni 2024 11:00 WIB", datetime(2024, 6, 18, 11, 0, tzinfo=WIB)),
        ("Senin 15 Aug 2022 09:15 WIB", datetime(2022, 8, 15, 9, 15, tzinfo=WIB)),
        ("Kamis, 15 Agt 2024 - 14:22 WIB", datetime(2024, 8, 15, 14, 22, tzinfo=WIB)),
        ("Jumat, 16 Agu 2024 | 08:00 WIB", datetime(2024, 8, 16, 8, 0, tzinfo=WIB)),
        ("Sabtu, 17 Ags 2024 10:30 WIB", datetime(2024, 8, 17, 10, 30, tzinfo=WIB)),
        ("Kompas.com - 18/06/2024, 11:00 WIB", datetime(2024, 6, 18, 11, 0, tzinfo=WIB)),
        ("Rabu, 3 Jul 2024 | 08:05 WITA", datetime(2024, 7, 3, 8, 5, tzinfo=timezone(timedelta(hours=8)))),
        ("Jumat, 12 Januari 2024 - 19:45 WIT", datetime(2024, 1, 12, 19, 45, tzinfo=timezone(timedelta(hours=9)))),
        ("Selasa, 20 Agustus 2024 | 13.45 WIB", datetime(2024, 8, 20, 13, 45, tzinfo=WIB)),
    ],
)
def test_publication_date_forms(line, expected):
    published = parse("Jembatan Baru Diresmikan di Tepi Sungai", line, "Jakarta - " + BODY).published_at
    assert published == expected and published.utcoffset() == expected.utcoffset()


def test_updated_time_never_beats_the_publication_time():
    article = parse(
        "Jembatan Baru Diresmikan di Tepi Sungai",
        "Diperbarui 18 Jun 2024, 13:20 WIB",
        "Dipublikasikan 18 Jun 2024, 11:00 WIB",
        "Jakarta - " + BODY,
    )
    assert article.published_at == datetime(2024, 6, 18, 11, 0, tzinfo=WIB)


def test_event_dates_and_related_list_dates_are_not_the_publication_date():
    """Seed 004 dates its events "(18/6/2024)" in the body but states no publication date."""
    assert seed("004").published_at is None
    article = parse(
        "Jakarta - Pemerintah meresmikan jembatan pada Rabu, 19 Juni 2024 di tepi sungai kota itu bersama warga.",
        BODY,
        "Berita Terkait",
        "Harga Cabai Turun",
        "Sabtu, 20 Juli 2024 | 19:12 WIB",
    )
    assert article.published_at is None


# --- people ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("byline", "authors", "editors"),
    [
        (["Reporter: Nabila Kusuma", "Editor: Rahmat Hidayat"], ["Nabila Kusuma"], ["Rahmat Hidayat"]),
        (["Reporter", "Nabila Kusuma", "Editor", "Rahmat Hidayat"], ["Nabila Kusuma"], ["Rahmat Hidayat"]),
        (["Penulis: Galih Prasetyo, Siti Aminah"], ["Galih Prasetyo", "Siti Aminah"], []),
        (["Rep: Dwina Agustin/ Red: Friska Yolandha"], ["Dwina Agustin"], ["Friska Yolandha"]),
        (["Oleh Tasya Maharani Putri"], ["Tasya Maharani Putri"], []),
        (["Penulis Kontributor Garut, Yudha Pratama", "|", "Editor Andi Hartono"], ["Yudha Pratama"], ["Andi Hartono"]),
        (["Bayu Aditya Saputra, CNBC Indonesia"], ["Bayu Aditya Saputra"], []),
        (["Yohanes Wenda, Jurnalis"], ["Yohanes Wenda"], []),
        (["Tim detikcom - detikNews"], [], []),
        (["Reporter", "Tempo.co"], [], []),
        (["CNN Indonesia"], [], []),
    ],
)
def test_byline_forms(byline, authors, editors):
    article = parse(
        "Jembatan Baru Diresmikan di Tepi Sungai", *byline, "Senin, 1 Juli 2024 09:00 WIB", "Jakarta - " + BODY
    )
    assert (article.authors, article.editors) == (authors, editors)
    assert article.title == "Jembatan Baru Diresmikan di Tepi Sungai"


def test_a_name_alone_under_the_headline_is_the_author():
    article = parse(
        "Atlet Dayung Borong Tiga Emas di Kejurnas", "Andi Nurul Aulia", "Minggu, 21 Juli 2024 | 17:30 WIB", BODY
    )
    assert article.authors == ["Andi Nurul Aulia"] and article.title == "Atlet Dayung Borong Tiga Emas di Kejurnas"


@pytest.mark.parametrize(
    ("closing", "authors", "editors"),
    [
        (" (Ahmadi Yahya)", ["Ahmadi Yahya"], []),
        (" (rwl/idh)", ["rwl"], ["idh"]),
        (" (ast/jpnn)", ["ast"], []),  # the outlet's short name is no editor
        ("\n(mei/idh)", ["mei"], ["idh"]),
    ],
)
def test_closing_signatures(closing, authors, editors):
    article = parse("Jakarta - " + BODY + closing, "Sumber: Tribunnews.com", "Ikuti kanal kami di Google News.")
    assert (article.authors, article.editors) == (authors, editors)
    assert article.body == BODY


def test_agency_lines_and_citations_name_the_sources():
    article = parse("Jakarta - " + BODY, "AFP | REUTERS")
    assert article.source_agencies == ["AFP", "Reuters"] and article.body == BODY
    cited = parse("Jakarta - " + BODY.replace("saja.", "saja, seperti dikutip dari Reuters."))
    assert cited.source_agencies == ["Reuters"]


# --- datelines and publishers -----------------------------------------------------------------------


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
        ("Kupang, VIVA – Dinas kesehatan menargetkan ribuan anak menerima vaksin.", "Kupang", "VIVA"),
    ],
)
def test_datelines(line, place, brand):
    from flows.extract.metadata import parse_dateline

    dateline = parse_dateline(line, PUBLISHERS.is_brand)
    assert dateline is not None and dateline.place == place and dateline.brand == brand


def test_colon_dateline_only_for_a_place_before_a_long_first_paragraph():
    from flows.extract.metadata import parse_colon_dateline

    long_story = "Jumlah penumpang kereta naik hampir dua kali lipat dibandingkan hari kerja biasa pekan lalu."
    assert parse_colon_dateline("Jakarta: " + long_story).place == "Jakarta"
    assert parse_colon_dateline("Foto: " + long_story) is None
    assert parse_colon_dateline("Jakarta: Penumpang naik.") is None
    assert parse("Kereta Cepat Penuh Saat Libur", "Jakarta: " + long_story, BODY).dateline == "Jakarta"


def test_sentence_starting_with_a_name_and_dash_is_not_a_dateline():
    from flows.extract.metadata import parse_dateline

    line = "Presiden Joko Widodo dan para menteri - yang hadir lengkap - berfoto."
    assert parse_dateline(line, PUBLISHERS.is_brand) is None


@pytest.mark.parametrize(
    ("lines", "publisher"),
    [
        (["TEMPO.CO, Jakarta - " + BODY], "Tempo"),  # brand in the dateline, through the seed
        (["Medcom.id", "Kereta Cepat Penuh Saat Libur", "Jakarta - " + BODY], "Medcom.id"),  # unknown masthead
        (["Jakarta, WARTAKOTA.NET - " + BODY], "Wartakota.net"),  # unknown brand in the dateline
        (["Jakarta - " + BODY, "Ikuti berita terkini dari Tempo.co di Google News"], "Tempo"),  # footer
        (["Jakarta - " + BODY], None),
    ],
)
def test_publisher_sources(lines, publisher):
    assert parse(*lines).publisher == publisher


def test_unknown_outlet_keeps_the_name_its_page_states():
    assert PUBLISHERS.canonical("WARTAKOTA.NET") == "Wartakota.net"
    assert PUBLISHERS.canonical("tempo.co") == "Tempo"


# --- HTML -----------------------------------------------------------------------------------------


def test_html_goes_through_trafilatura_with_meta_tags_as_hints():
    html = (FIXTURES / "kompas_kereta_brasil_argentina.html").read_text(encoding="utf-8")
    expected = json.loads((FIXTURES / "kompas_kereta_brasil_argentina.expected.json").read_text(encoding="utf-8"))
    article = read_article(redact(html).text, "text/html", PUBLISHERS)
    assert article.title == expected["title"] and article.publisher == "Kompas.com"
    assert article.editors == expected["editors"] and article.captions == expected["captions"]
    assert article.body.split("\n\n") == expected["body"]
    assert "<" not in article.body and "Baca juga" not in article.body
