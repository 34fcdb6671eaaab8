"""Toponyms in a parsed article: find them, resolve each to a gazetteer entry, say what role it plays.

Recognition does not trust the small NER model alone: a pipeline component placed before "ner"
presets GPE/LOC entities for gazetteer names (so "Stepanakert" is no longer a PERSON), guarded
against common words, person names and obscure namesakes. Resolution scores every candidate
on feature class, population and the article's context (countries, demonyms and regions it
names, "X, Country" and "X in Y" patterns, the countries of the other places).
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from strife.gazetteer import GazPlace, Gazetteer, fold

ROLE_PLACE = "place"
ROLE_METONYM = "metonym"
ROLE_ORIGIN = "origin"
ROLE_REFERENCE = "reference"

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
""".split()) | {"white house", "notre dame", "wall street", "downing street", "capitol hill", "pentagon", "kremlin"}

TITLES = frozenset(fold(w) for w in """
mr mrs ms miss dr sir lady lord president minister premier general gen col colonel capt captain lt sgt
governor gov mayor senator sen rep representative judge justice king queen prince princess pope bishop
sheikh commander chief secretary spokesman spokeswoman spokesperson ambassador coach professor prof
""".split())

# Words after a name that mark it as an administrative area rather than the town of that name.
ADMIN_WORDS = frozenset("province region state oblast governorate district county prefecture department "
                        "division territory municipality".split())
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
    role: str  # 'place' | 'metonym' | 'origin' | 'reference'


# ---------------------------------------------------------------- recognition (the ruler)

_GAZETTEERS: dict[str, Gazetteer] = {}


def shared_gazetteer(path: str) -> Gazetteer:
    """One open gazetteer per index file, shared by every pipeline that names it."""
    if path not in _GAZETTEERS:
        _GAZETTEERS[path] = Gazetteer.load(Path(path))
    return _GAZETTEERS[path]


@Language.factory(RULER_NAME, default_config={"gazetteer_path": ""})
def make_gazetteer_ruler(nlp: Language, name: str, gazetteer_path: str) -> "GazetteerRuler":
    return GazetteerRuler(shared_gazetteer(gazetteer_path))


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
    return is_capitalised(token) or token.text in {"-", "of", "de", "del", "al", "el", "la", "and", "upon", "on", "'s", "."} \
        or token.text.startswith("al-")


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
    return None


def demonym_countries(doc: Doc, gazetteer: Gazetteer) -> Counter[str]:
    """ISO3 codes of nationality words in the text ('Azerbaijani forces' -> AZE)."""
    found: Counter[str] = Counter()
    for token in doc:
        if is_capitalised(token) and token.pos_ in ("ADJ", "PROPN", "NOUN"):
            iso3 = gazetteer.country_of_demonym(token.text)
            if iso3:
                found[iso3] += 1
    return found


def named_countries(spans: list[Span], gazetteer: Gazetteer) -> Counter[str]:
    """ISO3 codes of countries and regions named outright: the article's geographic frame."""
    found: Counter[str] = Counter()
    for span in spans:
        candidates = gazetteer.candidates(span.text)
        if candidates and candidates[0].feature in ("country", "region") and candidates[0].iso3:
            found[candidates[0].iso3] += 1
    return found


def is_common_word(span: Span) -> bool:
    """A one-word match that is a month, a title, a stop word, or appears lowercase in the same text."""
    if fold(span.text) in NOT_PLACES:
        return True
    if len(span) > 1:
        return False
    token = span[0]
    if token.is_stop or token.like_num:
        return True
    if token.pos_ not in ("PROPN", "NOUN") and not token.is_upper:
        return True
    return token.lower_ in lowercase_words(span.doc)


def lowercase_words(doc: Doc) -> frozenset[str]:
    cached = doc.user_data.get("strife_lowercase_words")
    if cached is None:
        cached = frozenset(t.text for t in doc if t.is_lower and t.is_alpha)
        doc.user_data["strife_lowercase_words"] = cached
    return cached


def looks_like_person(span: Span) -> bool:
    """'President Jordan', 'Gen. Kelly': a name right after a title."""
    before = span.doc[span.start - 1] if span.start > 0 else None
    return before is not None and fold(before.text.rstrip(".")) in TITLES


def is_part_of_longer_name(span: Span, place_tokens: set[int], major: bool) -> bool:
    """'Paris Hilton', 'Air France', 'Michael Jordan': glued to other capitalised words.

    A major place followed by a capitalised word stays a place ('Pakistan Army', 'U.S. President').
    """
    doc = span.doc
    before = doc[span.start - 1] if span.start > 0 else None
    after = doc[span.end] if span.end < len(doc) and not major else None
    for neighbour in (before, after):
        if neighbour is None or not neighbour.is_alpha or not is_capitalised(neighbour) or neighbour.i in place_tokens:
            continue
        if neighbour is before and (neighbour.is_sent_start or fold(neighbour.text) in NOT_PLACES):
            continue
        if neighbour.is_upper and span.text.isupper():
            continue  # an all-caps headline or dateline
        return True
    return False


def is_acronym(span: Span) -> bool:
    return len(span) == 1 and span.text.isupper() and len(span.text) <= 4


def surnames_in(doc: Doc, place_starts: set[int]) -> frozenset[str]:
    """Words that follow a first name somewhere in the text ('John Kelly'): later 'Kelly' is him."""
    found = set()
    for token in doc[1:]:
        before = doc[token.i - 1]
        if token.pos_ == "PROPN" and is_capitalised(token) and before.pos_ == "PROPN" and is_capitalised(before) \
                and before.i not in place_starts and token.i not in place_starts and not before.is_upper \
                and fold(before.text) not in NOT_PLACES:
            found.add(token.text)
    return frozenset(found)


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


class GazetteerRuler:
    """spaCy component: presets GPE/LOC entities for gazetteer names before the NER model runs."""

    def __init__(self, gazetteer: Gazetteer):
        self.gazetteer = gazetteer

    def __call__(self, doc: Doc) -> Doc:
        spans = gazetteer_spans(doc, self.gazetteer)
        frame = named_countries(spans, self.gazetteer) + demonym_countries(doc, self.gazetteer)
        tokens = {i for span in spans for i in range(span.start, span.end)}
        surnames = surnames_in(doc, tokens)
        accepted = [span for span in spans if self.accepts(span, frame, tokens, surnames)]
        entities = [Span(doc, span.start, span.end, label=label_for(self.gazetteer.candidates(span.text)))
                    for span in accepted]
        # "unmodified" leaves every other token unannotated, so the NER model still labels them.
        doc.set_ents(entities, default="unmodified")
        return doc

    def accepts(self, span: Span, frame: Counter[str], tokens: set[int], surnames: frozenset[str]) -> bool:
        candidates = self.gazetteer.candidates(span.text)
        if not candidates or is_common_word(span):
            return False
        if self.gazetteer.country_of_demonym(span.text):
            return False  # "Chinese", "Turkish": adjectives, not toponyms
        major = [p for p in candidates if is_major(p)]
        if is_acronym(span) and not major:
            return False  # "BA", "GRU": initials that happen to spell a village
        if is_part_of_longer_name(span, tokens, bool(major)):
            return False  # left to the NER model, which knows organisations and people
        if (looks_like_person(span) or span.text in surnames) and not major:
            return False
        return is_well_known(candidates) or fits_context(candidates, frame)


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


def is_certainly_place(span: Span) -> bool:
    return any(t.lower_ in GEOGRAPHIC_WORDS for t in span) and len(span) > 1


def lookup_candidates(span: Span, gazetteer: Gazetteer) -> list[GazPlace]:
    """Candidates for the span text, else for it without a trailing 'province', 'region'..."""
    candidates = gazetteer.candidates(span.text)
    if not candidates and len(span) > 1 and span[-1].lower_ in ADMIN_WORDS | {"city"}:
        candidates = gazetteer.candidates(span[:-1].text)
    return candidates


# ---------------------------------------------------------------- roles

def role_of(span: Span, place: GazPlace | None) -> str:
    root = span.root
    if is_reference(root):
        return ROLE_REFERENCE
    if is_origin(root):
        return ROLE_ORIGIN
    if is_metonym(root, place):
        return ROLE_METONYM
    return ROLE_PLACE


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


def is_origin(root: Token) -> bool:
    """'separatists from Nagorno-Karabakh': a place that tells where people come from."""
    prep = preposition_head(root)
    return prep is not None and prep.lower_ == "from" and prep.head.lower_ in PEOPLE_NOUNS


def is_metonym(root: Token, place: GazPlace | None) -> bool:
    """'Baku says', 'Moscow warned': a country or capital as the subject of a speech or policy verb."""
    if root.dep_ not in ("nsubj", "nsubjpass") and not (root.dep_ == "poss" and root.head.dep_ == "nsubj"):
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
        score += 1.0
    return score


def context_score(place: GazPlace, context: Context) -> float:
    score = 0.0
    if place.iso3 and place.iso3 in context.countries and place.feature != "country":
        score += 3.0
    if place.iso3 and context.neighbours.get(place.iso3):
        score += 2.0 * context.neighbours[place.iso3] / max(sum(context.neighbours.values()), 1)
    if place.admin1 and fold(place.admin1) in context.admin1s and place.feature != "admin1":
        score += 2.5
    return score


def containers_named_after(span: Span, mentions: list[Span]) -> list[Span]:
    """'X, Y', 'X in Y', 'X district of Y', 'X, in Y': the mention Y said to contain X."""
    doc = span.doc
    i = span.end
    if i < len(doc) and doc[i].lower_ in ADMIN_WORDS:
        i += 1
    if i < len(doc) and doc[i].text == ",":
        i += 1
    if i < len(doc) and doc[i].lower_ in ("in", "of"):
        i += 1
    if i < len(doc) and doc[i].lower_ == "the":
        i += 1
    return [m for m in mentions if m.start == i and m.start > span.end]


def is_inside(place: GazPlace, container: GazPlace) -> bool:
    if container.feature == "country" or (container.feature == "region" and container.iso3):
        return place.iso3 == container.iso3 and place is not container
    if container.feature == "admin1":
        return place.iso3 == container.iso3 and place.admin1 == container.admin1 and place.feature != "admin1"
    return False


def pattern_score(place: GazPlace, containers: list[list[GazPlace]]) -> float:
    return 10.0 if any(is_inside(place, c) for options in containers for c in options) else 0.0


def follows_admin_word(span: Span) -> bool:
    return span.end < len(span.doc) and span.doc[span.end].lower_ in ADMIN_WORDS


def choose(span: Span, candidates: list[GazPlace], context: Context, containers: list[list[GazPlace]],
           gazetteer: Gazetteer) -> GazPlace | None:
    if not candidates:
        return None
    admin_hint = follows_admin_word(span)

    def total(place: GazPlace) -> float:
        score = base_score(place, span.text, gazetteer) + context_score(place, context) + pattern_score(place, containers)
        if admin_hint and place.feature in ("admin1", "admin2", "region"):
            score += 6.0
        return score

    return max(candidates, key=total)


def build_context(doc: Doc, spans: list[Span], candidates: list[list[GazPlace]], gazetteer: Gazetteer) -> Context:
    countries: Counter[str] = demonym_countries(doc, gazetteer)
    admin1s: set[str] = set()
    for options in candidates:
        if options and options[0].feature in ("country", "region") and options[0].iso3:
            countries[options[0].iso3] += 1
        admin1s |= {fold(p.name) for p in options[:1] if p.feature == "admin1"}
    return Context(countries, admin1s, Counter())


def find_places(doc: Doc, gazetteer: Gazetteer) -> list[PlaceMention]:
    """Every toponym in the document, in document order, resolved with the article's context."""
    spans = mention_spans(doc, gazetteer)
    options = [lookup_candidates(span, gazetteer) for span in spans]
    context = build_context(doc, spans, options, gazetteer)
    containers = [[options[spans.index(c)] for c in containers_named_after(span, spans)] for span in spans]
    first = [choose(s, o, context, c, gazetteer) for s, o, c in zip(spans, options, containers)]
    chosen = []
    for index, (span, opts, cont) in enumerate(zip(spans, options, containers)):
        others = Counter(p.iso3 for j, p in enumerate(first) if j != index and p is not None and p.iso3)
        context.neighbours = others
        chosen.append(choose(span, opts, context, cont, gazetteer))
    # A name the gazetteer does not know is kept only when its own words say it is a place:
    # most unknown GPE guesses of the small model are people or organisations.
    return [PlaceMention(span.text, span.start_char, span.end_char, span.start, span.end, place, role_of(span, place))
            for span, place in zip(spans, chosen) if place is not None or is_certainly_place(span)]


def load_pipeline(model: str, gazetteer: Gazetteer) -> Language:
    """The spaCy model with the gazetteer ruler in place."""
    nlp = spacy.load(model)
    add_gazetteer_ruler(nlp, gazetteer)
    return nlp
