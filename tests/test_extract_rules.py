"""Unit tests of the small extraction rules: PII, dates, language, entities, events."""

from __future__ import annotations

from datetime import date

import pytest

from flows.extract import boilerplate, metadata
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
        ("4 Agu 2024", date(2024, 8, 4), "day"),
        ("5 Ags 2024", date(2024, 8, 5), "day"),
        ("18/06/2024, 11:00 WIB", date(2024, 6, 18), "day"),
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


def test_numeric_date_keeps_its_time_and_zone():
    found = find_dates("Kompas.com - 18/06/2024, 11:00 WIB")[0]
    assert (found.value, found.time, found.utc_offset) == (date(2024, 6, 18), (11, 0), "+07:00")


# --- page furniture, captions, bylines (flows/extract/boilerplate.py, metadata.py) ---------------


@pytest.mark.parametrize(
    "line",
    [
        "ADVERTISEMENT",
        "SCROLL TO CONTINUE WITH CONTENT",
        "Scroll Untuk Melanjutkan",
        "[Gambas:Video CNN]",
        "Bagikan Artikel Ini",
        "Market / Moneter",
        "Home > Regional",
        "Halaman Selanjutnya",
        "Sumber: Tribunnews.com",
        "Seluruh konten dilindungi undang-undang hak cipta.",
        "Pilihan Editor: Judul Artikel Lain",
        "Lihat Foto",
    ],
)
def test_furniture_lines_are_dropped(line):
    assert boilerplate.is_dropped(line)


@pytest.mark.parametrize(
    ("line", "promo"),
    [
        ("Ikuti berita Okezone di Google News", True),
        ("Dapatkan berita terbaru setiap hari langsung di WhatsApp Anda", True),
        ("* Ragu dengan kabar yang beredar? Kirim tautannya lewat WhatsApp di [PHONE].", True),
        ("Polisi mengimbau warga melapor lewat WhatsApp ke nomor pengaduan yang tersedia.", False),
        ("Ikuti perkembangan sidang itu, kata hakim kepada para terdakwa di ruang sidang.", False),
    ],
)
def test_promotion_lines(line, promo):
    assert boilerplate.is_promo(line) is promo


def test_sentences_and_headlines():
    assert boilerplate.is_sentence_like("Bambang mengimbau warga memeriksa legalitas perusahaan itu. (ast/jpnn)")
    assert boilerplate.is_headline_like("Posko Pengaduan Dibuka")
    assert not boilerplate.is_headline_like("Polisi menangkap pelaku pada Selasa malam.")


def test_closing_initials_are_not_a_photo_credit():
    assert boilerplate.split_caption_credit("Warga diminta melapor ke polisi segera. (ast/jpnn)") is None
    assert boilerplate.split_caption_credit("Warga antre di pasar. (Rendi Kurniawan/detikcom)") == (
        "Warga antre di pasar.",
        "(Rendi Kurniawan/detikcom)",
    )


def test_a_caption_starting_with_a_credit_word_is_not_a_credit_line():
    assert boilerplate.is_credit_line("Foto: ANTARA/Bayu Pradana")
    assert boilerplate.is_credit_line("Dok. PBSI")
    assert not boilerplate.is_credit_line("Ilustrasi kilang minyak.")


@pytest.mark.parametrize(
    ("value", "person"),
    [
        ("Ahmadi Yahya", True),
        ("Iqbal S. Nugroho", True),
        ("Tempo.co", False),
        ("Tim detikcom", False),
        ("A A A", False),
        ("Gambas:Video CNN", False),
        ("CNN Indonesia", False),
    ],
)
def test_an_outlet_or_widget_is_never_a_person(value, person):
    from flows.extract.publishers import PublisherIndex

    outlets = PublisherIndex.from_csv(SEED_DIR / "publishers.csv").outlet_words
    assert metadata.looks_like_person(value, outlets) is person


def test_prose_opening_with_a_byline_label_is_not_a_byline():
    assert metadata.parse_byline("Editor senior majalah itu mengatakan bahwa laporan tersebut benar.") is None
    assert metadata.parse_byline("Oleh karena itu pemerintah menunda kebijakan tersebut hingga tahun depan.") is None


# --- HTML (flows/extract/html.py) -----------------------------------------------------------------

PAGE = """<html><head>
<meta name="publishdate" content="2024/08/05 15:30:00">
<meta property="article:published_time" content="2024-08-05T15:30:00+07:00">
<meta property="og:site_name" content="detikcom"><meta name="author" content="Dimas Aryo">
<meta name="content_editor" content="Sri Wahyuni"><title>Judul</title></head><body>
<h1>Pansus Rampungkan Raperda Air Tanah</h1>
<figure><img src="a.jpg"><figcaption>Suasana rapat pansus di Semarang, Senin (5/8/2024). (Foto: Dimas/detikJateng)
</figcaption></figure>
<article><p><strong>Semarang</strong> - Panitia khusus DPRD merampungkan pembahasan rancangan peraturan daerah tentang
pengelolaan air tanah yang dijadwalkan disahkan dalam rapat paripurna pekan depan di gedung dewan.</p>
<h2>Masa transisi bagi industri</h2>
<p>Industri yang bergantung pada sumur dalam diberi masa transisi selama tiga tahun untuk beralih ke pasokan air
permukaan, kata ketua panitia khusus kepada wartawan seusai rapat di gedung dewan pada Senin sore.</p>
<p>Pemerintah provinsi menyatakan siap menyusun peraturan gubernur sebagai aturan turunan dalam waktu tiga bulan
setelah peraturan daerah itu disahkan oleh dewan dalam rapat paripurna.</p></article></body></html>"""


def test_html_hints_captions_and_intertitles():
    from flows.extract.html import html_to_text

    text, hints = html_to_text(PAGE)
    assert hints.published_at.isoformat() == "2024-08-05T15:30:00+07:00"  # the ISO tag, not the bare local stamp
    assert (hints.publisher, hints.authors, hints.editors) == ("detikcom", ["Dimas Aryo"], ["Sri Wahyuni"])
    assert hints.captions == ["Suasana rapat pansus di Semarang, Senin (5/8/2024)."]
    assert "Masa transisi bagi industri" in text.split("\n")


# --- bylines beside dates, caption credits, related blocks, datelines (article.py, header.py) ----------

STORY = (
    "Pemerintah kota meresmikan jembatan baru yang menghubungkan dua kecamatan di tepi sungai pada pagi hari ini.\n\n"
    "Menurut wali kota, jembatan itu memangkas waktu tempuh warga dari satu jam menjadi lima belas menit saja."
)


def _parse(*lines: str):
    from flows.extract.article import parse_article
    from flows.extract.publishers import PublisherIndex

    return parse_article("\n".join(lines), PublisherIndex.from_csv(SEED_DIR / "publishers.csv"))


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Oleh: Nadia Kusuma - 3 Maret 2025, 14:20 WIB", "Nadia Kusuma"),
        ("Oleh Nadia Kusuma · 3 Maret 2025, 14:20 WIB", "Nadia Kusuma"),
        ("Oleh: Nadia Kusuma Putri Lestari - 3 Maret 2025, 14:20 WIB", "Nadia Kusuma Putri Lestari"),
    ],
)
def test_a_labelled_byline_beside_the_date_names_the_author(line, author):
    article = _parse("Jembatan Baru Diresmikan di Tepi Sungai", "", line, "", STORY)
    assert article.authors == [author]
    assert article.published_at.isoformat() == "2025-03-03T14:20:00+07:00"


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        ("Warga bersepeda di kawasan Kota Lama, Minggu (2/3/2025). tirto.id/Nadia Kusuma", "Warga bersepeda di"),
        ("Ilustrasi penangkapan. (Foto: iNews.id/Dok)", "Ilustrasi penangkapan."),
        ("Petugas memeriksa dokumen di pelabuhan, Senin (3/3/2025). dok. Humas Pelindo", "Petugas memeriksa"),
        ("Petugas memeriksa dokumen di pelabuhan, Senin (3/3/2025). foto: Istimewa", "Petugas memeriksa"),
        ("Warga antre bantuan di Cianjur, Senin (3/3/2025). ANTARA FOTO/Raisan Al Farisi", "Warga antre"),
        ("Asap membubung di Gaza, Senin (3/3/2025). REUTERS/Ammar Awad", "Asap membubung"),
    ],
)
def test_a_trailing_photo_credit_makes_a_caption(line, caption):
    found = boilerplate.split_caption_credit(line)
    assert found is not None and found[0].startswith(caption) and not found[0].endswith("/")


def test_a_short_caption_needs_a_closed_sentence_before_its_credit():
    assert boilerplate.split_caption_credit("Ilustrasi penangkapan (Foto: Dok)") is None
    assert boilerplate.split_caption_credit("Harga naik. tahun/lalu") is None


def test_a_short_caption_with_a_credit_is_not_the_lede():
    article = _parse(
        "Jembatan Baru Diresmikan di Tepi Sungai",
        "Rizky Pratama · Kamis, 12 September 2024 - 09:45:00 WIB",
        "",
        "Ilustrasi jembatan. (Foto: Dok)",
        "",
        STORY,
    )
    assert article.captions == ["Ilustrasi jembatan."]
    assert article.lede == STORY.split("\n\n")[0]


def test_the_headlines_under_read_more_stop_at_a_byline():
    article = _parse(
        "Jembatan Baru Diresmikan di Tepi Sungai", "3 Maret 2025, 14:20 WIB", "", STORY, "",
        "Baca Juga", "Bus Listrik Mulai Beroperasi", "", "Penulis: Nadia Kusuma", "Editor: Fahri Salam",
    )  # fmt: skip
    assert (article.authors, article.editors) == (["Nadia Kusuma"], ["Fahri Salam"])


def test_a_tight_read_more_block_ends_at_a_blank_line_a_spaced_one_does_not():
    first, second = STORY.split("\n\n")
    tight = ["Baca juga:", "Harga Tiket Naik Mulai April", "Tarif Parkir Naik", "", "Jalur Baru Dibuka", ""]
    article = _parse("Jembatan Baru Diresmikan di Tepi Sungai", "", first, "", *tight, second)
    assert article.body.split("\n\n") == [first, "Jalur Baru Dibuka", second]
    spaced = ["Baca juga:", "", "Harga Tiket Naik Mulai April", "", "Tarif Parkir Naik", ""]
    article = _parse("Jembatan Baru Diresmikan di Tepi Sungai", "", first, "", *spaced, second)
    assert article.body.split("\n\n") == [first, second]


def test_a_place_after_the_brand_closed_by_a_full_stop_is_the_dateline():
    line = "KONTAN.CO.ID - JAKARTA. Otoritas Jasa Keuangan meminta bank daerah memperkuat modal."
    dateline = metadata.parse_dateline(line, lambda x: x.lower() == "kontan.co.id")
    assert (dateline.place, dateline.brand) == ("Jakarta", "KONTAN.CO.ID")
    assert line[dateline.length :].startswith("Otoritas")


@pytest.mark.parametrize(
    "text", ["Senin, 14 April 2025 / 11:05 WIB", "14 April 2025 · 11.05 WIB", "Senin, 14/04/2025 — 11:05 WIB"]
)
def test_a_time_after_a_slash_dot_or_dash_is_kept(text):
    found = find_dates(text)[0]
    assert (found.value, found.time, found.utc_offset) == (date(2025, 4, 14), (11, 5), "+07:00")


def test_reading_time_is_furniture():
    assert boilerplate.is_dropped("Dibaca Normal 2 menit")
