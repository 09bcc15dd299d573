"""Tests for the NER training module and the runtime recogniser.

The training test uses a tiny invented corpus laid out like the real one, so it runs in seconds and
needs none of the licensed data; only the last test uses the shipped model in ``models/ner-id``.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from flows.extract.recogniser import NerSpan, Recogniser
from flows.train_ner import evaluate, read_conll, split_nerui, train_ner

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "ner-id"

# Invented sentences (not from any corpus): (tokens, source-style tags).
_PEOPLE = [["Budi", "Santoso"], ["Siti", "Rahma"], ["Agus", "Salim"], ["Dewi", "Lestari"]]
_PLACES = [["Bandung"], ["Surabaya"], ["Nusa", "Tenggara", "Barat"], ["Medan"]]
_ORGS = [["Bank", "Nusantara"], ["Universitas", "Merdeka"], ["PT", "Kopi", "Lokal"], ["Partai", "Rakyat"]]


def _sentences(n: int, place: str, org: str, offset: int = 0) -> list[tuple[list[str], list[str]]]:
    out = []
    for i in range(n):
        person = _PEOPLE[(i + offset) % len(_PEOPLE)]
        where = _PLACES[(i + 2 * offset) % len(_PLACES)]
        who = _ORGS[(i + 3 * offset) % len(_ORGS)]
        tokens = [*person, "bekerja", "di", *who, "di", *where, "."]
        tags = (
            ["B-PERSON"]
            + ["I-PERSON"] * (len(person) - 1)
            + ["O", "O"]
            + [f"B-{org}"]
            + [f"I-{org}"] * (len(who) - 1)
            + ["O"]
            + [f"B-{place}"]
            + [f"I-{place}"] * (len(where) - 1)
            + ["O"]
        )
        out.append((tokens, tags))
    return out


def _write(path: Path, sentences: list[tuple[list[str], list[str]]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    blocks = ["\n".join(f"{t}\t{g}" for t, g in zip(tokens, tags, strict=True)) for tokens, tags in sentences]
    path.write_text("\n\n".join(blocks) + "\n", encoding="utf-8")


@pytest.fixture()
def tiny_data(tmp_path: Path) -> Path:
    data = tmp_path / "ner"
    for i, split in enumerate(("train", "valid", "test")):
        _write(data / "nergrit" / f"{split}.tsv", _sentences(12, "PLACE", "ORGANISATION", offset=i))
    _write(data / "nerui" / "nerui.tsv", _sentences(12, "LOCATION", "ORGANIZATION", offset=3))
    return data


def _assert_prf(block: dict) -> None:
    for key in ("precision", "recall", "f1"):
        assert 0.0 <= block[key] <= 1.0


@pytest.mark.slow
def test_train_ner_on_tiny_corpus(tiny_data: Path, tmp_path: Path) -> None:
    out = tmp_path / "model"
    metrics = train_ner(tiny_data, out, max_epochs=1)

    assert (out / "config.cfg").is_file() and (out / "meta.json").is_file()
    nlp = spacy.load(out)
    assert nlp.pipe_names == ["tok2vec", "ner"]
    assert set(nlp.get_pipe("ner").labels) == {"PERSON", "LOCATION", "ORGANIZATION"}

    for test_set in ("nergrit_test", "nerui_test"):
        block = metrics[test_set]
        _assert_prf(block)
        assert set(block["per_type"]) == {"PERSON", "LOCATION", "ORGANIZATION"}
        for per_type in block["per_type"].values():
            _assert_prf(per_type)
    assert 0.0 <= metrics["dev_f1"] <= 1.0
    assert metrics["sizes"]["nergrit_train"] == 12
    assert sum(metrics["sizes"][k] for k in ("nerui_train", "nerui_dev", "nerui_test")) == 12
    json.dumps(metrics)  # the CLI prints it

    # What was saved is the model that was scored.
    assert evaluate(nlp, read_conll(tiny_data / "nergrit" / "test.tsv")) == metrics["nergrit_test"]


def test_unknown_knob_is_rejected(tiny_data: Path, tmp_path: Path) -> None:
    with pytest.raises(TypeError, match="unknown knobs"):
        train_ner(tiny_data, tmp_path / "m", max_epochs=1, widht=128)


def test_read_conll_maps_tags(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text(
        "Joko\tB-PERSON\nWidodo\tI-PERSON\nke\tO\nJawa\tB-PLACE\nBarat\tI-PLACE\n\n"
        "\n"
        "KPK\tB-ORGANISATION\ndan\tO\nBank\tB-ORGANIZATION\nDunia\tI-ORGANIZATION\ndi\tO\n"
        "Bali\tB-LOCATION\nkemarin\tI-LOCATION\nlalu\tB-MISC\n",
        encoding="utf-8",
    )
    sentences = read_conll(path)
    assert sentences == [
        (
            ["Joko", "Widodo", "ke", "Jawa", "Barat"],
            ["B-PERSON", "I-PERSON", "O", "B-LOCATION", "I-LOCATION"],
        ),
        (
            ["KPK", "dan", "Bank", "Dunia", "di", "Bali", "kemarin", "lalu"],
            ["B-ORGANIZATION", "O", "B-ORGANIZATION", "I-ORGANIZATION", "O", "B-LOCATION", "I-LOCATION", "O"],
        ),
    ]


def test_read_conll_repairs_orphan_inside_tag(tmp_path: Path) -> None:
    path = tmp_path / "x.tsv"
    path.write_text("di\tO\nBogor\tI-PLACE\n", encoding="utf-8")
    assert read_conll(path) == [(["di", "Bogor"], ["O", "B-LOCATION"])]


def test_split_nerui_is_deterministic_and_disjoint() -> None:
    sentences = [([f"kata{i}", "lain"], ["O", "O"]) for i in range(100)]
    sentences += [(["kata7", "lain"], ["O", "O"])]  # a duplicate must stay on one side
    train, dev, test = split_nerui(sentences, seed=13)
    assert (train, dev, test) == split_nerui(sentences, seed=13)
    assert split_nerui(sentences, seed=14) != (train, dev, test)
    assert len(train) + len(dev) + len(test) == len(sentences)
    assert len(test) == pytest.approx(0.2 * len(sentences), abs=1)
    assert len(dev) == pytest.approx(0.1 * len(sentences), abs=1)
    keys = [{tuple(tokens) for tokens, _ in part} for part in (train, dev, test)]
    assert not (keys[0] & keys[1]) and not (keys[0] & keys[2]) and not (keys[1] & keys[2])


def test_evaluate_counts_exact_matches_only() -> None:
    nlp = spacy.blank("xx")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": "Budi"}, {"label": "LOCATION", "pattern": "Bogor"}])
    sentences = [
        (["Budi", "Santoso", "ke", "Bogor"], ["B-PERSON", "I-PERSON", "O", "B-LOCATION"]),
    ]
    scores = evaluate(nlp, sentences)
    # "Budi" alone is a boundary error: it counts as a false positive and a false negative.
    assert scores["precision"] == 0.5 and scores["recall"] == 0.5
    assert scores["per_type"]["LOCATION"]["f1"] == 1.0
    assert scores["per_type"]["PERSON"]["f1"] == 0.0


@pytest.mark.skipif(not (MODEL_DIR / "config.cfg").is_file(), reason="shipped model models/ner-id not built")
def test_recogniser_on_shipped_model() -> None:
    recogniser = Recogniser.load(MODEL_DIR)
    texts = [
        "Menteri Keuangan Sri Mulyani bertemu Presiden Joko Widodo di Jakarta pada Senin.",
        "",
        "Gubernur Jawa Barat Ridwan Kamil meresmikan kantor baru Bank Indonesia di Bandung.",
    ]
    results = list(recogniser.spans(texts, batch_size=2))
    assert len(results) == len(texts)
    assert results[1] == []
    for text, spans in zip(texts, results, strict=True):
        for span in spans:
            assert isinstance(span, NerSpan)
            assert text[span.start : span.end] == span.text
            assert span.label in {"PERSON", "ORGANIZATION", "LOCATION"}
    assert any(span.label == "PERSON" for span in results[0])
    with pytest.raises(AttributeError):
        results[0][0].label = "X"  # type: ignore[misc]
