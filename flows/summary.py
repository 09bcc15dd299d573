"""What a run did, as one record: printed by the CLI, stored in raw.runs, posted as a Prefect artifact."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RunSummary:
    run_id: str
    inbox: str
    warehouse: str
    state: str = "Running"
    docs_seen: int = 0
    docs_new: int = 0
    docs_duplicate: int = 0
    docs_known: int = 0
    docs_quarantined: int = 0
    docs_extracted: int = 0
    docs_refused: int = 0  # stored, but quarantined by extraction (boilerplate, language, error)
    quarantine: list[tuple[str, str, str]] = field(default_factory=list)
    marts: dict[str, int] = field(default_factory=dict)
    dbt_tests_passed: int = 0
    dbt_failures: list[str] = field(default_factory=list)
    gate_passed: bool | None = None
    gate_critical: tuple[int, int] = (0, 0)
    gate_warning: tuple[int, int] = (0, 0)
    gate_failures: list[str] = field(default_factory=list)
    gate_warnings: list[str] = field(default_factory=list)
    gate_checks: list[tuple[str, str, bool]] = field(default_factory=list)  # (severity, check, passed)
    recovered: list[str] = field(default_factory=list)  # what this run cleaned up after dead runs
    published: bool = False
    published_path: str | None = None
    report_path: str | None = None  # the analysts' HTML report refreshed by this run (flows/report)
    stage_seconds: dict[str, float] = field(default_factory=dict)
    elapsed: float = 0.0
    message: str = ""

    @property
    def failed(self) -> bool:
        return self.state != "Completed"

    def gate_text(self) -> str:
        if self.gate_passed is None:
            return "not run"
        verdict = "passed" if self.gate_passed else "FAILED"
        (cp, ct), (wp, wt) = self.gate_critical, self.gate_warning
        return f"{verdict} (critical {cp}/{ct}, warnings {wp}/{wt})"

    def decision(self) -> str:
        """The publish decision in one sentence: what consumers of the marts see after this run."""
        if self.published:
            return f"published {self.published_path}"
        if self.state == "Completed":
            return f"nothing published: {self.message or 'no change'}; the published marts stay as they were"
        return f"NOT published: {self.message or self.state}; the published marts stay as they were"

    def to_text(self) -> str:
        lines = [
            f"Warta run {self.run_id}: {self.state}",
            f"  documents   seen {self.docs_seen} · new {self.docs_new} · duplicates {self.docs_duplicate}"
            f" · already stored {self.docs_known} · quarantined {self.docs_quarantined}",
            f"  extracted   {self.docs_extracted} documents",
        ]
        for uri, reason, detail in self.quarantine:
            lines.append(f"    quarantined {uri}: {reason} ({detail})")
        lines.extend(f"  recovered   {r}" for r in self.recovered)
        if self.marts:
            marts = " · ".join(f"{k.split('.')[-1]} {v}" for k, v in self.marts.items() if k.startswith("marts."))
            lines.append(f"  marts       {marts}")
        if self.dbt_failures:
            lines.append("  dbt         FAILED: " + "; ".join(self.dbt_failures))
        lines.append(f"  gate        {self.gate_text()}")
        lines.extend(f"    critical failure: {f}" for f in self.gate_failures)
        lines.extend(f"    warning: {w}" for w in self.gate_warnings)
        lines.append(
            f"  published   {self.published_path if self.published else 'nothing (' + (self.message or 'no change') + ')'}"  # noqa: E501
        )
        stages = " · ".join(f"{k} {v:.1f}s" for k, v in self.stage_seconds.items())
        lines.append(f"  elapsed     {self.elapsed:.1f} s ({stages})")
        if self.report_path:
            lines.append(f"  report      {self.report_path}")
        return "\n".join(lines)

    def to_markdown(self) -> str:
        counts = [
            "| stage | in | out |",
            "|---|---|---|",
            f"| ingest | {self.docs_seen} files | {self.docs_new} new, {self.docs_duplicate} duplicates, "
            f"{self.docs_known} already stored, {self.docs_quarantined - self.docs_refused} quarantined |",
            f"| extract | {self.docs_extracted + self.docs_refused} documents | {self.docs_extracted} articles, "
            f"{self.docs_refused} quarantined |",
            *[f"| dbt: {k} | | {v} rows |" for k, v in self.marts.items()],
            f"| dbt tests | | {self.dbt_tests_passed} passed, {len(self.dbt_failures)} failed |",
            f"| gate | | {self.gate_text()} |",
        ]
        times = ["| stage | seconds |", "|---|---|", *[f"| {k} | {v:.2f} |" for k, v in self.stage_seconds.items()]]
        times.append(f"| **total** | {self.elapsed:.2f} |")
        quarantine = ["| file | reason | detail |", "|---|---|---|"] + [
            f"| `{u}` | **{r}** | {d} |" for u, r, d in self.quarantine
        ]
        gate = ["| severity | check | result |", "|---|---|---|"] + [
            f"| {sev} | {check} | {'passed' if ok else '**FAILED**'} |" for sev, check, ok in self.gate_checks
        ]
        return "\n".join(
            [
                f"# Warta run `{self.run_id}`: {self.state}",
                "",
                f"**Publish decision**: {self.decision()}.",
                "",
                *([f"**Report**: [{self.report_path}](file://{self.report_path})", ""] if self.report_path else []),
                "## Counts per stage",
                *counts,
                "",
                "## Time per stage",
                *times,
                "",
                f"## Quarantine ({len(self.quarantine)} new this run)",
                *(quarantine if self.quarantine else ["none"]),
                "",
                f"## Gate: {self.gate_text()}",
                *(gate if self.gate_checks else ["not run: " + (self.message or "no rebuild")]),
                *(["", "## dbt failures", *[f"- {f}" for f in self.dbt_failures]] if self.dbt_failures else []),
                *(["", "## Recovery", *[f"- {r}" for r in self.recovered]] if self.recovered else []),
            ]
        )


def post_artifacts(summary: RunSummary, events: list[dict[str, str]]) -> None:
    """The run's markdown summary and a table of its new event mentions, for the Prefect UI."""
    from prefect.artifacts import create_markdown_artifact, create_table_artifact

    create_markdown_artifact(
        key="warta-run-summary",
        markdown=summary.to_markdown(),
        description=f"Warta run {summary.run_id}: {summary.state}",
    )
    if events:
        create_table_artifact(
            key="warta-new-events", table=events[:500], description=f"Event mentions extracted in run {summary.run_id}"
        )
