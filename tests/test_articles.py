"""Reading inputs: every bad item becomes a BadInputError naming it; good ones survive."""
import json

import pytest

from strife.articles import parse_published, read_inputs
from strife.errors import BadInputError, UsageError
from strife.record import Article


def test_jsonl_good_and_bad_lines_are_kept_apart(tmp_path):
    lines = [
        json.dumps({"id": "a1", "text": "Police arrested 12 people.", "published": "2023-09-21", "lang": "en"}),
        "{not json",
        json.dumps({"text": "no id"}),
        json.dumps({"id": "a2", "text": "x", "html": "<p>x</p>"}),
        json.dumps({"id": "a3", "text": "Fine.", "published": "2023-02-30"}),
        json.dumps({"id": "a1", "text": "duplicate"}),
        json.dumps({"id": "a4", "html": "<p>Rally in Lima.</p>"}),
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    results = list(read_inputs([str(path)]))
    good = [r for r in results if isinstance(r, Article)]
    bad = [r for r in results if isinstance(r, BadInputError)]
    assert [a.id for a in good] == ["a1", "a4"]
    assert good[0].meta == {"lang": "en"} and good[0].published == "2023-09-21"
    assert len(bad) == 5
    assert bad[0].item == "in.jsonl:2" and "malformed JSON" in bad[0].reason
    assert "id" in bad[1].reason
    assert "exactly one" in bad[2].reason
    assert "unknown date" in bad[3].reason
    assert "duplicate" in bad[4].reason


def test_files_empty_binary_and_invalid_utf8(tmp_path):
    (tmp_path / "empty.txt").write_text("   \n")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02abc")
    (tmp_path / "latin.txt").write_bytes("Caf\xe9 attack".encode("latin-1"))
    (tmp_path / "good.txt").write_text("Gunmen attacked a village on Monday.")
    results = {getattr(r, "item", getattr(r, "id", None)): r for r in read_inputs([str(tmp_path)])}
    assert isinstance(results["good.txt"], Article)
    assert "empty" in results["empty.txt"].reason
    assert "binary" in results["binary.txt"].reason
    assert "UTF-8" in results["latin.txt"].reason


def test_missing_path_is_reported():
    (err,) = list(read_inputs(["/no/such/file.txt"]))
    assert isinstance(err, BadInputError) and "no such file" in err.reason


@pytest.mark.parametrize("text,iso", [
    ("2023-09-21", "2023-09-21"), ("2023-09-21T10:00:00Z", "2023-09-21"), ("2023/9/21", "2023-09-21"),
    ("21 September 2023", "2023-09-21"), ("Sept. 21, 2023", "2023-09-21"), ("September 21 2023", "2023-09-21"),
])
def test_parse_published_accepts_common_forms(text, iso):
    assert parse_published(text) == iso


@pytest.mark.parametrize("text", ["21/09/2023", "tomorrow", "2023-02-30", "", "Thursday"])
def test_parse_published_rejects_the_rest(text):
    with pytest.raises(UsageError):
        parse_published(text)


# Found by bench/soak.py: one bad line used to lose a whole JSONL file, or stop the batch.
def test_one_bad_jsonl_line_loses_only_itself(tmp_path):
    good = json.dumps({"id": "ok", "text": "Police arrested 12 people in Lima."}).encode()
    lines = [
        good,
        b'{"id": "latin", "text": "caf\xe9 \xff"}',                  # not UTF-8
        b"[" * 100_000 + b"]" * 100_000,                              # deeper than the parser goes
        b'{"id": "sur", "text": "\\ud800 lone surrogate"}',            # not writable as UTF-8
        b'{"id": " ", "text": "blank id"}',
        b'{"id": "nul\\u0000", "text": "control character in the id"}',
        json.dumps({"id": "sep", "text": "one\u2028line"}, ensure_ascii=False).encode(),   # U+2028 is not a line end
    ]
    path = tmp_path / "in.jsonl"
    path.write_bytes(b"\n".join(lines))
    results = list(read_inputs([str(path)]))
    assert [r.id for r in results if isinstance(r, Article)] == ["ok", "sep"]
    bad = {r.item.split(" ")[0]: r.reason for r in results if isinstance(r, BadInputError)}
    assert "not valid UTF-8" in bad["in.jsonl:2"]
    assert "nested too deeply" in bad["in.jsonl:3"]
    assert "lone surrogate" in bad["in.jsonl:4"]
    assert "'id'" in bad["in.jsonl:5"] and "control characters" in bad["in.jsonl:6"]


def test_an_article_that_cannot_be_hashed_is_reported_not_raised(pipeline, tmp_path):
    from strife.ingest import ingest
    from strife.store import Store

    items = [Article(id="sur", text="Police arrested 12 people \ud800 in Lima."),
             Article(id="ok", text="Police arrested 12 people in Lima on Monday.", published="2024-03-07")]
    with Store(str(tmp_path / "s.db")) as store:
        reports = list(ingest(items, pipeline, store))
    assert [e.item for r in reports for e in r.skipped] == ["sur"]
    assert [i for r in reports for i in r.stored] == ["ok"]


def test_ingest_cleans_each_page_once(pipeline, tmp_path, monkeypatch):
    # ingest hashes the clean text before the pipeline's clean stage runs: one extraction serves both.
    import strife.pipeline as pipeline_module
    from strife.ingest import ingest
    from strife.store import Store

    calls = []
    real = pipeline_module.clean
    monkeypatch.setattr(pipeline_module, "clean", lambda article: calls.append(article.id) or real(article))
    pages = [Article(id=f"p{i}", html=f"<html><body><article><p>Police arrested {i + 2} protesters in Lima on "
                                       f"Monday, officials said.</p></article></body></html>", published="2024-03-07")
             for i in range(3)]
    with Store(str(tmp_path / "s.db")) as store:
        stored = [i for r in ingest(pages, pipeline, store) for i in r.stored]
    assert stored == ["p0", "p1", "p2"] and calls == ["p0", "p1", "p2"]
