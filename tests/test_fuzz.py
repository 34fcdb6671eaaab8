"""Fuzzing the input paths: every bad item gets a clear error, no crash, no hang, and the
good items of the same batch are kept."""
import json

from hypothesis import HealthCheck, given, settings, strategies as st

from strife.articles import articles_from_jsonl, decode_text, parse_published, read_inputs
from strife.errors import BadInputError, UsageError
from strife.record import Article

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
GOOD = "Police arrested twelve protesters in Nairobi on Monday, officials said."


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes_are_decoded_or_refused(raw):
    try:
        text = decode_text(raw, "f.txt")
    except BadInputError as exc:
        assert exc.item == "f.txt" and exc.reason
    else:
        assert isinstance(text, str) and text.strip()


json_values = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=20),
                           lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
                           max_leaves=8)


@FUZZ
@given(st.lists(st.dictionaries(st.sampled_from(["id", "text", "html", "published", "title", "url", "source", "x"]),
                                json_values, max_size=6), max_size=6))
def test_jsonl_with_wrong_keys_and_types_never_crashes(objects):
    lines = [json.dumps(o) for o in objects] + [json.dumps({"id": "good-one", "text": GOOD})]
    results = list(articles_from_jsonl(lines, "in.jsonl"))
    assert len(results) == len(lines)
    assert all(isinstance(r, (Article, BadInputError)) for r in results)
    assert isinstance(results[-1], Article) or "duplicate" in results[-1].reason
    for r in results:
        if isinstance(r, BadInputError):
            assert r.item.startswith("in.jsonl:") and r.reason


@FUZZ
@given(st.text(max_size=40))
def test_published_dates_parse_or_raise_usage_error(text):
    try:
        iso = parse_published(text)
    except UsageError as exc:
        assert "unknown date" in str(exc)
    else:
        assert len(iso) == 10


def test_impossible_and_relative_dates_are_refused():
    for text in ["2023-02-30", "tomorrow", "yesterday", "2023-13-01"]:
        try:
            parse_published(text)
        except UsageError:
            continue
        raise AssertionError(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=400))
def test_pipeline_on_random_text_returns_events_or_a_clear_error(pipeline, text):
    try:
        result = pipeline.process(Article(id="fuzz", text=text, published="2024-03-07"))
    except BadInputError as exc:
        assert exc.item == "fuzz" and exc.reason
        return
    for event in result.events:
        assert result.article.text[event.evidence.start:event.evidence.end] == event.evidence.text


def test_hostile_inputs_in_one_batch_keep_the_good_article(pipeline):
    items = [
        Article(id="empty", text="   \n\t "),
        Article(id="controls", text="\x00\x01\x02 \x1b[31m" * 50),
        Article(id="rtl", text="اندلعت اشتباكات عنيفة يوم الثلاثاء بين قوات الأمن والمتظاهرين في المدينة القديمة"),
        Article(id="french", text="Des affrontements ont éclaté mardi entre les forces de sécurité et des manifestants "
                                  "dans la ville, faisant trois morts selon la police locale."),
        Article(id="longline", text="x" * 1_000_000),
        Article(id="nested", html="<html><body>" + "<div>" * 3000 + "<p>text</p>" + "</div>" * 3000 + "</body></html>"),
        Article(id="good", text=GOOD, published="2024-03-07"),
    ]
    results = list(pipeline.run_batch(items))
    assert len(results) == len(items)
    by_id = {getattr(r, "item", None) or r.article.id: r for r in results}
    assert isinstance(by_id["empty"], BadInputError)
    assert "not English" in by_id["rtl"].reason and "Arabic" in by_id["rtl"].reason
    assert "not English" in by_id["french"].reason
    assert by_id["good"].events and by_id["good"].events[0].sub_event_type in {"Arrests", "Protest with intervention"}


def test_time_budget_turns_a_slow_article_into_an_error():
    import time

    from strife.pipeline import time_budget

    try:
        with time_budget("slow", 1):
            time.sleep(3)
    except BadInputError as exc:
        assert exc.item == "slow" and "budget" in exc.reason
    else:
        raise AssertionError("no timeout")


def test_read_inputs_on_a_folder_of_hostile_files(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe\x00\x00garbage")
    (tmp_path / "b.html").write_text("")
    (tmp_path / "c.jsonl").write_text('{"id": 1, "text": 5}\n{"id": "ok", "text": "fine text"}\nnot json\n')
    (tmp_path / "d.txt").write_text(GOOD)
    results = list(read_inputs([str(tmp_path)]))
    good = [r.id for r in results if isinstance(r, Article)]
    assert good == ["ok", "d.txt"]
    assert sum(isinstance(r, BadInputError) for r in results) == 4
