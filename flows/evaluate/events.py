"""Score the events mart against hand labels: precision and recall per type, actors, dates, contexts, merging.

The numbers come from a real pipeline run (ingest, extraction, dbt merge, gate) into a temporary
warehouse, so they measure what analysts get from ``marts.events``, not a mirror of it. A prediction is
one event as one article reports it (an ``(article, event_id)`` pair: two sentences of an article about the
same happening are one prediction). It matches a label of its article when one of its evidence sentences
contains the label's ``text`` and the types agree; it is *strictly* right when the actors (either order for
symmetric acts) and the date at its precision agree too. Negated and hypothetical labels must find no event.
"""

from __future__ import annotations

import shutil
import tempfile
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from itertools import combinations
from pathlib import Path

import yaml

from flows.extract.entities import name_key

KEPT_OUT = ("negated", "hypothetical")
SYMMETRIC_TYPES = ("CONSULT", "COOPERATE")


@dataclass(frozen=True)
class Label:
    article: str
    text: str
    event_type: str
    actor1: str | None
    actor2: str | None
    date: str
    precision: str
    context: str
    group: str | None


@dataclass
class Prediction:
    article: str
    event_id: str
    event_type: str
    symmetric: bool
    mentions: list[dict] = field(default_factory=list)


def load_labels(path: Path) -> list[Label]:
    """Labels from ``labels.yml``: article file name -> list of events."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = []
    for article, events in data["articles"].items():
        for e in events:
            out.append(
                Label(
                    article,
                    e["text"],
                    e["type"],
                    e.get("actor1"),
                    e.get("actor2"),
                    str(e["date"]),
                    e["precision"],
                    e["context"],
                    e.get("group"),
                )
            )
    return out


def run_pipeline(articles: Path, workdir: Path) -> Path:
    """One real pipeline run over ``articles`` into ``workdir``; returns the published marts file."""
    from flows.pipeline import warta_pipeline

    inbox = workdir / "inbox"
    inbox.mkdir(parents=True, exist_ok=True)
    for page in sorted(articles.glob("*.txt")):
        shutil.copy(page, inbox / page.name)
    warta_pipeline(inbox=str(inbox), warehouse_dir=str(workdir / "warehouse"), inbox_name="eval-events")
    return workdir / "warehouse" / "marts.duckdb"


def read_predictions(marts: Path) -> list[Prediction]:
    import duckdb

    con = duckdb.connect(str(marts), read_only=True)
    try:
        con.execute("set schema = 'marts'")  # the file's catalog is also named marts: use bare names
        rows = con.execute(
            """
            select a.source_uri, m.event_id, e.event_type, e.is_symmetric, m.sentence, m.actor1_name,
                   m.actor2_name, m.event_date, m.date_precision, m.event_context
            from event_mentions as m
            join events as e using (event_id)
            join articles as a using (article_id)
            order by a.source_uri, m.start_char
            """
        ).fetchall()
    finally:
        con.close()
    by_key: dict[tuple[str, str], Prediction] = {}
    for uri, event_id, etype, symmetric, sentence, a1, a2, when, precision, ctx in rows:
        article = Path(uri).name
        pred = by_key.setdefault((article, event_id), Prediction(article, event_id, etype, bool(symmetric)))
        pred.mentions.append(
            {"sentence": sentence, "actor1": a1, "actor2": a2, "date": when, "precision": precision, "context": ctx}
        )
    return list(by_key.values())


def _same(a: str | None, b: str | None) -> bool:
    return (a is None and b is None) or (a is not None and b is not None and name_key(a) == name_key(b))


def _actors_ok(label: Label, m: dict, symmetric: bool) -> bool:
    straight = _same(label.actor1, m["actor1"]) and _same(label.actor2, m["actor2"])
    crossed = _same(label.actor1, m["actor2"]) and _same(label.actor2, m["actor1"])
    return straight or ((symmetric or label.event_type in SYMMETRIC_TYPES) and crossed)


def _date_ok(label: Label, m: dict) -> bool:
    value: date | None = m["date"]
    if value is None or m["precision"] != label.precision:
        return False
    text = {"day": value.isoformat(), "month": value.isoformat()[:7], "year": str(value.year)}[label.precision]
    return text == label.date


@dataclass
class Report:
    per_type: dict[str, dict[str, int]]
    matched: int
    strict: int
    predictions: int
    gold: int
    actors_ok: int
    dates_ok: int
    contexts_ok: int
    kept_out: int
    kept_out_total: int
    merge_pairs: dict[str, int]
    misses: list[str]
    spurious: list[str]

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 0.0

    @property
    def strict_precision(self) -> float:
        return self._ratio(self.strict, self.predictions)

    @property
    def strict_recall(self) -> float:
        return self._ratio(self.strict, self.gold)

    @property
    def merge_accuracy(self) -> float:
        p = self.merge_pairs
        return self._ratio(p["tp"] + p["tn"], p["tp"] + p["tn"] + p["fp"] + p["fn"])

    def to_text(self) -> str:
        lines = [f"{'type':10} {'gold':>4} {'pred':>4} {'match':>5} {'precision':>9} {'recall':>6}"]
        for etype in sorted(self.per_type):
            c = self.per_type[etype]
            lines.append(
                f"{etype:10} {c['gold']:4} {c['pred']:4} {c['match']:5} "
                f"{self._ratio(c['match'], c['pred']):9.2f} {self._ratio(c['match'], c['gold']):6.2f}"
            )
        p = self.merge_pairs
        lines += [
            "",
            f"type only       precision {self._ratio(self.matched, self.predictions):.2f}  "
            f"recall {self._ratio(self.matched, self.gold):.2f}  ({self.matched} matched, "
            f"{self.predictions} predicted, {self.gold} labelled)",
            f"type+actors+date precision {self.strict_precision:.2f}  recall {self.strict_recall:.2f}  "
            f"({self.strict} strictly right)",
            f"actor accuracy  {self._ratio(self.actors_ok, self.matched):.2f}   date accuracy "
            f"{self._ratio(self.dates_ok, self.matched):.2f}   context accuracy "
            f"{self._ratio(self.contexts_ok, self.matched):.2f}  (over matched events)",
            f"kept out        {self.kept_out}/{self.kept_out_total} negated/hypothetical labels have no event",
            f"merge accuracy  {self.merge_accuracy:.2f} over {sum(p.values())} label pairs "
            f"(same event: {p['tp']} right, {p['fn']} split; different: {p['tn']} right, {p['fp']} merged)",
        ]
        if self.misses:
            lines += ["", "missed or wrong:", *(f"  {m}" for m in self.misses)]
        if self.spurious:
            lines += ["", "spurious:", *(f"  {s}" for s in self.spurious)]
        return "\n".join(lines)


def score(labels: list[Label], predictions: list[Prediction]) -> Report:
    """Match labels to predictions (greedy, strict matches first) and count."""
    positive = [g for g in labels if g.context not in KEPT_OUT]
    per_type: dict[str, dict[str, int]] = defaultdict(lambda: {"gold": 0, "pred": 0, "match": 0})
    for g in positive:
        per_type[g.event_type]["gold"] += 1
    for p in predictions:
        per_type[p.event_type]["pred"] += 1
    matches: dict[int, tuple[Prediction, dict, bool]] = {}
    used: set[int] = set()
    for strict_pass in (True, False):
        for gi, g in enumerate(positive):
            if gi in matches:
                continue
            for pi, p in enumerate(predictions):
                if pi in used or p.article != g.article or p.event_type != g.event_type:
                    continue
                fits = [m for m in p.mentions if g.text in m["sentence"]]
                good = [m for m in fits if _actors_ok(g, m, p.symmetric) and _date_ok(g, m)]
                if good if strict_pass else fits:
                    matches[gi] = (p, (good or fits)[0], bool(good))
                    used.add(pi)
                    break
    report = Report(
        dict(per_type),
        0,
        0,
        len(predictions),
        len(positive),
        0,
        0,
        0,
        0,
        0,
        {"tp": 0, "fn": 0, "tn": 0, "fp": 0},
        [],
        [],
    )
    for gi, g in enumerate(positive):
        if gi not in matches:
            report.misses.append(f"{g.article}: {g.event_type} «{g.text}» not found")
            continue
        p, m, strict = matches[gi]
        report.matched += 1
        report.per_type[g.event_type]["match"] += 1
        report.strict += strict
        report.actors_ok += _actors_ok(g, m, p.symmetric)
        report.dates_ok += _date_ok(g, m)
        report.contexts_ok += m["context"] == g.context
        if not strict:
            report.misses.append(
                f"{g.article}: {g.event_type} «{g.text}» got {m['actor1']} -> {m['actor2']} {m['date']} "
                f"{m['precision']}, want {g.actor1} -> {g.actor2} {g.date} {g.precision}"
            )
    for pi, p in enumerate(predictions):
        if pi not in used:
            m = p.mentions[0]
            report.spurious.append(f"{p.article}: {p.event_type} {m['actor1']} -> {m['actor2']} «{m['sentence'][:70]}»")
    for g in labels:
        if g.context in KEPT_OUT:
            report.kept_out_total += 1
            hit = any(
                p.article == g.article
                and p.event_type == g.event_type
                and any(g.text in m["sentence"] for m in p.mentions)
                for p in predictions
            )
            report.kept_out += not hit
    matched = [(positive[gi], p) for gi, (p, _, _) in matches.items()]
    for (g1, p1), (g2, p2) in combinations(matched, 2):
        same_gold = g1.group is not None and g1.group == g2.group
        same_pred = p1.event_id == p2.event_id
        key = {(True, True): "tp", (True, False): "fn", (False, False): "tn", (False, True): "fp"}[
            (same_gold, same_pred)
        ]
        report.merge_pairs[key] += 1
    return report


def evaluate(directory: Path, workdir: Path | None = None) -> Report:
    """Run the pipeline on ``directory/articles`` and score it against ``directory/labels.yml``."""
    labels = load_labels(directory / "labels.yml")
    articles = directory / "articles" if (directory / "articles").is_dir() else directory
    own = workdir is None
    work = workdir or Path(tempfile.mkdtemp(prefix="warta-eval-events-"))
    try:
        marts = run_pipeline(articles, work)
        return score(labels, read_predictions(marts))
    finally:
        if own:
            shutil.rmtree(work, ignore_errors=True)
