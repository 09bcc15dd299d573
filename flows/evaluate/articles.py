"""Score the article parser against labelled pages: metadata fields, body boundaries, leaks.

A labelled page is a raw page (``.txt``, ``.html``, ``.htm``) with a sidecar ``<stem>.expected.json``
(format: ``tests/fixtures/articles/README.md``), in the same folder or a separate labels folder, so
that an inbox such as ``seeds/`` stays free of JSON files. Each page goes through what a pipeline
run does to it (decode, PII redaction, the HTML or text parse, the quarantine decision), so the
scores are those of production, not of a test double.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from flows.extract import boilerplate as bp
from flows.extract import metadata as md
from flows.extract.document import read_article, refusal
from flows.extract.pii import redact
from flows.extract.publishers import PublisherIndex
from flows.extract.records import ArticleParse
from flows.ingest import SUFFIXES, Decoded, decode

FIELDS = (
    "title",
    "publisher",
    "published_at",
    "authors",
    "editors",
    "dateline",
    "source_agencies",
    "captions",
    "lede",
)
LIST_FIELDS = {"authors", "editors", "source_agencies", "captions"}
PAGE_SUFFIXES = {".txt", ".html", ".htm"}


@dataclass
class Mismatch:
    page: str
    field: str
    expected: object
    got: object


@dataclass
class PageScore:
    """How one page's parse compares with its label."""

    page: str
    fields: dict[str, bool]
    first_ok: bool
    last_ok: bool
    exact_body: bool
    matched: int  # predicted paragraphs that are expected paragraphs
    predicted: int
    expected: int
    leaks: list[str] = field(default_factory=list)
    pii: int = 0
    quarantine: str | None = None


@dataclass
class Report:
    """Scores over a labelled folder; ``to_text`` and ``to_dict`` are the two ways to read it."""

    pages: list[PageScore]
    mismatches: list[Mismatch]
    unlabelled: list[str]

    def accuracy(self) -> dict[str, float]:
        n = len(self.pages) or 1
        return {f: sum(p.fields[f] for p in self.pages) / n for f in FIELDS}

    def body(self) -> dict[str, float]:
        n = len(self.pages) or 1
        matched = sum(p.matched for p in self.pages)
        return {
            "first_paragraph": sum(p.first_ok for p in self.pages) / n,
            "last_paragraph": sum(p.last_ok for p in self.pages) / n,
            "exact_body": sum(p.exact_body for p in self.pages) / n,
            "paragraph_precision": matched / (sum(p.predicted for p in self.pages) or 1),
            "paragraph_recall": matched / (sum(p.expected for p in self.pages) or 1),
        }

    def to_dict(self) -> dict[str, object]:
        return {
            "pages": len(self.pages),
            "field_accuracy": self.accuracy(),
            "body": self.body(),
            "boilerplate_leaks": sum(len(p.leaks) for p in self.pages),
            "pii_leaks": sum(p.pii for p in self.pages),
            "quarantined": [p.page for p in self.pages if p.quarantine],
            "unlabelled": self.unlabelled,
            "mismatches": [asdict(m) for m in self.mismatches],
            "leaks": {p.page: p.leaks for p in self.pages if p.leaks},
        }

    def to_text(self) -> str:
        n = len(self.pages)
        out = [f"{n} labelled page{'s' if n != 1 else ''}", "", f"{'field':<22}accuracy"]
        for name, value in self.accuracy().items():
            out.append(f"{name:<22}{value:.3f}  ({sum(p.fields[name] for p in self.pages)}/{n})")
        out += ["", "body"]
        out += [f"  {name:<20}{value:.3f}" for name, value in self.body().items()]
        out += [
            "",
            f"boilerplate leaks     {sum(len(p.leaks) for p in self.pages)}",
            f"pii leaks             {sum(p.pii for p in self.pages)}",
            f"quarantined           {sum(bool(p.quarantine) for p in self.pages)}",
        ]
        if self.unlabelled:
            out.append(f"unlabelled pages      {len(self.unlabelled)} (no sidecar): {', '.join(self.unlabelled)}")
        out += ["", f"mismatches ({len(self.mismatches)})"]
        out += [f"  {m.page} {m.field}: expected {_short(m.expected)} got {_short(m.got)}" for m in self.mismatches]
        for page in self.pages:
            out += [f"  {page.page} leak: {_short(line)}" for line in page.leaks]
        return "\n".join(out)


def _short(value: object, width: int = 90) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= width else text[: width - 1] + "…"


def labelled_pages(text_dir: Path, labels_dir: Path | None = None) -> tuple[list[tuple[Path, Path]], list[str]]:
    """``(page, sidecar)`` pairs in a stable order, and the names of pages without a sidecar."""
    labels_dir = labels_dir or text_dir
    pairs, unlabelled = [], []
    for page in sorted(p for p in text_dir.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES):
        sidecar = labels_dir / f"{page.stem}.expected.json"
        if sidecar.is_file():
            pairs.append((page, sidecar))
        else:
            unlabelled.append(page.name)
    return pairs, unlabelled


def parse_page(page: Path, publishers: PublisherIndex) -> ArticleParse:
    """What a pipeline run makes of one file: decoded, redacted, parsed (HTML through trafilatura)."""
    decoded = decode(page.read_bytes())
    if not isinstance(decoded, Decoded):
        raise ValueError(f"{page.name}: {decoded.reason}: {decoded.detail}")
    return read_article(redact(decoded.text).text, SUFFIXES[page.suffix.lower()], publishers)


def expected_value(label: dict, name: str) -> object:
    """The label's value in the parser's terms.

    Sidecars label ``lede`` as the standfirst (null when the page has none); the mart contract gives
    the first paragraph then, so that is what the parser is held to.
    """
    value = label[name]
    if name == "lede" and value is None and label["body"]:
        return label["body"][0]
    return value


def _same(name: str, expected: object, got: object) -> bool:
    if name == "published_at":
        got = got.isoformat() if isinstance(got, datetime) else got
        return got == (datetime.fromisoformat(expected).isoformat() if isinstance(expected, str) else expected)
    if name in LIST_FIELDS:
        return sorted(expected or []) == sorted(got or [])  # type: ignore[arg-type]
    return expected == got


def is_boilerplate(line: str) -> bool:
    """Whether a body line matches any page-furniture rule the parser knows."""
    return bool(
        bp.is_dropped(line)
        or bp.is_related_intro(line)
        or bp.is_tail_section(line)
        or bp.is_relative_time(line)
        or bp.is_read_more(line)
        or bp.is_credit_line(line)
        or md.agency_line(line)
    )


def body_leaks(predicted: list[str], expected: list[str], captions: list[str]) -> list[str]:
    """Predicted paragraphs that are not article text.

    A paragraph the label lacks is a leak when it is furniture by rule, a caption, or foreign text that
    shares nothing with any expected paragraph; a paragraph that merely contains or is contained in an
    expected one (an unstripped dateline, say) is a boundary error, scored by the body figures instead.
    """
    wanted = set(expected)
    leaks = []
    for para in predicted:
        if para in wanted:
            continue
        related = any(para in e or e in para for e in expected)
        if is_boilerplate(para) or para in captions or not related:
            leaks.append(para)
    return leaks


def score_page(name: str, article: ArticleParse, label: dict) -> tuple[PageScore, list[Mismatch]]:
    """Compare one parse with its label."""
    mismatches = []
    fields = {}
    for f in FIELDS:
        expected, got = expected_value(label, f), getattr(article, f)
        fields[f] = _same(f, expected, got)
        if not fields[f]:
            mismatches.append(Mismatch(name, f, expected, got.isoformat() if isinstance(got, datetime) else got))
    predicted = [p for p in article.body.split("\n\n") if p]
    expected = label["body"]
    matched = len(set(predicted) & set(expected))
    score = PageScore(
        page=name,
        fields=fields,
        first_ok=bool(predicted and expected and predicted[0] == expected[0]),
        last_ok=bool(predicted and expected and predicted[-1] == expected[-1]),
        exact_body=predicted == expected,
        matched=matched,
        predicted=len(predicted),
        expected=len(expected),
        leaks=body_leaks(predicted, expected, label["captions"]),
        pii=_pii_count(article),
    )
    if predicted != expected:
        i = next(i for i, (e, g) in enumerate(zip([*expected, None], [*predicted, None], strict=False)) if e != g)
        want, got = (expected[i] if i < len(expected) else None), (predicted[i] if i < len(predicted) else None)
        mismatches.append(Mismatch(name, f"body[{i}]", want, got))
    return score, mismatches


def _pii_count(article: ArticleParse) -> int:
    values = [article.title, article.lede, article.body, article.dateline, *article.captions]
    values += [*article.authors, *article.editors]
    return sum(redact(v).total for v in values if v)


def evaluate(text_dir: Path, publishers: PublisherIndex, labels_dir: Path | None = None) -> Report:
    """Parse every labelled page under ``text_dir`` and score it against its sidecar."""
    pairs, unlabelled = labelled_pages(text_dir, labels_dir)
    pages, mismatches = [], []
    for page, sidecar in pairs:
        label = json.loads(sidecar.read_text(encoding="utf-8"))
        article = parse_page(page, publishers)
        score, found = score_page(page.name, article, label)
        refused = refusal(article)
        if refused is not None:
            score.quarantine = refused[0]
            found.append(Mismatch(page.name, "quarantine", None, refused[0]))
        pages.append(score)
        mismatches.extend(found)
    return Report(pages, mismatches, unlabelled)
