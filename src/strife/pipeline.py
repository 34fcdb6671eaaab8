"""The pipeline runner: the stages, in order, over one typed state per article.

`STAGES` below is the whole pipeline, one line per stage with what it reads and writes.
Each stage is a small function here that calls its own module; the runner gives each
article an `ArticleState`, runs the stages over it and turns any exception a stage raises
into that article's `ArticleError` (id, stage, reason, traceback), so one article that trips
a bug never stops a batch. `Pipeline` loads the heavy parts (spaCy, the gazetteer) once;
`run_batch` parses `batch_size` articles at a time; `strife.extract` is the one-call API.
"""
from __future__ import annotations

import signal
import threading
import traceback
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property

from spacy.tokens import Doc

from . import config
from .actor_names import Lexicon, lexicon_for
from .actor_roles import ActorsByMention, find_actors
from .articles import ReadResult, parse_published
from .assemble import assemble
from .clean import CleanArticle, clean
from .counts import CountsBySentence, counts_by_sentence
from .errors import ArticleError, BadInputError, UsageError
from .event_model import EventModel
from .event_training import load_event_model
from .events import find_mentions
from .gazetteer import Gazetteer
from .language import non_english_reason
from .mentions import Mention
from .nlp import build_nlp
from .places import PlaceMention, find_places
from .record import Article, Event
from .relevance import is_relevant
from .timex import Timex, find_times


@dataclass
class ArticleResult:
    article: CleanArticle
    events: list[Event]


@dataclass
class ArticleState:
    """What the stages know about one article; each stage fills its own fields."""

    article: Article
    cleaned: CleanArticle | None = None
    doc: Doc | None = None
    places: list[PlaceMention] = field(default_factory=list)
    times: list[Timex] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    actors: ActorsByMention = field(default_factory=dict)
    counts: CountsBySentence = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    finished: bool = False      # a stage found nothing more to read (off-topic, no event mention)
    error: BadInputError | None = None   # the batched parse failed on this article

    def result(self) -> ArticleResult:
        assert self.cleaned is not None
        return ArticleResult(self.cleaned, self.events)


StageRun = Callable[["Pipeline", ArticleState], None]
StageRunMany = Callable[["Pipeline", list[ArticleState]], None]


@dataclass(frozen=True)
class Stage:
    name: str
    reads: str
    writes: str
    run: StageRun
    run_many: StageRunMany | None = None    # the same over many articles at once (run_batch)


def _clean(p: Pipeline, s: ArticleState) -> None:
    s.cleaned = p.clean(s.article)
    reason = non_english_reason(s.cleaned.text)
    if reason:
        raise BadInputError(s.article.id, reason)
    s.finished = p.prefilter and not is_relevant(s.cleaned.text)


def _parse(p: Pipeline, s: ArticleState) -> None:
    s.doc = p.nlp(s.cleaned.text)


def _parse_many(p: Pipeline, states: list[ArticleState]) -> None:
    docs = list(p.nlp.pipe(s.cleaned.text for s in states))   # spaCy is faster on batches
    for state, doc in zip(states, docs, strict=True):
        state.doc = doc


def _places(p: Pipeline, s: ArticleState) -> None:
    s.places = find_places(s.doc, p.gazetteer)


def _times(p: Pipeline, s: ArticleState) -> None:
    s.times = find_times(s.cleaned.text, _published(s.cleaned))


def _events(p: Pipeline, s: ArticleState) -> None:
    s.mentions = find_mentions(s.doc, p.event_model)
    s.finished = not s.mentions


def _actors(p: Pipeline, s: ArticleState) -> None:
    s.actors = find_actors(s.doc, s.mentions, p.gazetteer.country_code, p.actor_lexicon)


def _counts(p: Pipeline, s: ArticleState) -> None:
    s.counts = counts_by_sentence(s.doc)


def _assemble(p: Pipeline, s: ArticleState) -> None:
    s.events = assemble(s.cleaned, s.doc, s.places, s.times, s.mentions, s.counts, s.actors, p.gazetteer)
    _unique_ids(s.events)


STAGES: tuple[Stage, ...] = (
    Stage("clean",    "article",                      "cleaned (text, title, date, language)", _clean),
    Stage("parse",    "cleaned",                      "doc (spaCy: sentences, tags, entities)", _parse, _parse_many),
    Stage("places",   "doc",                          "places (gazetteer matches, resolved)", _places),
    Stage("times",    "cleaned",                      "times (calendar dates)", _times),
    Stage("events",   "doc",                          "mentions (typed event mentions)", _events),
    Stage("actors",   "doc, mentions",                "actors (actor1/actor2 per mention)", _actors),
    Stage("counts",   "doc",                          "counts (killed/injured/... per sentence)", _counts),
    Stage("assemble", "cleaned, doc, places, times, mentions, actors, counts", "events", _assemble),
)
_PARSE = next(i for i, stage in enumerate(STAGES) if stage.name == "parse")
# Pipeline.clean remembers this many recent articles (two parse batches), if not too long.
MEMO_SIZE, MEMO_MAX_CHARS = 64, 2_000_000


class Pipeline:
    def __init__(self, model: str | None = None, prefilter: bool = False, model_dir: str | None = None):
        # model: the spaCy pipeline; model_dir: the event model (None: the `model_dir` setting).
        # prefilter: articles that strife.relevance finds no conflict words in get no parse.
        self.prefilter = prefilter
        self.gazetteer = Gazetteer.load()
        self.nlp = build_nlp(model)
        self.model_dir = config.get("model_dir") if model_dir is None else model_dir
        if self.model_dir.strip().lower() not in ("", "rules", "default"):
            _ = self.event_model    # a model folder that cannot be read is the run's error, not each article's
        self.stages: tuple[Stage, ...] = with_injected_fault(STAGES, config.get("inject_fault"))
        self._cleaned: OrderedDict[tuple, CleanArticle] = OrderedDict()

    @cached_property
    def actor_lexicon(self) -> Lexicon:
        """The team's actor dictionary, plus the actor list of the event model folder, if any."""
        return lexicon_for(self.model_dir)

    @cached_property
    def event_model(self) -> EventModel | None:
        """The event model (loaded, or built from the team corpus, when first needed)."""
        return load_event_model(self.model_dir, self.nlp)

    def clean(self, article: Article) -> CleanArticle:
        """The clean article in any language, cut to `max_chars` at a paragraph end.

        The last few are remembered: `ingest` cleans an article to hash it before the
        pipeline's clean stage sees it, and HTML extraction is the costliest step for a page."""
        key = (article.id, article.text, article.html, article.published, article.title, article.url, article.source)
        if key in self._cleaned:
            self._cleaned.move_to_end(key)
            return self._cleaned[key]
        cleaned = clean(article)
        limit = config.get_int("max_chars")
        if len(cleaned.text) > limit:
            cut = cleaned.text.rfind("\n\n", 0, limit)
            cleaned = replace(cleaned, text=cleaned.text[: cut if cut > 0 else limit])
        if len(article.html or article.text or "") <= MEMO_MAX_CHARS:
            self._cleaned[key] = cleaned
            if len(self._cleaned) > MEMO_SIZE:
                self._cleaned.popitem(last=False)
        return cleaned

    def places(self, text: str) -> list[PlaceMention]:
        return find_places(self.nlp(text), self.gazetteer)

    def times(self, text: str, published: str | None) -> list[Timex]:
        return find_times(text, date.fromisoformat(published) if published else None)

    def plover(self, text: str, events: list[Event] | None = None):
        """PLOVER type of a text's main act (also for acts ACLED does not code)."""
        from .plover import sentence_plover

        main = events[0].plover if events else None
        return sentence_plover(self.nlp(text), main)

    def process(self, article: Article) -> ArticleResult:
        """Events of one article; BadInputError (an ArticleError for a fault in a stage) when
        it cannot be read or takes longer than its time budget."""
        state = ArticleState(article)
        with time_budget(article.id, config.get_int("article_seconds")):
            self._run_stages(state, self.stages)
        return state.result()

    def run_clean(self, items: Iterable[ReadResult]) -> Iterator[CleanArticle | BadInputError]:
        """Clean articles (any language) in input order; a bad one becomes its error."""
        for item in items:
            if isinstance(item, BadInputError):
                yield item
                continue
            try:
                with time_budget(item.id, config.get_int("article_seconds")):
                    yield isolate(item.id, "clean", lambda: self.clean(item))
            except BadInputError as exc:
                yield exc

    def run_batch(self, items: Iterable[ReadResult], batch_size: int = 32) -> Iterator[ArticleResult | BadInputError]:
        """Results and errors in input order; one bad article never stops the rest.

        Articles are cleaned one by one, then parsed `batch_size` at a time (spaCy is
        faster on batches), then read one by one, each within its time budget.
        """
        chunk: list[ReadResult] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= batch_size:
                yield from self._run_chunk(chunk)
                chunk = []
        if chunk:
            yield from self._run_chunk(chunk)

    def _run_chunk(self, items: list[ReadResult]) -> Iterator[ArticleResult | BadInputError]:
        before, after = self.stages[:_PARSE], self.stages[_PARSE + 1:]
        staged: list[ArticleState | BadInputError] = []
        for item in items:
            if isinstance(item, BadInputError):
                staged.append(item)
                continue
            state = ArticleState(item)
            staged.append(self._attempt(state, before))
        self._parse_all([s for s in staged if isinstance(s, ArticleState) and not s.finished])
        for entry in staged:
            if isinstance(entry, ArticleState) and not entry.finished:
                entry = self._attempt(entry, after)
            # outside the budget: the consumer's time is not the article's
            yield entry.result() if isinstance(entry, ArticleState) else entry

    def _attempt(self, state: ArticleState, stages: tuple[Stage, ...]) -> ArticleState | BadInputError:
        try:
            with time_budget(state.article.id, config.get_int("article_seconds")):
                self._run_stages(state, stages)
        except BadInputError as exc:
            return exc
        return state

    def _parse_all(self, states: list[ArticleState]) -> None:
        """The parse stage over the states as one batch; when the batch fails, one by one, so
        the article that fails the parse is the only one to lose it."""
        parse = self.stages[_PARSE]
        if not states:
            return
        try:
            parse.run_many(self, states)
            return
        except Exception:  # noqa: BLE001 - any fault in the batch: retry article by article
            pass
        for state in states:
            try:
                isolate(state.article.id, parse.name, lambda: parse.run(self, state))
            except BadInputError as exc:
                state.error = exc

    def _run_stages(self, state: ArticleState, stages: Iterable[Stage]) -> None:
        if state.error is not None:
            raise state.error
        for stage in stages:
            if state.finished:
                return
            isolate(state.article.id, stage.name, lambda: stage.run(self, state))


class InjectedFault(RuntimeError):
    """The fault `inject_fault` asked for."""


def with_injected_fault(stages: tuple[Stage, ...], spec: str) -> tuple[Stage, ...]:
    """The stages, with the one named in `spec` ("assemble:article-7") raising on that article."""
    if not spec:
        return stages
    name, _, article_id = spec.partition(":")
    if name not in {s.name for s in stages}:
        raise UsageError(f"inject_fault: no stage {name!r} (stages: {', '.join(s.name for s in stages)})")

    def fail_on(states: list[ArticleState]) -> None:
        if any(s.article.id == article_id for s in states):
            raise InjectedFault(f"injected fault in stage {name}")

    def faulty(stage: Stage) -> Stage:
        def run(p: Pipeline, s: ArticleState) -> None:
            fail_on([s])
            stage.run(p, s)

        def run_many(p: Pipeline, states: list[ArticleState]) -> None:
            fail_on(states)
            stage.run_many(p, states)

        return replace(stage, run=run, run_many=run_many if stage.run_many else None)

    return tuple(faulty(s) if s.name == name else s for s in stages)


def isolate(item: str, stage: str, run: Callable):
    """`run()`, with any exception that is not already a BadInputError turned into the
    article's ArticleError naming the stage."""
    try:
        return run()
    except BadInputError:
        raise
    except Exception as exc:  # noqa: BLE001 - one article's fault is that article's alone
        raise ArticleError(item, stage, f"{type(exc).__name__}: {exc}", traceback.format_exc()) from exc


def _published(cleaned: CleanArticle) -> date | None:
    return date.fromisoformat(cleaned.published) if cleaned.published else None


@contextmanager
def time_budget(item: str, seconds: int):
    """Raise BadInputError for `item` when the block runs longer than `seconds`.

    Uses SIGALRM, so it only applies on the main thread of a process (the CLI and each
    batch worker); elsewhere the block runs unbounded.
    """
    usable = seconds > 0 and hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise BadInputError(item, f"took longer than the {seconds} s budget for one article")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _unique_ids(events: list[Event]) -> None:
    seen: dict[str, int] = {}
    for event in events:
        n = seen.get(event.event_id, 0)
        seen[event.event_id] = n + 1
        if n:
            event.event_id = f"{event.event_id}-{n}"


_DEFAULTS: dict[str, Pipeline] = {}


def default_pipeline() -> Pipeline:
    """One shared pipeline per event model setting (spaCy and the gazetteer load once)."""
    key = config.get("model_dir")
    if key not in _DEFAULTS:
        _DEFAULTS[key] = Pipeline()
    return _DEFAULTS[key]


def extract(text_or_html: str, published: str | None = None, article_id: str = "article") -> list[Event]:
    """The events of one article given as plain text or an HTML page."""
    pub = parse_published(published) if published else None
    is_html = text_or_html.lstrip()[:200].lower().startswith(("<!doctype", "<html")) or "</p>" in text_or_html
    article = Article(id=article_id, published=pub, **{"html" if is_html else "text": text_or_html})
    return default_pipeline().process(article).events
