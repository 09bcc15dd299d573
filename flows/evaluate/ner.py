"""Score entity recognition on running text: the model alone, the gazetteer alone, and both combined.

Why a second scorer next to ``flows.train_ner.evaluate``: that one feeds the model the corpus's own tokens,
which makes the figures comparable with the published benchmarks but says nothing about the gazetteer,
which works on characters. Here each test sentence is turned back into newspaper-like text, every system
returns character spans into that text, and a prediction counts only when start, end and type all match a
gold entity (the same exact-match rule, in characters). The "combined" system is exactly what the pipeline
runs: ``EntityExtractor.combine`` over the recogniser's spans, including role stripping, fuzzy lookup and
in-article short-form resolution (each sentence is its own article).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flows.extract.entities import EntityExtractor, Gazetteer
from flows.extract.resources import SeedPaths
from flows.train_ner import _iob_spans, _prf, read_conll, split_nerui

Span = tuple[int, int, str]  # (start_char, end_char, type)
_NO_SPACE_BEFORE = frozenset(".,;:!?)]}%")
_NO_SPACE_AFTER = frozenset("([{")


@dataclass(frozen=True)
class GoldText:
    """One test sentence as plain text with its gold entities in character offsets."""

    text: str
    spans: frozenset[Span]


def detokenise(tokens: Sequence[str], tags: Sequence[str]) -> GoldText:
    """Join tokens like newspaper text (no space before closing punctuation) and map gold spans to characters."""
    starts: list[int] = []
    parts: list[str] = []
    length = 0
    for i, token in enumerate(tokens):
        glue = i > 0 and token not in _NO_SPACE_BEFORE and tokens[i - 1] not in _NO_SPACE_AFTER
        if glue:
            parts.append(" ")
            length += 1
        starts.append(length)
        parts.append(token)
        length += len(token)
    ends = [s + len(t) for s, t in zip(starts, tokens, strict=True)]
    spans = frozenset((starts[a], ends[b - 1], label) for a, b, label in _iob_spans(tags))
    return GoldText("".join(parts), spans)


def test_sets(data_dir: Path, seed: int = 13) -> dict[str, list[GoldText]]:
    """The two test sets of the model card: NER-UI held out (seeded split) and NERGrit test."""
    _train, _dev, nerui_test = split_nerui(read_conll(data_dir / "nerui" / "nerui.tsv"), seed=seed)
    nergrit_test = read_conll(data_dir / "nergrit" / "test.tsv")
    return {
        "NER-UI held-out": [detokenise(t, g) for t, g in nerui_test],
        "NERGrit test": [detokenise(t, g) for t, g in nergrit_test],
    }


def score(gold: Iterable[frozenset[Span]], predicted: Iterable[Iterable[Span]]) -> dict[str, Any]:
    """Micro P/R/F1 overall and per type, exact character-span match."""
    counts: dict[str, list[int]] = {}
    for gold_spans, pred in zip(gold, predicted, strict=True):
        pred_spans = set(pred)
        for label in {s[2] for s in pred_spans | gold_spans}:
            row = counts.setdefault(label, [0, 0, 0])
            row[0] += sum(1 for s in pred_spans & gold_spans if s[2] == label)
            row[1] += sum(1 for s in pred_spans if s[2] == label)
            row[2] += sum(1 for s in gold_spans if s[2] == label)
    total = [sum(row[i] for row in counts.values()) for i in range(3)]
    result: dict[str, Any] = dict(_prf(*total))
    result["per_type"] = {label: _prf(*row) for label, row in sorted(counts.items())}
    return result


def systems(seeds_dir: Path, recogniser: Any) -> dict[str, Callable[[list[str]], list[list[Span]]]]:
    """The three systems to compare, each mapping texts to their predicted character spans."""
    extractor = EntityExtractor(Gazetteer.from_seeds(SeedPaths(seeds_dir)))

    def model_spans(texts: list[str]) -> list[list]:
        return list(recogniser.spans(texts))

    def model(texts: list[str]) -> list[list[Span]]:
        return [[(s.start, s.end, s.label) for s in spans] for spans in model_spans(texts)]

    def combined(texts: list[str]) -> list[list[Span]]:
        return [_mention_spans(extractor.combine(t, s)) for t, s in zip(texts, model_spans(texts), strict=True)]

    def gazetteer(texts: list[str]) -> list[list[Span]]:
        return [_mention_spans(extractor.combine(t, [])) for t in texts]

    return {"model alone": model, "model + gazetteer": combined, "gazetteer alone": gazetteer}


def _mention_spans(mentions: Iterable) -> list[Span]:
    return [(m.start_char, m.end_char, m.entity_type) for m in mentions]


def evaluate_with_gazetteer(data_dir: Path, model_dir: Path, seeds_dir: Path, seed: int = 13) -> dict[str, Any]:
    """``{test set: {system: scores}}`` for the model card's "with/without gazetteer" table."""
    from flows.extract.recogniser import Recogniser

    run = systems(seeds_dir, Recogniser.load(model_dir))
    results: dict[str, Any] = {}
    for name, gold in test_sets(data_dir, seed).items():
        texts = [g.text for g in gold]
        results[name] = {system: score([g.spans for g in gold], fn(texts)) for system, fn in run.items()}
    return results


def to_markdown(results: dict[str, Any]) -> str:
    """The figures as the model card's tables (one per test set)."""
    lines: list[str] = []
    for test_set, by_system in results.items():
        lines += [f"**{test_set}**", "", "| system | type | precision | recall | F1 |", "|---|---|---:|---:|---:|"]
        for system, scores in by_system.items():
            for label, row in scores["per_type"].items():
                lines.append(f"| {system} | {label} | {row['precision']:.3f} | {row['recall']:.3f} | {row['f1']:.3f} |")
            lines.append(
                f"| **{system}** | **all (micro)** | {scores['precision']:.3f} | {scores['recall']:.3f} "
                f"| **{scores['f1']:.3f}** |"
            )
        lines.append("")
    return "\n".join(lines)
