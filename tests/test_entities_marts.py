"""Entities through real pipeline runs (Prefect, DuckDB, dbt, Great Expectations), no mocks.

Cross-article clustering lives in dbt (``int_entity_names_clustered``), so it is proven on a temporary
inbox of invented articles; the seeds' mart is checked for one row per real entity.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from flows.cli import main
from flows.extract.gazetteer import entity_id
from flows.marts import open_marts
from tests.conftest import run_pipeline


def page(title: str, date: str, *paragraphs: str) -> str:
    """A plain-text news page laid out like the sample corpus: title, publisher, date, paragraphs."""
    return "\n\n".join([title, "Kompas.com", date, *paragraphs]) + "\n"


ARTICLES = {
    "a_sutrisno.txt": page(
        "Pengamat Nilai Kunjungan ke Jakarta Perkuat Hubungan",
        "Senin, 3 Juni 2024 10:00 WIB",
        "JAKARTA - Pengamat hubungan internasional Bambang Sutrisno menilai kunjungan delegasi Mongolia ke Jakarta "
        "pekan ini memperkuat hubungan kedua negara. Menurut Bambang Sutrisno, kerja sama perdagangan dan "
        "pendidikan akan menjadi fokus utama pembicaraan.",
        "Lembaga Kajian Pasifik Nusantara, tempat Sutrisno bekerja, merilis laporan yang menyebut nilai "
        "perdagangan kedua negara naik dua kali lipat dalam lima tahun terakhir.",
        "Wakil Ketua Kim Yong Nam dari Korea Utara juga dijadwalkan hadir dalam forum tersebut.",
    ),
    "b_sutrisna.txt": page(
        "Forum Kawasan Bahas Energi Terbarukan",
        "Rabu, 5 Juni 2024 14:00 WIB",
        "JAKARTA - Forum kawasan tentang energi terbarukan dibuka di Jakarta pada Rabu. Pengamat Bambang Sutrisna "
        "mengatakan forum itu penting bagi negara-negara berkembang yang ingin mengurangi ketergantungan pada "
        "batu bara.",
        "Peneliti dari Lembaga Kajian Pasifik Nusantra menyebut investasi energi surya di kawasan terus meningkat. "
        "Mereka meminta pemerintah memberikan insentif pajak bagi perusahaan pembangkit listrik tenaga surya.",
        "Jenderal Kim Yong Chol dari Korea Utara tidak hadir dalam forum itu, menurut panitia.",
    ),
}

LATER = page(
    "Pengamat: Insentif Pajak Energi Surya Perlu Diperluas",
    "Jumat, 14 Juni 2024 09:00 WIB",
    "JAKARTA - Pengamat Bambang Sutrisna kembali meminta pemerintah memperluas insentif pajak energi surya. "
    "Bambang Sutrisna menilai insentif itu akan menarik investasi baru ke Jakarta dan kota-kota lain.",
    "Menurut Bambang Sutrisna, perusahaan energi dari Jepang dan Korea Selatan sudah menyatakan minat untuk "
    "membangun pembangkit listrik tenaga surya di Indonesia tahun depan.",
)


def entities(warehouse: Path) -> dict[str, tuple]:
    con = open_marts(warehouse / "marts.duckdb")
    try:
        rows = con.execute(
            "select canonical_name, entity_id, entity_type, aliases, mention_count, article_count from marts.entities"
        ).fetchall()
    finally:
        con.close()
    return {row[0]: row[1:] for row in rows}


def test_unlisted_names_cluster_across_articles_with_a_stable_id(tmp_path: Path):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse"
    inbox.mkdir()
    for name, text in ARTICLES.items():
        (inbox / name).write_text(text, encoding="utf-8")
    run_pipeline(inbox, warehouse)
    first = entities(warehouse)

    person = first["Bambang Sutrisno"]  # the spelling seen first names the cluster
    assert person[1] == "PERSON" and {"Bambang Sutrisno", "Bambang Sutrisna", "Sutrisno"} <= set(person[2])
    assert person[4] == 2 and "Bambang Sutrisna" not in first
    org = first["Lembaga Kajian Pasifik Nusantara"]
    assert "Lembaga Kajian Pasifik Nusantra" in org[2] and org[4] == 2
    assert {"Kim Yong Nam", "Kim Yong Chol"} <= set(first)  # a different word is a different person

    for name, (eid, etype, *_rest) in first.items():
        assert eid == entity_id(etype, name), f"{name}: the marts' id is the documented formula"

    (inbox / "c_later.txt").write_text(LATER, encoding="utf-8")
    run_pipeline(inbox, warehouse)
    second = entities(warehouse)
    assert second["Bambang Sutrisno"][0] == person[0]  # more "Sutrisna" mentions later: same id, same name
    assert second["Bambang Sutrisno"][3] > person[3] and "Bambang Sutrisna" not in second
    assert {name: row[0] for name, row in second.items() if name in first} == {n: r[0] for n, r in first.items()}


def test_cli_ids_join_the_marts(tmp_path: Path):
    inbox, warehouse = tmp_path / "inbox", tmp_path / "warehouse"
    inbox.mkdir()
    (inbox / "a_sutrisno.txt").write_text(ARTICLES["a_sutrisno.txt"], encoding="utf-8")
    run_pipeline(inbox, warehouse)
    marts = {(row[1], name): row[0] for name, row in entities(warehouse).items()}
    line = "Bambang Sutrisno dari Lembaga Kajian Pasifik Nusantara bertemu Kim Yong Nam dari Korea Utara di Jakarta."
    result = CliRunner().invoke(main, ["entities"], input=line + "\n")
    spans = json.loads(result.output.splitlines()[0])
    joined = [s for s in spans if (s["type"], s["canonical_name"]) in marts]
    assert len(joined) >= 4
    assert all(s["entity_id"] == marts[s["type"], s["canonical_name"]] for s in joined)


def test_seed_entities_are_each_real_entity_once(seeded):
    _inbox, warehouse, _summary = seeded
    found = entities(warehouse)
    by_type = {(row[1], name) for name, row in found.items()}
    assert len(by_type) == len(found), "one row per canonical name"
    assert {"Vladimir Putin", "Kim Jong Un", "Korea Utara", "Rusia", "Rodong Sinmun", "Donetsk"} <= set(found)
    assert {"Kim Jong-un", "Kim"} <= set(found["Kim Jong Un"][2])
    assert "Rodong Sunmun" in found["Rodong Sinmun"][2]
    assert {"Korut", "DPRK", "Republik Rakyat Demokratik Korea"} <= set(found["Korea Utara"][2])
    assert "DPR" in found["Donetsk"][2] and "Dewan Perwakilan Rakyat" not in found  # "Donetsk (DPR)"
    assert "Korea" not in found and "Rodong Sunmun" not in found
    assert not {"Juli", "Meskipun", "Kim", "Putin"} & set(found)
