"""Assemble the report: one HTML file with Plotly's JavaScript, the CSS and every figure inline.

Nothing on the page is fetched: no CDN, no web font (system fonts only), no image. Links to the
docs sites are relative file links that load only when clicked.
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import plotly.io as pio
from plotly.offline import get_plotlyjs

from flows.report import figures
from flows.report.data import ReportData, Row
from flows.report.network import build_graph

PLOTLY_CONFIG = {"displaylogo": False, "responsive": True, "showSendToCloud": False}

CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #222;
       background: #f6f7f9; }
header { background: #1f2d3d; color: #fff; padding: 18px 32px; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: #c8d2dc; font-size: 13px; }
main { max-width: 1280px; margin: 0 auto; padding: 8px 24px 48px; }
section { background: #fff; border-radius: 6px; padding: 16px 20px; margin: 18px 0;
          box-shadow: 0 1px 2px rgba(0,0,0,.08); }
h2 { font-size: 18px; margin: 0 0 6px; }
p.note { color: #555; font-size: 13px; margin: 2px 0 10px; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin-top: 16px; }
.card { background: #fff; border-radius: 6px; padding: 10px 16px; min-width: 120px;
        box-shadow: 0 1px 2px rgba(0,0,0,.08); }
.card b { display: block; font-size: 22px; }
.card span { color: #666; font-size: 12px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e3e6ea; vertical-align: top; }
th { background: #f0f2f5; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.ok { color: #1e8449; font-weight: 600; } .bad { color: #c0392b; font-weight: 600; }
.empty { color: #777; font-style: italic; }
details summary { cursor: pointer; color: #1f5fa8; margin: 6px 0; }
"""


def _e(value: object) -> str:
    return html.escape("" if value is None else str(value))


def table(rows: Sequence[Row], columns: Sequence[tuple[str, str]], empty: str = "none") -> str:
    """An HTML table of ``rows``; ``columns`` are ``(key, heading)``; numbers are right-aligned."""
    if not rows:
        return f'<p class="empty">{_e(empty)}</p>'
    head = "".join(f"<th>{_e(label)}</th>" for _, label in columns)
    body = []
    for row in rows:
        cells = []
        for key, _ in columns:
            value = row.get(key)
            if isinstance(value, list):
                value = "; ".join(str(v) for v in value)
            numeric = isinstance(value, int | float) and not isinstance(value, bool)
            cells.append(f'<td class="num">{value}</td>' if numeric else f"<td>{_e(value)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _figure(figure: object, div_id: str, empty: str) -> str:
    if figure is None:
        return f'<p class="empty" id="{div_id}-empty">{_e(empty)}</p>'
    return pio.to_html(figure, full_html=False, include_plotlyjs=False, div_id=div_id, config=PLOTLY_CONFIG)


def _gate(run: Row) -> str:
    if run["gate_passed"] is None:
        return "not run"
    return "passed" if run["gate_passed"] else "FAILED"


def _link(target: Path, out: Path, label: str) -> str:
    if not target.exists():
        return ""
    href = os.path.relpath(target, out.parent)
    return f'<a href="{_e(href)}">{_e(label)}</a>'


def render(data: ReportData, out: Path, docs_dir: Path | None = None) -> str:
    """The whole page as a string; ``out`` is where it will be written (for relative links)."""
    sections: list[Callable[[], str]] = [
        lambda: _timeline_section(data),
        lambda: _network_section(data),
        lambda: _entities_section(data),
        lambda: _publishers_section(data),
        lambda: _articles_section(data),
        lambda: _runs_section(data, out, docs_dir),
    ]
    body = "\n".join(section() for section in sections)
    problems = "".join(f'<p class="note bad">{_e(p)}</p>' for p in data.problems)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Warta report</title>
<style>{CSS}</style>
<script type="text/javascript">{get_plotlyjs()}</script>
</head><body>
<header><h1>Warta: what the news says</h1>
<p>Generated {data.generated_at:%Y-%m-%d %H:%M} UTC from {_e(data.marts_path)}</p></header>
<main>
{problems}
{_cards(data)}
{body}
</main></body></html>
"""


def _cards(data: ReportData) -> str:
    dated = data.dated_events
    span = f"{min(e['event_date'] for e in dated)} – {max(e['event_date'] for e in dated)}" if dated else "no dates"
    last = data.runs[0] if data.runs else None
    run = f"{last['state']}, gate {_gate(last)}" if last else "no run yet"
    items = [
        (data.counts.get("articles", 0), "articles"),
        (len(data.publishers), "publishers"),
        (data.counts.get("entities", 0), "entities"),
        (data.counts.get("events", 0), "events"),
        (span, "event dates"),
        (run, "last run"),
    ]
    cards = "".join(f'<div class="card"><b>{_e(v)}</b><span>{k}</span></div>' for v, k in items)
    return f'<div class="cards" id="summary">{cards}</div>'


def _timeline_section(data: ReportData) -> str:
    actors = figures.top_actors(data.events)
    figure = figures.timeline(data.events, actors)
    undated = sorted(data.undated_events, key=lambda e: (-int(e["num_sources"] or 0), e["event_type"]))
    extra = ""
    if undated:
        extra = (
            f"<details><summary>{len(undated)} events without a date (not on the timeline)</summary>"
            + table(
                undated,
                [
                    ("event_type", "type"),
                    ("event_mode", "mode"),
                    ("actor1_name", "actor"),
                    ("actor2_name", "recipient"),
                    ("location_name", "place"),
                    ("num_sources", "sources"),
                    ("summary", "summary"),
                ],
            )
            + "</details>"
        )
    return f"""<section id="timeline-section"><h2>Event timeline</h2>
<p class="note">One dot per event (PLOVER type by date); bigger dots were reported by more outlets. Hover for actors and
sources; the menu shows only the events of one of the most active actors; drag the slider for earlier years.</p>
{_figure(figure, "timeline", "No dated events yet.")}{extra}</section>"""


def _network_section(data: ReportData) -> str:
    graph = build_graph(data.entities, data.cooccurrence)
    return f"""<section id="network-section"><h2>Who appears with whom</h2>
<p class="note">Entities are linked when they are named in the same article or take part in the same event
(a shared event weighs three articles); the more links, the nearer the centre; dot size follows mentions. The
{len(graph.nodes)} most cited linked entities are shown.</p>
{_figure(figures.network(graph), "network", "No entities appear together yet.")}</section>"""


def _entities_section(data: ReportData) -> str:
    return f"""<section id="entities-section"><h2>Top entities by type</h2>
<p class="note">Coloured bars count mentions, grey bars the articles naming the entity.</p>
{_figure(figures.top_entities(data.entities), "entities", "No entities yet.")}</section>"""


def _publishers_section(data: ReportData) -> str:
    columns = [
        ("publisher", "publisher"),
        ("articles", "articles"),
        ("events", "events reported"),
        ("shared_events", "also reported elsewhere"),
    ]
    return f"""<section id="publishers-section"><h2>Sources</h2>
{_figure(figures.publishers(data.publishers), "publishers", "No articles yet.")}
{table(data.publishers, columns, "No articles yet.")}</section>"""


def _articles_section(data: ReportData) -> str:
    columns = [
        ("published_utc", "published (UTC)"),
        ("publisher", "publisher"),
        ("title", "title"),
        ("word_count", "words"),
        ("entities", "entities"),
        ("events", "events"),
        ("article_id", "article_id"),
    ]
    return f"""<section id="articles-section"><h2>Latest articles</h2>
{table(data.latest_articles, columns, "No articles yet.")}</section>"""


def _runs_section(data: ReportData, out: Path, docs_dir: Path | None) -> str:
    runs = [{**r, "gate": _gate(r), "published": "yes" if r["published"] else "no"} for r in data.runs]
    columns = [
        ("started_utc", "started (UTC)"),
        ("run_id", "run"),
        ("state", "state"),
        ("docs_seen", "seen"),
        ("docs_new", "new"),
        ("docs_quarantined", "quarantined"),
        ("articles", "articles"),
        ("entities", "entities"),
        ("events", "events"),
        ("gate", "gate"),
        ("gate_failures", "critical failures"),
        ("published", "published"),
        ("message", "message"),
    ]
    links = ""
    if docs_dir is not None:
        found = [
            _link(docs_dir / "gx" / "index.html", out, "Great Expectations Data Docs"),
            _link(docs_dir / "dbt" / "index.html", out, "dbt docs (lineage)"),
        ]
        links = " · ".join(f for f in found if f)
    quarantine_columns = [
        ("source_uri", "file"),
        ("stage", "stage"),
        ("reason", "reason"),
        ("detail", "detail"),
        ("first_seen_utc", "first seen (UTC)"),
        ("last_seen_utc", "last seen (UTC)"),
    ]
    return f"""<section id="runs-section"><h2>Runs and quality gate</h2>
<p class="note">The last runs with the Great Expectations gate verdict; a run publishes only when no critical
expectation fails. {links}</p>
{table(runs, columns, "No runs recorded.")}
<h2 style="margin-top:14px">Quarantined inputs</h2>
{table(data.quarantine, quarantine_columns, "None: every input was read.")}</section>"""
