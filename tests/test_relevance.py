"""The relevance pre-filter: recall on ACLED's gold events, rejection of everyday news."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from strife.record import Article
from strife.relevance import is_relevant, relevance

ACLED_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "dev" / "acled_dev.jsonl"
SAMPLES = Path(__file__).resolve().parent.parent / "samples" / "articles.jsonl"


@pytest.mark.parametrize("text", [
    "Gunmen killed three villagers near Beni on Tuesday.",
    "Students clash with police over fee increases.",              # weak word + a party to violence
    "Teachers marched through the streets demanding unpaid wages.",
    "Police fired tear gas to disperse the crowd.",
    "A mob lynches a suspected thief.",
    "The OSCE SMM observed 12 bursts of fire involving small arms near the frontline.",
    "Supporters of the candidate assaulted and injured two journalists.",
])
def test_conflict_sentences_are_kept(text):
    assert is_relevant(text), relevance(text)


@pytest.mark.parametrize("text", [
    "Shares in the bank rallied 4% after quarterly earnings beat forecasts, and traders bet on a rate cut.",
    "City beat United 2-1, with the striker scoring the winner; their attack looked sharp and the shot flew in.",
    "Temperatures reached 39 degrees on Friday and a storm is expected on Sunday, forecasters said.",
    "The museum reopened after a renovation that cost $40 million, with a new wing for modern art.",
    "A heart attack survivor spoke at the opening of the new hospital wing.",
    "The striker killed the game off in stoppage time to send his side into the semifinal.",
])
def test_everyday_news_is_dropped(text):
    assert not is_relevant(text), relevance(text)


def test_samples_with_events_are_kept():
    for line in SAMPLES.read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        if not article["id"].startswith(("no-event", "hypothetical")):
            assert is_relevant(article["text"]), article["id"]


def test_prefilter_hook_skips_the_parse(pipeline, monkeypatch):
    from strife.pipeline import Pipeline

    filtered = Pipeline.__new__(Pipeline)
    filtered.__dict__.update(pipeline.__dict__, prefilter=True)
    calls = []
    monkeypatch.setattr(filtered, "nlp", lambda text: calls.append(text) or pipeline.nlp(text))
    weather = Article(id="w", text="Heatwave\n\nTemperatures reached 39 degrees in Lisbon on Friday.", published="2024-07-19")
    assert filtered.process(weather).events == [] and calls == []
    clash = Article(id="c", text="Troops clashed with militants near Djenne on Tuesday, killing 12.", published="2024-03-06")
    assert filtered.process(clash).events and len(calls) == 1


@pytest.mark.skipif(not ACLED_DEV.exists(), reason="dev data (../shared/data/dev) not present")
def test_recall_on_acled_dev_sample():
    """Every ACLED row is a gold event: the filter must keep at least 99% of them."""
    rows = [json.loads(line) for line in ACLED_DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    sample = rows[1::3]   # a spread-out third of the file, every region and year
    kept = sum(is_relevant(r["text"]) for r in sample)
    assert kept / len(sample) >= 0.99, f"recall {kept / len(sample):.4f} on {len(sample)} ACLED rows"
