"""Discover inbox files and store each distinct text once, redacted, keyed by its content hash.

Every file ends up somewhere: as a new document, as another source of a known document (a
duplicate, linked to it), or in quarantine with a reason. Nothing here raises for a bad file.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb

from flows.crashpoints import pause_point
from flows.extract.pii import redact
from flows.extract.text import normalise
from flows.warehouse import insert_rows

SUFFIXES = {".txt": "text/plain", ".text": "text/plain", ".html": "text/html", ".htm": "text/html"}
LEGACY_ENCODINGS = ("cp1252", "iso-8859-15")
WRITE_EVERY = 2_000  # new documents held in memory before they are written


@dataclass(frozen=True)
class Rejected:
    reason: str
    detail: str


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str


@dataclass
class IngestReport:
    seen: int = 0
    new: int = 0
    duplicates: int = 0
    already_known: int = 0
    quarantined: list[tuple[str, str, str]] = field(default_factory=list)  # (file, reason, detail)
    redactions: int = 0


def discover(inbox: Path) -> list[Path]:
    """Candidate files under the inbox (hidden files and folders skipped), in a stable order."""
    if not inbox.is_dir():
        return []
    found = []
    for root, dirs, files in os.walk(inbox, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root) / f for f in sorted(files) if not f.startswith("."))
    return found


def decode(data: bytes) -> Decoded | Rejected:
    """Text of a file: UTF-8 (BOM or not), UTF-16 with a BOM, then common legacy encodings."""
    if not data.strip():
        return Rejected("empty", "the file is empty or whitespace only")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return Decoded(data.decode("utf-16"), "utf-16")
        except UnicodeDecodeError:
            return Rejected("undecodable", "UTF-16 byte order mark but invalid UTF-16")
    if b"\x00" in data:
        nul = data.count(0)
        return Rejected("binary", f"{nul} NUL bytes: not a text file")
    for encoding in ("utf-8-sig", *LEGACY_ENCODINGS):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if printable_share(text) >= 0.97:
            return Decoded(text, "utf-8" if encoding == "utf-8-sig" else encoding)
    return Rejected("undecodable", "not valid UTF-8, UTF-16 or " + ", ".join(LEGACY_ENCODINGS))


_PLAIN = re.compile(r"[\x20-\x7e\n\r\t]+")


def printable_share(text: str) -> float:
    """Share of characters that are printable or ordinary whitespace (a wrong decoding yields control bytes).

    Plain ASCII is removed with one regex first, so only the few other characters are tested one by one.
    """
    rest = _PLAIN.sub("", text)
    unprintable = sum(not ch.isprintable() for ch in rest)
    return 1 - unprintable / max(len(text), 1)


def read_file(path: Path, inbox: Path, max_bytes: int) -> tuple[bytes | None, Rejected | None]:
    """Bytes of an inbox file, or why it cannot be taken in."""
    if path.suffix.lower() not in SUFFIXES:
        return None, Rejected("unsupported_type", f"suffix {path.suffix or '(none)'} is not one of {sorted(SUFFIXES)}")
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError) as exc:
        return None, Rejected("unreadable", f"broken link or path: {exc}")
    if path.is_symlink() and not real.is_relative_to(inbox.resolve()):
        return None, Rejected("symlink_outside_inbox", f"links to {real}")
    try:
        info = real.stat()
        if not stat.S_ISREG(info.st_mode):  # reading a FIFO or a device would block or never end
            return None, Rejected("unreadable", f"not a regular file ({_file_kind(info.st_mode)})")
        size = info.st_size
        if size > max_bytes:
            return None, Rejected("too_large", f"{size} bytes > limit {max_bytes} (WARTA_MAX_BYTES)")
        return real.read_bytes(), None
    except PermissionError as exc:
        return None, Rejected("unreadable", f"permission denied: {exc.strerror}")
    except OSError as exc:
        return None, Rejected("unreadable", str(exc))


def _file_kind(mode: int) -> str:
    kinds = {stat.S_ISFIFO: "named pipe", stat.S_ISCHR: "character device", stat.S_ISBLK: "block device"}
    return next((name for test, name in kinds.items() if test(mode)), "socket or special file")


def content_id(text: str) -> str:
    """Document key: the same text under another name or encoding gets the same id."""
    return hashlib.sha256(normalise(text).strip().encode("utf-8")).hexdigest()[:16]


def ingest_files(
    con: duckdb.DuckDBPyConnection, files: list[Path], inbox: Path, max_bytes: int, now: datetime, run_id: str
) -> IngestReport:
    """Store new documents, link duplicates, quarantine bad files; one transaction.

    Files are read and classified in chunks of ``WRITE_EVERY`` new documents, then each table is written
    in one statement per chunk: a statement per file would cost more than reading, decoding and
    redacting the file.
    """
    report = IngestReport(seen=len(files))
    sources = con.execute("select source_uri, file_hash, doc_id from document_sources").fetchall()
    known = {r[1]: r[2] for r in sources}
    seen_pairs = {(r[0], r[1]) for r in sources}
    bad = {r[0] for r in con.execute("select file_hash from quarantine").fetchall()}
    existing_docs = {r[0] for r in con.execute("select doc_id from documents").fetchall()}
    documents: list[list] = []
    links: list[list] = []  # (source_uri, file_hash, doc_id, first_seen_at, last_seen_at)
    seen_again: list[tuple[str, str]] = []
    rejections: list[list] = []
    con.execute("begin")
    try:
        for path in files:
            if len(documents) >= WRITE_EVERY:  # bound memory on a large inbox; still one transaction
                _write(con, documents, links, seen_again, rejections, now)
                documents, links, seen_again, rejections = [], [], [], []
            uri = str(path.relative_to(inbox)) if path.is_relative_to(inbox) else str(path)
            data, rejected = read_file(path, inbox, max_bytes)
            file_hash = _file_hash(data, uri)
            if data is not None and (uri, file_hash) in seen_pairs:
                report.already_known += 1
                seen_again.append((uri, file_hash))
                continue
            if data is not None and file_hash in known:  # same bytes under another name: link, don't store
                report.duplicates += 1
                links.append([uri, file_hash, known[file_hash], now, now])
                seen_pairs.add((uri, file_hash))
                continue
            if rejected is None and data is not None:
                decoded = decode(data)
                if isinstance(decoded, Rejected):
                    rejected = decoded
            if rejected is not None:
                if file_hash not in bad:
                    report.quarantined.append((uri, rejected.reason, rejected.detail))
                row = [uri, file_hash, "ingest", rejected.reason, rejected.detail, None, None, now, now, run_id]
                rejections.append(row)
                bad.add(file_hash)
                continue
            assert isinstance(decoded, Decoded) and data is not None
            redaction = redact(decoded.text)
            doc_id = content_id(redaction.text)
            if doc_id in existing_docs:
                report.duplicates += 1
            else:
                media_type = SUFFIXES[path.suffix.lower()]
                documents.append(
                    [doc_id, uri, media_type, decoded.encoding, len(data), redaction.text, redaction.total, now, run_id]
                )
                existing_docs.add(doc_id)
                report.new += 1
                report.redactions += redaction.total
            links.append([uri, file_hash, doc_id, now, now])
            known[file_hash] = doc_id
            seen_pairs.add((uri, file_hash))
        _write(con, documents, links, seen_again, rejections, now)
        pause_point("ingest")  # every row written, transaction not yet committed
        con.execute("commit")
    except Exception:
        con.execute("rollback")
        raise
    return report


def _file_hash(data: bytes | None, uri: str) -> str:
    """The key of a file's bytes; a file that could not be read is keyed by its path instead."""
    return hashlib.sha256(data).hexdigest() if data is not None else "path:" + hashlib.sha256(uri.encode()).hexdigest()


def _write(
    con: duckdb.DuckDBPyConnection,
    documents: list[list],
    links: list[list],
    seen_again: list[tuple[str, str]],
    rejections: list[list],
    now: datetime,
) -> None:
    insert_rows(con, "documents", documents)
    insert_rows(con, "document_sources", links, "on conflict do update set doc_id = excluded.doc_id")
    insert_rows(con, "quarantine", rejections, "on conflict do update set last_seen_at = excluded.last_seen_at")
    if seen_again:
        uris, hashes = (list(column) for column in zip(*seen_again, strict=True))
        con.execute(
            """update document_sources s set last_seen_at = ?
               from (select unnest(?::varchar[]) as source_uri, unnest(?::varchar[]) as file_hash) k
               where s.source_uri = k.source_uri and s.file_hash = k.file_hash""",
            [now, uris, hashes],
        )
