"""Typing of a mention: ACLED's event and sub-event type from its cues and the kinds of
actors around it, with a confidence; PLOVER follows from the sub-event type.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from . import actors, plover
from .event_triggers import is_setting
from .event_words import (
    ACTOR_KINDS,
    BACKGROUND_MARKERS,
    BRAWL_WORDS,
    COMMUNITY_WORDS,
    ESCALATION_CUES,
    EVENT_CUES,
    EXPLOSIVE_SUBTYPES,
    GUN_WORDS,
    UNARMED_KINDS,
)
from .mentions import Mention
from .record import SUB_EVENT_PARENT, Plover


def done_by_state(token: Token, cue: str) -> bool:
    """"Police placed barricades": destruction by the state does not make a protest violent."""
    if cue not in {"VANDAL", "LOOT"}:
        return False
    agent = actors.agent_of(token)
    return agent is not None and agent.lemma_.lower() in actors.STATE_WORDS


def type_mention(mention: Mention, doc: Doc, sent: Span, paragraph_cues: set[str] = frozenset()) -> bool:
    """Set the mention's ACLED type, sub-type and PLOVER; False when it is no event."""
    cues = mention.cues
    if "VANDAL" in cues and all(done_by_state(doc[t.token], t.cue) for t in mention.triggers if t.cue == "VANDAL"):
        cues = cues - {"VANDAL"}  # "police forces barricaded the area": no riot
        if not cues & EVENT_CUES:
            return False
    if "PROTEST" in cues:
        cues = cues | (paragraph_cues & ESCALATION_CUES)
    kinds = actors.kinds_in(sent, mention, doc) | _fight_facts(mention, doc, sent)
    typed = classify(cues, kinds)
    if typed is None:
        return False
    mention.weak = not kinds & ACTOR_KINDS
    mention.kinds = kinds
    set_type(mention, typed[1])
    mention.confidence = _confidence(mention)  # after `weak` is known
    return True


def set_type(mention: Mention, sub_event_type: str) -> None:
    """The sub-event type, its parent type and its PLOVER type."""
    mention.event_type, mention.sub_event_type = SUB_EVENT_PARENT[sub_event_type], sub_event_type
    ptype, mode = plover.OF_SUB_EVENT[sub_event_type]
    mention.plover = Plover(ptype, mode)


def _fight_facts(mention: Mention, doc: Doc, sent: Span) -> set[str]:
    """What the words say about a fight: 'brawl' when every fighting word is a plain 'clash'
    or 'fight' (not a gunfight or an offensive), 'guns' when firearms are named, and
    'demonstration' when it happened during a demonstration ('clashed during their rally')."""
    facts = set()
    battle = [doc[t.token] for t in mention.triggers if t.cue == "BATTLE"]
    if battle and all(t.lemma_.lower() in BRAWL_WORDS or t.lower_ in BRAWL_WORDS for t in battle):
        facts.add("brawl")
    words = {t.lower_ for t in sent}
    if words & GUN_WORDS or "SMALL_ARMS" in mention.cues:
        facts.add("guns")
    if any(t.lemma_.lower() in {"demonstration", "rally", "protest", "procession", "march", "demonstrate"}
           and is_setting(t, "PROTEST") for t in sent):
        facts.add("demonstration")
    if any(t.ent_type_ == "NORP" for t in sent) or words & COMMUNITY_WORDS:
        facts.add("communities")  # "Borana and Gabra communities clashed": sides named as peoples
    return facts


def _unarmed_fight(kinds: set[str]) -> bool:
    """A plain clash with no armed group, no firearms and no ethnic or clan sides named:
    party supporters, lawyers, hawkers or students fighting each other or the police
    are rioters (ACLED: Riots), not armed groups."""
    return "brawl" in kinds and "guns" not in kinds and bool(kinds & UNARMED_KINDS) and not kinds & {
        "rebel", "armed", "external", "identity", "agent_armed", "victims_armed", "communities"}


def classify(cues: set[str], kinds: set[str]) -> tuple[str, str] | None:
    """ACLED (event_type, sub_event_type) for a cluster's cues and the actor kinds around it."""
    violent = cues & {"BATTLE", "ATTACK", "KILL", "LOOT", "RIOT", "SHELLING", "IED", "GRENADE", "CRUDE", "VANDAL",
                      "EXPLOSION"}
    if cues & {"PROTEST", "RIOT", "MOB"} or ("rioters" in kinds and violent):
        return _demonstration(cues, kinds)
    if "VANDAL" in cues and "agent_armed" not in kinds:
        return "Riots", "Mob violence"  # stones and vandalism with no demonstration
    if violent and "INTERVENE" in cues and kinds & {"crowd", "rioter", "mob", "crowd_in_event"} and not kinds & {
            "rebel", "armed", "external"}:
        return "Riots", "Mob violence"  # "police fired into the crowd to disperse it": crowd control at a riot
    if violent and _crowd_violence(cues, kinds):
        return "Riots", "Violent demonstration" if "demonstration" in kinds else "Mob violence"
    if "DISRUPT" in cues and not cues & {"BATTLE", "KILL", "ATTACK"}:
        return "Strategic developments", "Disrupted weapons use"  # the bomb was defused, not used
    if cues & {"REGAIN"} or ("OVERTAKE" in cues and "agent_state" in kinds):
        return "Battles", "Government regains territory"
    if cues & {"OVERTAKE"} and ("state" not in kinds or "agent_armed" in kinds):
        return "Battles", "Non-state actor overtakes territory"
    if "BATTLE" in cues and _unarmed_fight(kinds) and not cues & {"SHELLING", "AIRSTRIKE", "IED", "GRENADE"}:
        return "Riots", "Violent demonstration" if "demonstration" in kinds else "Mob violence"
    if "BATTLE" in cues and cues & {"ATTACK", "KILL"} and "victims_civilian" in kinds and not kinds & {
            "victims_armed", "armed2", "guns", "identity", "communities"} and not cues & {"SHELLING", "AIRSTRIKE"}:
        return "Violence against civilians", "Attack"  # "militia attack civilians", "clashes leave civilians dead"
    if "BATTLE" in cues and not (cues & {"SHELLING", "AIRSTRIKE"} and "armed2" not in kinds and "clash" not in kinds):
        return "Battles", "Armed clash"
    if "SMALL_ARMS" in cues and cues & {"SHELLING", "GRENADE"}:
        return "Battles", "Armed clash"  # mortars with small arms fire: a ground fight (ACLED)
    for cue, sub in EXPLOSIVE_SUBTYPES:
        if cue in cues:
            return "Explosions/Remote violence", sub
    if "SEXUAL" in cues:
        return "Violence against civilians", "Sexual violence"
    if "ABDUCT" in cues and not cues & {"KILL", "ATTACK"}:
        # an attack that kills and abducts is coded by its killings (ACLED: Attack)
        return "Violence against civilians", "Abduction/forced disappearance"
    if cues & {"ATTACK", "KILL"}:
        if "victims_armed" in kinds and "victims_civilian" not in kinds:
            return "Battles", "Armed clash"
        if _state_against_armed(kinds) or _armed_against_state(kinds):
            return "Battles", "Armed clash"
        return "Violence against civilians", "Attack"
    if "OVERTAKE" in cues:
        return "Battles", "Armed clash"
    for cue, sub in (("ARREST", "Arrests"), ("AGREE", "Agreement"), ("LOOT", "Looting/property destruction"),
                     ("DISRUPT", "Disrupted weapons use"), ("HQ", "Headquarters or base established"),
                     ("TRANSFER", "Non-violent transfer of territory"), ("CHANGE", "Change to group/activity")):
        if cue in cues:
            return "Strategic developments", sub
    return None


def _state_against_armed(kinds: set[str]) -> bool:
    """"Police pursue raiders; kill many": the state's violence where the only others named
    are armed groups and no victim is named is a fight with them, not an attack on civilians."""
    return "agent_state" in kinds and bool(kinds & {"armed", "rebel"}) and not kinds & {
        "victims_civilian", "victims_armed", "civilian", "crowd", "protester", "agent_crowd"}


def _armed_against_state(kinds: set[str]) -> bool:
    """"Two rangers were hurt in an attack by armed bandits": an armed
    group's attack where only the state is named beside it, and no civilian, is a fight."""
    return "agent_armed" in kinds and "state" in kinds and not kinds & {
        "victims_civilian", "civilian", "crowd", "protester", "agent_crowd", "people"}


def _crowd_violence(cues: set[str], kinds: set[str]) -> bool:
    """Violence by unarmed crowds (party supporters, villagers, youths) is rioting, not war.

    ACLED codes clashes between such groups, or between them and police, and their crude
    bombs, as Riots/Mob violence.
    """
    if "agent_armed" in kinds or kinds & {"rebel", "armed", "external", "identity", "agent_shooter"}:
        return False
    if "crowd_violent" in kinds:
        return True
    if "CRUDE" in cues:
        return True
    crowd_present = bool(kinds & {"agent_crowd", "crowd_in_event"})
    return "BATTLE" in cues and crowd_present and not kinds & {"victims_armed", "guns"}


def _demonstration(cues: set[str], kinds: set[str]) -> tuple[str, str]:
    if "MOB" in cues and "PROTEST" not in cues:
        return "Riots", "Mob violence"
    crowd_violence = cues & {"RIOT", "LOOT", "CRUDE", "VANDAL"} or "crowd_violent" in kinds or (
        "BATTLE" in cues and kinds & {"crowd_in_event", "rioters", "protester"})
    if crowd_violence:
        return "Riots", "Violent demonstration"
    if "PROTEST" not in cues:
        return "Riots", "Mob violence"
    if cues & {"KILL"} and "police_violence" in kinds:
        return "Protests", "Excessive force against protesters"
    if cues & {"INTERVENE", "ARREST"} or "police_violence" in kinds:
        return "Protests", "Protest with intervention"
    return "Protests", "Peaceful protest"


def _confidence(mention: Mention) -> float:
    """Higher for foreground, concrete, violent mentions: sorts an article's main event first."""
    score = 0.5
    if not any(t.background for t in mention.triggers):
        score += 0.2
    if mention.event_type != "Strategic developments":
        score += 0.15
    score += min(0.1, 0.03 * len(mention.triggers))
    if mention.weak:
        score -= 0.15
    return round(min(score, 0.99), 2)


def anchor_tokens(mention: Mention, doc: Doc) -> set[int]:
    """The trigger tokens and, for foreground triggers, the verbs that govern them."""
    anchors: set[int] = set()
    for trig in mention.triggers:
        anchors.update(range(trig.token, trig.end))
        if trig.background:
            continue
        node = doc[trig.token]
        for _ in range(4):
            if node.pos_ in {"VERB", "AUX"} or node.head == node:
                anchors.add(node.i)
                break
            if node.dep_ == "pobj" and node.head.lower_ in BACKGROUND_MARKERS:
                break
            node = node.head
            anchors.add(node.i)
    return anchors


