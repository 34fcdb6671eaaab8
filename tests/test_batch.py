"""strife batch: both engines give exactly `strife extract`'s events; interrupted runs resume."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from strife.articles import read_inputs
from strife.batch import BatchOptions, plan_partitions, read_manifest
from strife.cli import main

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"

NON_CONFLICT = [
    {"id": "np-markets", "published": "2024-05-02", "title": "Shares rally as inflation eases",
     "text": "Shares rally as inflation eases\n\nShares in Norvane Holdings rose 4.1% on Thursday after the "
             "company reported higher quarterly revenue, and the main index closed at a record high.\n\n"
             "Analysts said lower energy prices had helped retailers and airlines alike."},
    {"id": "np-weather", "published": "2024-07-19", "title": "Heatwave in Lisbon",
     "text": "Heatwave in Lisbon\n\nTemperatures reached 39 degrees in Lisbon on Friday, and forecasters said "
             "the hot spell would last until the weekend.\n\nParks stayed open late and ferries ran as usual."},
    {"id": "np-science", "published": "2024-03-11", "title": "New beetle found",
     "text": "New beetle found\n\nA team at the University of Quito described a new species of beetle, about "
             "four millimetres long, found under the bark of fallen trees during a survey in the spring."},
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The samples, three non-conflict articles and one malformed line, as one JSONL file."""
    folder = tmp_path_factory.mktemp("batch-input")
    lines = (SAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    lines[3:3] = [json.dumps(a) for a in NON_CONFLICT]
    lines.insert(8, '{"id": "broken", "text": ')
    path = folder / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def expected(corpus, tmp_path_factory) -> bytes:
    out = tmp_path_factory.mktemp("extract") / "events.jsonl"
    assert main(["extract", str(corpus), str(SAMPLES / "html"), "--prefilter", "-o", str(out)]) == 1
    plain = out.with_name("plain.jsonl")
    main(["extract", str(corpus), str(SAMPLES / "html"), "-o", str(plain)])
    # The pre-filter only drops articles without events here, so both runs agree.
    assert out.read_bytes() == plain.read_bytes()
    return out.read_bytes()


def _parquet_events(outdir: Path) -> list[dict]:
    import pyarrow.dataset as ds

    return ds.dataset(outdir / "events", format="parquet").to_table().to_pylist()


def _check_outdir(outdir: Path, expected: bytes) -> None:
    assert (outdir / "events.jsonl").read_bytes() == expected
    records = [json.loads(line) for line in expected.decode().splitlines()]
    assert _parquet_events(outdir) == records   # parts are read in file-name order, the input order
    import pyarrow.dataset as ds

    articles = ds.dataset(outdir / "articles", format="parquet").to_table().to_pylist()
    by_id = {a["article_id"]: a for a in articles}
    assert len(by_id) == 14 and by_id["np-weather"]["relevant"] is False and by_id["np-weather"]["events"] == 0
    assert by_id["battle-mali"]["relevant"] is True and by_id["battle-mali"]["events"] >= 1
    skipped = [json.loads(line) for line in (outdir / "skipped.jsonl").read_text().splitlines()]
    assert [s["item"] for s in skipped] == ["mixed.jsonl:9"]


def test_local_engine_equals_extract(corpus, expected, tmp_path):
    outdir = tmp_path / "out"
    code = main(["batch", str(corpus), str(SAMPLES / "html"), "--engine", "local", "--workers", "2",
                 "--partition-size", "4", "-o", str(outdir)])
    assert code == 1  # the malformed line is reported and skipped
    _check_outdir(outdir, expected)
    assert len(read_manifest(outdir)) == 4


@pytest.mark.slow
def test_spark_engine_equals_extract(corpus, expected, tmp_path):
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs Java 17 (apt-get install openjdk-17-jre-headless)")
    outdir = tmp_path / "out"
    code = main(["batch", str(corpus), str(SAMPLES / "html"), "--engine", "spark", "--workers", "2",
                 "--partition-size", "4", "-o", str(outdir)])
    assert code == 1
    _check_outdir(outdir, expected)


def test_partition_digest_follows_content_and_settings(corpus):
    items = list(read_inputs([str(corpus)]))
    a = plan_partitions(items, BatchOptions(outdir="x", partition_size=5))
    b = plan_partitions(items, BatchOptions(outdir="x", partition_size=5))
    c = plan_partitions(items, BatchOptions(outdir="x", partition_size=5, prefilter=False))
    assert [p.digest for p in a] == [p.digest for p in b]
    assert not {p.digest for p in a} & {p.digest for p in c}
    assert [p.size for p in a] == [5, 5, 4]


def test_a_truncated_manifest_line_is_ignored(tmp_path):
    good = {"partition": 0, "digest": "abc", "articles": 2, "events": 1, "skipped": [], "seconds": 0.1}
    (tmp_path / "manifest.jsonl").write_text(json.dumps(good) + "\n" + '{"partition": 1, "dig')
    assert list(read_manifest(tmp_path)) == [0]


def _files(outdir: Path, indexes) -> dict[str, int]:
    names = [f"part-{i:05d}" for i in indexes]
    return {str(p): p.stat().st_mtime_ns for folder in ("jsonl", "events", "articles")
            for p in (outdir / folder).iterdir() if p.name.split(".")[0] in names}


def test_interrupted_run_resumes_without_redoing_partitions(corpus, expected, tmp_path):
    outdir = tmp_path / "out"
    command = [sys.executable, "-m", "strife.cli", "batch", str(corpus), str(SAMPLES / "html"),
               "--engine", "local", "--workers", "1", "--partition-size", "1", "-o", str(outdir)]
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    run = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    manifest = outdir / "manifest.jsonl"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (manifest.exists() and manifest.read_text().count("\n") >= 2):
        time.sleep(0.01)
    run.send_signal(signal.SIGINT)  # Ctrl-C in the middle of the run
    _, err = run.communicate(timeout=60)
    assert run.returncode == 130, err
    assert "run the same command again to resume" in err
    finished = read_manifest(outdir)
    assert 2 <= len(finished) < 15, "the run should have been interrupted part-way"
    before = _files(outdir, finished)

    rerun = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert rerun.returncode == 1, rerun.stderr   # 1: the malformed line is skipped again
    assert f"{len(finished)} of 15 partitions from an earlier run" in rerun.stderr
    assert _files(outdir, finished) == before     # finished partitions were not written again
    assert (outdir / "events.jsonl").read_bytes() == expected
