"""Stage: PLOVER typing. The PLOVER event type and mode of a conflict event or of a sentence.

PLOVER (the successor of CAMEO) also covers the verbal and material acts that ACLED does not
code as events: agreeing, consulting, demanding, rejecting, threatening, sanctioning. strife
types every event it emits with PLOVER (from its ACLED sub-type and trigger), and can type
a sentence's main predicate for users who want PLOVER coding of political news
(`sentence_plover`).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .record import Plover

# ACLED sub-event type -> PLOVER (type, mode)
OF_SUB_EVENT: dict[str, tuple[str, str | None]] = {
    "Armed clash": ("FIGHT", "small-arms"), "Government regains territory": ("FIGHT", "small-arms"),
    "Non-state actor overtakes territory": ("FIGHT", "small-arms"),
    "Air/drone strike": ("FIGHT", "aerial"), "Shelling/artillery/missile attack": ("FIGHT", "heavy-weapons"),
    "Remote explosive/landmine/IED": ("ASSAULT", "explosives"), "Suicide bomb": ("ASSAULT", "explosives"),
    "Grenade": ("ASSAULT", "explosives"), "Chemical weapon": ("FIGHT", "CBRN"),
    "Attack": ("ASSAULT", None), "Abduction/forced disappearance": ("ASSAULT", "abduct"),
    "Sexual violence": ("ASSAULT", "sexual"), "Peaceful protest": ("PROTEST", "demo-org"),
    "Protest with intervention": ("PROTEST", "demo-org"), "Excessive force against protesters": ("COERCE", None),
    "Violent demonstration": ("PROTEST", "riot-spon"), "Mob violence": ("PROTEST", "riot-spon"),
    "Agreement": ("AGREE", None), "Arrests": ("COERCE", "arrest"),
    "Looting/property destruction": ("COERCE", "destroy"), "Disrupted weapons use": ("COERCE", "confiscate"),
    "Change to group/activity": ("MOBILIZE", "troops"), "Headquarters or base established": ("MOBILIZE", "troops"),
    "Non-violent transfer of territory": ("RETREAT", None), "Other": ("OTHER", None),
}

# Predicate lemmas -> PLOVER (type, mode). Written by the team from the PLOVER codebook's
# category definitions.
PREDICATES: dict[str, tuple[str, str | None]] = {}
for _type, _mode, _words in [
    ("AGREE", None, "agree sign accept commit pledge settle consent endorse ratify approve conclude"),
    ("CONSULT", "visit", "visit tour arrive travel"),
    ("CONSULT", "host", "host receive welcome"),
    ("CONSULT", None, "meet discuss confer negotiate consult talk telephone phone"),
    ("CONSULT", "third-party", "mediate broker"),
    ("SUPPORT", None, "support praise back defend commend applaud hail congratulate thank endorse"),
    ("CONCEDE", None, "concede ease lift relent yield apologize apologise pardon free release resume reopen"),
    ("COOPERATE", None, "cooperate collaborate coordinate partner ally"),
    ("AID", None, "aid donate grant provide supply send give offer fund assist help"),
    ("RETREAT", None, "withdraw retreat resign evacuate disband indict surrender leave quit"),
    ("COERCE", None, "deport prevent force prohibit order"),
    ("DISAPPROVE", None, "complain summon charge"),
    ("REQUEST", None, "ask request appeal seek invite"),
    ("DISAPPROVE", None, "criticize criticise condemn denounce accuse blame deplore slam"
                         " chide rebuke censure"),
    ("REJECT", None, "reject refuse deny veto decline dismiss rebuff oppose snub spurn"),
    ("THREATEN", None, "threaten warn vow boycott"),
    ("PROTEST", "demo-org", "protest demonstrate march rally picket"),
    ("PROTEST", "riot-spon", "riot"),
    ("PROTEST", "obstruct", "block blockade barricade occupy"),
    ("MOBILIZE", "troops", "mobilize mobilise deploy mass reinforce"),
    ("SANCTION", None, "sanction embargo expel suspend sever freeze recall ban cut"),
    ("COERCE", "detain", "detain hold"), ("COERCE", "arrest", "arrest"),
    ("COERCE", "confiscate", "seize confiscate impound"), ("COERCE", "censor", "censor"),
    ("COERCE", "curfew", "curfew"), ("COERCE", "destroy", "burn torch demolish destroy raze"),
    ("COERCE", "restrict", "restrict close"),
    ("ASSAULT", None, "kill attack assault shoot murder massacre execute abduct kidnap torture"),
    ("ASSAULT", "assassinate", "assassinate"), ("ASSAULT", "explosives", "bomb explode detonate"),
    ("FIGHT", None, "fight clash battle"), ("FIGHT", "heavy-weapons", "shell bombard pound"),
    ("INVESTIGATE", None, "investigate probe examine inspect"),
    ("DEMAND", None, "demand urge insist press"),
]:
    for _word in _words.split():
        PREDICATES.setdefault(_word, (_type, _mode))

NOUN_PREDICATES = {
    "strike": ("PROTEST", "strike-gen"), "hunger": ("PROTEST", "strike-hun"), "curfew": ("COERCE", "curfew"),
    "sanction": ("SANCTION", None), "embargo": ("SANCTION", None), "talk": ("CONSULT", None),
    "asylum": ("AID", None), "aid": ("AID", None), "investigation": ("INVESTIGATE", None),
    "inquiry": ("INVESTIGATE", None), "fighting": ("FIGHT", None), "clash": ("FIGHT", None),
    "welcome": ("CONSULT", "host"), "withdrawal": ("RETREAT", None), "mediation": ("CONSULT", "third-party"),
    "blockade": ("COERCE", "restrict"), "restriction": ("COERCE", "restrict"), "patrol": ("MOBILIZE", "police"),
    "ceasefire": ("AGREE", None), "agreement": ("AGREE", None), "deal": ("AGREE", None),
}
REPORTING = {"say", "tell", "announce", "report", "state", "add", "claim", "confirm", "quote", "declare"}
THREAT_ACTS = {"boycott", "retaliate", "attack", "strike", "resume", "cut", "sever", "expel",
               "impose", "use", "punish", "invade", "respond"}


MATERIAL_CONFLICT = {"ASSAULT", "FIGHT", "PROTEST", "COERCE"}


def sentence_plover(doc: Doc, event_plover: Plover | None = None) -> Plover | None:
    """The PLOVER type of a text's main act: its first sentence's main predicate when that is
    a verbal or cooperative act ("Lebanon complained over the air raids" is DISAPPROVE),
    else the PLOVER type of its main conflict event."""
    for sent in doc.sents:
        typed = _predicate_plover(_main_predicate(sent))
        if typed is not None and (event_plover is None or typed.type not in MATERIAL_CONFLICT):
            return typed
        if event_plover is not None:
            return event_plover
        if typed is not None:
            return typed
    return event_plover


def _main_predicate(sent: Span) -> Token:
    """The sentence root, or what a reporting verb reports ("X said Y rejected ...")."""
    root = sent.root
    for _ in range(3):
        if root.lemma_.lower() not in REPORTING:
            break
        inner = next((c for c in root.children if c.dep_ in {"ccomp", "xcomp"}), None)
        if inner is None:
            break
        root = inner
    return root


PROMISE = {"offer", "promise", "pledge", "agree"}
ACCEPTING = {"accept", "allow", "agree", "permit", "admit", "approve", "recognize", "recognise"}


def _predicate_plover(token: Token) -> Plover | None:
    typed = _plain_plover(token)
    lemma = token.lemma_.lower()
    negated = any(c.dep_ == "neg" for c in token.children)
    if negated and (lemma in ACCEPTING or (typed and typed.type in {"AGREE", "CONCEDE", "SUPPORT", "COOPERATE"})):
        return Plover("REJECT", None)
    if typed and typed.type in {"AID", "CONCEDE", "RETREAT", "COOPERATE"} and (
            {c.lower_ for c in token.children if c.dep_ == "aux"} & {"will", "would", "'ll", "shall"}
            or token.head.lemma_.lower() in PROMISE | {"willing"}):
        return Plover("AGREE", None)  # a promise of aid or withdrawal is an agreement to act
    if lemma in PROMISE and any(c.dep_ == "xcomp" for c in token.children):
        return Plover("AGREE", None)
    return typed


def _plain_plover(token: Token) -> Plover | None:
    lemma = token.lemma_.lower()
    aux = {c.lower_ for c in token.children if c.dep_ == "aux"}
    if "must" in aux:
        return Plover("DEMAND", None)
    if aux & {"would", "will"} and lemma in THREAT_ACTS:
        return Plover("THREATEN", None)
    if lemma in {"call"} and any(c.lower_ in {"for", "on"} for c in token.children):
        return Plover("DEMAND", None)
    if lemma == "call" and any(c.lower_ == "off" for c in token.children):
        return Plover("CONCEDE", None)
    if lemma in {"hold", "continue", "stage", "launch", "begin", "impose", "go", "open", "give", "put", "speed",
                 "complete", "place", "extend", "tighten", "reimpose"}:
        for child in token.children:
            noun = child if child.dep_ in {"dobj", "attr"} else next(
                (c for c in child.children if c.dep_ == "pobj"), None) if child.dep_ == "prep" else None
            if noun is not None and noun.lemma_.lower() in NOUN_PREDICATES:
                mode = NOUN_PREDICATES[noun.lemma_.lower()]
                if noun.lemma_.lower() == "strike" and any(c.lower_ == "hunger" for c in noun.children):
                    mode = NOUN_PREDICATES["hunger"]
                return Plover(*mode)
    if lemma in PREDICATES:
        return Plover(*PREDICATES[lemma])
    return None
