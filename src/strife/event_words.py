"""Vocabulary of the events stage: trigger lemmas and their cues, and the word lists the
trigger rules and the typing read. Data, not control flow: a new word goes here.
"""
from __future__ import annotations

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


# What one strikes without violence: 'struck a deal', 'strike a balance', 'struck a conciliatory tone'.
STRUCK_AGREEMENTS = {"deal", "agreement", "accord", "bargain", "compromise", "pact", "balance", "tone", "chord",
                     "note", "pose", "partnership", "alliance", "truce"}
# People deployed to serve, not to fight: 'deployed 200 nurses to the flooded districts'.
CIVILIAN_SERVICE_WORDS = {"nurse", "doctor", "medic", "paramedic", "teacher", "volunteer", "engineer", "vaccinator",
                          "firefighter", "rescuer", "clinician", "surveyor", "inspector", "midwife"}
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


# People whose dispersal by police shows they had gathered: 'police dispersed angry voters'.
GATHERED_PEOPLE = {"supporter", "voter", "member", "worker", "resident", "youth", "student", "trader", "hawker",
                   "villager", "farmer", "teacher"}


QUANTITY_WORDS = {"hundred", "hundreds", "thousand", "thousands", "dozen", "dozens", "scores", "group", "crowd"}


ROADS = {"road", "roads", "highway", "highways", "street", "streets", "way", "bridge", "junction", "intersection",
         "traffic", "motorcade", "avenue", "ave", "entrance", "gate", "railway", "track", "access"}


BARRICADE_MATERIAL = {"barricade", "barricades", "tyre", "tyres", "tire", "tires", "stone", "stones", "rock", "rocks",
                      "boulder", "boulders", "log", "logs", "tree", "trees", "branch", "branches", "debris",
                      "twig", "twigs", "burning", "burnt", "burned", "lit", "bonfire", "bonfires"}


# Past participles of assault verbs the tagger reads as adjectives: 'members of the League
# assaulted members of the Forum' ('assaulted' as an adjective of the second 'members').
ASSAULTED_ADJECTIVES = {"assaulted": "assault", "attacked": "attack", "stabbed": "stab", "hacked": "hack",
                        "lynched": "lynch"}


FOUND_VERBS = {"find", "discover", "recover", "seize", "dispose", "dismantle", "defuse", "uncover", "confiscate",
               "detect", "neutralise", "neutralize", "destroy", "detonate"}


# "a body was found": where the dead, not weapons, are found
BODY_FOUND_VERBS = {"find", "discover", "recover", "dump", "retrieve"}


SEVERED_WORDS = {"human", "severed", "decapitated", "skinned", "chopped"}


RIOT_GEAR = {"police", "policeman", "policemen", "officer", "unit", "squad", "gear", "shield", "control", "van", "truck"}


ABSTRACT_OBJECTS = {"hope", "chance", "career", "reputation", "credibility", "economy", "confidence", "trust",
                    "dream", "relationship", "record", "calorie", "fat", "energy", "cash",
                    "money", "fuel", "time", "life", "livelihood"}


DURATIONS = {"day", "week", "month", "year", "decade", "hour"}


RAIDER_WORDS = {"gunman", "gunmen", "raider", "raiders", "militant", "militants", "militia", "bandit", "bandits",
                "rebel", "rebels", "attacker", "attackers", "assailant", "assailants", "warrior", "warriors",
                "jihadist", "jihadists", "insurgent", "insurgents", "rustler", "rustlers", "fighter", "fighters"}


LIVESTOCK_WORDS = {"cattle", "cow", "cows", "goat", "goats", "sheep", "camel", "camels", "livestock", "herd",
                   "herds", "animals", "donkeys", "bulls"}


# What an armed group takes over when it takes territory ('took over Basuba', 'overtook a police station').
TERRITORY_WORDS = {"village", "villages", "town", "towns", "area", "areas", "territory", "station", "post", "posts",
                   "camp", "base", "city", "district", "county", "island", "outpost", "garrison"}


# Crowds whose members act together: they chase officials off, they injure reporters.
CROWD_AGENTS = CROWD_WORDS | {"resident", "residents", "voter", "voters", "local", "locals", "villager", "villagers",
                              "supporter", "supporters", "trader", "traders"}


CHASED_PEOPLE = {"mp", "chief", "candidate", "aspirant", "official", "officer", "officers", "police", "policeman",
                 "policemen", "governor", "legislator", "mca"}


EXPLOSIVE_SUBTYPES = [
    ("SUICIDE", "Suicide bomb"), ("CHEM", "Chemical weapon"), ("AIRSTRIKE", "Air/drone strike"),
    ("SHELLING", "Shelling/artillery/missile attack"), ("GRENADE", "Grenade"),
    ("IED", "Remote explosive/landmine/IED"),
    # an explosion of unknown origin in a war zone is most often shelling
    ("EXPLOSION", "Shelling/artillery/missile attack"),
]


ACTOR_KINDS = {"state", "rebel", "armed", "civilian", "crowd", "protester", "rioter", "mob", "external"}


ESCALATION_CUES = {"RIOT", "LOOT", "CRUDE", "INTERVENE", "ARREST", "VANDAL"}


BRAWL_WORDS = {"clash", "clashes", "fight", "fighting", "fights", "skirmish", "battle", "confrontation", "scuffle"}


GUN_WORDS = {"armed", "gun", "guns", "gunfire", "gunshot", "gunshots", "firearm", "firearms", "rifle", "rifles", "bullet",
             "bullets", "shootout", "shoot-out", "gunfight", "gunbattle", "ak-47", "arms",
             "ammunition", "explosives"}


UNARMED_KINDS = {"crowd", "protester", "civilian", "rioter", "mob", "people"}


COMMUNITY_WORDS = {"community", "communities", "pastoralist", "pastoralists", "herder", "herders", "clan", "clans"}


