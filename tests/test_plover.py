"""PLOVER typing of a text's main act, on hand-written sentences."""
import pytest


@pytest.mark.parametrize("text,ptype", [
    ("The two governments agreed on Monday to reopen their border crossings.", "AGREE"),
    ("The foreign minister condemned the shelling of the port city.", "DISAPPROVE"),
    ("The opposition rejected the electoral commission's timetable.", "REJECT"),
    ("The rebels threatened to attack the capital if talks failed.", "THREATEN"),
    ("The council demanded the release of the detained journalists.", "DEMAND"),
    ("The army said it will withdraw its troops from the northern district.", "AGREE"),
    ("The government will not accept any more refugees, the minister said.", "REJECT"),
    ("Police arrested twelve activists outside the parliament.", "COERCE"),
    ("Government troops clashed with rebels near the border on Monday.", "FIGHT"),
    ("Thousands of teachers marched through the capital on Monday.", "PROTEST"),
    ("The president met the visiting envoy to discuss the crisis.", "CONSULT"),
])
def test_plover_types(pipeline, extract, text, ptype):
    events = extract(text)
    typed = pipeline.plover(text, events)
    assert typed is not None and typed.type == ptype
