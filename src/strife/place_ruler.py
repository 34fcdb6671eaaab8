"""The gazetteer entity ruler: the spaCy component that marks place names the index knows.
"""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from strife.gazetteer import Gazetteer, GazPlace
from strife.gazetteer_names import fold

from .place_hints import country_hints, doc_hinted_countries
from .place_names import (
    demonym_countries,
    english_words,
    extended_span,
    fits_context,
    gazetteer_spans,
    has_place_word_after,
    has_settlement_word_after,
    is_acronym,
    is_capitalised,
    is_common_word,
    is_given_name,
    is_major,
    is_name_token,
    is_road_end,
    is_well_known,
    label_for,
    looks_like_person,
    named_countries,
    names_a_currency,
    span_candidates,
    surnames_in,
)
from .place_words import (
    ADMIN_WORDS,
    ARTICLE_PARTICLES,
    ASSAULT_VERBS,
    AT_PREPOSITIONS,
    CONTAINER_WORDS,
    DAY_AND_MONTH_NAMES,
    NOT_PLACES,
    OFFICE_WORDS,
    RESIDENT_WORDS,
    RULER_NAME,
    SETTLEMENT_WORDS,
    SITED_FACILITY_WORDS,
)
from .tuning import TUNING

_GAZETTEERS: dict[str, Gazetteer] = {}


def shared_gazetteer(path: str) -> Gazetteer:
    """One open gazetteer per index file, shared by every pipeline that names it."""
    if path not in _GAZETTEERS:
        _GAZETTEERS[path] = Gazetteer.load(Path(path))
    return _GAZETTEERS[path]


@Language.factory(RULER_NAME, default_config={"gazetteer_path": ""})
def make_gazetteer_ruler(nlp: Language, name: str, gazetteer_path: str) -> "GazetteerRuler":
    return GazetteerRuler(shared_gazetteer(gazetteer_path), english_words(nlp))


def add_gazetteer_ruler(nlp: Language, gazetteer: Gazetteer) -> None:
    """Add the gazetteer ruler before "ner", which then keeps the entities it presets."""
    _GAZETTEERS.setdefault(str(gazetteer.path), gazetteer)
    if RULER_NAME in nlp.pipe_names:
        return
    placement = {"before": "ner"} if "ner" in nlp.pipe_names else {}
    nlp.add_pipe(RULER_NAME, config={"gazetteer_path": str(gazetteer.path)}, **placement)


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
    countries = {p.iso3 for p in populated if p.population * TUNING.dominant_ratio >= biggest}
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
    while i >= 0 and comma - i <= TUNING.max_name_tokens and is_name_token(doc[i]):
        i -= 1
    return 0 <= i < comma - 1 and doc[i].lower_ in AT_PREPOSITIONS


def load_pipeline(model: str, gazetteer: Gazetteer) -> Language:
    """The spaCy model with the gazetteer ruler in place."""
    nlp = spacy.load(model)
    add_gazetteer_ruler(nlp, gazetteer)
    return nlp
