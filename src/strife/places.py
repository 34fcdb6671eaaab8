"""Toponyms in a parsed article: find them, resolve each to a gazetteer entry, say what role it plays.

Recognition does not trust the small NER model alone: a pipeline component placed before "ner"
presets GPE/LOC entities for gazetteer names (so "Stepanakert" is no longer a PERSON), guarded
against common words, person names and obscure namesakes. Resolution scores every candidate
on feature class, population and the article's context (countries, demonyms and regions it
names, "X, Country" and "X in Y" patterns, the countries of the other places).

This module runs the stage (`find_places`); its parts, each in its own module:
`place_words` (vocabulary), `place_hints` (countries a document points at), `place_names`
(tests on tokens and spans), `place_ruler` (the spaCy entity ruler), `place_spans` (which
spans are mentions, and their roles) and `place_resolve` (scoring the gazetteer candidates).
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from strife.gazetteer import Gazetteer, GazPlace

from .place_names import (
    extended_span,
    has_place_word_after,
    is_bracketed_spelling,
    is_capitalised,
    is_certainly_place,
)
from .place_resolve import (
    build_context,
    choose,
    fits_frame,
    holds_city_named_so,
    is_doubtful_alias,
    is_hint_elsewhere,
    is_named_container,
    is_near_area,
    is_sadar_of,
    lies_in,
    lies_in_named_area,
    names_a_city,
    names_building_abroad,
    other_countries,
    readings_of,
    town_of_neighbourhood,
)
from .place_ruler import is_located_in_one_country
from .place_spans import (
    adjective_place,
    containers_named_after,
    containers_named_before,
    lookup_candidates,
    mention_spans,
    place_word_spans,
    role_of,
)
from .place_words import ROLE_ADJECTIVE, ROLE_METONYM


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
