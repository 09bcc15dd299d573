"""Ingest: every bad input lands in quarantine with a reason; nothing crashes or disappears."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from flows import warehouse
from flows.ingest import decode, ingest_files


def _ingest(tmp_path, files: dict[str, bytes], max_bytes: int = 10_000):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    with warehouse.connect(tmp_path / "raw.duckdb") as con:
        report = ingest_files(con, sorted(inbox.iterdir()), inbox, max_bytes, datetime.now(UTC), "test")
        rows = con.execute("select source_uri, reason from quarantine order by source_uri").fetchall()
    return report, dict(rows)


def test_quarantine_reasons(tmp_path):
    good = b"Presiden meresmikan jembatan baru di Pontianak pada Kamis pagi bersama warga."
    report, reasons = _ingest(
        tmp_path,
        {
            "empty.txt": b"   \n\t ",
            "binary.txt": b"\x89PNG\x00\x00\x00\rIHDR",
            "big.txt": b"kata " * 5000,
            "latin1.txt": "Kota Bogor menerima caf\xe9 baru".encode("cp1252"),
            "notes.pdf": b"%PDF-1.4",
            "good.txt": good,
        },
    )
    assert reasons == {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "big.txt": "too_large",
        "notes.pdf": "unsupported_type",
    }
    assert report.new == 2  # good.txt and the legacy-encoded file (decoded as cp1252)


def test_decode_tries_legacy_encodings():
    assert decode("Jalan Café".encode("cp1252")).encoding == "cp1252"
    assert decode("Jalan Café".encode()).encoding == "utf-8"
    assert decode("Jalan Café".encode("utf-16")).encoding == "utf-16"


def test_symlink_outside_inbox_is_quarantined(tmp_path):
    outside = tmp_path / "secret.txt"
    outside.write_text("rahasia negara yang tidak boleh dibaca oleh siapa pun")
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.symlink(outside, inbox / "link.txt")
    with warehouse.connect(tmp_path / "raw.duckdb") as con:
        ingest_files(con, [inbox / "link.txt"], inbox, 10_000, datetime.now(UTC), "t")
        assert con.execute("select reason from quarantine").fetchone()[0] == "symlink_outside_inbox"


def test_emails_are_redacted_before_storage(tmp_path):
    _ingest(tmp_path, {"a.txt": b"Kirim ke pembaca@contoh.co.id atau 0812-3456-7890 sekarang juga."})
    with warehouse.connect(tmp_path / "raw.duckdb") as con:
        text = con.execute("select text from documents").fetchone()[0]
    assert "@" not in text and "[EMAIL]" in text and "[PHONE]" in text


def test_large_inbox_is_written_in_chunks_with_nothing_lost_or_doubled(tmp_path, monkeypatch):
    """Chunked writes (bounded memory) store what one write would: every text once, every file linked."""
    import flows.ingest

    monkeypatch.setattr(flows.ingest, "WRITE_EVERY", 2)
    texts = {
        f"berita_{i}.txt": f"Warga desa {i} menanam {i} pohon di tepi sungai pada Senin pagi.".encode()
        for i in range(7)
    }
    texts["salinan.txt"] = texts["berita_3.txt"]  # a duplicate lands in a later chunk than its original
    texts["kosong.txt"] = b""
    report, reasons = _ingest(tmp_path, texts)
    assert (report.new, report.duplicates, reasons) == (7, 1, {"kosong.txt": "empty"})
    with warehouse.connect(tmp_path / "raw.duckdb") as con:
        assert con.execute("select count(*), count(distinct doc_id) from documents").fetchone() == (7, 7)
        links = dict(con.execute("select source_uri, doc_id from document_sources").fetchall())
    assert len(links) == 8 and links["salinan.txt"] == links["berita_3.txt"]
