"""``warta entities``: texts on stdin, one JSON list of spans per line, ids as the marts compute them."""

from __future__ import annotations

import json

from click.testing import CliRunner

from flows.cli import main
from flows.extract.gazetteer import entity_id

LINES = [
    "Presiden Rusia Vladimir Putin tiba di Pyongyang, Korut.",
    "",
    "Menurut pengamat Bambang Sutrisno, Kim Jong-un menyambut Putin. Sutrisno menambahkan, AS khawatir.",
]


def run(*args: str, lines: list[str] = LINES) -> list[list[dict]]:
    result = CliRunner().invoke(main, ["entities", *args], input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.output.splitlines()]


def test_one_json_list_per_input_line_with_offsets_into_that_line():
    output = run()
    assert len(output) == len(LINES) and output[1] == []
    for line, spans in zip(LINES, output, strict=True):
        for span in spans:
            assert set(span) == {"start", "end", "type", "text", "canonical_name", "entity_id"}
            assert line[span["start"] : span["end"]] == span["text"]
            assert span["entity_id"] == entity_id(span["type"], span["canonical_name"])


def test_the_model_finds_unknown_names_and_each_line_resolves_like_an_article():
    last = {(s["text"], s["type"], s["canonical_name"]) for s in run()[2]}
    assert ("Bambang Sutrisno", "PERSON", "Bambang Sutrisno") in last  # nobody listed him: the recogniser
    assert ("Sutrisno", "PERSON", "Bambang Sutrisno") in last  # short form, same line
    assert ("Kim Jong-un", "PERSON", "Kim Jong Un") in last
    assert ("AS", "LOCATION", "Amerika Serikat") in last


def test_gazetteer_only_mode_needs_no_model():
    first = run("--no-model")[0]
    assert [(s["text"], s["canonical_name"]) for s in first] == [
        ("Rusia", "Rusia"),
        ("Vladimir Putin", "Vladimir Putin"),
        ("Pyongyang", "Pyongyang"),
        ("Korut", "Korea Utara"),
    ]


def test_help_is_the_manual():
    result = CliRunner().invoke(main, ["entities", "--help"])
    assert result.exit_code == 0 and "one JSON line per input line" in " ".join(result.output.split())
