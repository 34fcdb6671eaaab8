"""The evaluation floors (eval/floors.json) only go up unless CHANGELOG.md explains why."""
import json
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FLOORS = REPO / "eval" / "floors.json"


def _floors_at(rev: str) -> dict | None:
    result = subprocess.run(["git", "show", f"{rev}:eval/floors.json"], cwd=REPO, capture_output=True, text=True)
    return json.loads(result.stdout) if result.returncode == 0 else None


def _lowered(old: dict, new: dict) -> list[str]:
    lowered = []
    for file_name, spec in old["files"].items():
        for metric, floor in spec["floors"].items():
            now = new["files"].get(file_name, {}).get("floors", {}).get(metric)
            if now is None or now < floor:
                lowered.append(f"{file_name}:{metric}")
    return lowered


def test_floors_are_never_lowered_silently():
    current = json.loads(FLOORS.read_text())
    changelog = (REPO / "CHANGELOG.md").read_text()
    for rev in ("HEAD", "HEAD~1"):
        old = _floors_at(rev)
        if old is None:
            continue
        for key in _lowered(old, current):
            assert f"lowered floor {key}" in changelog, f"floor {key} went down since {rev}: say why in CHANGELOG.md"


def test_every_floor_is_a_share():
    current = json.loads(FLOORS.read_text())
    for spec in current["files"].values():
        assert all(0.0 <= v <= 1.0 for v in spec["floors"].values())
