"""The pipeline runner: clean -> nlp -> events/actors/counts/time/places -> assemble.

`Pipeline` loads the heavy parts (spaCy, the gazetteer) once and then runs articles one by
one; `run_batch` keeps going past bad articles and reports them. `strife.extract` is the
one-call Python API.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Iterator

from . import config
from .articles import ReadResult, parse_published
from .assemble import assemble
from .clean import CleanArticle, clean
from .errors import BadInputError, StrifeError
from .gazetteer import Gazetteer
from .nlp import build_nlp
from .places import PlaceMention, find_places
from .record import Article, Event
from .relevance import is_relevant
from .timex import Timex, find_times


@dataclass
class ArticleResult:
    article: CleanArticle
    events: list[Event]


class Pipeline:
    def __init__(self, model: str | None = None, prefilter: bool = False):
        # prefilter: articles that strife.relevance finds no conflict words in get no parse.
        self.prefilter = prefilter
        self.gazetteer = Gazetteer.load()
        self.nlp = build_nlp(model)

    def clean(self, article: Article) -> CleanArticle:
        cleaned = clean(article)
        limit = config.get_int("max_chars")
        if len(cleaned.text) > limit:
            cut = cleaned.text.rfind("\n\n", 0, limit)
            cleaned = CleanArticle(cleaned.id, cleaned.title, cleaned.published,
                                   cleaned.text[: cut if cut > 0 else limit], cleaned.url, cleaned.source)
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
        """Events of one article; BadInputError when it cannot be read as one or takes
        longer than its time budget."""
        with time_budget(article.id, config.get_int("article_seconds")):
            return self._process(article)

    def _process(self, article: Article) -> ArticleResult:
        cleaned = self.clean(article)
        if self.prefilter and not is_relevant(cleaned.text):
            return ArticleResult(cleaned, [])
        return self._read(cleaned, self.nlp(cleaned.text))

    def _read(self, cleaned: CleanArticle, doc) -> ArticleResult:
        """Every stage after the parse, on one parsed article."""
        places = find_places(doc, self.gazetteer)
        times = find_times(cleaned.text, date.fromisoformat(cleaned.published) if cleaned.published else None)
        events = assemble(cleaned, doc, places, times, self.gazetteer)
        _unique_ids(events)
        return ArticleResult(cleaned, events)

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
        staged: list[ArticleResult | BadInputError | CleanArticle] = []
        for item in items:
            if isinstance(item, BadInputError):
                staged.append(item)
                continue
            try:
                with time_budget(item.id, config.get_int("article_seconds")):
                    cleaned = self.clean(item)
            except StrifeError as exc:
                staged.append(exc if isinstance(exc, BadInputError) else BadInputError(item.id, str(exc)))
                continue
            if self.prefilter and not is_relevant(cleaned.text):
                staged.append(ArticleResult(cleaned, []))
            else:
                staged.append(cleaned)
        to_parse = [s for s in staged if isinstance(s, CleanArticle)]
        docs = iter(self.nlp.pipe(c.text for c in to_parse))
        for entry in staged:
            if not isinstance(entry, CleanArticle):
                yield entry
                continue
            doc = next(docs)
            try:
                with time_budget(entry.id, config.get_int("article_seconds")):
                    result = self._read(entry, doc)
            except StrifeError as exc:
                result = exc if isinstance(exc, BadInputError) else BadInputError(entry.id, str(exc))
            yield result  # outside the budget: the consumer's time is not the article's


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


_DEFAULT: Pipeline | None = None


def default_pipeline() -> Pipeline:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Pipeline()
    return _DEFAULT


def extract(text_or_html: str, published: str | None = None, article_id: str = "article") -> list[Event]:
    """The events of one article given as plain text or an HTML page."""
    pub = parse_published(published) if published else None
    is_html = text_or_html.lstrip()[:200].lower().startswith(("<!doctype", "<html")) or "</p>" in text_or_html
    article = Article(id=article_id, published=pub, **{"html" if is_html else "text": text_or_html})
    return default_pipeline().process(article).events
