"""The running-text NER scorer behind the model card's "with and without the gazetteer" table."""

from __future__ import annotations

from pathlib import Path

from flows.evaluate.ner import detokenise, score, systems

ROOT = Path(__file__).resolve().parents[1]


def test_detokenised_text_keeps_gold_entities_in_characters():
    tokens = ["Presiden", "Joko", "Widodo", "tiba", "di", "Moskow", ",", "Rusia", "(", "AS", ")", "."]
    tags = ["O", "B-PERSON", "I-PERSON", "O", "O", "B-LOCATION", "O", "B-LOCATION", "O", "B-LOCATION", "O", "O"]
    gold = detokenise(tokens, tags)
    assert gold.text == "Presiden Joko Widodo tiba di Moskow, Rusia (AS)."
    assert {gold.text[s:e] for s, e, _ in gold.spans} == {"Joko Widodo", "Moskow", "Rusia", "AS"}


def test_score_is_exact_span_and_type_match():
    gold = [frozenset({(0, 4, "PERSON"), (10, 15, "LOCATION")})]
    result = score(gold, [[(0, 4, "PERSON"), (10, 15, "ORGANIZATION"), (20, 22, "LOCATION")]])
    assert (result["precision"], result["recall"]) == (1 / 3, 1 / 2)
    assert result["per_type"]["PERSON"]["f1"] == 1.0 and result["per_type"]["LOCATION"]["recall"] == 0.0


def test_gazetteer_system_runs_the_pipeline_combination():
    class NoModel:
        def spans(self, texts):
            return [[] for _ in texts]

    run = systems(ROOT / "dbt" / "seeds", NoModel())
    text = "Presiden Joko Widodo tiba di Moskow, Rusia."
    assert run["gazetteer alone"]([text]) == run["model + gazetteer"]([text])
    assert {text[s:e] for s, e, _ in run["gazetteer alone"]([text])[0]} == {"Joko Widodo", "Moskow", "Rusia"}
    assert run["model alone"]([text]) == [[]]
