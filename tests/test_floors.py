"""The evaluation floors (eval/floors.json) only go down with a CHANGELOG line per lowering.

Every commit that changed floors.json is compared with the one before it, and the working
copy with HEAD: each time a floor went down (or disappeared) counts as one lowering, and
CHANGELOG.md needs as many `lowered floor NAME:METRIC` lines as there were lowerings of that
floor. One old line therefore cannot excuse a second drop.
"""
import json
import subprocess
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLOORS = REPO / "eval" / "floors.json"


def _git(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True)


def _floors_at(rev: str) -> dict | None:
    result = _git("show", f"{rev}:eval/floors.json")
    return json.loads(result.stdout) if result.returncode == 0 else None


def lowered(old: dict, new: dict) -> list[str]:
    out = []
    for name, spec in old["files"].items():
        for metric, floor in spec["floors"].items():
            now = new["files"].get(name, {}).get("floors", {}).get(metric)
            if now is None or now < floor:
                out.append(f"{name}:{metric}")
    return out


def lowerings(versions: list[dict]) -> Counter:
    """How many times each floor went down along `versions` (oldest first)."""
    counts: Counter = Counter()
    for old, new in zip(versions, versions[1:]):
        counts.update(lowered(old, new))
    return counts


def explained(changelog: str) -> Counter:
    counts: Counter = Counter()
    for line in changelog.splitlines():
        if "lowered floor " in line:
            key = line.split("lowered floor ", 1)[1].split()[0].rstrip(".,;:)")
            counts[key] += 1
    return counts


def unexplained(versions: list[dict], changelog: str) -> list[str]:
    have = explained(changelog)
    return sorted(f"{key} went down {n} times, CHANGELOG.md explains {have[key]}"
                  for key, n in lowerings(versions).items() if have[key] < n)


def _history() -> list[dict]:
    revs = _git("log", "--format=%H", "--reverse", "--", "eval/floors.json").stdout.split()
    versions = [v for v in (_floors_at(r) for r in revs) if v is not None]
    return versions + [json.loads(FLOORS.read_text())]


def test_every_lowering_of_a_floor_has_its_own_changelog_line():
    problems = unexplained(_history(), (REPO / "CHANGELOG.md").read_text())
    assert not problems, "floors went down without a line each in CHANGELOG.md: " + "; ".join(problems)


def _floors(**values: float) -> dict:
    return {"files": {"f": {"floors": values}}}


def test_a_second_drop_needs_a_second_line():
    history = [_floors(m=0.8), _floors(m=0.7), _floors(m=0.75), _floors(m=0.6)]
    assert unexplained(history, "- lowered floor f:m because the data changed") == [
        "f:m went down 2 times, CHANGELOG.md explains 1"]
    assert unexplained(history, "- lowered floor f:m (one)\n- lowered floor f:m (two)") == []


def test_a_floor_that_disappears_counts_as_lowered():
    assert lowerings([_floors(m=0.8, n=0.5), _floors(n=0.6)]) == Counter({"f:m": 1})


def test_every_floor_is_a_share_and_has_data_named():
    current = json.loads(FLOORS.read_text())
    for name, spec in current["files"].items():
        assert spec["floors"], name
        for metric, value in spec["floors"].items():
            assert 0.0 < value < 1.0, (name, metric, value)
        assert spec.get("file", name).endswith(".jsonl"), name
