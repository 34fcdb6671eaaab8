"""Stage: actors. Actor1 (who did it) and actor2 (to whom) of every event mention.

The actors named in the mention's sentence (actors.actor_mentions) get roles by ACLED's
conventions:
- the agent of the trigger (subject, "by X", possessor) is actor1, its object or the other
  side of "clashed with X" / "fighting between X and Y" actor2;
- a perpetrator the text attributes ("officials blamed the Houthi movement", "X claimed
  responsibility", "X is believed to have killed him"), in this sentence or the next two,
  names an attacker the clause leaves unnamed;
- people who only report the event ("officials of the government said") are not its actors;
- protests and riots: protesters or rioters, and the police only when they act in the
  event (disperse, arrest, clash); a riot that hurts people has civilians as actor2;
- violence against civilians has civilians as actor2; unnamed attackers are ACLED's
  "Unidentified Armed Group (Country)".
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from spacy.tokens import Doc, Span, Token

from .actor_names import Lexicon, LexiconEntry
from .doc_memo import memo
from .actors import ARMED_KINDS, CROWD_KINDS, ActorMention, actor_mentions, agent_of, antecedent, kinds_in, most_specific, targets_of

if TYPE_CHECKING:
    from .mentions import Mention

STATE_ENTRY = LexiconEntry(("forces",), "State forces", "Military Forces of {country}", "state")
PROTESTERS = LexiconEntry(("protesters",), "Protesters", "Protesters ({country})", "protester")
RIOTERS = LexiconEntry(("rioters",), "Rioters", "Rioters ({country})", "rioter")
UNKNOWN_ARMED = LexiconEntry(("unidentified",), "Political militias", "Unidentified Armed Group ({country})", "armed")
UNKNOWN_IDENTITY = LexiconEntry(("communal",), "Identity militias", "Unidentified Communal Militia ({country})", "armed")
CIVILIANS = LexiconEntry(("civilians",), "Civilians", "Civilians ({country})", "civilian")

SPEECH_VERBS = {"say", "tell", "report", "state", "announce", "add", "confirm", "allege", "claim", "accuse", "blame",
                "quote", "cite", "note", "warn"}
ATTRIBUTING_VERBS = {"blame", "accuse", "suspect", "attribute"}
BELIEF_VERBS = {"believe", "suspect", "think", "reported", "alleged", "allege"}
ACTING_VERBS = {"clash", "confront", "attack", "pelt", "stone", "fight", "chase", "assault", "beat", "block"}
VIOLENT_TYPES = {"Battles", "Violence against civilians", "Explosions/Remote violence"}
WINDOW = 2   # sentences after the event's own that may name its perpetrator or the police


@dataclass(frozen=True)
class ActorChoice:
    """Actors picked for an event before countries are known: entries plus named countries."""

    actor1: LexiconEntry | None
    country1: str | None
    actor2: LexiconEntry | None
    country2: str | None


ActorsByMention = dict[int, ActorChoice]   # a mention's head token -> its actors


def find_actors(doc: Doc, mentions: list["Mention"], demonym: Callable[[str], str | None],
                lex: Lexicon | None = None) -> ActorsByMention:
    """Stage: actors. Actor1 and actor2 of every mention, keyed by the mention's head token."""
    return {m.head: choose_actors(m, doc, demonym, lex) for m in mentions}


def _key(m: ActorMention | None) -> tuple | None:
    return (m.entry.name, m.country) if m else None


def _same(a: tuple | None, b: tuple | None) -> bool:
    """Two actor keys that may be one actor: "Malian troops" and "seven soldiers" (no
    country named, so the event's) are both Mali's forces."""
    return a is not None and b is not None and a[0] == b[0] and (a[1] == b[1] or None in (a[1], b[1]))


def choose_actors(mention: "Mention", doc: Doc, demonym: Callable[[str], str | None],
                  lex: Lexicon | None = None) -> ActorChoice:
    """Actor1 (the agent) and actor2 (the target) of a mention, by ACLED's conventions."""
    sent = doc[mention.sent_start].sent
    named = _named(sent, demonym, lex)
    by_token = {t: m for m in named for t in range(m.start, m.end)}
    agent_m, agent_country, target_m = _agent_and_target(mention, doc, by_token, demonym)
    if agent_m is None or _unnamed(agent_m.entry):
        blamed = attributed(doc, sent, demonym, lex)
        if blamed is not None:
            agent_m, agent_country = blamed, None
    reporters = _reporters(sent)
    heard = [most_specific(doc[m.head], by_token) or m for m in named if m.head not in reporters]
    etype = mention.event_type
    if etype in {"Protests", "Riots"}:
        return _crowd_actors(mention, doc, sent, agent_m, target_m, demonym, lex)
    if agent_m is None and agent_country:
        agent_entry, country1 = STATE_ENTRY, agent_country
    elif agent_m is not None and agent_m.entry.kind in CROWD_KINDS and etype in VIOLENT_TYPES and (
            "agent_shooter" in kinds_in(sent, mention, doc)):
        agent_entry, country1 = UNKNOWN_ARMED, agent_m.country   # "an unidentified group shot him dead"
    elif agent_m is not None and agent_m.entry.kind not in {"civilian"}:
        agent_entry, country1 = agent_m.entry, agent_m.country
    else:
        first = next((m for m in heard if m.entry.kind in ARMED_KINDS and not _same(_key(m), _key(target_m))), None)
        agent_entry, country1 = (first.entry, first.country) if first else (None, None)
    agent_key = (agent_entry.name, country1) if agent_entry else None
    if agent_entry is None and etype in VIOLENT_TYPES:
        # ACLED's convention for perpetrators the report does not name.
        identity = "identity" in kinds_in(sent, mention, doc) or any(
            doc[t.token].lemma_.lower() in {"raid", "rustle"} for t in mention.triggers)
        agent_entry = UNKNOWN_IDENTITY if identity else UNKNOWN_ARMED
    if etype == "Violence against civilians":
        entry2 = target_m.entry if target_m and target_m.entry.kind == "civilian" else CIVILIANS
        return ActorChoice(agent_entry, country1, entry2, target_m.country if target_m else None)
    if target_m is not None and (target_m.entry.kind not in ARMED_KINDS or _same(_key(target_m), agent_key)):
        target_m = None
    if target_m is None:
        target_m = next((m for m in heard if m.entry.kind in ARMED_KINDS and not _same(_key(m), agent_key)), None)
    if target_m is None and _civilians_hit(mention, heard, agent_key, sent, doc):
        return ActorChoice(agent_entry, country1, CIVILIANS, None)   # "a landmine ... injuring three children"
    return ActorChoice(agent_entry, country1, target_m.entry if target_m else None,
                       target_m.country if target_m else None)


def _agent_and_target(mention: "Mention", doc: Doc, by_token: dict[int, ActorMention],
                      demonym: Callable[[str], str | None]) -> tuple[ActorMention | None, str | None, ActorMention | None]:
    agent_m, agent_country = None, None
    sides: list[ActorMention] = []
    for trig in mention.triggers:
        token = doc[trig.token]
        agent = agent_of(token) or agent_of(token.head) if token.pos_ == "NOUN" and token.dep_ in {"dobj", "nsubj"} else agent_of(token)
        if agent is not None and agent.lower_ in {"it", "they"}:
            agent = antecedent(agent)
        if agent is not None and agent_m is None and agent_country is None:
            agent_m = most_specific(agent, by_token)
            if agent_m is None:
                agent_country = demonym(agent.text)
        both = [m for m in (most_specific(t, by_token) for t in _other_sides(token, None)) if m is not None]
        if agent is None and agent_m is None and len(both) >= 2 and not _same(_key(both[0]), _key(both[1])):
            agent_m = both[0]   # "a firefight between the Abu Sayyaf and the military"
        sides += [m for m in (most_specific(t, by_token) for t in [*targets_of(token), *_other_sides(token, agent)])
                  if m is not None]
    sides = [m for m in sides if not _same(_key(m), _key(agent_m))]
    # an armed side the event hit ("clashed with jihadist militants") before "12 people were killed"
    target_m = next((m for m in sides if m.entry.kind in ARMED_KINDS), sides[0] if sides else None)
    return agent_m, agent_country, target_m


def _civilians_hit(mention: "Mention", heard: list[ActorMention], agent_key, sent: Span, doc: Doc) -> bool:
    """Shelling, bombs or looting with no armed side hit, where civilians are named: ACLED's
    actor2 is then Civilians."""
    if mention.event_type == "Battles":
        return False
    if "victims_civilian" in kinds_in(sent, mention, doc):
        return True
    looting = mention.sub_event_type == "Looting/property destruction"
    return (mention.event_type == "Explosions/Remote violence" or looting) and any(
        m.entry.kind == "civilian" and _key(m) != agent_key for m in heard)


def _other_sides(token: Token, agent: Token | None) -> list[Token]:
    """"troops clashed with militants", "fighting between the army and rebels": the other
    side of a fight (and, when the subject is missing, both sides)."""
    sides = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in {"with", "between", "against"}:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                sides.append(obj)
                sides.extend(c for c in obj.children if c.dep_ == "conj")
    return [s for s in sides if agent is None or s.i != agent.i]


def _unnamed(entry: LexiconEntry) -> bool:
    return entry.name.startswith("Unidentified")


def _named(s: Span, demonym: Callable[[str], str | None], lex: Lexicon | None) -> list[ActorMention]:
    """A sentence's actors, read once per sentence and lexicon: every mention of the
    sentence, and of the two before it, asks for them."""
    cache = memo(s.doc).named_mentions
    key = (s.start, id(lex))
    if key not in cache:
        cache[key] = actor_mentions(s, demonym, lex)
    return cache[key]


def _window(doc: Doc, sent: Span) -> list[Span]:
    out, current = [sent], sent
    for _ in range(WINDOW):
        if current.end >= len(doc):
            break
        current = doc[current.end].sent
        out.append(current)
    return out


def attributed(doc: Doc, sent: Span, demonym: Callable[[str], str | None], lex: Lexicon | None = None) -> ActorMention | None:
    """An armed actor the text holds responsible: the object of "blamed"/"accused", the one
    on whom an attack "was blamed", the subject of "claimed responsibility", or of "is
    believed to have killed"."""
    for s in _window(doc, sent):
        for m in _named(s, demonym, lex):
            if m.entry.kind in ARMED_KINDS and _holds_responsible(doc[m.head]):
                return m
    return None


def _holds_responsible(token: Token) -> bool:
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in ATTRIBUTING_VERBS:
        return True                              # "officials blamed the Houthi movement"
    if token.dep_ == "pobj" and head.lower_ in {"on", "to"} and head.head.lemma_.lower() in {"blame", "attribute"}:
        return True                              # "blamed the attack on Al Shabaab"
    if token.dep_ == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() == "claim":
        return True                              # "the attack was claimed by ISWAP"
    if token.dep_ == "nsubj" and head.lemma_.lower() == "claim" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in {"responsibility", "credit"} for c in head.children):
        return True                              # "JNIM claimed responsibility"
    return token.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in BELIEF_VERBS and any(
        c.dep_ in {"xcomp", "ccomp"} for c in head.children)   # "X is believed to have killed him"


def _reporters(sent: Span) -> set[int]:
    """Tokens of the subjects of speech verbs: "officials of the government said" report."""
    out: set[int] = set()
    for token in sent:
        if token.dep_ == "nsubj" and token.head.lemma_.lower() in SPEECH_VERBS:
            out.update(t.i for t in token.subtree)
    return out


def _crowd_actors(mention: "Mention", doc: Doc, sent: Span, agent_m: ActorMention | None,
                  target_m: ActorMention | None, demonym, lex) -> ActorChoice:
    """Protesters or rioters, and who they faced: the police when they act in the event;
    for a riot that hurts people, civilians."""
    crowd = PROTESTERS if mention.event_type == "Protests" else RIOTERS
    country = agent_m.country if agent_m and agent_m.entry.kind in {"protester", "rioter", "crowd", "mob"} else None
    other = target_m if target_m and target_m.entry.kind == "state" else acting_state(doc, sent, demonym, lex)
    if other is None and "police_violence" in kinds_in(sent, mention, doc):
        other = next((m for m in _named(sent, demonym, lex) if m.entry.kind == "state"), None)
    if other is not None:
        return ActorChoice(crowd, country, other.entry, other.country)
    if crowd is RIOTERS and ("victims_civilian" in kinds_in(sent, mention, doc) or _people_hit(mention, doc)):
        return ActorChoice(crowd, country, CIVILIANS, None)   # "a mob attacked a youth"
    return ActorChoice(crowd, country, None, None)


VICTIM_WORDS = {"thief", "thieves", "robber", "robbers", "youth", "youths", "teenager", "teenagers", "student",
                "students", "activist", "activists", "supporter", "supporters", "leader", "leaders", "member",
                "members", "worker", "workers", "person", "persons", "people", "suspect", "suspects", "wife",
                "husband", "son", "daughter", "brother", "sister", "neighbour", "neighbor"}


def _people_hit(mention: "Mention", doc: Doc) -> bool:
    """Mob violence against a person the lexicon does not know as a civilian: "a mob beat a
    suspected thief to death", "villagers lynched two men"."""
    if mention.sub_event_type != "Mob violence":
        return False
    return any(victim.lemma_.lower() in VICTIM_WORDS or victim.lower_ in VICTIM_WORDS or victim.ent_type_ == "PERSON"
               for trig in mention.triggers for victim in targets_of(doc[trig.token]))


def acting_state(doc: Doc, sent: Span, demonym, lex) -> ActorMention | None:
    """State forces that act in the event's sentence or the next two: the subject of a verb
    other than speech ("police dispersed them"), "by police", "clashed with police"."""
    for s in _window(doc, sent):
        for m in _named(s, demonym, lex):
            if m.entry.kind == "state" and _acts(doc[m.head]):
                return m
    return None


def _acts(token: Token) -> bool:
    """Police who do something in the event: "police dispersed them", "dispersed by police",
    "clashed with police", "hurled rocks at police", "police were injured"."""
    head = token.head
    if token.dep_ in {"nsubj", "nsubjpass"} and head.pos_ == "VERB":
        return head.lemma_.lower() not in SPEECH_VERBS
    if token.dep_ == "pobj" and (head.dep_ == "agent" or (
            head.lower_ in {"with", "against", "at"} and head.head.pos_ == "VERB"
            and head.head.lemma_.lower() not in SPEECH_VERBS | {"demand", "call", "protest"})):
        return True
    return token.dep_ == "dobj" and head.lemma_.lower() in ACTING_VERBS
