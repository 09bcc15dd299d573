"""The trigger lexicon (dbt seed ``event_lexicon``) and how a sentence's words are matched against it.

Each row is a lemma (or lemma sequence) with its PLOVER coding and the affixed *forms* in which it
reports an act: "tahan" counts as "menahan", "ditahan", "penahanan" (detain) but not as "pertahanan"
(defence), because per-an is not among its forms. Nominal forms ("kunjungan", "bantuan", bare
"sanksi") are marked so the extractor can ask for an agent before counting them.
"""

from __future__ import annotations

from dataclasses import dataclass

from flows.extract import lemma
from flows.extract.resources import SeedPaths, read_csv

# Forms a row without an explicit list accepts: verbs and action nouns, never agent nouns ("penyerang")
# or ke-an abstractions ("kebebasan").
_BLOCKED_BY_DEFAULT = ("peN-", "ke-")
MAX_GAP = 2  # words allowed between the parts of a multi-word trigger ("mengirim sebuah surat")


@dataclass(frozen=True)
class Trigger:
    """One lexicon row."""

    lemmas: tuple[str, ...]
    event_type: str
    event_mode: str
    quad_class: str
    transitive: bool
    forms: frozenset[str]
    bare_is_verb: bool
    symmetric: bool
    family: str
    needs_recipient: bool

    def accepts(self, form: str) -> bool:
        """Whether an affixed form of the first lemma reports this act."""
        prefix = form.split("-")[0]
        if not self.forms:
            return not any(form.startswith(b) for b in _BLOCKED_BY_DEFAULT) or form == "peN-an"
        if len(self.lemmas) > 1:  # the suffix sits on a later word ("menanda tangani"): compare prefixes
            return prefix in {f.split("-")[0] for f in self.forms}
        return form in self.forms


@dataclass(frozen=True)
class Hit:
    """A trigger found at tokens ``first``..``last`` (inclusive) of a sentence."""

    trigger: Trigger
    first: int
    last: int
    form: str

    @property
    def nominal(self) -> bool:
        if self.form == "-":
            return not self.trigger.bare_is_verb
        return self.form in lemma.NOMINAL_FORMS

    @property
    def passive(self) -> bool:
        return self.form.split("-")[0] in ("di", "diper", "ter")


def _flag(value: str) -> bool:
    return value.strip().lower() == "true"


class Lexicon:
    """Triggers indexed by their first lemma, longest first."""

    def __init__(self, triggers: list[Trigger]) -> None:
        self.triggers = triggers
        self.by_first: dict[str, list[Trigger]] = {}
        for trig in sorted(triggers, key=lambda t: -len(t.lemmas)):
            self.by_first.setdefault(trig.lemmas[0], []).append(trig)

    @classmethod
    def from_seeds(cls, seeds: SeedPaths) -> Lexicon:
        rows = read_csv(seeds.event_lexicon)
        return cls(
            [
                Trigger(
                    lemmas=tuple(r["trigger"].split()),
                    event_type=r["event_type"],
                    event_mode=r["event_mode"],
                    quad_class=r["quad_class"],
                    transitive=_flag(r.get("passive_agent_after", "true")),
                    forms=frozenset(f for f in r.get("forms", "").split("|") if f),
                    bare_is_verb=r.get("bare", "noun") == "verb",
                    symmetric=_flag(r.get("is_symmetric", "false")),
                    family=r.get("merge_family") or r["event_type"],
                    needs_recipient=_flag(r.get("needs_recipient", "false")),
                )
                for r in rows
            ]
        )

    def match(self, words: list[str], i: int) -> Hit | None:
        """The longest trigger whose first lemma is word ``i`` in an accepted form."""
        best: Hit | None = None
        for root, form in lemma.analyses(words[i]):
            for trig in self.by_first.get(root, []):
                if not trig.accepts(form):
                    continue
                last = self._rest(trig, words, i)
                if last is None:
                    continue
                if best is None or len(trig.lemmas) > len(best.trigger.lemmas):
                    best = Hit(trig, i, last, form)
        return best

    @staticmethod
    def _rest(trig: Trigger, words: list[str], i: int) -> int | None:
        """Index of the last word of a multi-word trigger (later parts may follow after a short gap)."""
        pos = i
        for part in trig.lemmas[1:]:
            for k in range(pos + 1, min(len(words), pos + 2 + MAX_GAP)):
                if part in lemma.candidates(words[k]) or part == words[k].lower():
                    pos = k
                    break
            else:
                return None
        return pos
