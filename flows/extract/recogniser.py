"""Runtime use of Warta's trained Indonesian NER model (spaCy only).

Why a thin wrapper: the rest of the pipeline wants plain, immutable ``(start, end, label, text)`` records
with character offsets into the text it passed in -- not spaCy ``Doc`` objects, which hold a reference to
the vocabulary, are awkward to pickle across processes and tie every caller to spaCy's API. Batching goes
through ``nlp.pipe`` because that is several times faster than calling the model one text at a time.

The model itself is produced by :mod:`flows.train_ner` and shipped in ``models/ner-id/``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language

__all__ = ["LABELS", "NerSpan", "Recogniser"]

#: The entity types the model predicts (and the only ones ``Recogniser`` ever reports).
LABELS: frozenset[str] = frozenset({"PERSON", "ORGANIZATION", "LOCATION"})


@dataclass(frozen=True, slots=True)
class NerSpan:
    """One recognised entity: ``text[start:end] == span.text`` for the text it was found in."""

    start: int
    end: int
    label: str
    text: str


class Recogniser:
    """Find PERSON, ORGANIZATION and LOCATION mentions in Indonesian text with the shipped spaCy model."""

    def __init__(self, nlp: Language) -> None:
        """Wrap an already loaded pipeline (tests and notebooks may build one themselves)."""
        if "ner" not in nlp.pipe_names:
            raise ValueError(f"pipeline has no 'ner' component: {nlp.pipe_names}")
        self.nlp = nlp

    @classmethod
    def load(cls, model_dir: Path) -> Recogniser:
        """Load the model directory written by ``flows.train_ner.train_ner`` (``nlp.to_disk`` format).

        Loading takes a few seconds (spaCy's Indonesian tokenizer has tens of thousands of exceptions), so
        load once per process and reuse the instance.
        """
        model_dir = Path(model_dir)
        if not (model_dir / "config.cfg").is_file():
            raise FileNotFoundError(f"no spaCy model in {model_dir} (missing config.cfg)")
        return cls(spacy.load(model_dir))

    def spans(self, texts: Iterable[str], batch_size: int = 64) -> Iterator[list[NerSpan]]:
        """Yield, for each input text in order, its entities sorted by position.

        Offsets are character offsets into the text exactly as given (spaCy tokenises without altering
        the string), so callers can slice the original text or store the offsets next to it.
        """
        for doc in self.nlp.pipe(texts, batch_size=batch_size):
            yield [
                NerSpan(ent.start_char, ent.end_char, ent.label_, ent.text) for ent in doc.ents if ent.label_ in LABELS
            ]
