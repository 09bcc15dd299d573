"""The analysts' report: built by each run and by `warta report`, self-contained, and drawn by a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from flows.cli import main
from flows.marts import open_marts
from flows.report import build_report
from flows.report.data import load
from flows.report.network import build_graph, spring_layout
from tests.chromium import Browser, ensure_chromium

MAIN_ACTORS = {"Vladimir Putin", "Kim Jong Un", "Rusia", "Korea Utara"}
CONTRACT = ("articles", "entities", "entity_mentions", "events", "event_mentions")


@pytest.fixture(scope="session")
def chromium() -> str:
    """Debian's chromium, installed with apt-get when missing (CI is a fresh Debian machine)."""
    try:
        return ensure_chromium()
    except RuntimeError as exc:
        pytest.fail(f"no Chromium for the browser test: {exc}")


@pytest.fixture(scope="module")
def seeded_report(seeded, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`warta report --out` on the seeds' warehouse, written outside it."""
    _, warehouse, _ = seeded
    out = tmp_path_factory.mktemp("report") / "seeds-report.html"
    result = CliRunner().invoke(main, ["report", "--out", str(out), "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == str(out)
    return out


def _empty_marts(seeded_warehouse: Path, target: Path) -> Path:
    """A marts file with the contract's tables and no rows: what a first run over junk would publish."""
    target.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(target / "marts.duckdb"))
    try:
        con.execute(f"attach '{seeded_warehouse / 'marts.duckdb'}' as seeded (read_only)")
        con.execute("create schema marts.marts")  # catalog "marts" (the file's name), schema "marts"
        for table in CONTRACT:
            con.execute(f"create table marts.marts.{table} as select * from seeded.marts.{table} limit 0")
    finally:
        con.close()
    return target


@pytest.mark.parametrize("command", [["report"], ["docs"]])
def test_commands_have_help(command):
    result = CliRunner().invoke(main, [*command, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output and "warehouse" in result.output


def test_each_run_refreshes_the_report_and_names_it_last(seeded):
    _, warehouse, summary = seeded
    assert summary.report_path == str((warehouse / "report.html").resolve())
    assert Path(summary.report_path).stat().st_size > 1_000_000  # plotly.js is inline
    assert summary.to_text().splitlines()[-1].strip() == f"report      {summary.report_path}"
    assert f"file://{summary.report_path}" in summary.to_markdown()


def test_report_is_self_contained(seeded_report):
    page = seeded_report.read_text(encoding="utf-8")
    assert page.count("<script") >= 5  # plotly.js, then one script per figure
    # The markup and CSS outside scripts (plotly.js quotes URLs it only uses for maps; the browser test
    # below proves that nothing is requested at run time).
    markup = re.sub(r"<script[^>]*>.*?</script>", "", page, flags=re.DOTALL)
    assert "<script src" not in page and "<link" not in markup and "@import" not in markup
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", markup), "a resource would be fetched"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", markup)


def test_report_shows_the_seeds(seeded, seeded_report):
    _, warehouse, summary = seeded
    page = seeded_report.read_text(encoding="utf-8")
    for section in ("timeline", "network", "entities", "publishers", "articles-section", "runs-section"):
        assert f'id="{section}' in page
    for name in MAIN_ACTORS:
        assert name in page
    assert summary.run_id in page and ">passed<" in page
    con = open_marts(warehouse / "marts.duckdb")
    try:
        publishers = {r[0] for r in con.execute("select publisher from marts.articles").fetchall()}
        titles = [r[0] for r in con.execute("select title from marts.articles where title is not null").fetchall()]
    finally:
        con.close()
    assert all(p in page for p in publishers)
    assert sum(t.replace("&", "&amp;") in page for t in titles) >= len(titles) - 1


def test_network_puts_the_main_actors_at_the_centre(seeded):
    _, warehouse, _ = seeded
    data = load(warehouse / "marts.duckdb")
    graph = build_graph(data.entities, data.cooccurrence)
    assert 10 <= len(graph.nodes) <= 30 and graph.edges
    central = {node.name for node in graph.central(10)}
    assert central >= MAIN_ACTORS, f"nearest the centre: {central}"


def test_layout_is_deterministic_hubs_central_and_nodes_apart():
    nodes = ["a", "b", "c", "d", "e", "f"]
    weights = {("a", "b"): 5.0, ("b", "c"): 4.0, ("a", "c"): 5.0, ("d", "e"): 1.0, ("a", "f"): 1.0}
    first, second = spring_layout(nodes, weights), spring_layout(nodes, weights)
    assert first == second
    radius = {node: (x * x + y * y) ** 0.5 for node, (x, y) in first.items()}
    assert all(r <= 1.0 for r in radius.values())
    assert sorted(nodes, key=radius.get)[:3] == ["a", "b", "c"]  # link weight 11, 9, 9: the middle
    distances = [
        ((first[p][0] - first[q][0]) ** 2 + (first[p][1] - first[q][1]) ** 2) ** 0.5
        for i, p in enumerate(nodes)
        for q in nodes[i + 1 :]
    ]
    assert min(distances) > 0.1, "nodes overlap"
    assert spring_layout([], {}) == {} and spring_layout(["x"], {}) == {"x": (0.0, 0.0)}


def test_report_on_empty_marts_and_on_no_warehouse(seeded, tmp_path):
    _, warehouse, _ = seeded
    empty = _empty_marts(warehouse, tmp_path / "empty")
    page = build_report(empty).read_text(encoding="utf-8")
    for message in (
        "No dated events yet.",
        "No entities appear together yet.",
        "No articles yet.",
        "No runs recorded.",
    ):
        assert message in page
    nothing = build_report(tmp_path / "never-run", tmp_path / "never-run.html").read_text(encoding="utf-8")
    assert "no published marts" in nothing and "No runs recorded." in nothing


def test_report_in_headless_chromium(seeded, seeded_report, chromium, tmp_path):
    _, warehouse, _ = seeded
    data = load(warehouse / "marts.duckdb")
    dated = len(data.dated_events)
    nodes = len(build_graph(data.entities, data.cooccurrence).nodes)
    assert dated > 0 and nodes > 0
    points = "document.querySelectorAll('#{} .cartesianlayer .scatterlayer .point').length"
    with Browser(chromium, tmp_path) as browser:
        browser.navigate(seeded_report.as_uri())
        assert browser.wait_until("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 8")
        assert browser.wait_until(f"{points.format('timeline')} >= {dated}"), browser.evaluate(
            points.format("timeline")
        )
        assert browser.evaluate(points.format("network")) == nodes
        assert browser.evaluate("document.querySelectorAll('#network .scatterlayer .js-line').length") >= 1
        assert browser.evaluate("document.querySelectorAll('#entities .bars .point').length") > 0
        assert browser.evaluate("document.querySelectorAll('#runs-section tbody tr').length") >= 1
        shot = browser.screenshot(tmp_path / "report.png")
        # The actor menu is real plotly.js behaviour: applying Putin's entry leaves only his events.
        labels = browser.evaluate("document.getElementById('timeline').layout.updatemenus[0].buttons.map(b => b.label)")
        putin = next(i for i, label in enumerate(labels) if label.startswith("Vladimir Putin"))
        shown = int(labels[putin].rsplit("(", 1)[1].rstrip(")"))
        browser.evaluate(
            "(() => { const gd = document.getElementById('timeline');"
            f" Plotly.update(gd, gd.layout.updatemenus[0].buttons[{putin}].args[0]); }})()"
        )
        visible = "document.querySelectorAll('#timeline .cartesianlayer .scatterlayer .trace').length"
        assert browser.wait_until(f"{points.format('timeline')} === {shown}"), browser.evaluate(visible)
        assert 0 < shown < dated
        empty_page = build_report(_empty_marts(warehouse, tmp_path / "empty"))
        browser.navigate(empty_page.as_uri())
        assert browser.evaluate("document.getElementById('timeline-empty') !== null")
        assert browser.console_errors() == []
        assert browser.network_requests() == []
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 50_000
