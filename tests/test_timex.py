"""Golden and property tests for strife.timex (sentences written for these tests)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from strife.timex import Timex, date_of, find_times

THURSDAY = dt.date(2023, 9, 21)
WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
DEV_FILE = Path("/work/shared/data/dev/timex_meantime_dev.jsonl")


def only(text: str, published: dt.date | None, surface: str) -> Timex:
    """The single expression found with this surface text."""
    hits = [t for t in find_times(text, published) if t.text == surface]
    assert len(hits) == 1, find_times(text, published)
    return hits[0]


def value(text: str, published: dt.date | None, surface: str) -> str | None:
    return only(text, published, surface).value


# --- weekdays -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        ("Militia fighters raided the market on Thursday, residents said.", "Thursday", "2023-09-21"),
        ("Two soldiers were wounded on Tuesday near the border.", "Tuesday", "2023-09-19"),
        ("The convoy came under fire on Wednesday.", "Wednesday", "2023-09-20"),
        ("The town fell on Friday after a week of shelling.", "Friday", "2023-09-15"),
        ("Police broke up the sit-in last Tuesday.", "last Tuesday", "2023-09-19"),
        ("The council meets again last Thursday, it said.", "last Thursday", "2023-09-14"),
        ("A vote is planned for next Tuesday.", "next Tuesday", "2023-09-26"),
        ("Talks resume this coming Tuesday.", "this coming Tuesday", "2023-09-26"),
        ("Rebels shelled the airport on Monday's eve.", "Monday", "2023-09-18"),
    ],
)
def test_weekdays_resolve_against_publication(sentence: str, surface: str, expected: str) -> None:
    timex = only(sentence, THURSDAY, surface)
    assert (timex.value, timex.precision, timex.kind) == (expected, 1, "DATE")


def test_weekday_with_part_of_day_is_a_time() -> None:
    timex = only("Gunmen stormed the village on Tuesday night.", THURSDAY, "Tuesday night")
    assert (timex.value, timex.kind) == ("2023-09-19TNI", "TIME")
    assert date_of(timex) == dt.date(2023, 9, 19)


def test_one_day_earlier_counts_from_the_previous_date_in_the_text() -> None:
    text = "Troops retook the bridge on Thursday. One day earlier, the militia had blown up a depot."
    assert value(text, THURSDAY, "One day earlier") == "2023-09-20"


def test_relative_days_count_from_the_latest_explicit_date() -> None:
    text = "Fighting broke out on 3 August 2023. Two days later the army sent reinforcements. " \
           "The previous day, aid workers had left."
    assert value(text, THURSDAY, "Two days later") == "2023-08-05"
    assert value(text, THURSDAY, "The previous day") == "2023-08-04"


def test_days_ago_count_from_publication() -> None:
    text = "On 1 September 2023 the siege began. Three days ago a bus was burned."
    assert value(text, THURSDAY, "Three days ago") == "2023-09-18"


# --- relative periods -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "expected", "precision"),
    [
        ("A curfew was imposed today in the capital.", "today", "2023-09-21", 1),
        ("Yesterday, students marched to the ministry.", "Yesterday", "2023-09-20", 1),
        ("The depot was looted last week.", "last week", "2023-W37", 2),
        ("Strikes continued this week in the port.", "this week", "2023-W38", 2),
        ("Clashes erupted earlier this week.", "earlier this week", "2023-W38", 2),
        ("The ministry was attacked last month.", "last month", "2023-08", 3),
        ("Roads were mined earlier this month.", "earlier this month", "2023-09", 3),
        ("More than 200 people died this year.", "this year", "2023", 3),
        ("The rebels split last year.", "last year", "2022", 3),
        ("A bridge was destroyed four days ago.", "four days ago", "2023-09-17", 1),
    ],
)
def test_relative_periods(sentence: str, surface: str, expected: str, precision: int) -> None:
    timex = only(sentence, THURSDAY, surface)
    assert (timex.value, timex.precision) == (expected, precision)


def test_overnight_and_last_night_are_the_night_before_publication() -> None:
    text = "Drones struck the depot overnight. Last night, sirens sounded again."
    assert value(text, THURSDAY, "overnight") == "2023-09-20TNI"
    assert value(text, THURSDAY, "Last night") == "2023-09-20TNI"


# --- explicit dates -------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "surface", "expected"),
    [
        ("The mortar attack took place on September 20, 2023.", "September 20, 2023", "2023-09-20"),
        ("Talks collapsed on 20 September 2023 in the capital.", "20 September 2023", "2023-09-20"),
        ("Shops were burned on Sept. 20 in the old town.", "Sept. 20", "2023-09-20"),
        ("The report is dated 2023-09-20.", "2023-09-20", "2023-09-20"),
        ("The register shows 20/09/2023 as the date of arrest.", "20/09/2023", "2023-09-20"),
        ("The register shows 09/20/2023 as the date of arrest.", "09/20/2023", "2023-09-20"),
        ("The register shows 03/04/2023 as the date of arrest.", "03/04/2023", "2023-04-03"),
        ("Monday, September 18 saw the worst fighting.", "Monday, September 18", "2023-09-18"),
        ("Elections are set for October 5.", "October 5", "2023-10-05"),
    ],
)
def test_explicit_dates(sentence: str, surface: str, expected: str) -> None:
    timex = only(sentence, THURSDAY, surface)
    assert (timex.value, timex.precision, timex.kind) == (expected, 1, "DATE")


def test_date_without_year_takes_the_closest_past_year() -> None:
    text = "The offensive began on September 20 with air strikes."
    assert value(text, dt.date(2024, 1, 10), "September 20") == "2023-09-20"


def test_month_alone_takes_the_closest_past_month() -> None:
    assert value("The town was besieged in March.", dt.date(2023, 9, 21), "March") == "2023-03"
    assert value("The town was besieged in October.", dt.date(2023, 9, 21), "October") == "2022-10"
    assert value("The camp was closed in March 2020.", THURSDAY, "March 2020") == "2020-03"


def test_year_alone_and_decades() -> None:
    timex = only("The group was founded in 2020 by exiles.", THURSDAY, "2020")
    assert (timex.value, timex.precision) == ("2020", 3)
    assert value("Its leaders fought in the 1990s.", THURSDAY, "1990s") == "199"


def test_range_is_one_expression_valued_at_its_first_day() -> None:
    timex = only("Fighting between 19 and 21 September left 30 dead.", THURSDAY,
                 "between 19 and 21 September")
    assert (timex.value, timex.precision) == ("2023-09-19", 2)


@pytest.mark.parametrize(
    "sentence",
    [
        "Officials may announce the results soon.",
        "Protesters will march to the parliament.",
        "The Sun reported the clashes first.",
        "Thousands joined the March for Peace.",
        "May said the talks were over.",
        "About 2000 people fled the fighting.",
    ],
)
def test_homonyms_are_not_dates(sentence: str) -> None:
    calendar = [t for t in find_times(sentence, THURSDAY) if date_of(t) is not None]
    assert calendar == []


def test_a_belief_about_who_is_no_future_cue() -> None:
    # 'suspected to be' says who the raiders were, it plans nothing: the day is publication day
    text = "The office was raided by masked men, suspected to be soldiers, on 4 August."
    assert value(text, dt.date(2017, 8, 4), "4 August") == "2017-08-04"
    assert value("The vote is to be held on 4 August.", dt.date(2017, 8, 4), "4 August") == "2017-08-04"
    assert value("The vote is to be held on 9 August.", dt.date(2017, 8, 4), "9 August") == "2017-08-09"


def test_month_words_with_date_context_are_dates() -> None:
    assert value("The ceasefire held until early May.", THURSDAY, "early May") == "2023-05"
    assert value("Troops arrived on 4 May.", THURSDAY, "4 May") == "2023-05-04"


# --- without a publication date -----------------------------------------------------


def test_without_publication_date_anchored_values_are_none_but_absolute_dates_resolve() -> None:
    text = "On Tuesday, two days after September 20, 2023, rebels attacked. Yesterday police fired."
    found = {t.text: t.value for t in find_times(text, None)}
    assert found["Tuesday"] is None
    assert found["Yesterday"] is None
    assert found["September 20, 2023"] == "2023-09-20"


def test_date_of_gives_first_day_of_coarse_values() -> None:
    def date_for(value: str) -> dt.date | None:
        return date_of(Timex(value, 0, len(value), value, 3, "DATE"))

    assert date_for("2023-W38") == dt.date(2023, 9, 18)
    assert date_for("2023-09") == dt.date(2023, 9, 1)
    assert date_for("2023") == dt.date(2023, 1, 1)
    assert date_for("PAST_REF") is None
    assert date_of(Timex("three days", 0, 10, "P3D", 3, "DURATION")) is None


# --- properties ---------------------------------------------------------------

publication_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))
weekday_names = st.sampled_from(WEEKDAY_NAMES)


@settings(max_examples=150, deadline=None)
@given(published=publication_dates, weekday=weekday_names)
def test_on_weekday_is_within_the_six_days_up_to_publication(published: dt.date, weekday: str) -> None:
    timex = only(f"Security forces opened fire on {weekday}, witnesses said.", published, weekday)
    resolved = date_of(timex)
    assert resolved is not None
    assert 0 <= (published - resolved).days <= 6
    assert resolved.strftime("%A") == weekday


ANCHORED_SENTENCES = [
    "The bombing happened on {weekday}.",
    "Police arrested ten people yesterday.",
    "The army withdrew last week.",
    "Aid convoys stopped last month.",
    "Clashes resumed on September 20.",
    "A car bomb exploded three days ago.",
    "Rebels attacked on {weekday} morning.",
]


@settings(max_examples=60, deadline=None)
@given(template=st.sampled_from(ANCHORED_SENTENCES), weekday=weekday_names)
def test_without_publication_date_anchored_values_are_none(template: str, weekday: str) -> None:
    found = find_times(template.format(weekday=weekday), None)
    assert found
    assert all(t.value is None for t in found)


@settings(max_examples=100, deadline=None)
@given(
    published=st.one_of(st.none(), publication_dates),
    pieces=st.lists(
        st.sampled_from([
            "On Tuesday", "gunmen killed", "five people", "on 3 March 2021", "  ", "\n", "Yesterday,",
            "between 19 and 21 September", "last week", "at 9:30 p.m.", "in the 1990s", "May", "march",
            "one day earlier", "20/09/2023", "overnight", "for three years", "Sept. 20", ",", ".",
        ]),
        max_size=12,
    ),
)
def test_offsets_match_surface_and_are_ordered(published: dt.date | None, pieces: list[str]) -> None:
    text = " ".join(pieces)
    found = find_times(text, published)
    for timex in found:
        assert text[timex.start:timex.end] == timex.text
        assert timex.text == timex.text.strip()
        assert timex.kind in ("DATE", "TIME", "DURATION", "SET")
        assert timex.precision in (1, 2, 3)
    for earlier, later in zip(found, found[1:]):
        assert earlier.end <= later.start


# --- dev data (read in place, never copied) -----------------------------------------


@pytest.mark.skipif(not DEV_FILE.exists(), reason="MEANTIME dev file not available")
def test_meantime_dev_scores_stay_above_targets() -> None:
    from strife.evaluation.timex import score

    rows = [json.loads(line) for line in DEV_FILE.read_text(encoding="utf-8").splitlines() if line.strip()]
    scores = score(rows)
    assert scores["timex_docs"] == len(rows)
    assert scores["timex_f1"] >= 0.80
    assert scores["timex_value_accuracy"] >= 0.85
