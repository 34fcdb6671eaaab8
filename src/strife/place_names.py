"""Tests on tokens and spans: is this word a name, a person, a common word, part of a longer name?
"""
from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from strife.doc_memo import memo
from strife.gazetteer import Gazetteer, GazPlace
from strife.gazetteer_names import fold, squeeze

from .place_hints import country_hints
from .place_words import (
    ADMIN_WORDS,
    AT_PREPOSITIONS,
    CURRENCY_WORDS,
    DAY_AND_MONTH_NAMES,
    FACILITY_WORDS,
    GEOGRAPHIC_WORDS,
    GIVEN_NAME_PLACES,
    INSTITUTION_WORDS,
    NAME_PARTICLES,
    NAMING_WORDS,
    NOT_PLACES,
    NOT_PLACES_CASED,
    PLACE_MODIFIERS,
    ROAD_WORDS,
    SETTLEMENT_WORDS,
    STATE_NOUNS,
    STREET_WORDS,
    TITLES,
    UNIT_WORDS,
)
from .tuning import TUNING


def english_words(nlp: Language) -> frozenset[str]:
    """The English words the model's lemmatizer knows (its WordNet index), lower case; empty
    when the pipeline has no lookup lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(word for words in lookups.get_table("lemma_index").values() for word in words)


def is_capitalised(token: Token) -> bool:
    return token.text[:1].isupper()


def may_continue_name(token: Token) -> bool:
    """Tokens allowed inside a multi-word name: capitalised words, hyphens, 'of', 'al', 'de'..."""
    return is_capitalised(token) or token.text in NAME_PARTICLES or token.text.startswith("al-")


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
    while end_limit < len(doc) and end_limit - start < TUNING.max_name_tokens and may_continue_name(doc[end_limit]) \
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


def fits_context(candidates: list[GazPlace], frame: Counter[str]) -> bool:
    """A minor place is accepted only when its name is distinctive and the article names its country."""
    return len(candidates) < TUNING.generic_name_places and any(p.iso3 in frame for p in candidates if p.iso3)


def label_for(candidates: list[GazPlace]) -> str:
    return "LOC" if candidates[0].feature == "region" else "GPE"


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


def is_certainly_place(span: Span) -> bool:
    return any(t.lower_ in GEOGRAPHIC_WORDS for t in span) and len(span) > 1


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


def is_bracketed_spelling(first: Span, second: Span) -> bool:
    """'Mujibnagar (Mujib Nagar) upazila', 'Dhaka - Rampura (Rampura)': a name in brackets right
    after a name spelt (nearly) the same is that place again, whatever else the index calls so."""
    doc = first.doc
    if not (second.start == first.end + 1 and doc[first.end].text == "(" and second.end < len(doc)
            and doc[second.end].text == ")"):
        return False
    a, b = (squeeze(span.text) for span in (first, second))
    return a == b or SequenceMatcher(None, a, b).ratio() >= 0.8
