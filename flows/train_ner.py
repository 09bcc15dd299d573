"""Train and evaluate Warta's Indonesian named-entity recogniser (spaCy only).

Why this module exists: the project ships its own small NER model instead of depending on a downloaded
pretrained pipeline (there is none for Indonesian in spaCy, and the machine that builds Warta is offline).
The model is trained from two public, cased corpora that the caller points at with ``data_dir``:

* ``nergrit/{train,valid,test}.tsv`` -- NERGrit as split by IndoNLU (tags PERSON, PLACE, ORGANISATION);
* ``nerui/nerui.tsv`` -- NER-UI news sentences (tags PERSON, LOCATION, ORGANIZATION), one unsplit file.

Both are mapped onto the project's three entity types PERSON, LOCATION and ORGANIZATION. The data is read
from ``data_dir`` at training time and never copied into the repository; only the trained model is shipped.

This module is deliberately pure (spaCy and the standard library only; no Prefect, dbt or DuckDB) so that it
can be imported by the CLI, by tests and by notebooks without pulling the orchestration stack.
"""

from __future__ import annotations

import io
import json
import random
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin
from spacy.training import Example
from spacy.training.initialize import init_nlp
from spacy.training.loop import train as spacy_train_loop
from spacy.util import fix_random_seed, load_config_from_str
from spacy.vocab import Vocab

__all__ = [
    "CONFIG",
    "LABELS",
    "TAG_MAP",
    "evaluate",
    "read_conll",
    "split_nerui",
    "train_ner",
]

Sentence = tuple[list[str], list[str]]

#: The project's entity types; every source tag set is mapped onto these.
LABELS: tuple[str, ...] = ("PERSON", "LOCATION", "ORGANIZATION")

#: Source entity type -> project entity type. NERGrit says PLACE/ORGANISATION, NER-UI LOCATION/ORGANIZATION.
TAG_MAP: dict[str, str] = {
    "PERSON": "PERSON",
    "PER": "PERSON",
    "PLACE": "LOCATION",
    "LOCATION": "LOCATION",
    "LOC": "LOCATION",
    "ORGANISATION": "ORGANIZATION",
    "ORGANIZATION": "ORGANIZATION",
    "ORG": "ORGANIZATION",
}

# Default number of passes over the training data. Chosen from the experiments recorded in
# models/ner-id/MODEL_CARD.md: the dev score plateaus after about 10-17 epochs, and the best checkpoint
# on the dev set (not the last one) is what gets saved, so the cap bounds time without costing accuracy.
DEFAULT_MAX_EPOCHS = 20

# Probability of replacing a training sentence by an all-lower/ALL-UPPER copy. 0.1 kept (in fact slightly
# raised) F1 on cased text and made the model usable on uncased text; 0.2 cost about 2 F1 points on
# cased news (experiments e06/e08 in the model card).
DEFAULT_CASE_AUGMENT = 0.1

#: The spaCy training config. Values written as ``${...}`` or overridden in ``_overrides_from_knobs`` are
#: the knobs explored in the experiments; everything else is spaCy's default for a CPU "efficiency" NER.
CONFIG = """
[paths]
train = null
dev = null
vectors = null
init_tok2vec = null

[system]
gpu_allocator = null
seed = 13

[nlp]
lang = "id"
pipeline = ["tok2vec","ner"]
batch_size = 256
tokenizer = {"@tokenizers":"spacy.Tokenizer.v1"}

[components]

[components.tok2vec]
factory = "tok2vec"

[components.tok2vec.model]
@architectures = "spacy.Tok2Vec.v2"

[components.tok2vec.model.embed]
@architectures = "spacy.MultiHashEmbed.v2"
width = ${components.tok2vec.model.encode.width}
attrs = ["NORM","PREFIX","SUFFIX","SHAPE"]
rows = [5000,1000,2500,2500]
include_static_vectors = false

[components.tok2vec.model.encode]
@architectures = "spacy.MaxoutWindowEncoder.v2"
width = 96
depth = 4
window_size = 1
maxout_pieces = 3

[components.ner]
factory = "ner"
incorrect_spans_key = null
moves = null
scorer = {"@scorers":"spacy.ner_scorer.v1"}
update_with_oracle_cut_size = 100

[components.ner.model]
@architectures = "spacy.TransitionBasedParser.v2"
state_type = "ner"
extra_state_tokens = false
hidden_width = 64
maxout_pieces = 2
use_upper = true
nO = null

[components.ner.model.tok2vec]
@architectures = "spacy.Tok2VecListener.v1"
width = ${components.tok2vec.model.encode.width}
upstream = "*"

[corpora]

[corpora.train]
@readers = "spacy.Corpus.v1"
path = ${paths.train}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[corpora.dev]
@readers = "spacy.Corpus.v1"
path = ${paths.dev}
max_length = 0
gold_preproc = false
limit = 0
augmenter = null

[training]
dev_corpus = "corpora.dev"
train_corpus = "corpora.train"
seed = ${system.seed}
gpu_allocator = ${system.gpu_allocator}
dropout = 0.1
accumulate_gradient = 1
patience = 1600
max_epochs = 20
max_steps = 0
eval_frequency = 200
frozen_components = []
annotating_components = []
before_to_disk = null
before_update = null

[training.batcher]
@batchers = "spacy.batch_by_words.v1"
discard_oversize = false
tolerance = 0.2
get_length = null

[training.batcher.size]
@schedules = "compounding.v1"
start = 100
stop = 1000
compound = 1.001
t = 0.0

[training.logger]
@loggers = "spacy.ConsoleLogger.v1"
progress_bar = false

[training.optimizer]
@optimizers = "Adam.v1"
beta1 = 0.9
beta2 = 0.999
L2_is_weight_decay = true
L2 = 0.01
grad_clip = 1.0
use_averages = false
eps = 0.00000001
learn_rate = 0.001

[training.score_weights]
ents_f = 1.0
ents_p = 0.0
ents_r = 0.0
ents_per_type = null

[pretraining]

[initialize]
vectors = ${paths.vectors}
init_tok2vec = ${paths.init_tok2vec}
vocab_data = null
lookups = null
before_init = null
after_init = null

[initialize.components]

[initialize.tokenizer]
"""


# --------------------------------------------------------------------------------------------------------
# Reading and splitting the data
# --------------------------------------------------------------------------------------------------------


def _map_tag(tag: str) -> str:
    """Map one IOB2 tag onto the project's types; unknown entity types become ``O`` (never guessed)."""
    tag = tag.strip()
    if tag in ("", "O"):
        return "O"
    prefix, _, etype = tag.partition("-")
    if prefix not in ("B", "I") or not etype:
        return "O"
    mapped = TAG_MAP.get(etype.upper())
    return f"{prefix}-{mapped}" if mapped else "O"


def _repair_iob(tags: list[str]) -> list[str]:
    """Turn an ``I-X`` that does not continue an ``X`` entity into ``B-X``.

    Why: spaCy's ``Doc(ents=...)`` rejects ill-formed IOB sequences, and seqeval's default (non-strict)
    mode reads them the same way, so repairing keeps the two scorers in agreement.
    """
    out: list[str] = []
    prev = "O"
    for tag in tags:
        if tag.startswith("I-") and prev[2:] != tag[2:]:
            tag = "B-" + tag[2:]
        out.append(tag)
        prev = tag
    return out


def read_conll(path: Path) -> list[Sentence]:
    """Read a ``token<TAB>IOB2-tag`` file (blank line between sentences) into ``(tokens, tags)`` pairs.

    Tags are mapped onto PERSON / LOCATION / ORGANIZATION (NERGrit's PLACE and ORGANISATION, NER-UI's
    LOCATION and ORGANIZATION), so that both corpora can be mixed and scored with one label set. Lines
    without a tag column are read as ``O`` rather than rejected, because a single malformed line should
    not lose a whole corpus; empty tokens are dropped because spaCy cannot represent them.
    """
    sentences: list[Sentence] = []
    tokens: list[str] = []
    tags: list[str] = []
    with Path(path).open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if tokens:
                    sentences.append((tokens, _repair_iob(tags)))
                    tokens, tags = [], []
                continue
            token, _, tag = line.partition("\t")
            token = token.strip()
            if not token:
                continue
            tokens.append(token.replace(" ", "_"))
            tags.append(_map_tag(tag))
    if tokens:
        sentences.append((tokens, _repair_iob(tags)))
    return sentences


def split_nerui(
    sentences: Sequence[Sentence],
    seed: int = 13,
    held_out: float = 0.2,
    *,
    dev: float = 0.1,
) -> tuple[list[Sentence], list[Sentence], list[Sentence]]:
    """Split NER-UI (which ships unsplit) into ``(train, dev, test)``, reproducibly for a given seed.

    ``held_out`` is the fraction kept as the *test* set -- the held-out news sentences on which the model
    is judged -- and ``dev`` the fraction used for checkpoint selection during training; the rest trains.
    Identical sentences (NER-UI repeats a few dozen) are grouped and always land on the same side, so the
    test figures are not inflated by sentences the model has already seen. The shuffle uses a private
    ``random.Random(seed)`` so it does not depend on, or disturb, the global random state.
    """
    if not 0.0 <= held_out < 1.0 or not 0.0 <= dev < 1.0 or held_out + dev >= 1.0:
        raise ValueError(f"need 0 <= held_out, dev and held_out + dev < 1; got {held_out=}, {dev=}")
    groups: dict[tuple[str, ...], list[int]] = {}
    for index, (tokens, _tags) in enumerate(sentences):
        groups.setdefault(tuple(tokens), []).append(index)
    keys = list(groups)  # first-occurrence order: deterministic
    random.Random(seed).shuffle(keys)
    n_total = len(sentences)
    n_test = round(n_total * held_out)
    n_dev = round(n_total * dev)
    test: list[Sentence] = []
    dev_set: list[Sentence] = []
    train: list[Sentence] = []
    for key in keys:
        members = [sentences[i] for i in groups[key]]
        if len(test) < n_test:
            test.extend(members)
        elif len(dev_set) < n_dev:
            dev_set.extend(members)
        else:
            train.extend(members)
    return train, dev_set, test


# --------------------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------------------


def _iob_spans(tags: Sequence[str]) -> set[tuple[int, int, str]]:
    """Entity spans ``(start, end, label)`` in token offsets from an IOB2 sequence."""
    spans: set[tuple[int, int, str]] = set()
    start: int | None = None
    label = ""
    for i, tag in enumerate([*tags, "O"]):
        if start is not None and (tag == "O" or tag.startswith("B-") or tag[2:] != label):
            spans.add((start, i, label))
            start = None
        if tag.startswith("B-") or (tag.startswith("I-") and start is None):
            start, label = i, tag[2:]
    return spans


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    precision = tp / n_pred if n_pred else 0.0
    recall = tp / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "support": n_gold}


def evaluate(model_dir_or_nlp: Path | str | Language, sentences: Sequence[Sentence]) -> dict[str, Any]:
    """Entity-level precision, recall and F1 (overall, micro-averaged, and per type) on gold-tokenised text.

    Why gold tokens: the published reference figures (IndoNLU, IndoLEM) are computed with seqeval on the
    corpus tokenisation; running the model on the same tokens and counting a predicted entity as correct
    only if its start, end and type all match a gold entity gives the same numbers as seqeval and as
    spaCy's scorer, so our figures are comparable with theirs. Returns ``{"precision", "recall", "f1",
    "support", "per_type": {LABEL: {...same keys...}}}`` where support is the number of gold entities.
    """
    nlp = model_dir_or_nlp if isinstance(model_dir_or_nlp, Language) else spacy.load(Path(model_dir_or_nlp))
    gold_spans = [_iob_spans(tags) for _tokens, tags in sentences]
    docs = (Doc(nlp.vocab, words=list(tokens)) for tokens, _tags in sentences)
    counts = {label: [0, 0, 0] for label in LABELS}  # tp, predicted, gold
    for doc, gold in zip(nlp.pipe(docs, batch_size=256), gold_spans, strict=True):
        pred = {(ent.start, ent.end, ent.label_) for ent in doc.ents}
        for label in {s[2] for s in pred | gold}:
            row = counts.setdefault(label, [0, 0, 0])
            row[0] += len({s for s in pred & gold if s[2] == label})
            row[1] += len({s for s in pred if s[2] == label})
            row[2] += len({s for s in gold if s[2] == label})
    total = [sum(row[i] for row in counts.values()) for i in range(3)]
    result: dict[str, Any] = dict(_prf(*total))
    result["per_type"] = {label: _prf(*row) for label, row in counts.items()}
    return result


# --------------------------------------------------------------------------------------------------------
# Training
# --------------------------------------------------------------------------------------------------------


@spacy.registry.augmenters("warta.case_augmenter.v1")
def create_case_augmenter(level: float, upper_share: float = 0.5) -> Callable[[Language, Example], Iterator]:
    """Replace a sentence, with probability ``level``, by its all-lowercase or ALL-UPPERCASE variant.

    Why: the corpora are carefully cased, but the texts Warta meets are not always (headlines in capitals,
    user-typed queries in lowercase). Without such variants the model leans almost entirely on
    capitalisation and finds nothing in uncased text. ``upper_share`` is the fraction of the replaced
    sentences that are upper- rather than lower-cased.
    """

    def augment(nlp: Language, example: Example) -> Iterator[Example]:
        if random.random() >= level:
            yield example
            return
        upper = random.random() < upper_share
        change = str.upper if upper else str.lower
        ref = example.reference
        words = [change(t.text) for t in ref]
        spaces = [bool(t.whitespace_) for t in ref]
        iob = [f"{t.ent_iob_}-{t.ent_type_}" if t.ent_iob_ in ("B", "I") else "O" for t in ref]
        gold = Doc(nlp.vocab, words=words, spaces=spaces, ents=iob)
        yield Example(nlp.make_doc(gold.text), gold)

    return augment


def _to_docbin(sentences: Iterable[Sentence]) -> DocBin:
    """Serialise gold sentences for spaCy's corpus reader (a bare Vocab: no tokenizer needed here)."""
    vocab = Vocab()
    docbin = DocBin(attrs=["ORTH", "ENT_IOB", "ENT_TYPE"], store_user_data=False)
    for tokens, tags in sentences:
        docbin.add(Doc(vocab, words=list(tokens), ents=list(tags)))
    return docbin


_KNOBS: dict[str, str] = {
    # knob name -> config path it overrides
    "width": "components.tok2vec.model.encode.width",
    "depth": "components.tok2vec.model.encode.depth",
    "window_size": "components.tok2vec.model.encode.window_size",
    "hidden_width": "components.ner.model.hidden_width",
    "dropout": "training.dropout",
    "patience": "training.patience",
    "eval_frequency": "training.eval_frequency",
    "max_steps": "training.max_steps",
    "learn_rate": "training.optimizer.learn_rate",
    "L2": "training.optimizer.L2",
    "use_averages": "training.optimizer.use_averages",
}

_DEFAULT_ATTRS = ("NORM", "PREFIX", "SUFFIX", "SHAPE")
_ROWS_BY_ATTR = {"NORM": 5000, "LOWER": 5000, "ORTH": 5000, "PREFIX": 1000, "SUFFIX": 2500, "SHAPE": 2500}


def _overrides_from_knobs(seed: int, max_epochs: int, knobs: dict[str, Any]) -> dict[str, Any]:
    """Translate the friendly keyword knobs of ``train_ner`` into spaCy config overrides."""
    knobs = dict(knobs)
    width = int(knobs.get("width", 96))
    overrides: dict[str, Any] = {
        "system.seed": seed,
        "training.max_epochs": max_epochs,
    }
    for name, path in _KNOBS.items():
        if name in knobs:
            overrides[path] = knobs.pop(name)
    attrs = list(knobs.pop("attrs", _DEFAULT_ATTRS))
    rows_scale = float(knobs.pop("rows_scale", 1.0))
    char_embed = knobs.pop("char_embed", None)
    if char_embed:
        # CharacterEmbed: a hash embedding of one attribute plus learned per-byte vectors of the first and
        # last nC/2 bytes of each word (case-sensitive, so capitalisation is kept).
        opts = dict(char_embed) if isinstance(char_embed, dict) else {}
        overrides["components.tok2vec.model.embed"] = {
            "@architectures": "spacy.CharacterEmbed.v2",
            "width": width,
            "rows": int(opts.get("rows", 7000)),
            "nM": int(opts.get("nM", 64)),
            "nC": int(opts.get("nC", 8)),
            "include_static_vectors": False,
            "feature": opts.get("feature", "NORM"),
        }
    else:
        overrides["components.tok2vec.model.embed.attrs"] = attrs
        overrides["components.tok2vec.model.embed.rows"] = [
            max(64, int(_ROWS_BY_ATTR.get(a, 2500) * rows_scale)) for a in attrs
        ]
    case_augment = float(knobs.pop("case_augment", DEFAULT_CASE_AUGMENT))
    if case_augment > 0:
        overrides["corpora.train.augmenter"] = {
            "@augmenters": "warta.case_augmenter.v1",
            "level": case_augment,
            "upper_share": float(knobs.pop("upper_share", 0.5)),
        }
    overrides.update(knobs.pop("overrides", {}) or {})
    if knobs:
        raise TypeError(f"train_ner() got unknown knobs: {sorted(knobs)}")
    return overrides


def _select(name: str, options: dict[str, list[Sentence]], choice: str) -> list[Sentence]:
    parts = {"both": ["nergrit", "nerui"], "nergrit": ["nergrit"], "nerui": ["nerui"]}.get(choice)
    if parts is None:
        raise ValueError(f"{name} must be 'both', 'nergrit' or 'nerui', not {choice!r}")
    return [s for part in parts for s in options[part]]


def train_ner(
    data_dir: Path,
    out_dir: Path,
    *,
    seed: int = 13,
    max_epochs: int = DEFAULT_MAX_EPOCHS,
    **knobs: Any,
) -> dict[str, Any]:
    """Train the Indonesian NER model from ``data_dir``, save the best checkpoint to ``out_dir``, score it.

    Why this shape: the CLI (``warta train-ner``), the tests (a tiny corpus, ``max_epochs=1``) and the
    experiments all go through this one function, so the shipped model is reproducible from one command
    and the figures in the model card come from the same code path as the model.

    Steps: read NERGrit (train/valid/test) and NER-UI (split with :func:`split_nerui`, same ``seed``);
    build ``spacy.blank("id")`` + ``tok2vec`` + ``ner`` from :data:`CONFIG`; train with spaCy's training
    loop, seeded with ``seed`` (``spacy.util.fix_random_seed``), choosing the checkpoint with the best
    entity F1 on the dev set; save that checkpoint with ``nlp.to_disk(out_dir)`` (other files already in
    ``out_dir``, such as the model card, are left alone); evaluate it on the NERGrit test set and on the
    NER-UI held-out test set with :func:`evaluate`.

    Keyword knobs (all optional): ``width``, ``depth``, ``window_size`` (tok2vec CNN), ``hidden_width`` (NER
    state layer), ``attrs`` (hash-embedded token attributes; default NORM/PREFIX/SUFFIX/SHAPE), ``rows_scale``
    (size of those hash tables), ``char_embed`` (True or a dict: use spaCy's CharacterEmbed instead),
    ``case_augment`` (probability of replacing a training sentence by a lower/upper-cased copy; default
    :data:`DEFAULT_CASE_AUGMENT`) and ``upper_share``, ``train_on`` / ``dev_on`` (``"both"``, ``"nergrit"`` or
    ``"nerui"``), ``dropout``, ``learn_rate``, ``L2``, ``use_averages``, ``patience``, ``eval_frequency``,
    ``max_steps``, ``overrides`` (raw spaCy config overrides), ``verbose`` (print the training log).

    Returns a JSON-serialisable dict: ``nergrit_test`` and ``nerui_test`` (each as :func:`evaluate`
    returns), ``dev_f1`` (best dev score), ``sizes`` (sentences per split), ``seed``, ``max_epochs``,
    ``knobs``, ``train_seconds`` and ``out_dir``.
    """
    started = time.perf_counter()
    data_dir, out_dir = Path(data_dir), Path(out_dir)
    knobs = dict(knobs)
    verbose = bool(knobs.pop("verbose", False))
    train_on = str(knobs.pop("train_on", "both"))
    dev_on = str(knobs.pop("dev_on", "both"))
    recorded_knobs = {
        "width": 96,
        "depth": 4,
        "attrs": list(_DEFAULT_ATTRS),
        "case_augment": DEFAULT_CASE_AUGMENT,
        **{k: v for k, v in knobs.items() if k != "overrides"},
        "train_on": train_on,
        "dev_on": dev_on,
    }
    overrides = _overrides_from_knobs(seed, max_epochs, knobs)

    fix_random_seed(seed)
    grit_train = read_conll(data_dir / "nergrit" / "train.tsv")
    grit_dev = read_conll(data_dir / "nergrit" / "valid.tsv")
    grit_test = read_conll(data_dir / "nergrit" / "test.tsv")
    ui_train, ui_dev, ui_test = split_nerui(read_conll(data_dir / "nerui" / "nerui.tsv"), seed=seed)
    train_set = _select("train_on", {"nergrit": grit_train, "nerui": ui_train}, train_on)
    dev_set = _select("dev_on", {"nergrit": grit_dev, "nerui": ui_dev}, dev_on) or grit_dev + ui_dev
    if not train_set or not dev_set:
        raise ValueError(f"no training or dev sentences found under {data_dir}")

    config = load_config_from_str(CONFIG, interpolate=False)
    with tempfile.TemporaryDirectory(prefix="warta-ner-") as tmp_name:
        tmp = Path(tmp_name)
        _to_docbin(train_set).to_disk(tmp / "train.spacy")
        _to_docbin(dev_set).to_disk(tmp / "dev.spacy")
        overrides["paths.train"] = str(tmp / "train.spacy")
        overrides["paths.dev"] = str(tmp / "dev.spacy")
        config = load_config_from_str(config.to_str(), overrides=overrides, interpolate=False)
        log = sys.stdout if verbose else io.StringIO()
        nlp = init_nlp(config, use_gpu=-1)
        (tmp / "run").mkdir()
        spacy_train_loop(nlp, tmp / "run", use_gpu=-1, stdout=log, stderr=log)
        best_dir = tmp / "run" / "model-best"
        # Reload the best checkpoint's weights into the trained pipeline rather than spacy.load()-ing it:
        # building the Indonesian tokenizer (tens of thousands of special cases) takes seconds each time.
        chosen = best_dir if best_dir.exists() else tmp / "run" / "model-last"
        best = nlp.from_disk(chosen, exclude=["tokenizer"])
    dev_f1 = float(best.meta.get("performance", {}).get("ents_f") or 0.0)

    metrics: dict[str, Any] = {
        "nergrit_test": evaluate(best, grit_test),
        "nerui_test": evaluate(best, ui_test),
        "dev_f1": dev_f1,
        "sizes": {
            "nergrit_train": len(grit_train),
            "nergrit_valid": len(grit_dev),
            "nergrit_test": len(grit_test),
            "nerui_train": len(ui_train),
            "nerui_dev": len(ui_dev),
            "nerui_test": len(ui_test),
            "train": len(train_set),
            "dev": len(dev_set),
        },
        "seed": seed,
        "max_epochs": max_epochs,
        "knobs": json.loads(json.dumps(recorded_knobs, default=str)),
    }

    # The temporary corpus paths mean nothing once training is over; keep the saved config portable.
    best.config["paths"]["train"] = None
    best.config["paths"]["dev"] = None
    best.meta.update(
        {
            "name": "ner_id",
            "version": "1.0.0",
            "description": "Warta Indonesian NER (PERSON, LOCATION, ORGANIZATION), trained on NERGrit "
            "(IndoNLP/indonlu, Apache-2.0) and NER-UI (indolem/indolem, CC BY 4.0). See MODEL_CARD.md.",
            "sources": [
                {
                    "name": "NERGrit (IndoNLU split)",
                    "url": "https://github.com/IndoNLP/indonlu",
                    "license": "Apache-2.0",
                },
                {"name": "NER-UI", "url": "https://github.com/indolem/indolem", "license": "CC BY 4.0"},
            ],
        }
    )
    best.meta["warta"] = {k: metrics[k] for k in ("nergrit_test", "nerui_test", "dev_f1", "sizes", "seed")}
    out_dir.mkdir(parents=True, exist_ok=True)
    best.to_disk(out_dir)
    metrics["train_seconds"] = round(time.perf_counter() - started, 1)
    metrics["out_dir"] = str(out_dir)
    return metrics
