"""The accuracy gate CI runs: every dev file scored, each metric against its pinned floor.

Floors live in eval/floors.json at the repository root, a margin below the measured value
(the sampling error of the rows scored, not the value itself). An entry may score a slice of
a file: `countries_out` leaves out the countries the rules were fitted to, so the gate also
watches countries nobody tuned on. A floor lower than the one in any earlier commit needs
its own `lowered floor NAME:METRIC` line in CHANGELOG.md (checked by tests/test_floors.py). Exit 1 when any metric is below its floor or a dev file is missing
on CI; 0 otherwise.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .run import evaluate, format_table

REPO = Path(__file__).resolve().parents[3]
FLOORS = REPO / "eval" / "floors.json"
DEV = Path(os.environ.get("STRIFE_DEV_DATA", REPO.parent / "shared" / "data" / "dev"))


def check(metrics: dict[str, float], floors: dict[str, float]) -> list[str]:
    """The metrics that fell below their floors, as readable lines."""
    return [f"{name} = {metrics.get(name)} is below the floor {floor}"
            for name, floor in floors.items() if metrics.get(name, 0.0) < floor]


def main() -> int:
    config = json.loads(FLOORS.read_text(encoding="utf-8"))
    failures: list[str] = []
    for name, spec in config["files"].items():
        file_name = spec.get("file", name)
        path = DEV / file_name
        if not path.exists():
            message = f"{path} is missing"
            if os.environ.get("CI"):
                failures.append(message)
            print(f"gate: {message}; skipped", file=sys.stderr)
            continue
        kind, metrics = evaluate(str(path), spec.get("limit"), tuple(spec.get("countries_out", ())))
        print(format_table(f"{name} ({kind}, {metrics.get('rows', metrics.get('timex_docs', '?'))} rows)", metrics))
        below = check(metrics, spec["floors"])
        failures.extend(f"{name}: {line}" for line in below)
        for name, floor in spec["floors"].items():
            print(f"  floor {name}: {floor} -> {'ok' if metrics.get(name, 0.0) >= floor else 'BELOW'}")
        print()
    if failures:
        print("gate: FAILED\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("gate: all metrics at or above their floors")
    return 0


if __name__ == "__main__":
    sys.exit(main())
