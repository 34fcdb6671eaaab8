"""Toponyms in a parsed article: find them, resolve each to a gazetteer entry, say what role it plays.

Recognition does not trust the small NER model alone: a pipeline component placed before "ner"
presets GPE/LOC entities for gazetteer names (so "Stepanakert" is no longer a PERSON), guarded
against common words, person names and obscure namesakes. Resolution scores every candidate
on feature class, population and the article's context (countries, demonyms and regions it
names, "X, Country" and "X in Y" patterns, the countries of the other places).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from importlib import resources
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from strife.doc_memo import memo
from strife.gazetteer import Gazetteer, GazPlace, fold, squeeze

ROLE_PLACE = "place"
ROLE_METONYM = "metonym"
ROLE_ORIGIN = "origin"
ROLE_REFERENCE = "reference"
ROLE_ADJECTIVE = "adjective"  # 'American', 'European': a place named by its adjective, resolved to it

RULER_NAME = "strife_gazetteer_ruler"
MAX_NAME_TOKENS = 6
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


@dataclass(frozen=True)
class PlaceMention:
    text: str
    start: int  # char offsets into doc.text
    end: int
    token_start: int  # token indices in the Doc
    token_end: int
    place: GazPlace | None  # resolved entry, None when unresolvable
    role: str  # 'place' | 'metonym' | 'origin' | 'reference' | 'adjective'
    # True when the name itself is not in the index and `place` is the area the text says holds it
    # ('Senbagh upazila (Noakhali, Chittagong)' -> Noakhali district).
    approximate: bool = False
    # True for a facility named after the place ('Jahangirnagar University'): it may stand elsewhere.
    facility: bool = False


# ---------------------------------------------------------------- recognition (the ruler)

_GAZETTEERS: dict[str, Gazetteer] = {}


def shared_gazetteer(path: str) -> Gazetteer:
    """One open gazetteer per index file, shared by every pipeline that names it."""
    if path not in _GAZETTEERS:
        _GAZETTEERS[path] = Gazetteer.load(Path(path))
    return _GAZETTEERS[path]


@Language.factory(RULER_NAME, default_config={"gazetteer_path": ""})
def make_gazetteer_ruler(nlp: Language, name: str, gazetteer_path: str) -> "GazetteerRuler":
    return GazetteerRuler(shared_gazetteer(gazetteer_path), english_words(nlp))


def english_words(nlp: Language) -> frozenset[str]:
    """The English words the model's lemmatizer knows (its WordNet index), lower case; empty
    when the pipeline has no lookup lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(word for words in lookups.get_table("lemma_index").values() for word in words)


def add_gazetteer_ruler(nlp: Language, gazetteer: Gazetteer) -> None:
    """Add the gazetteer ruler before "ner", which then keeps the entities it presets."""
    _GAZETTEERS.setdefault(str(gazetteer.path), gazetteer)
    if RULER_NAME in nlp.pipe_names:
        return
    placement = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe(RULER_NAME, config={"gazetteer_path": str(gazetteer.path)}, **placement)


def is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def may_continue_name(token: Token) -> bool:
    """Tokens allowed inside a multi-word name: capitalised words, hyphens, 'of', 'al', 'de'..."""
    return is_capitalised(token) or token.text in NAME_PARTICLES or token.text.startswith("al-")


# Lowercase words inside place names: 'Foz do Iguacu', 'Ain er Roummane', 'Kut e Abdollah'.
NAME_PARTICLES = frozenset({"-", "of", "de", "del", "al", "el", "la", "and", "upon", "on", "'s", ".", "do", "da", "dos",
                            "das", "di", "du", "des", "le", "les", "sur", "en", "e", "er", "ar", "as", "at", "ad", "an",
                            "ash", "az", "es", "ez", "y", "am", "im", "bin", "ibn", "wa", "kwa"})


def gazetteer_spans(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """Longest capitalised token runs whose text is a gazetteer name, left to right, not overlapping."""
    spans: list[Span] = []
    i = 0
    while i < len(doc):
        if not is_capitalised(doc[i]) or doc[i].is_punct:
            i += 1
            continue
        found = longest_name_at(doc, i, gazetteer)
        if found is None:
            i += 1
            continue
        spans.append(found)
        i = found.end
    return spans


def longest_name_at(doc: Doc, start: int, gazetteer: Gazetteer) -> Span | None:
    end_limit = start + 1
    while end_limit < len(doc) and end_limit - start < MAX_NAME_TOKENS and may_continue_name(doc[end_limit]) \
            and not doc[end_limit].is_sent_start:
        end_limit += 1
    for end in range(end_limit, start, -1):
        if not is_capitalised(doc[end - 1]) and doc[end - 1].text != ".":
            continue
        span = doc[start:end]
        if gazetteer.has_name(span.text):
            return span
        if end - start > 1 and doc[end - 1].lower_ in ADMIN_WORDS and gazetteer.has_name(doc[start:end - 1].text):
            return span  # 'Oaxaca State', 'Suffolk County': the admin word belongs to the name
    return None


# Nouns for a state's own organs: 'Italian police' acts in Italy, 'Somali refugees' need not.
STATE_NOUNS = frozenset("""police policemen army forces troops soldiers military government authorities officials
navy gendarmerie president ministry minister coastguard""".split())


def demonym_countries(doc: Doc, gazetteer: Gazetteer, of_state: bool = False) -> Counter[str]:
    """ISO3 codes of nationality words in the text ('Azerbaijani forces' -> AZE); with
    `of_state`, only those naming a state's organs ('Italian police')."""
    found: Counter[str] = Counter()
    for token in doc:
        if of_state and not (token.i + 1 < len(doc) and doc[token.i + 1].lower_ in STATE_NOUNS):
            continue
        if is_capitalised(token) and token.pos_ in ("ADJ", "PROPN", "NOUN"):
            iso3 = gazetteer.country_of_demonym(token.text)
            if iso3:
                found[iso3] += 1
    return found


def named_countries(spans: list[Span], gazetteer: Gazetteer) -> Counter[str]:
    """ISO3 codes of countries and regions named outright: the article's geographic frame."""
    found: Counter[str] = Counter()
    for span in spans:
        if names_a_currency(span):
            continue  # 'the US dollar exchange rate' sets no text in the United States
        candidates = gazetteer.candidates(span.text)
        if candidates and candidates[0].feature in ("country", "region") and candidates[0].iso3:
            found[candidates[0].iso3] += 1
    return found


CURRENCY_WORDS = frozenset("dollar dollars euro euros pound pounds rupee rupees yuan".split())


def names_a_currency(span: Span) -> bool:
    return span.end < len(span.doc) and span.doc[span.end].lower_ in CURRENCY_WORDS


def is_common_word(span: Span, english: frozenset[str] = frozenset()) -> bool:
    """A one-word match that is a month, a title, a stop word, an English word the tagger reads
    as one, or appears lowercase in the same text.

    The tagger's adjective or verb is trusted only for English words (`english`, when given):
    'Nyeri residents protest' opens with a town the tagger calls an adjective."""
    if fold(span.text) in NOT_PLACES or span.text in NOT_PLACES_CASED:
        return True
    if len(span) > 1:
        return False
    token = span[0]
    if token.like_num or (token.is_stop and not (token.is_upper and len(token.text) > 1)):
        return True
    if token.pos_ not in ("PROPN", "NOUN") and not token.is_upper and (not english or token.lower_ in english):
        return True
    return token.lower_ in lowercase_words(span.doc)


def lowercase_words(doc: Doc) -> frozenset[str]:
    m = memo(doc)
    if m.lowercase_words is None:
        m.lowercase_words = frozenset(t.text for t in doc if t.is_lower and t.is_alpha)
    return m.lowercase_words


def looks_like_person(span: Span) -> bool:
    """'President Jordan', 'Gen. Kelly': a name right after a title."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and fold(before.text.rstrip(".")) in TITLES


# The Arabic article, as written before a hyphen inside a place name.
ARTICLE_PARTICLES = frozenset("al el ad ar as at az an ash ed er es".split())


def is_part_of_longer_name(span: Span, strong_tokens: set[int], major: bool, facilities: bool = False) -> bool:
    """'Paris Hilton', 'Air France', 'Michael Jordan': glued to other capitalised words.

    A major place followed by a capitalised word stays a place ('Pakistan Army', 'U.S. President').
    A neighbour shields the span only when it is itself a well-known place ('Kate James' is two
    villages' names but one person). With `facilities`, a facility or institution after the name
    does not absorb it ('Maseno University').
    """
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) and not major else None
    if after is not None and after.lower_ in ARTICLE_PARTICLES and after.i + 1 < len(doc) and doc[after.i + 1].text == "-":
        return True  # 'Wadi al-Qamar', 'Deir el-Balah': the Arabic article joins one name
    for neighbour in (before, after):
        if neighbour is None or not neighbour.is_alpha or not is_capitalised(neighbour) or neighbour.i in strong_tokens:
            continue
        if neighbour is before and (neighbour.is_sent_start or fold(neighbour.text) in NOT_PLACES):
            continue
        if neighbour is before and neighbour.text in country_hints() and neighbour.is_upper:
            continue  # 'the ODM Busia branch': a national party's initials before the place it organises
        if neighbour is after and (neighbour.lower_ in ADMIN_WORDS or neighbour.lower_ in OFFICE_WORDS
                                   or has_settlement_word_after(span)):
            continue  # 'Sunamganj Sadar', 'Othaya Town', 'Dadaab Refugee Camp'; 'Embu Governor'
        if neighbour is after and (fold(neighbour.text) == "sadar" or fold(neighbour.text) in DAY_AND_MONTH_NAMES):
            continue  # 'Sunamganj Sadar', 'clashes in Moyale Monday'
        if neighbour is after and span.end + 1 < len(doc) and doc[span.end + 1].lower_ in CONTAINER_WORDS:
            continue  # 'in Witu Lamu County': the town, then the county that holds it
        if neighbour is before and len(span) > 1 and span[-1].lower_ in CONTAINER_WORDS:
            continue  # 'Lamu County' after the town it holds
        if neighbour is after and facilities and extended_span(span)[1] is not None:
            continue  # 'Maseno University', 'Eldoret High Court': a facility named after the place
        if neighbour.is_upper and span.text.isupper():
            continue  # an all-caps headline or dateline
        return True
    return False


# Place names that are also common first names: followed by a surname, they name a person.
GIVEN_NAME_PLACES = frozenset("""Virginia Georgia Victoria Florence Adelaide Regina Valencia Madison Austin Charlotte
Lincoln Chelsea Jordan Kent Sydney Dallas Houston Phoenix Aurora Santiago Mercedes Dolores Elizabeth Alexandria
Augusta Florida Carolina Savannah Orlando Eugene Beatrice Marion Salem Mabel Lourdes Fatima Medina Kimberley Camden
Cleveland Wellington Nelson Milton Preston Stanley Raleigh Jackson Clinton Washington Barbara Isabela Helena
Josephine Juliana Mariana Angelina Paola Sofia Olga Vera Nadia""".split())


def is_given_name(span: Span, strong_tokens: set[int]) -> bool:
    """'Virginia Nyaiko', 'Georgia Mwangi': a place name that is also a first name, followed by
    a surname. A word saying what the name is keeps it a place ('Georgia State', 'Victoria
    Falls', 'Jordan Valley')."""
    doc = span.doc
    if span.text not in GIVEN_NAME_PLACES or span.end >= len(doc):
        return False
    if span.start > 0 and is_capitalised(doc[span.start - 1]) and not doc[span.start - 1].is_sent_start:
        return False  # 'West Virginia'
    after = doc[span.end]
    if not (after.is_alpha and is_capitalised(after) and not after.is_upper and after.pos_ == "PROPN") \
            or after.i in strong_tokens:
        return False
    word = after.lower_
    if word in NAMING_WORDS or fold(after.text) in TITLES or fold(after.text) in DAY_AND_MONTH_NAMES:
        return False
    # one surname, not the first of several capitalised words ('Georgia National Guard')
    following = doc[span.end + 1] if span.end + 1 < len(doc) else None
    return following is None or not (following.is_alpha and is_capitalised(following))


def is_acronym(span: Span) -> bool:
    return len(span) == 1 and span.text.isupper() and len(span.text) <= 4


def surnames_in(doc: Doc, strong_tokens: set[int]) -> frozenset[str]:
    """Words that follow a first name somewhere in the text ('John Kelly'): later 'Kelly' is him.

    Short first words of such pairs are kept too: 'Li Heping', 'Wu Jian' put the family name first.
    """
    found = set()
    for token in doc[1:]:
        before = doc[token.i - 1]
        if token.pos_ == "PROPN" and is_capitalised(token) and before.pos_ == "PROPN" and is_capitalised(before) \
                and before.i not in strong_tokens and token.i not in strong_tokens and not before.is_upper \
                and not token.is_upper and fold(before.text) not in NOT_PLACES \
                and token.lower_ not in ADMIN_WORDS and token.lower_ not in SETTLEMENT_WORDS \
                and fold(token.text) not in TITLES and not in_organisation_name(doc, before.i):
            found.add(token.text)
            if len(before.text) <= 3 and before.is_alpha:
                found.add(before.text)
    return frozenset(found)


def in_organisation_name(doc: Doc, i: int) -> bool:
    """The capitalised run through token i names an organisation or a facility: 'the Ndatani
    Mwingi Dairy Company' holds no first name and surname."""
    start = i
    while start > 0 and is_capitalised(doc[start - 1]) and doc[start - 1].pos_ == "PROPN":
        start -= 1
    end = i
    while end < len(doc) and (is_capitalised(doc[end]) or doc[end].lower_ == "and"):
        end += 1
    words = {token.lower_ for token in doc[start:end]}
    return (start > 0 and doc[start - 1].lower_ == "the") or bool(words & (INSTITUTION_WORDS | FACILITY_WORDS))


def is_major(place: GazPlace) -> bool:
    return place.feature in ("country", "region") or (place.feature == "admin1" and place.population >= 100_000)


def is_well_known(candidates: list[GazPlace]) -> bool:
    """Countries, regions, first-level areas and cities of 200k+: safe to tag without context."""
    return any(is_major(p) or p.population >= 200_000 for p in candidates)


# A name shared by this many places is generic (a surname, a saint, a common word):
# the article naming the country is not enough to call it a place.
GENERIC_NAME_PLACES = 3


def fits_context(candidates: list[GazPlace], frame: Counter[str]) -> bool:
    """A minor place is accepted only when its name is distinctive and the article names its country."""
    return len(candidates) < GENERIC_NAME_PLACES and any(p.iso3 in frame for p in candidates if p.iso3)


def label_for(candidates: list[GazPlace]) -> str:
    return "LOC" if candidates[0].feature == "region" else "GPE"


def country_frame(spans: list[Span], gazetteer: Gazetteer) -> Counter[str]:
    """ISO3 codes of the well-known places among `spans` (admin-1 areas and big cities too):
    a note naming 'Rangpur' is set in Bangladesh even when it never says so."""
    found: Counter[str] = Counter()
    for span in spans:
        if names_a_currency(span):
            continue
        candidates = span_candidates(span, gazetteer)
        strong = [p for p in candidates if is_major(p) or p.population >= 200_000]
        countries = {p.iso3 for p in strong if p.iso3}
        if len(countries) == 1:
            found[countries.pop()] += 1
    return found


def admin1_frame(spans: list[Span], gazetteer: Gazetteer) -> set[tuple[str, str]]:
    """(ISO3, admin-1 name) of the first-level areas named: their towns are plausible places."""
    found = set()
    for span in spans:
        for place in span_candidates(span, gazetteer):
            if place.feature == "admin1" and place.iso3 and place.admin1:
                found.add((place.iso3, place.admin1))
    return found


def span_candidates(span: Span, gazetteer: Gazetteer) -> list[GazPlace]:
    """Candidates for the span, else for it without a trailing admin word ('Oaxaca State')."""
    candidates = gazetteer.candidates(span.text)
    if not candidates and len(span) > 1 and span[-1].lower_ in ADMIN_WORDS | {"city", "island"}:
        candidates = gazetteer.candidates(span[:-1].text)  # 'Lamu Island': the island of Lamu town
    return candidates


def has_place_word_after(span: Span) -> bool:
    """'Othaya town', 'Kurigram district', 'Senbagh upazila': the next word says it is a place."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    word = doc[span.end].lower_
    return word in ADMIN_WORDS or word == "sadar" or has_settlement_word_after(span)


# Words that may stand between a name and its place word: 'Kakuma refugee camp', 'Mandera
# border town', 'Dadaab Refugee Camp' (capitalised, only these: 'Sana Bharandi village' is one name).
PLACE_MODIFIERS = frozenset("refugee border trading informal fishing mining market frontier".split())


def has_settlement_word_after(span: Span) -> bool:
    """'Kakuma camp', or with one modifier between: 'Kakuma refugee camp', 'Mandera border town'."""
    doc = span.doc
    for gap in (0, 1):
        i = span.end + gap
        modifier = doc[span.end] if gap and span.end < len(doc) else None
        if i >= len(doc) or modifier is not None and not (
                modifier.lower_ in PLACE_MODIFIERS or (modifier.is_lower and modifier.is_alpha
                                                       and modifier.pos_ in ("NOUN", "ADJ")
                                                       and modifier.lower_ not in SETTLEMENT_WORDS)
                or (modifier.is_upper and modifier.is_alpha and len(modifier) <= 5)):  # 'Mokowe GSU camp'
            return False
        if doc[i].lower_ in SETTLEMENT_WORDS:
            return True
    return False


# Buildings named after the place they stand in: 'Tarash Press Club', 'Mombasa Law Courts'.
SITED_FACILITY_WORDS = frozenset("club courts".split())


class GazetteerRuler:
    """spaCy component: presets GPE/LOC entities for gazetteer names before the NER model runs."""

    def __init__(self, gazetteer: Gazetteer, english: frozenset[str] = frozenset()):
        self.gazetteer = gazetteer
        self.english = english

    def __call__(self, doc: Doc) -> Doc:
        spans = gazetteer_spans(doc, self.gazetteer)
        strong_spans = [s for s in spans if is_well_known(span_candidates(s, self.gazetteer))
                        and not self.is_common(s, span_candidates(s, self.gazetteer))
                        and not self.gazetteer.country_of_demonym(s.text)]
        strong_tokens = {i for span in strong_spans for i in range(span.start, span.end)}
        # 'Italian police' sets the text in Italy; other demonyms are only hints ('Borana and
        # Somalis clashed in Garba Tula', 'Somali refugees in Kakuma camp'): Somalis live in Kenya
        # too, so they do not bar a Kenyan town the grammar calls a place.
        state = demonym_countries(doc, self.gazetteer, of_state=True)
        frame = named_countries(spans, self.gazetteer) + state
        peoples = demonym_countries(doc, self.gazetteer) - state
        # 'a visit by president Kibaki to Burnt Forest': with no country named, a hint frames the text
        hinted = peoples if frame else peoples + Counter(doc_hinted_countries(doc))
        surnames = surnames_in(doc, strong_tokens)
        first = [span for span in spans if self.accepts(span, frame, hinted, set(), strong_tokens, surnames)]
        # The countries and first-level areas of the places accepted so far widen the frame.
        frame = frame + country_frame(first, self.gazetteer)
        admin1s = admin1_frame(first, self.gazetteer)
        accepted = [span for span in spans if self.accepts(span, frame, hinted, admin1s, strong_tokens, surnames)]
        entities = [Span(doc, span.start, span.end, label=label_for(span_candidates(span, self.gazetteer)))
                    for span in accepted]
        # "unmodified" leaves every other token unannotated, so the NER model still labels them.
        doc.set_ents(entities, default="unmodified")
        return doc

    def is_common(self, span: Span, candidates: list[GazPlace]) -> bool:
        """is_common_word, doubting the tagger only for a place's own name: 'Nyeri residents'
        opens with the town, but 'Kamau' (a surname) reaches Ca Mau only by an alternate name."""
        own_name = any(fold(p.name) == fold(span.text) for p in candidates)
        return is_common_word(span, self.english if own_name else frozenset())

    def names_facility_of(self, span: Span, candidates: list[GazPlace], frame: Counter[str],
                          strong_tokens: set[int]) -> bool:
        """'at Nairobi Law Courts', 'Tarash Press Club': a well-known place or one in the text's
        country, then English words and a facility word. 'Anand Mohan College' is named after a
        man, not the Indian city."""
        wide, kind = extended_span(span)
        # a lesser place only for buildings that stand where they are named: universities,
        # hotels and squares are named after anything ('Simba Hotel', 'Jahangirnagar University')
        known = span.start in strong_tokens or (wide[-1].lower_ in SITED_FACILITY_WORDS and any(
            p.iso3 in frame for p in candidates if p.iso3))
        starts_name = span.start == 0 or not is_name_token(span.doc[span.start - 1])
        return known and starts_name and kind == "facility" and wide.start == span.start and all(
            token.lower_ in self.english for token in wide[len(span):-1])

    def accepts(self, span: Span, frame: Counter[str], hinted: Counter[str], admin1s: set[tuple[str, str]],
                strong_tokens: set[int], surnames: frozenset[str]) -> bool:
        candidates = span_candidates(span, self.gazetteer)
        if not candidates or self.is_common(span, candidates):
            return False
        if self.gazetteer.country_of_demonym(span.text):
            return False  # "Chinese", "Turkish": adjectives, reported separately
        major = [p for p in candidates if is_major(p)]
        if is_acronym(span) and not major:
            return False  # "BA", "GRU": initials that happen to spell a village
        if is_part_of_longer_name(span, strong_tokens, bool(major),
                                  facilities=not frame or self.names_facility_of(span, candidates, frame,
                                                                                 strong_tokens)):
            return False  # left to the NER model, which knows organisations and people
        if is_given_name(span, strong_tokens):
            return False  # 'the beheading of Virginia Nyaiko'
        if (looks_like_person(span) or span.text in surnames) and not major:
            return False
        if is_well_known(candidates) or fits_context(candidates, frame + hinted):
            return True
        # A named first-level area vouches for its towns ('Carora, Lara state'), and a place
        # word after the name for any namesake in the article's country ('Othaya town').
        if any((p.iso3, p.admin1) in admin1s for p in candidates if p.feature != "admin1"):
            return True
        if has_place_word_after(span) and any(p.iso3 in frame + hinted for p in candidates if p.iso3):
            return True
        if frame:
            return False
        if is_located_in_one_country(span, candidates) or is_placed_in_hinted_country(
                span, candidates, hinted, self.gazetteer):
            return True
        # 'Sololo area', 'Maseno University' are places by the words after them, where the hints
        # agree: 'Rani Bazar' in a Bangladeshi text is not India's Rani, nor is 'Supreme Court' a
        # hamlet in the United States
        # (the hints of data/country_hints.tsv, not demonyms: 'Somali refugees' live in Kenya's
        # 'Kakuma refugee camp')
        named_hints = doc_hinted_countries(span.doc)
        return is_located_in_one_country(span, candidates, place_word=True) and (
            not named_hints or any(p.iso3 in named_hints for p in candidates))


def is_placed_in_hinted_country(span: Span, candidates: list[GazPlace], hinted: Counter[str],
                                gazetteer: Gazetteer) -> bool:
    """'Kenyan and Somali youths clashed in Eastleigh': a name the grammar makes a place, with a
    namesake in a country the text's hints point to, is that place even when the name is
    common elsewhere (a town in England, a hamlet in South Africa). A country bordering a
    hinted one counts too: 'Somali traders protested in Eastleigh' (Nairobi), with no Somali
    Eastleigh, is not in England."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    if before is None or before.lower_ not in AT_PREPOSITIONS or not before.is_lower:
        return False
    near = set(hinted) | {n for iso3 in hinted for n in gazetteer.neighbours_of(iso3)}
    return any(p.iso3 in near for p in candidates if p.iso3 and p.feature != "country")


# A namesake this many times smaller than the biggest does not make a name ambiguous.
DOMINANT_RATIO = 10


def is_located_in_one_country(span: Span, candidates: list[GazPlace], place_word: bool = False) -> bool:
    """'in Malindi', 'residents of Athi River': a text naming no country at all may still be
    placed by a name that is a place in one country only, when the grammar says it is a place
    (or, with `place_word`, when a word after it does: 'Sololo area')."""
    # hamlets of unknown population elsewhere ('Molo', China) do not make a town ambiguous
    populated = [p for p in candidates if p.population > 0] or candidates
    # nor do smaller places reached only by one of their alternate spellings ('Sololo' is
    # Kenyan; the Gambian village a tenth its size is 'Sulolor', once spelt 'Sololo')
    own = [p for p in populated if fold(p.name) == fold(span.text)]
    if own:
        own_size = max(p.population for p in own)
        populated = [p for p in populated if p in own or p.population > own_size]
    # nor do villages a tenth the size of the town ('Molo': a Kenyan town, a village elsewhere)
    biggest = max(p.population for p in populated)
    countries = {p.iso3 for p in populated if p.population * DOMINANT_RATIO >= biggest}
    if len(countries) != 1 or None in countries:
        return False
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    if before is not None and before.text in ("el", "al") and span.start > 1:
        before = doc[span.start - 2]  # 'held in el Hermel': the article belongs to the name
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and (after.lower_ in RESIDENT_WORDS or (place_word and has_settlement_word_after(span))):
        return True  # 'Kisauni residents protest', 'Bandits strike Sololo area', 'the Kakuma refugee camp'
    if place_word and (is_road_end(span) or extended_span(span)[1] is not None
                       or (after is not None and after.lower_ in OFFICE_WORDS)):
        return True  # 'blocked the Voi-Taveta road', 'Maseno University students', 'the Kitui mayor'
    if span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in ASSAULT_VERBS and own:
        return True  # 'bandits attacked Garba Tula' (not 'raiders attacked Kamau', a man, once a Ca Mau spelling)
    if before is None or (after is not None and after.text == "-" and not span[-1].whitespace_):
        return False  # 'Funan-nyatta': part of a longer name
    if before.text == "(":
        # 'Saabid village (Afgooye, Lower Shabelle)', 'residents of Kapkwen (Bomet)', 'in Kitungati village (Kitui)'
        return after is not None and (after.text == "," or (
            after.text == ")" and span.start > 1 and not is_acronym(span) and (
                is_name_token(doc[span.start - 2]) or doc[span.start - 2].lower_ in SETTLEMENT_WORDS)))
    if before.text == "," and span.start > 1:
        # 'robbed in Gathiru, Mwingi Central', but not an item of a list ('at Olkiu, Junction and Lemek')
        return names_container_of_place(doc, span.start - 1) and not continues_list(span) \
            and not has_place_word_after(span)  # 'in Old Town, Kazi Bazar': a list of areas
    return before.lower_ in AT_PREPOSITIONS or (place_word and before.lower_ in ("from", "to"))


def continues_list(span: Span) -> bool:
    """'Junction' in 'Olkiu, Junction and Lemek', 'Hill' in 'Old Town, Hill, Sadar Road': a name
    followed by 'and', 'or' or a comma and another name."""
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is None:
        return False
    if after.lower_ in ("and", "or", "&"):
        return True
    return after.text == "," and span.end + 1 < len(doc) and is_name_token(doc[span.end + 1])


def names_container_of_place(doc: Doc, comma: int) -> bool:
    """The comma at `comma` follows a name the grammar makes a place ('in Gathiru,',
    'Residents of Ukasi,'): what comes after it is the area holding that place."""
    i = comma - 1
    if i > 0 and doc[i].lower_ in SETTLEMENT_WORDS and is_name_token(doc[i - 1]):
        return True  # 'Kenana Village, Mt Elgon District'
    while i >= 0 and comma - i <= MAX_NAME_TOKENS and is_name_token(doc[i]):
        i -= 1
    return 0 <= i < comma - 1 and doc[i].lower_ in AT_PREPOSITIONS


RESIDENT_WORDS = frozenset("residents villagers inhabitants locals dwellers".split())
# Verbs whose object is a place when it names one: 'attacked Garba Tula', 'overran Witu'.
ASSAULT_VERBS = frozenset("attack raid storm invade overrun shell bomb besiege ambush".split())
# Offices named after the place they serve: 'the Kitui mayor', 'Embu Governor', 'Taveta MP'.
OFFICE_WORDS = frozenset("mp mps governor mayor senator mca mcas councillor councilor".split())


# ---------------------------------------------------------------- mentions

def mention_spans(doc: Doc, gazetteer: Gazetteer) -> list[Span]:
    """GPE/LOC entities, without a leading 'the', demonyms, and the model's guesses that look like people."""
    spans = []
    place_tokens = {t.i for ent in doc.ents if ent.label_ in PLACE_LABELS for t in ent}
    surnames = surnames_in(doc, place_tokens)
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS:
            continue
        start = ent.start + 1 if ent[0].lower_ == "the" and len(ent) > 1 else ent.start
        span = doc[start:ent.end]
        if is_plausible_mention(span, gazetteer, surnames):
            spans.append(span)
    return spans


def is_plausible_mention(span: Span, gazetteer: Gazetteer, surnames: frozenset[str]) -> bool:
    """Rejects lowercase starts, demonyms, and minor-place guesses that are a person's name here."""
    if not is_capitalised(span[0]) or gazetteer.country_of_demonym(span.text):
        return False
    if fold(span.text) in NOT_PLACES or span.text in NOT_PLACES_CASED:
        return False  # the model's 'Lake' (of 'Lake Turkana'), 'Man' opening a headline
    if names_a_currency(span):
        return False  # 'against the high US dollar rate' happens in no United States
    candidates = gazetteer.candidates(span.text)
    if any(is_major(p) for p in candidates):
        return True
    if is_acronym(span) and candidates:
        return False
    return not (looks_like_person(span) or span.text in surnames)


# Words that make an unresolvable name certainly a place ('Lake Manassas', 'Nile Delta').
GEOGRAPHIC_WORDS = frozenset("""lake river island islands delta mountain mountains mount valley desert sea gulf bay
coast basin plateau strait peninsula creek canyon forest hills park county province region district village
town city border""".split())


# Words after a name that say what it names: an area, a settlement, a facility, an institution.
NAMING_WORDS = ADMIN_WORDS | SETTLEMENT_WORDS | FACILITY_WORDS | INSTITUTION_WORDS | DIRECTION_WORDS | GEOGRAPHIC_WORDS


def is_certainly_place(span: Span) -> bool:
    return any(t.lower_ in GEOGRAPHIC_WORDS for t in span) and len(span) > 1


def lookup_candidates(span: Span, gazetteer: Gazetteer) -> list[GazPlace]:
    """Candidates for the span text, else for it without a trailing 'province', 'region'...;
    a name the text calls an upazila, ward or constituency may match a unit spelt nearly so."""
    found = span_candidates(span, gazetteer)
    name = unit_name(span)
    return found if found or name is None else gazetteer.near_spellings(name)


# Words after a name that call it a national unit: 'Jaintiapur upazila', 'Kotulo ward'.
UNIT_WORDS = frozenset("upazila upazilla ward constituency sub-county subcounty union thana".split())


def unit_name(span: Span) -> str | None:
    """The name of a unit the text calls so, with the unit word after the span or inside it."""
    doc = span.doc
    if span.end < len(doc) and doc[span.end].lower_ in UNIT_WORDS:
        return span.text
    return span[:-1].text if len(span) > 1 and span[-1].lower_ in UNIT_WORDS else None


def is_name_token(token: Token) -> bool:
    return token.is_alpha and is_capitalised(token) and fold(token.text) not in NOT_PLACES \
        and fold(token.text) not in TITLES and token.text not in NOT_PLACES_CASED


def capitalised_run_before(doc: Doc, end: int, taken: set[int]) -> Span | None:
    """The run of capitalised words (particles allowed inside) that ends just before `end`."""
    start = end
    while start > 0 and end - start < 4:
        token = doc[start - 1]
        if token.i in taken or not (is_name_token(token) or (token.text in NAME_PARTICLES and token.text not in {".", "-", "'s"}
                                                             and start < end)):
            break
        start -= 1
        if token.is_sent_start:
            break
    while start < end and not is_name_token(doc[start]):
        start += 1
    return doc[start:end] if start < end else None


def place_word_spans(doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> list[Span]:
    """Names the model and the ruler passed over that the text itself marks as places:
    'Senbagh upazila', 'Kariobangi estate', 'LOCATION: Kapelbok in ...', 'near Taramchuk, Donetsk'."""
    found: list[Span] = []
    for by_word in (True, False):
        for token in doc[1:]:
            run = place_word_run(doc, token, gazetteer, taken, found, by_word)
            if run is not None and not any(i in taken for i in range(run.start, run.end)):
                found.append(run)
                taken |= set(range(run.start, run.end))
    return sorted(found, key=lambda span: span.start)


def place_word_run(doc: Doc, token: Token, gazetteer: Gazetteer, taken: set[int], found: list[Span],
                   by_word: bool) -> Span | None:
    word = token.lower_
    run = None
    if by_word:
        if word in ADMIN_WORDS or word in SETTLEMENT_WORDS or word == "sadar":
            run = capitalised_run_before(doc, token.i, taken)
            if run is not None and (run.text.isupper() or gazetteer.country_of_demonym(run.text)):
                run = None
    elif word in {"-", "\u2013"} and token.i - 1 in taken and doc[token.i - 1].whitespace_ and token.whitespace_:
        # 'Dhaka - Shahbagh': a place inside the one before the dash
        end = token.i + 1
        while end < len(doc) and end - token.i <= 3 and end not in taken and is_name_token(doc[end]):
            end += 1
        run = doc[token.i + 1:end] if end > token.i + 1 else None
    elif word in {",", "in"} and token.i + 1 < len(doc) and token.i + 1 in taken:
        # 'near Taramchuk, Donetsk', 'LOCATION: Kapelbok in Turkana District'
        run = capitalised_run_before(doc, token.i, taken)
        if run is not None:
            before = doc[run.start - 1] if run.start > 0 else None
            located = before is not None and (before.lower_ in LOCATIVE_PREPOSITIONS or before.text == ":"
                                              or (before.text == "," and any(f.end == before.i for f in found)))
            if not located or run.text.isupper() or gazetteer.country_of_demonym(run.text):
                run = None
    return run


LOCATIVE_PREPOSITIONS = frozenset("in at near outside around inside into toward towards between village town of".split())
# Those that put a thing at a place, not between places or on the way to one.
AT_PREPOSITIONS = LOCATIVE_PREPOSITIONS - {"between", "into", "toward", "towards"}


def containers_named_after(span: Span, mentions: list[Span]) -> list[Span]:
    """'X, Y', 'X in Y', 'X district of Y', 'X upazila (Y, Z)': the mention Y said to contain X.
    The towns a road joins hold no one another ('the Kitale-Eldoret highway')."""
    if is_road_end(span):
        return []
    doc = span.doc
    starts = {m.start for m in mentions}
    i, steps = span.end, 0
    spelling = {m.start: m for m in mentions if is_bracketed_spelling(span, m)}
    while i < len(doc) and steps < 4:
        skip = alternate_spelling_length(doc, i, starts)
        if i + 1 in spelling and i == span.end:
            i = spelling[i + 1].end + 1  # 'Mujibnagar (Mujib Nagar) upazila (Meherpur, Khulna)'
        elif skip:
            i += skip  # 'Bakshiganj upazila (Baksiganj) (Jamalpur, Mymensingh)'
        elif doc[i].lower_ in ADMIN_WORDS or doc[i].lower_ in SETTLEMENT_WORDS or doc[i].lower_ in CONTAINER_GAP_WORDS \
                or doc[i].lower_ in FACILITY_GAP_WORDS:
            i += 1
        else:
            break
        steps += 1
    # 'in Lamu Island near the Somalia border': a border names the country beyond, not a container
    return [m for m in mentions if m.start == i and m.start > span.end
            and not (m.end < len(doc) and doc[m.end].lower_ in {"border", "frontier", "borders"})]


def alternate_spelling_length(doc: Doc, i: int, mention_starts: set[int]) -> int:
    """'(Baksiganj)' after 'Bakshiganj', '(Kala Para)' after 'Kalapara': one or two capitalised
    words in brackets that name no known place. The tokens to skip, or 0."""
    if i >= len(doc) or doc[i].text != "(" or i + 1 in mention_starts:
        return 0
    for words in (1, 2):
        close = i + words + 1
        if close < len(doc) and doc[close].text == ")" and all(
                doc[j].is_alpha and is_capitalised(doc[j]) for j in range(i + 1, close)):
            return words + 2
    return 0


def containers_named_before(span: Span, mentions: list[Span]) -> list[Span]:
    """'Dhaka - Shahbagh', "Nairobi's Kariobangi": the mention just before, joined by a dash or 's."""
    doc = span.doc
    i = span.start - 1
    if i < 1 or doc[i].text not in {"-", "\u2013", ":", "'s", "\u2019s"} or is_road_end(span):
        return []
    return [m for m in mentions if m.end == i]


def adjective_place(span: Span, gazetteer: Gazetteer) -> GazPlace | None:
    """The place an adjective names: 'American' -> United States, 'European' -> Europe."""
    text = span.text
    if text in PLACE_ADJECTIVES:
        candidates = gazetteer.candidates(PLACE_ADJECTIVES[text])
        return candidates[0] if candidates and candidates[0].feature in ("country", "region", "admin1") else None
    last = span[-1]
    if last.tag_ in ("NNS", "NNPS") or (text.endswith("s") and gazetteer.country_of_demonym(text[:-1])):
        return None  # 'Americans', 'Nigerians': people, not the country
    iso3 = gazetteer.country_of_demonym(text)
    if iso3 is None:
        return None
    if fold(text) in LANGUAGE_WORDS:
        nxt = span.doc[last.i + 1] if last.i + 1 < len(span.doc) else None
        if nxt is None or nxt.pos_ not in ("NOUN", "PROPN", "ADJ"):
            return None  # 'in English', 'speaks French': the language
    return gazetteer.country(iso3)


def adjective_mentions(doc: Doc, gazetteer: Gazetteer, taken: set[int]) -> list[PlaceMention]:
    """Country and region adjectives, role 'adjective': no event location, but toponyms all the same."""
    found = []
    i = 0
    while i < len(doc):
        if not is_capitalised(doc[i]) or i in taken or not doc[i].is_alpha:
            i += 1
            continue
        for size in (2, 1):
            span = doc[i:i + size]
            if len(span) < size or any(t.i in taken or not t.is_alpha for t in span):
                continue
            place = adjective_place(span, gazetteer)
            if place is not None:
                found.append(PlaceMention(span.text, span.start_char, span.end_char, span.start, span.end, place,
                                          ROLE_ADJECTIVE))
                i += size
                break
        else:
            i += 1
    return found


def extended_span(span: Span) -> tuple[Span, str | None]:
    """'Colorado State University', 'Bank of Japan', 'Dubai World Cup', 'Washington, D.C.': the
    facility or institution named after the place, with 'facility' or 'institution'."""
    doc = span.doc
    end = span.end
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].text in {"D.C.", "DC", "D.C"}:
        return doc[span.start:end + 2], None
    best_end, kind = None, None
    if end < len(doc) and doc[end].lower_ in FACILITY_WORDS and doc[end].is_lower:
        best_end, kind = end + 1, "facility"  # 'Jahangirnagar university'
    j = end
    while j < len(doc) and j - end < 4 and (is_capitalised(doc[j]) and doc[j].is_alpha):
        word = doc[j].lower_
        if word in FACILITY_WORDS or word in INSTITUTION_WORDS:
            # a press club is where journalists gather and protest: a building, not a voice
            building = word in FACILITY_WORDS or (word == "club" and doc[j - 1].lower_ == "press")
            best_end, kind = j + 1, "facility" if building else "institution"
        j += 1
    start = span.start
    if span.start >= 2 and doc[span.start - 1].lower_ == "of" and is_capitalised(doc[span.start - 2]):
        word = doc[span.start - 2].lower_
        if word in FACILITY_WORDS or word in INSTITUTION_WORDS:
            start = span.start - 2
            while start > 0 and doc[start - 1].is_upper and doc[start - 1].is_alpha and len(doc[start - 1]) <= 4:
                start -= 1  # 'SM Mall of Asia'
            kind = kind or ("facility" if word in FACILITY_WORDS else "institution")
    if best_end is None and start == span.start:
        return span, None
    return doc[start:best_end or end], kind


# ---------------------------------------------------------------- roles

def role_of(span: Span, place: GazPlace | None, capital: bool = False) -> str:
    root = span.root
    if is_reference(root) or is_road_end(span) or is_street_name(span):
        return ROLE_REFERENCE
    if names_a_people(span):
        return ROLE_METONYM
    if is_origin(root):
        return ROLE_ORIGIN
    if is_metonym(root, place, capital):
        return ROLE_METONYM
    return ROLE_PLACE


ROAD_WORDS = frozenset("road highway rd route railway expressway".split())
STREET_WORDS = frozenset("road rd street st avenue highway".split())


def is_street_name(span: Span) -> bool:
    """'on Lagos Road, in Nairobi's business district', 'outside the office on Murree Road in
    Rawalpindi': a street named after a town lies elsewhere, often far from it."""
    doc = span.doc
    following = doc[span.end] if span.end < len(doc) else None
    # capitalised: 'a busy Nairobi street' and 'the Homa Bay road' are in or at the town
    return following is not None and following.lower_ in STREET_WORDS and following.text[:1].isupper() \
        and not is_road_end(span)


def is_road_end(span: Span) -> bool:
    """'the Nairobi-Nakuru highway', 'Mau Narok-Nairobi road': the towns a road joins are
    not where a blockade on it happened."""
    doc = span.doc
    joined = (span.start > 0 and doc[span.start - 1].text == "-") or (
        span.end < len(doc) and doc[span.end].text == "-")
    if not joined:
        return False
    for token in doc[span.end:span.end + 5]:
        if token.lower_ in ROAD_WORDS:
            return True
        if not (token.text == "-" or is_capitalised(token)):
            return False
    return False


def names_a_people(span: Span) -> bool:
    """'6 Kikuyu were killed', 'Kikuyu civilians', 'clashes between Kikuyu and Maasai': a
    people named in the country hints (and a town too) stands for the people unless a
    preposition makes it a place ('in Kikuyu')."""
    if span.text not in country_hints():
        return False
    prep = preposition_head(span.root)
    return prep is None or prep.lower_ not in AT_PREPOSITIONS | {"from", "to"}


def preposition_head(root: Token) -> Token | None:
    """The preposition a place hangs from, seen through 'the capital' style appositions."""
    token = root
    while token.dep_ in ("appos", "compound") and token.head is not token:
        token = token.head
    if token.dep_ == "pobj":
        return token.head
    if token.head.dep_ == "pobj" and token.head.lower_ in ("capital", "city", "town", "village", "province", "region"):
        return token.head.head
    return None


def is_reference(root: Token) -> bool:
    """'200 km west of Baku', 'north of the capital Baku', '30 miles from X'."""
    prep = preposition_head(root)
    if prep is None or prep.lower_ not in ("of", "from"):
        return False
    anchor = prep.head
    if anchor.lower_ in DIRECTION_WORDS:
        return True
    window = anchor.doc[max(anchor.i - 3, 0): anchor.i + 1]
    return any(t.lower_ in DISTANCE_UNITS for t in window)


def is_direction_without_distance(span: Span, within: Span) -> bool:
    """'west of Rafah', 'north of the town of Sinjar': a reference with a direction but no
    distance (unlike '200 km west of the capital'), read in the six words before the name."""
    doc = span.doc
    before = doc[max(within.start, span.start - 6):span.start]
    direction = any(t.lower_ in DIRECTION_WORDS and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "of" for t in before)
    return direction and not any(t.like_num or t.lower_ in DISTANCE_UNITS for t in before)


def is_origin(root: Token) -> bool:
    """'separatists from Nagorno-Karabakh': a place that tells where people come from."""
    prep = preposition_head(root)
    return prep is not None and prep.lower_ == "from" and prep.head.lower_ in PEOPLE_NOUNS


# A capital or a city this big may speak for a government ('Moscow warned'); a smaller town
# named as a subject is where its people act ('Carora, Lara state, drivers protested').
METONYM_CITY_POPULATION = 1_000_000


def is_metonym(root: Token, place: GazPlace | None, capital: bool = False) -> bool:
    """'Baku says', 'Moscow warned': a country or capital as the subject of a speech or policy verb."""
    if root.dep_ not in ("nsubj", "nsubjpass") and not (root.dep_ == "poss" and root.head.dep_ == "nsubj"):
        return False
    if place is not None and place.feature in ("city", "admin2") and not capital \
            and place.population < METONYM_CITY_POPULATION:
        return False
    verb = root.head if root.dep_ != "poss" else root.head.head
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in SPEECH_VERBS


# ---------------------------------------------------------------- resolution

@dataclass
class Context:
    """What the article says about where it is."""
    countries: Counter[str]  # ISO3 -> how often named outright or by demonym
    admin1s: set[str]  # folded names of first-level areas named
    neighbours: Counter[str]  # ISO3 of the other mentions' first-pass choices
    admin1_pairs: frozenset[tuple[str, str]] = frozenset()  # (ISO3, admin-1 name) of areas named
    strong_countries: Counter[str] | None = None  # ISO3 of the well-known places named
    theatres: tuple[GazPlace, ...] = ()  # conflict regions the text is tied to (data/theatre_hints.tsv)
    bordering: frozenset[str] = frozenset()  # ISO3 of countries bordering those of `countries`


def base_score(place: GazPlace, name: str, gazetteer: Gazetteer) -> float:
    """Prior plausibility: countries, regions and big or capital cities before villages."""
    population = math.log10(place.population + 1)
    score = {
        "country": 22.0,
        "region": 18.0,
        "admin1": 8.0 + 0.5 * population,
        "admin2": 4.0 + 0.5 * population,
        "city": 1.5 + 2.0 * population,  # each tenfold population is worth about two context hints
    }[place.feature]
    if gazetteer.is_capital(place):
        score += 4.0
    if gazetteer.is_primary_name(name, place):
        score += 1.0 if place.feature == "city" else 2.5
    return score


def context_score(place: GazPlace, context: Context) -> float:
    score = 0.0
    if place.iso3 and place.iso3 in context.countries and place.feature != "country":
        score += 3.0
    elif place.iso3 and context.strong_countries and context.strong_countries.get(place.iso3) \
            and place.feature != "country":
        score += 2.0
    elif place.iso3 in context.bordering and place.feature != "country":
        score += BORDERING_BONUS  # 'Somali traders in Eastleigh': Nairobi's, not England's
    if place.iso3 and context.neighbours.get(place.iso3):
        score += 2.0 * context.neighbours[place.iso3] / max(sum(context.neighbours.values()), 1)
    if place.feature != "admin1" and (
            (place.admin1 and fold(place.admin1) in context.admin1s) or (place.iso3, place.admin1) in context.admin1_pairs):
        score += 2.5
    if place.feature in ("city", "admin2") and any(rough_km(place, t) <= THEATRE_RADIUS_KM for t in context.theatres):
        score += 4.0  # outweighs a namesake ten times bigger elsewhere in the country
    return score


# A namesake in a country bordering one the text names outweighs a namesake twice its size
# elsewhere (each tenfold population is worth 2 points in base_score).
BORDERING_BONUS = 2.5


# How far from a conflict theatre's centre a village may lie to be the one a theatre hint means.
THEATRE_RADIUS_KM = 150


def is_inside(place: GazPlace, container: GazPlace) -> bool:
    if container.feature == "country" or (container.feature == "region" and container.iso3):
        return place.iso3 == container.iso3 and place is not container
    if container.feature == "admin1":
        return place.iso3 == container.iso3 and place.admin1 == container.admin1 and place.feature != "admin1"
    if container.feature == "admin2":
        return place.iso3 == container.iso3 and place.admin1 == container.admin1 and place.feature == "city" \
            and rough_km(place, container) < 150
    return False


# How far a town (or a district's centre) may lie from the centre of the district-level area or
# the town said to contain it; and a neighbourhood from the centre of the city named with the
# word 'city' ('Mouchak market area, Dhaka city').
ADMIN2_RADIUS_KM = 60
CITY_RADIUS_KM = 25


def lies_in(place: GazPlace, container: GazPlace) -> bool:
    """Whether `place` can be inside the area the text says holds it."""
    if place.iso3 != container.iso3:
        return False
    if container.feature == "admin2" and place.feature == "city":
        return rough_km(place, container) <= reach_km(place, container)
    if container.feature == "admin1" and place.feature in ("city", "admin2"):
        return not place.admin1 or not container.admin1 or place.admin1 == container.admin1
    return True


def lies_in_named_area(place: GazPlace, chosen: GazPlace, container_options: list[GazPlace],
                       city: bool = False) -> bool:
    """'near Pisky, Donetsk': when the container's name is also a province of the same country
    (Donetsk city and Donetsk oblast), the place must lie in that province; a namesake village
    500 km away in Poltava oblast is not the one meant. Likewise a district ('Kaliganj upazila
    (Lalmonirhat, Rangpur)': not the Kaliganj 280 km away) or a town ('Hemayetpur town (Savar,
    Dhaka)') said to hold the place must lie near it. With `city` ('X area, Dhaka city'), only
    the city reading holds it, and closer."""
    areas = [p for p in container_options if p.iso3 == chosen.iso3
             and (p.feature in ("admin2", "city") or (p.feature == "admin1" and p.admin1))]
    if not areas or place.feature in ("admin1", "region", "country"):
        return True
    towns = [p for p in areas if p.feature == "city"]
    if city and towns:
        return any(rough_km(place, town) <= CITY_RADIUS_KM for town in towns)
    return any(lies_in(place, area) if area.feature == "admin1" else rough_km(place, area) <= reach_km(place, area)
               or in_province_named_after(place, area) for area in areas)


def in_province_named_after(place: GazPlace, town: GazPlace) -> bool:
    """'in Reni, Odessa': a city that gives its name to its province ('Odesa', 'Odeska oblast')
    may stand for the province, which holds Reni 200 km from the city."""
    if town.feature != "city" or not town.admin1 or place.admin1 != town.admin1 or place.iso3 != town.iso3:
        return False
    province = " ".join(w for w in fold(town.admin1).split() if w not in ADMIN_WORDS)
    return SequenceMatcher(None, fold(town.name), province).ratio() >= 0.8


# How far the centre of a district-level area may lie from the centre of the district said to
# hold it, in the same province ('Patgram upazila (Lalmonirhat, Rangpur)': 61 km in a long,
# narrow district).
SUBDISTRICT_RADIUS_KM = 75


# How far a village may lie from the centre of the upazila or constituency said to hold it
# (the national units: an upazila is 20-60 km across, a northern Kenyan constituency 100 km).
UNIT_RADIUS_KM = 50


def reach_km(place: GazPlace, area: GazPlace) -> float:
    """How far from the centre of `area` the centre of `place` may lie for `area` to hold it."""
    if place.feature == "admin2" and area.feature == "admin2" and place.admin1 and place.admin1 == area.admin1:
        return SUBDISTRICT_RADIUS_KM
    if place.feature == "city" and area.feature == "admin2" and area.geonameid is None:
        return UNIT_RADIUS_KM  # a national unit (geonameid None: built from the national packages)
    return ADMIN2_RADIUS_KM


def is_bracketed_spelling(first: Span, second: Span) -> bool:
    """'Mujibnagar (Mujib Nagar) upazila', 'Dhaka - Rampura (Rampura)': a name in brackets right
    after a name spelt (nearly) the same is that place again, whatever else the index calls so."""
    doc = first.doc
    if not (second.start == first.end + 1 and doc[first.end].text == "(" and second.end < len(doc)
            and doc[second.end].text == ")"):
        return False
    a, b = (squeeze(span.text) for span in (first, second))
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.8


def is_near_area(place: GazPlace, area: GazPlace) -> bool:
    """`place` can lie in `area`: within a district's or town's radius, or in the province."""
    if area.feature in ("city", "admin2"):
        return place.iso3 == area.iso3 and rough_km(place, area) <= ADMIN2_RADIUS_KM
    return lies_in(place, area)


def is_sadar_of(container: Span, span: Span, own: GazPlace, place: GazPlace) -> bool:
    """'Jhenaidah city (Jhenaidah Sadar, Khulna)': where the index knows the town only as its
    district, the town's own upazila ('X Sadar') is nearer than the district's centre."""
    return own.feature == "admin2" and place.feature == "admin2" and place is not own \
        and fold(container.text) == fold(span.text) + " sadar"


def readings_of(chosen: GazPlace, options: list[GazPlace]) -> list[GazPlace]:
    """The container as resolved, then its namesakes of the same kind: in 'Tarn Taran city
    (Punjab)' the Indian Punjab holds the town though the bigger Pakistani one was chosen."""
    return [chosen] + [p for p in options if p is not chosen and p.feature == chosen.feature]


def holds_city_named_so(span: Span, own: GazPlace, container: GazPlace) -> bool:
    """'Sehwan city (Jamshoro, Sindh)': a town the text calls a city is that town, anywhere in
    the container's province (district outlines are wider than the index's centre points)."""
    return names_a_city(span) and own.feature == "city" and container.feature in ("admin2", "city") \
        and own.iso3 == container.iso3 and bool(own.admin1) and own.admin1 == container.admin1


def names_a_city(span: Span) -> bool:
    """'Dhaka city', 'Barisal city': the town, not the district or division of that name."""
    return span.end < len(span.doc) and span.doc[span.end].lower_ == "city"


def is_named_container(container: Span, after: list[Span], place: GazPlace, own: GazPlace) -> bool:
    """Whether the text says `container` (resolved to `place`) holds the place resolved to `own`:
    'X (Y, Z)', 'X, Y', 'X in Y'. A town holds districts and smaller towns only: in 'Rajshahi city
    (Boalia)' the thana named after the city is no container of it."""
    if container not in after:
        return False
    if place.feature != "city" or place.iso3 != own.iso3:
        return True
    return own.feature == "admin2" or (own.feature == "city" and own.population < place.population)


def rough_km(a: GazPlace, b: GazPlace) -> float:
    dlat = a.latitude - b.latitude
    dlon = (a.longitude - b.longitude) * math.cos(math.radians((a.latitude + b.latitude) / 2))
    return 111.2 * math.hypot(dlat, dlon)


def pattern_score(place: GazPlace, containers: list[list[GazPlace]]) -> float:
    return 10.0 if any(is_inside(place, c) for options in containers for c in options) else 0.0


def follows_admin_word(span: Span) -> bool:
    return span.end < len(span.doc) and span.doc[span.end].lower_ in ADMIN_WORDS


def follows_settlement_word(span: Span) -> bool:
    return span.end < len(span.doc) and span.doc[span.end].lower_ in SETTLEMENT_WORDS


def without_foreign_aliases(name: str, candidates: list[GazPlace], context: Context,
                            gazetteer: Gazetteer) -> list[GazPlace]:
    """'Namanga' in a text about Kenya is the Kenyan border town of that name, not Namangan in
    Uzbekistan, which GeoNames also lists under that spelling: where a place bearing the very
    name lies in a country the text is about, minor places abroad reached through an alternate
    name drop. (The European Union, reached through 'EU', stays beside the French town Eu.)"""
    def in_context(place: GazPlace) -> bool:
        return bool(place.iso3) and (place.iso3 in context.countries
                                     or bool((context.strong_countries or {}).get(place.iso3)))
    home = {p.iso3 for p in candidates if gazetteer.is_primary_name(name, p) and in_context(p)}
    if not home:
        return candidates
    # (a big city reached by the alias vouches for its own country: only the named ones count here)
    return [p for p in candidates if gazetteer.is_primary_name(name, p) or p.iso3 in home
            or p.iso3 in context.countries or is_major(p)]


def choose(span: Span, candidates: list[GazPlace], context: Context, containers: list[list[GazPlace]],
           gazetteer: Gazetteer) -> GazPlace | None:
    if not candidates:
        return None
    admin_hint = follows_admin_word(span) or (len(span) > 1 and span[-1].lower_ in ADMIN_WORDS)
    town_hint = follows_settlement_word(span)
    candidates = without_foreign_aliases(span.text, candidates, context, gazetteer)

    def total(place: GazPlace) -> float:
        score = base_score(place, span.text, gazetteer) + context_score(place, context) + pattern_score(place, containers)
        if admin_hint and place.feature in ("admin1", "admin2", "region"):
            score += 6.0
        if town_hint and place.feature == "city":
            score += 3.0
        return score

    return max(candidates, key=total)


def build_context(doc: Doc, spans: list[Span], candidates: list[list[GazPlace]], gazetteer: Gazetteer) -> Context:
    countries: Counter[str] = demonym_countries(doc, gazetteer)
    admin1s: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    strong: Counter[str] = Counter()
    for options in candidates:
        if options and options[0].feature in ("country", "region") and options[0].iso3:
            countries[options[0].iso3] += 1
        admin1s |= {fold(p.name) for p in options[:1] if p.feature == "admin1"}
        pairs |= {(p.iso3, p.admin1) for p in options if p.feature == "admin1" and p.iso3 and p.admin1}
        big = {p.iso3 for p in options if p.iso3 and (is_major(p) or p.population >= 200_000)}
        if len(big) == 1:
            strong[big.pop()] += 1
    if not countries:
        for iso in doc_hinted_countries(doc):
            strong[iso] += 1  # 'Houthi forces shelled ...': a hint frames the text when no country is named
    bordering = frozenset(n for iso3 in countries for n in gazetteer.neighbours_of(iso3)) - set(countries)
    return Context(countries, admin1s, Counter(), frozenset(pairs), strong, doc_theatres(doc, gazetteer), bordering)


@lru_cache(maxsize=1)
def country_hints() -> dict[str, str]:
    """data/country_hints.tsv: names (parties, leaders, peoples) tied to one country -> ISO3."""
    text = resources.files("strife").joinpath("data/country_hints.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    return {hint: iso for hint, iso in rows}


@lru_cache(maxsize=1)
def _hint_patterns() -> list[tuple[re.Pattern, str]]:
    # "Kibakis election" (an apostrophe lost in transmission) is still Kibaki's
    return [(re.compile(rf"(?<![\w-]){re.escape(hint)}(?:'?s)?(?![\w-])", 0 if hint[:1].isupper() else re.IGNORECASE), iso)
            for hint, iso in country_hints().items()]


def hinted_countries(text: str) -> list[str]:
    """ISO3 codes of the country hints found in a text, once per hint."""
    return [iso for pattern, iso in _hint_patterns() if pattern.search(text)]


@lru_cache(maxsize=1)
def _theatre_patterns() -> list[tuple[re.Pattern, str]]:
    text = resources.files("strife").joinpath("data/theatre_hints.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")][1:]
    return [(re.compile(rf"(?<![\w-]){re.escape(hint)}(?![\w-])", 0 if hint[:1].isupper() else re.IGNORECASE), region)
            for hint, region in rows]


def doc_theatres(doc: Doc, gazetteer: Gazetteer) -> tuple[GazPlace, ...]:
    """The conflict regions the text's theatre hints point to ('OSCE SMM' -> Donbas)."""
    found = []
    for pattern, region in _theatre_patterns():
        if pattern.search(doc.text):
            found += [p for p in gazetteer.candidates(region)[:1] if p.feature == "region" and p not in found]
    return tuple(found)


def doc_hinted_countries(doc: Doc) -> list[str]:
    """hinted_countries of a parsed text, scanned once (places and assembly both ask)."""
    m = memo(doc)
    if m.hinted_countries is None:
        m.hinted_countries = hinted_countries(doc.text)
    return m.hinted_countries


def is_hint_elsewhere(span: Span, place: GazPlace) -> bool:
    """'Kibaki' is a Kenyan president (a country hint), not the Ukrainian village Kybaky: a
    hint tied to one country is no small place in another."""
    iso = country_hints().get(span.text)
    return iso is not None and place.iso3 != iso and not is_well_known([place])


def is_doubtful_alias(span: Span, place: GazPlace, context: Context, others: Counter[str],
                      gazetteer: Gazetteer) -> bool:
    """A small town abroad reached only through one of its alternate names, in a text whose
    other places all lie in another country: 'Bugar' in a list of Kenyan places is not
    Luntai in China.
    Alternate names of small places are where GeoNames' transliterations collide with words
    and names of other languages."""
    if place.feature != "city" or is_well_known([place]) or gazetteer.is_capital(place):
        return False
    bare = span[:-1].text if len(span) > 1 and span[-1].lower_ in ADMIN_WORDS | {"city"} else span.text
    if gazetteer.is_primary_name(span.text, place) or gazetteer.is_primary_name(bare, place) or not place.iso3:
        return False  # 'Dadaab District' names Dadaab by its own name
    supported = place.iso3 in context.countries or (context.strong_countries or {}).get(place.iso3) \
        or others.get(place.iso3)
    return not supported and bool(others)  # the other places named are all in another country


def names_building_abroad(span: Span, place: GazPlace, others: Counter[str]) -> bool:
    """'the Delta Hotel in Nairobi': a building named after a place in a country none of the
    text's other places is in stands where the text puts it, not there."""
    return bool(others) and place.iso3 not in others and extended_span(span)[1] == "facility"


def other_countries(places: list[GazPlace | None], index: int, names: list[str] | None = None) -> Counter[str]:
    """ISO3 codes of the places chosen for the other mentions (with `names`, of other names: a
    name said twice does not vouch for its own reading)."""
    return Counter(p.iso3 for j, p in enumerate(places) if j != index and p is not None and p.iso3
                   and (names is None or names[j] != names[index]))


def fits_frame(candidates: list[GazPlace], context: Context) -> bool:
    return is_well_known(candidates) or any(
        p.iso3 and (p.iso3 in context.countries or (context.strong_countries or {}).get(p.iso3)
                    or (p.iso3, p.admin1) in context.admin1_pairs) for p in candidates)


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every toponym in the document, in document order, resolved with the article's context.

    Besides the model's and the ruler's GPE/LOC entities: names the text marks as places with a
    place word ('Senbagh upazila'), resolved to the area said to contain them when the index
    lacks them; facilities and institutions named after a place ('Colorado State University');
    and country or region adjectives ('American'), with role 'adjective'.
    """
    entity_spans = mention_spans(doc, gazetteer)
    taken = {i for span in entity_spans for i in range(span.start, span.end)}
    extra = place_word_spans(doc, gazetteer, set(taken))
    extra_starts = {span.start for span in extra}
    spans = sorted(entity_spans + extra, key=lambda span: span.start)
    options = [lookup_candidates(span, gazetteer) for span in spans]
    context = build_context(doc, [s for s in spans if s.start not in extra_starts],
                            [o for s, o in zip(spans, options) if s.start not in extra_starts], gazetteer)
    for index, span in enumerate(spans):
        if span.start in extra_starts and options[index] and not fits_frame(options[index], context) and not (
                not context.countries and is_located_in_one_country(span, options[index])):
            options[index] = []  # an obscure namesake abroad: better the containing area
    containers = [[options[spans.index(c)] for c in containers_named_after(span, spans)] for span in spans]
    first = [choose(s, o, context, c, gazetteer) for s, o, c in zip(spans, options, containers)]
    chosen: list[GazPlace | None] = []
    for index, (span, opts, cont) in enumerate(zip(spans, options, containers)):
        context.neighbours = other_countries(first, index, [s.text for s in spans])
        chosen.append(choose(span, opts, context, cont, gazetteer))
    for index, (span, place) in enumerate(zip(spans, chosen)):
        if place is not None and ((span.start not in extra_starts and is_doubtful_alias(
                span, place, context, other_countries(chosen, index), gazetteer)) or is_hint_elsewhere(span, place)
                or names_building_abroad(span, place, other_countries(chosen, index))):
            chosen[index] = None
            extra_starts.add(span.start)  # unknown here: it may take the area the text puts it in
    approximate = [False] * len(spans)
    # Unknown names inherit the area the text puts them in, right to left so chains resolve
    # ('Char Ashtadhar village, Nakla upazila (Sherpur, Mymensingh)').
    for index in range(len(spans) - 1, -1, -1):
        span = spans[index]
        own = chosen[index]
        if own is None and not (span.start in extra_starts or is_certainly_place(span) or has_place_word_after(span)):
            continue
        after = containers_named_after(span, spans)
        before = containers_named_before(span, spans)
        for container in after + before:
            place = chosen[spans.index(container)]
            if place is None or place.feature not in ("admin1", "admin2", "city", "region", "country"):
                continue
            if own is not None and not is_named_container(container, after + before, place, own):
                continue
            if own is not None and approximate[spans.index(container)]:
                break
            if own is not None and is_sadar_of(container, span, own, place):
                chosen[index] = place  # the town's own upazila: as good as the town for what it holds
                break
            if own is None and place.feature != "country":
                chosen[index], approximate[index] = place, True
                extra_starts.add(span.start)  # kept although the index lacks its name
            elif own is not None and place.iso3 and own.feature != "country" and not (
                    holds_city_named_so(span, own, place) or any(
                        lies_in(own, area) and lies_in_named_area(own, area, options[spans.index(container)],
                                                                  city=names_a_city(container))
                        for area in readings_of(place, options[spans.index(container)]))):
                # 'Jagannathpur upazila (Sunamganj, Sylhet)': a namesake abroad, or a village of
                # the same name elsewhere in the country, is not the place the text puts inside
                # Sunamganj; the container is the better answer.
                if place.feature != "country":
                    chosen[index], approximate[index] = place, True
                else:
                    chosen[index] = None
            break
    for index in range(1, len(spans)):
        if is_bracketed_spelling(spans[index - 1], spans[index]):
            known = index - 1 if chosen[index - 1] is not None else index
            second = chosen[index]
            if approximate[index - 1] and second is not None and not approximate[index] \
                    and is_near_area(second, chosen[index - 1]):
                known = index  # 'Phulbari (Fulbari) upazila (Dinajpur, Rangpur)': the second spelling fits
            for same in (index - 1, index):
                chosen[same], approximate[same] = chosen[known], approximate[known]
    for index, span in enumerate(spans):
        town = town_of_neighbourhood(span, chosen[index], spans, chosen)
        if town is not None:
            chosen[index], approximate[index] = town, True
    mentions = []
    for span, place, approx in zip(spans, chosen, approximate):
        if place is None and (span.start in extra_starts or not is_certainly_place(span)):
            # A name the gazetteer does not know is kept only when its own words say it is a
            # place: most unknown GPE guesses of the small model are people or organisations.
            continue
        role = role_of(span, place, place is not None and gazetteer.is_capital(place))
        wide, kind = extended_span(span) if place is not None else (span, None)
        if kind == "institution":
            role = ROLE_METONYM
        mentions.append(PlaceMention(wide.text, wide.start_char, wide.end_char, wide.start, wide.end, place, role,
                                     approx, kind == "facility"))
    kept: list[PlaceMention] = []
    for mention in mentions:  # an extended name ('Washington, D.C.') swallows what it covers
        if kept and mention.token_start < kept[-1].token_end:
            if mention.token_end - mention.token_start > kept[-1].token_end - kept[-1].token_start:
                kept[-1] = mention
            continue
        kept.append(mention)
    taken = {i for m in kept for i in range(m.token_start, m.token_end)}
    kept += adjective_mentions(doc, gazetteer, taken)
    return sorted(kept, key=lambda m: m.start)


# Words after a name that make it a part of a town: 'Rangel neighborhood', 'Korogocho slum'.
NEIGHBOURHOOD_WORDS = frozenset("neighborhood neighbourhood suburb slum slums estate favela".split())
# How far from the town the sentence names a neighbourhood of it may lie.
NEIGHBOURHOOD_RADIUS_KM = 40


# Words before a name that make it a neighbourhood: 'Colonia Los Olivos', 'Barrio Obrero'.
NEIGHBOURHOOD_PREFIXES = frozenset("colonia barrio bairro fraccionamiento".split())


def names_a_neighbourhood(span: Span) -> bool:
    doc = span.doc
    return (span.end < len(doc) and doc[span.end].lower_ in NEIGHBOURHOOD_WORDS) or (
        span.start > 0 and doc[span.start - 1].lower_ in NEIGHBOURHOOD_PREFIXES)


def town_of_neighbourhood(span: Span, own: GazPlace | None, spans: list[Span],
                          chosen: list[GazPlace | None]) -> GazPlace | None:
    """'in Joao Pessoa, Paraiba, a man was shot in Rangel neighborhood': a neighbourhood lies in
    the town its sentence names; a namesake town far from it is not the one meant, and the
    town is the better answer (None: keep `own`)."""
    if own is None or own.feature != "city" or not names_a_neighbourhood(span):
        return None
    named = [(other, place) for other, place in zip(spans, chosen) if other is not span and place is not None
             and place.feature == "city" and other.sent.start == span.sent.start]
    if not named or any(rough_km(own, town) <= NEIGHBOURHOOD_RADIUS_KM for _, town in named):
        return None
    # the town named after it ('X neighbourhood in Afrin city'), else the first named before it
    after = [place for other, place in named if other.start > span.start]
    return after[0] if after else named[0][1]


def load_pipeline(model: str, gazetteer: Gazetteer) -> Language:
    """The spaCy model with the gazetteer ruler in place."""
    nlp = spacy.load(model)
    add_gazetteer_ruler(nlp, gazetteer)
    return nlp
