"""Mention spans and their roles: which marked names are place mentions, and what each is doing
(the event's place, a reference point, an origin, a metonym for a government).
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from strife.gazetteer import Gazetteer, GazPlace
from strife.gazetteer_names import fold

from .place_names import (
    alternate_spelling_length,
    capitalised_run_before,
    is_acronym,
    is_bracketed_spelling,
    is_capitalised,
    is_major,
    is_name_token,
    is_road_end,
    is_street_name,
    looks_like_person,
    names_a_currency,
    names_a_people,
    preposition_head,
    span_candidates,
    surnames_in,
    unit_name,
)
from .place_words import (
    ADMIN_WORDS,
    CONTAINER_GAP_WORDS,
    DIRECTION_WORDS,
    DISTANCE_UNITS,
    FACILITY_GAP_WORDS,
    LANGUAGE_WORDS,
    LOCATIVE_PREPOSITIONS,
    NOT_PLACES,
    NOT_PLACES_CASED,
    PEOPLE_NOUNS,
    PLACE_ADJECTIVES,
    PLACE_LABELS,
    ROLE_METONYM,
    ROLE_ORIGIN,
    ROLE_PLACE,
    ROLE_REFERENCE,
    SETTLEMENT_WORDS,
    SPEECH_VERBS,
)
from .tuning import TUNING


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


def lookup_candidates(span: Span, gazetteer: Gazetteer) -> list[GazPlace]:
    """Candidates for the span text, else for it without a trailing 'province', 'region'...;
    a name the text calls an upazila, ward or constituency may match a unit spelt nearly so."""
    found = span_candidates(span, gazetteer)
    name = unit_name(span)
    return found if found or name is None else gazetteer.near_spellings(name)


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


def is_metonym(root: Token, place: GazPlace | None, capital: bool = False) -> bool:
    """'Baku says', 'Moscow warned': a country or capital as the subject of a speech or policy verb."""
    if root.dep_ not in ("nsubj", "nsubjpass") and not (root.dep_ == "poss" and root.head.dep_ == "nsubj"):
        return False
    if place is not None and place.feature in ("city", "admin2") and not capital \
            and place.population < TUNING.metonym_city_population:
        return False
    verb = root.head if root.dep_ != "poss" else root.head.head
    return verb.pos_ in ("VERB", "AUX") and verb.lemma_.lower() in SPEECH_VERBS
