"""Vocabulary and thresholds of assembly: the nouns and verbs that tie places, counts and dates
to an event mention.
"""
from __future__ import annotations

LOCATION_NOUNS = {
    "city", "town", "village", "region", "area", "district", "province", "county", "state",
    "territory", "stronghold", "outskirts", "suburb", "neighbourhood", "neighborhood", "camp",
    "border", "capital", "municipality", "market", "street", "road", "highway", "center", "centre",
    "locality", "zone", "governorate", "division", "upazila", "sub-county", "ward", "island",
    "port", "base", "airport", "valley", "hills", "mountains", "forest", "countryside", "west",
    "east", "north", "south", "part", "parts", "side", "front", "frontline", "near", "vicinity",
    "compound", "square", "campus", "university", "station", "office", "building", "hospital",
    "school", "mosque", "church", "headquarters", "premises", "front", "gate", "town's",
    "country", "constituency", "estate", "slum", "settlement", "location", "sublocation", "sector",
    "commune", "department", "prefecture", "oblast", "raion", "governorate", "neighbourhood", "quarter",
    "district's", "outskirt", "environs", "area's", "crossing", "junction", "bridge", "checkpoint",
}

REPORTING_VERBS = {"say", "claim", "report", "tell", "announce", "state", "confirm", "allege",
                   "accord", "estimate", "put", "add"}

PRONOUNS = {"they", "he", "she", "it", "we"}


KIND_FIELDS = {"killed": "fatalities", "injured": "injured", "arrested": "arrested", "displaced": "displaced"}

# "fled with them into Somalia", "crossed back into Somalia": where attackers went afterwards
FLIGHT_VERBS = {"flee", "cross", "escape", "retreat", "withdraw", "ferry", "smuggle", "vanish", "disappear"}

ROAD_NOUNS = {"road", "highway", "bypass", "railway", "expressway", "route"}

# Nouns a date may modify and still date the event ('on 2 May morning').
TIME_OF_DAY_NOUNS = {"morning", "afternoon", "evening", "night", "midnight", "noon", "hours", "dawn", "day"}

VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}

# "near the Ethiopian border", "outside the US embassy": the event is on the other side;
# "the US dollar exchange rate": the world's reserve currency names no place (but protests
# over "the Lebanese pound" are in Lebanon)
BEYOND_NOUNS = {"border", "frontier", "embassy", "consulate", "high commission", "dollar", "dollars"}

# "attack Kenyan civilians": the victims are where the attack happened, the raiders may not be
VICTIM_NOUNS = {"civilian", "villager", "resident", "fisherman", "herder", "herdsman", "farmer", "people", "family",
                "citizen", "child", "woman", "man", "student", "trader", "worker"}

# "Somali refugees", "a Jamaican cleric": people named by a nationality they may live far from
ABROAD_NOUNS = {"refugee", "migrant", "immigrant", "exile", "asylum", "diplomat", "ambassador", "tourist",
                "national", "cleric", "expatriate", "diaspora"}

# "Ethiopian raiders", "Somali bandits": people who cross borders to strike
RAIDER_NOUNS = {"raider", "bandit", "rustler", "attacker", "assailant", "gunman", "tribesman", "militiaman"}

# "Kenyan police officers": a country's police work in that country (its troops may not)
POLICE_NOUNS = {"police", "policeman", "policemen", "officer", "constable"}

# "seized from their home in Mandera": people taken from a place were there.
TAKING_VERBS = {"seize", "abduct", "kidnap", "snatch", "drag", "take", "evict", "grab", "pull", "remove"}

# The links a place name's noun phrase may climb to reach its preposition ('in Mandera town').
NOUN_LINKS = frozenset({"compound", "pobj", "appos"})

FEATURE_RANK = {"city": 0, "admin2": 1, "region": 2, "admin1": 2, "country": 3}

# Armed actors whose base ('the Somalia-based group') says nothing of where they struck.
ARMED_GROUP_NOUNS = {"group", "militia", "militant", "insurgent", "rebel", "fighter", "faction", "jihadist",
                     "terrorist", "organisation", "organization", "outfit", "gang"}
