"""bench/soak.py --quick: the reliability soak at CI size (200 bad items per input path, one
SIGKILL per run and store, 400 hostile requests), on SQLite and, with $STRIFE_TEST_PG, on
PostgreSQL. The full size is run by hand (README, "Reliability")."""
import os
import subprocess
import sys

from storekit import REPO, pg_base_url


def test_the_quick_soak_finds_no_crash_hang_loss_duplicate_or_5xx(capsys):
    pg = pg_base_url()   # on CI a missing PostgreSQL fails here; elsewhere the test is skipped
    done = subprocess.run([sys.executable, str(REPO / "bench" / "soak.py"), "--quick", "--pg", pg], cwd=REPO,
                          capture_output=True, text=True, timeout=1800, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    with capsys.disabled():
        print("\n" + done.stdout[-6000:])
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "soak: passed" in done.stdout
    table = done.stdout.split("path ", 1)[1]
    for path in ("text files", "jsonl lines", "html files", "warc records", "rss/atom feeds", "api bodies",
                 "jsonl lines (postgresql)", "kill: sqlite ingest", "kill: postgresql watch cycle", "api hostile requests"):
        assert path in table, path
