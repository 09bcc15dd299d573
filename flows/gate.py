"""The publish gate: Great Expectations 1.x suites run against the candidate marts file.

Batches are pandas DataFrames read from DuckDB (STACK.md: GE's SQL datasource is broken on DuckDB).
Suites are plain files under ``expectations/`` so that reviewers see exactly what blocks a publish.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import duckdb


@dataclass(frozen=True)
class Check:
    severity: str  # critical | warning
    suite: str
    expectation: str
    column: str | None
    success: bool
    unexpected: int | None = None
    examples: tuple[str, ...] = ()

    def describe(self) -> str:
        where = f"({self.column})" if self.column else ""
        extra = f": {self.unexpected} unexpected" if self.unexpected else ""
        sample = f", e.g. {', '.join(self.examples)}" if self.examples else ""
        return f"{self.suite} {self.expectation}{where}{extra}{sample}"


@dataclass
class GateResult:
    checks: list[Check] = field(default_factory=list)

    @property
    def critical_failures(self) -> list[Check]:
        return [c for c in self.checks if c.severity == "critical" and not c.success]

    @property
    def warnings(self) -> list[Check]:
        return [c for c in self.checks if c.severity == "warning" and not c.success]

    @property
    def passed(self) -> bool:
        return not self.critical_failures

    def counts(self, severity: str) -> tuple[int, int]:
        mine = [c for c in self.checks if c.severity == severity]
        return sum(c.success for c in mine), len(mine)


def load_suites(directory: Path) -> list[tuple[str, dict]]:
    """``(severity, suite_json)`` for every suite file, critical first."""
    suites = []
    for severity in ("critical", "warning"):
        for path in sorted((directory / severity).glob("*.json")):
            suites.append((severity, json.loads(path.read_text(encoding="utf-8"))))
    return suites


def run_gate(candidate: Path, expectations_dir: Path, docs_dir: Path | None = None) -> GateResult:
    """Validate every suite; a suite whose query fails counts as one failed critical check."""
    import great_expectations as gx
    from great_expectations.expectations.expectation_configuration import ExpectationConfiguration

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = {"globally": False, "metric_calculations": False}
    datasource = context.data_sources.add_pandas("warta_candidate")
    sites = []
    if docs_dir is not None:
        docs_dir.mkdir(parents=True, exist_ok=True)
        context.add_data_docs_site(
            site_name="warta_gate",
            site_config={
                "class_name": "SiteBuilder",
                "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
                "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
            },
        )
        sites = ["warta_gate"]
    result = GateResult()
    con = duckdb.connect(str(candidate), read_only=True)
    try:
        for severity, spec in load_suites(expectations_dir):
            name = spec["name"]
            try:
                frame = con.sql(spec["meta"]["query"]).df()
            except duckdb.Error as exc:
                result.checks.append(Check("critical", name, "query", None, False, examples=(str(exc)[:120],)))
                continue
            suite = gx.ExpectationSuite(name=name, meta={k: v for k, v in spec.get("meta", {}).items() if k != "query"})
            for item in spec["expectations"]:
                suite.add_expectation_configuration(
                    ExpectationConfiguration(type=item["type"], kwargs=item["kwargs"], meta=item.get("meta", {}))
                )
            suite = context.suites.add(suite)
            asset = datasource.add_dataframe_asset(name=name)
            batch_definition = asset.add_batch_definition_whole_dataframe("whole")
            validation = context.validation_definitions.add(
                gx.ValidationDefinition(name=name, data=batch_definition, suite=suite)
            )
            actions = [gx.checkpoint.UpdateDataDocsAction(name="docs", site_names=sites)] if sites else []
            checkpoint = context.checkpoints.add(
                gx.Checkpoint(name=name, validation_definitions=[validation], actions=actions)
            )
            outcome = checkpoint.run(batch_parameters={"dataframe": frame})
            for run_result in outcome.run_results.values():
                for item in run_result.results:
                    config = item.expectation_config
                    unexpected = item.result.get("unexpected_count")
                    examples = tuple(str(x)[:60] for x in (item.result.get("partial_unexpected_list") or [])[:3])
                    result.checks.append(
                        Check(
                            severity,
                            name,
                            config.type,
                            config.kwargs.get("column"),
                            bool(item.success),
                            unexpected,
                            examples if not item.success else (),
                        )
                    )
    finally:
        con.close()
    return result
