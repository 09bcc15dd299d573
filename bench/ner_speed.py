"""Words per second through Warta's NER recogniser on one CPU core.

Why: entity recognition runs over every article body, so its throughput bounds the pipeline; the target
is >= 10,000 words/s on a single core. All numeric libraries are limited to one thread (BLAS/OpenMP
variables are set before numpy is imported; torch too if it is installed), so the figure does not depend
on how many cores the machine happens to have; ``--pin-core N`` also binds the process to one CPU (useful
on an idle machine only: on a busy one the scheduler does better than a fixed core). The median of
``--repeat`` timed passes is reported, after a warm-up batch.

Usage (from the repository root):

    .venv/bin/python bench/ner_speed.py /work/shared/data/ner [--model models/ner-id] [--sentences 4000]

Sentences are taken from the CoNLL files under the data directory (NER-UI first, then NERGrit), turned
back into plain text, and run through ``Recogniser.spans``; words are spaCy tokens.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import json  # noqa: E402
import re  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

_REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_REPO))

from flows.extract.recogniser import Recogniser  # noqa: E402
from flows.train_ner import read_conll  # noqa: E402

_NO_SPACE_BEFORE = re.compile(r" ([.,;:!?)\]}%])")
_NO_SPACE_AFTER = re.compile(r"([(\[{]) ")


def detokenise(tokens: list[str]) -> str:
    """Rebuild newspaper-like text from corpus tokens (no space before closing punctuation)."""
    return _NO_SPACE_AFTER.sub(r"\1", _NO_SPACE_BEFORE.sub(r"\1", " ".join(tokens)))


def load_texts(data_dir: Path, limit: int) -> list[str]:
    """The first ``limit`` sentences of NER-UI, then NERGrit train/valid/test, as plain text."""
    files = [data_dir / "nerui" / "nerui.tsv"]
    files += [data_dir / "nergrit" / f"{split}.tsv" for split in ("train", "valid", "test")]
    texts: list[str] = []
    for path in files:
        if path.is_file():
            texts.extend(detokenise(tokens) for tokens, _tags in read_conll(path))
    return texts[:limit]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="directory with nergrit/ and nerui/ CoNLL files")
    parser.add_argument("--model", type=Path, default=_REPO / "models" / "ner-id")
    parser.add_argument("--sentences", type=int, default=4000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeat", type=int, default=3, help="timed passes; the median is reported")
    parser.add_argument("--pin-core", type=int, default=None, help="bind the process to this CPU as well")
    parser.add_argument(
        "--with-gazetteer",
        action="store_true",
        help="time the whole entity step (recogniser + gazetteer + resolution, as `warta entities` runs it)",
    )
    args = parser.parse_args(argv)

    if args.pin_core is not None and hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {args.pin_core})
    try:
        from thinc.api import set_torch_num_threads  # torch is optional; only matters if installed

        set_torch_num_threads(1)
    except Exception:
        pass

    texts = load_texts(args.data, args.sentences)
    if not texts:
        parser.error(f"no sentences found under {args.data}")
    recogniser = Recogniser.load(args.model)
    n_words = sum(len(doc) for doc in recogniser.nlp.tokenizer.pipe(texts))
    run = recogniser.spans
    if args.with_gazetteer:
        from flows.extract.entities import EntityExtractor, Gazetteer
        from flows.extract.entity_lines import entities_of_lines
        from flows.extract.resources import SeedPaths

        extractor = EntityExtractor(Gazetteer.from_seeds(SeedPaths(_REPO / "dbt" / "seeds")), recogniser)

        def run(texts, batch_size):  # same signature: the whole entity step
            return entities_of_lines(texts, extractor, batch_size=batch_size)

    list(run(texts[: args.batch_size * 2], batch_size=args.batch_size))  # warm-up

    timings: list[float] = []
    n_entities = 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        n_entities = sum(len(spans) for spans in run(texts, batch_size=args.batch_size))
        timings.append(time.perf_counter() - start)
    seconds = statistics.median(timings)
    wps = n_words / seconds
    print(
        json.dumps(
            {
                "sentences": len(texts),
                "words": n_words,
                "entities": n_entities,
                "seconds": round(seconds, 3),
                "words_per_second": round(wps),
                "batch_size": args.batch_size,
                "threads": 1,
                "with_gazetteer": args.with_gazetteer,
            }
        )
    )
    print(f"{wps:,.0f} words/s on one core ({n_words:,} words, {len(texts):,} sentences)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
