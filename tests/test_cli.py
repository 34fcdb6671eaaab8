"""The command line: formats, exit codes and one-line errors."""
import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "strife.cli", *args], capture_output=True, text=True,
                          input=stdin, cwd=REPO)


def test_extract_samples_jsonl():
    result = run("extract", "samples", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(events) >= 8
    assert {e["article_id"] for e in events} >= {"battle-mali", "protest-chile", "clashes-somalia.html"}
    assert not any(e["article_id"] in {"no-event-football"} for e in events)
    for e in events:
        assert set(e) >= {"event_id", "event_type", "sub_event_type", "evidence", "sources", "fatalities"}


def test_bad_inputs_are_skipped_with_a_count(tmp_path):
    (tmp_path / "good.txt").write_text("Police arrested 12 protesters in Lima on Monday.")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "bin.txt").write_bytes(b"\x00\xff\x00")
    result = run("extract", str(tmp_path), "--published", "2024-03-07")
    assert result.returncode == 1
    assert "skipped empty.txt" in result.stderr and "skipped bin.txt" in result.stderr
    assert "2 input(s) skipped" in result.stderr
    assert json.loads(result.stdout.splitlines()[0])["article_id"] == "good.txt"


def test_unknown_published_format_is_a_usage_error():
    result = run("extract", "samples", "--published", "next thursday")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("strife: error: unknown date")
    assert len(result.stderr.strip().splitlines()) == 1


def test_stdin_text_and_csv():
    result = run("extract", "-", "--published", "2024-03-07", "--format", "csv",
                 stdin="Police arrested 12 opposition activists in Lima on Monday.")
    assert result.returncode == 0, result.stderr
    header, row = result.stdout.splitlines()[:2]
    assert header.startswith("event_id_cnty,event_date,year,time_precision,event_type,sub_event_type")
    assert "Arrests" in row


def test_stage_commands(tmp_path):
    path = tmp_path / "a.jsonl"
    text = "Protesters marched in Nairobi on Tuesday."
    path.write_text(json.dumps({"id": "a", "text": text, "published": "2024-03-07"}) + "\n")
    geo = json.loads(run("geoparse", str(path)).stdout)
    (place,) = [p for p in geo["places"] if p["text"] == "Nairobi"]
    assert text[place["start"]:place["end"]] == "Nairobi" and place["iso3"] == "KEN"
    times = json.loads(run("timex", str(path)).stdout)
    assert times["times"][0]["value"] == "2024-03-05"
    cleaned = json.loads(run("clean", str(path)).stdout)
    assert cleaned["text"] == text
