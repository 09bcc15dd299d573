"""Extract one stored document: article, entities and events, or the reason to quarantine it.

``DocumentExtractor`` is built once per process (loading the gazetteer, lexicon and model) and then
called per document; it holds no database or orchestration state, so it runs the same in a Prefect
task, a Dask worker or a unit test.
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from pathlib import Path

from flows.extract.article import PageHints, parse_article
from flows.extract.entities import EntityExtractor, Gazetteer
from flows.extract.events import EventExtractor, Lexicon
from flows.extract.language import detect_language
from flows.extract.publishers import PublisherIndex
from flows.extract.records import Extraction
from flows.extract.resources import DATA_DIR, SeedPaths, fingerprint

MIN_BODY_WORDS = 25  # below this, a page is navigation, a login wall or an index, not an article


class DocumentExtractor:
    """All extraction steps for one document, with their vocabularies loaded once."""

    def __init__(self, seeds: SeedPaths, recogniser: object | None = None, model_dir: Path | None = None) -> None:
        self.publishers = PublisherIndex.from_csv(seeds.publishers)
        self.entities = EntityExtractor(Gazetteer.from_seeds(seeds), recogniser)
        self.events = EventExtractor(Lexicon.from_seeds(seeds))
        inputs = [*Path(__file__).parent.glob("*.py"), *DATA_DIR.glob("*"), *seeds.seeds_dir.glob("*.csv")]
        if model_dir is not None and recogniser is not None:
            inputs += [p for p in model_dir.rglob("*") if p.is_file() and p.suffix != ".md"]
        self.version = fingerprint(inputs)

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
        try:
            return self._extract(doc_id, text, media_type)
        except Exception as exc:
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            return Extraction(doc_id, None, quarantine_reason="extract_error", quarantine_detail=detail[:500])

    def _extract(self, doc_id: str, text: str, media_type: str) -> Extraction:
        hints = None
        if media_type == "text/html":
            from flows.extract.html import html_to_text

            text, hints = html_to_text(text)
            if hints.publisher:
                hints = PageHints(
                    hints.title, hints.published_at, self.publishers.canonical(hints.publisher), hints.authors
                )
        article = parse_article(text, self.publishers, hints)
        if article.word_count < MIN_BODY_WORDS:
            return Extraction(
                doc_id,
                None,
                quarantine_reason="boilerplate_only",
                quarantine_detail=f"{article.word_count} words of article text after removing page furniture",
            )
        language = detect_language(article.body)
        if language != "id":
            return Extraction(
                doc_id,
                None,
                quarantine_reason=f"language:{language}",
                quarantine_detail="article text is not Indonesian",
            )
        article = replace(article, language=language)
        mentions = self.entities.extract(article.body)
        published = article.published_at.date() if article.published_at else None
        events = self.events.extract(article.body, mentions, published)
        return Extraction(doc_id, article, mentions, events)
