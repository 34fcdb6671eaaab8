"""The learned event decision: coded data in, a model folder out, and the pipeline using it.

All coded rows here are written by the team for these tests."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from strife.cli import main
from strife.errors import ModelError
from strife.event_model import NO_EVENT, Decision, EventModel
from strife.event_training import label_of, read_coded
from strife.mentions import Mention, Trigger

PROTESTS = [
    "Hundreds of nurses marched to the health ministry in {town} on Monday to demand unpaid wages.",
    "Students rallied outside the university gates in {town}, chanting against higher fees.",
    "Traders staged a sit-in at the main market of {town} over new stall taxes.",
    "Farmers protested peacefully along the highway near {town} against low crop prices.",
    "Teachers demonstrated in front of the education office in {town} on Thursday.",
]
CLASHES = [
    "Soldiers and rebel fighters clashed for hours near {town} on Sunday, residents said.",
    "Militants attacked an army post outside {town}, and troops fought them off after a gun battle.",
    "Government troops and insurgents exchanged fire on the road to {town} overnight.",
    "Fighting broke out between the army and an armed group in the hills above {town}.",
    "Rebels ambushed a military patrol near {town}; two soldiers and three rebels were killed.",
]
NON_EVENTS = [
    "The national team beat its rivals 3-1 in {town} in a friendly match on Saturday.",
    "Heavy rain flooded several streets of {town} and the river rose overnight.",
    "The central bank of {town} kept interest rates unchanged on Wednesday.",
    "A new hospital wing opened in {town} with forty beds for children.",
    "Parliament debated a budget bill for the roads around {town} on Tuesday.",
]
TOWNS = ["Lira", "Mopti", "Kisumu", "Tamale", "Bamenda", "Gulu", "Kano", "Jinja"]


def _rows() -> list[tuple[str, str, str, str]]:
    rows = []
    for frames, etype, sub in ((PROTESTS, "Protests", "Peaceful protest"), (CLASHES, "Battles", "Armed clash"),
                               (NON_EVENTS, "", "")):
        for i, town in enumerate(TOWNS):
            for frame in frames[i % 2::2]:
                rows.append((frame.format(town=town), etype, sub, "Uganda" if i % 2 else "Ghana"))
    return rows


@pytest.fixture(scope="module")
def coded_csv(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("coded") / "export.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["EVENT_ID_CNTY", "Event_Type", "Sub_Event_Type", "Country", "Notes",   # ACLED's casing varies
                         "ACTOR1", "ASSOC_ACTOR_1", "INTER1", "ACTOR2", "INTER2"])
        for i, (text, etype, sub, country) in enumerate(_rows()):
            actors = {"Battles": ["KLB: Kivu Lions Brigade", "Lake Shore Volunteers; Hill Guard", "2",
                                  f"Military Forces of {country} (1986-)", "1"],
                      "Protests": [f"Protesters ({country})", "", "6", "", "0"]}.get(etype, ["", "", "", "", ""])
            writer.writerow([f"X{i}", etype, sub, country, text, *actors])
        writer.writerow(["bad1", "Protests", "Peaceful protest", "Ghana", "   "])
        writer.writerow(["bad2", "Picnics", "Lunch", "Ghana", "People ate lunch."])
        writer.writerow(["bad3", "Battles", "Peaceful protest", "Ghana", "A mixed-up row."])
    return path


@pytest.fixture(scope="module")
def model_dir(coded_csv, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("model") / "m"
    assert main(["train", str(coded_csv), "-o", str(out)]) == 1   # 1: three rows were left out
    return out


def test_label_of_follows_the_codebook():
    assert label_of("Battles", "Armed clash") == "Armed clash"
    assert label_of("", "") == label_of("None", None) == NO_EVENT
    with pytest.raises(ValueError, match="unknown event_type"):
        label_of("Picnics", "Lunch")
    with pytest.raises(ValueError, match="is not a kind of"):
        label_of("Battles", "Peaceful protest")


def test_read_coded_reports_bad_rows_with_their_line(coded_csv, tmp_path):
    rows, skipped = read_coded([str(coded_csv)])
    n = len(_rows())
    assert len(rows) == n
    assert [(e.item, e.reason.split(" ")[0]) for e in skipped] == [
        (f"export.csv:{n + 2}", "empty"), (f"export.csv:{n + 3}", "unknown"), (f"export.csv:{n + 4}", "sub_event_type")]
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Police arrested nine protesters in Gulu.",
                                "gold": {"event_type": "Strategic developments", "sub_event_type": "Arrests",
                                         "location": {"country": "Uganda"}}}) + "\n{broken\n", encoding="utf-8")
    rows, skipped = read_coded([str(gold)])
    assert [(r.label, r.group) for r in rows] == [("Arrests", "Uganda")]
    assert skipped[0].item == "gold.jsonl:2" and "malformed JSON" in skipped[0].reason


def test_train_writes_a_model_folder_that_says_what_it_learned(model_dir, nlp):
    from strife.event_model import Labelled
    from strife.event_training import predict

    meta = json.loads((model_dir / "model.json").read_text())
    assert meta["format_version"] == 1 and meta["examples"] == len(_rows())
    per_class = len(_rows()) // 3
    assert meta["label_counts"] == {"Armed clash": per_class, "None": per_class, "Peaceful protest": per_class}
    assert "export.csv" in meta["trained_on"] and meta["features"]["char_ngrams"] == [2, 5]
    model = EventModel.load(model_dir)
    unseen = [Labelled(CLASHES[0].format(town="Arua"), ""), Labelled(NON_EVENTS[0].format(town="Arua"), ""),
              Labelled(PROTESTS[0].format(town="Arua"), "")]
    assert predict(nlp, model, unseen) == ["Armed clash", NO_EVENT, "Peaceful protest"]


def test_train_holdout_prints_accuracy_and_confusions(coded_csv, tmp_path, capsys):
    assert main(["train", str(coded_csv), "-o", str(tmp_path / "m"), "--holdout-by", "country",
                 "--holdout-share", "0.4"]) == 1
    out = capsys.readouterr().out
    held = [line for line in out.splitlines() if line.startswith("held-out rows:")]
    assert held and 0 < int(held[0].split(":")[1]) < len(_rows()) and "sub-event type accuracy:" in out and "per-class F1:" in out


def test_train_refuses_a_single_class(tmp_path, capsys):
    path = tmp_path / "one.jsonl"
    path.write_text("".join(json.dumps({"text": t.format(town="Lira"), "gold": {"event_type": "Protests",
                                        "sub_event_type": "Peaceful protest"}}) + "\n" for t in PROTESTS))
    assert main(["train", str(path), "-o", str(tmp_path / "m")]) == 2
    assert "at least 2 classes" in capsys.readouterr().err


def test_a_bad_model_folder_is_a_clear_error(model_dir, tmp_path, capsys):
    with pytest.raises(ModelError, match="does not exist"):
        EventModel.load(tmp_path / "nowhere")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ModelError, match="not a strife model folder"):
        EventModel.load(tmp_path / "empty")
    old = tmp_path / "old"
    old.mkdir()
    (old / "model.joblib").write_bytes((model_dir / "model.joblib").read_bytes())
    meta = json.loads((model_dir / "model.json").read_text())
    (old / "model.json").write_text(json.dumps({**meta, "format_version": 0}))
    with pytest.raises(ModelError, match="train it again"):
        EventModel.load(old)
    truncated = tmp_path / "truncated"
    truncated.mkdir()
    (truncated / "model.json").write_text((model_dir / "model.json").read_text())
    (truncated / "model.joblib").write_bytes((model_dir / "model.joblib").read_bytes()[:200])
    with pytest.raises(ModelError, match="not a readable model"):
        EventModel.load(truncated)
    samples = Path(__file__).resolve().parent.parent / "samples" / "articles.jsonl"
    assert main(["extract", str(samples), "--model", str(tmp_path / "nowhere")]) == 2
    assert f"model folder {tmp_path / 'nowhere'} does not exist" in capsys.readouterr().err


def _mention(sub: str = "") -> Mention:
    m = Mention(0, [Trigger(0, 1, "PROTEST", False)], kinds={"protester"})
    if sub:
        from strife.event_typing import set_type
        set_type(m, sub)
    return m


def test_decide_follows_the_models_thresholds(model_dir):
    from strife.events import decide

    model = EventModel.load(model_dir)
    model.reject, model.override, model.accept = 0.8, 0.6, 0.7
    assert decide(_mention("Peaceful protest"), Decision(NO_EVENT, 0.79), model)          # not sure enough: kept
    assert not decide(_mention("Peaceful protest"), Decision(NO_EVENT, 0.8), model)       # dropped
    retyped = _mention("Peaceful protest")
    assert decide(retyped, Decision("Armed clash", 0.65), model) and retyped.event_type == "Battles"
    kept = _mention("Peaceful protest")
    assert decide(kept, Decision("Armed clash", 0.55), model) and kept.sub_event_type == "Peaceful protest"
    assert not decide(_mention(), Decision("Armed clash", 0.69), model)                    # untyped, unsure
    accepted = _mention()
    assert decide(accepted, Decision("Armed clash", 0.7), model) and accepted.plover is not None


def test_train_keeps_the_coded_named_actors_and_extract_uses_them(model_dir, tmp_path):
    from strife.actor_names import read_groups

    listed = read_groups((model_dir / "actors.tsv").read_text(encoding="utf-8"))
    assert not listed.errors
    names = {e.name for e in [*listed.words.values(), *listed.cased.values()]}
    # named actors and associated actors; ACLED's patterns (forces of a country, protesters) are not names
    assert names == {"KLB: Kivu Lions Brigade", "Lake Shore Volunteers", "Hill Guard"}
    assert listed.cased[("KLB",)].type == "Rebel groups"
    klb = ("KLB fighters attacked an army post near Arua on Sunday and clashed with soldiers for two hours, "
           "residents said.")
    events = _extract(tmp_path, klb, str(model_dir))
    assert events and events[0]["actor1"]["name"] == "KLB: Kivu Lions Brigade", events
    assert _extract(tmp_path, klb, "rules")[0]["actor1"]["name"] != "KLB: Kivu Lions Brigade"


def _extract(tmp_path: Path, text: str, model: str) -> list[dict]:
    """`strife extract --model MODEL` on one article: its events as dicts."""
    article, out = tmp_path / "article.jsonl", tmp_path / "events.jsonl"
    article.write_text(json.dumps({"id": "m1", "published": "2024-03-07", "text": text}) + "\n")
    assert main(["extract", str(article), "--model", model, "-o", str(out)]) == 0
    return [json.loads(line) for line in out.read_text().splitlines()]


def test_extract_with_a_trained_model_drops_what_it_calls_no_event(model_dir, tmp_path):
    events = _extract(tmp_path, "Soldiers and rebel fighters clashed near Arua on Sunday, residents said.\n\n"
                                "The national team beat its rivals 3-1 in Arua in a friendly match.", str(model_dir))
    assert [e["sub_event_type"] for e in events] == ["Armed clash"]
    assert "clashed" in events[0]["evidence"]["text"]


def test_the_team_corpus_covers_the_codebook():
    from collections import Counter

    from strife.event_training import team_corpus
    from strife.record import SUB_EVENT_PARENT

    rows = team_corpus()
    counts = Counter(r.label for r in rows)
    assert len(rows) >= 3000 and counts[NO_EVENT] >= 800
    assert {sub: counts[sub] for sub in SUB_EVENT_PARENT if counts[sub] < 60} == {}
    assert len({r.text for r in rows}) == len(rows)


def test_the_default_model_is_built_from_the_team_corpus_and_used(tmp_path, monkeypatch):
    from strife.event_training import default_model_dir

    monkeypatch.setenv("STRIFE_CACHE_DIR", str(tmp_path))
    samples = Path(__file__).resolve().parent.parent / "samples" / "articles.jsonl"
    out = tmp_path / "e.jsonl"
    assert main(["extract", str(samples), "--model", "default", "-o", str(out)]) == 0
    meta = json.loads((default_model_dir() / "model.json").read_text())
    assert "team corpus" in meta["trained_on"] and len(meta["label_counts"]) == 26
    events = [json.loads(line) for line in out.read_text().splitlines()]
    articles = {e["article_id"] for e in events}
    assert "no-event-football" not in articles and "hypothetical-negated" not in articles
    assert {"battle-mali", "airstrike-yemen", "protest-chile"} <= articles
