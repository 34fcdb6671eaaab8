"""`strife train` gated on ACLED's coded rows (CI only trains in a temporary folder: ACLED
rows and weights trained on them never go into the repository or the package).

In-region: every third dev row, half of each country's rows to train on and the other half
scored. Floors a little below what was measured (see CHANGELOG.md)."""
from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path

import pytest

ACLED = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "dev" / "acled_dev.jsonl"
FLOORS = {"type_accuracy": 0.87, "accuracy": 0.83}   # measured 0.881 / 0.839 (1,880 rows)


@pytest.mark.slow
def test_strife_train_learns_acleds_codebook_in_region(nlp, tmp_path):
    if not ACLED.exists():
        pytest.skip(f"{ACLED} is not here (the dev data is not part of the repository)")
    from strife.event_model import EventModel
    from strife.event_training import predict, read_coded, report, train

    rows, skipped = read_coded([str(ACLED)])
    assert not skipped
    rows = rows[::3]
    by_country = defaultdict(list)
    for row in rows:
        by_country[row.group if row.group in ("Kenya", "Bangladesh") else "other"].append(row)
    fit, test = [], []
    rng = random.Random(7)
    for group in sorted(by_country):
        part = by_country[group][:]
        rng.shuffle(part)
        fit += part[: len(part) // 2]
        test += part[len(part) // 2:]
    model = train(nlp, fit, "ACLED dev rows (test only, temporary folder)")
    folder = model.save(tmp_path / "acled-model")
    result = report([r.label for r in test], predict(nlp, EventModel.load(folder), test))
    print("\n".join(result.lines()))
    assert result.type_accuracy >= FLOORS["type_accuracy"] and result.accuracy >= FLOORS["accuracy"], result.lines()[:3]
