"""Golden test on the bundled samples: what a careful coder codes from each (samples/README.md)."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

EXPECTED = {
    # article: (event_type, sub_event_type, iso3, date, fatalities)
    "battle-mali": ("Battles", "Armed clash", "MLI", "2024-03-05", 12),
    "airstrike-yemen": ("Explosions/Remote violence", "Air/drone strike", "YEM", "2024-05-12", 6),
    "civilians-drc": ("Violence against civilians", "Attack", "COD", "2024-06-18", 14),
    "protest-chile": ("Protests", "Peaceful protest", "CHL", "2024-08-29", 0),
    "riot-kenya": ("Riots", "Violent demonstration", "KEN", "2024-07-08", 0),
    "arrests-bangladesh": ("Strategic developments", "Arrests", "BGD", "2023-12-09", 0),
    "ceasefire-sudan": ("Strategic developments", "Agreement", "SDN", "2024-11-13", 0),
    "shelling-ukraine": ("Explosions/Remote violence", "Shelling/artillery/missile attack", "UKR", "2024-02-10", 2),
    "clashes-somalia.html": ("Battles", "Armed clash", "SOM", "2024-11-30", 9),
}


@pytest.fixture(scope="module")
def events():
    out = subprocess.run([sys.executable, "-m", "strife.cli", "extract", "samples"], cwd=REPO,
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def test_no_event_from_the_football_report_or_the_threats(events):
    assert not [e for e in events if e["article_id"] in {"no-event-football", "hypothetical-negated"}]


@pytest.mark.parametrize("article", sorted(EXPECTED))
def test_main_event_of_each_sample(events, article):
    mine = [e for e in events if e["article_id"] == article]
    assert len(mine) == 1, [(e["event_type"], e["sub_event_type"]) for e in mine]
    e = mine[0]
    assert (e["event_type"], e["sub_event_type"], e["location"]["iso3"], e["date"], e["fatalities"]) == EXPECTED[article]
