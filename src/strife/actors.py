"""Stage: actors. Who did what to whom, with ACLED actor types and countries.

The lexicon (data/actors.tsv, written by the team) maps words such as "police",
"separatists", "gunmen" or "protesters" to an ACLED actor type and a name pattern. The
country comes from a demonym or country next to the word ("Azerbaijani forces",
"Azerbaijan's forces", "Kenyan police") and otherwise from the event's place, filled in at
assembly. Actor1 is the agent of the event's trigger (its subject, its possessor, "by X"),
actor2 the target.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Callable

from spacy.tokens import Doc, Span, Token

from .actor_names import Lexicon, LexiconEntry, default_lexicon, kind_words
from .doc_memo import memo

if TYPE_CHECKING:
    from .mentions import Mention


@dataclass(frozen=True)
class ActorMention:
    start: int             # token index of the first word
    end: int
    head: int              # token index of the head word
    entry: LexiconEntry
    country: str | None    # ISO3 named next to it, if any


def lexicon() -> dict[tuple[str, ...], LexiconEntry]:
    """The words for kinds of actor (data/actors.tsv), without the named groups."""
    return kind_words().words


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


def actor_mentions(sent: Span, demonym: Callable[[str], str | None], lex: Lexicon | None = None) -> list[ActorMention]:
    """Lexicon actors named in a sentence, longest phrase first, no overlaps."""
    lex = lex or default_lexicon()
    longest = lex.longest
    found: list[ActorMention] = []
    i = 0
    tokens = list(sent)
    shouting = _shouting(tokens)
    while i < len(tokens):
        match = None
        for n in range(min(longest, len(tokens) - i), 0, -1):
            words = tokens[i:i + n]
            entry = _lookup(lex, words, shouting)
            if entry:
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


def _lookup(lex: Lexicon, words: list[Token], shouting: bool) -> LexiconEntry | None:
    """The entry for a run of words: exact-case aliases ("IS", "NPA") unless the sentence is
    all capitals, then lower-case words or lemmas; a lone word must be a noun."""
    if not shouting:
        entry = lex.cased.get(tuple(t.text for t in words))
        if entry:
            return entry
    entry = lex.words.get(tuple(t.lower_ for t in words)) or lex.words.get(tuple(t.lemma_.lower() for t in words))
    if entry and not (len(words) == 1 and words[0].pos_ not in {"NOUN", "PROPN"}):
        return entry
    return None


def _shouting(tokens: list[Token]) -> bool:
    letters = [t for t in tokens if t.is_alpha and len(t) > 1]
    return len(letters) >= 4 and sum(t.is_upper for t in letters) > 0.6 * len(letters)


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
        targets = targets_of(token)
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
            agent = antecedent(agent) or agent
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


def targets_of(token: Token) -> list[Token]:
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


def most_specific(agent: Token, by_token: dict[int, ActorMention]) -> ActorMention | None:
    """The agent's actor, preferring a named group inside its phrase: "gunmen with links to
    Al Shabaab" is Al Shabaab; "Mungiki members" is Mungiki; "IS militants" is the Islamic
    State even when the parser reads "IS" as a verb (the word right before the phrase)."""
    own = by_token.get(agent.i)
    start = by_token[agent.i].start if own else agent.i
    words = [*agent.subtree, *([agent.doc[start - 1]] if start > 0 else [])]
    named = [by_token[t.i] for t in words if t.i in by_token and "{country}" not in by_token[t.i].entry.name]
    if named and (own is None or "{country}" in own.entry.name):
        return named[0]
    return own


def antecedent(pronoun: Token) -> Token | None:
    """The earlier subject a pronoun most likely stands for ("Baku says it has ...")."""
    for token in reversed(list(pronoun.sent)[: pronoun.i - pronoun.sent.start]):
        if token.dep_ in {"nsubj", "nsubjpass"} and token.pos_ in {"PROPN", "NOUN"}:
            return token
    return None
