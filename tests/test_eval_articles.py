"""``warta eval-articles``: the scorer must notice every kind of error it reports on."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from datetime import datetime

from click.testing import CliRunner

from flows.cli import main
from flows.evaluate.articles import body_leaks, labelled_pages, score_page
from flows.extract.records import ArticleParse
from tests.conftest import ROOT, SEEDS

FIXTURES = ROOT / "tests" / "fixtures" / "articles"
SEED_LABELS = ROOT / "tests" / "fixtures" / "seeds_labels"
LABEL = json.loads((FIXTURES / "tempo_komunikasi_laut.expected.json").read_text(encoding="utf-8"))


def perfect() -> ArticleParse:
    """The parse the label describes (lede: the first paragraph when the page has no standfirst)."""
    return ArticleParse(
        title=LABEL["title"],
        published_at=datetime.fromisoformat(LABEL["published_at"]),
        publisher=LABEL["publisher"],
        dateline=LABEL["dateline"],
        authors=LABEL["authors"],
        editors=LABEL["editors"],
        source_agencies=list(reversed(LABEL["source_agencies"])),  # order of agencies does not matter
        lede=LABEL["lede"] or LABEL["body"][0],
        body="\n\n".join(LABEL["body"]),
        captions=LABEL["captions"],
    )


def test_a_perfect_parse_scores_perfectly():
    score, mismatches = score_page("p", perfect(), LABEL)
    assert mismatches == [] and all(score.fields.values()) and score.exact_body and not score.leaks


def test_wrong_fields_and_a_shifted_timezone_are_mismatches():
    wrong = replace(
        perfect(),
        title="Cina Tuding Filipina Langgar Kesepakatan",
        published_at=datetime.fromisoformat(LABEL["published_at"].replace("+07:00", "+08:00")),
        authors=[],
    )
    score, mismatches = score_page("p", wrong, LABEL)
    assert {m.field for m in mismatches} == {"title", "published_at", "authors"}
    assert not score.fields["title"] and score.fields["dateline"]


def test_leaks_and_body_boundaries_are_counted():
    body = [*LABEL["body"], "Baca Selengkapnya", LABEL["captions"][0], "Sumber: Reuters"]
    score, mismatches = score_page("p", replace(perfect(), body="\n\n".join(body)), LABEL)
    assert len(score.leaks) == 3 and not score.last_ok and score.first_ok
    assert (score.matched, score.predicted, score.expected) == (7, 10, 7)
    assert any(m.field == "body[7]" for m in mismatches)


def test_an_unstripped_dateline_is_a_boundary_error_not_a_leak():
    body = ["TEMPO.CO, Jakarta - " + LABEL["body"][0], *LABEL["body"][1:]]
    assert body_leaks(body, LABEL["body"], LABEL["captions"]) == []
    score, _ = score_page("p", replace(perfect(), body="\n\n".join(body)), LABEL)
    assert not score.first_ok and score.last_ok


def test_personal_data_in_any_field_is_counted():
    score, _ = score_page("p", replace(perfect(), body=perfect().body + " Hubungi redaksi@contoh.co.id."), LABEL)
    assert score.pii == 1


def test_labels_can_live_in_their_own_folder():
    pairs, unlabelled = labelled_pages(SEEDS, SEED_LABELS)
    assert len(pairs) == 5 and unlabelled == []
    assert labelled_pages(SEEDS)[0] == []


def test_cli_prints_a_report_and_json():
    runner = CliRunner()
    text = runner.invoke(main, ["eval-articles", str(SEEDS), "--labels", str(SEED_LABELS)])
    assert text.exit_code == 0, text.output
    assert "title" in text.output and "boilerplate leaks     0" in text.output
    machine = runner.invoke(main, ["eval-articles", str(FIXTURES), "--json"])
    report = json.loads(machine.output)
    assert report["pages"] >= 20 and report["field_accuracy"]["title"] == 1.0 and report["boilerplate_leaks"] == 0


def test_cli_exits_0_on_errors_and_2_on_a_bad_folder(tmp_path):
    runner = CliRunner()
    shutil.copy(FIXTURES / "kompas_gempa_garut.txt", tmp_path / "page.txt")
    label = json.loads((FIXTURES / "kompas_gempa_garut.expected.json").read_text(encoding="utf-8"))
    (tmp_path / "page.expected.json").write_text(json.dumps({**label, "title": "Judul Lain"}), encoding="utf-8")
    result = runner.invoke(main, ["eval-articles", str(tmp_path)])
    assert result.exit_code == 0 and "title                 0.000" in result.output
    assert runner.invoke(main, ["eval-articles", str(tmp_path / "missing")]).exit_code == 2
    assert runner.invoke(main, ["eval-articles", str(SEEDS)]).exit_code == 2  # no sidecar next to any page
