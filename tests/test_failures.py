"""Clear failures: a full disk, a read-only warehouse and corrupt files give one readable line on stderr
and a non-zero exit, never a traceback; a corrupt published file is rebuilt by the next run.

Full and read-only disks are real: the CLI runs in a private mount namespace (``unshare -m``; a user
namespace when not root) where the warehouse is a full 1 MB tmpfs or a read-only bind mount, so the
kernel answers ENOSPC and EROFS exactly as it would on a real machine. Nothing leaks out of the namespace.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from flows.marts import open_marts
from tests.conftest import ROOT

WARTA = [sys.executable, "-m", "flows.cli"]
FILL = 'dd if=/dev/zero of="$W/fill" bs=64k >/dev/null 2>&1; '


def _namespace() -> list[str] | None:
    """The unshare prefix that gives this process a private mount namespace, if the machine allows one."""
    if shutil.which("unshare") is None:
        return None
    for prefix in (["unshare", "-m"], ["unshare", "-r", "-m"]):
        if subprocess.run([*prefix, "true"], capture_output=True).returncode == 0:
            return prefix
    return None


NAMESPACE = _namespace()
needs_namespace = pytest.mark.skipif(NAMESPACE is None, reason="no private mount namespace (unshare) allowed here")


def warta(*args: str, setup: str = "", wh: Path | None = None, timeout: int = 300) -> subprocess.CompletedProcess:
    """Run the warta CLI; with ``setup``, first run that shell snippet in a private mount namespace."""
    command = [*WARTA, *args]
    if setup:
        command = [*NAMESPACE, "sh", "-c", f'W="{wh}"; {setup} exec "$@"', "sh", *command]
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=timeout)


def assert_one_clear_line(done: subprocess.CompletedProcess, code: int, *words: str) -> str:
    lines = [line for line in done.stderr.splitlines() if line.startswith("warta:")]
    assert done.returncode == code, done.stdout + done.stderr[-3000:]
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr[-3000:]
    assert len(lines) == 1, done.stderr[-3000:]
    for word in words:
        assert word in lines[0]
    return lines[0]


@needs_namespace
def test_full_disk_says_so_and_exits_74(tmp_path):
    wh = tmp_path / "warehouse"
    wh.mkdir()
    mount = 'mount -t tmpfs -o size=1m tmpfs "$W" && ' + FILL
    done = warta("run", "--inbox", str(ROOT / "seeds"), "--warehouse", str(wh), setup=mount, wh=wh)
    assert_one_clear_line(done, 74, "full", "no space left on device", str(wh))


@needs_namespace
def test_read_only_warehouse_says_so_and_exits_74(fresh_copy):
    inbox, wh = fresh_copy
    before = hashlib.sha256((wh / "marts.duckdb").read_bytes()).hexdigest()
    bind = 'mount --bind "$W" "$W" && mount -o remount,bind,ro "$W" && '
    done = warta("run", "--inbox", str(inbox), "--warehouse", str(wh), setup=bind, wh=wh)
    assert_one_clear_line(done, 74, "read-only", str(wh))
    assert hashlib.sha256((wh / "marts.duckdb").read_bytes()).hexdigest() == before


def test_corrupt_raw_warehouse_says_so_and_exits_74(fresh_copy):
    inbox, wh = fresh_copy
    (wh / "raw.duckdb").write_bytes(os.urandom(300_000))
    done = warta("run", "--inbox", str(inbox), "--warehouse", str(wh))
    assert_one_clear_line(done, 74, "raw.duckdb", "corrupt")


def test_corrupt_published_marts_are_reported_by_sql_and_rebuilt_by_the_next_run(fresh_copy):
    inbox, wh = fresh_copy
    marts = wh / "marts.duckdb"
    marts.write_bytes(b"not a database, just garbage " * 2000)

    query = warta("sql", "select count(*) from marts.articles", "--warehouse", str(wh))
    assert_one_clear_line(query, 1, "marts.duckdb", "corrupt", "warta run")

    done = warta("run", "--inbox", str(inbox), "--warehouse", str(wh))
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "published marts were unreadable" in done.stdout and "Traceback" not in done.stderr
    con = open_marts(marts)
    try:
        assert con.execute("select count(*) from marts.articles").fetchone()[0] == 5
    finally:
        con.close()
