"""One article's fault is that article's alone, on every entry point.

Each test makes one stage raise an unexpected exception (not a StrifeError) on one article,
through the `inject_fault` setting, and checks that the article is reported with its id and
stage while every other article's events are exactly the ones a clean run gives.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from storekit import databases  # noqa: F401  (function-scoped fixture)
from strife.articles import read_inputs
from strife.cli import main
from strife.errors import ArticleError, BadInputError
from strife.pipeline import STAGES, InjectedFault, Pipeline, with_injected_fault
from strife.store import Store

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples" / "articles.jsonl"
VICTIM = "battle-mali"          # the article the fault is injected into
STAGE_NAMES = [s.name for s in STAGES]


def _faulty(pipeline: Pipeline, spec: str) -> Pipeline:
    """The session's pipeline (same spaCy, same gazetteer) with one stage faulty."""
    copy = Pipeline.__new__(Pipeline)
    copy.__dict__.update(pipeline.__dict__)
    copy.stages = with_injected_fault(STAGES, spec)
    return copy


def _events_by_article(results) -> dict[str, list[dict]]:
    return {r.article.id: [e.to_dict() for e in r.events] for r in results if not isinstance(r, BadInputError)}


@pytest.fixture(scope="module")
def articles():
    return list(read_inputs([str(SAMPLES)]))


@pytest.fixture(scope="module")
def baseline(pipeline, articles) -> dict[str, list[dict]]:
    return _events_by_article(pipeline.run_batch(articles))


def test_the_samples_give_events_to_check(baseline):
    assert baseline[VICTIM], "the victim article must have events for the test to mean anything"
    assert sum(bool(v) for k, v in baseline.items() if k != VICTIM) >= 5


@pytest.mark.parametrize("stage", STAGE_NAMES)
@pytest.mark.parametrize("batch_size", [1, 4])
def test_a_fault_in_any_stage_loses_only_that_article(pipeline, articles, baseline, stage, batch_size):
    faulty = _faulty(pipeline, f"{stage}:{VICTIM}")
    results = list(faulty.run_batch(articles, batch_size=batch_size))
    errors = [r for r in results if isinstance(r, BadInputError)]
    assert [(e.item, e.stage) for e in errors] == [(VICTIM, stage)]
    assert isinstance(errors[0], ArticleError) and "InjectedFault" in errors[0].reason
    assert "Traceback" in errors[0].detail
    others = {k: v for k, v in baseline.items() if k != VICTIM}
    assert _events_by_article(results) == others
    # Order is kept: the error stands where the article stood.
    assert [getattr(r, "item", None) or r.article.id for r in results] == [a.id for a in articles]


def test_process_names_the_stage(pipeline, articles):
    victim = next(a for a in articles if a.id == VICTIM)
    with pytest.raises(ArticleError) as info:
        _faulty(pipeline, f"assemble:{VICTIM}").process(victim)
    assert info.value.stage == "assemble" and str(info.value).startswith(f"{VICTIM}: assemble: InjectedFault")
    assert isinstance(info.value.__cause__, InjectedFault)


def test_an_unknown_stage_is_a_usage_error():
    from strife.errors import UsageError

    with pytest.raises(UsageError, match="no stage 'asemble'"):
        with_injected_fault(STAGES, f"asemble:{VICTIM}")


def test_extract_cli_reports_the_article_and_keeps_the_rest(monkeypatch, tmp_path, capsys, baseline):
    monkeypatch.setenv("STRIFE_INJECT_FAULT", f"actors:{VICTIM}")
    out = tmp_path / "events.jsonl"
    assert main(["extract", str(SAMPLES), "-o", str(out), "--verbose"]) == 1
    err = capsys.readouterr().err
    assert f"{VICTIM}: actors: InjectedFault" in err and "Traceback" in err
    got = [json.loads(line) for line in out.read_text().splitlines()]
    expected = [e for k, events in baseline.items() if k != VICTIM for e in events]
    assert got == expected


def test_extract_cli_without_verbose_gives_no_traceback(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("STRIFE_INJECT_FAULT", f"counts:{VICTIM}")
    assert main(["extract", str(SAMPLES), "-o", str(tmp_path / "e.jsonl")]) == 1
    err = capsys.readouterr().err
    assert f"{VICTIM}: counts: InjectedFault" in err and "Traceback" not in err


def _stored(url: str) -> dict[str, list[str]]:
    with Store(url) as store:
        by_article: dict[str, list[str]] = {}
        for e in store.events():
            by_article.setdefault(e.article_id, []).append(e.evidence.text)
        return by_article


def test_ingest_stores_every_other_article(monkeypatch, tmp_path, capsys, baseline):
    monkeypatch.setenv("STRIFE_INJECT_FAULT", f"places:{VICTIM}")
    url = f"sqlite:///{tmp_path / 'events.db'}"
    assert main(["ingest", str(SAMPLES), "--db", url, "--batch-size", "3"]) == 1
    assert f"{VICTIM}: places: InjectedFault" in capsys.readouterr().err
    stored = _stored(url)
    assert VICTIM not in stored
    assert set(stored) == {k for k, v in baseline.items() if v and k != VICTIM}
    # The article that failed goes in on the next run, once the fault is gone.
    monkeypatch.delenv("STRIFE_INJECT_FAULT")
    assert main(["ingest", str(SAMPLES), "--db", url]) == 0
    assert VICTIM in _stored(url)


def test_store_fault_in_one_article_keeps_the_rest(pipeline, articles, tmp_path, monkeypatch):
    import strife.store.store as store_module

    results = [r for r in pipeline.run_batch(articles) if not isinstance(r, BadInputError)]
    real = store_module._add_article

    def flaky(conn, result, report):
        if result.article.id == VICTIM:
            raise KeyError("a bug tripped by this article")
        real(conn, result, report)

    monkeypatch.setattr(store_module, "_add_article", flaky)
    with Store(f"sqlite:///{tmp_path / 'e.db'}") as store:
        report = store.add_results(results)
        assert [(e.item, e.stage) for e in report.skipped] == [(VICTIM, "store")]
        assert set(report.stored) == {r.article.id for r in results} - {VICTIM}
        assert VICTIM not in {e.article_id for e in store.events()}


def _batch_outputs(outdir: Path) -> tuple[list[dict], list[dict]]:
    events = [json.loads(line) for line in (outdir / "events.jsonl").read_text().splitlines()]
    skipped = [json.loads(line) for line in (outdir / "skipped.jsonl").read_text().splitlines()]
    return events, skipped


def _check_batch(outdir: Path, baseline: dict, stage: str) -> None:
    events, skipped = _batch_outputs(outdir)
    assert [(s["item"], s["reason"].split(":")[0]) for s in skipped] == [(VICTIM, stage)]
    assert "Traceback" in skipped[0]["detail"]
    assert events == [e for k, evs in baseline.items() if k != VICTIM for e in evs]


def test_batch_local_pool_keeps_the_rest(monkeypatch, tmp_path, baseline):
    # The pool's workers are spawned: they inherit the environment, so the fault too.
    monkeypatch.setenv("STRIFE_INJECT_FAULT", f"events:{VICTIM}")
    outdir = tmp_path / "out"
    code = main(["batch", str(SAMPLES), "--engine", "local", "--workers", "2", "--partition-size", "3",
                 "-o", str(outdir)])
    assert code == 1
    _check_batch(outdir, baseline, "events")


@pytest.mark.slow
def test_batch_spark_keeps_the_rest(tmp_path, baseline):
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("the spark engine needs Java 17 (apt-get install openjdk-17-jre-headless)")
    outdir = tmp_path / "out"
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), "STRIFE_INJECT_FAULT": f"assemble:{VICTIM}"}
    run = subprocess.run([sys.executable, "-m", "strife.cli", "batch", str(SAMPLES), "--engine", "spark",
                          "--workers", "2", "--partition-size", "3", "-o", str(outdir)],
                         env=env, capture_output=True, text=True, timeout=600)
    assert run.returncode == 1, run.stderr
    assert f"{VICTIM}: assemble: InjectedFault" in run.stderr
    _check_batch(outdir, baseline, "assemble")


AUTH = {"Authorization": "Bearer s3cret-token"}


def _client(store, pipeline):
    import warnings

    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Using `httpx` with `starlette.testclient`")
        from fastapi.testclient import TestClient
    from strife.api import create_app

    return TestClient(create_app(store, token="s3cret-token", pipeline_factory=lambda: pipeline),
                      raise_server_exceptions=False)


def _posted(articles) -> list[dict]:
    return [json.loads(line) for line in SAMPLES.read_text().splitlines()]


def test_api_list_post_skips_the_article_with_a_500_record(databases, pipeline, articles):  # noqa: F811
    faulty = _faulty(pipeline, f"times:{VICTIM}")
    with Store(databases.new_url()) as store:
        body = _client(store, faulty).post("/api/articles", json=_posted(articles), headers=AUTH)
        assert body.status_code == 200, body.text
        report = body.json()
        assert [(s["item"], s["status"], s["code"], s["stage"]) for s in report["skipped"]] == [
            (VICTIM, 500, "internal_error", "times")]
        assert "Traceback" not in json.dumps(report)       # logged, not sent
        assert VICTIM not in report["stored"] and len(report["stored"]) == len(articles) - 1
        assert VICTIM not in {e.article_id for e in store.events()}


def test_api_single_post_is_a_500_and_stores_nothing(databases, pipeline, articles):  # noqa: F811
    faulty = _faulty(pipeline, f"assemble:{VICTIM}")
    victim = next(a for a in _posted(articles) if a["id"] == VICTIM)
    with Store(databases.new_url()) as store:
        response = _client(store, faulty).post("/api/articles", json=victim, headers=AUTH)
        assert response.status_code == 500, response.text
        error = response.json()["error"]
        assert (error["status"], error["code"]) == (500, "internal_error") and "assemble" in error["message"]
        assert "Traceback" not in response.text
        assert store.events() == []
        # Input that cannot be read is still the user's 422.
        bad = _client(store, faulty).post("/api/articles", json={"id": "x"}, headers=AUTH)
        assert bad.status_code == 422
