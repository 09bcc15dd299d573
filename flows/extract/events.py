"""Code events in PLOVER from a body's sentences: trigger, actors, place, date and context.

The trigger vocabulary is the ``event_lexicon`` dbt seed (``events_lexicon``); cue words live in
``data/event_cues.yml``. General rules decide whether a trigger word reports an act at all: headings,
quotations and names are skipped, a nominal trigger ("kunjungan", "sanksi") needs an agent (a light verb
"mengadakan pertemuan", a genitive "kunjungan Putin" or "oleh X") and is no event of its own when it is
another trigger's object ("membantah tuduhan"). Actors come from ``events_actors``, date and context
from ``events_context``. A mention with no actor at all is left out: "who did what" needs a who.
"""

from __future__ import annotations

import re
from datetime import date
from functools import cache

from flows.extract import lemma
from flows.extract.dates import DateMention
from flows.extract.events_actors import Actor, ActorFinder, Chain
from flows.extract.events_context import EventDate, choose_date, context, event_dates
from flows.extract.events_lexicon import Hit, Lexicon, Trigger
from flows.extract.events_triggers import TriggerFinder, _cues, _Token
from flows.extract.records import EntityMention, EventMention
from flows.extract.resources import SeedPaths, load_yaml, read_csv
from flows.extract.text import Sentence, sentences

__all__ = ["EventExtractor", "Lexicon", "Trigger"]

_TOKEN = re.compile(r"\w+(?:-\w+)*")
_QUOTES = re.compile(r"[“\"«][^”\"»\n]*(?:[”\"»]|$)", re.MULTILINE)
MAX_PER_TRIGGER = 4  # coordinated actors expand one trigger into at most this many events


@cache
def _roles() -> frozenset[str]:
    data = load_yaml("roles.yml")
    words = {w for role in data["roles"] for w in role.split()} | set(data["connectors"])
    return frozenset(words)


class EventExtractor:
    """Trigger-lexicon event coder over sentences and their entity mentions."""

    def __init__(self, lexicon: Lexicon, country_names: dict[str, str] | None = None) -> None:
        self.lexicon = lexicon
        self.triggers = TriggerFinder(lexicon)
        self.actors = ActorFinder(_cues(), country_names or {}, _roles())

    @classmethod
    def from_seeds(cls, seeds: SeedPaths) -> EventExtractor:
        names = {r["iso3"]: r["name_id"] for r in read_csv(seeds.countries)}
        return cls(Lexicon.from_seeds(seeds), names)

    def extract(self, body: str, mentions: list[EntityMention], published: date | None) -> list[EventMention]:
        cues = _cues()
        sents = sentences(body)
        quoted = [(m.start(), m.end()) for m in _QUOTES.finditer(body)]
        anchor = published or _latest_date(sents)
        reference = published or anchor  # no publication date: the latest date the article states
        dated = {s.index: event_dates(s.text, anchor, cues) for s in sents}
        found: list[EventMention] = []
        seen: set[tuple] = set()
        for sent in sents:
            if _is_heading(sent.text, cues):
                continue
            tokens = [
                _Token(m.start() + sent.start, m.end() + sent.start, m.group(0)) for m in _TOKEN.finditer(sent.text)
            ]
            in_sentence = [m for m in mentions if sent.start <= m.start_char < sent.end]
            recent = [x.start for x in sents if sent.paragraph_index - 1 <= x.paragraph_index <= sent.paragraph_index]
            history = [m for m in mentions if min(recent) <= m.start_char and m.end_char <= sent.start]
            actors = self.actors.candidates(sent.text, sent.start, in_sentence, history)
            hits, matches = self.triggers.find(sent, tokens, in_sentence, quoted, {a.start for a in actors})
            if not hits:
                continue
            chains = self.actors.chains(sent.text, sent.start, actors)
            para = _paragraph_date(sents, sent, dated)
            words = [t.word for t in tokens]
            positions = [tokens[h.first].start - sent.start for h, _ in hits]
            for hit, voice in hits:
                governed = self.triggers.governor(matches, hit, tokens)
                pairs, place = self._actors(hit, voice, tokens, sent, chains, in_sentence)
                pairs = self._referred_recipient(pairs, hit, matches, words, found)
                here = tokens[hit.first].start - sent.start
                own = _own_dates(sent.text, here, [p for p in positions if p != here], dated[sent.index], cues)
                when = choose_date(here, own, para, published)
                future = when.source == "sentence" and when.value and reference and when.value > reference
                if future and hit.trigger.event_type in cues["speech_types"]:  # a promise is made now, for later
                    when = choose_date(here, [], para, published)
                if when.source == "none" and reference is not None:
                    when = EventDate(reference, "day", "article")
                ctx = context(words, min(hit.first, voice), max(hit.last, voice), governed, when, reference, cues)
                if ctx == "reported" and when.value and reference and when.value > reference:
                    when = EventDate(reference, "day", "publication" if published else "article")
                for a1, a2 in pairs[:MAX_PER_TRIGGER]:
                    key = (sent.index, hit.trigger.event_type, a1 and a1.name, a2 and a2.name)
                    if key in seen:
                        continue
                    seen.add(key)
                    found.append(self._record(len(found), hit, voice, tokens, sent, a1, a2, place, when, ctx))
        return found

    # -- actors and place ------------------------------------------------------------------------------------
    def _actors(
        self,
        hit: Hit,
        voice: int,
        tokens: list[_Token],
        sent: Sentence,
        chains: list[Chain],
        mentions: list[EntityMention],
    ) -> tuple[list[tuple[Actor | None, Actor | None]], EntityMention | None]:
        cues = _cues()
        trig = hit.trigger
        destination = trig.event_mode in cues["destination_modes"]
        start, end = tokens[min(hit.first, voice)].start, tokens[max(hit.last, voice)].end
        limit = _clause_end(tokens, max(hit.last, voice), cues)
        places = [m for m in mentions if m.entity_type == "LOCATION"]
        place = self.actors.location(sent.text, sent.start, places, start, end, destination)
        usable = [c for c in chains if not (place and c.start == place.start_char and c.governor in ("di", "ke"))]
        voice_word = tokens[voice].word
        reverse = {r for r, _ in lemma.analyses(voice_word)} & set(cues["reverse_light_verbs"])
        passive = hit.passive if voice == hit.first else lemma.is_passive(voice_word)
        floor = _clause_start(tokens, min(hit.first, voice), cues)
        text, offset = sent.text, sent.start
        lowered = [t.word.lower() for t in tokens]
        rel = [k for k in range(max(0, hit.first - 3), hit.first) if lowered[k] == "yang"]
        relative_at = tokens[rel[-1]].start if rel else None
        fronted = any(w in cues["fronting"] for w in lowered[max(0, hit.first - 2) : hit.first])
        comma = text.find(",", end - offset)
        if fronted and comma >= 0:
            limit = min(limit, offset + comma)
        if hit.nominal and voice > hit.last:  # "kunjungan kerja yang akan dilakukan Putin ke Korea Utara"
            after_voice = tokens[voice].end
            agent = self.actors.agent_after(usable, after_voice, limit, text, offset)
            rest = [c for c in usable if c is not agent]
            recipient = self.actors.recipient_chain(rest, after_voice, limit, destination, text, offset)
        elif hit.nominal and voice == hit.last and self._agent_follows(hit, tokens, chains):  # genitive agent
            agent = self.actors.agent_after(usable, end, limit, text, offset)
            rest = [c for c in usable if c is not agent]
            recipient = self.actors.recipient_chain(rest, end, limit, destination, text, offset)
        elif passive or reverse:
            agent = self.actors.agent_after(usable, end, limit, text, offset)
            near = max(floor, tokens[max(0, min(hit.first, voice) - 4)].start)
            recipient = self.actors.subject_chain(usable, start, near, relative_at)
            if reverse and not passive:
                agent = self.actors.recipient_chain(usable, end, limit, destination, text, offset)
        else:
            agent = self.actors.subject_chain(usable, start, floor, relative_at)
            if agent is None and fronted and comma >= 0:  # "Usai berkunjung ke Korut, Putin ..."
                later = [c for c in usable if c.start > offset + comma and c.governor is None]
                agent = later[0] if later else None
            recipient = self.actors.recipient_chain(usable, end, limit, destination, text, offset)
            if agent is not None and recipient is agent:
                recipient = None
            if recipient is not None and trig.event_type in cues["object_not_recipient"]:
                recipient = recipient if recipient.governor in cues["recipient_prepositions"] else None
        a1 = [self.actors.as_country(a) for a in agent.members] if agent else []
        a2 = [self.actors.as_country(a) for a in recipient.members] if recipient else []
        if trig.symmetric and len(a1) >= 2:  # "Kim dan Putin menandatangani": the two parties
            a1, a2 = a1[:1], a1[1:2]
        if trig.event_type == "CONSULT" and not a2 and place is not None and a1:
            host = self._host(place, mentions)  # a visit's or summit's host: the country it took place in
            a2 = [host] if destination or host.country != a1[0].country else []
        a2 = [a for a in a2 if all(a.name != b.name for b in a1)]
        if trig.needs_recipient and not a2:
            return [], place
        pairs = [(x, y) for x in a1 for y in (a2 or [None])] or [(None, y) for y in a2]
        return [(x, y) for x, y in pairs if not _own_country(x, y)], place

    @staticmethod
    def _referred_recipient(
        pairs: list[tuple[Actor | None, Actor | None]],
        hit: Hit,
        matches: list[Hit],
        words: list[str],
        found: list[EventMention],
    ) -> list[tuple[Actor | None, Actor | None]]:
        """ "mengecam serangan tersebut": the recipient is the agent of the attack the article reported."""
        cues = _cues()
        if not pairs or any(a2 is not None for _, a2 in pairs):
            return pairs
        for other in matches:
            after = other.last + 1 < len(words) and words[other.last + 1].lower() in cues["anaphora"]
            if other.nominal and after and 0 < other.first - hit.last <= 3:
                earlier = [e for e in found if e.event_type == other.trigger.event_type and e.actor1_name]
                if earlier:
                    e = earlier[-1]
                    ref = Actor(e.actor1_name, e.start_char, e.end_char, e.actor1_mention, None, "entity")
                    return [(a1, ref) for a1, _ in pairs if a1 is None or a1.name != ref.name]
        return pairs

    @staticmethod
    def _agent_follows(hit: Hit, tokens: list[_Token], chains: list[Chain]) -> bool:
        """ "kunjungan Putin", "tuduhan oleh Korea Selatan": the noun's agent comes right after it."""
        if hit.last + 1 >= len(tokens):
            return False
        nxt = tokens[hit.last + 1]
        return nxt.word.lower() == _cues()["agent_marker"] or any(c.start == nxt.start for c in chains)

    def _host(self, place: EntityMention, mentions: list[EntityMention]) -> Actor:
        """A visit's host: the destination country ("ke Pyongyang, Korea Utara" -> Korea Utara)."""
        apposed = [m for m in mentions if 0 < m.start_char - place.end_char <= 3 and m.entity_type == "LOCATION"]
        target = apposed[0] if apposed and apposed[0].country_code == place.country_code else place
        actor = Actor(
            target.canonical_name,
            target.start_char,
            target.end_char,
            target.mention_index,
            target.country_code,
            "place",
        )
        return self.actors.as_country(actor)

    # -- record -----------------------------------------------------------------------------------------------
    def _record(
        self,
        index: int,
        hit: Hit,
        voice: int,
        tokens: list[_Token],
        sent: Sentence,
        a1: Actor | None,
        a2: Actor | None,
        place: EntityMention | None,
        when: EventDate,
        ctx: str,
    ) -> EventMention:
        trig = hit.trigger
        start, end = tokens[min(hit.first, voice)].start, tokens[max(hit.last, voice)].end
        if voice > hit.last + 1:  # "kunjungan ... yang akan dilakukan": the noun is the trigger
            start, end = tokens[hit.first].start, tokens[hit.last].end
        confidence = 0.35 + 0.25 * (a1 is not None) + 0.15 * (a2 is not None) + 0.15 * (when.source == "sentence")
        confidence += 0.1 * (not hit.nominal)
        return EventMention(
            mention_index=index,
            event_type=trig.event_type,
            event_mode=trig.event_mode,
            quad_class=trig.quad_class,
            event_context=ctx,
            trigger=sent.text[start - sent.start : end - sent.start],
            sentence=sent.text,
            sentence_index=sent.index,
            start_char=start,
            end_char=end,
            actor1_mention=a1.mention_index if a1 else None,
            actor1_name=a1.name if a1 else None,
            actor2_mention=a2.mention_index if a2 else None,
            actor2_name=a2.name if a2 else None,
            location_mention=place.mention_index if place else None,
            location_name=place.canonical_name if place else None,
            event_date=when.value,
            date_precision=when.precision,
            date_source=when.source,
            confidence=round(min(confidence, 1.0), 2),
        )


def _own_country(a: Actor | None, b: Actor | None) -> bool:
    """A person acting on their own country ("Putin mendukung Rusia") is a misread clause, not an event."""
    if a is None or b is None or a.country is None or a.country != b.country:
        return False
    return "country" in (a.kind, b.kind)


def _is_heading(text: str, cues: dict) -> bool:
    """A subheading or link line: no final punctuation and mostly capitalised words, or a marker."""
    lowered = text.lower()
    if any(lowered.startswith(m) for m in cues["heading_markers"]):
        return True
    words = _TOKEN.findall(text)
    if not words or text.rstrip()[-1:] in ".!?\"”'":
        return False
    return sum(w[0].isupper() for w in words) >= 0.6 * len(words)


def _clause_start(tokens: list[_Token], before: int, cues: dict) -> int:
    """Body offset where the clause holding word ``before`` starts ("..., sedangkan AS melayangkan")."""
    breaks = set(cues["scope_breaks"])
    starts = [t.end for t in tokens[:before] if t.word.lower() in breaks]
    return starts[-1] if starts else 0


def _own_dates(text: str, here: int, others: list[int], dates: list[DateMention], cues: dict) -> list[DateMention]:
    """Dates of a sentence that belong to the trigger at ``here``: in its clause and nearest to it."""
    breaks = set(cues["date_breaks"])
    own = []
    for d in dates:
        lo, hi = sorted((here, d.start))
        between = [w.lower() for w in _TOKEN.findall(text[lo:hi])]
        if any(w in breaks for w in between):
            continue
        if any(lo < o < hi for o in others):
            continue  # another trigger stands between: the date is that one's
        own.append(d)
    return own


def _clause_end(tokens: list[_Token], after: int, cues: dict) -> int:
    breaks = set(cues["clause_breaks"])
    for tok in tokens[after + 1 :]:
        if tok.word.lower() in breaks:
            return tok.start
    return tokens[-1].end + 1 if tokens else 0


def _paragraph_date(sents: list[Sentence], sent: Sentence, dated: dict[int, list[DateMention]]) -> DateMention | None:
    """The date of the nearest sentence of the same paragraph that has one (earlier ones first)."""
    same = [s for s in sents if s.paragraph_index == sent.paragraph_index and s.index != sent.index and dated[s.index]]
    earlier = [s for s in same if s.index < sent.index]
    pick = earlier[-1] if earlier else (same[0] if same else None)
    return dated[pick.index][0] if pick else None


def _latest_date(sents: list[Sentence]) -> date | None:
    """With no publication date, the latest full date the body states anchors relative dates."""
    from flows.extract.dates import find_dates

    values = [d.value for s in sents for d in find_dates(s.text) if d.precision == "day" and not d.relative]
    return max(values) if values else None
