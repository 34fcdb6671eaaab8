"""dedup: near-duplicate articles and cross-article event merging, on hand-built records."""
from __future__ import annotations

from dataclasses import replace

import pytest

from storekit import article, event, rewrites, words_text
from strife import dedup
from strife.record import Actor, Location


def test_signature_is_deterministic_and_identical_texts_match():
    text = words_text(1)
    assert (dedup.signature(text) == dedup.signature(text)).all()
    assert dedup.similarity(dedup.signature(text), dedup.signature(text.upper())) == 1.0
    sig = dedup.signature(text)
    assert (dedup.signature_from_bytes(dedup.signature_to_bytes(sig)) == sig).all()


def test_a_reprint_with_a_new_byline_is_a_near_duplicate_and_another_story_is_not():
    text = words_text(2)
    reprint = "By our correspondent in the capital. " + text + " Copyright Example News."
    other = words_text(3)
    sig = dedup.signature(text)
    assert dedup.is_near_duplicate(dedup.signature(reprint), sig)
    assert not dedup.is_near_duplicate(dedup.signature(other), sig)
    assert set(dedup.band_keys(dedup.signature(reprint))) & set(dedup.band_keys(sig))


def test_near_duplicates_point_at_the_first_article():
    text = words_text(4)
    found = dedup.near_duplicates([("a", text), ("b", words_text(5)), ("c", "Updated: " + text),
                                   ("d", "Updated again: " + text)])
    assert found == {"c": "a", "d": "a"}


def test_shingles_of_short_texts():
    assert dedup.shingles("") == set()
    assert dedup.shingles("Two words") == {b"two words"}
    assert len(dedup.shingles("one two three four")) == 2


A = article("a", words_text(10))
B = article("b", words_text(11), outlet="Other")


@pytest.mark.parametrize("change, same", [
    ({}, True),
    ({"date": "2023-09-21"}, True),  # one day apart
    ({"date": "2023-09-19"}, True),
    ({"date": "2023-09-22"}, False),  # two days apart
    ({"date": None}, False),
    ({"event_type": "Protests", "sub_event_type": "Peaceful protest"}, False),
    ({"location": Location("Near", None, "AZE", 39.8177 + 0.2, 46.7528)}, True),  # about 22 km north
    ({"location": Location("Far", None, "AZE", 39.8177 + 0.24, 46.7528)}, False),  # about 27 km north
    ({"location": None}, False),
    ({"actor1": Actor("Military forces of Azerbaijan")}, True),  # case does not matter
    ({"actor1": Actor("Armenian separatists")}, False),
    ({"actor1": None}, True),  # an unnamed actor conflicts with nobody
    ({"actor2": Actor("Artsakh Defence Army")}, True),
])
def test_same_event(change, same):
    a = event(A, 0)
    b = replace(event(B, 0), **change)
    assert dedup.same_event(a, b) is same
    assert dedup.same_event(b, a) is same


def test_an_article_never_merges_with_itself():
    assert not dedup.same_event(event(A, 0), event(A, 1))


def test_distance_km():
    assert dedup.distance_km(0, 0, 1, 0) == pytest.approx(111.19, abs=0.01)  # a degree of latitude
    assert dedup.distance_km(39.8177, 46.7528, 39.8177, 46.7528) == 0


def test_merge_keeps_every_source_and_reconciles_counts():
    a = event(A, 0, fatalities=27, low=27, high=None, injured=200)
    b = replace(event(B, 0, fatalities=32, low=30, high=40, injured=None), actor2=Actor("Artsakh Defence Army"),
                claimed_by="separatist officials")
    silent = event(article("c", words_text(12)), 0, fatalities=0)  # gives no figure
    merged = dedup.merge_events([a, b, silent])
    assert [s.article_id for s in merged.sources] == ["a", "b", "c"]
    assert (merged.fatalities, merged.fatalities_low, merged.fatalities_high) == (27, 27, 40)
    assert merged.injured == 200
    assert merged.event_id == a.event_id and merged.evidence == a.evidence
    assert merged.actor2 == Actor("Artsakh Defence Army")  # filled from the second report
    assert merged.claimed_by == "officials"  # the first report's own claim wins


def test_merge_of_reports_that_give_no_figure_is_zero():
    merged = dedup.merge_events([event(A, 0), event(B, 0)])
    assert (merged.fatalities, merged.fatalities_low, merged.fatalities_high) == (0, None, None)


def test_merge_of_one_report_is_that_report():
    e = event(A, 0, fatalities=5)
    assert dedup.merge_events([e]) == e
    with pytest.raises(ValueError):
        dedup.merge_events([])


def test_twenty_rewrites_merge_into_one_event():
    events = [r.events[0] for r in rewrites(20)]
    (merged,) = dedup.merge_across_articles(events)
    assert len(merged.sources) == 20
    assert merged.fatalities == 27 and merged.fatalities_high == 58  # rw18: 40 + 18


def test_different_events_stay_apart():
    far = replace(event(B, 0), location=Location("Baku", None, "AZE", 40.4093, 49.8671))
    assert len(dedup.merge_across_articles([event(A, 0), far, event(B, 1)])) == 2
