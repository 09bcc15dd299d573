"""`warta docs` (`make docs`): dbt's lineage site and the gate's Data Docs, built offline beside the marts."""

from __future__ import annotations

import json

from click.testing import CliRunner

from flows.cli import main
from flows.docs import undocumented_columns

CONTRACT = ("articles", "entities", "entity_mentions", "events", "event_mentions")


def _upstream(manifest: dict, unique_id: str) -> set[str]:
    seen: set[str] = set()
    todo = [unique_id]
    while todo:
        for parent in manifest["parent_map"].get(todo.pop(), []):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def test_docs_build_lineage_and_describe_the_contract(fresh_copy):
    _, warehouse = fresh_copy
    marts_before = (warehouse / "marts.duckdb").stat().st_mtime_ns
    result = CliRunner().invoke(main, ["docs", "--warehouse", str(warehouse)])
    assert result.exit_code == 0, result.output
    docs = warehouse / "docs"
    assert str(docs / "index.html") in result.output
    index = (docs / "index.html").read_text(encoding="utf-8")
    assert 'href="dbt/index.html"' in index and 'href="gx/index.html"' in index
    site = (docs / "dbt" / "index.html").read_text(encoding="utf-8")
    assert "model.warta.events" in site and len(site) > 1_000_000  # static: manifest and catalog embedded

    manifest = json.loads((docs / "dbt" / "manifest.json").read_text(encoding="utf-8"))
    assert "source.warta.raw.event_mentions" in _upstream(manifest, "model.warta.events")
    assert "source.warta.raw.documents" in _upstream(manifest, "model.warta.articles")

    gaps = undocumented_columns(docs / "dbt")
    assert not [m for m in CONTRACT if f"model.warta.{m}" in gaps], {m: gaps.get(f"model.warta.{m}") for m in CONTRACT}
    catalog = json.loads((docs / "dbt" / "catalog.json").read_text(encoding="utf-8"))
    assert {"event_id", "num_sources"} <= {c.lower() for c in catalog["nodes"]["model.warta.events"]["columns"]}

    # Every model, seed and source is in the catalog (so the check below is not vacuous), and every
    # column the database has is described in the YAML: staging, intermediate, marts, seeds, raw sources.
    expected = {uid for uid, node in manifest["nodes"].items() if node["resource_type"] in ("model", "seed")}
    expected |= set(manifest["sources"])
    missing = expected - set(catalog["nodes"]) - set(catalog["sources"])
    assert not missing, f"in the manifest but not the catalog: {sorted(missing)}"
    assert {"source.warta.raw.runs", "model.warta.int_event_clusters", "seed.warta.event_lexicon"} <= expected
    assert not gaps, f"{sum(map(len, gaps.values()))} undocumented columns: " + json.dumps(gaps, indent=1)

    assert (docs / "gx" / "index.html").exists()
    assert (warehouse / "marts.duckdb").stat().st_mtime_ns == marts_before, "docs must not touch the published file"
