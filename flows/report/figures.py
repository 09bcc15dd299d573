"""The report's Plotly figures: event timeline, top entities, co-occurrence network, publishers.

Each function takes plain rows (``flows.report.data``) and returns a ``go.Figure``, or None when
there is nothing to draw, so the page can say so instead of showing empty axes.
"""

from __future__ import annotations

import html
from collections import Counter, defaultdict
from datetime import date, timedelta

import plotly.graph_objects as go
from plotly.subplots import make_subplots

from flows.report.data import Row
from flows.report.network import Graph

QUAD_COLOURS = {
    "verbal_cooperation": "#4c9be8",
    "material_cooperation": "#1f5fa8",
    "verbal_conflict": "#f0a04b",
    "material_conflict": "#c0392b",
    "": "#888888",
}
TYPE_COLOURS = {"PERSON": "#8e44ad", "ORGANIZATION": "#16a085", "LOCATION": "#d35400"}
TYPE_LABELS = {"PERSON": "People", "ORGANIZATION": "Organisations", "LOCATION": "Places"}
LAYOUT = {"template": "plotly_white", "font": {"family": "system-ui, sans-serif", "size": 12}}


def _text(value: object) -> str:
    return html.escape("" if value is None else str(value))


def _date_label(event: Row) -> str:
    day: date = event["event_date"]
    precision = event["date_precision"]
    return {"year": f"{day:%Y}", "month": f"{day:%Y-%m}"}.get(precision, day.isoformat())


def top_actors(events: list[Row], n: int = 8) -> list[tuple[str, str, int]]:
    """``(entity_id, name, events)`` of the entities acting in most events (as agent or recipient)."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for event in events:
        for side in ("actor1", "actor2"):
            entity = event[f"{side}_entity_id"]
            if entity:
                names.setdefault(entity, event[f"{side}_name"] or entity)
        counts.update({event["actor1_entity_id"], event["actor2_entity_id"]} - {None})
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names[item[0]]))
    return [(entity, names[entity], count) for entity, count in ranked[:n]]


def _event_hover(event: Row) -> str:
    actors = " → ".join(_text(event[k]) for k in ("actor1_name", "actor2_name") if event[k]) or "(actors unknown)"
    lines = [
        f"<b>{_date_label(event)}</b> ({event['date_precision']})",
        f"{event['event_type']} · {_text(event['event_mode'])}",
        actors,
        f"in {_text(event['location_name'])}" if event["location_name"] else "",
        f"{event['num_sources']} source(s), {event['num_articles']} article(s), {event['num_mentions']} mention(s)",
        _text(event["summary"])[:160] if event["summary"] else "",
    ]
    return "<br>".join(line for line in lines if line)


def timeline(events: list[Row], actors: list[tuple[str, str, int]]) -> go.Figure | None:
    """Date × event type, one dot per event sized by its number of sources; a menu filters by actor.

    Events of the same type on the same day are spread vertically so none hides another. The menu
    switches between trace groups (all events, then one group per top actor) with ``visible`` flags.
    """
    dated = [e for e in events if e["event_date"] is not None]
    if not dated:
        return None
    types = sorted({e["event_type"] for e in dated})
    row_of = {t: i for i, t in enumerate(types)}
    slot: dict[tuple[date, str], int] = defaultdict(int)
    offsets: dict[str, float] = {}
    for event in dated:
        key = (event["event_date"], event["event_type"])
        offsets[event["event_id"]] = ((slot[key] % 5) - 2) * 0.12
        slot[key] += 1
    groups: list[tuple[str, list[Row]]] = [("All events", dated)]
    for entity, name, _ in actors:
        mine = [e for e in dated if entity in (e["actor1_entity_id"], e["actor2_entity_id"])]
        if mine:
            groups.append((name, mine))
    figure = go.Figure()
    trace_group: list[int] = []
    for g, (_, rows) in enumerate(groups):
        for quad in sorted({e["quad_class"] for e in rows}):
            mine = [e for e in rows if e["quad_class"] == quad]
            figure.add_trace(
                go.Scatter(
                    x=[e["event_date"].isoformat() for e in mine],
                    y=[row_of[e["event_type"]] + offsets[e["event_id"]] for e in mine],
                    mode="markers",
                    name=quad.replace("_", " ") or "unclassified",
                    legendgroup=quad,
                    visible=g == 0,
                    marker={
                        "size": [8 + 5 * min(int(e["num_sources"] or 1) - 1, 4) for e in mine],
                        "color": QUAD_COLOURS.get(quad, "#888888"),
                        "line": {"width": 1, "color": "white"},
                        "opacity": 0.85,
                    },
                    hovertext=[_event_hover(e) for e in mine],
                    hovertemplate="%{hovertext}<extra></extra>",
                )
            )
            trace_group.append(g)
    buttons = [
        {
            "label": f"{label} ({len(rows)})",
            "method": "update",
            "args": [{"visible": [tg == g for tg in trace_group]}],
        }
        for g, (label, rows) in enumerate(groups)
    ]
    first, last = min(e["event_date"] for e in dated), max(e["event_date"] for e in dated)
    recent = [e["event_date"] for e in dated if e["event_date"] >= last - timedelta(days=365)]
    # Open on the last year's events when they are most of them: history stays in the slider below.
    start = min(recent) if len(recent) * 2 >= len(dated) else first
    figure.update_layout(
        **LAYOUT,
        height=120 + 38 * len(types),
        margin={"l": 100, "r": 20, "t": 60, "b": 20},
        legend={"title": {"text": "quad class"}, "orientation": "h", "y": 1.12, "x": 0.22},
        updatemenus=[{"buttons": buttons, "direction": "down", "x": 0, "xanchor": "left", "y": 1.18, "active": 0}],
        xaxis={
            "type": "date",
            "range": [(start - timedelta(days=10)).isoformat(), (last + timedelta(days=10)).isoformat()],
            "rangeslider": {"visible": True, "thickness": 0.08},
            "rangeselector": {
                "buttons": [
                    {"count": 3, "label": "3 months", "step": "month", "stepmode": "backward"},
                    {"count": 1, "label": "1 year", "step": "year", "stepmode": "backward"},
                    {"step": "all", "label": "all"},
                ],
                "x": 1,
                "xanchor": "right",
                "y": 1.12,
            },
        },
        yaxis={"tickvals": list(range(len(types))), "ticktext": types, "range": [-0.6, len(types) - 0.4]},
    )
    return figure


def top_entities(entities: list[Row], n: int = 10) -> go.Figure | None:
    """Per entity type, the ``n`` most mentioned entities: mentions and articles side by side."""
    present = [t for t in TYPE_LABELS if any(e["entity_type"] == t for e in entities)]
    if not present:
        return None
    figure = make_subplots(
        rows=1, cols=len(present), subplot_titles=[TYPE_LABELS[t] for t in present], horizontal_spacing=0.14
    )
    for col, entity_type in enumerate(present, start=1):
        top = [e for e in entities if e["entity_type"] == entity_type][:n][::-1]
        names = [e["canonical_name"] for e in top]
        for measure, colour in (("mention_count", TYPE_COLOURS[entity_type]), ("article_count", "#95a5a6")):
            figure.add_trace(
                go.Bar(
                    y=names,
                    x=[e[measure] for e in top],
                    orientation="h",
                    name=measure.replace("_count", "s"),
                    marker_color=colour,
                    showlegend=False,
                    text=[e[measure] for e in top],
                    textposition="outside",
                    cliponaxis=False,
                    hovertemplate="%{y}: %{x} " + measure.replace("_count", "s") + "<extra></extra>",
                ),
                row=1,
                col=col,
            )
    figure.update_layout(**LAYOUT, barmode="group", height=120 + 44 * n, margin={"l": 20, "r": 20, "t": 40, "b": 20})
    figure.update_yaxes(automargin=True)
    return figure


def network(graph: Graph) -> go.Figure | None:
    """Entities as dots (size: mentions, colour: type), links drawn darker and thicker as they weigh more."""
    if not graph.nodes:
        return None
    where = {n.entity_id: (n.x, n.y) for n in graph.nodes}
    figure = go.Figure()
    bins = [
        (1, 2, 0.7, "rgba(120,120,120,0.12)"),
        (3, 5, 1.4, "rgba(90,90,90,0.3)"),
        (6, 10**9, 2.6, "rgba(40,40,40,0.55)"),
    ]
    for low, high, width, colour in bins:
        xs: list[float | None] = []
        ys: list[float | None] = []
        for edge in graph.edges:
            if low <= edge.weight <= high:
                (x0, y0), (x1, y1) = where[edge.source], where[edge.target]
                xs += [x0, x1, None]
                ys += [y0, y1, None]
        if xs:
            figure.add_trace(
                go.Scatter(
                    x=xs, y=ys, mode="lines", line={"width": width, "color": colour}, hoverinfo="skip", showlegend=False
                )
            )
    links: Counter[str] = Counter()
    for edge in graph.edges:
        links[edge.source] += 1
        links[edge.target] += 1
    top_mentions = max(n.mention_count for n in graph.nodes) or 1
    for entity_type, label in TYPE_LABELS.items():
        mine = [n for n in graph.nodes if n.entity_type == entity_type]
        if not mine:
            continue
        figure.add_trace(
            go.Scatter(
                x=[n.x for n in mine],
                y=[n.y for n in mine],
                mode="markers+text",
                name=label,
                text=[n.name for n in mine],
                textposition="top center",
                textfont={"size": [10 + round(6 * n.mention_count / top_mentions) for n in mine]},
                marker={
                    "size": [10 + 34 * (n.mention_count / top_mentions) ** 0.5 for n in mine],
                    "color": TYPE_COLOURS[entity_type],
                    "line": {"width": 1, "color": "white"},
                },
                hovertext=[
                    f"<b>{_text(n.name)}</b> ({entity_type})<br>{n.mention_count} mentions in {n.article_count} "
                    f"article(s)<br>linked to {links[n.entity_id]} entities"
                    for n in mine
                ],
                hovertemplate="%{hovertext}<extra></extra>",
            )
        )
    hidden = {"visible": False, "range": [-1.12, 1.12]}
    figure.update_layout(
        **LAYOUT,
        height=680,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": 1.04},
        xaxis=hidden,
        yaxis=hidden,
    )
    return figure


def publishers(rows: list[Row]) -> go.Figure | None:
    """Articles and events per publisher; 'shared' events are the ones other outlets also reported."""
    if not rows:
        return None
    names = [r["publisher"] for r in rows]
    figure = go.Figure(
        [
            go.Bar(x=names, y=[r[key] for r in rows], name=label, marker_color=colour, text=[r[key] for r in rows])
            for key, label, colour in (
                ("articles", "articles", "#34495e"),
                ("events", "events reported", "#4c9be8"),
                ("shared_events", "events also reported elsewhere", "#27ae60"),
            )
        ]
    )
    figure.update_layout(
        **LAYOUT, barmode="group", height=340, margin={"l": 40, "r": 20, "t": 30, "b": 40}, legend={"orientation": "h"}
    )
    figure.update_traces(textposition="outside")
    return figure
