"""Which words of a sentence report an act: trigger matches, their licence and their voice.

A lexicon match is only an event when the word is used as an act: not inside a name, a quotation or a
heading; a nominal form ("kunjungan", "sanksi") only with an agent (a light verb "mengadakan pertemuan",
a genitive "kunjungan Putin", "oleh X", a fronted "Pada kunjungannya ke X, Putin ..."), and not as the
object of another trigger ("membantah tuduhan"). Every match is still returned, because a promise or a
request noun governs the context of what follows it ("janji saling mendukung jika ...").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from flows.extract import lemma
from flows.extract.events_lexicon import Hit, Lexicon
from flows.extract.records import EntityMention
from flows.extract.resources import load_yaml
from flows.extract.text import Sentence

_TOKEN = re.compile(r"\w+(?:-\w+)*")


@cache
def _cues() -> dict:
    return load_yaml("event_cues.yml")


@dataclass
class _Token:
    start: int
    end: int
    word: str


class TriggerFinder:
    """Licensed triggers of one sentence, over a lexicon."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.lexicon = lexicon

    # -- which words report an act -------------------------------------------------------------------------
    def find(
        self,
        sent: Sentence,
        tokens: list[_Token],
        mentions: list[EntityMention],
        quoted: list[tuple[int, int]],
        actor_starts: set[int],
    ) -> tuple[list[tuple[Hit, int]], list[Hit]]:
        """Triggers that report acts (with the index of their voice word), and every lexicon match."""
        words = [t.word for t in tokens]
        hits: list[tuple[Hit, int]] = []
        matches: list[Hit] = []
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            skip = (
                (i > 0 and tok.word[0].isupper())
                or any(m.start_char <= tok.start < m.end_char for m in mentions)
                or any(s < tok.start < e for s, e in quoted)
                or self._surface_blocked(words, i)
            )
            hit = None if skip else self.lexicon.match(words, i)
            if hit is not None:
                matches.append(hit)
            if hit is None or not self._licensed(hit, words, hits):
                i += 1
                continue
            genitive = hit.last + 1 < len(tokens) and tokens[hit.last + 1].start in actor_starts
            comma = "," in sent.text[tokens[hit.last].end - sent.start :]
            voice = self._voice(hit, words, genitive, comma)
            if voice is None:
                i += 1
                continue
            hits.append((hit, voice))
            i = hit.last + 1
        return hits, matches

    @staticmethod
    def _surface_blocked(words: list[str], i: int) -> bool:
        cues = _cues()
        pair = " ".join(w.lower() for w in words[i : i + 2])
        prev = " ".join(w.lower() for w in words[max(0, i - 1) : i + 1])
        return words[i].lower() in cues["not_triggers"] or pair in cues["not_triggers"] or prev in cues["not_triggers"]

    def _licensed(self, hit: Hit, words: list[str], earlier: list[tuple[Hit, int]]) -> bool:
        cues = _cues()
        root = hit.trigger.lemmas[-1]
        nxt = words[hit.last + 1].lower() if hit.last + 1 < len(words) else ""
        if nxt in cues["blocked_collocations"].get(hit.trigger.lemmas[0], []) or nxt in cues[
            "blocked_collocations"
        ].get(root, []):
            return False
        if (
            hit.trigger.lemmas[0] in cues["needs_object"]
            and nxt
            and (_is_verb(nxt) or nxt in cues["oblique_prepositions"])
        ):
            return False  # "membantu memperkuat", "membantu dalam": an auxiliary, not aid
        if hit.nominal:
            if nxt in cues["anaphora"]:
                return False
            prev_hit = earlier[-1][0] if earlier else None
            between = {w.lower() for w in words[prev_hit.last + 1 : hit.first]} if prev_hit else set()
            close = prev_hit is not None and hit.first - prev_hit.last <= 3 and not prev_hit.nominal
            if close and not between & set(cues["clause_breaks"]):
                return False  # the object of another trigger ("membantah tuduhan"), not an act of its own
        return True

    def _voice(self, hit: Hit, words: list[str], genitive: bool, comma_after: bool) -> int | None:
        """Index of the word whose voice decides agent and recipient, or None when a noun has no agent."""
        if not hit.nominal:
            return hit.first
        cues = _cues()
        light = set(cues["light_verbs"]) | set(cues["reverse_light_verbs"])
        if hit.trigger.quad_class.startswith("verbal"):
            light |= set(cues["light_verbs_verbal"])
        gap = set(cues["light_verb_gap"])
        k = hit.first - 1
        while k >= 0 and hit.first - k <= 4:
            roots = {r for r, f in lemma.analyses(words[k]) if f.split("-")[0] in ("meN", "di", "memper", "diper")}
            if roots & light:
                return k
            if words[k].lower() not in gap and not self.lexicon.match(words, k):
                break
            k -= 1
        for k in range(hit.last + 1, min(len(words), hit.last + 5)):  # "kunjungan kerja yang akan dilakukan"
            roots = {r for r, f in lemma.analyses(words[k]) if f.startswith("di")}
            if roots & light:
                return k
        if hit.last + 1 < len(words) and words[hit.last + 1].lower() == cues["agent_marker"]:
            return hit.last  # "tuduhan oleh Korea Selatan"
        governed = (
            hit.first > 0
            and words[hit.first - 1].lower() in cues["oblique_prepositions"] + cues["recipient_prepositions"]
        )
        if genitive and not governed and hit.form not in cues["patient_genitive_forms"]:
            return hit.last  # genitive agent: "kunjungan Putin", "serangan Israel"
        fronted = any(w.lower() in cues["fronting"] for w in words[max(0, hit.first - 2) : hit.first])
        if fronted and comma_after and hit.form not in cues["patient_genitive_forms"]:
            return hit.first  # "Pada kunjungannya ke Pyongyang, Putin ...": the subject after the comma
        return None

    def governor(self, matches: list[Hit], hit: Hit, tokens: list[_Token]) -> str | None:
        """Context imposed by an earlier trigger word whose content this one is ("berjanji mendukung")."""
        cues = _cues()
        words = [t.word.lower() for t in tokens]
        for other in reversed(matches):
            if other.last >= hit.first:
                continue
            nxt = words[other.last + 1] if other.last + 1 < len(words) else ""
            that = "bahwa" in words[other.last + 1 : hit.first]  # "tuduhan oleh X bahwa Kim membantu"
            nominal_far = other.nominal and (hit.first - other.last > 3 or nxt in cues["anaphora"]) and not that
            if nominal_far:
                continue  # a noun governs only what directly follows it ("janji saling mendukung")
            breaks = set(cues["scope_breaks"]) | set(cues["clause_breaks"]) - {"bahwa", "agar", "supaya"}
            if any(w in breaks for w in words[other.last + 1 : hit.first]):
                return None
            ctx = cues["governed_context"].get(other.trigger.event_type)
            if ctx == "negated" and other.trigger.event_mode not in ("deny", "reject"):
                continue
            if ctx:
                return ctx
        return None


def _is_verb(word: str) -> bool:
    return any(f.split("-")[0] in ("meN", "ber", "memper") for _, f in lemma.analyses(word)) and len(word) > 5
