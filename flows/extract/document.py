"""Extract one stored document: article, entities and events, or the reason to quarantine it.

``DocumentExtractor`` is built once per process (loading the gazetteer, lexicon and model) and then
called per document; it holds no database or orchestration state, so it runs the same in a Prefect
task, a Dask worker or a unit test.
"""

from __future__ import annotations

import traceback
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from flows.extract.article import parse_article
from flows.extract.entities import EntityExtractor, Gazetteer
from flows.extract.events import EventExtractor
from flows.extract.language import detect_language
from flows.extract.publishers import PublisherIndex
from flows.extract.records import ArticleParse, Extraction
from flows.extract.resources import DATA_DIR, SeedPaths, fingerprint

MIN_BODY_WORDS = 25  # below this, a page is navigation, a login wall or an index, not an article


class DocumentExtractor:
    """All extraction steps for one document, with their vocabularies loaded once."""

    def __init__(self, seeds: SeedPaths, recogniser: object | None = None, model_dir: Path | None = None) -> None:
        self.publishers = PublisherIndex.from_csv(seeds.publishers)
        self.entities = EntityExtractor(Gazetteer.from_seeds(seeds), recogniser)
        self.events = EventExtractor.from_seeds(seeds)
        self.version = self.version_for(seeds.seeds_dir, model_dir if recogniser is not None else None)

    @staticmethod
    def version_for(seeds_dir: Path, model_dir: Path | None = None) -> str:
        """The extractor's version (a hash of its code, data, seeds and model) without loading anything.

        Why separate: a run must know which documents this version has not seen before deciding to
        load the model (seconds), so a run with nothing new stays cheap.
        """
        inputs = [*Path(__file__).parent.glob("*.py"), *DATA_DIR.glob("*"), *Path(seeds_dir).glob("*.csv")]
        if model_dir is not None and (Path(model_dir) / "config.cfg").is_file():
            inputs += [p for p in Path(model_dir).rglob("*") if p.is_file() and p.suffix != ".md"]
        return fingerprint(inputs)

    @classmethod
    def load(cls, seeds_dir: Path, model_dir: Path | None = None) -> DocumentExtractor:
        """Build with the trained recogniser when ``model_dir`` holds one, else gazetteer only."""
        recogniser = None
        if model_dir is not None and (model_dir / "config.cfg").is_file():
            from flows.extract.recogniser import Recogniser

            recogniser = Recogniser.load(model_dir)
        return cls(SeedPaths(seeds_dir), recogniser, model_dir)

    def extract(self, doc_id: str, text: str, media_type: str = "text/plain") -> Extraction:
        """Never raises: a failure becomes a quarantine reason so one bad page cannot stop a run."""
        return self.extract_many([(doc_id, text, media_type)])[0]

    def extract_many(self, docs: Sequence[tuple[str, str, str]]) -> list[Extraction]:
        """Extract ``(doc_id, text, media_type)`` documents, in order; never raises.

        Why a batch: the recogniser runs once over all accepted bodies (``nlp.pipe``), which is several
        times faster than one call per document. A failure is confined to its document: it becomes an
        ``extract_error`` quarantine, and a failing batched model call falls back to one call per body.
        """
        results: list[Extraction | None] = [None] * len(docs)
        accepted: list[tuple[int, str, ArticleParse]] = []
        for index, (doc_id, text, media_type) in enumerate(docs):
            try:
                article = read_article(text, media_type, self.publishers)
                refused = refusal(article)
            except Exception as exc:
                results[index] = _failed(doc_id, exc)
                continue
            if refused is not None:
                results[index] = Extraction(doc_id, None, quarantine_reason=refused[0], quarantine_detail=refused[1])
            else:
                accepted.append((index, doc_id, replace(article, language="id")))
        bodies = [article.body for _, _, article in accepted]
        try:
            spans = self.entities.model_spans(bodies)
        except Exception:
            spans = [None] * len(bodies)  # find the culprit: each body alone below
        for (index, doc_id, article), model_spans in zip(accepted, spans, strict=True):
            try:
                if model_spans is None:
                    model_spans = self.entities.model_spans([article.body])[0]
                mentions = self.entities.combine(article.body, model_spans)
                published = article.published_at.date() if article.published_at else None
                events = self.events.extract(article.body, mentions, published)
                results[index] = Extraction(doc_id, article, mentions, events)
            except Exception as exc:
                results[index] = _failed(doc_id, exc)
        return [r for r in results if r is not None]


def _failed(doc_id: str, exc: Exception) -> Extraction:
    detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
    return Extraction(doc_id, None, quarantine_reason="extract_error", quarantine_detail=detail[:500])


def read_article(text: str, media_type: str, publishers: PublisherIndex) -> ArticleParse:
    """The article parse of one stored page; shared by the flow and ``warta eval-articles``."""
    hints = None
    if media_type == "text/html":
        from flows.extract.html import html_to_text

        text, hints = html_to_text(text)
        if hints.publisher:
            hints = replace(hints, publisher=publishers.canonical(hints.publisher))
    return parse_article(text, publishers, hints)


def refusal(article: ArticleParse) -> tuple[str, str] | None:
    """``(reason, detail)`` when a parsed page is not an Indonesian article, else None."""
    if article.word_count < MIN_BODY_WORDS:
        return "boilerplate_only", f"{article.word_count} words of article text after removing page furniture"
    language = detect_language(article.body)
    if language != "id":
        return f"language:{language}", "article text is not Indonesian"
    return None
