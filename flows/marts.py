"""Open the published marts for reading, the way every Warta reader should.

DuckDB names a database after its file, so opening ``marts.duckdb`` directly creates a catalog
``marts`` beside the schema ``marts`` and ``marts.articles`` becomes ambiguous. Attaching the file
under the alias ``warta`` (read-only) and making it the default keeps the contract's names working:
``select * from marts.articles``. Direct openers can write ``marts.marts.articles`` instead.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

ALIAS = "warta"


def open_marts(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection on the published marts where ``marts.<table>`` resolves."""
    con = duckdb.connect()
    escaped = str(path).replace("'", "''")
    con.execute(f"attach '{escaped}' as {ALIAS} (read_only)")
    con.execute(f"use {ALIAS}")
    return con
