"""Vocabulary of the places stage: the words that mark, bound and qualify a place name.

Data only; `strife.places` and the modules it uses read these, and so may assembly.
"""
from __future__ import annotations

from strife.gazetteer_names import fold

ROLE_PLACE = "place"

ROLE_METONYM = "metonym"

ROLE_ORIGIN = "origin"

ROLE_REFERENCE = "reference"

ROLE_ADJECTIVE = "adjective"  # 'American', 'European': a place named by its adjective, resolved to it

RULER_NAME = "strife_gazetteer_ruler"


PLACE_LABELS = ("GPE", "LOC")

# Capitalised words that name places somewhere but, in news text, almost never mean one.
NOT_PLACES = frozenset(fold(w) for w in """
January February March April May June July August September October November December
Monday Tuesday Wednesday Thursday Friday Saturday Sunday Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
Mon Tue Wed Thu Fri Sat Sun Police Army Reply Most Said Says News Press Home Post Times Today Live Video
President Minister General Governor Mayor Senator King Queen Prince Pope Justice Court Union Party Council
Mr Mrs Ms Dr Sir Lord Saint St Mount Lake River Island North South East West Central Northern Southern
Eastern Western Capital City Town Village Province Region District State County Republic Democratic Federal
National International Islamic Christian Muslim Jewish Catholic God Allah Christ Internet Twitter Facebook
Update Breaking Reuters AFP AP BBC CNN Read More Share Comment Comments Photo Photos Image Source Email
Because However Although While During After Before Many Some Other Several Also Even Still Only Just Such
Colonia Grenade Independence Sadar Winner Week Act Summit Reserve Bureau Centre Center College Free Royal Purchase Rehab
Man Orange Christmas Banana Hope Mercy Victory Molotov
""".split()) | {"white house", "notre dame", "wall street", "downing street", "capitol hill", "pentagon", "kremlin",
                "el nino", "la nina", "nino", "nina", "red cross", "red crescent"}

DAY_AND_MONTH_NAMES = frozenset(fold(w) for w in """January February March April May June July August September
October November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday""".split())

# Articles and particles that spell a place's code or a village on their own ('La' -> 'LA').
NOT_PLACES_CASED = frozenset("La El Le Les De Da Do Di Du Al Ar As At Ad An Bir Ain Ras Dam".split())

TITLES = frozenset(fold(w) for w in """
mr mrs ms miss dr sir lady lord president minister premier general gen col colonel capt captain lt sgt
governor gov mayor senator sen rep representative judge justice king queen prince princess pope bishop
sheikh commander chief secretary spokesman spokeswoman spokesperson ambassador coach professor prof
""".split())

# Words after a name that mark it as an administrative area rather than the town of that name.
ADMIN_WORDS = frozenset("province region state oblast governorate district county prefecture department "
                        "division territory municipality upazila upazilla zila sub-county subcounty constituency "
                        "taluka taluk tehsil township commune subdivision sub-district subdistrict".split())

# Admin words that name a territory only, never an office: 'Lamu County' (but 'Justice
# Department', 'Market Division', 'Islamic State' are organisations).
CONTAINER_WORDS = frozenset("county district province region sub-county subcounty constituency upazila oblast "
                            "governorate".split())

# Words after a name that say it is a settlement or part of one ('Othaya town', 'Kariobangi estate').
SETTLEMENT_WORDS = frozenset("""village town city union ward area locality estate camp market bazar bazaar sector cbd
neighbourhood neighborhood suburb slum quarter hamlet settlement location sub-location sublocation centre
trading outskirts municipality countryside""".split())

# After an admin or settlement word, before the container: 'Senbagh upazila HQ (Noakhali, ...)'.
CONTAINER_GAP_WORDS = frozenset("sadar hq headquarters , ( in of the near coded as - : ;".split())

# Facility words between a place and its container: 'Kamalpur railway station, Dhaka city',
# 'Amtala junction, Barisal city'.
FACILITY_GAP_WORDS = frozenset("railway station bus stand junction crossing intersection roundabout gate bridge "
                               "mor chattar chottor press club".split())

# Adjectives of places that are not countries (countries' demonyms are in the index).
PLACE_ADJECTIVES: dict[str, str] = {
    "European": "Europe", "African": "Africa", "Asian": "Asia", "Latin American": "Latin America",
    "Central American": "Central America", "North American": "North America", "South American": "South America",
    "Middle Eastern": "Middle East", "Caribbean": "Caribbean", "Balkan": "Balkans", "Scandinavian": "Scandinavia",
    "Siberian": "Siberia", "Sicilian": "Sicilia", "Kashmiri": "Kashmir", "Darfuri": "Darfur", "Crimean": "Crimea",
    "Tigrayan": "Tigray", "Korean": "Korean Peninsula", "Philippine": "Philippines", "Serb": "Serbia",
}

# Nationality words that are also languages: 'in English' is no place.
LANGUAGE_WORDS = frozenset(fold(w) for w in """English French Spanish Chinese Arabic German Portuguese Russian
Italian Japanese Korean Turkish Persian Dutch Greek Hindi Urdu Swahili Bengali Polish Hebrew""".split())

# Words that make 'X <word>' an organisation or facility named after the place X.
FACILITY_WORDS = frozenset("""university college school academy hospital airport stadium arena mall church mosque
cathedral temple camp prison jail centre center hotel complex station park bridge square port courts
campus""".split())

INSTITUTION_WORDS = frozenset("""bank council commission reserve cup fc club police company corporation authority
times post news airlines airways cargo parliament assembly court ministry government""".split())

DIRECTION_WORDS = frozenset("north south east west northeast northwest southeast southwest north-east "
                            "north-west south-east south-west northern southern eastern western".split())

DISTANCE_UNITS = frozenset("km kilometres kilometers kilometre kilometer miles mile mi".split())

# Verbs whose subject, when a capital or country, stands for its government.
SPEECH_VERBS = frozenset("""say tell warn announce claim deny accuse demand urge condemn reject threaten insist
respond reply agree sign call state declare vow pledge blame allege confirm protest refuse offer propose
seek want hope believe argue dismiss welcome criticise criticize order decide approve expel summon recall
retaliate sanction respond""".split())

# Nouns for people or forces: "separatists from X" names where they come from, not where the event is.
PEOPLE_NOUNS = frozenset("""separatist separatists fighter fighters rebel rebels militant militants refugee refugees
migrant migrants troops soldier soldiers people man men woman women child children resident residents
delegation delegations official officials envoy envoys volunteer volunteers mercenary mercenaries
immigrant immigrants national nationals citizen citizens worker workers pilgrim pilgrims militia militias
gunmen gunman insurgent insurgents force forces army student students family families team player players
diplomat diplomats visitor visitors tourist tourists activist activists journalist journalists""".split())

# Lowercase words inside place names: 'Foz do Iguacu', 'Ain er Roummane', 'Kut e Abdollah'.
NAME_PARTICLES = frozenset({"-", "of", "de", "del", "al", "el", "la", "and", "upon", "on", "'s", ".", "do", "da", "dos",
                            "das", "di", "du", "des", "le", "les", "sur", "en", "e", "er", "ar", "as", "at", "ad", "an",
                            "ash", "az", "es", "ez", "y", "am", "im", "bin", "ibn", "wa", "kwa"})

# Nouns for a state's own organs: 'Italian police' acts in Italy, 'Somali refugees' need not.
STATE_NOUNS = frozenset("""police policemen army forces troops soldiers military government authorities officials
navy gendarmerie president ministry minister coastguard""".split())

CURRENCY_WORDS = frozenset("dollar dollars euro euros pound pounds rupee rupees yuan".split())

# The Arabic article, as written before a hyphen inside a place name.
ARTICLE_PARTICLES = frozenset("al el ad ar as at az an ash ed er es".split())

# Place names that are also common first names: followed by a surname, they name a person.
GIVEN_NAME_PLACES = frozenset("""Virginia Georgia Victoria Florence Adelaide Regina Valencia Madison Austin Charlotte
Lincoln Chelsea Jordan Kent Sydney Dallas Houston Phoenix Aurora Santiago Mercedes Dolores Elizabeth Alexandria
Augusta Florida Carolina Savannah Orlando Eugene Beatrice Marion Salem Mabel Lourdes Fatima Medina Kimberley Camden
Cleveland Wellington Nelson Milton Preston Stanley Raleigh Jackson Clinton Washington Barbara Isabela Helena
Josephine Juliana Mariana Angelina Paola Sofia Olga Vera Nadia""".split())


# Words that may stand between a name and its place word: 'Kakuma refugee camp', 'Mandera
# border town', 'Dadaab Refugee Camp' (capitalised, only these: 'Sana Bharandi village' is one name).
PLACE_MODIFIERS = frozenset("refugee border trading informal fishing mining market frontier".split())

# Buildings named after the place they stand in: 'Tarash Press Club', 'Mombasa Law Courts'.
SITED_FACILITY_WORDS = frozenset("club courts".split())


RESIDENT_WORDS = frozenset("residents villagers inhabitants locals dwellers".split())

# Verbs whose object is a place when it names one: 'attacked Garba Tula', 'overran Witu'.
ASSAULT_VERBS = frozenset("attack raid storm invade overrun shell bomb besiege ambush".split())

# Offices named after the place they serve: 'the Kitui mayor', 'Embu Governor', 'Taveta MP'.
OFFICE_WORDS = frozenset("mp mps governor mayor senator mca mcas councillor councilor".split())

# Words that make an unresolvable name certainly a place ('Lake Manassas', 'Nile Delta').
GEOGRAPHIC_WORDS = frozenset("""lake river island islands delta mountain mountains mount valley desert sea gulf bay
coast basin plateau strait peninsula creek canyon forest hills park county province region district village
town city border""".split())

# Words after a name that say what it names: an area, a settlement, a facility, an institution.
NAMING_WORDS = ADMIN_WORDS | SETTLEMENT_WORDS | FACILITY_WORDS | INSTITUTION_WORDS | DIRECTION_WORDS | GEOGRAPHIC_WORDS

# Words after a name that call it a national unit: 'Jaintiapur upazila', 'Kotulo ward'.
UNIT_WORDS = frozenset("upazila upazilla ward constituency sub-county subcounty union thana".split())

LOCATIVE_PREPOSITIONS = frozenset("in at near outside around inside into toward towards between village town of".split())

# Those that put a thing at a place, not between places or on the way to one.
AT_PREPOSITIONS = LOCATIVE_PREPOSITIONS - {"between", "into", "toward", "towards"}

ROAD_WORDS = frozenset("road highway rd route railway expressway".split())

STREET_WORDS = frozenset("road rd street st avenue highway".split())


# Words after a name that make it a part of a town: 'Rangel neighborhood', 'Korogocho slum'.
NEIGHBOURHOOD_WORDS = frozenset("neighborhood neighbourhood suburb slum slums estate favela".split())


# Words before a name that make it a neighbourhood: 'Colonia Los Olivos', 'Barrio Obrero'.
NEIGHBOURHOOD_PREFIXES = frozenset("colonia barrio bairro fraccionamiento".split())
