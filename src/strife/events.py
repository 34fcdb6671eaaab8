"""Stage: events. Find event mentions in a parsed article and type them (ACLED + PLOVER).

How it reads a sentence:
1. Triggers: words and phrases that name a kind of happening ("clashes", "airstrike",
   "protesters gathered", "arrested", "ceasefire"), each with a cue (BATTLE, AIRSTRIKE,
   PROTEST, ...) from the lexicon below.
2. Modality: a trigger that is negated ("did not attack"), hypothetical or future
   ("threatened to attack", "plans to march", "would mediate talks"), or reported as
   denied or rumoured is dropped here; historical ones are dropped by date at assembly.
3. Clusters: triggers of one sentence describe one event, except those under a
   background preposition ("following the offensive", "despite the ceasefire", "after
   Azerbaijan launched its operation"), which refer to other events, and agreements and
   other strategic developments, which are events of their own.
4. Typing: ACLED's hierarchy over a cluster's cues and the kinds of actors involved
   (protesters who throw stones riot; gunmen who kill villagers commit violence against
   civilians; an airstrike during a ground battle is one Battles event).
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from . import actors, plover
from .record import Plover

# ---- lexicon: lemma -> cue ---------------------------------------------------------------

SINGLE_CUES: dict[str, str] = {
    # fighting
    "clash": "BATTLE", "fighting": "BATTLE", "battle": "BATTLE", "gunfight": "BATTLE",
    "firefight": "BATTLE", "skirmish": "BATTLE", "shootout": "BATTLE", "gunfire": "BATTLE",
    "offensive": "BATTLE", "ambush": "ATTACK", "crossfire": "BATTLE", "counterattack": "BATTLE",
    "repel": "BATTLE", "repulse": "BATTLE", "encounter": "BATTLE", "fight": "BATTLE",
    "recapture": "REGAIN", "retake": "REGAIN", "regain": "REGAIN", "liberate": "REGAIN",
    "overrun": "OVERTAKE",
    # remote violence
    "airstrike": "AIRSTRIKE", "air-strike": "AIRSTRIKE", "warplane": "AIRSTRIKE", "drone": "AIRSTRIKE",
    "bombardment": "SHELLING", "shelling": "SHELLING", "shell": "SHELLING", "artillery": "SHELLING",
    "mortar": "SHELLING", "rocket": "SHELLING", "missile": "SHELLING",
    "ied": "IED", "landmine": "IED", "bomb": "IED", "blast": "EXPLOSION", "explosion": "EXPLOSION",
    "explode": "IED", "detonate": "IED", "explosive": "IED", "grenade": "GRENADE",
    # violence against people
    "attack": "ATTACK", "assault": "ATTACK", "raid": "ATTACK", "shoot": "ATTACK", "stab": "ATTACK",
    "hack": "ATTACK", "torture": "ATTACK", "beat": "ATTACK", "kill": "KILL", "murder": "KILL",
    "massacre": "KILL", "slay": "KILL", "execute": "KILL", "behead": "KILL", "assassinate": "KILL",
    "gun": "ATTACK", "lynch": "MOB", "abduct": "ABDUCT", "kidnap": "ABDUCT", "abduction": "ABDUCT",
    "kidnapping": "ABDUCT", "hostage": "ABDUCT", "rape": "SEXUAL", "raped": "SEXUAL", "raping": "SEXUAL", "defile": "SEXUAL",
    "chlorine": "CHEM", "sarin": "CHEM", "merge": "CHANGE", "defect": "CHANGE", "splinter": "CHANGE",
    "establish": "HQ", "set": "HQ",
    # demonstrations
    "protest": "PROTEST", "protester": "PROTEST", "protestor": "PROTEST", "demonstrate": "PROTEST",
    "demonstration": "PROTEST", "demonstrator": "PROTEST", "rally": "PROTEST", "march": "PROTEST",
    "sit-in": "PROTEST", "vigil": "PROTEST", "picket": "PROTEST", "strike": "PROTEST",
    "blockade": "PROTEST", "walkout": "PROTEST", "hartal": "PROTEST", "gherao": "PROTEST",
    "riot": "RIOT", "rioter": "RIOT", "rioting": "RIOT", "vandalise": "VANDAL", "vandalize": "VANDAL",
    "mob": "MOB", "mobs": "MOB", "vigilante": "MOB", "demos": "PROTEST",
    # strategic developments
    "ceasefire": "AGREE", "truce": "AGREE", "armistice": "AGREE", "surrender": "AGREE",
    "talk": "AGREE", "negotiation": "AGREE", "accord": "AGREE",
    "arrest": "ARREST", "detain": "ARREST", "apprehend": "ARREST", "nab": "ARREST",
    "loot": "LOOT", "looting": "LOOT", "ransack": "LOOT", "torch": "LOOT", "demolish": "LOOT", "arson": "LOOT",
    "pelt": "VANDAL", "brickbat": "VANDAL", "rampage": "VANDAL",
    "retaliate": "BATTLE", "engage": "BATTLE", "hijack": "ABDUCT", "boycott": "PROTEST",
    "intervene": "INTERVENE", "shooting": "ATTACK", "war": "BATTLE", "decapitate": "KILL",
    "body": "KILL", "gather": "PROTEST", "assemble": "PROTEST", "block": "PROTEST", "converge": "PROTEST",
    "disappear": "ABDUCT", "procession": "PROTEST", "motorcade": "PROTEST", "demo": "PROTEST", "fire": "ATTACK", "storm": "VANDAL", "destroy": "LOOT", "burn": "LOOT",
    "damage": "VANDAL", "seize": "ABDUCT", "overtake": "TRANSFER", "chase": "RIOT", "alight": "LOOT",
    "ablaze": "LOOT", "rustle": "ATTACK", "rustling": "ATTACK", "steal": "ATTACK", "killing": "KILL",
    "defuse": "DISRUPT", "intercept": "DISRUPT",
    "recruit": "CHANGE", "deploy": "CHANGE", "reinforcement": "CHANGE", "patrol": "CHANGE", "curfew": "CHANGE",
    "fortification": "HQ",
    "injure": "ATTACK", "wound": "ATTACK", "kick": "ATTACK", "flog": "ATTACK", "whip": "ATTACK", "slap": "ATTACK",
    "spray": "ATTACK", "dead": "KILL", "corpse": "KILL", "remains": "KILL", "head": "KILL", "stone": "MOB",
    "shots": "BATTLE", "projectile": "SHELLING", "target": "ATTACK", "gunbattle": "BATTLE", "thwart": "BATTLE", "foil": "BATTLE",
}
# Phrases matched on lower-cased lemmas, longest first.
PHRASE_CUES: list[tuple[tuple[str, ...], str]] = sorted([
    (("air", "strike"), "AIRSTRIKE"), (("air", "raid"), "AIRSTRIKE"), (("drone", "strike"), "AIRSTRIKE"),
    (("drone", "attack"), "AIRSTRIKE"), (("aerial", "bombardment"), "AIRSTRIKE"),
    (("mustard", "gas"), "CHEM"), (("nerve", "agent"), "CHEM"), (("toxic", "gas"), "CHEM"),
    (("suicide", "bomber"), "SUICIDE"), (("suicide", "bombing"), "SUICIDE"), (("suicide", "attack"), "SUICIDE"),
    (("suicide", "bomb"), "SUICIDE"), (("chemical", "attack"), "CHEM"), (("gas", "attack"), "CHEM"),
    (("cocktail", "bomb"), "CRUDE"), (("crude", "bomb"), "CRUDE"), (("petrol", "bomb"), "CRUDE"),
    (("molotov", "cocktail"), "CRUDE"), (("hand", "make", "bomb"), "CRUDE"), (("handmade", "bomb"), "CRUDE"),
    (("roadside", "bomb"), "IED"), (("car", "bomb"), "IED"), (("explosive", "device"), "IED"),
    (("land", "mine"), "IED"), (("gun", "battle"), "BATTLE"), (("exchange", "of", "fire"), "BATTLE"),
    (("exchange", "fire"), "BATTLE"), (("exchange", "gunfire"), "BATTLE"), (("exchange", "gun", "shot"), "BATTLE"),
    (("exchange", "shot"), "BATTLE"), (("return", "fire"), "BATTLE"), (("shoot", "back"), "BATTLE"), (("military", "operation"), "BATTLE"),
    (("offensive", "operation"), "BATTLE"), (("regain", "control"), "REGAIN"),
    (("restore", "its", "sovereignty"), "REGAIN"), (("restore", "control"), "REGAIN"),
    (("take", "control"), "OVERTAKE"), (("seize", "control"), "OVERTAKE"),
    (("peace", "talk"), "AGREE"), (("peace", "deal"), "AGREE"), (("peace", "agreement"), "AGREE"),
    (("peace", "accord"), "AGREE"), (("lay", "down", "their", "arm"), "AGREE"),
    (("prisoner", "exchange"), "AGREE"), (("prisoner", "swap"), "AGREE"),
    (("agree", "to", "disarm"), "AGREE"),
    (("push", "back"), "BATTLE"), (("fight", "back"), "BATTLE"), (("repel", "attack"), "BATTLE"),
    (("open", "fire"), "ATTACK"), (("forced", "disappearance"), "ABDUCT"),
    (("shoot", "-", "out"), "BATTLE"), (("shoot", "out"), "BATTLE"), (("police", "intervene"), "INTERVENE"),
    (("hurl", "brick"), "VANDAL"), (("throw", "brick"), "VANDAL"), (("set", "alight"), "LOOT"),
    (("burn", "object"), "VANDAL"), (("burning", "object"), "VANDAL"), (("barricade",), "VANDAL"),
    (("light", "fire"), "VANDAL"), (("light", "bonfire"), "VANDAL"), (("rough", "up"), "ATTACK"),
    (("beat", "up"), "ATTACK"), (("human", "chain"), "PROTEST"), (("take", "to", "the", "street"), "PROTEST"),
    (("stage", "a", "protest"), "PROTEST"), (("sit", "-", "in"), "PROTEST"), (("shot", "dead"), "ATTACK"),
    (("pour", "into", "the", "street"), "PROTEST"), (("pour", "onto", "the", "street"), "PROTEST"),
    (("pour", "to", "the", "street"), "PROTEST"),
    (("throw", "rock"), "VANDAL"), (("hurl", "rock"), "VANDAL"), (("pour", "acid"), "ATTACK"),
    (("throw", "acid"), "ATTACK"), (("take", "over"), "TRANSFER"),
    (("throw", "stone"), "VANDAL"), (("stone", "throw"), "VANDAL"), (("pelt", "stone"), "VANDAL"), (("hurl", "stone"), "VANDAL"),
    (("set", "ablaze"), "LOOT"), (("set", "fire"), "LOOT"), (("set", "on", "fire"), "LOOT"),
    (("burn", "tyre"), "VANDAL"), (("burn", "tire"), "VANDAL"), (("light", "a", "bonfire"), "VANDAL"),
    (("turn", "violent"), "RIOT"), (("become", "violent"), "RIOT"), (("property", "destruction"), "VANDAL"),
    (("destruction", "of", "property"), "VANDAL"), (("small", "arm"), "SMALL_ARMS"),
    (("small", "arms"), "SMALL_ARMS"), (("small", "-", "arm"), "SMALL_ARMS"),
    # 'violence' alone is too often a topic ('a report on domestic violence'); these are events
    (("ethnic", "violence"), "ATTACK"), (("electoral", "violence"), "ATTACK"), (("election", "violence"), "ATTACK"),
    (("clan", "violence"), "ATTACK"), (("communal", "violence"), "ATTACK"), (("tribal", "violence"), "ATTACK"),
    (("sectarian", "violence"), "ATTACK"), (("political", "violence"), "ATTACK"), (("violence", "erupt"), "ATTACK"),
    (("violence", "break", "out"), "ATTACK"), (("violence", "flare"), "ATTACK"),
    (("tear", "gas"), "INTERVENE"), (("teargas",), "INTERVENE"), (("water", "cannon"), "INTERVENE"),
    (("rubber", "bullet"), "INTERVENE"), (("baton", "charge"), "INTERVENE"), (("lathi", "charge"), "INTERVENE"),
    (("disperse",), "INTERVENE"), (("round", "up"), "ARREST"), (("take", "into", "custody"), "ARREST"),
    (("shoot", "down"), "DISRUPT"), (("seize", "weapon"), "DISRUPT"), (("seize", "arm"), "DISRUPT"),
    (("seize", "explosive"), "DISRUPT"),
    (("beat", "to", "death"), "MOB"), (("mob", "justice"), "MOB"), (("launch", "operation"), "BATTLE"),
    (("launch", "its", "operation"), "BATTLE"), (("launch", "an", "operation"), "BATTLE"),
    (("carry", "out", "an", "operation"), "BATTLE"), (("exchange", "artillery"), "BATTLE"),
    (("burst", "of", "fire"), "BATTLE"),
    (("set", "up", "base"), "HQ"), (("establish", "base"), "HQ"), (("establish", "camp"), "HQ"),
    (("withdraw", "from"), "TRANSFER"), (("pull", "out", "of"), "TRANSFER"), (("hand", "over", "control"), "TRANSFER"),
], key=lambda item: -len(item[0]))

# Cues that start an event on their own; the others only colour a cluster.
EVENT_CUES = {
    "BATTLE", "REGAIN", "OVERTAKE", "AIRSTRIKE", "SHELLING", "IED", "SUICIDE", "GRENADE", "CHEM",
    "ATTACK", "KILL", "ABDUCT", "SEXUAL", "PROTEST", "RIOT", "MOB", "AGREE", "ARREST", "LOOT",
    "DISRUPT", "CHANGE", "HQ", "TRANSFER", "CRUDE", "VANDAL", "EXPLOSION",
}
# Strategic developments stand apart from the violence in the same sentence.
STANDALONE_CUES = {"AGREE"}
CAUSE_CUES = {"BATTLE", "ATTACK", "AIRSTRIKE", "SHELLING", "IED", "EXPLOSION", "SUICIDE", "GRENADE", "CHEM", "RIOT", "VANDAL",
              "MOB", "PROTEST", "CRUDE"}
BACKGROUND_MARKERS = {"following", "after", "despite", "amid", "since", "before", "over",
                      "against", "ahead", "prior"}
FUTURE_HEADS = {"threaten", "plan", "vow", "warn", "urge", "call", "propose", "intend", "prepare",
                "consider", "fear", "expect", "hope", "seek", "want", "aim", "promise", "pledge",
                "demand", "ask", "deny", "rumour", "rumor", "avert", "prevent", "avoid", "discuss",
                "mediate", "schedule", "would", "could", "refuse", "reject", "dismiss",
                "allege"}
# what protesters do while protesting: "protested outside the office demanding the right to
# open", "residents protest, demand the removal of the commissioner"
PROTESTERS_SAY = {"demand", "reject", "allege", "refuse", "dismiss", "deny"}
SUBORDINATE_MARKS = {"after", "before", "since", "when", "as", "because", "while", "until", "once"}
MODAL_AUX = {"will", "would", "could", "might", "may", "shall", "should", "must", "can", "'ll"}
CROWD_WORDS = {"protester", "protesters", "student", "students", "youth", "youths", "mob", "crowd", "demonstrator",
               "demonstrators", "rioter", "rioters", "supporter", "supporters"}
PROPERTY_OBJECTS = {"house", "home", "shop", "store", "vehicle", "car", "building", "office",
                    "property", "school", "church", "mosque", "market", "tyre", "tire", "bus",
                    "truck", "hut", "crop", "station", "village", "camp", "structure", "kiosk",
                    "lorry", "tent", "chair", "window", "furniture", "stall", "shack", "residence",
                    "motorcycle", "bike", "temple", "farm", "field", "granary", "premise", "hospital",
                    "factory", "warehouse", "effigy", "billboard", "banner", "poster", "ballot", "dormitory"}
STRIKE_CONTEXT = {"union", "unions", "worker", "workers", "employee", "employees", "staff", "teacher",
                  "teachers", "doctor", "doctors", "nurse", "nurses", "general", "hunger", "labour", "labor",
                  "walkout", "shutdown", "transporter", "transporters", "driver", "drivers", "trader",
                  "traders", "pay", "wage", "wages", "salary", "salaries"}
GENERIC_OBJECTS = {"war", "wars", "battle", "battles", "election", "elections", "case", "corruption",
                   "poverty", "disease", "virus", "fire", "cancer", "hunger", "crime", "terrorism"}
# (not "match", "goal", "coach", "stock" or "squad": "the tally did not match the count",
# "coaches of a train", "a firing squad")
NON_EVENT_CONTEXT = {"football", "tournament", "film", "movie", "shares",
                     "striker", "fixture", "midfield", "midfielder", "goalkeeper",
                     "scorer", "kickoff", "semifinal", "quarterfinal", "playoff", "innings", "wicket"}
SPORTS_WORDS = NON_EVENT_CONTEXT | {"match", "goal", "squad", "league", "cup", "season", "game", "games", "team", "teams", "coach",
                                   "manager", "minute", "minutes", "scored", "score", "champions", "fans",
                                   "stadium", "referee", "penalty", "victory", "defeat", "match", "club"}
PROTEST_CONTEXT = {"demand", "demanding", "protest", "protesting", "chant", "chanting", "placard", "placards",
                   "banner", "banners", "slogan", "slogans", "petition", "grievance", "grievances", "denounce",
                   "denouncing", "condemn", "condemning", "reject", "rejecting", "oppose", "opposing", "urge", "solidarity"}


@dataclass(frozen=True)
class Trigger:
    token: int          # index of the head word in the Doc
    end: int            # token index one past the trigger phrase
    cue: str
    background: bool    # under "following", "despite", "after", ...


@dataclass
class Mention:
    """One event mention: the triggers of one sentence that describe one happening."""

    sent_start: int                  # token index where its sentence starts
    triggers: list[Trigger]
    event_type: str = ""
    sub_event_type: str = ""
    plover: Plover | None = None
    confidence: float = 0.5
    anchors: set[int] = field(default_factory=set)   # tokens that times and places attach to
    weak: bool = False      # no actor named around it: "two separate clashes" (type is a guess)
    kinds: set[str] = field(default_factory=set)   # the actor facts it was typed from (actors.kinds_in)

    @property
    def cues(self) -> set[str]:
        return {t.cue for t in self.triggers}

    sent_char: int = 0                # character offset where its sentence starts

    @property
    def head(self) -> int:
        return self.triggers[0].token


def find_mentions(doc: Doc) -> list[Mention]:
    """Every asserted event mention in the article, in text order, typed."""
    sentences = [(sent, [t for t in find_triggers(sent) if is_asserted(doc[t.token], t)]) for sent in doc.sents]
    context = _paragraph_cues(doc, sentences)
    mentions: list[Mention] = []
    for sent, triggers in sentences:
        for cluster in cluster_triggers(triggers, doc):
            mention = Mention(sent.start, cluster, sent_char=sent.start_char)
            if type_mention(mention, doc, sent, context.get(sent.start, set())):
                mention.anchors = anchor_tokens(mention, doc)
                mentions.append(mention)
    return mentions


def _done_by_state(token: Token, cue: str) -> bool:
    """"Police placed barricades": destruction by the state does not make a protest violent."""
    if cue not in {"VANDAL", "LOOT"}:
        return False
    agent = actors.agent_of(token)
    return agent is not None and agent.lemma_.lower() in actors.STATE_WORDS


def _paragraph_cues(doc: Doc, sentences: list[tuple[Span, list[Trigger]]]) -> dict[int, set[str]]:
    """Cues of the foreground triggers of each sentence's paragraph, keyed by sentence start.

    A protest whose paragraph also tells of burning tyres or tear gas was no peaceful one.
    """
    by_paragraph: dict[int, set[str]] = {}
    paragraph_of: dict[int, int] = {}
    for sent, triggers in sentences:
        para = doc.text.rfind("\n\n", 0, sent.start_char)
        paragraph_of[sent.start] = para
        by_paragraph.setdefault(para, set()).update(
            t.cue for t in triggers if not t.background and not _done_by_state(doc[t.token], t.cue))
    return {start: by_paragraph[para] for start, para in paragraph_of.items()}


# ---- 1. triggers --------------------------------------------------------------------------

def find_triggers(sent: Span) -> list[Trigger]:
    """Trigger words and phrases of a sentence, longest phrase first, no overlaps."""
    lemmas = [_lemma(t) for t in sent]
    taken: set[int] = set()
    found: list[Trigger] = []
    for i, token in enumerate(sent):
        for phrase, cue in PHRASE_CUES:
            n = len(phrase)
            if tuple(lemmas[i:i + n]) == phrase and not taken & set(range(i, i + n)) \
                    and (phrase != ("take", "over") or _takes_territory(token)):
                head = _phrase_head(sent[i:i + n])
                found.append(Trigger(head.i, sent.start + i + n, cue, False))
                taken.update(range(i, i + n))
                break
    for i, token in enumerate(sent):
        cue = SINGLE_CUES.get(lemmas[i]) or SINGLE_CUES.get(token.lower_)
        if i in taken or cue is None or not _plausible_trigger(token, cue):
            continue
        found.append(Trigger(token.i, token.i + 1, cue, False))
    found += _dispersed_crowds(sent, found, taken)
    refined = []
    for t in found:
        token = sent.doc[t.token]
        background = _under_background(token, sent) or _is_setting(token, t.cue)
        cue = _refine_cue(token, t.cue)
        refined.append(Trigger(t.token, t.end, cue, background))
        if t.cue == "PROTEST" and cue == "VANDAL":
            refined.append(replace(t, background=background))  # a barricaded road is still a protest
    return sorted(refined, key=lambda t: t.token)


# People whose dispersal by police shows they had gathered: 'police dispersed angry voters'.
GATHERED_PEOPLE = {"supporter", "voter", "member", "worker", "resident", "youth", "student", "trader", "hawker",
                   "villager", "farmer", "teacher"}
QUANTITY_WORDS = {"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "scores", "group", "crowd"}


def _dispersed_crowds(sent: Span, found: list[Trigger], taken: set[int]) -> list[Trigger]:
    """'Police dispersed Jubilee supporters', 'tear gas to disperse hundreds of dock workers':
    a dispersed crowd had gathered, so the sentence reports a demonstration (ACLED: Protest
    with intervention), even when no word for the protest itself is used."""
    doc = sent.doc
    if any(t.cue in EVENT_CUES and doc[t.token].lemma_.lower() != "fire" for t in found):
        return []  # a fight or a protest police broke up is typed by its own words ('fired tear gas' is neither)
    crowds = []
    for token in sent:
        if token.lemma_.lower() != "disperse" or token.pos_ != "VERB":
            continue
        for obj in (c for c in token.children if c.dep_ == "dobj"):
            people = [g for p in obj.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children
                      if g.dep_ == "pobj"] if obj.lemma_.lower() in QUANTITY_WORDS else []
            for noun in [obj] + people:
                if noun.lemma_.lower() in GATHERED_PEOPLE and noun.i - sent.start not in taken:
                    crowds.append(Trigger(noun.i, noun.i + 1, "PROTEST", False))
                    break
    return crowds[:1]


def _is_setting(token: Token, cue: str) -> bool:
    """"Supporters clashed during a rally": the rally is where it happened, not the event."""
    return cue == "PROTEST" and token.dep_ == "pobj" and token.head.lower_ in {"during", "at"} and (
        token.head.head.lemma_.lower() not in {"arrest", "detain", "disperse", "kill", "shoot", "injure"})


ROADS = {"road", "roads", "highway", "highways", "street", "streets", "way", "bridge", "junction", "intersection",
         "traffic", "motorcade", "avenue", "ave", "entrance", "gate", "railway", "track", "access"}


BARRICADE_MATERIAL = {"barricade", "barricades", "tyre", "tyres", "tire", "tires", "stone", "stones", "rock", "rocks",
                      "boulder", "boulders", "log", "logs", "tree", "trees", "branch", "branches", "debris",
                      "twig", "twigs", "burning", "burnt", "burned", "lit", "bonfire", "bonfires"}


def _refine_cue(token: Token, cue: str) -> str:
    """Modifiers that change what a trigger means: a violent protest is a riot, an attack
    between two villages or an ethnic clash is fighting, and blocking roads is one of the
    destructive acts that make a demonstration violent in ACLED's codebook."""
    mods = {c.lower_ for c in token.children if c.dep_ in {"advmod", "amod", "prep"}}
    if cue in {"IED", "SHELLING", "GRENADE"} and not _is_used(token) and _is_found(token):
        return "DISRUPT"  # "a bomb was discovered", "police seized explosive materials"
    if cue == "PROTEST" and token.lemma_.lower() in {"block", "blockade", "barricade"} and _blocks_a_road(token) \
            and _sentence_words(token) & BARRICADE_MATERIAL:
        return "VANDAL"  # ACLED: "road-blocking using barricades, burning tires" is violent
    if cue == "PROTEST" and token.lemma_.lower() == "strike" and token.pos_ == "VERB" and _armed_agent(token):
        return "ATTACK"  # "raiders strike village" (a labour strike is a noun)
    if cue == "ATTACK" and token.lemma_.lower() == "target" and _air_force_agent(token):
        return "AIRSTRIKE"
    if cue == "BATTLE" and token.lemma_.lower() == "burst" and not _sentence_words(token) & {"small", "directions"}:
        return "SHELLING"  # bursts of heavy machine-gun fire, no small arms: fire from a distance
    if cue == "SHELLING" and "directions" in _sentence_words(token) and "both" in _sentence_words(token):
        return "BATTLE"  # fire in both directions of a frontline is a fight
    if cue == "LOOT" and _to_death(token):
        return "KILL"
    if cue == "LOOT" and token.lemma_.lower() in {"alight", "ablaze"} and _has_person_object(token.head):
        return "MOB"  # "residents set a suspected thief alight": mob justice
    if cue == "PROTEST" and mods & {"violent", "violently", "rowdy"}:
        return "RIOT"
    if cue == "ATTACK" and "between" in mods:
        return "BATTLE"
    if cue == "VANDAL" and token.lemma_.lower() == "storm" and any(
            c.dep_ == "dobj" and c.lemma_.lower() in actors.ARMED_TARGETS for c in token.children):
        return "ATTACK"
    return cue


# Past participles of assault verbs the tagger reads as adjectives: 'members of the League
# assaulted members of the Forum' ('assaulted' as an adjective of the second 'members').
ASSAULTED_ADJECTIVES = {"assaulted": "assault", "attacked": "attack", "stabbed": "stab", "hacked": "hack",
                        "lynched": "lynch"}


def _lemma(token: Token) -> str:
    lemma = token.lemma_.lower()
    if token.pos_ == "ADJ" and token.lower_ in ASSAULTED_ADJECTIVES:
        return ASSAULTED_ADJECTIVES[token.lower_]
    return {"protestors": "protester", "tyres": "tyre", "talks": "talk", "arms": "arm",
            "streets": "street", "stones": "stone"}.get(token.lower_, lemma)


def _phrase_head(span: Span) -> Token:
    """The syntactic head of a phrase: the token whose head lies outside it."""
    for token in span:
        if token.head.i < span.start or token.head.i >= span.end or token.head == token:
            return token
    return span[0]


def _sentence_words(token: Token) -> set[str]:
    """Lemmas and lower-cased words of the token's sentence (computed once per sentence)."""
    cache = token.doc.user_data.setdefault("strife_sentence_words", {})
    sent = token.sent
    if sent.start not in cache:
        cache[sent.start] = {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}
    return cache[sent.start]


def _plausible_trigger(token: Token, cue: str) -> bool:
    """Filters for trigger words that are often not events (sports, finance, metaphors)."""
    lemma = token.lemma_.lower()
    context = _sentence_words(token)
    if token.pos_ == "PROPN" and lemma not in {"protest", "rally", "ied"} and _in_proper_name(token):
        return False
    if (context & NON_EVENT_CONTEXT or _is_sports_report(token.doc)) and cue in {
            "BATTLE", "ATTACK", "KILL", "SHELLING", "AIRSTRIKE", "PROTEST", "RIOT", "LOOT", "VANDAL"} and not (
            context & actors.ARMED_WORDS) and not _harms_people_or_property(token):
        return False
    if lemma in {"fight", "battle"} and any(c.dep_ == "dobj" and c.lower_ in GENERIC_OBJECTS for c in token.children):
        return False
    if lemma in {"fight", "battle"} and any(c.lower_ in {"against", "for"} for c in token.children) and not (
            context & actors.ARMED_WORDS):
        return False
    if lemma == "strike" and token.pos_ == "VERB" and _armed_agent(token):
        return True  # "raiders struck the village"
    if lemma == "strike" and (token.pos_ != "NOUN" or any(c.lower_ in {"air", "drone", "missile"} for c in token.lefts)):
        return False
    if lemma == "strike" and not context & STRIKE_CONTEXT:
        return False
    if lemma == "march" and token.ent_type_ == "DATE":
        return False
    if lemma in {"shell", "rocket", "missile", "drone", "mortar", "artillery", "bomb", "explosive"} and not _is_used(token):
        return lemma in {"bomb", "explosive", "mortar", "rocket", "shell"} and _is_found(token)
    if lemma == "accord" and token.pos_ != "NOUN":
        return False  # "according to"
    if lemma in {"talk", "negotiation"}:
        # talks are an Agreement event only in a peace process, not any meeting
        return token.pos_ == "NOUN" and token.lower_ in {"talks", "negotiations"} and _is_peace_process(token.doc)
    if lemma == "deploy" and not any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in {"to", "into"})
                                     for c in token.children):
        return False  # "officers remained deployed" is a state; "deployed to the island" is a movement
    if lemma in {"thwart", "foil"}:
        # "thwarted a rebel attack": a fight; "foiled a plot" is not
        return any(c.dep_ == "dobj" and c.lemma_.lower() in {"attack", "incursion", "offensive", "assault", "advance",
                                                             "infiltration", "raid", "ambush"} for c in token.children)
    if lemma in {"injure", "wound"}:
        # "injured by attackers", "gunmen wounded two guards"; not "three were injured in the clash"
        agent = actors.agent_of(token)
        return agent is not None and (agent.head.lower_ == "by" or agent.dep_ == "nsubj") \
            and (agent.lower_ in actors.VIOLENT_ACTOR_WORDS or agent.lower_ in CROWD_AGENTS)
    if lemma == "patrol":
        return _patrol_conducted(token) and bool(context & actors.ARMED_WORDS)
    if lemma == "curfew":
        return token.head.lemma_.lower() in {"impose", "enforce", "declare", "announce", "extend", "introduce"}
    if lemma == "fortification":
        return token.head.lemma_.lower() in {"establish", "build", "set", "construct", "dig", "erect"}
    if lemma == "deploy" or lemma == "recruit" or lemma == "reinforcement":
        return context & actors.ARMED_WORDS != set()
    if lemma == "block" and token.pos_ == "VERB" and _people_block_road(token):
        return True  # "residents blocked the highway": a road blockade is a protest (ACLED)
    if lemma == "demo":
        return token.pos_ == "NOUN"
    if lemma in {"gather", "assemble", "block", "converge", "motorcade"}:
        return bool(context & PROTEST_CONTEXT) and token.pos_ == ("NOUN" if lemma == "motorcade" else "VERB")
    if lemma == "procession":
        # a funeral or religious procession is no protest unless it makes demands
        return not any(c.lower_ in {"funeral", "religious", "wedding", "burial"} for c in token.children) or bool(
            context & PROTEST_CONTEXT)
    if lemma == "pelt":
        return token.pos_ == "VERB"
    if lemma == "war":
        return token.pos_ == "VERB"
    if lemma == "head":
        # "a severed human head was found" (not "the head of the council was found guilty")
        return token.pos_ == "NOUN" and any(c.lower_ in SEVERED_WORDS for c in token.children) and \
            token.head.lemma_.lower() in BODY_FOUND_VERBS
    if lemma == "dead" and token.dep_ == "amod":
        return token.head.head.lemma_.lower() in BODY_FOUND_VERBS  # "three dead women were found"
    if lemma in {"body", "corpse", "remains", "dead"}:
        # "his body was found", "a man was found dead": a killing (not "the dead were buried")
        return token.head.lemma_.lower() in BODY_FOUND_VERBS | ({"leave"} if lemma == "dead" else set()) and (
            lemma != "remains" or token.pos_ == "NOUN")
    if lemma == "target":
        # "IS snipers targeted two policemen", "the air force targeted LNA positions"; not
        # "policies targeting the poor"
        return token.pos_ == "VERB" and any(c.dep_ == "dobj" for c in token.children) and bool(
            context & actors.ARMED_WORDS) and _under_fire_by(token)
    if token.lower_ == "shots" or lemma == "projectile":
        # a ceasefire monitor's count: "recorded 30 shots from small arms",
        # "40 projectiles fired across the line of contact"
        return token.pos_ == "NOUN" and bool(context & {"observe", "observed", "record", "recorded", "register",
                                                         "registered", "monitor", "monitors"})
    if lemma == "overtake":
        return token.pos_ == "VERB" and _takes_territory(token)
    if lemma == "chase":
        return token.pos_ == "VERB" and _chased_by_crowd(token)
    if lemma in {"alight", "ablaze"}:
        # "residents set a suspected thief alight": the words apart, around the object
        return token.head.lemma_.lower() == "set" and token.i > token.head.i + 1
    if lemma in {"rustle", "rustling", "steal"}:
        # 'raiders stole 3,000 cattle', 'cattle rustling': livestock raids are attacks (ACLED);
        # 'stole a phone' is a crime, and the word alone is no event
        return bool(context & LIVESTOCK_WORDS) and (lemma != "steal" or token.pos_ == "VERB")
    if lemma == "stone":
        return _to_death(token)  # "residents stoned two robbers to death"
    if lemma == "disappear":
        return any(c.lower_ in {"forcibly", "forcefully"} for c in token.children)
    if lemma == "fire":
        return token.pos_ == "VERB" and any(
            c.lower_ in {"at", "on", "upon", "into"} or c.lemma_.lower() in {"shot", "bullet", "round", "gun"}
            for c in token.children)
    if lemma in {"establish", "set"}:
        # "set up a base", "established a camp": a headquarters or base
        return any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in {"base", "camp", "headquarters", "outpost",
                                                                            "checkpoint", "post"}
                   for c in token.children) and (lemma == "establish" or any(c.lower_ == "up" for c in token.children))
    if lemma in {"merge", "defect", "splinter"}:
        return bool(context & (actors.ARMED_WORDS | {"movement", "group", "groups", "faction", "factions"}))
    if lemma in {"chlorine", "sarin"}:
        return True
    if lemma == "riot" and ((token.dep_ in {"compound", "amod", "nmod"} and token.head.lemma_.lower() in RIOT_GEAR)
                            or token.i > 0 and token.doc[token.i - 1].lower_ in {"anti", "anti-"}):
        return False  # "riot police", "anti-riot unit"
    if lemma == "engage":
        # "the KDF engaged Al Shabaab fighters": fighting; "engaged in talks": not
        return token.pos_ == "VERB" and any(c.dep_ == "dobj" and c.lower_ in actors.ARMED_WORDS | actors.STATE_WORDS
                                            for c in token.children)
    if lemma == "boycott":
        return token.pos_ == "VERB" and bool(context & (PROTEST_CONTEXT | {"farmers", "traders", "workers", "teachers",
                                                                           "students", "drivers"}))
    if lemma == "hijack":
        return token.pos_ == "VERB" and any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in
                                            actors.PERSON_WORDS | {"passenger", "van", "bus", "vehicle", "car", "truck"}
                                            for c in token.children)
    if lemma == "storm" and any(c.dep_ == "dobj" and c.lemma_.lower() in actors.ARMED_TARGETS for c in token.children):
        return token.pos_ == "VERB"  # "rebels stormed a police camp"
    if lemma == "storm":
        return token.pos_ == "VERB" and bool(context & CROWD_WORDS)
    if lemma == "seize":
        # "aid workers were seized by gunmen" (not "police seized weapons", "troops seized the town")
        agent = actors.agent_of(token)
        return token.pos_ == "VERB" and _has_person_object(token) and not (
            agent is not None and agent.lemma_.lower() in actors.STATE_WORDS)
    if lemma == "damage":
        # "supporters damaged property" (not "floods damaged the road")
        return token.pos_ == "VERB" and bool(context & CROWD_WORDS) and any(
            c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in PROPERTY_OBJECTS for c in token.children)
    if lemma == "burn" and _to_death(token):
        return True  # "residents burnt a suspected thief to death"
    if lemma in {"destroy", "burn"}:
        # things, not people or hopes: "burned the dormitory", "destroyed water pipes"
        objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}] + _counted_objects(token)
        return any(c.lemma_.lower() in PROPERTY_OBJECTS or (
            c.pos_ == "NOUN" and c.lemma_.lower() not in actors.PERSON_WORDS | ABSTRACT_OBJECTS) for c in objects)
    if lemma == "torch" or lemma == "demolish":
        return any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in PROPERTY_OBJECTS for c in token.children) or token.pos_ == "NOUN"
    if lemma in {"kick", "flog", "whip", "slap"}:
        lemma = "beat"
    if lemma == "spray":
        return any(t.lemma_.lower() in {"bullet", "gunfire", "fire"} for t in token.subtree)  # "sprayed the car with bullets"
    if lemma == "beat" and not any(c.dep_ in {"dobj", "nsubjpass"} and c.pos_ in {"NOUN", "PROPN", "PRON"}
                                   for c in [*token.children, *_shared_objects(token)]):
        return False
    if lemma == "shoot" and any(c.dep_ == "dobj" and c.lemma_.lower() in {"film", "video", "scene", "photo", "movie"} for c in token.children):
        return False
    if lemma == "raid" and not _raiders_about(token.doc):
        return False  # police raids in an arrests story are how the arrests were made
    if lemma == "encounter" and token.pos_ != "NOUN":
        return False
    if lemma == "execute" and not _has_person_object(token):
        return False
    return True


FOUND_VERBS = {"find", "discover", "recover", "seize", "dispose", "dismantle", "defuse", "uncover", "confiscate",
               "detect", "neutralise", "neutralize", "destroy", "detonate"}

# "a body was found": where the dead, not weapons, are found
BODY_FOUND_VERBS = {"find", "discover", "recover", "dump", "retrieve"}
SEVERED_WORDS = {"human", "severed", "decapitated", "skinned", "chopped"}


def _is_found(token: Token) -> bool:
    """A weapon that was found, seized or made safe rather than used (ACLED: Disrupted weapons use)."""
    if any(c.dep_ in {"acl", "relcl"} and c.lemma_.lower() in FOUND_VERBS - {"detonate"} for c in token.children):
        return True  # "Bomb discovered in Ongata Rongai"
    node = token
    for _ in range(3):  # "seize explosive materials", "the device was found", "an explosive is found"
        if node.head.lemma_.lower() in FOUND_VERBS and node.dep_ in {"dobj", "nsubjpass", "nsubj", "compound", "amod"}:
            return node.head.lemma_.lower() != "detonate" or any(
                c.lower_ in {"safely", "controlled"} for c in node.head.subtree)
        if node.dep_ not in {"compound", "amod"}:
            break
        node = node.head
    return False


def _patrol_conducted(token: Token) -> bool:
    """"Russian forces conducted a patrol", "a joint patrol took place": a movement of forces,
    not "attacked a police patrol"."""
    head = token.head
    return token.pos_ == "NOUN" and (
        head.lemma_.lower() in {"conduct", "carry", "hold", "run", "launch", "begin", "start", "resume", "stage"}
        or (head.lemma_.lower() == "take" and any(c.lower_ == "place" for c in head.children)))


RIOT_GEAR = {"police", "policeman", "policemen", "officer", "unit", "squad", "gear", "shield", "control", "van", "truck"}


def _agent_words(token: Token) -> set[str]:
    """The words of the doer's phrase ('GNA air force', 'IS snipers')."""
    agent = actors.agent_of(token)
    return {t.lower_ for t in agent.subtree} if agent is not None else set()


def _under_fire_by(token: Token) -> bool:
    """The doer of 'targeted' is an armed actor, a sniper or an air force."""
    return bool(_agent_words(token) & (actors.ARMED_WORDS | {"sniper", "snipers", "air", "drone", "drones", "aircraft",
                                                             "jets"}))


def _air_force_agent(token: Token) -> bool:
    words = _agent_words(token)
    return ("air" in words and "force" in words) or bool(words & {"aircraft", "warplanes", "jets", "drone", "drones"})


def _to_death(token: Token) -> bool:
    return any(c.lower_ == "to" and any(g.lower_ == "death" for g in c.children) for c in token.children)


def _armed_agent(token: Token) -> bool:
    agent = actors.agent_of(token)
    return agent is not None and agent.lower_ in actors.ARMED_WORDS


def _blocks_a_road(token: Token) -> bool:
    """The verb's object is a road, a bridge, a gate ('blocked the Nairobi-Mombasa highway')."""
    return any(c.dep_ == "dobj" and (c.lower_ in ROADS or any(g.lower_ in ROADS for g in c.subtree))
               for c in token.children)


def _people_block_road(token: Token) -> bool:
    """People, not the police or a landslide, blocking a road."""
    if not _blocks_a_road(token):
        return False
    agent = actors.agent_of(token)
    if agent is None or agent.lemma_.lower() in actors.STATE_WORDS:
        return False
    # "Oaxaca, residents of Valle de Etla, blocked the roads": the apposition names who
    return any(t.lemma_.lower() in actors.PERSON_WORDS or t.lower_ in actors.lexicon_words()
               for t in [agent, *(c for c in agent.children if c.dep_ == "appos")])


def _in_proper_name(token: Token) -> bool:
    """"Operation Desert Storm", "Battle Creek": a trigger word inside a name. A capitalised
    headline word ("Riot breaks out") stands alone."""
    doc = token.doc
    neighbours = [doc[i] for i in (token.i - 1, token.i + 1) if 0 <= i < len(doc)]
    return any(n.pos_ == "PROPN" and n.text[:1].isupper() for n in neighbours)


def _is_sports_report(doc: Doc) -> bool:
    """True when the article is about sport: its "attacks" and "battles" are metaphors."""
    key = "strife_sports"
    if key not in doc.user_data:
        # a capitalised word inside a sentence is a name: "Awami League", "Jubo League"
        words = sum(1 for t in doc if t.lower_ in SPORTS_WORDS and (t.is_sent_start or not t.text[:1].isupper()))
        doc.user_data[key] = words >= 3
    return doc.user_data[key]


ABSTRACT_OBJECTS = {"hope", "chance", "career", "reputation", "credibility", "economy", "confidence", "trust",
                    "dream", "relationship", "record", "calorie", "fat", "energy", "cash",
                    "money", "fuel", "time", "life", "livelihood"}
DURATIONS = {"day", "week", "month", "year", "decade", "hour"}
RAIDER_WORDS = {"gunman", "gunmen", "raider", "raiders", "militant", "militants", "militia", "bandit", "bandits",
                "rebel", "rebels", "attacker", "attackers", "assailant", "assailants", "warrior", "warriors",
                "jihadist", "jihadists", "insurgent", "insurgents", "rustler", "rustlers", "fighter", "fighters"}


def _raiders_about(doc: Doc) -> bool:
    """True unless the article is about police raids only (arrests, searches)."""
    key = "strife_raiders"
    if key not in doc.user_data:
        words = {t.lower_ for t in doc} | {t.lemma_.lower() for t in doc}
        police_story = bool(words & {"police", "arrest", "arrested", "detain", "detained", "search", "warrant"})
        doc.user_data[key] = bool(words & RAIDER_WORDS) or not police_story
    return doc.user_data[key]


def _is_peace_process(doc: Doc) -> bool:
    key = "strife_peace"
    if key not in doc.user_data:
        doc.user_data[key] = any(t.lemma_.lower() in {"peace", "ceasefire", "truce", "armistice", "disarm"}
                                 for t in doc)
    return doc.user_data[key]


def _has_person_object(token: Token) -> bool:
    """"executed two prisoners" is a killing; "an operation executed in the region" is not."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    if token.dep_ in {"acl", "relcl"}:
        objects.append(token.head)
    return any(o.ent_type_ == "PERSON" or o.lemma_.lower() in actors.PERSON_WORDS for o in objects)


def _shared_objects(token: Token) -> list[Token]:
    """'forces beat and injured a journalist': the object of the verb joined to this one."""
    verbs = [c for c in token.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if token.dep_ == "conj" and token.head.pos_ == "VERB":
        verbs.append(token.head)
    return [o for v in verbs for o in v.children if o.dep_ == "dobj"]


def _harms_people_or_property(token: Token) -> bool:
    """'assaulted a student over a football match', 'burnt down their dormitories after being
    barred from a football match': a sports word nearby, but people or buildings were harmed
    (a team is no person: 'Chelsea beat Arsenal')."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}] + _shared_objects(token) + \
        _counted_objects(token)
    return any(o.lemma_.lower() in actors.PERSON_WORDS | PROPERTY_OBJECTS for o in objects)


def _counted_objects(token: Token) -> list[Token]:
    """'burnt down seven of their dormitories': the things a counted object counts."""
    return [g for c in token.children if c.dep_ in {"dobj", "nsubjpass"} and c.pos_ == "NUM"
            for p in c.children if p.dep_ == "prep" and p.lower_ == "of" for g in p.children if g.dep_ == "pobj"]


LIVESTOCK_WORDS = {"cattle", "cow", "cows", "goat", "goats", "sheep", "camel", "camels", "livestock", "herd",
                   "herds", "animals", "donkeys", "bulls"}


# What an armed group takes over when it takes territory ('took over Basuba', 'overtook a police station').
TERRITORY_WORDS = {"village", "villages", "town", "towns", "area", "areas", "territory", "station", "post", "posts",
                   "camp", "base", "city", "district", "county", "island", "outpost", "garrison"}


def _takes_territory(token: Token) -> bool:
    """'Al Shabaab took over Basuba', 'overtook a police station' (not 'took over the leadership')."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(o.lemma_.lower() in TERRITORY_WORDS or o.ent_type_ in {"GPE", "LOC", "FAC"} for o in objects)


# Crowds whose members act together: they chase officials off, they injure reporters.
CROWD_AGENTS = CROWD_WORDS | {"resident", "residents", "voter", "voters", "local", "locals", "villager", "villagers",
                              "supporter", "supporters", "trader", "traders"}
CHASED_PEOPLE = {"mp", "chief", "candidate", "aspirant", "official", "officer", "officers", "police", "policeman",
                 "policemen", "governor", "legislator", "mca"}


def _chased_by_crowd(token: Token) -> bool:
    """'residents chased police from the slum', 'the chief was chased away by angry locals':
    a crowd driving people off is mob violence (not 'police chased the protesters')."""
    agent = actors.agent_of(token)
    if agent is None or agent.lower_ not in CROWD_AGENTS:
        return False
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(o.ent_type_ == "PERSON" or o.lower_ in CHASED_PEOPLE or o.lemma_.lower() in actors.PERSON_WORDS
               for o in objects)


def _is_used(token: Token) -> bool:
    """A weapon word names an event when it hits, lands, explodes or is fired."""
    if token.pos_ == "VERB":
        return True
    if token.head.lower_ == "over" and token.head.head.lemma_.lower() in {"run", "drive", "step"}:
        return True  # "a lorry drove over a buried bomb"
    verbs = {"hit", "strike", "land", "explode", "fire", "kill", "wound", "injure", "launch", "rain", "cause", "target",
             "detonate", "go", "fall", "target", "damage", "destroy", "shell", "attack", "pound"}
    near = [token.head, token.head.head] + list(token.head.children) + list(token.children)
    if any(t.lemma_.lower() in verbs for t in near):
        return True
    return token.lower_ in {"shelling", "bombardment"} or any(
        c.lower_ in {"attack", "fire", "strike", "barrage"} for c in token.rights)


def _under_background(token: Token, sent: Span) -> bool:
    """True when a background preposition ("following X", "despite X") governs the token."""
    if any(c.dep_ == "amod" and c.lower_ in {"prior", "previous", "earlier"} for c in token.children):
        return True  # "against the prior assault on journalists": another, earlier event
    node = token
    for _ in range(12):
        if node.lower_ in BACKGROUND_MARKERS and node != token and (node.dep_ in {"prep", "mark", "advmod", "pcomp"} or (
                node.lower_ == "following" and node.dep_ in {"advcl", "acl"})):  # 'following' parsed as a verb
            return True
        # "relatives of a boy killed by gunmen marched to the police station":
        # a relative clause tells the past of a person, not this event
        if node.dep_ == "relcl" and node.head.pos_ in {"NOUN", "PROPN"} and _lemma(node.head) not in SINGLE_CUES \
                and any(c.dep_ in {"auxpass", "nsubjpass"} for c in node.children):
            return True
        # "a protest against the league for exploding crude bombs": the reason, not the event
        if node.dep_ == "pcomp" and node.head.lower_ in {"for", "over"}:
            return True
        # "protested after 32 sheep were killed": the marker is a child of the clause verb
        if node.pos_ in {"VERB", "AUX"} and any(
                c.dep_ == "mark" and c.lower_ in BACKGROUND_MARKERS for c in node.children):
            return True
        if node.head == node or node.dep_ == "ROOT":
            return False
        node = node.head
    return False


# ---- 2. modality ----------------------------------------------------------------------------

def is_asserted(token: Token, trigger: Trigger) -> bool:
    """False for negated, hypothetical, future, denied or rumoured mentions."""
    if _negated(token):
        return False
    node, depth = token, 0
    while depth < 8:
        if any(c.dep_ == "aux" and c.lower_ in MODAL_AUX for c in node.children) and node.pos_ in {"VERB", "AUX"}:
            return False
        if any(c.dep_ == "mark" and c.lower_ in {"if", "unless", "whether"} for c in node.children):
            return False
        if node != token and node.lemma_.lower() in FUTURE_HEADS and node.pos_ in {"VERB", "NOUN", "AUX", "ADJ"} and not (
                trigger.cue in {"PROTEST", "RIOT"} and node.lemma_.lower() in PROTESTERS_SAY) and not _feared_dead(node):
            return False
        # "did not fire", "refused to attack"; but "shelled the positions, with no fatalities
        # reported" negates the fatalities only
        if node != token and node.pos_ == "VERB" and any(c.dep_ == "neg" for c in node.children) and token.dep_ in {
                "xcomp", "ccomp", "dobj"}:
            return False
        if node == token and _habitual_or_stopped(token):
            return False
        if any(c.lemma_.lower() in {"possible", "potential", "planned", "threatened", "rumoured", "rumored",
                                    "alleged", "feared", "looming", "imminent", "future"}
               and c.dep_ == "amod" for c in node.children) and node.i == token.i:
            return False
        # "after Azerbaijan launched its operation": a subordinate clause keeps its own mood.
        if any(c.dep_ == "mark" and c.lower_ in SUBORDINATE_MARKS for c in node.children):
            break
        if node.head == node or _dash_between(node, node.head):
            break
        node, depth = node.head, depth + 1
    return True


def _dash_between(a: Token, b: Token) -> bool:
    """'Students demonstrated over the delay - many were expected to sit exams': a spaced dash
    ends a clause, whatever the parser hangs on the words after it."""
    lo, hi = sorted((a.i, b.i))
    return any(t.text in {"-", "–", "—"} and t.whitespace_ and t.doc[t.i - 1].whitespace_
               for t in a.doc[lo + 1:hi])


def _feared_dead(node: Token) -> bool:
    """"Four officers are feared dead": a toll not yet confirmed, not a hypothetical event."""
    return node.lemma_.lower() == "fear" and any(c.lower_ in {"dead", "killed"} for c in node.children)


def _habitual_or_stopped(token: Token) -> bool:
    """"The town has seen sporadic fighting", "offensives have paused": no single event."""
    head = token.head
    if token.dep_ == "dobj" and head.lemma_.lower() in {"see", "witness", "experience"} and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in head.children):
        return True
    # "where the two sides have fought on and off for months"
    if token.pos_ == "VERB" and any(c.dep_ == "aux" and c.lower_ in {"have", "has", "'ve"} for c in token.children) and any(
            (t.lower_ == "for" and any(g.lemma_.lower() in DURATIONS for g in t.children)) or t.lower_ == "since"
            or t.lower_ in {"repeatedly", "regularly", "often"} for t in token.subtree):
        return True
    # "earlier truces had broken down": plural agreements are a history, not an event
    if token.pos_ == "NOUN" and token.tag_ == "NNS" and token.lemma_.lower() in {"truce", "ceasefire", "agreement", "accord"}:
        return True
    return token.dep_ in {"nsubj", "nsubjpass"} and head.lemma_.lower() in {
        "pause", "halt", "stop", "end", "cease", "subside", "ease", "decline", "wane", "abate"}


def _negated(token: Token) -> bool:
    if any(c.dep_ == "neg" for c in token.children):
        return True
    # "Nobody was killed", "no one was hurt", "no shots were fired", "no one was injured or detained"
    subjects_of = [token] + ([token.head] if token.dep_ == "conj" else [])
    for c in (c for t in subjects_of for c in t.children):
        if c.dep_ in {"nsubj", "nsubjpass"} and (c.lower_ in {"nobody", "none", "noone"} or any(
                d.dep_ == "det" and d.lower_ == "no" for d in c.children)):
            return True
    # "no attack", "no clashes were reported"
    return any(c.dep_ == "det" and c.lower_ in {"no"} for c in token.children)


# ---- 3. clusters ------------------------------------------------------------------------------

def cluster_triggers(triggers: list[Trigger], doc: Doc) -> list[list[Trigger]]:
    """Group one sentence's triggers into the events they describe."""
    main: list[Trigger] = []
    clusters: list[list[Trigger]] = []
    for trig in triggers:
        if trig.cue in STANDALONE_CUES:
            _join_same_cue(clusters, trig)
        elif trig.background:
            clusters.append([trig])
        else:
            main.append(trig)
    if main and {t.cue for t in main} <= {"KILL"}:
        # "ten people were killed following clashes": the deaths belong to the clashes
        cause = next((c for c in clusters if {t.cue for t in c} & CAUSE_CUES), None)
        if cause is not None:
            cause.extend(main)
            main = []
    if main:
        clusters.insert(0, main)
    # a background cluster of mere colour (tear gas alone) is no event
    return [c for c in clusters if {t.cue for t in c} & EVENT_CUES]


def _join_same_cue(clusters: list[list[Trigger]], trig: Trigger) -> None:
    for cluster in clusters:
        if cluster[0].cue == trig.cue:
            cluster.append(trig)
            return
    clusters.append([trig])


# ---- 4. typing --------------------------------------------------------------------------------

EXPLOSIVE_SUBTYPES = [
    ("SUICIDE", "Suicide bomb"), ("CHEM", "Chemical weapon"), ("AIRSTRIKE", "Air/drone strike"),
    ("SHELLING", "Shelling/artillery/missile attack"), ("GRENADE", "Grenade"),
    ("IED", "Remote explosive/landmine/IED"),
    # an explosion of unknown origin in a war zone is most often shelling
    ("EXPLOSION", "Shelling/artillery/missile attack"),
]


ACTOR_KINDS = {"state", "rebel", "armed", "civilian", "crowd", "protester", "rioter", "mob", "external"}
ESCALATION_CUES = {"RIOT", "LOOT", "CRUDE", "INTERVENE", "ARREST", "VANDAL"}


def type_mention(mention: Mention, doc: Doc, sent: Span, paragraph_cues: set[str] = frozenset()) -> bool:
    """Set the mention's ACLED type, sub-type and PLOVER; False when it is no event."""
    cues = mention.cues
    if "VANDAL" in cues and all(_done_by_state(doc[t.token], t.cue) for t in mention.triggers if t.cue == "VANDAL"):
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
    mention.event_type, mention.sub_event_type = typed
    ptype, mode = plover.OF_SUB_EVENT[mention.sub_event_type]
    mention.plover = Plover(ptype, mode)
    mention.confidence = _confidence(mention)  # after `weak` is known
    return True


BRAWL_WORDS = {"clash", "clashes", "fight", "fighting", "fights", "skirmish", "battle", "confrontation", "scuffle"}
GUN_WORDS = {"armed", "gun", "guns", "gunfire", "gunshot", "gunshots", "firearm", "firearms", "rifle", "rifles", "bullet",
             "bullets", "shootout", "shoot-out", "gunfight", "gunbattle", "ak-47", "arms",
             "ammunition", "explosives"}


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
           and _is_setting(t, "PROTEST") for t in sent):
        facts.add("demonstration")
    if any(t.ent_type_ == "NORP" for t in sent) or words & COMMUNITY_WORDS:
        facts.add("communities")  # "Borana and Gabra communities clashed": sides named as peoples
    return facts


UNARMED_KINDS = {"crowd", "protester", "civilian", "rioter", "mob", "people"}
COMMUNITY_WORDS = {"community", "communities", "pastoralist", "pastoralists", "herder", "herders", "clan", "clans"}


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


# ---- anchors: where times and places attach -------------------------------------------------

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
