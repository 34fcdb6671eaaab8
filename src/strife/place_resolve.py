"""Choosing one gazetteer entry per mention: base and context scores, containment and distance.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from spacy.tokens import Doc, Span

from strife.gazetteer import Gazetteer, GazPlace
from strife.gazetteer_names import fold

from .place_hints import country_hints, doc_hinted_countries, doc_theatres
from .place_names import demonym_countries, extended_span, is_major, is_well_known
from .place_words import (
    ADMIN_WORDS,
    NEIGHBOURHOOD_PREFIXES,
    NEIGHBOURHOOD_WORDS,
    SETTLEMENT_WORDS,
)
from .tuning import TUNING


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
        "country": TUNING.country_prior,
        "region": TUNING.region_prior,
        "admin1": TUNING.admin1_prior + TUNING.area_per_decade * population,
        "admin2": TUNING.admin2_prior + TUNING.area_per_decade * population,
        "city": TUNING.city_prior + TUNING.city_per_decade * population,  # tenfold population ~ two context hints
    }[place.feature]
    if gazetteer.is_capital(place):
        score += TUNING.capital_bonus
    if gazetteer.is_primary_name(name, place):
        score += TUNING.primary_name_city_bonus if place.feature == "city" else TUNING.primary_name_area_bonus
    return score


def context_score(place: GazPlace, context: Context) -> float:
    score = 0.0
    if place.iso3 and place.iso3 in context.countries and place.feature != "country":
        score += TUNING.named_country_bonus
    elif place.iso3 and context.strong_countries and context.strong_countries.get(place.iso3) \
            and place.feature != "country":
        score += TUNING.strong_country_bonus
    elif place.iso3 in context.bordering and place.feature != "country":
        score += TUNING.bordering_bonus  # 'Somali traders in Eastleigh': Nairobi's, not England's
    if place.iso3 and context.neighbours.get(place.iso3):
        score += TUNING.neighbour_share_bonus * context.neighbours[place.iso3] / max(sum(context.neighbours.values()), 1)
    if place.feature != "admin1" and (
            (place.admin1 and fold(place.admin1) in context.admin1s) or (place.iso3, place.admin1) in context.admin1_pairs):
        score += TUNING.named_admin1_bonus
    if place.feature in ("city", "admin2") and any(rough_km(place, t) <= TUNING.theatre_radius_km for t in context.theatres):
        score += TUNING.theatre_bonus  # outweighs a namesake ten times bigger elsewhere in the country
    return score


def is_inside(place: GazPlace, container: GazPlace) -> bool:
    if container.feature == "country" or (container.feature == "region" and container.iso3):
        return place.iso3 == container.iso3 and place is not container
    if container.feature == "admin1":
        return place.iso3 == container.iso3 and place.admin1 == container.admin1 and place.feature != "admin1"
    if container.feature == "admin2":
        return place.iso3 == container.iso3 and place.admin1 == container.admin1 and place.feature == "city" \
            and rough_km(place, container) < 150
    return False


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
        return any(rough_km(place, town) <= TUNING.city_radius_km for town in towns)
    return any(lies_in(place, area) if area.feature == "admin1" else rough_km(place, area) <= reach_km(place, area)
               or in_province_named_after(place, area) for area in areas)


def in_province_named_after(place: GazPlace, town: GazPlace) -> bool:
    """'in Reni, Odessa': a city that gives its name to its province ('Odesa', 'Odeska oblast')
    may stand for the province, which holds Reni 200 km from the city."""
    if town.feature != "city" or not town.admin1 or place.admin1 != town.admin1 or place.iso3 != town.iso3:
        return False
    province = " ".join(w for w in fold(town.admin1).split() if w not in ADMIN_WORDS)
    return SequenceMatcher(None, fold(town.name), province).ratio() >= 0.8


def reach_km(place: GazPlace, area: GazPlace) -> float:
    """How far from the centre of `area` the centre of `place` may lie for `area` to hold it."""
    if place.feature == "admin2" and area.feature == "admin2" and place.admin1 and place.admin1 == area.admin1:
        return TUNING.subdistrict_radius_km
    if place.feature == "city" and area.feature == "admin2" and area.geonameid is None:
        return TUNING.unit_radius_km  # a national unit (geonameid None: built from the national packages)
    return TUNING.admin2_radius_km


def is_near_area(place: GazPlace, area: GazPlace) -> bool:
    """`place` can lie in `area`: within a district's or town's radius, or in the province."""
    if area.feature in ("city", "admin2"):
        return place.iso3 == area.iso3 and rough_km(place, area) <= TUNING.admin2_radius_km
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
    if not named or any(rough_km(own, town) <= TUNING.neighbourhood_radius_km for _, town in named):
        return None
    # the town named after it ('X neighbourhood in Afrin city'), else the first named before it
    after = [place for other, place in named if other.start > span.start]
    return after[0] if after else named[0][1]
