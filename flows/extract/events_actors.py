"""Who did it, to whom, where: actor1 (agent), actor2 (recipient) and place of one trigger.

Actors are the sentence's entity mentions (people, organisations, countries, cities standing for their
government) plus generic groups named in ``event_cues.yml`` ("polisi", "pengunjuk rasa") when no entity
fits. Each candidate knows the word that governs its phrase ("kepada Presiden Korea Utara Kim Jong Un"
is governed by "kepada"), and coordinated candidates ("Moskow dan Pyongyang") form one chain. Then:
active voice takes the nearest ungoverned chain before the trigger as agent and the first object or
recipient after it as recipient; passive voice ("diteken oleh X", "ditangkap polisi") swaps them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from flows.extract import lemma
from flows.extract.records import EntityMention

_WORD = re.compile(r"\w+(?:-\w+)*")


@dataclass(frozen=True)
class Actor:
    """A possible actor: an entity mention, a country a city stands for, or a generic group."""

    name: str
    start: int
    end: int
    mention_index: int | None
    country: str | None
    kind: str  # entity | country | generic | place


@dataclass
class Chain:
    """Coordinated actors and the word governing the first of them (None when it is a subject/object)."""

    members: list[Actor]
    governor: str | None
    gov_start: int = 0
    words_before: int = 0
    extra: dict = field(default_factory=dict)

    @property
    def start(self) -> int:
        return self.members[0].start

    @property
    def end(self) -> int:
        return self.members[-1].end


class ActorFinder:
    """Candidate actors of a sentence and their assignment to a trigger."""

    def __init__(self, cues: dict, country_names: dict[str, str], roles: frozenset[str]) -> None:
        self.cues = cues
        self.country_names = country_names
        self.country_set = frozenset(country_names.values())
        self.roles = roles
        generic = cues["generic_actors"]
        self._generic = re.compile(
            r"(?<!\w)(" + "|".join(re.escape(g) for g in sorted(generic, key=len, reverse=True)) + r")(?!\w)",
            re.IGNORECASE,
        )

    # -- candidates ---------------------------------------------------------------------------------------
    def candidates(
        self, text: str, offset: int, mentions: list[EntityMention], history: list[EntityMention] | None = None
    ) -> list[Actor]:
        """Actor-capable mentions of a sentence (``text`` starts at body offset ``offset``), in order.

        ``history`` (the body's mentions before the sentence) resolves pronouns: "dia" is the last person
        named, "kedua negara" the last two countries.
        """
        out = self._mentioned(text, offset, mentions)
        out += self._pronouns(text, offset, mentions, history or [], out)
        return sorted(out, key=lambda a: a.start)

    def _pronouns(
        self, text: str, offset: int, mentions: list[EntityMention], history: list[EntityMention], taken: list[Actor]
    ) -> list[Actor]:
        out: list[Actor] = []
        pairs = self.cues["pair_pronouns"]
        words = [*self.cues["person_pronouns"], *pairs]
        for m in re.finditer(r"(?<!\w)(" + "|".join(re.escape(w) for w in words) + r")(?!\w)", text, re.IGNORECASE):
            start, end = offset + m.start(), offset + m.end()
            before = history + [x for x in mentions if x.end_char <= start]
            word = m.group(1).lower()
            wanted = pairs.get(word, "PERSON")
            found: list[EntityMention] = []
            for x in reversed(before):
                ok = x.entity_type == wanted and (wanted == "PERSON" or x.canonical_name in self.country_set)
                if ok and all(f.canonical_name != x.canonical_name for f in found):
                    found.append(x)
                if len(found) == (2 if word in pairs else 1):
                    break
            if len(found) != (2 if word in pairs else 1) or any(a.start < end and start < a.end for a in taken):
                continue
            for x in reversed(found):  # referents share the pronoun's span, which coordinates them
                kind = "entity" if x.entity_type != "LOCATION" else "place"
                out.append(Actor(x.canonical_name, start, end, x.mention_index, x.country_code, kind))
        return out

    def _mentioned(self, text: str, offset: int, mentions: list[EntityMention]) -> list[Actor]:
        people = [m for m in mentions if m.entity_type in ("PERSON", "ORGANIZATION")]
        out: list[Actor] = []
        heads = set(self.cues["place_name_heads"])
        for m in mentions:
            if m.entity_type == "LOCATION" and not m.country_code:
                continue
            before = _WORD.findall(text[: m.start_char - offset])
            head = before[-1] if before and before[-1][0].isupper() else m.surface.split()[0]
            if m.entity_type == "LOCATION" and head.lower() in heads:
                continue  # "Laut Jepang" is a sea, not Japan
            if m.entity_type != "PERSON" and self._is_affiliation(text, offset, m, people):
                continue  # "Presiden Rusia Vladimir Putin": Rusia is the person's country, not a second actor
            kind = "entity" if m.entity_type != "LOCATION" else "place"
            out.append(Actor(m.canonical_name, m.start_char, m.end_char, m.mention_index, m.country_code, kind))
        for g in self._generic.finditer(text):
            start, end = offset + g.start(), offset + g.end()
            if any(a.start < end and start < a.end for a in out):
                continue
            if any(0 <= a.start - (offset + g.end()) <= 1 for a in out):
                continue  # "pemerintah Korea Utara": the named country is the actor
            name = self.cues["generic_actors"][g.group(1).lower()]
            out.append(Actor(name, start, end, None, None, "generic"))
        return out

    def _is_affiliation(self, text: str, offset: int, m: EntityMention, people: list[EntityMention]) -> bool:
        for p in people:
            if p is m or p.entity_type != "PERSON" or p.start_char < m.end_char:
                continue
            between = text[m.end_char - offset : p.start_char - offset]
            words = _WORD.findall(between)
            if len(between) <= 40 and all(w[0].isupper() or w.lower() in self.roles for w in words):
                return not ({",", "."} & set(between)) and not {"dan", "serta"} & {w.lower() for w in words}
        return False

    def as_country(self, actor: Actor) -> Actor:
        """A city acting ("Moskow membantah") stands for its country's government."""
        if actor.kind != "place":
            return actor
        if actor.name in self.country_set or not actor.country:
            return Actor(actor.name, actor.start, actor.end, actor.mention_index, actor.country, "country")
        name = self.country_names.get(actor.country, actor.name)
        return Actor(name, actor.start, actor.end, None, actor.country, "country")

    # -- chains -----------------------------------------------------------------------------------------------
    def chains(self, text: str, offset: int, actors: list[Actor]) -> list[Chain]:
        """Coordinated runs of actors; a bare comma links only in a list closed by "dan" ("A, B, dan C").

        A fronted clause ("Dalam upacara di X, A dan B ...") ends at its comma: no list crosses it.
        """
        first = _WORD.match(text.lstrip())
        barrier = offset + text.find(",") if first and first.group(0).lower() in self.cues["fronting"] else -1
        out: list[Chain] = []
        links: list[list[str]] = []
        for actor in actors:
            link = None
            if out:
                shared = actor.start < out[-1].end  # the referents of one pronoun ("kedua negara")
                link = "and" if shared else self._link(text[out[-1].end - offset : actor.start - offset])
                if out[-1].end <= barrier < actor.start:
                    link = None
            if link:
                out[-1].members.append(actor)
                links[-1].append(link)
                continue
            governor, gov_start = self._governor(text, actor.start - offset)
            out.append(Chain([actor], governor, offset + gov_start))
            links.append([])
        result: list[Chain] = []
        for chain, kinds in zip(out, links, strict=True):
            if kinds and kinds[-1] == "comma":  # an apposition ("Putin, Yuri Ushakov"), not a list
                cut = max((k for k, kind in enumerate(kinds) if kind != "comma"), default=-1) + 1
                result.append(Chain(chain.members[: cut + 1], chain.governor, chain.gov_start))
                result.extend(Chain([a], None, a.start) for a in chain.members[cut + 1 :])
            else:
                result.append(chain)
        return result

    def _link(self, between: str) -> str | None:
        coordinators = ("dan", "serta", "maupun")
        words = [
            w.lower()
            for w in _WORD.findall(between)
            if w.lower() in coordinators or (w.lower() not in self.roles and not w[0].isupper())
        ]
        rest = re.sub(r"[\w\s-]", "", between).strip()
        if rest not in ("", ",") or len(words) > 1 or not all(w in coordinators for w in words):
            return None
        return "and" if words else ("comma" if rest == "," else None)

    def _governor(self, text: str, pos: int) -> tuple[str | None, int]:
        """The lower-case word before an actor's phrase, skipping titles and capitalised words."""
        words = list(_WORD.finditer(text[:pos]))
        skip = self.roles | set(self.cues["place_nouns"])
        for w in reversed(words):
            token = w.group(0)
            if token[0].isupper() or token.lower() in skip:
                continue
            if text[w.end() : pos].strip(" ") and not re.fullmatch(r"[\w\s\-]*", text[w.end() : pos]):
                return None, w.end()  # punctuation between: the phrase starts a clause
            return token.lower(), w.start()
        return None, 0

    # -- assignment --------------------------------------------------------------------------------------------
    def _is_prep(self, governor: str | None) -> bool:
        cues = self.cues
        return governor is not None and (
            governor in cues["recipient_prepositions"]
            or governor in cues["oblique_prepositions"]
            or governor == cues["agent_marker"]
        )

    def recipient_chain(
        self, chains: list[Chain], after: int, limit: int, destination: bool, text: str, offset: int
    ) -> Chain | None:
        """First object or recipient after a trigger, before the clause ends at ``limit``."""
        for chain in chains:
            if chain.start < after or chain.start >= limit:
                continue
            if chain.governor == "ke" and destination:
                continue
            if chain.governor in self.cues["recipient_prepositions"]:
                return chain
            gap = _WORD.findall(text[after - offset : chain.start - offset])
            if not self._is_prep(chain.governor) and len(gap) <= 4:
                return chain  # a direct object close to its verb
        return None

    def subject_chain(
        self, chains: list[Chain], before: int, floor: int, relative_at: int | None = None
    ) -> Chain | None:
        """Nearest subject before a trigger (not before ``floor``); else the agent of an "oleh" phrase.

        In a relative clause ("negara yang telah melakukan uji coba") the subject is the phrase the
        "yang" at ``relative_at`` follows, whatever governs it.
        """
        eligible = [c for c in chains if c.end <= before and c.start >= floor and not self._object(c.governor)]
        if relative_at is not None:
            antecedent = [c for c in eligible if c.end <= relative_at]
            if antecedent and antecedent[-1].governor not in ("di", "dalam", "dari"):
                return antecedent[-1]
        for chain in reversed(eligible):
            if not self._is_prep(chain.governor):
                return chain
        for chain in reversed(eligible):
            if chain.governor == self.cues["agent_marker"] and before - chain.end <= 40:
                return chain  # "disampaikan oleh Putin menjelang berkunjung": the elided subject
        return None

    def _object(self, governor: str | None) -> bool:
        """A name right after a (non-speech) verb is that verb's object, never a later verb's subject."""
        if governor is None or len(governor) <= 4:
            return False
        readings = lemma.analyses(governor)
        verbal = [r for r, f in readings if f.split("-")[0] in ("meN", "di", "memper", "diper")]
        return bool(verbal) and not set(verbal) & set(self.cues["speech_verbs"])

    def agent_after(self, chains: list[Chain], after: int, limit: int, text: str, offset: int) -> Chain | None:
        """Passive agent: "oleh X" anywhere in the clause, or a bare X right after the verb."""
        for chain in chains:
            if after <= chain.start < limit and chain.governor == self.cues["agent_marker"]:
                return chain
        for chain in chains:
            if after <= chain.start < limit and not self._is_prep(chain.governor):
                gap = _WORD.findall(text[after - offset : chain.start - offset])
                if len(gap) <= 1:
                    return chain
        return None

    def location(
        self, text: str, offset: int, places: list[EntityMention], before: int, after: int, destination: bool
    ) -> EntityMention | None:
        """The place: first "di/ke X" after the trigger, else a sentence-opening "Di X,"."""
        preps = set(self.cues["location_prepositions"]) - (set() if destination else {"ke"})
        found = []
        for m in places:
            governor, gov_start = self._governor(text, m.start_char - offset)
            if governor in preps:
                found.append((m, gov_start))
        for m, _ in found:
            if m.start_char >= after:
                return m
        for m, gov_start in reversed(found):  # "... di Pyongyang, menandatangani pakta": same clause, just before
            between = text[m.end_char - offset : before - offset]
            if gov_start == 0 or (len(_WORD.findall(between)) <= 2 and not ({".", ";"} & set(between))):
                return m
        return None
