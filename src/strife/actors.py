"""Stage: actors. Who did what to whom, with ACLED actor types and countries.

The lexicon (data/actors.tsv, written by the team) maps words such as "police",
"separatists", "gunmen" or "protesters" to an ACLED actor type and a name pattern. The
country comes from a demonym or country next to the word ("Azerbaijani forces",
"Azerbaijan's forces", "Kenyan police") and otherwise from the event's place, filled in at
assembly. Actor1 is the agent of the event's trigger (its subject, its possessor, "by X"),
actor2 the target.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Callable

from spacy.tokens import Doc, Span, Token

from .doc_memo import memo
from .record import Actor

if TYPE_CHECKING:
    from .mentions import Mention


@dataclass(frozen=True)
class LexiconEntry:
    phrase: tuple[str, ...]
    type: str
    name: str
    kind: str


@dataclass(frozen=True)
class ActorMention:
    start: int             # token index of the first word
    end: int
    head: int              # token index of the head word
    entry: LexiconEntry
    country: str | None    # ISO3 named next to it, if any


@lru_cache(maxsize=1)
def lexicon() -> dict[tuple[str, ...], LexiconEntry]:
    text = resources.files("strife").joinpath("data/actors.tsv").read_text(encoding="utf-8")
    rows = csv.DictReader((line for line in text.splitlines() if not line.startswith("#")), delimiter="\t")
    return {tuple(r["phrase"].split()): LexiconEntry(tuple(r["phrase"].split()), r["type"], r["name"], r["kind"])
            for r in rows}


@lru_cache(maxsize=1)
def lexicon_words() -> frozenset[str]:
    return frozenset(w for phrase in lexicon() for w in phrase)


def _words_of_kind(*kinds: str) -> set[str]:
    return {w for e in lexicon().values() if e.kind in kinds for w in e.phrase}


ARMED_WORDS = _words_of_kind("state", "rebel", "armed", "external") | {
    "army", "soldier", "troops", "militant", "military", "police", "gunmen", "rebel", "fighter"}
VIOLENT_ACTOR_WORDS = _words_of_kind("state", "rebel", "armed", "external", "crowd", "rioter", "mob") - {"of", "the"}
STATE_WORDS = {w for e in lexicon().values() if e.kind == "state" for w in e.phrase} | {"force", "forces"}
PERSON_WORDS = _words_of_kind("civilian", "protester", "rioter", "state", "rebel", "armed") | {
    "prisoner", "prisoners", "captive", "captives", "hostage", "hostages", "suspect", "suspects", "person",
    "worker", "workers", "official", "officials", "tourist", "tourists", "staff"}
PERCEPTION_VERBS = {"hear", "see", "report", "witness", "say", "describe", "record", "observe", "fear", "condemn",
                    "blame", "denounce", "investigate", "notice", "confirm", "deny", "claim", "cite", "document"}
IDENTITY_ADJECTIVES = {"ethnic", "communal", "intercommunal", "inter-communal", "tribal", "clan", "interclan",
                       "inter-clan", "sectarian", "intertribal", "inter-ethnic", "interethnic"}
IDENTITY_WORDS = {"ethnic", "clan", "clans", "tribe", "tribes", "tribal", "communal", "inter-communal",
                  "intercommunal", "sub-clan", "subclan", "inter-clan", "interclan"}
CROWD_KINDS = {"protester", "rioter", "mob", "crowd"}
ARMED_KINDS = {"state", "rebel", "armed", "external"}
PERSON_NOUN_KINDS = {"civilian"}


def actor_mentions(sent: Span, demonym: Callable[[str], str | None]) -> list[ActorMention]:
    """Lexicon actors named in a sentence, longest phrase first, no overlaps."""
    lex = lexicon()
    longest = max(len(p) for p in lex)
    found: list[ActorMention] = []
    i = 0
    tokens = list(sent)
    while i < len(tokens):
        match = None
        for n in range(min(longest, len(tokens) - i), 0, -1):
            words = tokens[i:i + n]
            key = tuple(t.lower_ for t in words)
            key_lemma = tuple(t.lemma_.lower() for t in words)
            entry = lex.get(key) or lex.get(key_lemma)
            if entry and not (n == 1 and words[0].pos_ not in {"NOUN", "PROPN"}):
                match = (n, entry)
                break
        if match:
            n, entry = match
            head = _head(tokens[i:i + n])
            entry = _identity_militia(head, entry)
            found.append(ActorMention(tokens[i].i, tokens[i].i + n, head.i, entry, _country_near(head, demonym)))
            i += n
        else:
            i += 1
    return found


MILITIA_WORDS = {"militia", "militias", "militiamen", "warriors", "fighters"}


def _identity_militia(head: Token, entry: LexiconEntry) -> LexiconEntry:
    """"Gabra militia", "Maasai and Kikuyu militias", "Somali militia": a militia named after
    a people is an identity militia in ACLED's terms; a bare "militia" is political."""
    if head.lower_ not in MILITIA_WORDS:
        return entry
    names = [c for c in head.children if c.dep_ in {"compound", "amod", "nmod"} and c.text[:1].isupper()]
    names += [g for c in names for g in c.children if g.dep_ == "conj" and g.text[:1].isupper()]
    if not names:
        return entry
    group = " ".join(t.text for t in names[:1])
    return LexiconEntry(entry.phrase, "Identity militias", f"{group} Ethnic Militia ({{country}})", "armed")


def _head(tokens: list[Token]) -> Token:
    ids = {t.i for t in tokens}
    for t in tokens:
        if t.head.i not in ids or t.head == t:
            return t
    return tokens[-1]


def _country_near(head: Token, demonym: Callable[[str], str | None]) -> str | None:
    """ISO3 of a demonym or country that modifies an actor word."""
    for child in head.children:
        if child.dep_ in {"amod", "compound", "nmod", "poss", "npadvmod"} and child.pos_ in {"ADJ", "PROPN", "NOUN"}:
            iso = demonym(child.text)
            if iso:
                return iso
        if child.dep_ == "prep" and child.lower_ in {"of", "from"}:
            for obj in child.children:
                iso = demonym(obj.text)
                if iso:
                    return iso
    return None


def kinds_in(sent: Span, mention: "Mention", doc: Doc) -> set[str]:
    """Facts about the actors around a mention that decide its ACLED type.

    'state', 'rebel', 'armed', 'protester', 'rioters', 'crowd', 'civilian' (who is present),
    'victims_armed' / 'victims_civilian' (who was attacked), 'agent_crowd' / 'agent_armed'
    (who did it), 'crowd_violent' (a crowd is the agent of violence), 'police_violence'
    (police act against a crowd), 'armed2' (two armed sides).
    """
    mentions = _kind_mentions(sent)
    kinds = {m.entry.kind for m in mentions}
    out = set(kinds)
    if kinds & {"rioter", "mob"}:
        out.add("rioters")
    armed = [m for m in mentions if m.entry.kind in ARMED_KINDS]
    if len({m.entry.name for m in armed}) >= 2:
        out.add("armed2")
    by_token = {t: m for m in mentions for t in range(m.start, m.end)}
    for trig in mention.triggers:
        token = doc[trig.token]
        targets = _targets(token)
        # "off-duty police officers", "herders grazing their cattle": not fighters
        victim_kinds = [("civilian" if _disarmed(victim) else phrase_kind(victim, by_token),
                         victim.ent_type_ == "PERSON") for victim in targets]
        if trig.cue in {"ATTACK", "KILL"} and not any(phrase_kind(victim, by_token) for victim in targets):
            disarmed = bool({t.lower_ for t in token.doc[token.i + 1:token.i + 8]} & DISARMED_WORDS) or any(
                _disarmed(victim) for victim in targets)
            victim_kinds = [("civilian" if disarmed else kind, False) for kind in _kinds_after(token, by_token)]
        for kind, person in victim_kinds:
            if kind in ARMED_KINDS:
                out.add("victims_armed")
            elif kind in PERSON_NOUN_KINDS | CROWD_KINDS or person:
                out.add("victims_civilian")
            if kind == "protester":
                out.add("victims_protester")  # "BCL members assaulted the demonstrators"
        if trig.cue in {"ATTACK", "KILL", "BATTLE", "VANDAL"} and _hits_armed_target(token, by_token):
            out.add("victims_armed")  # "attacks a military camp", "stormed a police post"
        if any(phrase_kind(t, by_token) in CROWD_KINDS | PERSON_NOUN_KINDS for t in token.subtree if t != token):
            out.add("crowd_in_event")  # "clashes between youths and police"
        agent = _agent(token)
        if agent is not None and agent.lower_ in {"they", "he", "she"}:
            agent = _antecedent(agent) or agent
        kind = phrase_kind(agent, by_token) if agent is not None else None
        if kind is None and agent is not None:
            kind = _companion_kind(agent, by_token)
        if kind == "people":
            kind = "crowd"  # "about 100 people chased and assaulted a youth": a crowd did it
        if any(c.dep_ == "amod" and c.lower_ in IDENTITY_ADJECTIVES for c in token.children):
            out.add("identity")
        if kind in CROWD_KINDS | PERSON_NOUN_KINDS and (token.lemma_.lower() in SHOOTING_LEMMAS or (
                trig.cue == "KILL" and _unknown_killers(agent))):
            out.add("agent_shooter")  # "unidentified assailants shot him dead": armed, not a mob
        elif kind in CROWD_KINDS | PERSON_NOUN_KINDS:
            out.add("agent_crowd")
            if trig.cue in {"ATTACK", "KILL", "BATTLE", "LOOT", "RIOT", "CRUDE", "VANDAL"}:
                out.add("crowd_violent")
        elif kind in ARMED_KINDS:
            out.add("agent_state" if kind == "state" else "agent_armed")
        if kind == "state" and trig.cue in {"ATTACK", "KILL", "INTERVENE", "BATTLE"}:
            out.add("police_violence")
    if mention.cues & {"INTERVENE"}:
        out.add("police_violence")
    # "Maasai and Kikuyu ethnic groups clash", "the Kowow clan and residents clashed":
    # communities fighting as communities are identity militias (ACLED: Battles)
    if {t.lower_ for t in sent} & IDENTITY_WORDS:
        out.add("identity")
    return out


SHOOTING_LEMMAS = {"shoot", "shot", "gun", "fire", "open", "spray"}
UNKNOWN_WORDS = {"unidentified", "unknown", "masked", "armed", "hooded"}


def _unknown_killers(agent: Token) -> bool:
    """'An unknown group killed two officials': killers no one can name are an armed group
    (ACLED: Unidentified Armed Group), not a mob."""
    return any(c.lower_ in UNKNOWN_WORDS for c in agent.children if c.dep_ in {"amod", "compound"})


DISARMED_WORDS = {"off-duty", "duty", "unarmed", "retired"}  # "duty": 'off-duty' split at its hyphen


def _disarmed(victim: Token) -> bool:
    """Armed-sounding victims who were not fighting: off-duty officers, herders."""
    return bool({t.lower_ for t in victim.subtree} & DISARMED_WORDS) or any(
        t.lemma_.lower() in {"herder", "herdsman", "pastoralist"} for t in victim.subtree)


def _companion_kind(agent: Token, by_token: dict[int, ActorMention]) -> str | None:
    """'a leader of BNP along with his accomplices', 'owners and workers': who came with an
    agent the lexicon does not know."""
    for child in agent.children:
        if child.dep_ == "conj":
            kind = phrase_kind(child, by_token)
            if kind:
                return kind
        if child.dep_ == "prep" and child.lower_ in {"along", "with"}:
            kinds = [phrase_kind(node, by_token) for node in child.subtree if node.dep_ == "pobj"]
            if any(kinds):
                return next(kind for kind in kinds if kind)
    return None


def _kinds_after(token: Token, by_token: dict[int, ActorMention]) -> list[str]:
    """Actor kinds named right after a violent verb, for headlines the small parser gets
    wrong: 'Armed gang kills police investigating...', 'MRC attacks police officers at...',
    'killed 4 IS militants', 'shoot and injure deputy commissioner policeman'."""
    kinds = []
    for t in token.doc[token.i + 1:token.i + 9]:
        if t.lower_ == "off" or t.text == "-":
            continue  # "two off-duty police officers"
        if t.is_punct or t.pos_ == "ADP" or t.lower_ in {"who", "that", "which", "when", "while", "after"}:
            break
        if t.pos_ in {"VERB", "AUX"} and not (t.dep_ == "conj" and t.head == token) and not t.text.isupper():
            break  # an upper-case "IS" ("killed 4 IS militants") is a group, not a verb
        if t.i in by_token:
            kinds.append(phrase_kind(t, by_token) or by_token[t.i].entry.kind)  # "members of Mungiki sect"
    return kinds


ARMED_TARGETS = {"base", "camp", "post", "checkpoint", "barracks", "station", "convoy", "patrol", "positions",
                 "position", "outpost", "garrison", "vehicle", "truck", "headquarters", "academy", "installation"}


def _hits_armed_target(token: Token, by_token: dict[int, ActorMention]) -> bool:
    """An attack on a military or police installation (the parse of headlines often misses
    the object, so the next few words are read too)."""
    doc = token.doc
    window = [doc[i] for i in range(token.i + 1, min(len(doc), token.i + 7))]
    for t in window:
        if t.is_punct or (t.pos_ == "VERB" and t.dep_ not in {"amod"}):
            break
        if t.lemma_.lower() in ARMED_TARGETS and any(
                c.lower_ in STATE_WORDS | {"military", "army", "police", "security", "kdf", "government", "regime"}
                for c in t.children):
            return True
    return False


def _kind_mentions(sent: Span) -> list[ActorMention]:
    """The sentence's lexicon actors without countries, read once per sentence: every
    mention of the sentence and the actor chooser ask for them."""
    cache = memo(sent.doc).kind_mentions
    if sent.start not in cache:
        cache[sent.start] = actor_mentions(sent, lambda word: None)
    return cache[sent.start]


def phrase_kind(head: Token, by_token: dict[int, ActorMention]) -> str | None:
    """The actor kind of a noun phrase: its head word, else a modifier ("Mungiki members")."""
    modifiers = []
    for child in head.children:
        if child.dep_ in {"compound", "amod", "nmod"} and child.i in by_token:
            modifiers.append(by_token[child.i].entry.kind)
        if child.dep_ == "prep" and child.lower_ == "of":
            # "members of Al Shabaab", "five members of Mungiki sect"
            modifiers.extend(kind for obj in child.children if obj.dep_ == "pobj"
                             for kind in [phrase_kind(obj, by_token)] if kind)
    armed = [k for k in modifiers if k in ARMED_KINDS]
    if armed:
        return armed[0]  # "Mungiki members", "members of Al Shabaab"
    m = by_token.get(head.i)
    if m:
        return m.entry.kind
    return modifiers[0] if modifiers else None


def _targets(token: Token) -> list[Token]:
    """The attacked: objects of a violent verb, "attack on X", subjects of passives."""
    targets = []
    for child in token.children:
        if child.dep_ in {"dobj", "nsubjpass"}:
            targets.append(child)
            targets.extend(c for c in child.children if c.dep_ == "conj")
        if child.dep_ == "prep" and child.lower_ in {"on", "against"}:
            targets.extend(c for c in child.children if c.dep_ == "pobj")
    if token.dep_ in {"acl", "relcl"} and token.tag_ == "VBN":
        targets.append(token.head)
    # headline passives: "Police reservist killed when raiders attack"
    if token.tag_ == "VBN" and not any(c.dep_ == "aux" and c.lemma_ == "have" for c in token.children):
        targets.extend(c for c in token.children if c.dep_ == "nsubj")
    return targets


def agent_of(token: Token) -> Token | None:
    """The doer of a trigger (public: the events stage asks who set the fire)."""
    return _agent(token)


def _agent(token: Token) -> Token | None:
    """The doer of a trigger: subject of an active verb, "by X", possessor or modifier of a noun."""
    for child in token.children:
        if child.dep_ == "nsubj":
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if token.dep_ == "conj" and token.pos_ == "VERB" and token.head.pos_ == "VERB":
        # "members marched and then fought the police": shared subject
        return next((c for c in token.head.children if c.dep_ == "nsubj"), None)
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "prep" and child.lower_ == "by" and token.lemma_.lower() in {
                    "attack", "raid", "ambush", "assault", "killing", "shooting"}:  # "an attack by armed bandits"
                by = next((c for c in child.children if c.dep_ == "pobj"), None)
                if by is not None:
                    return by
            if child.dep_ in {"poss", "compound", "nmod", "amod"} and (
                    child.pos_ == "PROPN" or child.lower_ in lexicon_words() or child.dep_ == "poss"
                    or (child.pos_ == "ADJ" and child.text[:1].isupper())):
                return child
        # "members engaged in a clash", "students engaged police in running battles"; but the
        # subject of "residents heard gunfire" only heard it
        node = token
        for _ in range(3):
            if node.dep_ not in {"pobj", "dobj", "prep"}:
                break
            node = node.head
            if node.pos_ == "VERB":
                if node.lemma_.lower() in PERCEPTION_VERBS:
                    return None
                return next((c for c in node.children if c.dep_ == "nsubj"), None)
    return None


def _most_specific(agent: Token, by_token: dict[int, ActorMention]) -> ActorMention | None:
    """The agent's actor, preferring a named group inside its phrase: "gunmen with links to
    Al Shabaab" is Al Shabaab; "Mungiki members" is Mungiki."""
    own = by_token.get(agent.i)
    named = [by_token[t.i] for t in agent.subtree if t.i in by_token and "{country}" not in by_token[t.i].entry.name]
    if named and (own is None or "{country}" in own.entry.name):
        return named[0]
    return own


def _antecedent(pronoun: Token) -> Token | None:
    """The earlier subject a pronoun most likely stands for ("Baku says it has ...")."""
    for token in reversed(list(pronoun.sent)[: pronoun.i - pronoun.sent.start]):
        if token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ in {"PROPN", "NOUN"}:
            return token
    return None


def make_actor(entry: LexiconEntry, iso: str | None, country_name: Callable[[str], str | None]) -> Actor:
    name = entry.name
    if "{country}" in name:
        cname = country_name(iso) if iso else None
        if cname:
            name = name.replace("{country}", cname)
        else:
            name = name.replace(" of {country}", "").replace(" ({country})", "").replace("{country}", "").strip()
    return Actor(name=name, type=entry.type, country=iso)


STATE_ENTRY = LexiconEntry(("forces",), "State forces", "Military Forces of {country}", "state")
PROTESTERS = LexiconEntry(("protesters",), "Protesters", "Protesters ({country})", "protester")
RIOTERS = LexiconEntry(("rioters",), "Rioters", "Rioters ({country})", "rioter")
UNKNOWN_ARMED = LexiconEntry(("unidentified",), "Political militias", "Unidentified Armed Group ({country})", "armed")
UNKNOWN_IDENTITY = LexiconEntry(("communal",), "Identity militias", "Unidentified Communal Militia ({country})", "armed")
CIVILIANS = LexiconEntry(("civilians",), "Civilians", "Civilians ({country})", "civilian")


@dataclass(frozen=True)
class ActorChoice:
    """Actors picked for an event before countries are known: entries plus named countries."""

    actor1: LexiconEntry | None
    country1: str | None
    actor2: LexiconEntry | None
    country2: str | None


ActorsByMention = dict[int, ActorChoice]   # a mention's head token -> its actors


def find_actors(doc: Doc, mentions: list["Mention"], demonym: Callable[[str], str | None]) -> ActorsByMention:
    """Stage: actors. Actor1 and actor2 of every mention, keyed by the mention's head token."""
    return {m.head: choose_actors(m, doc, demonym) for m in mentions}


def choose_actors(mention: "Mention", doc: Doc, demonym: Callable[[str], str | None]) -> ActorChoice:
    """Actor1 (the agent) and actor2 (the target) of a mention, by ACLED's conventions."""
    sent = doc[mention.sent_start].sent
    named = actor_mentions(sent, demonym)
    by_token = {t: m for m in named for t in range(m.start, m.end)}
    agent_m, agent_country, target_m = None, None, None
    for trig in mention.triggers:
        token = doc[trig.token]
        agent = _agent(token) or _agent(token.head) if token.pos_ == "NOUN" and token.dep_ in {"dobj", "nsubj"} else _agent(token)
        if agent is not None and agent.lower_ in {"it", "they"}:
            agent = _antecedent(agent)
        if agent is not None and agent_m is None and agent_country is None:
            agent_m = _most_specific(agent, by_token)
            if agent_m is None:
                agent_country = demonym(agent.text)
        for victim in _targets(token):
            if target_m is None and victim.i in by_token:
                target_m = by_token[victim.i]
    etype = mention.event_type
    if etype == "Protests":
        protest_country = agent_m.country if agent_m else None
        target = target_m if target_m and target_m.entry.kind == "state" else None
        if target is None and "police_violence" in kinds_in(sent, mention, doc):
            target = next((m for m in named if m.entry.kind == "state"), None)
        return ActorChoice(PROTESTERS, protest_country, target.entry if target else None, target.country if target else None)
    if etype == "Riots":
        other = next((m for m in named if m.entry.kind in {"state", "civilian"}), None)
        return ActorChoice(RIOTERS, None, other.entry if other else None, other.country if other else None)
    if agent_m is None and agent_country:
        agent_entry, country1 = STATE_ENTRY, agent_country
    elif agent_m is not None and agent_m.entry.kind not in {"civilian"}:
        agent_entry, country1 = agent_m.entry, agent_m.country
    else:
        first = next((m for m in named if m.entry.kind in ARMED_KINDS and m is not target_m), None)
        agent_entry, country1 = (first.entry, first.country) if first else (None, None)
    if agent_entry is None and etype in {"Battles", "Violence against civilians", "Explosions/Remote violence"}:
        # ACLED's convention for perpetrators the report does not name.
        identity = "identity" in kinds_in(sent, mention, doc) or any(
            doc[t.token].lemma_.lower() in {"raid", "rustle"} for t in mention.triggers)
        agent_entry = UNKNOWN_IDENTITY if identity else UNKNOWN_ARMED
    if etype == "Violence against civilians":
        entry2 = target_m.entry if target_m and target_m.entry.kind == "civilian" else CIVILIANS
        return ActorChoice(agent_entry, country1, entry2, target_m.country if target_m else None)
    if target_m is not None and target_m.entry.kind not in ARMED_KINDS:
        target_m = None
    if target_m is None:
        target_m = next((m for m in named if m.entry.kind in ARMED_KINDS and m.entry is not agent_entry), None)
    return ActorChoice(agent_entry, country1, target_m.entry if target_m else None,
                       target_m.country if target_m else None)
