"""`strife ingest` killed with SIGKILL at random moments, on SQLite and PostgreSQL.

A corpus of generated conflict reports (with wire copies, so that near-duplicate linking
and event merging run too) is ingested once without interruption: that store is the
reference, and the run's timing (from the pipeline being loaded to each committed batch)
places the kills. Then, for each of three kill points (one inside the first batch, one after
the middle batch's commit, one after the last-but-one's, each with a seeded delay shorter
than a batch, so that a busy machine moves the kill but not the batch it falls in), a
fresh store is ingested, the process is
killed with SIGKILL, the store is checked to hold whole batches only, and `strife ingest`
is run again: its rows must be exactly the reference's (storekit.snapshot: every row of
articles, article_bands, events and event_sources, without the ingestion time).

The killed runs are `strife ingest` itself (strife.cli.main) with two lines of output
added, READY when the pipeline is loaded and COMMITTED after each batch, so that the delays
are measured from the moment articles start to flow rather than from process start (loading
spaCy takes a variable second or two). The re-runs are the plain command.
"""
from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from storekit import REPO, databases, snapshot  # noqa: F401
from strife.store import Store

sys.path.insert(0, str(REPO / "bench"))
import newsgen  # noqa: E402
import soak_kills  # noqa: E402

SEED = 20240307
ARTICLES = 84
BATCH = 8
RUN_TIMEOUT = 60

# strife ingest, telling the test when articles start to flow and when each batch is committed.
TRACED_INGEST = soak_kills.TRACED


def write_corpus(path: Path) -> int:
    """Conflict reports plus, every seventh one, a wire copy with one sentence of its own."""
    rng = random.Random(SEED)
    articles = newsgen.conflict_articles(ARTICLES, seed=SEED % 1000)
    out = []
    for i, a in enumerate(articles):
        out.append(a)
        if i % 7 == 3:
            copy = dict(rng.choice(out[: len(out)]))
            own = f"A witness told Reprint Daily (story {i}) that the situation remained tense. "
            copy.update(id=f"copy-{i:03d}", source="Reprint Daily", text=copy["text"].replace("\n\n", "\n\n" + own, 1))
            out.append(copy)
    path.write_text("".join(json.dumps(a) + "\n" for a in out), encoding="utf-8")
    return len(out)


def ingest_args(corpus: Path, url: str) -> list[str]:
    return ["ingest", str(corpus), "--db", url, "--batch-size", str(BATCH)]


def env() -> dict[str, str]:
    return {**os.environ, "PYTHONUNBUFFERED": "1"}


class Traced:
    """A traced `strife ingest` whose output lines are timed as they arrive."""

    def __init__(self, corpus: Path, url: str):
        self.proc = subprocess.Popen([sys.executable, "-c", TRACED_INGEST, *ingest_args(corpus, url)], cwd=REPO,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env())
        self.ready = threading.Event()
        self.ready_at: float | None = None
        self.commits: list[float] = []  # seconds after READY
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            now = time.monotonic()
            if line.strip() == "READY":
                self.ready_at = now
                self.ready.set()
            elif line.strip() == "COMMITTED":
                self.commits.append(now - self.ready_at)

    def wait_ready(self) -> None:
        if not self.ready.wait(RUN_TIMEOUT):
            self.proc.kill()
            pytest.fail(f"traced ingest never got ready: {self.proc.stderr.read()[-2000:]}")

    def wait_commits(self, n: int) -> None:
        deadline = time.monotonic() + RUN_TIMEOUT
        while len(self.commits) < n and self.proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)

    def finish(self) -> int:
        code = self.proc.wait(RUN_TIMEOUT)
        self._reader.join(5)
        return code


def plain_ingest(corpus: Path, url: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "strife.cli", *ingest_args(corpus, url)], cwd=REPO,
                          capture_output=True, text=True, env=env(), timeout=RUN_TIMEOUT)


def kill_points(commits: list[float]) -> list[tuple[str, int, float]]:
    """(label, commits to wait for, then seconds to wait): inside the first batch, middle, late."""
    rng = random.Random(SEED)
    gap = (commits[-1] - commits[0]) / max(1, len(commits) - 1)
    return [("first batch", 0, rng.uniform(0.2, 0.6) * commits[0]),
            ("middle", len(commits) // 2, rng.uniform(0.1, 0.6) * gap),
            ("late", len(commits) - 2, rng.uniform(0.1, 0.6) * gap)]


def test_a_killed_ingest_rerun_ends_with_the_rows_of_an_uninterrupted_one(databases, tmp_path, capsys):
    corpus = tmp_path / "corpus.jsonl"
    total = write_corpus(corpus)

    reference_url = databases.new_url()
    reference = Traced(corpus, reference_url)
    reference.wait_ready()
    assert reference.finish() == 0, reference.proc.stderr.read()[-2000:]
    expected = snapshot(reference_url)
    assert len(expected["articles"]) == total and len(expected["events"]) > ARTICLES
    assert any(row[7] for row in expected["articles"]), "the copies should be linked as near-duplicates"
    batches = -(-total // BATCH)
    assert len(reference.commits) == batches

    survived = []
    for label, after, pause in kill_points(reference.commits):
        url = databases.new_url()
        run = Traced(corpus, url)
        run.wait_ready()
        run.wait_commits(after)
        time.sleep(pause)
        delay = time.monotonic() - run.ready_at
        finished_first = run.proc.poll() is not None
        run.proc.send_signal(signal.SIGKILL)
        run.proc.wait(RUN_TIMEOUT)
        run._reader.join(5)
        assert not finished_first, f"the {label} kill at {delay:.2f} s came after the run had ended"
        with Store(url) as store:
            stored = store.table_counts()["articles"]
        # Whole batches only: every batch commits BATCH articles, and nothing of the one in flight is kept.
        assert stored % BATCH == 0 and stored == BATCH * len(run.commits), (label, stored, run.commits)
        if label == "first batch":
            assert stored == 0, f"the first-batch kill at {delay:.2f} s came after a commit"
        rerun = plain_ingest(corpus, url)
        assert rerun.returncode == 0, rerun.stderr[-2000:]
        assert f"{total - stored} article(s) stored" in rerun.stderr, rerun.stderr[-500:]
        assert snapshot(url) == expected, f"{label} kill at {delay:.2f} s: the re-run differs from the reference"
        survived.append(f"{label}: killed {delay:.2f} s after READY with {stored}/{total} articles committed")

    assert len({s.split(" after")[0] for s in survived}) == 3
    committed = [int(s.split(" with ")[1].split("/")[0]) for s in survived]
    assert committed[0] == 0 and 0 < committed[-1] < total  # one kill before any commit, one late
    with capsys.disabled():
        print(f"\n[{databases.backend}] reference: {total} articles in {batches} batches, "
              f"first commit {reference.commits[0]:.2f} s, last {reference.commits[-1]:.2f} s after READY")
        for line in survived:
            print(f"[{databases.backend}] survived {line}")
