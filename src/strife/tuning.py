"""Every tuning weight and threshold of the rule stages, one line each, in one object.

Stages read `TUNING.<name>`: change a line here and `make eval` measures the result.
Places scores are points: each tenfold population is worth about two points of `city_prior`.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tuning:
    # -- places: which names are places
    max_name_tokens: int = 6                 # longest place name, in tokens
    generic_name_places: int = 3             # a name shared by this many places is generic: the country named is not enough
    dominant_ratio: float = 10               # a namesake this many times smaller than the biggest does not make a name ambiguous
    metonym_city_population: int = 1_000_000  # a capital or city this big may speak for a government ('Moscow warned')
    # -- places: prior score of a candidate by feature (points; population is log10)
    country_prior: float = 22.0
    region_prior: float = 18.0
    admin1_prior: float = 8.0
    admin2_prior: float = 4.0
    city_prior: float = 1.5
    area_per_decade: float = 0.5             # admin1/admin2: points per tenfold population
    city_per_decade: float = 2.0             # city: points per tenfold population
    capital_bonus: float = 4.0
    primary_name_city_bonus: float = 1.0     # the name is the place's own, not an alternate
    primary_name_area_bonus: float = 2.5
    # -- places: score from the article's context
    named_country_bonus: float = 3.0         # in a country the text names
    strong_country_bonus: float = 2.0        # in a country the text's hints point at strongly
    bordering_bonus: float = 2.5             # in a country bordering one the text names ('Somali traders in Eastleigh')
    neighbour_share_bonus: float = 2.0       # times the share of the other places in the same country
    named_admin1_bonus: float = 2.5          # in a first-level area the text names
    theatre_bonus: float = 4.0               # near a conflict theatre the text hints at
    theatre_radius_km: float = 150           # how far from a theatre's centre 'near' reaches
    # -- places: containment ('X, Y district', 'X in Y')
    admin2_radius_km: float = 60             # a town from the centre of the district-level area said to hold it
    city_radius_km: float = 25               # a neighbourhood from the centre of the city named with 'city'
    subdistrict_radius_km: float = 75        # a district-level area from the centre of the district said to hold it
    unit_radius_km: float = 50               # a village from the centre of its upazila or constituency
    neighbourhood_radius_km: float = 40      # a neighbourhood from the town the sentence names
    near_spelling_ratio: float = 0.85        # difflib ratio for a national unit spelt nearly so
    possessive_min_population: int = 200_000  # a town this big may be written with a lost apostrophe ('Nakurus')
    # -- events: how far an event model's verdict overrides the rules (events.decide); a model
    #    trained on a team's own coded rows is trusted more than the team-corpus default
    trained_model_reject: float = 0.5        # a typed mention is dropped when the model says none this surely
    trained_model_override: float = 0.0      # retyped when the model prefers another sub-type this surely
    trained_model_accept: float = 0.5        # an untyped candidate becomes an event this surely
    default_model_reject: float = 0.97
    default_model_override: float = 1.01     # above 1: never (it lost ACLED accuracy at every threshold)
    default_model_accept: float = 0.7
    # -- assembly
    future_slack_days: int = 3               # a past-tense report dated this many days after publication is a slip, not a plan
    # -- language
    language_min_words: int = 12             # fewer words than this: too short to refuse as not English
    language_min_probability: float = 0.9    # refuse only a confident non-English verdict
    # -- cross-article merging (store)
    near_duplicate_threshold: float = 0.8    # MinHash similarity of two articles that are one
    lsh_threshold: float = 0.7               # LSH proposes candidates (20 bands of 6 rows: a pair at 0.8 is proposed 99.8% of the time)
    merge_max_days_apart: int = 1            # events of two articles merge within this many days
    merge_max_km_apart: float = 25.0         # and this many kilometres


TUNING = Tuning()
