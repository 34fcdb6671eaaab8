"""A small run of bench/load_test.py: `strife serve` over 2,000 stored events, a few hundred
mixed reads and writes from three concurrent clients, on loopback. No 5xx, no request left
unanswered, no accepted write lost; it stops by itself within its time budget."""
from __future__ import annotations

import sys
import time

from storekit import REPO

sys.path.insert(0, str(REPO / "bench"))
import load_test  # noqa: E402

BUDGET_SECONDS = 30


def test_a_small_load_run_serves_everything_and_loses_no_write(tmp_path):
    start = time.monotonic()
    result = load_test.run(n_events=2000, n_requests=300, seconds=20, clients=3, seed=7, workdir=tmp_path)
    report = result.report()
    print(report)
    assert result.ok, report
    assert result.served == result.planned == 300
    assert not [s for s in result.statuses() if s >= 500]
    assert len(result.written) > 10  # the writes ran, and were read back
    assert time.monotonic() - start < BUDGET_SECONDS, report
