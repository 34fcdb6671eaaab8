"""Score toponym recognition and resolution on GeoWebNews-style rows.

Each row has `text` and `places`: gold resolvable toponyms with `start`, `end`, `latitude`,
`longitude`, `geonameid` (see /work/shared/data/dev/README.md). Recognition is exact span match;
resolution is measured on the gold toponyms that were recognised.
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Iterable, Mapping
from typing import Any

from spacy.language import Language

from strife.gazetteer import Gazetteer, distance_km
from strife.place_words import ROLE_ADJECTIVE
from strife.places import PlaceMention, find_places

ACCURACY_KM = 161.0  # 100 miles, the usual geoparsing threshold


def safe_ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def f1(precision: float, recall: float) -> float:
    return safe_ratio(2 * precision * recall, precision + recall)


ADJECTIVE_ENDINGS = ("an", "ean", "ese", "ish", "ic", "i")


def is_adjective_toponym(text: str, gazetteer: Gazetteer) -> bool:
    """GeoWebNews counts 'Russian', 'European' as toponyms (strife reports them with role 'adjective')."""
    if gazetteer.country_of_demonym(text):
        return True
    return text.endswith(ADJECTIVE_ENDINGS) and not gazetteer.candidates(text)


def score(rows: Iterable[Mapping[str, Any]], nlp: Language, gazetteer: Gazetteer) -> dict[str, float]:
    """Recognition P/R/F1, accuracy within 161 km, median km error and GeoNames id match."""
    predicted_total = gold_total = matched = adjective_gold = 0
    noun_predicted = noun_matched = 0
    errors: list[float] = []
    id_hits = id_total = 0
    for row in rows:
        mentions = find_places(nlp(row["text"]), gazetteer)
        by_span: dict[tuple[int, int], PlaceMention] = {(m.start, m.end): m for m in mentions}
        predicted_total += len(mentions)
        noun_predicted += sum(m.role != ROLE_ADJECTIVE for m in mentions)
        gold_total += len(row["places"])
        for gold in row["places"]:
            adjective = is_adjective_toponym(gold["text"], gazetteer)
            adjective_gold += int(adjective)
            mention = by_span.get((gold["start"], gold["end"]))
            if mention is None:
                continue
            matched += 1
            noun_matched += int(not adjective and mention.role != ROLE_ADJECTIVE)
            place = mention.place
            if gold.get("latitude") is None or gold.get("longitude") is None:
                continue    # recognised; a toponym without gold coordinates cannot score resolution
            errors.append(distance_km(gold["latitude"], gold["longitude"], place.latitude, place.longitude)
                          if place else math.inf)
            if gold.get("geonameid") is not None:
                id_total += 1
                id_hits += int(place is not None and place.geonameid == gold["geonameid"])
    precision, recall = safe_ratio(matched, predicted_total), safe_ratio(matched, gold_total)
    # Same, with adjectives left out of both the gold and the predictions.
    recall_nouns = safe_ratio(noun_matched, gold_total - adjective_gold)
    precision_nouns = safe_ratio(noun_matched, noun_predicted)
    return {
        "toponym_precision": precision,
        "toponym_recall": recall,
        "toponym_f1": f1(precision, recall),
        "toponym_recall_no_adjectives": recall_nouns,
        "toponym_f1_no_adjectives": f1(precision_nouns, recall_nouns),
        "acc_161km": safe_ratio(sum(e <= ACCURACY_KM for e in errors), len(errors)),
        "median_km": statistics.median(errors) if errors else math.nan,
        "geonameid_match": safe_ratio(id_hits, id_total),
    }
