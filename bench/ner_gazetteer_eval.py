"""F1 of the recogniser with and without the gazetteer, on NER-UI held out and NERGrit test.

Why: the model card reports the recogniser on the corpora's own tokens; the pipeline, though, combines it
with the gazetteer over running text. This prints both tables the card shows (model alone, model +
gazetteer as ``EntityExtractor.combine`` runs them, gazetteer alone), per type, scored on character spans.

Usage (from the repository root):

    .venv/bin/python bench/ner_gazetteer_eval.py /work/shared/data/ner [--model models/ner-id] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

_REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(_REPO))

from flows.evaluate.ner import evaluate_with_gazetteer, to_markdown  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data", type=Path, help="directory with nergrit/ and nerui/ CoNLL files")
    parser.add_argument("--model", type=Path, default=_REPO / "models" / "ner-id")
    parser.add_argument("--seeds", type=Path, default=_REPO / "dbt" / "seeds", help="gazetteer seed CSVs")
    parser.add_argument("--seed", type=int, default=13, help="seed of the NER-UI split (the model card's is 13)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of markdown tables")
    args = parser.parse_args(argv)
    results = evaluate_with_gazetteer(args.data, args.model, args.seeds, args.seed)
    print(json.dumps(results, indent=2) if args.json else to_markdown(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
