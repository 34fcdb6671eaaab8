"""Triggers of a sentence: words and phrases that name a kind of happening, each with a
cue, kept only when the words around them make the reading plausible.
"""
from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span, Token

from . import actors
from .doc_memo import memo
from .event_modality import is_used, trigger_lemma, under_background
from .event_words import (
    ABSTRACT_OBJECTS,
    BARRICADE_MATERIAL,
    BODY_FOUND_VERBS,
    CHASED_PEOPLE,
    CIVILIAN_SERVICE_WORDS,
    CROWD_AGENTS,
    CROWD_WORDS,
    EVENT_CUES,
    FOUND_VERBS,
    GATHERED_PEOPLE,
    GENERIC_OBJECTS,
    LIVESTOCK_WORDS,
    NON_EVENT_CONTEXT,
    PHRASE_CUES,
    PROPERTY_OBJECTS,
    PROTEST_CONTEXT,
    QUANTITY_WORDS,
    RAIDER_WORDS,
    RIOT_GEAR,
    ROADS,
    SEVERED_WORDS,
    SINGLE_CUES,
    SPORTS_WORDS,
    STRIKE_CONTEXT,
    STRUCK_AGREEMENTS,
    TERRITORY_WORDS,
)
from .mentions import Trigger


def find_triggers(sent: Span) -> list[Trigger]:
    """Trigger words and phrases of a sentence, longest phrase first, no overlaps."""
    lemmas = [trigger_lemma(t) for t in sent]
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
        background = under_background(token, sent) or is_setting(token, t.cue)
        cue = _refine_cue(token, t.cue)
        refined.append(Trigger(t.token, t.end, cue, background))
        if t.cue == "PROTEST" and cue == "VANDAL":
            refined.append(replace(t, background=background))  # a barricaded road is still a protest
    return sorted(refined, key=lambda t: t.token)


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


def is_setting(token: Token, cue: str) -> bool:
    """"Supporters clashed during a rally": the rally is where it happened, not the event."""
    return cue == "PROTEST" and token.dep_ == "pobj" and token.head.lower_ in {"during", "at"} and (
        token.head.head.lemma_.lower() not in {"arrest", "detain", "disperse", "kill", "shoot", "injure"})


def _refine_cue(token: Token, cue: str) -> str:
    """Modifiers that change what a trigger means: a violent protest is a riot, an attack
    between two villages or an ethnic clash is fighting, and blocking roads is one of the
    destructive acts that make a demonstration violent in ACLED's codebook."""
    mods = {c.lower_ for c in token.children if c.dep_ in {"advmod", "amod", "prep"}}
    if cue in {"IED", "SHELLING", "GRENADE"} and not is_used(token) and _is_found(token):
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


def _phrase_head(span: Span) -> Token:
    """The syntactic head of a phrase: the token whose head lies outside it."""
    for token in span:
        if token.head.i < span.start or token.head.i >= span.end or token.head == token:
            return token
    return span[0]


def _sentence_words(token: Token) -> set[str]:
    """Lemmas and lower-cased words of the token's sentence (computed once per sentence)."""
    cache = memo(token.doc).sentence_words
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
    if lemma == "strike" and any(c.dep_ == "dobj" and c.lemma_.lower() in STRUCK_AGREEMENTS for c in token.children):
        return False  # "the government struck a deal with the unions"
    if lemma == "strike" and token.pos_ == "VERB" and _armed_agent(token):
        return True  # "raiders struck the village"
    if lemma == "strike" and (token.pos_ != "NOUN" or any(c.lower_ in {"air", "drone", "missile"} for c in token.lefts)):
        return False
    if lemma == "strike" and not context & STRIKE_CONTEXT:
        return False
    if lemma == "march" and token.ent_type_ == "DATE":
        return False
    if lemma in {"shell", "rocket", "missile", "drone", "mortar", "artillery", "bomb", "explosive"} and not is_used(token):
        return lemma in {"bomb", "explosive", "mortar", "rocket", "shell"} and _is_found(token)
    if lemma == "accord" and token.pos_ != "NOUN":
        return False  # "according to"
    if lemma in {"talk", "negotiation"}:
        # talks are an Agreement event only in a peace process, not any meeting
        return token.pos_ == "NOUN" and token.lower_ in {"talks", "negotiations"} and _is_peace_process(token.doc)
    if lemma == "deploy" and not any(c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in {"to", "into"})
                                     for c in token.children):
        return False  # "officers remained deployed" is a state; "deployed to the island" is a movement
    if lemma == "deploy" and any(c.dep_ == "dobj" and c.lemma_.lower() in CIVILIAN_SERVICE_WORDS
                                 for c in [*token.children, *(g for c in token.children for g in c.conjuncts)]):
        return False  # "deployed 200 nurses to the flooded districts": a service, not a force
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
    m = memo(doc)
    if m.sports_report is None:
        # a capitalised word inside a sentence is a name: "Awami League", "Jubo League"
        words = sum(1 for t in doc if t.lower_ in SPORTS_WORDS and (t.is_sent_start or not t.text[:1].isupper()))
        m.sports_report = words >= 3
    return m.sports_report


def _raiders_about(doc: Doc) -> bool:
    """True unless the article is about police raids only (arrests, searches)."""
    m = memo(doc)
    if m.raiders_about is None:
        words = {t.lower_ for t in doc} | {t.lemma_.lower() for t in doc}
        police_story = bool(words & {"police", "arrest", "arrested", "detain", "detained", "search", "warrant"})
        m.raiders_about = bool(words & RAIDER_WORDS) or not police_story
    return m.raiders_about


def _is_peace_process(doc: Doc) -> bool:
    m = memo(doc)
    if m.peace_process is None:
        m.peace_process = any(t.lemma_.lower() in {"peace", "ceasefire", "truce", "armistice", "disarm"} for t in doc)
    return m.peace_process


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


def _takes_territory(token: Token) -> bool:
    """'Al Shabaab took over Basuba', 'overtook a police station' (not 'took over the leadership')."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(o.lemma_.lower() in TERRITORY_WORDS or o.ent_type_ in {"GPE", "LOC", "FAC"} for o in objects)


def _chased_by_crowd(token: Token) -> bool:
    """'residents chased police from the slum', 'the chief was chased away by angry locals':
    a crowd driving people off is mob violence (not 'police chased the protesters')."""
    agent = actors.agent_of(token)
    if agent is None or agent.lower_ not in CROWD_AGENTS:
        return False
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    return any(o.ent_type_ == "PERSON" or o.lower_ in CHASED_PEOPLE or o.lemma_.lower() in actors.PERSON_WORDS
               for o in objects)


