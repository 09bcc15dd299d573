"""Benchmark the whole Warta pipeline against the bare tools, side by side, at several corpus sizes.

Why side by side: a stage's seconds mean little alone. Ingest is compared with DuckDB reading the same
files in one ``read_text`` statement, extraction and the whole run with the bare spaCy recogniser over
the same article bodies, and a second run with nothing new shows the fixed cost of a scheduled run.

Each corpus size runs in its own subprocess so peak memory (the process tree's resident set, sampled
every 0.1 s, including Prefect's API server and dbt) is not carried over from a previous size.

Usage (from the repository root; ``make bench`` runs the defaults):

    .venv/bin/python bench/pipeline_bench.py [--sizes 100 1000 10000] [--sources seeds DIR ...]
        [--results bench/RESULTS.md]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from importlib.metadata import version
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_REPO))

STAGES = ("ingest", "extract", "dbt", "gate", "publish")


class TreeMemory:
    """Sample the resident memory of this process and its children in a background thread."""

    def __init__(self, interval: float = 0.1) -> None:
        import psutil

        self._process = psutil.Process()
        self._interval = interval
        self.samples: list[tuple[float, int]] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _rss(self) -> int:
        import psutil

        total = 0
        for proc in [self._process, *self._process.children(recursive=True)]:
            with contextlib.suppress(psutil.Error):
                total += proc.memory_info().rss
        return total

    def _run(self) -> None:
        while not self._stop.is_set():
            self.samples.append((time.monotonic(), self._rss()))
            self._stop.wait(self._interval)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def peak_mb(self, start: float = float("-inf"), end: float = float("inf")) -> float:
        values = [rss for t, rss in self.samples if start <= t <= end]
        return max(values, default=0) / 2**20


def measure_one(n: int, sources: list[Path]) -> dict:
    """Build a corpus of ``n`` pages, run the pipeline twice and the bare tools once; return figures."""
    from bench.corpus import build_corpus

    work = Path(tempfile.mkdtemp(prefix=f"warta-bench-{n}-"))
    os.environ["PREFECT_HOME"] = str(work / "prefect")
    os.environ.pop("PREFECT_API_URL", None)
    inbox, warehouse = work / "inbox", work / "warehouse"
    source_files = sorted(p for folder in sources for p in folder.glob("*.txt"))
    build_corpus(n, source_files, inbox)
    corpus_bytes = sum(p.stat().st_size for p in inbox.iterdir())

    from flows.pipeline import warta_pipeline

    with TreeMemory() as memory:
        t0 = time.monotonic()
        summary = warta_pipeline(inbox=str(inbox), warehouse_dir=str(warehouse), inbox_name="bench")
        t1 = time.monotonic()
    flow_start = t1 - summary.elapsed
    stages, cursor = {}, flow_start
    for name in STAGES:
        seconds = summary.stage_seconds.get(name, 0.0)
        stages[name] = {"seconds": seconds, "peak_mb": memory.peak_mb(cursor, cursor + seconds)}
        cursor += seconds

    t2 = time.monotonic()
    again = warta_pipeline(inbox=str(inbox), warehouse_dir=str(warehouse), inbox_name="bench")
    nothing_new_wall = time.monotonic() - t2

    bodies = _bodies(warehouse / "marts.duckdb")
    words = sum(len(b.split()) for b in bodies)
    spacy_seconds = _bare_spacy(bodies)
    read_text_seconds = _bare_read_text(inbox)
    return {
        "n": n,
        "articles": summary.marts.get("marts.articles", 0),
        "events": summary.marts.get("marts.events", 0),
        "entities": summary.marts.get("marts.entities", 0),
        "corpus_mb": corpus_bytes / 2**20,
        "words": words,
        "pipeline_seconds": summary.elapsed,
        "wall_seconds": t1 - t0,
        "peak_mb": memory.peak_mb(),
        "stages": stages,
        "nothing_new_seconds": again.elapsed,
        "nothing_new_wall_seconds": nothing_new_wall,
        "bare_spacy_seconds": spacy_seconds,
        "bare_read_text_seconds": read_text_seconds,
    }


def _bodies(marts_db: Path) -> list[str]:
    from flows.marts import open_marts

    con = open_marts(marts_db)
    try:
        return [r[0] for r in con.execute("select body from marts.articles order by article_id").fetchall()]
    finally:
        con.close()


def _bare_spacy(bodies: list[str]) -> float:
    """The trained recogniser alone over the same bodies, batched, one process (model load excluded)."""
    import spacy

    nlp = spacy.load(_REPO / "models" / "ner-id")
    start = time.monotonic()
    for _ in nlp.pipe(bodies, batch_size=64):
        pass
    return time.monotonic() - start


def _bare_read_text(inbox: Path) -> float:
    """DuckDB reading every file of the inbox in one statement."""
    import duckdb

    con = duckdb.connect()
    start = time.monotonic()
    con.execute("select count(*), sum(length(content)) from read_text(?)", [str(inbox / "*.txt")]).fetchone()
    seconds = time.monotonic() - start
    con.close()
    return seconds


def _ratio(value: float, bare: float) -> str:
    return f"{value / bare:.1f}×" if bare > 0 else "—"


def render(results: list[dict]) -> str:
    """The results as a markdown report: machine, versions, one table per size, the scaling table."""
    lines = ["# Warta pipeline benchmark", "", _machine(), ""]
    for r in results:
        lines += [
            f"## N = {r['n']:,} documents ({r['corpus_mb']:.1f} MB, {r['words']:,} body words)",
            "",
            "| stage | wall s | docs/s | peak MB | bare counterpart | bare s | ratio |",
            "|---|---:|---:|---:|---|---:|---:|",
        ]
        bare = {
            "ingest": ("DuckDB `read_text`, one statement", r["bare_read_text_seconds"]),
            "extract": ("spaCy recogniser alone (`nlp.pipe`)", r["bare_spacy_seconds"]),
        }
        for name in STAGES:
            stage = r["stages"][name]
            label, bare_s = bare.get(name, ("—", 0.0))
            rate = r["n"] / stage["seconds"] if stage["seconds"] else 0
            bare_cell = f"{bare_s:.2f}" if bare_s else "—"
            lines.append(
                f"| {name} | {stage['seconds']:.2f} | {rate:,.0f} | {stage['peak_mb']:.0f} | {label} | "
                f"{bare_cell} | {_ratio(stage['seconds'], bare_s) if bare_s else '—'} |"
            )
        lines += [
            f"| **whole run** | {r['pipeline_seconds']:.2f} | {r['n'] / r['pipeline_seconds']:,.0f} | "
            f"{r['peak_mb']:.0f} | spaCy recogniser alone | {r['bare_spacy_seconds']:.2f} | "
            f"{_ratio(r['pipeline_seconds'], r['bare_spacy_seconds'])} |",
            f"| run with nothing new | {r['nothing_new_seconds']:.2f} | — | — | — | — | — |",
            "",
            f"Process wall time including Prefect's temporary API start: first run {r['wall_seconds']:.1f} s, "
            f"nothing-new run {r['nothing_new_wall_seconds']:.1f} s. Marts: {r['articles']:,} articles, "
            f"{r['entities']:,} entities, {r['events']:,} events.",
            "",
        ]
    if len(results) > 1:
        # the marginal cost (seconds per 1,000 more documents) is what shows linear growth: the average
        # per document falls with N only because a fixed cost (model load, dbt start, the gate) is shared
        lines += [
            "## Scaling",
            "",
            "| N | pipeline s | s per 1,000 docs | marginal s per 1,000 docs | peak MB |",
            "|---:|---:|---:|---:|---:|",
        ]
        previous = None
        for r in results:
            per_k = r["pipeline_seconds"] / r["n"] * 1000
            marginal = "—"
            if previous is not None and r["n"] > previous["n"]:
                extra = (r["pipeline_seconds"] - previous["pipeline_seconds"]) / (r["n"] - previous["n"]) * 1000
                marginal = f"{extra:.1f}"
            lines.append(
                f"| {r['n']:,} | {r['pipeline_seconds']:.1f} | {per_k:.1f} | {marginal} | {r['peak_mb']:.0f} |"
            )
            previous = r
        lines.append("")
    return "\n".join(lines)


def _machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import psutil

    packages = ["prefect", "dbt-core", "dbt-duckdb", "duckdb", "great-expectations", "spacy", "prefect-dask"]
    versions = ", ".join(f"{p} {version(p)}" for p in packages)
    return (
        f"Machine: {os.cpu_count()} cores ({cpu}), {psutil.virtual_memory().total / 2**30:.0f} GiB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}.  \n"
        f"Versions: {versions}.  \nMeasured {time.strftime('%Y-%m-%d %H:%M %Z')}."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--sources", type=Path, nargs="+", default=[_REPO / "seeds"])
    parser.add_argument("--results", type=Path, default=_REPO / "bench" / "RESULTS.md")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # internal: measure one size, print JSON
    args = parser.parse_args()
    if args.one:
        print("WARTA-BENCH " + json.dumps(measure_one(args.one, args.sources)), flush=True)
        return
    results = []
    for n in args.sizes:
        print(f"… N = {n:,}", file=sys.stderr, flush=True)
        cmd = [sys.executable, __file__, "--one", str(n), "--sources", *map(str, args.sources)]
        done = subprocess.run(cmd, capture_output=True, text=True, cwd=_REPO)
        line = next((x for x in done.stdout.splitlines() if x.startswith("WARTA-BENCH ")), None)
        if done.returncode != 0 or line is None:
            sys.stderr.write(done.stdout[-3000:] + done.stderr[-3000:])
            raise SystemExit(f"benchmark at N={n} failed (exit {done.returncode})")
        results.append(json.loads(line.removeprefix("WARTA-BENCH ")))
        print(render(results[-1:]), flush=True)
    report = render(results)
    args.results.write_text(report + "\n", encoding="utf-8")
    print(f"written to {args.results}")


if __name__ == "__main__":
    main()
