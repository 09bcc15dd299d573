"""Quarantine: every kind of bad input lands in raw.quarantine with its reason, and the run goes on.

One real run takes an inbox holding one file of each kind, next to the five good seed articles; the
good ones still publish, the bad ones are listed (by file, with reason) in raw.quarantine, the run's
artifact and ``warta status``.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import main
from tests.conftest import ROOT, run_pipeline

ENGLISH = (
    "The finance minister said on Monday that the government would raise fuel subsidies next year after protests"
    " spread across several cities. Officials in Jakarta told reporters that the budget would be revised in"
    " parliament next month, and economists warned that inflation could rise sharply as a result.\n\nOpposition"
    " lawmakers criticised the plan, saying it favoured large companies over small farmers and fishermen."
)
LOGIN = (
    "Masuk\nDaftar\nEmail atau nomor ponsel\nKata sandi\nLupa kata sandi?\nIngat saya\nMasuk dengan Google\n"
    "Masuk dengan Facebook\nBelum punya akun? Daftar sekarang\nKebijakan Privasi\nSyarat dan Ketentuan\n© 2024"
)
INDEX = (
    "Beranda\nNasional\nInternasional\nEkonomi\nOlahraga\nTekno\nIndeks Berita\nPresiden resmikan bendungan baru"
    " di Jawa Tengah\nHarga beras naik di sejumlah pasar\nTimnas menang 2-0 atas Vietnam\nBerita Terpopuler\nLoad more"
)
EXPECTED = {
    "empty.txt": "empty",
    "blank.txt": "empty",
    "binary.txt": "binary",
    "undecodable.txt": "undecodable",
    "huge.txt": "too_large",
    "notes.pdf": "unsupported_type",
    "pipe.txt": "unreadable",
    "link-outside.txt": "symlink_outside_inbox",
    "english.txt": "language:en",
    "login.txt": "boilerplate_only",
    "index.html": "boilerplate_only",
}


def add_bad_inputs(inbox: Path, outside: Path) -> None:
    """One file per quarantine reason (and one duplicate), as they would arrive in a real inbox."""
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "blank.txt").write_bytes(b"  \n\t\r\n   \n")
    (inbox / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00")
    (inbox / "undecodable.txt").write_bytes(b"\x81\x8d\x8f\x90\x9d" * 40)  # neither UTF-8, cp1252 nor text
    (inbox / "huge.txt").write_bytes(b"kata " * 4000)  # 20 kB > WARTA_MAX_BYTES below
    (inbox / "notes.pdf").write_bytes(b"%PDF-1.4\n")
    os.mkfifo(inbox / "pipe.txt")  # reading it would block the run forever
    outside.write_text("Dokumen rahasia di luar kotak masuk yang tidak boleh dibaca oleh Warta sama sekali.")
    os.symlink(outside, inbox / "link-outside.txt")
    (inbox / "english.txt").write_text(ENGLISH, encoding="utf-8")
    (inbox / "login.txt").write_text(LOGIN, encoding="utf-8")
    (inbox / "index.html").write_text(f"<html><body><p>{INDEX.replace(chr(10), '</p><p>')}</p></body></html>")
    shutil.copy(sorted(inbox.glob("0*.txt"))[0], inbox / "same-article-again.txt")


def test_every_bad_input_is_quarantined_with_its_reason_and_the_run_publishes(fresh_copy, tmp_path, monkeypatch):
    inbox, wh = fresh_copy
    add_bad_inputs(inbox, tmp_path / "outside-secret.txt")
    monkeypatch.setenv("WARTA_MAX_BYTES", "12000")  # the seed articles are 3-9 kB

    summary = run_pipeline(inbox, wh)

    assert summary.state == "Completed" and summary.published
    assert summary.docs_duplicate == 1
    con = duckdb.connect(str(wh / "raw.duckdb"), read_only=True)
    try:
        rows = con.execute(
            "select source_uri, stage, reason, detail, file_hash, first_seen_at from quarantine"
        ).fetchall()
        linked = con.execute(
            "select count(*) from document_sources s join documents d using (doc_id)"
            " where s.source_uri = 'same-article-again.txt' and d.source_uri <> s.source_uri"
        ).fetchone()[0]
    finally:
        con.close()
    assert {r[0]: r[2] for r in rows} == EXPECTED
    assert all(r[3] and r[4] and r[5] for r in rows), "every entry has a detail, a hash and a first-seen time"
    assert {r[0] for r in rows if r[1] == "extract"} == {"english.txt", "login.txt", "index.html"}
    assert linked == 1, "the duplicate is linked to the article it duplicates"
    assert sorted((u, r) for u, r, _ in summary.quarantine) == sorted(EXPECTED.items())
    markdown = summary.to_markdown()
    for name, reason in EXPECTED.items():
        assert f"| `{name}` | **{reason}** |" in markdown

    status = CliRunner().invoke(main, ["status", "--warehouse", str(wh)])
    assert status.exit_code == 0
    for name, reason in EXPECTED.items():
        assert name in status.output and reason in status.output

    again = run_pipeline(inbox, wh)
    assert again.published_path and again.quarantine == [], "known bad files are not reported as new again"
    con = duckdb.connect(str(wh / "raw.duckdb"), read_only=True)
    try:
        assert con.execute("select count(*) from quarantine").fetchone()[0] == len(EXPECTED)
    finally:
        con.close()


INGEST_AS_USER = """
import sys
from datetime import UTC, datetime
from pathlib import Path
from flows import warehouse
from flows.ingest import ingest_files
inbox, db = Path(sys.argv[1]), Path(sys.argv[2])
with warehouse.connect(db) as con:
    ingest_files(con, sorted(inbox.iterdir()), inbox, 100_000, datetime.now(UTC), "t")
    for row in con.execute("select source_uri, reason, detail from quarantine").fetchall():
        print("|".join(row))
"""


def _drop_file_override_capabilities() -> None:
    """In the child before exec: root loses CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, so modes apply to it."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def test_file_without_read_permission_is_quarantined_as_unreadable(tmp_path):
    """chmod 000 stops everyone but root; as root, the ingest runs in a child without the override capability."""
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "locked.txt").write_text("Presiden meresmikan jembatan baru di Pontianak pada Kamis pagi.")
    (inbox / "locked.txt").chmod(0)
    try:
        done = subprocess.run(
            [sys.executable, "-c", INGEST_AS_USER, str(inbox), str(tmp_path / "raw.duckdb")],
            preexec_fn=_drop_file_override_capabilities if os.geteuid() == 0 else None,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
    except subprocess.SubprocessError as exc:
        pytest.skip(f"cannot drop root's file-permission override here: {exc}")
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.splitlines() == ["locked.txt|unreadable|permission denied: Permission denied"]
