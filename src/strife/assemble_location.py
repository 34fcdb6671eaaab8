"""Assembly, step 4: the event's place when none hangs off its mention: the sentence's place,
a nearby place, the article's salient place, the country the text implies.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span, Token

from .assemble_attach import (
    Draft,
    beyond,
    contains_another,
    fineness,
    is_origin_or_bound,
    is_origin_or_destination,
    modifies_actor,
    names_a_base,
    places_in,
    without_origins,
)
from .assemble_words import (
    ABROAD_NOUNS,
    BEYOND_NOUNS,
    FEATURE_RANK,
    LOCATION_NOUNS,
    POLICE_NOUNS,
    RAIDER_NOUNS,
    VICTIM_NOUNS,
)
from .gazetteer import Gazetteer, GazPlace
from .place_hints import country_hints, doc_hinted_countries, doc_theatres
from .place_names import is_street_name
from .place_spans import is_direction_without_distance
from .place_words import (
    ADMIN_WORDS,
    OFFICE_WORDS,
    ROLE_ADJECTIVE,
    ROLE_METONYM,
    ROLE_ORIGIN,
    ROLE_PLACE,
    ROLE_REFERENCE,
)
from .places import PlaceMention
from .record import Location


def salient_place(doc: Doc, places: list[PlaceMention]) -> PlaceMention | None:
    """The article's most-named literal place below country level (else the most-named
    country; ties: the earliest), for events with no place of their own."""
    usable = [p for p in places if p.place is not None and p.place.iso3 and p.role == "place"
              and _usable_fallback(doc, p) and not is_origin_or_destination(doc[p.token_end - 1])]
    finer = [p for p in usable if p.place.feature != "country"]
    usable = finer or usable
    if not usable:
        return None
    counts: dict[object, int] = {}
    for p in usable:
        key = p.place.geonameid or p.place.name
        counts[key] = counts.get(key, 0) + 1
    return max(usable, key=lambda p: (counts[p.place.geonameid or p.place.name], -p.start))


def nearby_place(doc: Doc, places: list[PlaceMention]) -> PlaceMention | None:
    """With no literal place, a town the text ties the event to otherwise: a road's end ('blocked
    the Voi-Taveta road'), a town's institution ('Kisii University students', 'the Kitui
    mayor'), where the people came from ('youths from Othaya'), a distance anchor; or a
    county's institution ('Kisii county government employees'). It is closer than the
    country's centre, and reported as near it (precision 2; a county's at its seat, precision 3)."""
    usable = [p for p in places if p.place is not None and p.place.iso3
              and (p.place.feature in ("city", "admin2") or p.place.feature == "admin1" and p.role == ROLE_METONYM)
              and (p.role in (ROLE_REFERENCE, ROLE_ORIGIN, ROLE_METONYM) and not _names_a_people(doc, p)
                   or p.role == ROLE_PLACE and is_origin_or_destination(doc[p.token_end - 1]))
              and not beyond(doc[p.token_end - 1]) and not is_street_name(doc[p.token_start:p.token_end])]
    return usable[0] if usable else None


def _names_a_people(doc: Doc, place: PlaceMention) -> bool:
    """'Kisii youths' may be a people; 'the Kisii county government', 'the Kisii governor' is the place."""
    after = doc[place.token_end] if place.token_end < len(doc) else None
    return place.text in country_hints() and not (after is not None and after.lower_ in ADMIN_WORDS | OFFICE_WORDS)


def implied_country(doc: Doc, places: list[PlaceMention], gazetteer: Gazetteer) -> GazPlace | None:
    """The country an article with no usable place is about: the places it names (not as
    origins or destinations), its demonyms ("a Kenyan village" counts more than "Ethiopian
    raiders"), then names tied to one country (data/country_hints.tsv)."""
    votes: dict[str, float] = {}
    for p in places:
        if p.place is not None and p.place.iso3 and p.role != ROLE_ADJECTIVE \
                and not is_origin_or_destination(doc[p.token_end - 1]) and not beyond(doc[p.token_end - 1]):
            votes[p.place.iso3] = votes.get(p.place.iso3, 0) + 2
    for token in doc:
        if token.pos_ in {"ADJ", "PROPN", "NOUN"} and token.text[:1].isupper():
            iso = gazetteer.country_of_demonym(token.text)
            if iso:
                weight = _demonym_weight(token.head)
                if weight:
                    votes[iso] = votes.get(iso, 0) + weight
    if not votes:
        for iso in doc_hinted_countries(doc):
            votes[iso] = votes.get(iso, 0) + 1
    if not votes:
        return None
    best = max(votes, key=lambda iso: votes[iso])
    # 'the OSCE SMM observed explosions near Bohuslavske': a village the index lacks, in the
    # conflict theatre the text is tied to, is nearer the theatre's centre than the country's
    theatre = next((t for t in doc_theatres(doc, gazetteer) if t.iso3 == best), None)
    return theatre or gazetteer.country(best)


def _demonym_weight(head: Token) -> float:
    lemma = head.lemma_.lower()
    if lemma in BEYOND_NOUNS or lemma in ABROAD_NOUNS:
        return 0
    if lemma in RAIDER_NOUNS:
        return 0.5  # 'Ethiopian raiders shot two Kenyan herders': raiders cross borders, victims are at home
    if lemma in LOCATION_NOUNS:
        return 3
    return 2 if lemma in VICTIM_NOUNS or lemma in POLICE_NOUNS else 1


def event_location(draft: Draft, doc: Doc, places: list[PlaceMention], salient: PlaceMention | None,
              country: GazPlace | None, gazetteer: Gazetteer) -> Location | None:
    found = _place_and_precision(draft, doc, places, salient, country)
    if found is None:
        return None
    place, precision = found
    if place.feature == "country":
        # 'shot dead 10 people in central Kenya ... in the central town of Siakago': the town the
        # article names in that country is closer than the country's centre
        finer = salient if salient is not None and salient.place.feature != "country" else nearby_place(doc, places)
        if finer is not None and finer.place.iso3 == place.iso3:
            place, precision = finer.place, 2 if finer.place.feature in ("city", "admin2") else 3
    # An event that names only a county or province is put, as ACLED codes it, at the town the
    # area is named after ('in Narok County' -> Narok town), still with geo_precision 3.
    seat = gazetteer.seat_of(place)
    if seat is not None:
        return _loc(seat, 3)
    if place.feature == "country" and place.iso3 and (capital := gazetteer.capital_of(place.iso3)) is not None:
        return _at_capital(place, capital)
    return _loc(place, precision)


def _at_capital(country: GazPlace, capital: GazPlace) -> Location:
    """An event the text ties to a country only: the country, at its capital's point, precision 3.

    ACLED codes an event known only at a region's level at the region's capital; the country's
    centre is a point where nothing happens. The name stays the country's: the text says no more.
    """
    return Location(name=country.name, country=country.country, iso3=country.iso3, latitude=capital.latitude,
                    longitude=capital.longitude, geo_precision=3, geonameid=country.geonameid, admin1=None)


def _place_and_precision(draft: Draft, doc: Doc, places: list[PlaceMention], salient: PlaceMention | None,
                         country: GazPlace | None) -> tuple[GazPlace, int] | None:
    sent = doc[draft.main.sent_start].sent
    near = _undistanced_reference(places, sent, doc)
    if draft.place is not None:
        if draft.place.place.feature in {"admin1", "region", "country"}:
            if near is not None and near.place.iso3 == draft.place.place.iso3:
                return near.place, 2  # 'shelled positions west of Rafah (Rafah, North Sinai)': near Rafah
            return draft.place.place, 3
        # a village the index lacks, put in the district the text names: the containing area
        return draft.place.place, 2 if draft.place.approximate else 1
    in_sentence = [p for p in places_in(places, sent) if _usable_fallback(doc, p)]
    in_sentence = [p for p in in_sentence if not contains_another(p, in_sentence, doc)] or in_sentence
    # with only origins left, a town people came from is near the event, but a country they came
    # from is across a border from it ('police battled raiders from Ethiopia'; but they 'crossed
    # into Kenya', where the fight was)
    in_sentence = without_origins(in_sentence, doc) or [
        p for p in in_sentence if p.place.feature != "country" or not is_origin_or_bound(doc[p.token_end - 1])]
    in_sentence = in_main_country(in_sentence, places, doc)
    if near is not None and all(FEATURE_RANK.get(p.place.feature, 0) >= 2 for p in in_sentence):
        return near.place, 2
    if in_sentence:
        best = min(in_sentence, key=lambda p: (*fineness(p, doc), abs(p.token_start - draft.main.head)))
        return best.place, 2 if best.place.feature == "city" else 3
    if salient is not None:
        return salient.place, 2 if salient.place.feature == "city" else 3
    if country is not None:
        return country, 3
    return None


def _undistanced_reference(places: list[PlaceMention], sent: Span, doc: Doc) -> PlaceMention | None:
    """A town the sentence places the event in a direction from with no distance ('west of
    Rafah', 'north of the town of Sinjar'): the event is near it. With a distance ('200 km west
    of the capital') the town is only a landmark."""
    return next((p for p in places if p.role == ROLE_REFERENCE and p.place is not None
                 and p.place.feature in ("city", "admin2") and sent.start <= p.token_start < sent.end
                 and is_direction_without_distance(doc[p.token_start:p.token_end], sent)), None)


def in_main_country(candidates: list[PlaceMention], places: list[PlaceMention], doc: Doc) -> list[PlaceMention]:
    """Of places a sentence names without tying them to the event, not one the article names
    alone in its country: 'bombs in Sonaimuri upazila (Noakhali, Chittagong), after a quarrel in
    New York' happened in Bangladesh. A country naming an actor ('members of Somalia's al
    Shabaab') does not count for its country."""
    if len({p.place.iso3 for p in candidates}) < 2:
        return candidates
    counts = Counter(p.place.iso3 for p in places if p.place is not None and p.role != ROLE_ADJECTIVE
                     and _usable_fallback(doc, p))
    return [p for p in candidates if counts[p.place.iso3] > 1] or candidates


def _usable_fallback(doc: Doc, place: PlaceMention) -> bool:
    """A place may stand in for an event's own when nothing better is known, unless it is
    a country naming an actor ("Azerbaijan's forces"): "Kisumu students rioted" happened in
    Kisumu, but "Kenyan police" may be anywhere in Kenya."""
    if beyond(doc[place.token_end - 1]) or names_a_base(doc[place.token_end - 1]):
        return False
    return place.place.feature != "country" or not modifies_actor(doc[place.token_end - 1])


def _loc(p: GazPlace, precision: int) -> Location:
    if p.feature == "country":
        precision = 3
    return Location(name=p.name, country=p.country, iso3=p.iso3, latitude=p.latitude, longitude=p.longitude,
                    geo_precision=precision, geonameid=p.geonameid, admin1=p.admin1)
