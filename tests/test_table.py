"""`warta sql`'s terminal table: aligned, numbers right, long text cut, fits the terminal, counts rows."""

from __future__ import annotations

from datetime import date

from flows.table import format_table


def test_numbers_right_text_left_and_row_count():
    out = format_table(["name", "n"], [("Putin", 36), ("Kim Jong Un", 11)]).splitlines()
    assert out[0] == "name          n"
    assert out[2] == "Putin        36" and out[3] == "Kim Jong Un  11"
    assert out[-1] == "(2 rows)"
    assert format_table(["x"], [(1,)]).splitlines()[-1] == "(1 row)"
    assert format_table(["x"], []).splitlines()[-1] == "(0 rows)"


def test_long_text_is_cut_and_line_breaks_flattened():
    out = format_table(["body"], [("a\nb " + "x" * 100,)], cell_width=20).splitlines()
    assert out[2] == "a b " + "x" * 15 + "…" and len(out[2]) == 20


def test_table_fits_the_terminal_by_shrinking_text_not_numbers():
    rows = [("t" * 50, "u" * 50, 123456, date(2024, 6, 18))]
    out = format_table(["title", "lede", "words", "day"], rows, max_width=80).splitlines()
    assert all(len(line) <= 80 for line in out)
    assert "123456" in out[2] and "2024-06-18" in out[2]


def test_nulls_lists_and_floats_read_well():
    out = format_table(["a", "b", "c"], [(None, ["Putin", "Vladimir Putin"], 0.123456789)]).splitlines()
    assert out[2].split("  ")[0].strip() == ""
    assert "[Putin, Vladimir Putin]" in out[2] and "0.123457" in out[2]
