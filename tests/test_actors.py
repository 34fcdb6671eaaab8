"""Actors: who did it and to whom, named the way ACLED names them.

Every sentence here is written by the team for these tests; the named groups come from
the team's dictionary (src/strife/data/actor_groups.tsv)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from strife.actor_names import KIND_OF_TYPE, aliases_of, default_lexicon, read_groups, trained_actor_list
from strife.cli import main
from strife.record import ACTOR_TYPE_CODE

REPO = Path(__file__).resolve().parent.parent


def _main_event(extract, text, published="2024-03-07"):
    events = extract(text, published)
    assert events, text
    return events[0]


def _names(event):
    return (event.actor1.name if event.actor1 else None, event.actor2.name if event.actor2 else None)


CASES = [
    # a named group from the dictionary, and the other side of the clash
    ("On Monday, Philippine soldiers clashed with NPA rebels in Negros Oriental, killing three.",
     ("Military Forces of the Philippines", "NPA: New People's Army")),
    # both sides of "a firefight between X and Y"
    ("On Monday, an Abu Sayyaf fighter was killed during a firefight between the Abu Sayyaf and the military on Jolo.",
     ("ASG: Abu Sayyaf", "Military Forces of the Philippines")),
    # an acronym that is also a word matches only in capitals; the Islamic State by its branch in the country
    ("On Tuesday, IS militants attacked an army checkpoint near Mosul, killing two soldiers.",
     ("Islamic State (Iraq)", "Military Forces of Iraq")),
    # two sides that are both a country's forces (ACLED names the factions)
    ("On Monday, LNA forces clashed with GNA forces in Tripoli.",
     ("Military Forces of Libya (2014-) Haftar Faction", "Military Forces of Libya (2016-2021) Government of National Accord")),
    # unnamed attackers: ACLED's Unidentified Armed Group of the country; not the army twice
    ("Twelve people, including seven soldiers, were killed when Malian troops clashed with jihadist militants "
     "near Djenne on Tuesday, military sources said.",
     ("Military Forces of Mali", "Unidentified Armed Group (Mali)")),
    # attribution in the next sentence; the officials who report it are not its actors
    ("A drone strike killed six people at a checkpoint near Marib late on Sunday, officials of the government said. "
     "The officials blamed the Houthi movement for the strike.",
     ("Houthi Movement", None)),
    ("A car bomb killed nine people at a market in Beledweyne on Sunday. Al-Shabaab claimed responsibility for the attack.",
     ("Al Shabaab", "Civilians (Somalia)")),
    # protesters, and the police only when they act in the event
    ("Hundreds of traders protested in Lima on Monday. Police fired tear gas to disperse them.",
     ("Protesters (Peru)", "Police Forces of Peru")),
    ("Hundreds of nurses marched in Nairobi on Monday against police brutality and low pay.",
     ("Protesters (Kenya)", None)),
    # a riot that hurts people has civilians as actor2
    ("On Monday a mob attacked a youth in Amritsar over a land dispute.", ("Rioters (India)", "Civilians (India)")),
]


@pytest.mark.parametrize("text,names", CASES)
def test_actors_from_the_clause(extract, text, names):
    assert _names(_main_event(extract, text)) == names


def test_foreign_forces_are_external_and_country_names_are_acleds(extract):
    event = _main_event(extract, "On Monday, Rwandan troops shelled positions of the Congolese army near Goma.")
    assert (event.actor1.name, event.actor1.type) == ("Military Forces of Rwanda", "External/Other forces")
    assert (event.actor2.name, event.actor2.type) == ("Military Forces of the Democratic Republic of Congo", "State forces")
    protest = _main_event(extract, "Hundreds of students protested in Kinshasa on Monday over university fees.")
    assert protest.actor1.name == "Protesters (Democratic Republic of Congo)"


def test_party_supporters_who_fight_are_rioters_not_an_armed_side(extract):
    event = _main_event(extract, "On Monday supporters of two parties clashed with members of the Chhatra League "
                                 "in the market of Comilla, injuring ten people.")
    assert (event.event_type, event.actor1.name) == ("Riots", "Rioters (Bangladesh)")


def test_the_dictionary_is_data_with_hundreds_of_named_actors():
    text = (REPO / "src/strife/data/actor_groups.tsv").read_text(encoding="utf-8")
    lex = read_groups(text)
    assert not lex.errors
    names = {e.name for e in [*lex.words.values(), *lex.cased.values()]}
    assert len(names) >= 300
    assert {e.type for e in [*lex.words.values(), *lex.cased.values()]} <= set(ACTOR_TYPE_CODE)
    assert "JNIM: Group for Support of Islam and Muslims" in names and "M23: March 23 Movement" in names
    lower = [line.split("\t")[3].split("|") for line in text.splitlines()
             if line and not line.startswith("#") and not line.startswith("name\t")]
    aliases = [a.lower() if a == a.lower() else a for row in lower for a in row if a]
    assert len(aliases) == len(set(aliases)), "an alias names one actor only"


def test_a_dictionary_with_bad_rows_reports_them_and_loads_the_rest():
    text = ("name\ttype\tcountry\taliases\tnote\tkind\n"
            "Good Front\tRebel groups\tUGA\tgood front|GF\tteam\t\n"
            "Bad Type\tFreedom fighters\tUGA\tbad type\tteam\t\n"
            "Bad Country\tRebel groups\tUganda\tbad country\tteam\t\n"
            "No Aliases\tRebel groups\tUGA\t\tteam\t\n"
            "Short row\tRebel groups\n")
    lex = read_groups(text, "mine.tsv")
    assert [e.item for e in lex.errors] == ["mine.tsv line 3", "mine.tsv line 4", "mine.tsv line 5", "mine.tsv line 6"]
    assert lex.words[("good", "front")].name == lex.cased[("GF",)].name == "Good Front"
    assert lex.words[("good", "front")].kind == KIND_OF_TYPE["Rebel groups"]


def test_trained_names_give_their_aliases_and_skip_acleds_patterns():
    assert aliases_of("NPA: New People's Army") == ["new people's army", "NPA"]
    assert aliases_of("Islamic State (Iraq)") == ["islamic state"]
    assert aliases_of("Military Forces of Libya (2014-) Haftar Faction") == ["military forces of libya"]
    text, named = trained_actor_list([("Police Forces of Kenya (2013-)", "1"), ("Rioters (Kenya)", "5"),
                                      ("Pokot Ethnic Militia (Kenya)", "4"), ("Lake Shore Volunteers", "3"),
                                      ("Lake Shore Volunteers", "3"), ("Lake Shore Volunteers", "Rebel groups")])
    assert named == 1
    entry = read_groups(text).words[("lake", "shore", "volunteers")]
    assert (entry.name, entry.type) == ("Lake Shore Volunteers", "Political militias")


def test_a_capitalised_alias_does_not_match_a_shouted_headline(extract):
    event = _main_event(extract, "POLICE SAY IS MILITANTS ATTACKED AN ARMY CHECKPOINT NEAR MOSUL ON TUESDAY, KILLING TWO")
    assert event.actor1 is None or "Islamic State" not in event.actor1.name


def test_the_samples_have_the_actors_their_texts_give(tmp_path):
    out = tmp_path / "e.jsonl"
    main(["extract", str(REPO / "samples/articles.jsonl"), str(REPO / "samples/html/clashes-somalia.html"),
          "-o", str(out)])
    events = [json.loads(line) for line in out.read_text().splitlines()]

    def first(article, event_type):
        return next(e for e in events if e["article_id"].startswith(article) and e["event_type"] == event_type)

    mali = first("battle-mali", "Battles")
    assert (mali["actor1"]["name"], mali["actor2"]["name"]) == ("Military Forces of Mali", "Unidentified Armed Group (Mali)")
    marib = first("airstrike-yemen", "Explosions/Remote violence")
    assert marib["actor1"]["name"] == "Houthi Movement"
    somalia = first("clashes-somalia", "Battles")
    assert {somalia["actor1"]["name"], somalia["actor2"]["name"]} == {"Al Shabaab", "Military Forces of Somalia"}


def test_the_lexicon_loads_once_and_has_the_kind_words():
    lex = default_lexicon()
    assert lex is default_lexicon()
    assert lex.words[("police",)].kind == "state" and lex.words[("protesters",)].kind == "protester"
