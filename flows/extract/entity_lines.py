"""Entities of plain texts, one per line, as JSON-ready spans: the library behind ``warta entities``.

Each line is treated as one article: the same gazetteer, recogniser and in-article resolution as the
pipeline, with offsets into that line. ``entity_id`` is computed with the marts' formula
(:func:`flows.extract.gazetteer.entity_id`), so a span joins to ``marts.entities`` on its id. The one case
it cannot know about is cross-article clustering of names the gazetteer lacks: a line holds one spelling,
and the marts may name that spelling's cluster after another one seen earlier.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from flows.extract.entities import EntityExtractor, Gazetteer
from flows.extract.gazetteer import entity_id
from flows.extract.records import EntityMention
from flows.extract.resources import SeedPaths


def load_extractor(seeds_dir: Path, model_dir: Path | None) -> EntityExtractor:
    """The pipeline's entity extractor; without ``model_dir`` it is gazetteer-only (no spaCy load)."""
    recogniser = None
    if model_dir is not None:
        from flows.extract.recogniser import Recogniser

        recogniser = Recogniser.load(model_dir)
    return EntityExtractor(Gazetteer.from_seeds(SeedPaths(seeds_dir)), recogniser)


def span_of(mention: EntityMention) -> dict[str, object]:
    """One mention as the JSON object ``warta entities`` prints."""
    return {
        "start": mention.start_char,
        "end": mention.end_char,
        "type": mention.entity_type,
        "text": mention.surface,
        "canonical_name": mention.canonical_name,
        "entity_id": entity_id(mention.entity_type, mention.canonical_name),
    }


def entities_of_lines(lines: Iterable[str], extractor: EntityExtractor, batch_size: int = 64) -> Iterator[list[dict]]:
    """Yield, per input line (trailing newline removed), its entity spans in order of position.

    Lines go through the recogniser in batches, which is several times faster than one at a time.
    """
    iterator = (line.rstrip("\r\n") for line in lines)
    while batch := list(islice(iterator, batch_size)):
        if extractor.recogniser is not None:
            model_spans = list(extractor.recogniser.spans(batch, batch_size=batch_size))  # type: ignore[attr-defined]
        else:
            model_spans = [[] for _ in batch]
        for text, spans in zip(batch, model_spans, strict=True):
            yield [span_of(m) for m in extractor.combine(text, spans)]
