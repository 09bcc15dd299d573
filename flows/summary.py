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
    quarantine: list[tuple[str, str, str]] = field(default_factory=list)
    marts: dict[str, int] = field(default_factory=dict)
    dbt_tests_passed: int = 0
    dbt_failures: list[str] = field(default_factory=list)
    gate_passed: bool | None = None
    gate_critical: tuple[int, int] = (0, 0)
    gate_warning: tuple[int, int] = (0, 0)
    gate_failures: list[str] = field(default_factory=list)
    gate_warnings: list[str] = field(default_factory=list)
    published: bool = False
    published_path: str | None = None
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

    def to_text(self) -> str:
        lines = [
            f"Warta run {self.run_id}: {self.state}",
            f"  documents   seen {self.docs_seen} · new {self.docs_new} · duplicates {self.docs_duplicate}"
            f" · already stored {self.docs_known} · quarantined {self.docs_quarantined}",
            f"  extracted   {self.docs_extracted} documents",
        ]
        for uri, reason, detail in self.quarantine:
            lines.append(f"    quarantined {uri}: {reason} ({detail})")
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
        return "\n".join(lines)

    def to_markdown(self) -> str:
        rows = [
            "| stage | seconds |",
            "|---|---|",
            *[f"| {k} | {v:.2f} |" for k, v in self.stage_seconds.items()],
        ]
        marts = ["| table | rows |", "|---|---|", *[f"| {k} | {v} |" for k, v in self.marts.items()]]
        quarantine = [f"- `{u}`: **{r}** ({d})" for u, r, d in self.quarantine] or ["- none"]
        gate = [f"- critical failure: {f}" for f in self.gate_failures] + [
            f"- warning: {w}" for w in self.gate_warnings
        ]
        return "\n".join(
            [
                f"# Warta run `{self.run_id}`: {self.state}",
                "",
                f"**Documents**: seen {self.docs_seen}, new {self.docs_new}, duplicates {self.docs_duplicate}, "
                f"already stored {self.docs_known}, quarantined {self.docs_quarantined}, extracted {self.docs_extracted}.",  # noqa: E501
                "",
                "## Quarantine",
                *quarantine,
                "",
                f"## Gate: {self.gate_text()}",
                *(gate or ["- all expectations met"]),
                "",
                "## Publish",
                f"{'Published ' + str(self.published_path) if self.published else 'Nothing published: ' + (self.message or 'no change')}",  # noqa: E501
                "",
                "## Marts",
                *marts,
                "",
                "## Time per stage",
                *rows,
            ]
        )
